package io.campaignpulse.ingest;

import java.time.Instant;
import java.util.List;

import io.campaignpulse.event.IncomingEvent;

/**
 * A delivery after parsing: the events to store (unique by event id, first occurrence wins), the
 * elements rejected to the dead-letter table, and how many elements it had in all.
 */
public record ParsedDelivery(Instant receivedAt, int received, List<IncomingEvent> events,
        int duplicatesWithin, List<RejectedElement> rejected) {
}
