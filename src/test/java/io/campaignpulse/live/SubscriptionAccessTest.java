package io.campaignpulse.live;

import static io.campaignpulse.live.LiveTestData.event;
import static io.campaignpulse.live.LiveTestData.eventId;
import static io.campaignpulse.live.LiveTestData.ingest;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.campaignpulse.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/** Subscriptions with pulse.graphql.auth=jwt: the token from connection_init or the upgrade request, on both protocols. */
@QuarkusTest
@TestProfile(TestTokens.JwtMode.class)
class SubscriptionAccessTest {

    private static final String EVENTS = "subscription($filter: EventFilter) { events(filter: $filter) { eventId } }";

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    CommittedEventFeed feed;

    @BeforeEach
    void feedListens() {
        await().atMost(Duration.ofSeconds(10)).until(feed::isStarted);
    }

    private static JsonObject init(String token) {
        return new JsonObject().put("Authorization", "Bearer " + token);
    }

    private static Map<String, Object> mailing(long mailingId) {
        return Map.of("filter", Map.of("mailingId", mailingId));
    }

    /** The first error of operation {@code id}, waited for. */
    private static JsonObject awaitError(GraphQLWsClient ws, String id) {
        JsonObject payload = ws.awaitFrame(frame -> id.equals(frame.getString("id"))
                && ("next".equals(frame.getString("type")) || "data".equals(frame.getString("type")))
                && frame.getJsonObject("payload").getJsonArray("errors") != null).getJsonObject("payload");
        return payload.getJsonArray("errors").getJsonObject(0);
    }

    private static void assertError(JsonObject error, String code, String messagePart) {
        assertEquals(code, error.getJsonObject("extensions").getString("code"), error.encodePrettily());
        assertTrue(error.getString("message").contains(messagePart), error.encodePrettily());
    }

    private void assertPushed(GraphQLWsClient ws) {
        long mailingId = LiveTestData.newMailingId();
        ws.subscribeRegistered(feed, "1", EVENTS, mailing(mailingId));
        String open = event("open", mailingId, "a@example.com");
        ingest(List.of(open));
        assertEquals(eventId(open), ws.awaitData("1", "events", 1).get(0).getString("eventId"));
    }

    @ParameterizedTest
    @ValueSource(strings = { GraphQLWsClient.TRANSPORT_WS, GraphQLWsClient.LEGACY_WS })
    void aTokenInTheConnectionInitPayloadSubscribes(String protocol) {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, protocol, init(TestTokens.reader("10180860001")), Map.of(), null)) {
            assertPushed(ws);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { GraphQLWsClient.TRANSPORT_WS, GraphQLWsClient.LEGACY_WS })
    void aTokenInTheUpgradeRequestSubscribes(String protocol) {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, protocol, null,
                Map.of("Authorization", "Bearer " + TestTokens.reader("10180860001")), null)) {
            assertPushed(ws);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { GraphQLWsClient.TRANSPORT_WS, GraphQLWsClient.LEGACY_WS })
    void theStaticReadTokenStillSubscribes(String protocol) {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, protocol, init(TestTokens.READ_TOKEN), Map.of(), null)) {
            assertPushed(ws);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { GraphQLWsClient.TRANSPORT_WS, GraphQLWsClient.LEGACY_WS })
    void subscriptionsAreRefusedWithoutAValidToken(String protocol) {
        int before = feed.openSubscriptions();
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, protocol)) {
            ws.subscribe("1", EVENTS, Map.of());
            assertError(awaitError(ws, "1"), "UNAUTHORIZED", "connection_init");
        }
        String forged = TestTokens.signedByAnotherKey(TestTokens.claims("reader@example.com", "pulse-reader"));
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, protocol, init(forged), Map.of(), null)) {
            ws.subscribe("1", EVENTS, Map.of());
            assertError(awaitError(ws, "1"), "UNAUTHORIZED", "not valid");
        }
        String noGroups = TestTokens.sign(TestTokens.claims("nobody@example.com"));
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, protocol, init(noGroups), Map.of(), null)) {
            ws.subscribe("1", EVENTS, Map.of());
            assertError(awaitError(ws, "1"), "FORBIDDEN", "pulse-reader");
        }
        assertEquals(before, feed.openSubscriptions(), "no refused subscription was registered");
    }

    @ParameterizedTest
    @ValueSource(strings = { GraphQLWsClient.TRANSPORT_WS, GraphQLWsClient.LEGACY_WS })
    void aSubscriptionEndsWithUnauthorizedWhenItsTokenExpires(String protocol) {
        // long enough to subscribe and receive one event on a loaded machine first
        Instant expiry = Instant.now().plusSeconds(15);
        String shortLived = TestTokens.sign(TestTokens.claims("reader@example.com", "pulse-reader").claim("optimizely_clients", java.util.List.of("10180860001")).expiresAt(expiry));
        int before = feed.openSubscriptions();
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, protocol, init(shortLived), Map.of(), null)) {
            assertPushed(ws);
            JsonObject error = awaitError(ws, "1");
            assertTrue(!Instant.now().isBefore(expiry.minusMillis(1000)), "ended at expiry, not before");
            assertError(error, "UNAUTHORIZED", "expired");
            // (at most: a subscription of an earlier test may still have been closing when this one counted)
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.openSubscriptions() <= before);

            // the connection's credential stays expired: a new subscription on it is refused at once
            ws.subscribe("2", EVENTS, Map.of());
            assertError(awaitError(ws, "2"), "UNAUTHORIZED", "expired");
        }
    }
}
