package io.campaignpulse.graphql;

import org.jboss.logging.Logger;

import io.campaignpulse.live.DeliveryGate;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lets a subscription's items out only while the client's socket can take them.
 * <p>
 * SmallRye GraphQL writes every item to the WebSocket as soon as it gets it and asks for the next
 * one at once, so demand never tells that a client stopped reading: the items would pile up in the
 * connection's outbound buffer, without limit. The connection's writability (Netty's high-water
 * mark) does tell, so while it is not writable items stay in the subscriber's bounded queue, which
 * ends the subscription when it overflows.
 */
@ApplicationScoped
public class WebSocketGate {

    private static final Logger LOG = Logger.getLogger(WebSocketGate.class);

    private final CurrentVertxRequest currentRequest;

    public WebSocketGate(CurrentVertxRequest currentRequest) {
        this.currentRequest = currentRequest;
    }

    /** The gate of the connection the current operation came in on (always open when unknown). */
    public DeliveryGate current() {
        RoutingContext request = currentRequest.getCurrent();
        HttpConnection connection = request == null ? null : request.request().connection();
        if (connection instanceof ConnectionBase base) {
            return () -> !base.isNotWritable();
        }
        LOG.debugf("No connection to watch for this subscription (%s); its queue is bounded by demand only", connection);
        return DeliveryGate.ALWAYS_OPEN;
    }
}
