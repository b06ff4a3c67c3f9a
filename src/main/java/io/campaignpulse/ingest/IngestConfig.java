package io.campaignpulse.ingest;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code pulse.ingest.*}: how deliveries are authenticated, bounded and written. */
@ConfigMapping(prefix = "pulse.ingest")
public interface IngestConfig {

    /** header (default), basic, or none (explicit opt-in only). */
    @WithDefault("header")
    AuthMode auth();

    @WithDefault("Authorization")
    String headerName();

    /** The exact value the header must carry, e.g. {@code Bearer s3cret}. */
    Optional<String> headerValue();

    Optional<String> basicUsername();

    Optional<String> basicPassword();

    /** Deliveries larger than this are refused with 413 before they are read. */
    @WithDefault("10485760")
    long maxBodyBytes();

    /**
     * Concurrent deliveries are written together, in one statement and one commit, up to this many
     * events per transaction; a single larger delivery is still written whole.
     */
    @WithDefault("2000")
    int maxBatchEvents();

    /**
     * Bytes (UTF-8) an indexed text value (an event's id, a recipient id) may have; longer ones are
     * dead-lettered before the write. See {@link StorageLimits#MAX_INDEXED_TEXT_BYTES} for why 2000.
     */
    @WithDefault("" + StorageLimits.MAX_INDEXED_TEXT_BYTES)
    int maxIndexedTextBytes();

    /**
     * Bytes of delivery bodies held at once (received, parsed or waiting for their commit); past it a
     * delivery is answered 503 overloaded before its body is read. A body without Content-Length counts
     * as max-body-bytes.
     */
    @WithDefault("16777216")
    long maxInflightBytes();

    /** Deliveries waiting for the writer (behind the transaction in flight); past it, 503 overloaded. */
    @WithDefault("200")
    int maxWaitingDeliveries();

    /** Time a delivery's body may take to arrive whole; a slower one is answered 408 body_timeout and its connection closed. */
    @WithDefault("30s")
    java.time.Duration bodyTimeout();

    enum AuthMode {
        HEADER,
        BASIC,
        NONE
    }
}
