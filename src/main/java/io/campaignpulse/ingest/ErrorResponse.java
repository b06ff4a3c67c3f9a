package io.campaignpulse.ingest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of every error the ingest endpoint answers: a stable code and a sentence for a person. */
public record ErrorResponse(String error, String message) {

    public static Response of(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorResponse(code, message)).build();
    }

    static Response payloadTooLarge(PayloadTooLargeException e) {
        return of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", e.getMessage());
    }
}
