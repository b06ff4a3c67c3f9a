package io.campaignpulse.event;

/**
 * The events one ingest transaction stored: every row with {@code seq} in [first, last]. Rows of
 * other transactions never fall inside, because ingest transactions are serialised (see V1 migration).
 */
public record SeqRange(long first, long last) {

    public boolean isEmpty() {
        return last < first;
    }

    public static SeqRange empty() {
        return new SeqRange(0, -1);
    }
}
