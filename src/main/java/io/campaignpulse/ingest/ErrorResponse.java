package io.campaignpulse.ingest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of every error the ingest endpoint answers: a stable code and a sentence for a person. */
// Built into a Response by filters and mappers, so not found by the native build's own scan of resource signatures.
@RegisterForReflection
@Schema(description = "An error answer")
public record ErrorResponse(
        @Schema(description = "Stable error code", examples = "unauthorized") String error,
        @Schema(description = "What is wrong, for a person") String message) {

    public static Response of(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorResponse(code, message)).build();
    }

    static Response payloadTooLarge(PayloadTooLargeException e) {
        return of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", e.getMessage());
    }
}
