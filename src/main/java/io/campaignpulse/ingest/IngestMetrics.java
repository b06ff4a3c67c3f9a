package io.campaignpulse.ingest;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.campaignpulse.event.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What ingestion did, in Prometheus form at /q/metrics: events stored, found already stored and
 * rejected, by event type ({@code pulse.events.*}), and how long a delivery took until it was
 * answered ({@code pulse.delivery}, by outcome). Counts are taken only after the commit.
 */
// Created at start-up, not at the first delivery: every series exists (at 0) from the start, as dashboards expect.
@Startup
@ApplicationScoped
public class IngestMetrics {

    /** The type tag where the type is not known: a rejected element without a readable type, or a repeat inside one delivery. */
    static final String UNKNOWN_TYPE = "UNKNOWN";

    private final Map<String, Counter> stored = new HashMap<>();
    private final Map<String, Counter> duplicates = new HashMap<>();
    private final Map<String, Counter> rejected = new HashMap<>();
    private final Timer committed;
    private final Timer failed;
    private final ObjectMapper mapper;

    public IngestMetrics(MeterRegistry registry, ObjectMapper mapper) {
        this.mapper = mapper;
        // Registered up front so that every series exists at 0 and rates work from the first scrape.
        for (EventType type : EventType.values()) {
            register(registry, type.name());
        }
        register(registry, UNKNOWN_TYPE);
        this.committed = deliveryTimer(registry, "committed");
        this.failed = deliveryTimer(registry, "failed");
    }

    private void register(MeterRegistry registry, String type) {
        stored.put(type, Counter.builder("pulse.events.stored").description("Events stored for the first time")
                .tag("type", type).register(registry));
        duplicates.put(type, Counter.builder("pulse.events.duplicates").description("Events delivered again and not stored twice")
                .tag("type", type).register(registry));
        rejected.put(type, Counter.builder("pulse.events.rejected").description("Elements that can never be stored (dead-lettered)")
                .tag("type", type).register(registry));
    }

    private static Timer deliveryTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("pulse.delivery")
                .description("From the arrival of a delivery to its answer")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    public void stored(EventType type) {
        stored.get(type.name()).increment();
    }

    public void duplicate(EventType type) {
        duplicates.get(type.name()).increment();
    }

    /** Repeats of an event inside one delivery; the parser keeps only the first, so the type is not known here. */
    public void duplicatesWithinDelivery(int count) {
        if (count > 0) {
            duplicates.get(UNKNOWN_TYPE).increment(count);
        }
    }

    public void rejected(RejectedElement element) {
        rejected.get(typeOf(element)).increment();
    }

    public void delivery(long startNanos, boolean wasCommitted) {
        (wasCommitted ? committed : failed).record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Rejected elements are rare: reading the element again to tag its type costs nothing that matters. */
    private String typeOf(RejectedElement element) {
        try {
            JsonNode type = mapper.readTree(element.element()).get("type");
            return type != null && type.isTextual() && !type.asText().isBlank() ? EventType.fromProvider(type.asText()).name() : UNKNOWN_TYPE;
        } catch (IOException | RuntimeException unreadable) {
            return UNKNOWN_TYPE;
        }
    }
}
