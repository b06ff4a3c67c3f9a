package io.campaignpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.campaignpulse.monitor.PackagedService;
import io.campaignpulse.support.PackagedArtifact;
import io.vertx.core.json.JsonObject;

/**
 * Two replicas on one database racing on the same redeliveries: every delivery is sent to both at once, and
 * consecutive deliveries overlap by half their event ids. Acknowledged = stored = counted, exactly once.
 */
class RedeliveryRaceIT {

    private static final int ROUNDS = 30;
    private static final int EVENTS_PER_DELIVERY = 40;
    private static final int RECIPIENTS = 7;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void sameDeliveriesToTwoReplicasAtOnceAreStoredAndCountedExactlyOnce() throws Exception {
        long mailing = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        String run = "race-" + mailing + "-";
        try (PackagedService a = PackagedService.start(PackagedArtifact.freePort(), Path.of("target/redelivery-race-a.log"));
                PackagedService b = PackagedService.start(PackagedArtifact.freePort(), Path.of("target/redelivery-race-b.log"))) {
            Set<Integer> sent = new HashSet<>();
            long stored = 0;
            long duplicates = 0;
            for (int round = 0; round < ROUNDS; round++) {
                List<String> events = new ArrayList<>();
                int first = round * EVENTS_PER_DELIVERY / 2;
                for (int k = first; k < first + EVENTS_PER_DELIVERY; k++) {
                    events.add(event(run, k, mailing));
                    sent.add(k);
                }
                String body = "[" + String.join(",", events) + "]";
                CompletableFuture<HttpResponse<String>> toA = deliver(a, body);
                CompletableFuture<HttpResponse<String>> toB = deliver(b, body);
                for (HttpResponse<String> answer : List.of(toA.join(), toB.join())) {
                    assertEquals(200, answer.statusCode(), answer.body());
                    JsonObject counts = new JsonObject(answer.body());
                    assertEquals(EVENTS_PER_DELIVERY, counts.getInteger("received"));
                    assertEquals(0, counts.getInteger("rejected"));
                    stored += counts.getInteger("stored");
                    duplicates += counts.getInteger("duplicates");
                }
            }
            long opens = sent.stream().filter(k -> k % 2 == 0).count();
            long clicks = sent.size() - opens;
            assertEquals(sent.size(), stored, "each distinct event acknowledged as stored by exactly one answer");
            assertEquals(2L * ROUNDS * EVENTS_PER_DELIVERY - sent.size(), duplicates, "every other copy answered as a duplicate");

            try (Connection db = DriverManager.getConnection("jdbc:" + databaseUrl(), "postgres", "postgres")) {
                assertEquals(sent.size(), count(db, "select count(*) from event where mailing_id = ?", mailing), "event rows");
                assertEquals(sent.size(), count(db, "select count(distinct event_id) from event where mailing_id = ?", mailing), "distinct event ids");
                assertEquals(opens, count(db, "select opens from mailing_stats where mailing_id = ?", mailing), "opens counted");
                assertEquals(clicks, count(db, "select clicks from mailing_stats where mailing_id = ?", mailing), "clicks counted");
                assertEquals(Math.min(RECIPIENTS, sent.size()),
                        count(db, "select count(*) from recipient where recipient_id like ?", run + "%"), "one status row per recipient");
            }
        }
    }

    private CompletableFuture<HttpResponse<String>> deliver(PackagedService service, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(service.url("/webhooks/optimizely")))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("Authorization", PackagedService.CREDENTIAL)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Event k of this run: always the same content for the same k, as a redelivery is. */
    private static String event(String run, int k, long mailing) {
        String recipient = run + (k % RECIPIENTS) + "@example.com";
        return """
                {"type": "%s", "id": "%s%d", "recipientId": "%s", "userListId": 10180860004, "clientId": 10180860001,
                 "created": %d, "mailId": "4P6W8B4-4P6W0LI-AAAAA1", "mailingId": %d,
                 "mediaTypesToAddresses": {"EMAIL": "%s"}, "mediaType": "EMAIL", "link": "https://example.com/%d"}"""
                .formatted(k % 2 == 0 ? "open" : "click", run, k, recipient, 1617108000000L + k, mailing, recipient, k % 3);
    }

    private static long count(Connection db, String sql, Object parameter) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private static String databaseUrl() {
        String url = System.getenv("PULSE_TEST_DATABASE_URL");
        return url == null || url.isBlank() ? "postgresql://127.0.0.1:5432/test" : url;
    }
}
