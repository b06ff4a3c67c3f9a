package io.campaignpulse.live;

import static io.campaignpulse.live.LiveTestData.event;
import static io.campaignpulse.live.LiveTestData.eventId;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.campaignpulse.db.SafeContexts;
import io.campaignpulse.event.EventReadRepository;
import io.campaignpulse.event.SeqRange;
import io.campaignpulse.event.StoredEvent;
import io.campaignpulse.ingest.DeliveryParser;
import io.campaignpulse.ingest.IngestTransaction;
import io.campaignpulse.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * The feed reads up to the seq a notification says is projected, with one query per read (on its LISTEN
 * connection, mapping the rows itself), and falls back to the read model's position for a notification it
 * cannot read. The projections of the events here are played
 * by hand, on a connection that holds the position's row lock so that no real projection (and its
 * notification) comes in between.
 */
@QuarkusTest
class CommittedEventFeedTest {

    @Inject
    CommittedEventFeed feed;

    @Inject
    DeliveryParser parser;

    @Inject
    IngestTransaction ingest;

    @Inject
    Vertx vertx;

    @Inject
    Mutiny.SessionFactory sessionFactory;

    @Inject
    Pool pool;

    @Inject
    EventReadRepository reads;

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private long mailing;
    private final FeedListener listener = (events, from, to) -> events.stream()
            .filter(event -> event.mailingId != null && event.mailingId == mailing)
            .map(event -> event.eventId)
            .forEach(heard::add);

    @BeforeEach
    void listen() {
        await().atMost(Duration.ofSeconds(10)).until(feed::isStarted);
        mailing = LiveTestData.newMailingId();
        feed.register(listener);
    }

    @AfterEach
    void stopListening() {
        feed.unregister(listener);
    }

    @Test
    void readsUpToTheNotifiedSeqThenToThePositionForANotificationItCannotRead() throws Exception {
        String first = event("open", mailing, "a@example.com");
        String second = event("click", mailing, "b@example.com");
        try (Connection projection = Db.connect()) {
            projection.setAutoCommit(false);
            // as a projection does: hold the position, so that no other projection takes these events
            try (PreparedStatement lock = projection.prepareStatement("select last_seq from read_model_position for update")) {
                lock.executeQuery().close();
            }
            SeqRange firstStored = commitWithoutProjection(first);
            SeqRange secondStored = commitWithoutProjection(second);
            // the read model is said to hold both (these events' statistics are not counted: their mailing is this test's own),
            // but the notification names only the first
            try (PreparedStatement move = projection.prepareStatement("update read_model_position set last_seq = ?");
                    PreparedStatement notify = projection.prepareStatement("select pg_notify('pulse_events', ?)")) {
                move.setLong(1, secondStored.last());
                move.executeUpdate();
                notify.setString(1, firstStored.first() + ":" + firstStored.last());
                notify.executeQuery().close();
            }
            projection.commit();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() >= 1);
        // no read past the notified seq: the second event waits for a notification that covers it
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> heard.size() == 1);
        assertEquals(List.of(eventId(first)), heard);

        // something on the channel the feed cannot read (not a reference of ours): it asks the database where the read model stands
        Db.execute("notify pulse_events, 'not a reference'");
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() >= 2);
        assertEquals(List.of(eventId(first), eventId(second)), heard);
    }

    @Test
    void readsTheSameEventsASessionLoads() throws Exception {
        List<String> events = List.of(event("click", mailing, "a@example.com", ", \"link\": \"https://example.com/a?b=c\""),
                event("bounce", mailing, "b@example.com", ", \"category\": \"hardbounce\", \"reason\": \"other\", \"thresholdExceeded\": true"),
                // without the optional members
                "{\"type\": \"open\", \"id\": \"" + java.util.UUID.randomUUID() + "\", \"mailingId\": " + mailing + "}");
        LiveTestData.ingest(events);
        List<StoredEvent> loaded = sessionFactory.withSession(session -> session
                .createSelectionQuery("from StoredEvent e where e.mailingId = :mailing order by e.seq", StoredEvent.class)
                .setParameter("mailing", mailing).getResultList())
                .runSubscriptionOn(command -> SafeContexts.runOnFreshContext(vertx, command))
                .await().atMost(Duration.ofSeconds(30));
        assertEquals(3, loaded.size());
        long first = loaded.get(0).seq;
        long last = loaded.get(2).seq;
        List<StoredEvent> read = reads.committedAfter(pool, new SeqRange(first, last), 1000).await().atMost(Duration.ofSeconds(30)).stream()
                .filter(event -> event.mailingId != null && event.mailingId == mailing).toList();
        assertEquals(3, read.size());
        for (int i = 0; i < 3; i++) {
            // every field of the entity, so that a column added to it cannot be left out of the feed's read
            for (Field field : StoredEvent.class.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || !Modifier.isPublic(field.getModifiers())) {
                    continue;
                }
                assertEquals(field.get(loaded.get(i)), field.get(read.get(i)), field.getName() + " of event " + i);
            }
        }
    }

    @Test
    void onlyTheNotifiersReferencesAreRead() {
        assertEquals(new SeqRange(40, 42), CommitNotifier.rangeOf("40:42"));
        assertEquals(new SeqRange(7, 7), CommitNotifier.rangeOf("7:7"));
        Instant earliest = Instant.parse("2021-03-30T12:40:00.123456Z");
        Instant latest = Instant.parse("2026-12-03T10:00:00Z");
        SeqRange bounded = new SeqRange(40, 42, earliest, latest);
        assertEquals(bounded, CommitNotifier.rangeOf(CommitNotifier.referenceTo(bounded)), "bounds travel to the microsecond");
        assertEquals("40:42", CommitNotifier.referenceTo(new SeqRange(40, 42)));
        for (String notOurs : new String[] { null, "", "42", ":42", "40:", "42:40", "-1:3", "a:b", "1:2:3", "1: 2",
                "1:99999999999999999999", "+1:2", "1:2:5:4", "1:2:x:4", "1:2:3:", "1:2:3:4:5" }) {
            assertNull(CommitNotifier.rangeOf(notOurs), notOurs);
        }
    }

    /** What the ingest transaction commits, without the projection a delivery would wait for. */
    private SeqRange commitWithoutProjection(String event) throws Exception {
        CompletableFuture<SeqRange> committed = new CompletableFuture<>();
        byte[] body = ("[" + event + "]").getBytes(StandardCharsets.UTF_8);
        SafeContexts.runOnFreshContext(vertx, () -> ingest.write(List.of(parser.parse(body, Instant.now())))
                .subscribe().with(batch -> committed.complete(batch.stored()), committed::completeExceptionally));
        SeqRange stored = committed.get(30, TimeUnit.SECONDS);
        assertEquals(stored.first(), stored.last(), "one event stored");
        return stored;
    }
}
