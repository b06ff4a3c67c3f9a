package io.campaignpulse.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * A GraphQL-over-WebSocket client speaking either sub-protocol the way JavaScript clients do:
 * {@code graphql-transport-ws} (graphql-ws, Apollo) or the legacy {@code graphql-ws}
 * (subscriptions-transport-ws). Every frame received is kept, in order.
 */
final class GraphQLWsClient implements AutoCloseable {

    static final String TRANSPORT_WS = "graphql-transport-ws";
    static final String LEGACY_WS = "graphql-ws";

    private static final Vertx VERTX = Vertx.vertx();

    private final String protocol;
    private final HttpClient client;
    private final WebSocket socket;
    private final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile Short closeStatus;

    private GraphQLWsClient(String protocol, HttpClient client, WebSocket socket) {
        this.protocol = protocol;
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> {
            JsonObject frame = new JsonObject(text);
            frames.add(frame);
            if ("ping".equals(frame.getString("type")) && TRANSPORT_WS.equals(protocol)) {
                socket.writeTextMessage(new JsonObject().put("type", "pong").encode());
            }
        });
        socket.closeHandler(ignored -> {
            closeStatus = socket.closeStatusCode();
            closed = true;
        });
    }

    /** Connects to {@code graphqlUri} (http://host:port/graphql) and waits for connection_ack. */
    static GraphQLWsClient connect(URI graphqlUri, String protocol, JsonObject initPayload, Map<String, String> headers,
            Integer receiveBufferSize) {
        HttpClientOptions options = new HttpClientOptions();
        if (receiveBufferSize != null) {
            // a small fixed window (no autotuning), so a client that stops reading stalls the server soon
            options.setReceiveBufferSize(receiveBufferSize);
        }
        HttpClient client = VERTX.createHttpClient(options);
        WebSocketConnectOptions connect = new WebSocketConnectOptions()
                .setHost(graphqlUri.getHost()).setPort(graphqlUri.getPort()).setURI(graphqlUri.getPath())
                .addSubProtocol(protocol);
        headers.forEach(connect::addHeader);
        WebSocket socket;
        try {
            socket = client.webSocket(connect).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot open the WebSocket " + graphqlUri + " (" + protocol + ")", e);
        }
        assertEquals(protocol, socket.subProtocol());
        GraphQLWsClient ws = new GraphQLWsClient(protocol, client, socket);
        JsonObject init = new JsonObject().put("type", "connection_init");
        if (initPayload != null) {
            init.put("payload", initPayload);
        }
        ws.send(init);
        ws.awaitFrame(frame -> "connection_ack".equals(frame.getString("type")));
        return ws;
    }

    /** Opens the WebSocket and sends nothing (not even connection_init). */
    static GraphQLWsClient open(URI graphqlUri, String protocol) {
        HttpClient client = VERTX.createHttpClient(new HttpClientOptions());
        WebSocketConnectOptions connect = new WebSocketConnectOptions()
                .setHost(graphqlUri.getHost()).setPort(graphqlUri.getPort()).setURI(graphqlUri.getPath())
                .addSubProtocol(protocol);
        try {
            return new GraphQLWsClient(protocol, client,
                    client.webSocket(connect).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            client.close();
            throw new AssertionError("cannot open the WebSocket " + graphqlUri + " (" + protocol + ")", e);
        }
    }

    static GraphQLWsClient connect(URI graphqlUri, String protocol) {
        return connect(graphqlUri, protocol, null, Map.of(), null);
    }

    /** Starts operation {@code id}. */
    void subscribe(String id, String query, Map<String, Object> variables) {
        JsonObject payload = new JsonObject().put("query", query).put("variables", new JsonObject(variables));
        send(new JsonObject().put("id", id).put("type", TRANSPORT_WS.equals(protocol) ? "subscribe" : "start").put("payload", payload));
    }

    /**
     * Subscribes and waits until the server registered the subscription on {@code feed}: from there
     * on nothing committed is missed, so a test may ingest.
     */
    void subscribeRegistered(CommittedEventFeed feed, String id, String query, Map<String, Object> variables) {
        int before = feed.openSubscriptions();
        subscribe(id, query, variables);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> feed.openSubscriptions() > before);
    }

    /** Ends operation {@code id} from the client's side. */
    void stop(String id) {
        send(new JsonObject().put("id", id).put("type", TRANSPORT_WS.equals(protocol) ? "complete" : "stop"));
    }

    void send(JsonObject frame) {
        socket.writeTextMessage(frame.encode());
    }

    /** The payloads of the result frames (next / data) of operation {@code id}, in order. */
    List<JsonObject> results(String id) {
        String resultType = TRANSPORT_WS.equals(protocol) ? "next" : "data";
        List<JsonObject> results = new ArrayList<>();
        for (JsonObject frame : frames) {
            if (id.equals(frame.getString("id")) && resultType.equals(frame.getString("type"))) {
                results.add(frame.getJsonObject("payload"));
            }
        }
        return results;
    }

    /** The data of operation {@code id}'s results under {@code field}, in order; fails on errors. */
    List<JsonObject> data(String id, String field) {
        List<JsonObject> data = new ArrayList<>();
        for (JsonObject result : results(id)) {
            if (result.getJsonArray("errors") != null) {
                fail("unexpected errors: " + result.encodePrettily());
            }
            data.add(result.getJsonObject("data").getJsonObject(field));
        }
        return data;
    }

    List<JsonObject> awaitData(String id, String field, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> results(id).size() >= count);
        List<JsonObject> data = data(id, field);
        assertEquals(count, data.size(), () -> "more results than expected: " + data);
        return data;
    }

    JsonObject awaitFrame(Predicate<JsonObject> wanted) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> frames.stream().anyMatch(wanted));
        return frames.stream().filter(wanted).findFirst().orElseThrow();
    }

    List<JsonObject> frames() {
        return List.copyOf(frames);
    }

    /** Stops reading from the socket (as a stalled client would). */
    void pause() {
        socket.pause();
    }

    void resume() {
        socket.resume();
    }

    boolean isClosed() {
        return closed;
    }

    /** The close code the server sent, once closed. */
    Short closeStatus() {
        return closeStatus;
    }

    @Override
    public void close() {
        socket.close();
        client.close();
    }
}
