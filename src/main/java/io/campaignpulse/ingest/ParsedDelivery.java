package io.campaignpulse.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.campaignpulse.event.IncomingEvent;

/**
 * A delivery after parsing: the events to store (unique by event id, first occurrence wins), the index
 * of each in the delivery, the elements rejected to the dead-letter table, and how many elements it had in all.
 */
public record ParsedDelivery(Instant receivedAt, int received, List<IncomingEvent> events, List<Integer> eventIndexes,
        int duplicatesWithin, List<RejectedElement> rejected) {

    /** The same delivery with the given events (by position in {@link #events()}) moved to the dead letters. */
    ParsedDelivery withUnstorable(Map<Integer, String> reasonByPosition) {
        List<IncomingEvent> kept = new ArrayList<>(events.size());
        List<Integer> keptIndexes = new ArrayList<>(events.size());
        List<RejectedElement> allRejected = new ArrayList<>(rejected);
        for (int i = 0; i < events.size(); i++) {
            String reason = reasonByPosition.get(i);
            if (reason == null) {
                kept.add(events.get(i));
                keptIndexes.add(eventIndexes.get(i));
            } else {
                allRejected.add(new RejectedElement(eventIndexes.get(i), reason, StorageLimits.exactJson(events.get(i).payload())));
            }
        }
        return new ParsedDelivery(receivedAt, received, kept, keptIndexes, duplicatesWithin, allRejected);
    }
}
