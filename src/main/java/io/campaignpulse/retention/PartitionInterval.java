package io.campaignpulse.retention;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** The span of one time partition, aligned to UTC. */
public enum PartitionInterval {
    DAY,
    MONTH;

    /** The start of the partition that holds this instant. */
    public Instant floor(Instant at) {
        ZonedDateTime utc = at.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        return (this == DAY ? utc : utc.withDayOfMonth(1)).toInstant();
    }

    /** The start of the partition after the one starting at {@code start}. */
    public Instant next(Instant start) {
        ZonedDateTime utc = start.atZone(ZoneOffset.UTC);
        return (this == DAY ? utc.plusDays(1) : utc.plusMonths(1)).toInstant();
    }

    /** The start of the partition before the one starting at {@code start}. */
    public Instant previous(Instant start) {
        ZonedDateTime utc = start.atZone(ZoneOffset.UTC);
        return (this == DAY ? utc.minusDays(1) : utc.minusMonths(1)).toInstant();
    }
}
