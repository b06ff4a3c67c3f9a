package io.campaignpulse.graphql.mailing;

import io.campaignpulse.graphql.paging.Cursors;
import io.campaignpulse.graphql.paging.Edge;

public class MailingEdge extends Edge<Mailing> {

    MailingEdge(Mailing node) {
        super(Cursors.mailing(node.activityKey()), node);
    }
}
