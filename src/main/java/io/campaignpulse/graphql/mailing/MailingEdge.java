package io.campaignpulse.graphql.mailing;

import org.eclipse.microprofile.graphql.NonNull;

import io.campaignpulse.graphql.paging.Cursors;

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
