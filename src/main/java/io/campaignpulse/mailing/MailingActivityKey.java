package io.campaignpulse.mailing;

import java.time.OffsetDateTime;

/** Position in the most-recent-activity-first order of mailings: (last event time, mailing id), both descending. */
public record MailingActivityKey(OffsetDateTime lastEventAt, long mailingId) {
}
