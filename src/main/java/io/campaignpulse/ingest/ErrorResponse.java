package io.campaignpulse.ingest;

/** The body of every error the ingest endpoint answers: a stable code and a sentence for a person. */
public record ErrorResponse(String error, String message) {
}
