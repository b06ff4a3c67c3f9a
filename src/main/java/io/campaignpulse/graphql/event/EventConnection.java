package io.campaignpulse.graphql.event;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.campaignpulse.event.StoredEvent;
import io.campaignpulse.graphql.paging.PageInfo;

public class EventConnection {

    private final List<EventEdge> edges;
    private final PageInfo pageInfo;

    EventConnection(List<EventEdge> edges, PageInfo pageInfo) {
        this.edges = edges;
        this.pageInfo = pageInfo;
    }

    /** @param fetched up to {@code size + 1} events: one more than the page tells whether another page follows */
    static EventConnection of(List<StoredEvent> fetched, int size) {
        List<EventEdge> edges = fetched.stream().limit(size).map(e -> new EventEdge(EventFields.of(e))).toList();
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).getCursor();
        return new EventConnection(edges, new PageInfo(fetched.size() > size, end));
    }

    @NonNull
    public List<@NonNull EventEdge> getEdges() {
        return edges;
    }

    @NonNull
    public PageInfo getPageInfo() {
        return pageInfo;
    }
}
