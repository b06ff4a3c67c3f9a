package io.campaignpulse.ingest;

import static io.campaignpulse.ingest.IngestEndpointTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.campaignpulse.support.Db;
import io.campaignpulse.support.Ingest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** An event delivered many times at once is stored exactly once. */
@QuarkusTest
class ConcurrentDeliveryTest {

    @TestHTTPResource("/webhooks/optimizely")
    URI ingest;

    @Inject
    DeliveryParser parser;

    @Inject
    IngestTransaction transaction;

    @Inject
    Vertx vertx;

    @Test
    void twentyConcurrentDeliveriesOfTheSameEventStoreOneRow() throws Exception {
        String id = UUID.randomUUID().toString();
        String body = "[" + event(id, "click") + "]";
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(ingest)
                    .header("Content-Type", "application/json").header("Authorization", Ingest.CREDENTIAL)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int stored = 0;
        int duplicates = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
            JsonObject counts = new JsonObject(response.body());
            stored += counts.getInteger("stored");
            duplicates += counts.getInteger("duplicates");
        }
        assertEquals(1, stored);
        assertEquals(19, duplicates);
        assertEquals(1, Db.count("select count(*) from event where event_id = ?", id));
    }

    /**
     * Replicas do not share a write combiner: their transactions meet only in the database. Twenty
     * transactions on twenty connections racing with the same event must store it once.
     */
    @Test
    void transactionsRacingOnSeparateConnectionsStoreTheEventOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] body = ("[" + event(id, "open") + "]").getBytes(StandardCharsets.UTF_8);
        List<CompletableFuture<IngestResult>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ParsedDelivery delivery = parser.parse(body, Instant.now());
            CompletableFuture<IngestResult> result = new CompletableFuture<>();
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> transaction.write(List.of(delivery))
                    .subscribe().with(committed -> result.complete(committed.results().get(0)), result::completeExceptionally));
            results.add(result);
        }
        int stored = 0;
        for (CompletableFuture<IngestResult> result : results) {
            stored += result.get(30, TimeUnit.SECONDS).stored();
        }
        assertEquals(1, stored);
        assertEquals(1, Db.count("select count(*) from event where event_id = ?", id));
    }
}
