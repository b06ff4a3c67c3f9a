package io.campaignpulse.graphql.recipient;

import io.campaignpulse.graphql.paging.Cursors;
import io.campaignpulse.graphql.paging.Edge;

public class RecipientEdge extends Edge<Recipient> {

    RecipientEdge(Recipient node) {
        super(Cursors.recipient(node.getRecipientId()), node);
    }
}
