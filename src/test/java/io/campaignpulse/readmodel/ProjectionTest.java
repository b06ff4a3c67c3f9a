package io.campaignpulse.readmodel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import io.campaignpulse.db.SafeContexts;
import io.campaignpulse.ingest.DeliveryParser;
import io.campaignpulse.ingest.IngestTransaction;
import io.campaignpulse.ingest.IngestTransaction.CommittedBatch;
import io.campaignpulse.support.Db;
import io.campaignpulse.support.Ingest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * The read model follows the event log in projection transactions of its own. Events committed
 * without a projection (the instance died in between) are still counted, and counted once, however
 * many projections race for them.
 */
@QuarkusTest
class ProjectionTest {

    @Inject
    DeliveryParser parser;

    @Inject
    IngestTransaction ingest;

    @Inject
    ReadModelProjector projector;

    @Inject
    Mutiny.SessionFactory sessionFactory;

    @Inject
    Vertx vertx;

    @Inject
    FailingProjections failing;

    @Inject
    MeterRegistry metrics;

    @Test
    void eventsCommittedWithoutAProjectionAreCountedByTheCatchUp() throws Exception {
        long mailing = newMailingId();
        // what the ingest transaction commits, without the projection a delivery would wait for
        CommittedBatch committed = commitWithoutProjection(delivery(mailing, "sent", "sent", "open"));
        assertEquals(3, committed.results().get(0).stored());

        // nothing asks for a projection: the periodic catch-up (1 s in tests) must take them
        await().atMost(Duration.ofSeconds(20)).until(() -> projectedPosition() >= committed.stored().last());
        assertEquals(2L, stat(mailing, "sent"));
        assertEquals(1L, stat(mailing, "opens"));
    }

