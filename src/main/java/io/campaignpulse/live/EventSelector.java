package io.campaignpulse.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.campaignpulse.event.EventType;
import io.campaignpulse.event.StoredEvent;

/**
 * Which events a subscriber wants: every condition given must hold (null = any). {@code from} and
 * {@code to} bound the provider's time of the event ({@code occurredAt}, arrival time where the
 * provider sent none); {@code to} is exclusive.
 */
public record EventSelector(Set<EventType> types, Long clientId, Long mailingId, String recipientId, Long userListId,
        Instant from, Instant to) {

    public static final EventSelector ALL = new EventSelector(null, null, null, null, null, null, null);

    public boolean matches(StoredEvent event) {
        if (types != null && !types.isEmpty() && !types.contains(event.type)) {
            return false;
        }
        if (clientId != null && !clientId.equals(event.clientId)
                || mailingId != null && !mailingId.equals(event.mailingId)
                || userListId != null && !userListId.equals(event.userListId)
                || recipientId != null && !recipientId.equals(event.recipientId)) {
            return false;
        }
        if (from != null || to != null) {
            Instant at = (event.occurredAt != null ? event.occurredAt : event.receivedAt).toInstant();
            return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
        }
        return true;
    }

    /** The same conditions as JPQL on alias {@code e}, for replays from the database. */
    Condition asJpql() {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (types != null && !types.isEmpty()) {
            clauses.add("e.type in :types");
            parameters.put("types", types);
        }
        add(clauses, parameters, "e.clientId = :clientId", "clientId", clientId);
        add(clauses, parameters, "e.mailingId = :mailingId", "mailingId", mailingId);
        add(clauses, parameters, "e.userListId = :userListId", "userListId", userListId);
        add(clauses, parameters, "e.recipientId = :recipientId", "recipientId", recipientId);
        add(clauses, parameters, "coalesce(e.occurredAt, e.receivedAt) >= :from", "from",
                from == null ? null : from.atOffset(java.time.ZoneOffset.UTC));
        add(clauses, parameters, "coalesce(e.occurredAt, e.receivedAt) < :to", "to",
                to == null ? null : to.atOffset(java.time.ZoneOffset.UTC));
        return new Condition(clauses.isEmpty() ? "" : " and " + String.join(" and ", clauses), parameters);
    }

    private static void add(List<String> clauses, Map<String, Object> parameters, String clause, String name, Object value) {
        if (Objects.nonNull(value)) {
            clauses.add(clause);
            parameters.put(name, value);
        }
    }

    record Condition(String jpql, Map<String, Object> parameters) {
    }
}
