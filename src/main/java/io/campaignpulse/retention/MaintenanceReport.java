package io.campaignpulse.retention;

import java.time.Instant;
import java.util.List;

/**
 * What one maintenance run did. {@code skipped} tells the steps that gave up (a lock not granted within
 * pulse.retention.lock-timeout, or another failure); the next run tries them again.
 *
 * @param eventsExpiredBefore the dedup horizon after this run: events whose time is before it are refused as expired
 * @param deadLettersExpiredBefore dead letters that arrived before it are dropped with their partitions
 */
public record MaintenanceReport(Instant ranAt, Instant eventsExpiredBefore, Instant deadLettersExpiredBefore,
        List<PartitionChange> created, List<PartitionChange> dropped, List<String> skipped) {
}
