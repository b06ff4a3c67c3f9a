package io.campaignpulse.event;

/**
 * A run of the event log: every row with {@code seq} in [first, last]. What one ingest transaction
 * stored is such a run (ingest transactions are serialised, see the V1 migration), and so is what one
 * projection takes in.
 */
public record SeqRange(long first, long last) {

    public boolean isEmpty() {
        return last < first;
    }

    public static SeqRange empty() {
        return new SeqRange(0, -1);
    }
}
