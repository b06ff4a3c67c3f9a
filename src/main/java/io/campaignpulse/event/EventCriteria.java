package io.campaignpulse.event;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Which events to list; every null (or empty) part matches everything. {@code from} is inclusive,
 * {@code to} exclusive, both on the event's own time ({@code created}, or its arrival where missing).
 * {@code visibleClients} is the caller's client scope: null sees every event, otherwise only events
 * of those clients (an empty set sees none, and events of no client are seen only with null).
 */
public record EventCriteria(
        Set<EventType> types,
        Long clientId,
        Long mailingId,
        String recipientId,
        Long userListId,
        OffsetDateTime from,
        OffsetDateTime to,
        Set<Long> visibleClients) {

    public static final EventCriteria ALL = new EventCriteria(null, null, null, null, null, null, null, null);

    /** Criteria over every client (no client scope). */
    public EventCriteria(Set<EventType> types, Long clientId, Long mailingId, String recipientId, Long userListId,
            OffsetDateTime from, OffsetDateTime to) {
        this(types, clientId, mailingId, recipientId, userListId, from, to, null);
    }

    public EventCriteria withMailingId(Long id) {
        return new EventCriteria(types, clientId, id, recipientId, userListId, from, to, visibleClients);
    }

    public EventCriteria withRecipientId(String id) {
        return new EventCriteria(types, clientId, mailingId, id, userListId, from, to, visibleClients);
    }

    /** Only the events of these clients (null: every client). */
    public EventCriteria visibleTo(Set<Long> clients) {
        return new EventCriteria(types, clientId, mailingId, recipientId, userListId, from, to,
                clients == null ? null : Set.copyOf(clients));
    }

    /** Whether no event can match (an empty type set, or a scope that sees no client). */
    public boolean matchesNothing() {
        return types != null && types.isEmpty() || visibleClients != null && visibleClients.isEmpty();
    }
}
