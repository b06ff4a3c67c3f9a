package io.campaignpulse.graphql.event;

import org.eclipse.microprofile.graphql.NonNull;

public class EventEdge {

    private final Event node;

    EventEdge(Event node) {
        this.node = node;
    }

    @NonNull
    public String getCursor() {
        return node.getCursor();
    }

    @NonNull
    public Event getNode() {
        return node;
    }
}
