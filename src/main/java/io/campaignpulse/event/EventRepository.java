package io.campaignpulse.event;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;


import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stored events. Writing is one statement per batch whatever its size: the rows travel as one
 * JSON parameter, PostgreSQL unpacks them with jsonb_to_recordset, and ON CONFLICT skips event ids
 * already stored, so an event is never stored twice even when deliveries race on several
 * connections or replicas.
 */
@ApplicationScoped
public class EventRepository implements PanacheRepositoryBase<StoredEvent, Long> {

    /** Held by every ingest transaction until it commits: seq order is commit order. */
    private static final long INGEST_LOCK_KEY = 0x50554c5345L; // "PULSE"

    private static final String INSERT_NEW = """
            with incoming as (
                select * from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(
                    ord int, event_id text, type text, provider_type text, client_id bigint,
                    recipient_id text, user_list_id bigint, mailing_id bigint, mail_id text,
                    subscription_id bigint, media_type text, address text, occurred_at timestamptz,
                    received_at timestamptz, bounce_category text, bounce_reason text,
                    threshold_exceeded boolean, link text, payload jsonb)
            ), inserted as (
                insert into event (event_id, type, provider_type, client_id, recipient_id, user_list_id,
                    mailing_id, mail_id, subscription_id, media_type, address, occurred_at, received_at,
                    bounce_category, bounce_reason, threshold_exceeded, link, payload)
                select event_id, type, provider_type, client_id, recipient_id, user_list_id,
                    mailing_id, mail_id, subscription_id, media_type, address, occurred_at, received_at,
                    bounce_category, bounce_reason, threshold_exceeded, link, payload
                from incoming order by ord
                on conflict (event_id) do nothing
                returning seq, event_id
            )
            select seq, event_id from inserted order by seq
            """;

    private static final JsonFactory JSON = new JsonFactory();

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
        return session.createNativeQuery(INSERT_NEW, Object[].class)
                .setParameter("rows", rowsJson(events, receivedAt))
                .getResultList()
                .map(EventRepository::toInserted);
    }

    private static InsertedEvents toInserted(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new InsertedEvents(List.of(), SeqRange.empty());
        }
        List<String> ids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            ids.add((String) row[1]);
        }
        long first = ((Number) rows.get(0)[0]).longValue();
        long last = ((Number) rows.get(rows.size() - 1)[0]).longValue();
        return new InsertedEvents(ids, new SeqRange(first, last));
    }

    private static String rowsJson(List<IncomingEvent> events, List<Instant> receivedAt) {
        StringWriter out = new StringWriter(events.size() * 600);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (int i = 0; i < events.size(); i++) {
                IncomingEvent e = events.get(i);
                json.writeStartObject();
                json.writeNumberField("ord", i);
                json.writeStringField("event_id", e.eventId());
                json.writeStringField("type", e.type().name());
                json.writeStringField("provider_type", e.providerType());
                writeNumber(json, "client_id", e.clientId());
                json.writeStringField("recipient_id", e.recipientId());
                writeNumber(json, "user_list_id", e.userListId());
                writeNumber(json, "mailing_id", e.mailingId());
                json.writeStringField("mail_id", e.mailId());
                writeNumber(json, "subscription_id", e.subscriptionId());
                json.writeStringField("media_type", e.mediaType());
                json.writeStringField("address", e.address());
                json.writeStringField("occurred_at", e.occurredAt() == null ? null : e.occurredAt().toString());
                json.writeStringField("received_at", receivedAt.get(i).toString());
                json.writeStringField("bounce_category", e.bounceCategory());
                json.writeStringField("bounce_reason", e.bounceReason());
                if (e.thresholdExceeded() != null) {
                    json.writeBooleanField("threshold_exceeded", e.thresholdExceeded());
                }
                json.writeStringField("link", e.link());
                json.writeFieldName("payload");
                json.writeRawValue(e.payload());
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeNumber(JsonGenerator json, String field, Long value) throws IOException {
        if (value != null) {
            json.writeNumberField(field, value);
        }
    }

    /** The event ids a batch stored (in seq order) and the seq range they occupy. */
    public record InsertedEvents(List<String> eventIds, SeqRange range) {
    }
}
