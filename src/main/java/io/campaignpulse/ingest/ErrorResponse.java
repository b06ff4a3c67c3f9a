package io.campaignpulse.ingest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of every error the ingest endpoint answers: a stable code and a sentence for a person. */
// Built into a Response by filters and mappers, so not found by the native build's own scan of resource signatures.
@RegisterForReflection
@Schema(description = "An error answer")
public record ErrorResponse(
        @Schema(description = "Stable error code", examples = "unauthorized") String error,
        @Schema(description = "What is wrong, for a person") String message) {
}
