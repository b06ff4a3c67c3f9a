package io.campaignpulse.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/** The bounds of GraphQL WebSockets: connections, subscriptions per connection, init and idle timeouts, coded errors. */
@QuarkusTest
@TestProfile(WebSocketLimitsProfile.class)
class WebSocketLimitsTest {

    private static final String SUBSCRIPTION = "subscription { events { eventId } }";

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    CommittedEventFeed feed;

    /** The status an upgrade is rejected with, or 101 if it is accepted (then closed at once). */
    private int upgradeStatus() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient();
            WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost(graphql.getHost()).setPort(graphql.getPort())
                    .setURI(graphql.getPath()).addSubProtocol(GraphQLWsClient.TRANSPORT_WS);
            try {
                client.webSocket(connect).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).close();
                return 101;
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof UpgradeRejectedException rejected) {
                    return rejected.getStatus();
                }
                throw e;
            }
        } finally {
            vertx.close();
        }
    }

    @Test
    void connectionsBeyondTheCapAreRefusedAtUpgrade() throws Exception {
        List<GraphQLWsClient> open = new ArrayList<>();
        try {
            // earlier tests' sockets may still be closing
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                open.forEach(GraphQLWsClient::close);
                open.clear();
                for (int i = 0; i < WebSocketLimitsProfile.MAX_CONNECTIONS; i++) {
                    try {
                        open.add(GraphQLWsClient.connect(graphql, GraphQLWsClient.TRANSPORT_WS));
                    } catch (AssertionError full) {
                        return false;
                    }
                }
                return true;
            });
            assertEquals(503, upgradeStatus());
            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> upgradeStatus() == 101);
        } finally {
            open.forEach(GraphQLWsClient::close);
        }
    }

    @Test
    void aSocketWithoutConnectionInitIsClosedWith4408() {
        try (GraphQLWsClient silent = GraphQLWsClient.open(graphql, GraphQLWsClient.TRANSPORT_WS)) {
            await().atMost(Duration.ofSeconds(10)).until(silent::isClosed);
            assertEquals((short) 4408, silent.closeStatus());
        }
    }

    @Test
    void anIdleSocketIsClosedButOneWithASubscriptionStays() {
        try (GraphQLWsClient idle = GraphQLWsClient.connect(graphql, GraphQLWsClient.LEGACY_WS);
                GraphQLWsClient busy = GraphQLWsClient.connect(graphql, GraphQLWsClient.LEGACY_WS)) {
            busy.subscribeRegistered(feed, "1", SUBSCRIPTION, Map.of());
            await().atMost(Duration.ofSeconds(15)).until(idle::isClosed);
            assertEquals((short) 1000, idle.closeStatus());
            assertFalse(busy.isClosed(), "a socket with an operation open is not idle");
        }
    }

    @Test
    void subscriptionsBeyondTheCapAreRefusedWithACode() {
        for (String protocol : List.of(GraphQLWsClient.TRANSPORT_WS, GraphQLWsClient.LEGACY_WS)) {
            try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, protocol)) {
                for (int i = 1; i <= WebSocketLimitsProfile.MAX_SUBSCRIPTIONS; i++) {
                    ws.subscribeRegistered(feed, String.valueOf(i), SUBSCRIPTION, Map.of());
                }
                ws.subscribe("extra", SUBSCRIPTION, Map.of());
                assertEquals("TOO_MANY_SUBSCRIPTIONS", errorOf(ws, "extra").getJsonObject("extensions").getString("code"));
                // completing one makes room again
                ws.stop("1");
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    ws.subscribe("again", SUBSCRIPTION, Map.of());
                    assertTrue(ws.frames().stream().noneMatch(f -> "again".equals(f.getString("id")) && "error".equals(f.getString("type"))));
                });
            }
        }
    }

    @Test
    void parseErrorsAndMissingQueriesOverWebSocketCarryCodes() {
        for (String protocol : List.of(GraphQLWsClient.TRANSPORT_WS, GraphQLWsClient.LEGACY_WS)) {
            try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, protocol)) {
                ws.subscribe("bad", "subscription { events { eventId }", Map.of());
                JsonObject parse = errorOf(ws, "bad");
                assertEquals("GRAPHQL_PARSE_FAILED", parse.getJsonObject("extensions").getString("code"), parse.encode());
                assertNotNull(parse.getJsonArray("locations"), parse.encode());

                String start = GraphQLWsClient.TRANSPORT_WS.equals(protocol) ? "subscribe" : "start";
                ws.send(new JsonObject().put("id", "none").put("type", start).put("payload", new JsonObject()));
                assertEquals("BAD_REQUEST", errorOf(ws, "none").getJsonObject("extensions").getString("code"));
                // the connection goes on serving
                ws.subscribeRegistered(feed, "ok", SUBSCRIPTION, Map.of());
                assertFalse(ws.isClosed());
            }
        }
    }

    private static JsonObject errorOf(GraphQLWsClient ws, String id) {
        Object payload = ws.awaitFrame(f -> id.equals(f.getString("id")) && "error".equals(f.getString("type"))).getValue("payload");
        return payload instanceof JsonArray errors ? errors.getJsonObject(0) : (JsonObject) payload;
    }
}
