package io.campaignpulse.recipient;

import java.time.OffsetDateTime;

/** One row of {@code recipient}: the overall status across lists and the counters. */
public record RecipientRow(
        String recipientId,
        RecipientStatus status,
        OffsetDateTime lastEventAt,
        long softBounces,
        long hardBounces,
        Long statusChangedSeq) {
}
