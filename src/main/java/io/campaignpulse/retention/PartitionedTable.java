package io.campaignpulse.retention;

/** A table partitioned by time (migration V9) and the column it is partitioned by. */
public enum PartitionedTable {
    /** Partitioned by the event's own time (created, or first arrival): see migration V9. */
    EVENTS("event", "event_at"),
    /** Partitioned by arrival. */
    DEAD_LETTERS("dead_letter", "received_at");

    private final String table;
    private final String keyColumn;

    PartitionedTable(String table, String keyColumn) {
        this.table = table;
        this.keyColumn = keyColumn;
    }

    public String table() {
        return table;
    }

    public String keyColumn() {
        return keyColumn;
    }

    /** The default partition, which holds rows no time partition covers (created by migration V9). */
    String defaultPartition() {
        return table + "_default";
    }
}
