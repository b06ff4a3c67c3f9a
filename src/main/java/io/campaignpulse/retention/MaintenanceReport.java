package io.campaignpulse.retention;

import java.time.Instant;
import java.util.List;

/**
 * What one maintenance run did. {@code skipped} tells the steps that gave up (a lock not granted within
 * pulse.retention.lock-timeout, or another failure); the next run tries them again.
 *
 * @param eventsExpiredBefore the dedup horizon after this run (the end of the newest event partition dropped): events
 *        whose time is before it are gone and refused as expired; null while no event partition was ever dropped
 */
public record MaintenanceReport(Instant ranAt, Instant eventsExpiredBefore, List<PartitionChange> created, List<PartitionChange> dropped, List<String> skipped) {
}
