package io.campaignpulse.event;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every read of stored events: the pages of the events query, one event by id, and the loads in seq order
 * of the live feed and of a subscription's replay. What a filter selects is decided by {@link EventConditions}
 * alone, so all of these select the same events for the same {@link EventCriteria}. Writing is
 * {@link EventWriter}'s.
 * <p>
 * The caller passes the session: GraphQL resolvers each open their own (several run at once on one Vert.x
 * context), the live path reads on a fresh context. Everything read here is read-only, never flushed back.
 */
@ApplicationScoped
public class EventReadRepository {

    /**
     * The first read of a page of events, newest first: the seq, time and payload size of each event on it, computed
     * by the database, so that a reader can tell how much the page holds before it loads it ({@link #page} then loads
     * exactly these events). Pages are keyset pages on {@code seq}: each starts strictly below the last seq seen, so
     * events stored meanwhile (always with a higher seq) never shift a page, and every page is an index range scan
     * (the primary key, or the (column, seq desc) index of a filter).
     *
     * @param beforeSeq only events with a lower seq (the position of the last event already seen), or null
     * @param limit at most this many events
     */
    public Uni<List<PayloadSize>> pagePayloadSizes(Mutiny.Session session, EventCriteria criteria, Long beforeSeq, int limit) {
        EventConditions conditions = EventConditions.of(criteria);
        if (limit <= 0 || conditions.matchesNothing()) {
            return Uni.createFrom().item(List.of());
        }
        String key = beforeSeq == null ? "" : "e.seq < :beforeSeq";
        Map<String, Object> keyParameters = beforeSeq == null ? Map.of() : Map.of("beforeSeq", beforeSeq);
        return select(session, "select e.seq, e.eventAt, octet_length(e.payload)", Object[].class, key, keyParameters, conditions,
                "e.seq desc limit " + statementLimit(limit))
                .getResultList()
                .map(rows -> {
                    // the statement's limit is rounded up: the page is its first `limit` rows
                    List<Object[]> onThePage = rows.subList(0, Math.min(rows.size(), limit));
                    List<PayloadSize> sizes = new ArrayList<>(onThePage.size());
                    for (Object[] row : onThePage) {
                        sizes.add(new PayloadSize(((Number) row[0]).longValue(), (OffsetDateTime) row[1],
                                row[2] == null ? 0 : ((Number) row[2]).intValue()));
                    }
                    return sizes;
                });
    }

