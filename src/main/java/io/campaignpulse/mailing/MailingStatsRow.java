package io.campaignpulse.mailing;

import java.time.OffsetDateTime;

/** One row of {@code mailing_stats}: the counters of a mailing as of the last committed delivery. */
public record MailingStatsRow(
        long mailingId,
        Long clientId,
        long sent,
        long opens,
        long uniqueOpens,
        long clicks,
        long uniqueClicks,
        long softBounces,
        long hardBounces,
        long unsubscribes,
        long spamComplaints,
        OffsetDateTime firstEventAt,
        OffsetDateTime lastEventAt,
        long changedSeq) {
}
