package io.campaignpulse.live;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import io.campaignpulse.event.StoredEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A subscription to something derived from events (a mailing's statistics, recipients' status).
 * For each committed range that may concern it, it reads the changed rows from the read model and
 * passes them on. Reads never overlap and never pile up: while one runs, further ranges only widen
 * the range still to read, so a subscriber costs a constant amount of memory here whatever the
 * ingest rate; rows read leave through its bounded {@link SubscriberSink}.
 */
final class ChangeSubscription<T> implements FeedListener {

    private final Vertx vertx;
    private final SubscriberSink<T> sink;
    private final Predicate<StoredEvent> concerns;
    private final BiFunction<Long, Long, Uni<List<T>>> changedIn;
    private long readUpTo = -1;
    private long pendingUpTo = -1;
    private boolean reading;

    /**
     * @param concerns whether an event may change what this subscriber watches
     * @param changedIn the rows changed by the transactions with range.last in (from, to]
     */
    ChangeSubscription(Vertx vertx, SubscriberSink<T> sink, Predicate<StoredEvent> concerns,
            BiFunction<Long, Long, Uni<List<T>>> changedIn) {
        this.vertx = vertx;
        this.sink = sink;
        this.concerns = concerns;
        this.changedIn = changedIn;
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
                readUpTo = toInclusive;
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
        SafeContexts.runOnFreshContext(vertx, () -> changedIn.apply(from, to).subscribe().with(
                rows -> {
                    synchronized (this) {
                        readUpTo = to;
                    }
                    if (sink.offer(rows)) {
                        readNext();
                    }
                },
                sink::fail));
    }
}
