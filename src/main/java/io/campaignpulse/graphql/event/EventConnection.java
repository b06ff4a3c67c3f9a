package io.campaignpulse.graphql.event;

import java.util.List;

import io.campaignpulse.event.StoredEvent;
import io.campaignpulse.graphql.paging.Connection;

public class EventConnection extends Connection<EventEdge> {

    private EventConnection(List<StoredEvent> fetched, int size) {
        super(fetched, size, event -> new EventEdge(EventFields.of(event)));
    }

    /** @param fetched up to {@code size + 1} events: one more than the page tells whether another page follows */
    static EventConnection of(List<StoredEvent> fetched, int size) {
        return new EventConnection(fetched, size);
    }
}
