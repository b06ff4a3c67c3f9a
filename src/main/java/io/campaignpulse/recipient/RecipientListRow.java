package io.campaignpulse.recipient;

import java.time.OffsetDateTime;

/** The status of a recipient on one list; client and list are null where the events did not name them. */
public record RecipientListRow(
        String recipientId,
        Long clientId,
        Long userListId,
        RecipientStatus status,
        OffsetDateTime changedAt,
        String reason) {
}
