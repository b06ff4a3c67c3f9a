package io.campaignpulse.graphql.recipient;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.campaignpulse.graphql.paging.PageInfo;
import io.campaignpulse.recipient.RecipientView;

public class RecipientConnection {

    private final List<RecipientEdge> edges;
    private final PageInfo pageInfo;

    private RecipientConnection(List<RecipientEdge> edges, PageInfo pageInfo) {
        this.edges = edges;
        this.pageInfo = pageInfo;
    }

    /** @param fetched up to {@code size + 1} rows */
    static RecipientConnection of(List<RecipientView> fetched, int size) {
        List<RecipientEdge> edges = fetched.stream().limit(size).map(r -> new RecipientEdge(new Recipient(r))).toList();
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).getCursor();
        return new RecipientConnection(edges, new PageInfo(fetched.size() > size, end));
    }

    @NonNull
    public List<@NonNull RecipientEdge> getEdges() {
        return edges;
    }

    @NonNull
    public PageInfo getPageInfo() {
        return pageInfo;
    }
}
