package io.campaignpulse.graphql;

import org.eclipse.microprofile.graphql.NonNull;

public class MailingEdge {

    private final Mailing node;

    MailingEdge(Mailing node) {
        this.node = node;
    }

    @NonNull
    public String getCursor() {
        return Cursors.mailing(node.activityKey());
    }

    @NonNull
    public Mailing getNode() {
        return node;
    }
}
