package io.campaignpulse.ingest;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.campaignpulse.security.DeliveryCredential;
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

    public IngestRequestFilter(DeliveryCredential credential, IngestConfig config, DeliveryDrain drain) {
        this.credential = credential;
        this.config = config;
        this.drain = drain;
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
        if (length != null && exceedsLimit(length)) {
            return ErrorResponse.payloadTooLarge(new PayloadTooLargeException(config.maxBodyBytes()));
        }
        if (!drain.enter()) {
            return Response.fromResponse(ErrorResponse.of(Response.Status.SERVICE_UNAVAILABLE, "shutting_down",
                    "This instance is shutting down; nothing of this delivery was stored. Retry it."))
                    .header("Retry-After", "1").header("Connection", "close").build();
        }
        // the end of the response (written, or the connection gone) is when a delivery stops holding the shutdown
        routing.addEndHandler(ended -> drain.leave());
        return null;
    }

    private boolean exceedsLimit(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > config.maxBodyBytes();
        } catch (NumberFormatException unreadable) {
            return false;
        }
    }
}