    /**
     * The events {@link #pagePayloadSizes} sized, newest first, and no others (what the response budget reserved for),
     * even when events are stored between the two reads; fewer only where retention dropped some meanwhile. Read by
     * their keys: by seq, and by time so that only their partitions are read. Both lists are parameters, padded by
     * Hibernate to a power of two, so a handful of statements serve every page size. The filter and the caller's client
     * scope were applied by the sizing read: pass only what it returned.
     */
    public Uni<List<StoredEvent>> page(Mutiny.Session session, List<PayloadSize> sized) {
        if (sized.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Long> seqs = new ArrayList<>(sized.size());
        List<OffsetDateTime> times = new ArrayList<>(sized.size());
        for (PayloadSize event : sized) {
            seqs.add(event.seq());
            times.add(event.eventAt());
        }
        return session.createSelectionQuery("select e from StoredEvent e where e.seq in (:seqs) and e.eventAt in (:times) "
                + "order by e.seq desc", StoredEvent.class)
                .setParameter("seqs", seqs)
                .setParameter("times", times)
                .setReadOnly(true)
                .getResultList();
    }

    /** An event of a page to be: its seq and time (its key), and the size of its payload in bytes. */
    public record PayloadSize(long seq, OffsetDateTime eventAt, int bytes) {
    }

    /** The event, or null when there is none or it belongs to a client outside {@code visibleClients} (null: all). */
    public Uni<StoredEvent> byEventId(Mutiny.Session session, String eventId, Set<Long> visibleClients) {
        EventConditions conditions = EventConditions.of(EventCriteria.ALL.visibleTo(visibleClients));
        if (conditions.matchesNothing()) {
            return Uni.createFrom().nullItem();
        }
        return select(session, "select e", StoredEvent.class, "e.eventId = :eventId", Map.of("eventId", eventId), conditions, null)
                .setReadOnly(true)
                .getSingleResultOrNull();
    }

    /**
     * The payload size in bytes of the event {@link #byEventId} would return, or null if there is none, so
     * that the size of another client's event can neither be reserved nor told by a refusal.
     */
    public Uni<Integer> payloadBytesByEventId(Mutiny.Session session, String eventId, Set<Long> visibleClients) {
        EventConditions conditions = EventConditions.of(EventCriteria.ALL.visibleTo(visibleClients));
        if (conditions.matchesNothing()) {
            return Uni.createFrom().nullItem();
        }
        return select(session, "select octet_length(e.payload)", Integer.class, "e.eventId = :eventId", Map.of("eventId", eventId),
                conditions, null)
                .getSingleResultOrNull();
    }

    /**
     * The matching events above {@code afterSeq}, oldest first: a subscription's replay from its cursor (or
     * from the last event it handed on), page by page.
     */
    public Uni<List<StoredEvent>> matchingAfter(Mutiny.Session session, EventCriteria criteria, long afterSeq, int limit) {
        EventConditions conditions = EventConditions.of(criteria);
        if (limit <= 0 || conditions.matchesNothing()) {
            return Uni.createFrom().item(List.of());
        }
        // the limit written as is: a subscription's replay pages by one configured size (see statementLimit)
        return select(session, "select e", StoredEvent.class, "e.seq > :afterSeq", Map.of("afterSeq", afterSeq), conditions,
                "e.seq limit " + limit)
                .setReadOnly(true)
                .getResultList();
    }

    /**
     * Every event of the range (above {@code range.first() - 1} and at most {@code range.last()}), oldest first, in
     * the range's partitions when it has time bounds ({@link SeqRange#timeBounded()}): what the live feed hands to
     * the subscribers of this replica (each takes those it matches, in memory). Seq order is commit order, so
     * reading on from the last seq read misses nothing.
     * <p>
     * One prepared statement on a plain connection, not a session: the feed runs it on its LISTEN connection, on
     * the thread the notification arrived on, so that following the log takes no pool connection, no session and
     * no hop between threads (each of which is a wait on a busy machine before a subscriber on a replica that did
     * not ingest the events hears of them). The rows become the same {@link StoredEvent}s a session loads
     * (read-only: no session ever sees them).
     */
    public Uni<List<StoredEvent>> committedAfter(SqlClient connection, SeqRange range, int limit) {
        if (!range.timeBounded()) {
            return connection.preparedQuery(COMMITTED_AFTER).execute(Tuple.of(range.first() - 1, range.last(), limit))
                    .map(EventReadRepository::events);
        }
        // typed timestamptz parameters: PostgreSQL leaves out the other partitions when the statement starts
        Tuple bounded = Tuple.of(range.first() - 1, range.last(), limit, range.earliest().atOffset(ZoneOffset.UTC),
                range.latest().atOffset(ZoneOffset.UTC));
        return connection.preparedQuery(COMMITTED_AFTER_WITHIN).execute(bounded).map(EventReadRepository::events);
    }

    private static final String COMMITTED_AFTER = """
            select seq, event_id, type, provider_type, client_id, recipient_id, user_list_id, mailing_id, mail_id,
                   subscription_id, media_type, address, occurred_at, received_at, event_at, bounce_category, bounce_reason,
                   threshold_exceeded, link, cast(payload as text) as payload
            from event where seq > $1 and seq <= $2 order by seq limit $3""";

    private static final String COMMITTED_AFTER_WITHIN = COMMITTED_AFTER.replace("order by seq limit $3",
            "and event_at between $4 and $5 order by seq limit $3");

    /** The rows of {@link #COMMITTED_AFTER} as entities, field by field as the entity maps its columns. */
    private static List<StoredEvent> events(RowSet<Row> rows) {
        List<StoredEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            StoredEvent event = new StoredEvent();
            event.seq = row.getLong("seq");
            event.eventId = row.getString("event_id");
            event.type = EventType.valueOf(row.getString("type"));
            event.providerType = row.getString("provider_type");
            event.clientId = row.getLong("client_id");
            event.recipientId = row.getString("recipient_id");
            event.userListId = row.getLong("user_list_id");
            event.mailingId = row.getLong("mailing_id");
            event.mailId = row.getString("mail_id");
            event.subscriptionId = row.getLong("subscription_id");
            event.mediaType = row.getString("media_type");
            event.address = row.getString("address");
            event.occurredAt = row.getOffsetDateTime("occurred_at");
            event.receivedAt = row.getOffsetDateTime("received_at");
            event.eventAt = row.getOffsetDateTime("event_at");
            event.bounceCategory = row.getString("bounce_category");
            event.bounceReason = row.getString("bounce_reason");
            event.thresholdExceeded = row.getBoolean("threshold_exceeded");
            event.link = row.getString("link");
            event.payload = row.getString("payload");
            events.add(event);
        }
        return events;
    }

    /**
     * The row limit written into a statement for a read of at most {@code limit} rows: {@code limit} rounded up to a
     * power of two, at least {@value #MIN_STATEMENT_LIMIT}; the caller keeps the first {@code limit} rows.
     * <p>
     * A literal, not a parameter: with the limit bound as a parameter PostgreSQL's generic plan cannot know it,
     * costs the read as if it fetched a tenth of the matching rows and loses to a custom plan, so every execution was
     * planned anew, over every partition of {@code event} (~6 ms of each ~8 ms read at 98 daily partitions,
     * docs/SCALE.md). With the limit in the text the generic plan costs what a custom one does and PostgreSQL keeps it
     * after five executions. Rounding bounds the statements a client can make by choosing {@code first}: each is a
     * prepared statement with a plan over every partition kept on every pooled connection, so their number must not
     * follow the page size one for one (six per filter shape, up to the default largest page of 500).
     */
    static int statementLimit(int limit) {
        return Math.max(MIN_STATEMENT_LIMIT, Integer.highestOneBit(Math.max(1, limit - 1)) << 1);
    }

    private static final int MIN_STATEMENT_LIMIT = 16;

    /**
     * {@code selection from StoredEvent e where <key> and <conditions> order by <order>}.
     *
     * @param key the condition on seq or id the read is about ("" for none), its parameters in {@code keyParameters}
     * @param order null for no order
     */
    private static <T> Mutiny.SelectionQuery<T> select(Mutiny.Session session, String selection, Class<T> result, String key,
            Map<String, Object> keyParameters, EventConditions conditions, String order) {
        StringBuilder hql = new StringBuilder(selection).append(" from StoredEvent e");
        String filter = conditions.hql();
        if (!key.isEmpty() || !filter.isEmpty()) {
            hql.append(" where ").append(key.isEmpty() ? filter : filter.isEmpty() ? key : key + " and " + filter);
        }
        if (order != null) {
            hql.append(" order by ").append(order);
        }
        Mutiny.SelectionQuery<T> query = session.createSelectionQuery(hql.toString(), result);
        keyParameters.forEach((name, value) -> query.setParameter(name, value));
        conditions.parameters().forEach((name, value) -> query.setParameter(name, value));
        return query;
    }
}
