package io.campaignpulse.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code pulse.retention.*}: how long raw events and dead letters are kept, and how their partitions are kept up. */
@ConfigMapping(prefix = "pulse.retention")
public interface RetentionConfig {

    /**
     * How long events are kept, counted from their own time ({@code created}, or first arrival). Older partitions are
     * dropped whole, and an event older than this is refused as expired (the dedup horizon, docs/RETENTION.md).
     * Statistics and statuses are kept forever whatever this says.
     */
    @WithDefault("90d")
    Duration events();

    /** How long dead letters are kept, counted from their arrival. */
    @WithDefault("90d")
    Duration deadLetters();

    /** The span of one partition of {@code event} and {@code dead_letter}: day or month (UTC). */
    @WithDefault("day")
    PartitionInterval partitionInterval();

    /** Partitions made ahead of the current one, so no insert waits for maintenance at a day or month turn. */
    @WithDefault("7")
    int partitionsAhead();

    /** How often the maintenance runs (on one replica at a time): partitions ahead, default partition emptied, retention. */
    @WithDefault("1h")
    Duration maintenanceInterval();

    /**
     * Longest one maintenance step waits for a table lock before it gives up until the next run. Statements queue
     * behind a waiting lock, so this bounds how long maintenance can hold up ingest and reads.
     */
    @WithDefault("200ms")
    Duration lockTimeout();
}
