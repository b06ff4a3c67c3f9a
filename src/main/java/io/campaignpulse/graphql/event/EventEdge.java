package io.campaignpulse.graphql.event;

import io.campaignpulse.graphql.paging.Edge;

public class EventEdge extends Edge<Event> {

    EventEdge(Event node) {
        super(node.getCursor(), node);
    }
}
