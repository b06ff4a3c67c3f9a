package io.campaignpulse.live;

import java.util.ArrayList;
import java.util.List;

import io.campaignpulse.event.EventType;
import io.campaignpulse.event.StoredEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The live feed's read of committed events, as one prepared statement on a plain connection: the feed runs it
 * on its LISTEN connection, on the thread the notification arrived on, so that following the log takes no pool
 * connection, no session and no hop between threads (each of which is a wait on a busy machine, before a
 * subscriber on a replica that did not ingest the events hears of them). The rows become the same
 * {@link StoredEvent}s a session would load (read-only: no session ever sees them).
 */
final class CommittedEventRows {

    private static final String SELECT = """
            select seq, event_id, type, provider_type, client_id, recipient_id, user_list_id, mailing_id, mail_id,
                   subscription_id, media_type, address, occurred_at, received_at, event_at, bounce_category, bounce_reason,
                   threshold_exceeded, link, cast(payload as text) as payload
            from event where seq > $1 and seq <= $2 order by seq limit $3""";

    private CommittedEventRows() {
    }

    /** The events with seq in (after, upTo], in seq order, at most {@code limit}. */
    static Uni<List<StoredEvent>> read(SqlClient client, long after, long upTo, int limit) {
        return client.preparedQuery(SELECT).execute(Tuple.of(after, upTo, limit)).map(CommittedEventRows::events);
    }

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
}
