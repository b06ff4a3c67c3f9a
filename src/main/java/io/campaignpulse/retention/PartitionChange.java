package io.campaignpulse.retention;

import java.time.Instant;

/**
 * A partition that maintenance created or dropped: its table, name, time range [from, to) and its rows (the rows
 * moved in from the default partition when created; when dropped, exact up to 100,000 and PostgreSQL's estimate above).
 */
public record PartitionChange(PartitionedTable table, String partition, Instant from, Instant to, long rows) {
}
