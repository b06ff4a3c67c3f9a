package io.campaignpulse.graphql.mailing;

import java.util.List;

import io.campaignpulse.graphql.paging.Connection;
import io.campaignpulse.mailing.StoredMailingStats;

public class MailingConnection extends Connection<MailingEdge> {

    private MailingConnection(List<StoredMailingStats> fetched, int size) {
        super(fetched, size, row -> new MailingEdge(new Mailing(row)));
    }

    /** @param fetched up to {@code size + 1} rows */
    static MailingConnection of(List<StoredMailingStats> fetched, int size) {
        return new MailingConnection(fetched, size);
    }
}
