package io.campaignpulse.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.db.Timestamps;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes events, the event store's one set-based write path; reads go through the Panache repository
 * {@link EventReadRepository}, and docs/PERSISTENCE.md says why writing is native SQL. Writing is one statement
 * per batch whatever its size: each column travels as one array parameter (sent in binary, so PostgreSQL does
 * not parse the rows out of a document), unnest turns them back into rows, and ON CONFLICT skips event ids already stored, so an event is never
 * stored twice even when deliveries race on several connections or replicas. The table is partitioned by
 * the event's time (migration V9); partitions are made by the retention job, never here: a row no
 * partition covers lands in the default partition. The same statement records the batch's span of seq and time in
 * {@code event_span} (migration V11), which the projection reads its events by: every insert into {@code event}
 * must go through here.
 */
@ApplicationScoped
public class EventWriter {

    /** Held by every ingest transaction until it commits: seq order is commit order. */
    private static final long INGEST_LOCK_KEY = 0x50554c5345L; // "PULSE"

    /*
     * The partition key event_at is the event's own time: `created`, which every redelivery repeats, so a redelivery
     * is routed to the partition of its first delivery and meets it in the unique index (event_id, event_at). An
     * event without `created` takes the first arrival recorded in event_undated (its own arrival the first time).
     * Events before the retention horizon are not inserted but answered as expired (docs/RETENTION.md): their
     * partition may be dropped already, so storing them could count a dropped event twice. The horizon is read in
     * this statement, under the ingest lock, so it is the one the maintenance job committed last.
     */
    private static final String INSERT_NEW = """
            with input as materialized (
                -- the lookup runs only for an event without `created` (coalesce stops at the first non-null)
                select r.*, coalesce(cast(r.occurred_at as timestamptz),
                                     (select u.first_received_at from event_undated u where u.event_id = r.event_id),
                                     cast(r.received_at as timestamptz)) as event_at
                from unnest(cast(:eventIds as text[]), cast(:types as text[]), cast(:providerTypes as text[]),
                        cast(:clientIds as bigint[]), cast(:recipientIds as text[]), cast(:userListIds as bigint[]),
                        cast(:mailingIds as bigint[]), cast(:mailIds as text[]), cast(:subscriptionIds as bigint[]),
                        cast(:mediaTypes as text[]), cast(:addresses as text[]), cast(:occurredAts as text[]),
                        cast(:receivedAts as text[]), cast(:bounceCategories as text[]), cast(:bounceReasons as text[]),
                        cast(:thresholdsExceeded as boolean[]), cast(:links as text[]), cast(:payloads as text[]))
                    with ordinality as r(event_id, type, provider_type, client_id, recipient_id, user_list_id,
                        mailing_id, mail_id, subscription_id, media_type, address, occurred_at, received_at,
                        bounce_category, bounce_reason, threshold_exceeded, link, payload, ord)
            ), horizon as (
                select events_expired_before as expired_before from retention_horizon
            ), first_arrivals as (
                insert into event_undated (event_id, first_received_at)
                select event_id, event_at from input where occurred_at is null
                on conflict do nothing
            ), inserted as (
                insert into event (event_id, type, provider_type, client_id, recipient_id, user_list_id,
                    mailing_id, mail_id, subscription_id, media_type, address, occurred_at, received_at,
                    bounce_category, bounce_reason, threshold_exceeded, link, payload, event_at)
                select event_id, type, provider_type, client_id, recipient_id, user_list_id,
                    mailing_id, mail_id, subscription_id, media_type, address, cast(occurred_at as timestamptz),
                    cast(received_at as timestamptz), bounce_category, bounce_reason, threshold_exceeded, link,
                    cast(payload as jsonb), event_at
                from input
                where event_at >= (select expired_before from horizon)
                order by ord
                on conflict (event_id, event_at) do nothing
                returning seq, event_id, event_at
            ), span as (
                -- which partitions the projection will find these events in (V11)
                insert into event_span (last_seq, first_seq, earliest, latest)
                select max(seq), min(seq), min(event_at), max(event_at) from inserted having count(*) > 0
            )
            select seq, event_id, cast(null as timestamptz), cast(null as timestamptz) from inserted
            union all
            select null, event_id, event_at, (select expired_before from horizon)
            from input where event_at < (select expired_before from horizon)
            order by 1
            """;


