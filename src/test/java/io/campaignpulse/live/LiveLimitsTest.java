package io.campaignpulse.live;

import static io.campaignpulse.live.LiveTestData.event;
import static io.campaignpulse.live.LiveTestData.eventId;
import static io.campaignpulse.live.LiveTestData.ingest;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.campaignpulse.support.Db;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/** Slow subscribers and the read token, with a buffer of 20 items per subscriber. */
@QuarkusTest
@TestProfile(LiveLimitsProfile.class)
class LiveLimitsTest {

    private static final JsonObject TOKEN = new JsonObject().put("Authorization", "Bearer " + LiveLimitsProfile.READ_TOKEN);

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    CommittedEventFeed feed;

    @BeforeEach
    void feedListens() {
        await().atMost(Duration.ofSeconds(10)).until(feed::isStarted);
    }

    private void subscribe(GraphQLWsClient ws, String id, String query, Map<String, Object> variables) {
        ws.subscribeRegistered(feed, id, query, variables);
    }

    @Test
    void stalledSubscriberIsCutOffWithItsCursorWhileIngestionGoesOn() {
        long mailing = LiveTestData.newMailingId();
        // every frame repeats the payload 40 times (~100 KB), so a stalled socket fills after a few dozen events
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            fields.append(" p").append(i).append(": payload");
        }
        String query = "subscription($filter: EventFilter, $after: String) { events(filter: $filter, after: $after) { eventId cursor"
                + fields + " } }";
        String padding = ", \"note\": \"" + "x".repeat(2000) + "\"";
        List<String> all = new ArrayList<>();
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, GraphQLWsClient.TRANSPORT_WS, TOKEN, Map.of(), 4096)) {
            subscribe(ws, "1", query, Map.of("filter", Map.of("mailingId", mailing)));
            ws.pause();
            // ingestion is answered (200, all stored) although the subscriber reads nothing
            for (int delivery = 0; delivery < 20; delivery++) {
                List<String> events = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    events.add(event("open", mailing, "r" + delivery + "-" + i + "@example.com", padding));
                }
                ingest(events);
                all.addAll(events);
            }
            assertEquals(all.size(), Db.count("select count(*) from event where mailing_id = ?", mailing));
            // the server gave up on the stalled subscriber (stall timeout) instead of buffering without bound
            await().atMost(Duration.ofSeconds(20)).until(() -> feed.openSubscriptions() == 0);

            ws.resume();
            JsonObject error = ws.awaitFrame(frame -> "1".equals(frame.getString("id")) && "next".equals(frame.getString("type"))
                    && frame.getJsonObject("payload").getJsonArray("errors") != null)
                    .getJsonObject("payload").getJsonArray("errors").getJsonObject(0);
            assertEquals("SUBSCRIBER_TOO_SLOW", error.getJsonObject("extensions").getString("code"));
            assertTrue(error.getString("message").contains("Resubscribe with `after`"), error.getString("message"));
            ws.awaitFrame(frame -> "1".equals(frame.getString("id")) && "complete".equals(frame.getString("type")));

            List<JsonObject> received = ws.results("1").stream()
                    .filter(result -> result.getJsonArray("errors") == null)
                    .map(result -> result.getJsonObject("data").getJsonObject("events"))
                    .toList();
            assertTrue(received.size() < all.size(), "some events must have been held back");
            // what did arrive is a gap-free prefix
            for (int i = 0; i < received.size(); i++) {
                assertEquals(eventId(all.get(i)), received.get(i).getString("eventId"));
            }
            assertNotNull(error.getJsonObject("extensions").getString("lastSentCursor"));

            // resuming from the last cursor received gets exactly the rest
            String resumeFrom = received.get(received.size() - 1).getString("cursor");
            subscribe(ws, "2", "subscription($filter: EventFilter, $after: String) { events(filter: $filter, after: $after) { eventId } }",
                    Map.of("filter", Map.of("mailingId", mailing), "after", resumeFrom));
            List<String> rest = ws.awaitData("2", "events", all.size() - received.size()).stream()
                    .map(e -> e.getString("eventId")).toList();
            assertEquals(all.subList(received.size(), all.size()).stream().map(LiveTestData::eventId).toList(), rest);
        }
    }

    @Test
    void aBurstFarLargerThanTheBufferReachesAReadingSubscriberWholeAndOnce() {
        long mailing = LiveTestData.newMailingId();
        // large frames through a small receive window: the socket is often full, so the feed runs far ahead of the client
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            fields.append(" p").append(i).append(": payload");
        }
        String query = "subscription($filter: EventFilter) { events(filter: $filter) { eventId" + fields + " } }";
        String padding = ", \"note\": \"" + "x".repeat(2000) + "\"";
        List<String> all = new ArrayList<>();
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, GraphQLWsClient.TRANSPORT_WS, TOKEN, Map.of(), 4096)) {
            subscribe(ws, "1", query, Map.of("filter", Map.of("mailingId", mailing)));
            // ten times the subscriber's buffer, committed as fast as ingestion goes
            for (int delivery = 0; delivery < 10; delivery++) {
                List<String> events = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    events.add(event("open", mailing, "b" + delivery + "-" + i + "@example.com", padding));
                }
                ingest(events);
                all.addAll(events);
            }
            // every event once, in order, and no SUBSCRIBER_TOO_SLOW (awaitData fails on any error)
            List<String> received = ws.awaitData("1", "events", all.size()).stream().map(e -> e.getString("eventId")).toList();
            assertEquals(all.stream().map(LiveTestData::eventId).toList(), received);
            assertTrue(feed.openSubscriptions() >= 1, "the subscription goes on");
            // and it is live again: a later event arrives on its own
            String later = event("open", mailing, "later@example.com");
            ingest(List.of(later));
            assertEquals(eventId(later), ws.awaitData("1", "events", all.size() + 1).get(all.size()).getString("eventId"));
        }
    }

    @Test
    void subscribingNeedsTheReadTokenWhenOneIsSet() {
        String query = "subscription { events { eventId } }";
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, GraphQLWsClient.LEGACY_WS)) {
            ws.subscribe("1", query, Map.of());
            JsonObject error = ws.awaitFrame(frame -> "1".equals(frame.getString("id")) && "data".equals(frame.getString("type")))
                    .getJsonObject("payload").getJsonArray("errors").getJsonObject(0);
            assertEquals("UNAUTHORIZED", error.getJsonObject("extensions").getString("code"));
            assertTrue(error.getString("message").contains("connection_init"), error.getString("message"));
        }
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, GraphQLWsClient.TRANSPORT_WS,
                new JsonObject().put("Authorization", "Bearer wrong"), Map.of(), null)) {
            ws.subscribe("1", query, Map.of());
            JsonObject error = ws.awaitFrame(frame -> "1".equals(frame.getString("id")) && "next".equals(frame.getString("type")))
                    .getJsonObject("payload").getJsonArray("errors").getJsonObject(0);
            assertEquals("UNAUTHORIZED", error.getJsonObject("extensions").getString("code"));
        }
        int before = feed.openSubscriptions();
        // the token in the connection_init payload
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, GraphQLWsClient.TRANSPORT_WS, TOKEN, Map.of(), null)) {
            subscribe(ws, "1", query, Map.of());
        }
        // or as a header of the upgrade request
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, GraphQLWsClient.LEGACY_WS, null,
                Map.of("Authorization", "Bearer " + LiveLimitsProfile.READ_TOKEN), null)) {
            subscribe(ws, "1", query, Map.of());
        }
        await().until(() -> feed.openSubscriptions() == before);
    }

    @Test
    void aDeliveryLargerThanAFeedPageChangesTheMailingOnceAndCompletely() {
        long mailing = LiveTestData.newMailingId();
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, GraphQLWsClient.TRANSPORT_WS, TOKEN, Map.of(), null)) {
            subscribe(ws, "1", "subscription($id: ID!) { mailingStats(mailingId: $id) { stats { sent } } }", Map.of("id", mailing));
            List<String> delivery = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                delivery.add(event("sent", mailing, "r" + i + "@example.com"));
            }
            // the mailing's events sit in the first of three feed pages, its change marker (range.last) in the last
            for (int i = 0; i < 12; i++) {
                delivery.add(event("open", mailing + 1, "o" + i + "@example.com"));
            }
            ingest(delivery);
            // one update, with all three sent: not one per page, not a partial count
            assertEquals(3, ws.awaitData("1", "mailingStats", 1).get(0).getJsonObject("stats").getInteger("sent"));
            // (waiting first: a change committed before the subscriber reads the row is shown with it, as one update)
            ingest(List.of(event("sent", mailing, "last@example.com")));
            List<JsonObject> updates = ws.awaitData("1", "mailingStats", 2);
            assertEquals(4, updates.get(1).getJsonObject("stats").getInteger("sent"));
        }
    }
}
