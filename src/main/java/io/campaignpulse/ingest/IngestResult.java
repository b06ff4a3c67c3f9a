package io.campaignpulse.ingest;

/** The answer to a committed delivery. */
public record IngestResult(int received, int stored, int duplicates, int rejected) {
}
