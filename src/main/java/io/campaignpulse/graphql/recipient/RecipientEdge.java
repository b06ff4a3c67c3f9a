package io.campaignpulse.graphql.recipient;

import org.eclipse.microprofile.graphql.NonNull;

import io.campaignpulse.graphql.paging.Cursors;

public class RecipientEdge {

    private final Recipient node;

    RecipientEdge(Recipient node) {
        this.node = node;
    }

    @NonNull
    public String getCursor() {
        return Cursors.recipient(node.getRecipientId());
    }

    @NonNull
    public Recipient getNode() {
        return node;
    }
}
