package io.campaignpulse.event;

import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Pages of stored events, newest first, by keyset on {@code seq}: each page starts strictly below
 * the last seq seen, so events stored meanwhile (always with higher seq) never shift a page, and
 * every page is an index range scan (the primary key, or the (column, seq desc) index of a filter).
 */
@ApplicationScoped
public class EventSearch {

    /**
     * @param beforeSeq only events with a lower seq (the position of the last event already seen), or null
     * @param limit at most this many events
     */
    public Uni<List<StoredEvent>> page(Mutiny.Session session, EventCriteria criteria, Long beforeSeq, int limit) {
        if (limit <= 0 || criteria.matchesNothing()) {
            return Uni.createFrom().item(List.of());
        }
        // read-only: nothing here is ever flushed back
        return query(session, "select e", StoredEvent.class, criteria, beforeSeq, limit).setReadOnly(true).getResultList();
    }

    /**
     * The payload size in bytes of each event {@link #page} would return, computed by the database:
     * a reader can tell how much a page would hold before it loads it.
     */
    public Uni<List<Integer>> pagePayloadBytes(Mutiny.Session session, EventCriteria criteria, Long beforeSeq, int limit) {
        if (limit <= 0 || criteria.matchesNothing()) {
            return Uni.createFrom().item(List.of());
        }
        return query(session, "select octet_length(e.payload)", Integer.class, criteria, beforeSeq, limit).getResultList();
    }

    private <T> Mutiny.SelectionQuery<T> query(Mutiny.Session session, String select, Class<T> result, EventCriteria criteria,
            Long beforeSeq, int limit) {
        StringBuilder hql = new StringBuilder(select).append(" from StoredEvent e where 1 = 1");
        if (criteria.types() != null) {
            hql.append(" and e.type in (:types)");
        }
        if (criteria.clientId() != null) {
            hql.append(" and e.clientId = :clientId");
        }
        if (criteria.visibleClients() != null) {
            // the caller's client scope; a null client_id never matches
            hql.append(" and e.clientId in (:visibleClients)");
        }
        if (criteria.mailingId() != null) {
            hql.append(" and e.mailingId = :mailingId");
        }
        if (criteria.recipientId() != null) {
            hql.append(" and e.recipientId = :recipientId");
        }
        if (criteria.userListId() != null) {
            hql.append(" and e.userListId = :userListId");
        }
        if (criteria.from() != null) {
            hql.append(" and e.eventAt >= :from");
        }
        if (criteria.to() != null) {
            hql.append(" and e.eventAt < :to");
        }
        if (beforeSeq != null) {
            hql.append(" and e.seq < :beforeSeq");
        }
        hql.append(" order by e.seq desc");

        Mutiny.SelectionQuery<T> query = session.createSelectionQuery(hql.toString(), result)
                .setMaxResults(limit);
        if (criteria.types() != null) {
            query.setParameter("types", criteria.types());
        }
        if (criteria.clientId() != null) {
            query.setParameter("clientId", criteria.clientId());
        }
        if (criteria.visibleClients() != null) {
            query.setParameter("visibleClients", criteria.visibleClients());
        }
        if (criteria.mailingId() != null) {
            query.setParameter("mailingId", criteria.mailingId());
        }
        if (criteria.recipientId() != null) {
            query.setParameter("recipientId", criteria.recipientId());
        }
        if (criteria.userListId() != null) {
            query.setParameter("userListId", criteria.userListId());
        }
        if (criteria.from() != null) {
            query.setParameter("from", criteria.from());
        }
        if (criteria.to() != null) {
            query.setParameter("to", criteria.to());
        }
        if (beforeSeq != null) {
            query.setParameter("beforeSeq", beforeSeq);
        }
        return query;
    }

    public Uni<StoredEvent> byEventId(Mutiny.Session session, String eventId) {
        return byEventId(session, eventId, null);
    }

    /** The event, or null when there is none or it belongs to a client outside {@code visibleClients} (null: all). */
    public Uni<StoredEvent> byEventId(Mutiny.Session session, String eventId, java.util.Set<Long> visibleClients) {
        if (visibleClients == null) {
            return session.createSelectionQuery("from StoredEvent e where e.eventId = :id", StoredEvent.class)
                    .setParameter("id", eventId)
                    .setReadOnly(true)
                    .getSingleResultOrNull();
        }
        if (visibleClients.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return session.createSelectionQuery("from StoredEvent e where e.eventId = :id and e.clientId in (:clients)", StoredEvent.class)
                .setParameter("id", eventId)
                .setParameter("clients", visibleClients)
                .setReadOnly(true)
                .getSingleResultOrNull();
    }

    /** The payload size in bytes of the event {@link #byEventId} would return, or null if there is none. */
    public Uni<Integer> payloadBytesByEventId(Mutiny.Session session, String eventId) {
        return session.createSelectionQuery("select octet_length(e.payload) from StoredEvent e where e.eventId = :id", Integer.class)
                .setParameter("id", eventId)
                .getSingleResultOrNull();
    }

    /**
     * {@link #payloadBytesByEventId(Mutiny.Session, String)} of an event the given clients may see (null: all),
     * so that the size of another client's event can neither be reserved nor told by a refusal.
     */
    public Uni<Integer> payloadBytesByEventId(Mutiny.Session session, String eventId, java.util.Set<Long> visibleClients) {
        if (visibleClients == null) {
            return payloadBytesByEventId(session, eventId);
        }
        if (visibleClients.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return session.createSelectionQuery("select octet_length(e.payload) from StoredEvent e where e.eventId = :id and e.clientId in (:clients)",
                Integer.class)
                .setParameter("id", eventId)
                .setParameter("clients", visibleClients)
                .getSingleResultOrNull();
    }
}
