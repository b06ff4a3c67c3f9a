package io.campaignpulse.graphql.mailing;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.campaignpulse.mailing.MailingActivityKey;
import io.campaignpulse.mailing.StoredMailingStats;

/** A mailing as seen through its events. {@code topLinks} and {@code events} are resolved in {@link MailingQueries}. */
public class Mailing {

    private final StoredMailingStats row;

    public Mailing(StoredMailingStats row) {
        this.row = row;
    }

    @NonNull
    @Id
    public long getMailingId() {
        return row.mailingId();
    }

    @Id
    public Long getClientId() {
        return row.clientId();
    }

    @NonNull
    public MailingStats getStats() {
        return new MailingStats(row);
    }

    public OffsetDateTime getFirstEventAt() {
        return row.firstEventAt();
    }

    public OffsetDateTime getLastEventAt() {
        return row.lastEventAt();
    }

    @Ignore
    public MailingActivityKey activityKey() {
        return new MailingActivityKey(row.lastEventAt(), row.mailingId());
    }
}
