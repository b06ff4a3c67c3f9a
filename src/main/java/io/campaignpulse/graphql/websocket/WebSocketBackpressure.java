package io.campaignpulse.graphql.websocket;

import org.jboss.logging.Logger;

import io.campaignpulse.live.TransportBackpressure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lets a subscription's items out only while the client's socket can take them.
 * <p>
 * SmallRye GraphQL writes every item to the WebSocket as soon as it gets it and asks for the next
 * one at once, so demand never tells that a client stopped reading: the items would pile up in the
 * connection's outbound buffer, without limit. The connection's writability (Netty's high-water
 * mark) does tell, so while it is not writable items stay in the subscriber's bounded queue.
 * <p>
 * {@link GraphQLWebSockets} hands over the socket itself, whose public {@code writeQueueFull()} says
 * it. Only a socket that did not come through it (none should) falls back to Vert.x's internal
 * {@code ConnectionBase}; where neither works, the subscription is counted in the metric
 * {@code pulse.subscriptions.ungated} and logged, never silently left without backpressure.
 */
@ApplicationScoped
public class WebSocketBackpressure {

    private static final Logger LOG = Logger.getLogger(WebSocketBackpressure.class);

    private final CurrentVertxRequest currentRequest;
    private final Counter ungated;

    public WebSocketBackpressure(CurrentVertxRequest currentRequest, MeterRegistry registry) {
        this.currentRequest = currentRequest;
        this.ungated = Counter.builder("pulse.subscriptions.ungated")
                .description("Subscriptions whose socket could not be watched for backpressure (should stay 0)")
                .register(registry);
    }

    /** The backpressure of the connection the current operation came in on (always open when unknown). */
    public TransportBackpressure current() {
        RoutingContext request = currentRequest.getCurrent();
        if (request != null && request.get(GraphQLWebSockets.SOCKET_KEY) instanceof ServerWebSocket socket) {
            return () -> !socket.writeQueueFull();
        }
        HttpConnection connection = request == null ? null : request.request().connection();
        if (connection instanceof ConnectionBase base) {
            return () -> !base.isNotWritable();
        }
        ungated.increment();
        LOG.warnf("No connection to watch for this subscription (%s); its queue is bounded by its buffer and stall timeout only",
                connection);
        return TransportBackpressure.ALWAYS_OPEN;
    }
}
