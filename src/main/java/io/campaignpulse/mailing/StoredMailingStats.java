package io.campaignpulse.mailing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.hibernate.annotations.Immutable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of {@code mailing_stats}: the counters of a mailing as of the last projection that counted its events.
 * <p>
 * Read-only ({@link Immutable}): only the read-model projection writes these rows, with one set-based statement per
 * projection ({@link MailingStatsUpdater}, docs/PERSISTENCE.md), so Hibernate keeps no snapshot of them and
 * never flushes a change.
 */
@Entity
@Immutable
@Table(name = "mailing_stats")
public class StoredMailingStats {

    @Id
    @Column(name = "mailing_id")
    private long mailingId;

    @Column(name = "client_id")
    private Long clientId;

    private long sent;

    private long opens;

    @Column(name = "unique_opens")
    private long uniqueOpens;

    private long clicks;

    @Column(name = "unique_clicks")
    private long uniqueClicks;

    @Column(name = "soft_bounces")
    private long softBounces;

    @Column(name = "hard_bounces")
    private long hardBounces;

    private long unsubscribes;

    @Column(name = "spam_complaints")
    private long spamComplaints;

    @Column(name = "first_event_at")
    private OffsetDateTime firstEventAt;

    @Column(name = "last_event_at")
    private OffsetDateTime lastEventAt;

    /** range.last of the projection that last changed this row: which mailings a committed transaction changed. */
    @Column(name = "changed_seq")
    private long changedSeq;

    protected StoredMailingStats() {
        // for Hibernate
    }

    public long mailingId() {
        return mailingId;
    }

    public Long clientId() {
        return clientId;
    }

    public long sent() {
        return sent;
    }

    public long opens() {
        return opens;
    }

    public long uniqueOpens() {
        return uniqueOpens;
    }

    public long clicks() {
        return clicks;
    }

    public long uniqueClicks() {
        return uniqueClicks;
    }

    public long softBounces() {
        return softBounces;
    }

    public long hardBounces() {
        return hardBounces;
    }

    public long unsubscribes() {
        return unsubscribes;
    }

    public long spamComplaints() {
        return spamComplaints;
    }

    /** In UTC, whatever the time zone of the JVM, like every time the API returns. */
    public OffsetDateTime firstEventAt() {
        return firstEventAt.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** In UTC, whatever the time zone of the JVM, like every time the API returns. */
    public OffsetDateTime lastEventAt() {
        return lastEventAt.withOffsetSameInstant(ZoneOffset.UTC);
    }

    public long changedSeq() {
        return changedSeq;
    }
}
