package io.campaignpulse.ingest;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.campaignpulse.security.DeliveryCredential;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Refuses a delivery before its body is read: a wrong or missing credential (401) or a declared
 * length over {@code pulse.ingest.max-body-bytes} (413). A body sent without a length is cut at the
 * same limit by the HTTP layer.
 */
public class IngestRequestFilter {

    private final DeliveryCredential credential;
    private final IngestConfig config;

    public IngestRequestFilter(DeliveryCredential credential, IngestConfig config) {
        this.credential = credential;
        this.config = config;
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
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
