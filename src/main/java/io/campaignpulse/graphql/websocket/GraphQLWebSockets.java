package io.campaignpulse.graphql.websocket;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLTransportWSSubprotocolHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLWSSubprotocolHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.graphql.websocket.GraphQLWebSocketSession;
import io.smallrye.graphql.websocket.GraphQLWebsocketHandler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Serves the GraphQL WebSockets at /graphql in place of SmallRye GraphQL's own route, with the
 * same SmallRye protocol handlers, and the bounds that route lacks:
 * <ul>
 * <li>at most {@code pulse.graphql.ws.max-connections} sockets: one more upgrade is answered 503 with
 * {@code Retry-After} (so idle sockets cannot exhaust file descriptors and starve liveness);</li>
 * <li>{@code connection_init} within {@code pulse.graphql.ws.init-timeout}, else close 4408 (as
 * graphql-transport-ws specifies);</li>
 * <li>a socket with no operation open that sends nothing for {@code pulse.graphql.ws.idle-timeout} is
 * closed (1000);</li>
 * <li>at most {@code pulse.graphql.ws.max-subscriptions} operations per socket (TOO_MANY_SUBSCRIPTIONS);</li>
 * <li>an operation without a query (BAD_REQUEST) or whose query does not parse (GRAPHQL_PARSE_FAILED)
 * is answered with an error that carries its code; SmallRye would send one without any.</li>
 * <li>at shutdown (SIGTERM), every socket is closed with 1001 (going away), so that clients reconnect to another
 * replica at once, and upgrades are refused (503 {@code shutting_down}); the upgrade request itself no longer counts
 * for Quarkus' graceful shutdown ({@link UpgradedRequests}).</li>
 * </ul>
 * It also hands the socket to {@link WebSocketBackpressure}, so backpressure uses Vert.x's public
 * {@code writeQueueFull()}. The route runs after authentication and before SmallRye's; operations are
 * authorised each on its own (SubscriberAccess).
 */
@Singleton
public class GraphQLWebSockets {

    static final String SOCKET_KEY = GraphQLWebSockets.class.getName() + ".socket";
    /** Just before HTTP authorization (-100) and SmallRye's WebSocket route (-99), after authentication (-200). */
    private static final int ORDER = -101;
    private static final Logger LOG = Logger.getLogger(GraphQLWebSockets.class);

    private final WebSocketConfig config;
    /** Sockets open and upgrades under way: what the cap counts. */
    private final AtomicInteger open = new AtomicInteger();
    /** The sockets open, to close at shutdown. */
    private final Set<ServerWebSocket> sockets = ConcurrentHashMap.newKeySet();
    private final UpgradedRequests upgradedRequests;
    private final Upgrade upgrade;
    private volatile boolean stopping;

    public GraphQLWebSockets(WebSocketConfig config, CurrentVertxRequest currentRequest, MeterRegistry registry,
            UpgradedRequests upgradedRequests,
            @ConfigProperty(name = "quarkus.smallrye-graphql.authorization-client-init-payload-name") Optional<String> initPayloadAuth) {
        this.config = config;
        this.upgradedRequests = upgradedRequests;
        InstanceHandle<CurrentIdentityAssociation> identity = Arc.container().instance(CurrentIdentityAssociation.class);
        this.upgrade = new Upgrade(identity.isAvailable() ? identity.get() : null, currentRequest, initPayloadAuth);
        Gauge.builder("pulse.graphql.websockets.open", open, AtomicInteger::get)
                .description("GraphQL WebSockets open on this instance")
                .register(registry);
    }

    void register(@Observes Router router) {
        router.route("/graphql").order(ORDER).handler(this::handle);
    }

    int openConnections() {
        return open.get();
    }

