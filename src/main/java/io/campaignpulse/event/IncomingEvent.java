package io.campaignpulse.event;

import java.time.Instant;

/**
 * One event of a delivery, normalised: the typed columns we extract plus the payload whole.
 * Typed fields are null where the provider left them out or sent something we cannot read;
 * the payload always keeps what was sent.
 */
public record IncomingEvent(
        String eventId,
        EventType type,
        String providerType,
        Long clientId,
        String recipientId,
        Long userListId,
        Long mailingId,
        String mailId,
        Long subscriptionId,
        String mediaType,
        String address,
        Instant occurredAt,
        String bounceCategory,
        String bounceReason,
        Boolean thresholdExceeded,
        String link,
        String payload) {
}
