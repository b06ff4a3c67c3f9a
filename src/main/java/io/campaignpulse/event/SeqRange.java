package io.campaignpulse.event;

import java.time.Instant;

import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A run of the event log: every row with {@code seq} in [first, last]. What one ingest transaction
 * stored is such a run (ingest transactions are serialised, see the V1 migration), and so is what one
 * projection takes in.
 * <p>
 * {@code earliest} and {@code latest}, when known, bound the partition key {@code event_at} of those rows. A query
 * by seq that also bounds {@code event_at} ({@link #boundEventAt}) is planned and run on the partitions the run lies
 * in only, instead of on every partition (migration V11, {@code event_span}).
 */
public record SeqRange(long first, long last, Instant earliest, Instant latest) {

    /** Where a query by seq range may be narrowed to the range's partitions; see {@link #boundEventAt}. */
    public static final String EVENT_AT_BOUNDS = "/* and event_at within the bounds of the range */";

    /** A run whose events may lie in any partition. */
    public SeqRange(long first, long last) {
        this(first, last, null, null);
    }

    public boolean isEmpty() {
        return last < first;
    }

    public boolean timeBounded() {
        return earliest != null && latest != null;
    }

    /**
     * The query with {@link #EVENT_AT_BOUNDS} replaced by {@code and event_at between :earliest and :latest} when
     * the range is {@link #timeBounded()} (bind them as instants: typed parameters let PostgreSQL prune partitions
     * while planning), by nothing when it is not.
     */
    public String boundEventAt(String sql) {
        return sql.replace(EVENT_AT_BOUNDS, timeBounded() ? "and event_at between :earliest and :latest" : "");
    }

    /** Binds {@code :first}, {@code :last} and, where {@link #boundEventAt} put them in, the bounds. */
    public Mutiny.MutationQuery bind(Mutiny.MutationQuery query) {
        query.setParameter("first", first).setParameter("last", last);
        if (timeBounded()) {
            query.setParameter("earliest", earliest).setParameter("latest", latest);
        }
        return query;
    }

    public static SeqRange empty() {
        return new SeqRange(0, -1);
    }
}
