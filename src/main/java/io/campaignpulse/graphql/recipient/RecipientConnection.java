package io.campaignpulse.graphql.recipient;

import java.util.List;

import io.campaignpulse.graphql.paging.Connection;
import io.campaignpulse.recipient.RecipientView;

public class RecipientConnection extends Connection<RecipientEdge> {

    private RecipientConnection(List<RecipientView> fetched, int size) {
        super(fetched, size, row -> new RecipientEdge(new Recipient(row)));
    }

    /** @param fetched up to {@code size + 1} rows */
    static RecipientConnection of(List<RecipientView> fetched, int size) {
        return new RecipientConnection(fetched, size);
    }
}
