package io.campaignpulse.ingest;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Refuses a delivery before its body is read: a wrong or missing credential (401), a declared
 * length over {@code pulse.ingest.max-body-bytes} (413), or an instance shutting down (503, {@link DeliveryDrain}). A body sent without a length is cut at the
 * same limit by the HTTP layer.
 */
public class IngestRequestFilter {

    private final DeliveryCredential credential;
    private final IngestConfig config;
    private final DeliveryDrain drain;
    private final InflightBodies bodies;

    public IngestRequestFilter(DeliveryCredential credential, IngestConfig config, DeliveryDrain drain, InflightBodies bodies) {
        this.credential = credential;
        this.config = config;
        this.drain = drain;
        this.bodies = bodies;
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request, RoutingContext routing) {
        if (!request.getUriInfo().getPath().startsWith("/webhooks/")) {
            return null;
        }
        if (!credential.accepts(request::getHeaderString)) {
            return ErrorResponse.of(Response.Status.UNAUTHORIZED, "unauthorized",
                    "Missing or wrong delivery credential; it must match the webhook's authentication at the provider.");
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        long declared = length == null ? -1 : declaredLength(length);
        if (declared > config.maxBodyBytes()) {
            return ErrorResponse.payloadTooLarge(new PayloadTooLargeException(config.maxBodyBytes()));
        }
        if (!drain.enter()) {
            return Response.fromResponse(ErrorResponse.of(Response.Status.SERVICE_UNAVAILABLE, "shutting_down",
                    "This instance is shutting down; nothing of this delivery was stored. Retry it."))
                    .header("Retry-After", "1").header("Connection", "close").build();
        }
        // a body of unknown length may grow to the limit
        long reserved = declared >= 0 ? declared : config.maxBodyBytes();
        if (!bodies.tryTake(reserved)) {
            drain.leave();
            return Response.fromResponse(ErrorResponse.of(Response.Status.SERVICE_UNAVAILABLE, "overloaded",
                    "This instance holds as many delivery bodies as it may (pulse.ingest.max-inflight-bytes); nothing of this "
                            + "delivery was read or stored. Retry it."))
                    .header("Retry-After", "2").build();
        }
        // the end of the response (written, or the connection gone) is when a delivery stops holding memory and the shutdown
        // once only: a response ended and then its connection closed may report its end twice
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        routing.addEndHandler(ended -> {
            if (released.compareAndSet(false, true)) {
                bodies.give(reserved);
                drain.leave();
            }
        });
        BodyTimeout.arm(routing, config.bodyTimeout());
        return null;
    }

    /** The declared length, or -1 when unreadable (the HTTP layer then cuts the body at its own ceiling). */
    private static long declaredLength(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException unreadable) {
            return -1;
        }
    }
}
