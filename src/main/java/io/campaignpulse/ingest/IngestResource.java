package io.campaignpulse.ingest;

import java.time.Instant;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The URL registered as {@code targetUrl} at Optimizely Campaign. Answers 200 only once every
 * event of the delivery is committed; runs on the event loop from the request to the database.
 * The credential and the body size are checked before the body is read ({@link IngestRequestFilter}).
 */
@Path("/webhooks/optimizely")
public class IngestResource {

    private final DeliveryParser parser;
    private final WriteCombiner writer;
    private final IngestConfig config;

    public IngestResource(DeliveryParser parser, WriteCombiner writer, IngestConfig config) {
        this.parser = parser;
        this.writer = writer;
        this.config = config;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<IngestResult> ingest(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        Instant receivedAt = Instant.now();
        requireJson(contentType);
        if (body != null && body.length > config.maxBodyBytes()) {
            // sent without Content-Length, so the request filter could not refuse it up front
            throw new PayloadTooLargeException(config.maxBodyBytes());
        }
        return writer.submit(parser.parse(body, receivedAt));
    }

    /** JSON or any +json type; a missing Content-Type is read as JSON, the provider's only format. */
    private static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException unreadable) {
            throw new UnsupportedContentTypeException(contentType);
        }
        boolean json = "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase().endsWith("+json"));
        if (!json) {
            throw new UnsupportedContentTypeException(contentType);
        }
    }
}
