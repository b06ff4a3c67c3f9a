package io.campaignpulse.event;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Which events to list; every null (or empty) part matches everything. {@code from} is inclusive,
 * {@code to} exclusive, both on the event's own time ({@code created}, or its arrival where missing).
 */
public record EventCriteria(
        Set<EventType> types,
        Long clientId,
        Long mailingId,
        String recipientId,
        Long userListId,
        OffsetDateTime from,
        OffsetDateTime to) {

    public static final EventCriteria ALL = new EventCriteria(null, null, null, null, null, null, null);

    public EventCriteria withMailingId(Long id) {
        return new EventCriteria(types, clientId, id, recipientId, userListId, from, to);
    }

    public EventCriteria withRecipientId(String id) {
        return new EventCriteria(types, clientId, mailingId, id, userListId, from, to);
    }
}
