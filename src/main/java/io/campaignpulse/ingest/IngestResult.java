package io.campaignpulse.ingest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to a committed delivery. */
@RegisterForReflection
@Schema(description = "What became of a committed delivery: received = stored + duplicates + rejected")
public record IngestResult(
        @Schema(description = "Elements in the delivery") int received,
        @Schema(description = "Events stored for the first time") int stored,
        @Schema(description = "Events already stored (a retry or a repeat); not stored again") int duplicates,
        @Schema(description = "Elements that can never be stored (e.g. no type); kept aside for an operator") int rejected) {
}
