package io.campaignpulse.ingest;

/** An element of a delivery that can never be stored; it goes to the dead-letter table. */
public record RejectedElement(int index, String reason, String element) {
}
