package io.campaignpulse.live;

import static io.campaignpulse.live.LiveTestData.eventId;
import static io.campaignpulse.live.LiveTestData.ingest;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.campaignpulse.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/**
 * End to end with signed tokens (pulse.graphql.auth=jwt): the `optimizely_clients` claim limits what a caller
 * reads, through queries over HTTP and subscriptions over both WebSocket protocols (token in connection_init).
 */
@QuarkusTest
@TestProfile(TestTokens.JwtMode.class)
class ClientIsolationJwtTest {

    // clients no other test stores events for
    static final long CLIENT_A = 93_000_000_001L;
    static final long CLIENT_B = 93_000_000_002L;

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    CommittedEventFeed feed;

    @BeforeEach
    void feedListens() {
        await().atMost(Duration.ofSeconds(10)).until(feed::isStarted);
    }

    private static JsonPath query(String token, String query, Map<String, Object> variables) {
        JsonPath response = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("query", query, "variables", variables))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        assertNull(response.get("errors"), response::prettify);
        return response;
    }

    private static String recipient(String tag) {
        return tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "@jwt.test";
    }

    @Test
    void queriesSeeTheClaimsClientsOnly() {
        long mailing = LiveTestData.newMailingId();
        String shared = recipient("shared");
        String a = ClientScopedLiveTest.event("unsubscribe", CLIENT_A, 1L, mailing, shared, "");
        String b = ClientScopedLiveTest.event("blocklist", CLIENT_B, 2L, mailing + 1, shared, "");
        ingest(List.of(a, b));

        String readerA = TestTokens.reader(String.valueOf(CLIENT_A));
        String readerB = TestTokens.reader(String.valueOf(CLIENT_B));
        String nobody = TestTokens.sign(TestTokens.claims("nobody@example.com", "pulse-reader"));
        String both = TestTokens.reader(String.valueOf(CLIENT_A), String.valueOf(CLIENT_B));
        String q = """
                query($r: String!, $a: String!, $b: String!, $m: ID!) {
                  recipient(recipientId: $r) { status lists { clientId } events { edges { node { eventId } } } }
                  ea: event(eventId: $a) { eventId } eb: event(eventId: $b) { eventId }
                  mailing(mailingId: $m) { mailingId } }""";
        Map<String, Object> vars = Map.of("r", shared, "a", eventId(a), "b", eventId(b), "m", mailing);

        JsonPath forA = query(readerA, q, vars);
        assertEquals("UNSUBSCRIBED", forA.getString("data.recipient.status"));
        assertEquals(List.of(String.valueOf(CLIENT_A)), forA.getList("data.recipient.lists.clientId", String.class));
        assertEquals(List.of(eventId(a)), forA.getList("data.recipient.events.edges.node.eventId"));
        assertEquals(eventId(a), forA.getString("data.ea.eventId"));
        assertNull(forA.get("data.eb"));
        assertEquals(String.valueOf(mailing), forA.getString("data.mailing.mailingId"));

        JsonPath forB = query(readerB, q, vars);
        assertEquals("BLOCKLISTED", forB.getString("data.recipient.status"));
        assertNull(forB.get("data.ea"));
        assertEquals(eventId(b), forB.getString("data.eb.eventId"));
        assertNull(forB.get("data.mailing"));

        assertEquals("BLOCKLISTED", query(both, q, vars).getString("data.recipient.status"));

        JsonPath forNobody = query(nobody, q, vars);
        assertNull(forNobody.get("data.recipient"));
        assertNull(forNobody.get("data.ea"));
        assertNull(forNobody.get("data.mailing"));
    }

    @ParameterizedTest
    @ValueSource(strings = { GraphQLWsClient.TRANSPORT_WS, GraphQLWsClient.LEGACY_WS })
    void subscriptionsSeeTheClaimsClientsOnly(String protocol) {
        long mailing = LiveTestData.newMailingId();
        String shared = recipient("ws");
        ingest(List.of(ClientScopedLiveTest.event("sent", CLIENT_A, 1L, mailing, shared, ""),
                ClientScopedLiveTest.event("sent", CLIENT_B, 2L, mailing + 1, shared, "")));
        JsonObject init = new JsonObject().put("Authorization", "Bearer " + TestTokens.reader(String.valueOf(CLIENT_A)));
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, protocol, init, Map.of(), null)) {
            ws.subscribeRegistered(feed, "events", "subscription { events { eventId } }", Map.of());
            ws.subscribeRegistered(feed, "status", "subscription { recipientStatusChanged { recipientId status } }", Map.of());
            ws.subscribeRegistered(feed, "otherMailing", "subscription($id: ID!) { mailingStats(mailingId: $id) { mailingId } }",
                    Map.of("id", mailing + 1));
            ws.subscribeRegistered(feed, "mailing", "subscription($id: ID!) { mailingStats(mailingId: $id) { mailingId } }",
                    Map.of("id", mailing));

            String blocklistB = ClientScopedLiveTest.event("blocklist", CLIENT_B, 2L, mailing + 1, shared, "");
            String unsubscribeA = ClientScopedLiveTest.event("unsubscribe", CLIENT_A, 1L, mailing, shared, "");
            ingest(List.of(blocklistB));
            ingest(List.of(unsubscribeA));

            assertEquals(eventId(unsubscribeA), ws.awaitData("events", "events", 1).get(0).getString("eventId"));
            JsonObject status = ws.awaitData("status", "recipientStatusChanged", 1).get(0);
            assertEquals(shared, status.getString("recipientId"));
            assertEquals("UNSUBSCRIBED", status.getString("status"));
            ws.awaitData("mailing", "mailingStats", 1);
            // B's mailing changed first, and A's change has arrived: nothing of B's came
            assertEquals(List.of(), ws.results("otherMailing"));
        }
    }
}
