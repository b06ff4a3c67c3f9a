package io.campaignpulse.live;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.campaignpulse.event.EventCriteria;
import io.campaignpulse.event.StoredEvent;

/**
 * {@link EventCriteria} applied to live events in memory, and as JPQL for replays, with the same
 * meaning as the events query: null parts match all, an empty type set matches nothing, {@code from}
 * inclusive and {@code to} exclusive on the event's own time (arrival where the provider sent none).
 */
final class EventMatching {

    private EventMatching() {
    }

    static boolean matches(EventCriteria criteria, StoredEvent event) {
        if (criteria.types() != null && !criteria.types().contains(event.type)) {
            return false;
        }
        if (criteria.visibleClients() != null && (event.clientId == null || !criteria.visibleClients().contains(event.clientId))) {
            // outside the subscriber's client scope
            return false;
        }
        if (criteria.clientId() != null && !criteria.clientId().equals(event.clientId)
                || criteria.mailingId() != null && !criteria.mailingId().equals(event.mailingId)
                || criteria.userListId() != null && !criteria.userListId().equals(event.userListId)
                || criteria.recipientId() != null && !criteria.recipientId().equals(event.recipientId)) {
            return false;
        }
        if (criteria.from() == null && criteria.to() == null) {
            return true;
        }
        OffsetDateTime at = event.occurredAt != null ? event.occurredAt : event.receivedAt;
        return (criteria.from() == null || !at.isBefore(criteria.from())) && (criteria.to() == null || at.isBefore(criteria.to()));
    }

    /** Whether no event can ever match (so a replay need not ask the database). */
    static boolean matchesNothing(EventCriteria criteria) {
        return criteria.matchesNothing();
    }

    /** The conditions as JPQL on alias {@code e}, each prefixed with " and ". */
    static Condition asJpql(EventCriteria criteria) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        add(clauses, parameters, "e.type in (:types)", "types", criteria.types());
        add(clauses, parameters, "e.clientId in (:visibleClients)", "visibleClients", criteria.visibleClients());
        add(clauses, parameters, "e.clientId = :clientId", "clientId", criteria.clientId());
        add(clauses, parameters, "e.mailingId = :mailingId", "mailingId", criteria.mailingId());
        add(clauses, parameters, "e.userListId = :userListId", "userListId", criteria.userListId());
        add(clauses, parameters, "e.recipientId = :recipientId", "recipientId", criteria.recipientId());
        add(clauses, parameters, "e.eventAt >= :from", "from", criteria.from());
        add(clauses, parameters, "e.eventAt < :to", "to", criteria.to());
        StringBuilder jpql = new StringBuilder();
        clauses.forEach(clause -> jpql.append(" and ").append(clause));
        return new Condition(jpql.toString(), parameters);
    }

    private static void add(List<String> clauses, Map<String, Object> parameters, String clause, String name, Object value) {
        if (value != null) {
            clauses.add(clause);
            parameters.put(name, value);
        }
    }

    record Condition(String jpql, Map<String, Object> parameters) {
    }
}
