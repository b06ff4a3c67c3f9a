package io.campaignpulse.live;

import static io.campaignpulse.live.LiveTestData.event;
import static io.campaignpulse.live.LiveTestData.eventId;
import static io.campaignpulse.live.LiveTestData.ingest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/** The subscriptions of the API, through a real WebSocket client, with both sub-protocols. */
@QuarkusTest
class LiveSubscriptionsTest {

    static final String EVENTS = """
            subscription($filter: EventFilter, $after: String) {
              events(filter: $filter, after: $after) { __typename eventId type mailingId cursor ... on ClickEvent { link } }
            }""";

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

    private static List<String> eventIds(List<JsonObject> events) {
        return events.stream().map(e -> e.getString("eventId")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = { GraphQLWsClient.TRANSPORT_WS, GraphQLWsClient.LEGACY_WS })
    void pushesExactlyTheMatchingEventsOnce(String protocol) {
        long mailing = LiveTestData.newMailingId();
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, protocol)) {
            subscribe(ws, "1", EVENTS, Map.of("filter", Map.of("mailingId", mailing, "types", List.of("OPEN", "CLICK"))));

            String open = event("open", mailing, "a@example.com");
            String sent = event("sent", mailing, "a@example.com");
            String otherMailing = event("open", mailing + 1, "a@example.com");
            String click = event("click", mailing, "b@example.com", ", \"link\": \"https://example.com/offer\"");
            ingest(List.of(open, sent, otherMailing, click));

            List<JsonObject> received = ws.awaitData("1", "events", 2);
            assertEquals(List.of(eventId(open), eventId(click)), eventIds(received));
            assertEquals("OtherEvent", received.get(0).getString("__typename"));
            assertEquals("ClickEvent", received.get(1).getString("__typename"));
            assertEquals("https://example.com/offer", received.get(1).getString("link"));
            assertEquals(String.valueOf(mailing), received.get(0).getValue("mailingId").toString());

            // the provider delivers the same events again: not pushed again
            ingest(List.of(open, click));
            String later = event("click", mailing, "c@example.com");
            ingest(List.of(later));
            assertEquals(List.of(eventId(open), eventId(click), eventId(later)), eventIds(ws.awaitData("1", "events", 3)));
        }
    }

    @Test
    void resumesFromTheLastCursorWithoutGapOrDouble() {
        long mailing = LiveTestData.newMailingId();
        Map<String, Object> filter = Map.of("mailingId", mailing);
        String first = event("sent", mailing, "a@example.com");
        String second = event("open", mailing, "a@example.com");
        String lastCursor;
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, GraphQLWsClient.TRANSPORT_WS)) {
            subscribe(ws, "1", EVENTS, Map.of("filter", filter));
            ingest(List.of(first, second));
            List<JsonObject> received = ws.awaitData("1", "events", 2);
            lastCursor = received.get(1).getString("cursor");
        }
        await().until(() -> feed.openSubscriptions() == 0);

        // committed while the client was away
        List<String> missed = List.of(event("click", mailing, "a@example.com"), event("open", mailing, "b@example.com"));
        ingest(missed);

        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, GraphQLWsClient.LEGACY_WS)) {
            subscribe(ws, "2", EVENTS, Map.of("filter", filter, "after", lastCursor));
            assertEquals(List.of(eventId(missed.get(0)), eventId(missed.get(1))), eventIds(ws.awaitData("2", "events", 2)));
            String live = event("open", mailing, "c@example.com");
            ingest(List.of(live));
            assertEquals(List.of(eventId(missed.get(0)), eventId(missed.get(1)), eventId(live)),
                    eventIds(ws.awaitData("2", "events", 3)));
        }
    }

    @Test
    void badCursorIsAClearError() {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, GraphQLWsClient.TRANSPORT_WS)) {
            ws.subscribe("1", EVENTS, Map.of("after", "not-a-cursor"));
            JsonObject frame = ws.awaitFrame(f -> "1".equals(f.getString("id")) && !"complete".equals(f.getString("type")));
            String text = frame.encode();
            assertTrue(text.contains("INVALID_CURSOR"), text);
            assertTrue(text.contains("not a cursor"), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { GraphQLWsClient.TRANSPORT_WS, GraphQLWsClient.LEGACY_WS })
    void mailingStatsArriveEachTimeTheyChange(String protocol) {
        long mailing = LiveTestData.newMailingId();
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, protocol)) {
            subscribe(ws, "1", "subscription($id: ID!) { mailingStats(mailingId: $id) { mailingId stats { sent opens uniqueOpens } } }",
                    Map.of("id", mailing));
            ingest(List.of(event("sent", mailing, "a@example.com"), event("sent", mailing, "b@example.com")));
            JsonObject first = ws.awaitData("1", "mailingStats", 1).get(0).getJsonObject("stats");
            assertEquals(2, first.getInteger("sent"));
            assertEquals(0, first.getInteger("opens"));
            // (waiting first: changes committed before the subscriber reads the row arrive as one update)
            ingest(List.of(event("open", mailing + 1, "a@example.com"))); // another mailing: nothing for this subscriber
            ingest(List.of(event("open", mailing, "a@example.com")));
            List<JsonObject> updates = ws.awaitData("1", "mailingStats", 2);
            assertEquals(1, updates.get(1).getJsonObject("stats").getInteger("uniqueOpens"));
        }
    }

    @Test
    void recipientStatusChangesArriveFilteredByStatus() {
        long mailing = LiveTestData.newMailingId();
        String unsubscriber = "unsub-" + mailing + "@example.com";
        String bouncer = "bounce-" + mailing + "@example.com";
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, GraphQLWsClient.LEGACY_WS)) {
            subscribe(ws, "all", "subscription { recipientStatusChanged { recipientId status } }", Map.of());
            subscribe(ws, "unsub", "subscription { recipientStatusChanged(status: UNSUBSCRIBED) { recipientId status } }", Map.of());
            ingest(List.of(event("open", mailing, unsubscriber))); // no status change
            ingest(List.of(event("unsubscribe", mailing, unsubscriber)));
            ingest(List.of(event("bounce", mailing, bouncer, ", \"category\": \"hardbounce\", \"thresholdExceeded\": true")));
            List<JsonObject> all = ws.awaitData("all", "recipientStatusChanged", 2);
            assertEquals(unsubscriber, all.get(0).getString("recipientId"));
            assertEquals("UNSUBSCRIBED", all.get(0).getString("status"));
            assertEquals(bouncer, all.get(1).getString("recipientId"));
            assertEquals("BOUNCED", all.get(1).getString("status"));
            List<JsonObject> unsubscribed = ws.awaitData("unsub", "recipientStatusChanged", 1);
            assertEquals(unsubscriber, unsubscribed.get(0).getString("recipientId"));
        }
    }

    @Test
    void disconnectEndsTheSubscriptionsOfTheConnection() {
        int before = feed.openSubscriptions();
        GraphQLWsClient ws = GraphQLWsClient.connect(graphql, GraphQLWsClient.TRANSPORT_WS);
        subscribe(ws, "1", EVENTS, Map.of());
        subscribe(ws, "2", "subscription { mailingStats(mailingId: 1) { mailingId } }", Map.of());
        assertEquals(before + 2, feed.openSubscriptions());
        ws.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.openSubscriptions() == before);
    }

    @Test
    void clientEndingOneOperationEndsOnlyThatOne() {
        int before = feed.openSubscriptions();
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, GraphQLWsClient.LEGACY_WS)) {
            subscribe(ws, "1", EVENTS, Map.of());
            subscribe(ws, "2", EVENTS, Map.of());
            ws.stop("1");
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.openSubscriptions() == before + 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { GraphQLWsClient.TRANSPORT_WS, GraphQLWsClient.LEGACY_WS })
    void idleConnectionsGetKeepAlives(String protocol) {
        String keepAlive = GraphQLWsClient.TRANSPORT_WS.equals(protocol) ? "ping" : "ka";
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, protocol)) {
            subscribe(ws, "1", EVENTS, Map.of("filter", Map.of("mailingId", LiveTestData.newMailingId())));
            ws.awaitFrame(frame -> keepAlive.equals(frame.getString("type")));
            assertTrue(!ws.isClosed());
        }
    }
}
