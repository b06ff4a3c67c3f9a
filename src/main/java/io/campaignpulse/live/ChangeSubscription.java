package io.campaignpulse.live;

import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import io.campaignpulse.db.SafeContexts;
import io.campaignpulse.event.StoredEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A subscription to something derived from events (a mailing's statistics, recipients' status).
 * For each committed range that may concern it, it reads the changed rows from the read model and
 * passes them on. Reads never overlap and never pile up: while one runs, further ranges only widen
 * the range still to read, so a subscriber costs a constant amount of memory here whatever the
 * ingest rate; rows read leave through its bounded {@link SubscriberSink}, and the next read waits
 * until the client took them.
 */
final class ChangeSubscription<T> implements FeedListener {

    private final Vertx vertx;
    private final SubscriberSink<T> sink;
    private final Predicate<StoredEvent> concerns;
    private final LongFunction<Uni<Changes<T>>> changedAfter;
    private long readUpTo = -1;
    private long pendingUpTo = -1;
    private boolean reading;

    /**
     * @param concerns whether an event may change what this subscriber watches
     * @param changedAfter the rows whose change marker (range.last of the transaction that changed
     *        them) is above the given seq, with the highest marker among them. Not bounded above: a
     *        transaction larger than a feed page has range.last beyond the page, and its rows must go
     *        out with the first page that concerns them.
     */
    ChangeSubscription(Vertx vertx, SubscriberSink<T> sink, Predicate<StoredEvent> concerns,
            LongFunction<Uni<Changes<T>>> changedAfter) {
        this.vertx = vertx;
        this.sink = sink;
        this.concerns = concerns;
        this.changedAfter = changedAfter;
    }

    @Override
    public void onCommitted(List<StoredEvent> events, long fromExclusive, long toInclusive) {
        boolean relevant = events.stream().anyMatch(concerns);
        synchronized (this) {
            if (readUpTo < 0) {
                readUpTo = fromExclusive;
            }
            if (!relevant && !reading && pendingUpTo <= readUpTo) {
                // nothing to read: move on without a query
                readUpTo = Math.max(readUpTo, toInclusive);
                return;
            }
            pendingUpTo = Math.max(pendingUpTo, toInclusive);
            if (reading) {
                return;
            }
            reading = true;
        }
        readNext();
    }

    private void readNext() {
        long from;
        long to;
        synchronized (this) {
            if (pendingUpTo <= readUpTo) {
                reading = false;
                return;
            }
            from = readUpTo;
            to = pendingUpTo;
        }
        SafeContexts.runOnFreshContext(vertx, () -> changedAfter.apply(from).subscribe().with(
                changes -> {
                    synchronized (this) {
                        readUpTo = Math.max(to, changes.upTo());
                    }
                    deliver(changes.rows(), 0);
                },
                sink::fail));
    }

    /**
     * Hands rows on at most a buffer at a time, each once the client took the previous ones, and
     * reads again only then: a burst of changes (a catch-up after an outage) is paced by the
     * client's reading instead of overflowing its buffer.
     */
    private void deliver(List<T> rows, int from) {
        int to = Math.min(rows.size(), from + sink.capacity());
        if (!sink.offer(rows.subList(from, to))) {
            return; // the subscription ended
        }
        if (to < rows.size()) {
            sink.whenEmpty(() -> deliver(rows, to));
        } else {
            sink.whenEmpty(this::readNext);
        }
    }

    /** Rows changed after some seq, and the highest change marker among them (or that seq). */
    record Changes<T>(List<T> rows, long upTo) {
    }
}
