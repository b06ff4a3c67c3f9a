package io.campaignpulse.ingest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
@Tag(name = "Ingest", description = "Webhook deliveries from Optimizely Campaign")
@SecurityScheme(securitySchemeName = IngestResource.CREDENTIAL, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = "Authorization",
        description = "The webhook's authentication at the provider: by default header Authorization (pulse.ingest.header-name) "
                + "must equal pulse.ingest.header-value; with pulse.ingest.auth=basic, HTTP Basic instead.")
public class IngestResource {

    static final String CREDENTIAL = "deliveryCredential";

    private static final String EXAMPLE_DELIVERY = """
            [{"type": "bounce", "id": "0a673102-178d27b2c8c-178d2cac0e4-a1000000000004", "recipientId": "old.address@example.com",
              "userListId": 10180860004, "clientId": 10180860001, "created": 1617108180000, "mailingId": 10230355206,
              "mediaTypesToAddresses": {"EMAIL": "old.address@example.com"}, "mediaType": "EMAIL",
              "category": "hardbounce", "reason": "550 5.1.1 user unknown", "thresholdExceeded": true}]""";

    private final DeliveryParser parser;
    private final WriteCombiner writer;
    private final IngestConfig config;
    private final IngestMetrics metrics;

    public IngestResource(DeliveryParser parser, WriteCombiner writer, IngestConfig config, IngestMetrics metrics) {
        this.parser = parser;
        this.writer = writer;
        this.config = config;
        this.metrics = metrics;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a webhook delivery",
            description = "Stores every event of the delivery and answers 200 only once they are committed. Events already "
                    + "stored (the provider's retries) count as duplicates; elements that can never be stored are rejected "
                    + "and kept aside. Any answer other than 200 means nothing of the delivery was stored: retry it.")
    @SecurityRequirement(name = CREDENTIAL)
    @RequestBody(required = true, description = "A JSON array of events (how the provider batches them) or one event object.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Object.class,
                            description = "Optimizely Campaign webhook events; every element needs a string field 'type'"),
                    examples = @ExampleObject(name = "bounce", value = EXAMPLE_DELIVERY)))
    @APIResponse(responseCode = "200", description = "Every event of the delivery is committed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "400", description = "The body is not JSON, or not an array of event objects (error malformed_json or invalid_delivery)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong delivery credential (error unauthorized); nothing stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "408", description = "The body did not arrive whole within pulse.ingest.body-timeout (error body_timeout); nothing stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than pulse.ingest.max-body-bytes (error payload_too_large)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "415", description = "The Content-Type is not JSON (error unsupported_media_type)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "503", description = "The database is unavailable (error storage_unavailable), the instance is at its memory or "
            + "queue bounds (error overloaded) or shutting down (error shutting_down); nothing stored, retry after Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Uni<IngestResult> ingest(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        Instant receivedAt = Instant.now();
        long startNanos = System.nanoTime();
        requireJson(contentType);
        if (body != null && body.length > config.maxBodyBytes()) {
            // sent without Content-Length, so the request filter could not refuse it up front
            throw new PayloadTooLargeException(config.maxBodyBytes());
        }
        return writer.submit(parser.parse(body, receivedAt))
                .onItemOrFailure().invoke((result, failure) -> metrics.delivery(startNanos, failure == null));
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
