package io.campaignpulse.graphql.mailing;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.campaignpulse.graphql.paging.PageInfo;
import io.campaignpulse.mailing.StoredMailingStats;

public class MailingConnection {

    private final List<MailingEdge> edges;
    private final PageInfo pageInfo;

    private MailingConnection(List<MailingEdge> edges, PageInfo pageInfo) {
        this.edges = edges;
        this.pageInfo = pageInfo;
    }

    /** @param fetched up to {@code size + 1} rows */
    static MailingConnection of(List<StoredMailingStats> fetched, int size) {
        List<MailingEdge> edges = fetched.stream().limit(size).map(r -> new MailingEdge(new Mailing(r))).toList();
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).getCursor();
        return new MailingConnection(edges, new PageInfo(fetched.size() > size, end));
    }

    @NonNull
    public List<@NonNull MailingEdge> getEdges() {
        return edges;
    }

    @NonNull
    public PageInfo getPageInfo() {
        return pageInfo;
    }
}