    /** Serialises ingest transactions across all connections and replicas until commit. */
    public Uni<Void> lockForIngest(Mutiny.Session session) {
        return session.createNativeQuery("select 1 from (select pg_advisory_xact_lock(" + INGEST_LOCK_KEY + ")) as locked", Integer.class)
                .getSingleResult()
                .replaceWithVoid();
    }

    /**
     * Inserts the events whose id is not stored yet, in the order given.
     *
     * @param receivedAt when the delivery of each event arrived (same index as {@code events})
     */
    public Uni<InsertedEvents> insertNew(Mutiny.Session session, List<IncomingEvent> events, List<Instant> receivedAt) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new InsertedEvents(List.of(), SeqRange.empty()));
        }
        int n = events.size();
        String[] eventIds = new String[n], types = new String[n], providerTypes = new String[n], recipientIds = new String[n],
                mailIds = new String[n], mediaTypes = new String[n], addresses = new String[n], occurredAts = new String[n],
                receivedAts = new String[n], bounceCategories = new String[n], bounceReasons = new String[n],
                links = new String[n], payloads = new String[n];
        Long[] clientIds = new Long[n], userListIds = new Long[n], mailingIds = new Long[n], subscriptionIds = new Long[n];
        Boolean[] thresholdsExceeded = new Boolean[n];
        for (int i = 0; i < n; i++) {
            IncomingEvent e = events.get(i);
            eventIds[i] = e.eventId();
            types[i] = e.type().name();
            providerTypes[i] = e.providerType();
            clientIds[i] = e.clientId();
            recipientIds[i] = e.recipientId();
            userListIds[i] = e.userListId();
            mailingIds[i] = e.mailingId();
            mailIds[i] = e.mailId();
            subscriptionIds[i] = e.subscriptionId();
            mediaTypes[i] = e.mediaType();
            addresses[i] = e.address();
            // ISO-8601 text cast in SQL: the instant stays exact whatever the driver does with time zones
            occurredAts[i] = e.occurredAt() == null ? null : e.occurredAt().toString();
            receivedAts[i] = receivedAt.get(i).toString();
            bounceCategories[i] = e.bounceCategory();
            bounceReasons[i] = e.bounceReason();
            thresholdsExceeded[i] = e.thresholdExceeded();
            links[i] = e.link();
            payloads[i] = e.payload();
        }
        return session.createNativeQuery(INSERT_NEW, Object[].class)
                .setParameter("eventIds", eventIds)
                .setParameter("types", types)
                .setParameter("providerTypes", providerTypes)
                .setParameter("clientIds", clientIds)
                .setParameter("recipientIds", recipientIds)
                .setParameter("userListIds", userListIds)
                .setParameter("mailingIds", mailingIds)
                .setParameter("mailIds", mailIds)
                .setParameter("subscriptionIds", subscriptionIds)
                .setParameter("mediaTypes", mediaTypes)
                .setParameter("addresses", addresses)
                .setParameter("occurredAts", occurredAts)
                .setParameter("receivedAts", receivedAts)
                .setParameter("bounceCategories", bounceCategories)
                .setParameter("bounceReasons", bounceReasons)
                .setParameter("thresholdsExceeded", thresholdsExceeded)
                .setParameter("links", links)
                .setParameter("payloads", payloads)
                .getResultList()
                .map(EventWriter::toInserted);
    }

    private static InsertedEvents toInserted(List<Object[]> rows) {
        List<String> ids = new ArrayList<>(rows.size());
        Map<String, Expired> expired = new HashMap<>();
        long first = 0;
        long last = 0;
        for (Object[] row : rows) {
            String eventId = (String) row[1];
            if (row[0] == null) {
                expired.put(eventId, new Expired(Timestamps.instant(row[2]), Timestamps.instant(row[3])));
                continue;
            }
            long seq = ((Number) row[0]).longValue();
            if (ids.isEmpty()) {
                first = seq;
            }
            last = seq;
            ids.add(eventId);
        }
        return new InsertedEvents(ids, ids.isEmpty() ? SeqRange.empty() : new SeqRange(first, last), expired);
    }

    /**
     * The event ids a batch stored (in seq order), the seq range they occupy, and the events it did not store
     * because their time is before the retention horizon (by event id).
     */
    public record InsertedEvents(List<String> eventIds, SeqRange range, Map<String, Expired> expired) {

        public InsertedEvents(List<String> eventIds, SeqRange range) {
            this(eventIds, range, Map.of());
        }
    }

    /** An event refused as expired: its time (created, or first arrival) and the horizon it is before. */
    public record Expired(Instant eventAt, Instant horizon) {
    }
}
