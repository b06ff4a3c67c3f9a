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
}
