package io.campaignpulse.graphql.retention;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.campaignpulse.retention.MaintenanceReport;

@Type("RetentionReport")
@Description("What applyRetention did.")
public record RetentionReport(
        @NonNull @Description("When it ran (the database's clock).") OffsetDateTime ranAt,
        @Description("After this run, events whose time is before this are gone and refused as expired (the end of the newest "
                + "event partition dropped); null while none was ever dropped.") OffsetDateTime eventsExpiredBefore,
        @NonNull @Description("Partitions made (ahead of time, or for rows moved out of the default partition).") List<@NonNull RetentionPartition> created,
        @NonNull @Description("Partitions dropped: their rows are gone.") List<@NonNull RetentionPartition> dropped,
        @NonNull @Description("Steps that gave up (e.g. a lock not granted within pulse.retention.lock-timeout); the next run tries again.") List<@NonNull String> skipped) {

    static RetentionReport of(MaintenanceReport report) {
        return new RetentionReport(utc(report.ranAt()), report.eventsExpiredBefore() == null ? null : utc(report.eventsExpiredBefore()),
                report.created().stream().map(RetentionPartition::of).toList(),
                report.dropped().stream().map(RetentionPartition::of).toList(),
                report.skipped());
    }

    static OffsetDateTime utc(java.time.Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
