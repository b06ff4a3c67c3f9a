package io.campaignpulse.graphql;

import org.eclipse.microprofile.graphql.NonNull;

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
