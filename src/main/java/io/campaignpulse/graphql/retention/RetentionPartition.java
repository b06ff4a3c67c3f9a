package io.campaignpulse.graphql.retention;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.campaignpulse.retention.PartitionChange;

@Type("RetentionPartition")
@Description("A time partition of events or dead letters: the rows whose time is in [from, to).")
public record RetentionPartition(
        @NonNull RetainedTable table,
        @NonNull @Description("The partition's table name.") String name,
        @NonNull OffsetDateTime from,
        @NonNull OffsetDateTime to,
        @NonNull @Description("Created: rows moved in from the default partition. Dropped: rows it held (exact up to 100,000, "
                + "PostgreSQL's estimate above; at most 2^31-1).") int rows) {

    static RetentionPartition of(PartitionChange change) {
        return new RetentionPartition(RetainedTable.valueOf(change.table().name()), change.partition(),
                RetentionReport.utc(change.from()), RetentionReport.utc(change.to()),
                (int) Math.min(Integer.MAX_VALUE, change.rows()));
    }
}
