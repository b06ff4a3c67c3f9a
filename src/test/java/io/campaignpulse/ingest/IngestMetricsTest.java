package io.campaignpulse.ingest;

import static io.campaignpulse.support.Ingest.deliver;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The pulse.events.* counters and the pulse.delivery timer follow what the ingest answers say. */
@QuarkusTest
class IngestMetricsTest {

    @Inject
    MeterRegistry registry;

    @Test
    void countsStoredDuplicateAndRejectedEventsByTypeOnceCommitted() {
        double storedClicks = count("pulse.events.stored", "CLICK");
        double storedOpens = count("pulse.events.stored", "OPEN");
        double duplicateClicks = count("pulse.events.duplicates", "CLICK");
        double repeatsWithin = count("pulse.events.duplicates", IngestMetrics.UNKNOWN_TYPE);
        double rejectedUntyped = count("pulse.events.rejected", IngestMetrics.UNKNOWN_TYPE);
        double rejectedOpens = count("pulse.events.rejected", "OPEN");
        long committedDeliveries = registry.get("pulse.delivery").tag("outcome", "committed").timer().count();

        String id = UUID.randomUUID().toString();
        String click = "{\"type\":\"click\",\"id\":\"" + id + "-c\",\"link\":\"https://example.com\"}";
        String open = "{\"type\":\"open\",\"id\":\"" + id + "-o\"}";
        String noType = "{\"id\":\"" + id + "-x\"}";
        String unstorableOpen = "{\"type\":\"open\",\"id\":\"" + id + "-n\",\"recipientId\":\"a\\u0000b\"}";
        deliver("[" + click + "," + open + "," + click + "," + noType + "," + unstorableOpen + "]").statusCode(200)
                .body("received", equalTo(5)).body("stored", equalTo(2)).body("duplicates", equalTo(1)).body("rejected", equalTo(2));
        deliver("[" + click + "]").statusCode(200).body("duplicates", equalTo(1));

        assertEquals(storedClicks + 1, count("pulse.events.stored", "CLICK"));
        assertEquals(storedOpens + 1, count("pulse.events.stored", "OPEN"));
        assertEquals(duplicateClicks + 1, count("pulse.events.duplicates", "CLICK"), "the redelivered click");
        assertEquals(repeatsWithin + 1, count("pulse.events.duplicates", IngestMetrics.UNKNOWN_TYPE), "the repeat inside one delivery");
        assertEquals(rejectedUntyped + 1, count("pulse.events.rejected", IngestMetrics.UNKNOWN_TYPE), "the element without a type");
        assertEquals(rejectedOpens + 1, count("pulse.events.rejected", "OPEN"), "the open that cannot be stored");
        assertTrue(registry.get("pulse.delivery").tag("outcome", "committed").timer().count() >= committedDeliveries + 2);
    }

    @Test
    void everyTypeHasItsSeriesFromTheStart() {
        for (String name : new String[] { "pulse.events.stored", "pulse.events.duplicates", "pulse.events.rejected" }) {
            assertEquals(14, registry.get(name).counters().size(), name + ": the 13 event types and UNKNOWN");
        }
    }

    private double count(String name, String type) {
        return registry.get(name).tag("type", type).counter().count();
    }
}