    /**
     * SIGTERM: the pod is out of the Service's endpoints by now (preStop waited), so a client told "going away"
     * reconnects to another replica and resumes its subscriptions from the last cursor it received.
     */
    void closeAtShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        closeAll();
    }

    /** The same when the shutdown delay is not enabled (then there is no pre-shutdown event). */
    void closeAtShutdown(@Observes ShutdownEvent event) {
        closeAll();
    }

    private void closeAll() {
        stopping = true;
        int closing = sockets.size();
        for (ServerWebSocket socket : sockets) {
            socket.close((short) 1001, "Server shutting down; reconnect");
        }
        if (closing > 0) {
            LOG.infof("Closed %d GraphQL WebSockets for the shutdown (1001)", closing);
        }
    }

    private void handle(RoutingContext ctx) {
        if (!ctx.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true) || ctx.request().isEnded()) {
            ctx.next();
            return;
        }
        if (stopping) {
            refuse(ctx, 1, "shutting_down", "This instance is shutting down; connect again (another instance will answer).");
            return;
        }
        if (open.incrementAndGet() > config.maxConnections()) {
            open.decrementAndGet();
            refuse(ctx, 10, "too_many_connections", "This instance holds its maximum of " + config.maxConnections()
                    + " GraphQL WebSockets; retry later (another instance may have room).");
            return;
        }
        upgrade.handle(ctx);
    }

    /** Answers the upgrade request 503 with a JSON body, before any handshake. */
    private static void refuse(RoutingContext ctx, int retryAfterSeconds, String error, String message) {
        ctx.response().setStatusCode(503)
                .putHeader("Retry-After", String.valueOf(retryAfterSeconds))
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", error).put("message", message).encode());
    }

    private void closed(ServerWebSocket socket) {
        sockets.remove(socket);
        open.decrementAndGet();
    }

    /** SmallRye's request-context and identity handling around our own upgrade. */
    private final class Upgrade extends SmallRyeGraphQLAbstractHandler {

        private final Optional<String> initPayloadAuth;

        Upgrade(CurrentIdentityAssociation identity, CurrentVertxRequest currentRequest, Optional<String> initPayloadAuth) {
            super(identity, currentRequest, false);
            this.initPayloadAuth = initPayloadAuth;
        }

        @Override
        protected void doHandle(RoutingContext ctx) {
            Map<String, Object> metaData = getMetaData(ctx);
            ctx.request().toWebSocket().onComplete(result -> {
                if (result.failed()) {
                    open.decrementAndGet();
                    LOG.debugf("GraphQL WebSocket upgrade failed: %s", result.cause());
                    return;
                }
                ServerWebSocket socket = result.result();
                upgradedRequests.release(ctx.request());
                sockets.add(socket);
                socket.closeHandler(ignored -> closed(socket));
                if (stopping) { // the shutdown began during the handshake, after closeAll() looked
                    socket.close((short) 1001, "Server shutting down; reconnect");
                    return;
                }
                ctx.put(SOCKET_KEY, socket);
                Session session = new Session(socket);
                String protocol = socket.subProtocol();
                CountsOperations protocolHandler;
                if ("graphql-transport-ws".equals(protocol)) {
                    protocolHandler = new TransportWs(session, metaData, ctx, this, initPayloadAuth);
                } else if ("graphql-ws".equals(protocol)) {
                    protocolHandler = new LegacyWs(session, metaData, ctx, this, initPayloadAuth);
                } else {
                    socket.close((short) 4406, "Subprotocol not acceptable: use graphql-transport-ws or graphql-ws");
                    return;
                }
                new SocketLimits(socket, (GraphQLWebsocketHandler) protocolHandler, protocolHandler, protocol).start();
            });
        }
    }

    /** What {@link SocketLimits} needs of a SmallRye protocol handler: how many operations it has open. */
    private interface CountsOperations {
        int activeOperations();
    }

    private static final class TransportWs extends SmallRyeAuthGraphQLTransportWSSubprotocolHandler implements CountsOperations {
        TransportWs(GraphQLWebSocketSession session, Map<String, Object> context, RoutingContext ctx,
                SmallRyeGraphQLAbstractHandler handler, Optional<String> initPayloadAuth) {
            super(session, context, ctx, handler, initPayloadAuth);
        }

        @Override
        public int activeOperations() {
            return activeOperations.size();
        }
    }

    private static final class LegacyWs extends SmallRyeAuthGraphQLWSSubprotocolHandler implements CountsOperations {
        LegacyWs(GraphQLWebSocketSession session, Map<String, Object> context, RoutingContext ctx,
                SmallRyeGraphQLAbstractHandler handler, Optional<String> initPayloadAuth) {
            super(session, context, ctx, handler, initPayloadAuth);
        }

        @Override
        public int activeOperations() {
            return activeOperations.size();
        }
    }

    /** Checks every message of one socket before SmallRye sees it, and times the socket out. */
    private final class SocketLimits {

        private final ServerWebSocket socket;
        private final GraphQLWebsocketHandler handler;
        private final CountsOperations operations;
        private final boolean transportWs;
        private volatile boolean initialised;
        private volatile long lastMessageAt = System.nanoTime();
        private long initTimer;
        private long idleTimer;

        SocketLimits(ServerWebSocket socket, GraphQLWebsocketHandler handler, CountsOperations operations, String protocol) {
            this.socket = socket;
            this.handler = handler;
            this.operations = operations;
            this.transportWs = "graphql-transport-ws".equals(protocol);
        }

        void start() {
            var vertx = io.vertx.core.Vertx.currentContext().owner();
            socket.closeHandler(ignored -> {
                closed(socket);
                vertx.cancelTimer(initTimer);
                vertx.cancelTimer(idleTimer);
                handler.onClose();
            });
            socket.endHandler(ignored -> handler.onEnd());
            socket.exceptionHandler(failure -> {
                // A client gone without a close frame, or with a reset (a phone losing its network), is routine and
                // the close handler cleans up; SmallRye would log a WARN with a stack trace for each, and a burst of
                // disconnects (2,000 attack sockets dropped at once) would flood the log.
                if (failure instanceof HttpClosedException || failure instanceof IOException) {
                    LOG.debugf("GraphQL WebSocket %s closed by its peer without a close frame", socket.remoteAddress());
                    return;
                }
                handler.onThrowable(failure);
            });
            socket.textMessageHandler(this::onMessage);
            initTimer = vertx.setTimer(config.initTimeout().toMillis(), id -> {
                if (!initialised && !socket.isClosed()) {
                    socket.close((short) 4408, "Connection initialisation timeout");
                }
            });
            long idleMillis = config.idleTimeout().toMillis();
            idleTimer = vertx.setPeriodic(Math.max(1, Math.min(idleMillis, 10_000)), id -> {
                long silentMillis = (System.nanoTime() - lastMessageAt) / 1_000_000;
                if (silentMillis >= idleMillis && operations.activeOperations() == 0 && !socket.isClosed()) {
                    vertx.cancelTimer(id);
                    socket.close((short) 1000, "Idle for " + silentMillis / 1000 + " s with no operation open");
                }
            });
        }

        private void onMessage(String text) {
            lastMessageAt = System.nanoTime();
            JsonObject message;
            try {
                message = new JsonObject(text);
            } catch (DecodeException | ClassCastException e) {
                handler.onMessage(text); // SmallRye closes with 4400, as both protocols specify
                return;
            }
            String type = message.getValue("type") instanceof String t ? t : null;
            if ("connection_init".equals(type)) {
                initialised = true;
            } else if (("subscribe".equals(type) || "start".equals(type)) && initialised && !admit(message)) {
                return;
            }
            handler.onMessage(text);
        }

        /** True if the operation may go on to SmallRye; otherwise it has been answered with an error. */
        private boolean admit(JsonObject message) {
            String id = message.getValue("id") instanceof String s ? s : null;
            if (id == null) {
                return true; // SmallRye refuses it by the protocol's rules
            }
            if (operations.activeOperations() >= config.maxSubscriptions()) {
                refuse(id, "This connection already has " + config.maxSubscriptions()
                        + " operations open, the most one connection may; complete one first or open another connection.",
                        "TOO_MANY_SUBSCRIPTIONS", null);
                return false;
            }
            JsonObject payload = message.getValue("payload") instanceof JsonObject p ? p : null;
            Object query = payload == null ? null : payload.getValue("query");
            if (!(query instanceof String text) || text.isBlank()) {
                refuse(id, "The `" + (transportWs ? "subscribe" : "start") + "` message needs `payload.query`, a GraphQL document.",
                        "BAD_REQUEST", null);
                return false;
            }
            try {
                Parser.parse(text);
            } catch (InvalidSyntaxException e) {
                JsonArray locations = e.getLocation() == null ? null
                        : new JsonArray().add(new JsonObject().put("line", e.getLocation().getLine())
                                .put("column", e.getLocation().getColumn()));
                refuse(id, "The query is not valid GraphQL: " + e.getMessage(), "GRAPHQL_PARSE_FAILED", locations);
                return false;
            }
            return true;
        }

        private void refuse(String id, String text, String code, JsonArray locations) {
            JsonObject error = new JsonObject().put("message", text).put("extensions", new JsonObject().put("code", code));
            if (locations != null) {
                error.put("locations", locations);
            }
            // graphql-transport-ws: an error message carries a list of errors and ends the operation;
            // graphql-ws: one error object, then complete
            socket.writeTextMessage(new JsonObject().put("id", id).put("type", "error")
                    .put("payload", transportWs ? new JsonArray().add(error) : error).encode());
            if (!transportWs) {
                socket.writeTextMessage(new JsonObject().put("id", id).put("type", "complete").encode());
            }
        }
    }

    /** SmallRye's view of the socket. */
    private static final class Session implements GraphQLWebSocketSession {

        private final ServerWebSocket socket;

        Session(ServerWebSocket socket) {
            this.socket = socket;
        }

        @Override
        public void sendMessage(String message) {
            socket.writeTextMessage(message);
        }

        @Override
        public void close(short statusCode, String reason) {
            socket.close(statusCode, reason);
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }

        @Override
        public String toString() {
            return "{peer=" + socket.remoteAddress() + "}";
        }
    }
}
