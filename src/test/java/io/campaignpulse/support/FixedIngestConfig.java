package io.campaignpulse.support;

import java.util.Optional;

import io.campaignpulse.ingest.IngestConfig;

/** An {@link IngestConfig} with fixed values, for unit tests that run without the application. */
public record FixedIngestConfig(AuthMode auth, String headerName, Optional<String> headerValue,
        Optional<String> basicUsername, Optional<String> basicPassword, long maxBodyBytes, int maxBatchEvents)
        implements IngestConfig {

    @Override
    public long maxInflightBytes() {
        return 16 << 20;
    }

    @Override
    public int maxWaitingDeliveries() {
        return 200;
    }

    @Override
    public java.time.Duration bodyTimeout() {
        return java.time.Duration.ofSeconds(30);
    }

    @Override
    public int maxIndexedTextBytes() {
        return 2000;
    }
}
