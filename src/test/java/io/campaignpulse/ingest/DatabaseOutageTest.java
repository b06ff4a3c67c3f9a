package io.campaignpulse.ingest;

import static io.campaignpulse.ingest.IngestEndpointTest.event;
import static io.campaignpulse.support.Ingest.deliver;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.campaignpulse.support.Db;
import io.campaignpulse.support.Ingest;
import io.campaignpulse.support.PostgresProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The application reaches PostgreSQL through a proxy the test controls, to take the database away
 * and give it back, or slow it down, while the service keeps running.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresProxy.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest {

    @TestHTTPResource("/webhooks/optimizely")
    URI ingest;

    @AfterEach
    void databaseBack() {
        PostgresProxy.current().delay(0);
        PostgresProxy.current().restore();
    }

    @Test
    void anOutageIsAnswered503AndIngestionRecoversWithoutARestart() {
        String id = UUID.randomUUID().toString();
        String body = event(id, "unsubscribe");

        PostgresProxy.current().cut();
        deliver(body).statusCode(503)
                .contentType(ContentType.JSON)
                .header("Retry-After", "5")
                .body("error", equalTo("storage_unavailable"))
                .body("message", containsString("Retry"));
        assertEquals(0, Db.count("select count(*) from event where event_id = ?", id));
        given().when().get("/q/health/ready").then().statusCode(503);

        PostgresProxy.current().restore();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deliver(body).statusCode(200).body("stored", equalTo(1)));
        assertEquals(1, Db.count("select count(*) from event where event_id = ?", id));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then().log().ifValidationFails().statusCode(200));
    }

    /**
     * With every database round trip taking 1.5 s, deliveries are in flight for several seconds.
     * If anything on their path blocked an event loop, the liveness probe could not be answered
     * until they finished; it is answered while all of them are still waiting for the database.
     */
    @Test
    void ingestionDoesNotBlockTheEventLoopWhileTheDatabaseIsSlow() throws Exception {
        PostgresProxy.current().delay(1500);
        HttpClient client = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> deliveries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            deliveries.add(client.sendAsync(HttpRequest.newBuilder(ingest)
                    .header("Content-Type", "application/json").header("Authorization", Ingest.CREDENTIAL)
                    .POST(HttpRequest.BodyPublishers.ofString(event(id, "open"))).build(), HttpResponse.BodyHandlers.ofString()));
        }

        given().when().get("/q/health/live").then().statusCode(200);
        assertTrue(deliveries.stream().noneMatch(CompletableFuture::isDone),
                "the probe must be answered while every delivery still waits for the database");

        for (CompletableFuture<HttpResponse<String>> delivery : deliveries) {
            HttpResponse<String> response = delivery.get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
        }
        for (String id : ids) {
            assertEquals(1, Db.count("select count(*) from event where event_id = ?", id));
        }
    }

    /**
     * The database goes away and comes back (a restart) under load: every delivery answered 200 is stored
     * whole, none is stored in part, and once the provider has retried the others every event is stored and
     * counted once (acknowledged = stored = counted).
     */
    @Test
    void aDatabaseRestartUnderLoadLosesNothingAcknowledged() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long mailing = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 2_000_000_000L;
        record Outcome(String batch, int status) {
        }
        java.util.Queue<Outcome> outcomes = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(6);
        for (int c = 0; c < 6; c++) {
            clients.submit(() -> {
                while (!stop.get()) {
                    String batch = "restart-" + UUID.randomUUID();
                    int status;
                    try {
                        status = client.send(batchRequest(batch, mailing), HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (java.io.IOException reset) {
                        status = -1;
                    }
                    outcomes.add(new Outcome(batch, status));
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.stream().filter(o -> o.status() == 200).count() >= 10);
        PostgresProxy.current().cut();
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.stream().filter(o -> o.status() == 503).count() >= 5);
        PostgresProxy.current().restore();
        long acknowledgedBefore = outcomes.stream().filter(o -> o.status() == 200).count();
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.stream().filter(o -> o.status() == 200).count() >= acknowledgedBefore + 10);
        stop.set(true);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));

        for (Outcome outcome : outcomes) {
            long stored = Db.count("select count(*) from event where event_id like ?", outcome.batch() + "-%");
            if (outcome.status() == 200) {
                assertEquals(BATCH, stored, "an acknowledged delivery is stored whole: " + outcome);
            } else {
                // a commit whose acknowledgement the outage cut off may have happened: whole or nothing, never a part
                assertTrue(stored == 0 || stored == BATCH, outcome + ": " + stored);
                assertEquals(200, client.send(batchRequest(outcome.batch(), mailing), HttpResponse.BodyHandlers.discarding()).statusCode());
            }
        }
        long expected = (long) outcomes.size() * BATCH;
        assertEquals(expected, Db.count("select count(*) from event where mailing_id = ?", mailing));
        await().atMost(Duration.ofSeconds(60)).until(
                () -> Db.count("select coalesce(sum(opens), 0) from mailing_stats where mailing_id = ?", mailing) == expected);
    }

    private static final int BATCH = 20;

    private HttpRequest batchRequest(String batch, long mailing) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < BATCH; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"open\",\"id\":\"").append(batch).append('-').append(i)
                    .append("\",\"recipientId\":\"r").append(i).append("@example.com\",\"mailingId\":").append(mailing).append('}');
        }
        return HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("Authorization", Ingest.CREDENTIAL).POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build();
    }
}
