package io.campaignpulse.live;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.campaignpulse.event.SeqRange;

/**
 * The ranges the feed has been notified of and not yet read past, with the span of event times each carried, so that
 * the feed's read of (after, upTo] can name the partitions its events are in. Projections take contiguous ranges
 * (each starts after the position the previous one moved to), so when every notification since the last read arrived,
 * their ranges cover the read exactly; where one is missing (a reconnect, a catch-up from the read model's position, a
 * notification without bounds) there are no bounds and the read looks in every partition, as before.
 * <p>
 * Notifications arrive on the LISTEN connection's thread, reads run elsewhere: every method is synchronized.
 */
final class NotifiedSpans {

    /** More ranges than this while nothing is read (no subscriber): keep none rather than grow. */
    static final int MAX_RANGES = 10_000;

    /** By first seq; projections never overlap, so ranges never do. */
    private final TreeMap<Long, SeqRange> byFirst = new TreeMap<>();

    synchronized void add(SeqRange range) {
        if (range.isEmpty()) {
            return;
        }
        if (byFirst.size() >= MAX_RANGES) {
            byFirst.clear();
        }
        byFirst.put(range.first(), range);
    }

    /**
     * The range (after, upTo] with the span of event times that covers every event in it, or without bounds when the
     * notifications received do not cover it whole, or did not all carry bounds.
     */
    synchronized SeqRange within(long after, long upTo) {
        SeqRange unbounded = new SeqRange(after + 1, upTo);
        Instant earliest = null;
        Instant latest = null;
        long next = after + 1;
        while (next <= upTo) {
            Map.Entry<Long, SeqRange> holding = byFirst.floorEntry(next);
            if (holding == null || holding.getValue().last() < next || !holding.getValue().timeBounded()) {
                return unbounded;
            }
            SeqRange range = holding.getValue();
            earliest = earliest == null || range.earliest().isBefore(earliest) ? range.earliest() : earliest;
            latest = latest == null || range.latest().isAfter(latest) ? range.latest() : latest;
            next = range.last() + 1;
        }
        return earliest == null ? unbounded : new SeqRange(after + 1, upTo, earliest, latest);
    }

    /** Drops the ranges wholly at or below {@code seq}: the feed has read past them. */
    synchronized void forgetUpTo(long seq) {
        byFirst.headMap(seq, true).values().removeIf(range -> range.last() <= seq);
    }

    synchronized int size() {
        return byFirst.size();
    }
}
