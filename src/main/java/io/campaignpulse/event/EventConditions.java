package io.campaignpulse.event;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one translation of an {@link EventCriteria}: as an HQL condition on {@code StoredEvent e} with its
 * parameters (for the paged query, the live replay and the by-id read), and as the same test on an event in
 * memory (for the live feed, which reads every committed event once and hands each subscriber those it
 * matches, so a subscriber never costs a query per event).
 * <p>
 * Both forms are written here, part by part in the same order, and FilterAgreementTest holds them to
 * selecting the same rows of the real database. The in-memory test is straight-line field checks on
 * purpose: it runs for every committed event times every subscriber, on the event loop.
 */
public final class EventConditions implements Predicate<StoredEvent> {

    /** Matches nothing, without parameters: an {@code in ()} would not be valid SQL. */
    static final String NOTHING = "1 = 0";

    /**
     * The event's own time: when it happened, or when it (first) arrived where the provider sent no time. The
     * partition key event_at holds exactly that (migration V9): a range on it reads only the partitions of the range,
     * where coalesce(occurredAt, receivedAt) would make every old partition be scanned for a first match.
     */
    private static final String EVENT_TIME = "e.eventAt";

    private final EventCriteria criteria;
    private final boolean matchesNothing;
    private final String hql;
    private final Map<String, Object> parameters;

    private EventConditions(EventCriteria criteria) {
        this.criteria = criteria;
        this.matchesNothing = criteria.matchesNothing();
        List<String> clauses = new ArrayList<>(8);
        Map<String, Object> values = new LinkedHashMap<>();
        add(clauses, values, "e.type in (:types)", "types", criteria.types());
        // the caller's client scope: an event of no client is outside it (SQL: null in (...) is not true)
        add(clauses, values, "e.clientId in (:visibleClients)", "visibleClients", criteria.visibleClients());
        add(clauses, values, "e.clientId = :clientId", "clientId", criteria.clientId());
        add(clauses, values, "e.mailingId = :mailingId", "mailingId", criteria.mailingId());
        add(clauses, values, "e.userListId = :userListId", "userListId", criteria.userListId());
        add(clauses, values, "e.recipientId = :recipientId", "recipientId", criteria.recipientId());
        add(clauses, values, EVENT_TIME + " >= :from", "from", criteria.from());
        add(clauses, values, EVENT_TIME + " < :to", "to", criteria.to());
        this.hql = matchesNothing ? NOTHING : String.join(" and ", clauses);
        this.parameters = matchesNothing ? Map.of() : Collections.unmodifiableMap(values);
    }

    public static EventConditions of(EventCriteria criteria) {
        return new EventConditions(criteria);
    }

    private static void add(List<String> clauses, Map<String, Object> parameters, String clause, String name, Object value) {
        if (value != null) {
            clauses.add(clause);
            parameters.put(name, value);
        }
    }

    /** The same condition, on an event in memory. */
    @Override
    public boolean test(StoredEvent event) {
        if (matchesNothing) {
            return false;
        }
        EventCriteria c = criteria;
        if (c.types() != null && !c.types().contains(event.type)) {
            return false;
        }
        if (c.visibleClients() != null && (event.clientId == null || !c.visibleClients().contains(event.clientId))) {
            return false;
        }
        if (c.clientId() != null && !c.clientId().equals(event.clientId)
                || c.mailingId() != null && !c.mailingId().equals(event.mailingId)
                || c.userListId() != null && !c.userListId().equals(event.userListId)
                || c.recipientId() != null && !c.recipientId().equals(event.recipientId)) {
            return false;
        }
        if (c.from() == null && c.to() == null) {
            return true;
        }
        OffsetDateTime at = event.occurredAt != null ? event.occurredAt : event.receivedAt;
        return (c.from() == null || !at.isBefore(c.from())) && (c.to() == null || at.isBefore(c.to()));
    }

    /** Whether no event can match (an empty type set, or a client scope that sees no client): no need to ask the database. */
    public boolean matchesNothing() {
        return matchesNothing;
    }

    /**
     * The condition on alias {@code e}, its parts joined with {@code and}; empty when every event matches,
     * {@value #NOTHING} when none can.
     */
    public String hql() {
        return hql;
    }

    /** The values of the named parameters {@link #hql()} uses, in the order they appear there. */
    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return "EventConditions[" + hql + " " + parameters + "]";
    }
}