    @Test
    void projectionsRacingOnSeparateConnectionsCountEveryEventOnce() throws Exception {
        long mailing = newMailingId();
        CommittedBatch committed = commitWithoutProjection(delivery(mailing, "sent", "sent", "sent", "open", "open", "click"));
        assertEquals(6, committed.results().get(0).stored());

        // as if ten replicas projected at once: they queue on the position's row lock
        List<CompletableFuture<ReadModelProjector.Pass>> passes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CompletableFuture<ReadModelProjector.Pass> pass = new CompletableFuture<>();
            SafeContexts.runOnFreshContext(vertx, () -> sessionFactory.withTransaction((session, tx) -> projector.projectOnce(session))
                    .subscribe().with(pass::complete, pass::completeExceptionally));
            passes.add(pass);
        }
        int projectedOurs = 0;
        for (CompletableFuture<ReadModelProjector.Pass> pass : passes) {
            ReadModelProjector.Pass done = pass.get(30, TimeUnit.SECONDS);
            if (!done.range().isEmpty() && done.range().first() <= committed.stored().first()
                    && done.range().last() >= committed.stored().last()) {
                projectedOurs++;
            }
        }
        assertTrue(projectedOurs <= 1, "two projections took the same events");
        assertTrue(projectedPosition() >= committed.stored().last());
        assertEquals(3L, stat(mailing, "sent"));
        assertEquals(2L, stat(mailing, "opens"));
        assertEquals(2L, stat(mailing, "unique_opens"));
        assertEquals(1L, stat(mailing, "clicks"));
    }

    @Test
    void aDeliveryIsAnsweredOnlyOnceItsEventsAreProjected() {
        long mailing = newMailingId();
        Ingest.deliver(body(mailing, "sent", "open", "open")).statusCode(200);
        // no waiting: the 200 came after the projection
        assertEquals(1L, stat(mailing, "sent"));
        assertEquals(2L, stat(mailing, "opens"));
        assertTrue(Db.count("select max(seq) from event where mailing_id = ?", mailing) <= projectedPosition());
    }

    @Test
    void aFailedProjectionLosesNothingAndCountsNothingTwice() throws Exception {
        long mailing = newMailingId();
        double failuresBefore = metrics.counter("pulse.readmodel.projection.failures").count();
        failing.failNext(1);
        // the events are committed, so the provider gets its 200 even though the projection failed
        Ingest.deliver(body(mailing, "sent", "sent", "open")).statusCode(200);
        assertTrue(metrics.counter("pulse.readmodel.projection.failures").count() > failuresBefore);

        // the failed projection rolled back whole; the catch-up (1 s in tests) counts the events, once
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count("select count(*) from mailing_stats where mailing_id = ?", mailing) == 1);
        assertEquals(2L, stat(mailing, "sent"));
        assertEquals(1L, stat(mailing, "opens"));
        assertEquals(1L, stat(mailing, "unique_opens"));
    }

    /**
     * The projection reads a range by seq within the span of event times its ingest transactions recorded (event_span,
     * V11), so that PostgreSQL reads only those partitions: a batch that mixes a years-old event, one of now and one
     * without `created` (its arrival) is counted whole, and the span is forgotten once projected.
     */
    @Test
    void eventsFarApartInTimeAreProjectedTogetherAndTheirSpanIsForgotten() throws Exception {
        long mailing = newMailingId();
        long now = System.currentTimeMillis();
        String body = "[" + event(mailing, "sent", ",\"created\":1617108000000") + "," + event(mailing, "sent", ",\"created\":" + now)
                + "," + event(mailing, "open", "") + "]";
        CommittedBatch committed = commitWithoutProjection(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(3, committed.results().get(0).stored());

        var span = Db.single("select first_seq, last_seq, extract(epoch from earliest) * 1000 as earliest_ms,"
                + " extract(epoch from latest) * 1000 as latest_ms from event_span where last_seq = ?", committed.stored().last());
        assertEquals(committed.stored().first(), ((Number) span.get("first_seq")).longValue());
        assertEquals(1617108000000L, ((Number) span.get("earliest_ms")).longValue(), "the span starts at the oldest event");
        assertTrue(((Number) span.get("latest_ms")).longValue() >= now, "the span reaches the newest (the open's arrival)");

        await().atMost(Duration.ofSeconds(20)).until(() -> projectedPosition() >= committed.stored().last());
        assertEquals(2L, stat(mailing, "sent"));
        assertEquals(1L, stat(mailing, "opens"));
        assertEquals(0L, Db.count("select count(*) from event_span where last_seq <= ?", projectedPosition()),
                "spans already projected are forgotten");
    }

    private static String event(long mailing, String type, String created) {
        return "{\"type\":\"" + type + "\",\"id\":\"" + UUID.randomUUID() + "\",\"recipientId\":\"r@example.com\",\"mailingId\":"
                + mailing + ",\"clientId\":2,\"userListId\":1" + created + "}";
    }

    private CommittedBatch commitWithoutProjection(byte[] body) throws Exception {
        CompletableFuture<CommittedBatch> committed = new CompletableFuture<>();
        SafeContexts.runOnFreshContext(vertx, () -> ingest.write(List.of(parser.parse(body, Instant.now())))
                .subscribe().with(committed::complete, committed::completeExceptionally));
        return committed.get(30, TimeUnit.SECONDS);
    }

    private static long projectedPosition() {
        return Db.count("select last_seq from read_model_position");
    }

    private static Object stat(long mailing, String column) {
        return Db.single("select " + column + " from mailing_stats where mailing_id = ?", mailing).get(column);
    }

    private static long newMailingId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
    }

    private static byte[] delivery(long mailing, String... types) {
        return body(mailing, types).getBytes(StandardCharsets.UTF_8);
    }

    private static String body(long mailing, String... types) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < types.length; i++) {
            String id = UUID.randomUUID().toString();
            String link = types[i].equals("click") ? ",\"link\":\"https://example.com/a\"" : "";
            body.append(i == 0 ? "" : ",").append("{\"type\":\"").append(types[i]).append("\",\"id\":\"").append(id)
                    .append("\",\"recipientId\":\"r").append(i).append("@example.com\",\"mailingId\":").append(mailing)
                    .append(",\"clientId\":2,\"userListId\":1,\"created\":1617108000000").append(link).append('}');
        }
        return body.append(']').toString();
    }
}
