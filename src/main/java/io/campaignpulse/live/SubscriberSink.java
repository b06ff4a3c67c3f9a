package io.campaignpulse.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;

/**
 * The bounded queue between the feed and one subscriber. The feed only ever adds to it and never
 * waits; items leave it on the subscriber's own Vert.x context as fast as the subscriber asks for
 * them and its transport accepts them. At most {@code capacity} items wait: a subscription that
 * can read again what does not fit (events, from the database) asks with {@link #offerIfRoom} and
 * catches up at the subscriber's own pace; {@link #offer} of more than fits ends the subscription
 * with {@link SubscriberTooSlowException}. A subscriber that takes nothing for {@code stallMillis}
 * while items wait for it has stopped reading, and is ended the same way.
 */
final class SubscriberSink<T> {

    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final MultiEmitter<? super T> emitter;
    private final Context context;
    private final TransportBackpressure backpressure;
    private final int capacity;
    private final long recheckMillis;
    private final Function<T, String> cursorOf;
    private final long stallMillis;
    private final List<Runnable> whenEmpty = new ArrayList<>();
    private String lastSentCursor;
    private boolean drainScheduled;
    private boolean recheckScheduled;
    private boolean stallCheckScheduled;
    /** When an item last left, or the queue last filled from empty: the start of any stall. */
    private long progressAt = System.nanoTime();
    private boolean ended;

    SubscriberSink(MultiEmitter<? super T> emitter, Context context, TransportBackpressure backpressure, int capacity, long recheckMillis,
            long stallMillis, Function<T, String> cursorOf) {
        this.emitter = emitter;
        this.context = context;
        this.backpressure = backpressure;
        this.capacity = capacity;
        this.recheckMillis = recheckMillis;
        this.stallMillis = stallMillis;
        this.cursorOf = cursorOf;
        emitter.onRequest(n -> scheduleDrain());
    }

    int capacity() {
        return capacity;
    }

    /** Adds items in order; false if the subscriber was too slow (the subscription then fails). */
    boolean offer(List<T> items) {
        if (items.isEmpty()) {
            return true;
        }
        synchronized (this) {
            if (ended) {
                return false;
            }
            if (queue.size() + items.size() > capacity) {
                ended = true;
                queue.clear();
                whenEmpty.clear();
                String cursor = lastSentCursor;
                context.runOnContext(ignored -> emitter.fail(new SubscriberTooSlowException(capacity, cursor)));
                return false;
            }
            add(items);
        }
        scheduleDrain();
        return true;
    }

    /**
     * Adds items in order if all of them fit; otherwise adds none and returns false (the
     * subscription goes on: the caller reads them again later).
     */
    boolean offerIfRoom(List<T> items) {
        if (items.isEmpty()) {
            return true;
        }
        synchronized (this) {
            if (ended || queue.size() + items.size() > capacity) {
                return false;
            }
            add(items);
        }
        scheduleDrain();
        return true;
    }

    /** Call holding the lock. */
    private void add(List<T> items) {
        if (queue.isEmpty()) {
            progressAt = System.nanoTime();
        }
        queue.addAll(items);
        scheduleStallCheck(stallMillis);
    }

    /** Call holding the lock. */
    private void scheduleStallCheck(long delayMillis) {
        if (stallCheckScheduled || ended) {
            return;
        }
        stallCheckScheduled = true;
        context.owner().setTimer(Math.max(1, delayMillis), id -> checkStall());
    }

    private void checkStall() {
        String cursor;
        synchronized (this) {
            stallCheckScheduled = false;
            if (ended || queue.isEmpty() || emitter.isCancelled()) {
                return;
            }
            long idleMillis = (System.nanoTime() - progressAt) / 1_000_000;
            if (idleMillis < stallMillis) {
                scheduleStallCheck(stallMillis - idleMillis);
                return;
            }
            ended = true;
            int waiting = queue.size();
            queue.clear();
            whenEmpty.clear();
            cursor = lastSentCursor;
            SubscriberTooSlowException stalled = SubscriberTooSlowException.stalled(stallMillis, waiting, cursor);
            context.runOnContext(ignored -> emitter.fail(stalled));
        }
    }

    /** Runs the action once nothing waits any more (at once if nothing waits now). */
    void whenEmpty(Runnable action) {
        boolean now;
        synchronized (this) {
            now = queue.isEmpty() && !ended;
            if (!now && !ended) {
                whenEmpty.add(action);
            }
        }
        if (now) {
            context.runOnContext(ignored -> action.run());
        }
    }

    void fail(Throwable failure) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            queue.clear();
            whenEmpty.clear();
        }
        context.runOnContext(ignored -> emitter.fail(failure));
    }

    private void scheduleDrain() {
        synchronized (this) {
            if (drainScheduled || ended) {
                return;
            }
            drainScheduled = true;
        }
        context.runOnContext(ignored -> drain());
    }

    private void drain() {
        List<Runnable> emptied = List.of();
        boolean blocked = false;
        while (true) {
            T next;
            synchronized (this) {
                if (ended || emitter.isCancelled()) {
                    drainScheduled = false;
                    return;
                }
                if (queue.isEmpty()) {
                    drainScheduled = false;
                    if (!whenEmpty.isEmpty()) {
                        emptied = new ArrayList<>(whenEmpty);
                        whenEmpty.clear();
                    }
                    break;
                }
                if (emitter.requested() <= 0) {
                    drainScheduled = false;
                    break;
                }
                if (!backpressure.isOpen()) {
                    drainScheduled = false;
                    blocked = true;
                    break;
                }
                next = queue.poll();
                progressAt = System.nanoTime();
                if (cursorOf != null) {
                    lastSentCursor = cursorOf.apply(next);
                }
            }
            emitter.emit(next);
        }
        emptied.forEach(Runnable::run);
        if (blocked) {
            recheckLater();
        }
    }

    /** The transport does not tell us when it drains, so look again shortly. */
    private void recheckLater() {
        synchronized (this) {
            if (recheckScheduled) {
                return;
            }
            recheckScheduled = true;
        }
        context.owner().setTimer(recheckMillis, id -> {
            synchronized (this) {
                recheckScheduled = false;
            }
            scheduleDrain();
        });
    }
}
