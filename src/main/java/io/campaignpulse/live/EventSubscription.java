package io.campaignpulse.live;

import java.util.ArrayList;
import java.util.List;

import io.campaignpulse.event.EventCriteria;
import io.campaignpulse.event.StoredEvent;

/**
 * One {@code events} subscription. While it replays from the database it holds the live events
 * that arrive meanwhile; when the replay has caught up it passes on those it did not replay.
 * {@code lastSeq} (the highest seq handed to the sink) makes the seam exact: a live event at or
 * below it was replayed already.
 */
final class EventSubscription implements FeedListener {

    private final EventCriteria criteria;
    private final SubscriberSink<StoredEvent> sink;
    private final List<StoredEvent> heldLive = new ArrayList<>();
    private boolean replaying;
    private boolean heldOverflow;
    private long lastSeq;

    EventSubscription(EventCriteria criteria, SubscriberSink<StoredEvent> sink, Long afterSeq) {
        this.criteria = criteria;
        this.sink = sink;
        this.replaying = afterSeq != null;
        this.lastSeq = afterSeq == null ? 0 : afterSeq;
    }

    EventCriteria criteria() {
        return criteria;
    }

    SubscriberSink<StoredEvent> sink() {
        return sink;
    }

    synchronized long replayPosition() {
        return lastSeq;
    }

    @Override
    public synchronized void onCommitted(List<StoredEvent> events, long fromExclusive, long toInclusive) {
        if (!replaying) {
            // offered under the lock, so replayed and live events reach the sink in seq order
            sink.offer(newer(events));
            return;
        }
        for (StoredEvent event : events) {
            if (!EventMatching.matches(criteria, event)) {
                continue;
            }
            if (heldLive.size() >= sink.capacity()) {
                // the database has them all: one more replay round picks them up
                heldLive.clear();
                heldOverflow = true;
            } else if (!heldOverflow) {
                heldLive.add(event);
            }
        }
    }

    /**
     * Takes one replayed page.
     *
     * @return true if more may be stored after it (read another page once this one is sent)
     */
    synchronized boolean replayed(List<StoredEvent> page, int pageSize) {
        List<StoredEvent> toSend = newer(page);
        boolean more = page.size() == pageSize;
        if (!more) {
            if (heldOverflow) {
                heldOverflow = false;
                more = true;
            } else {
                replaying = false;
                toSend.addAll(newer(heldLive));
            }
            heldLive.clear();
        }
        return sink.offer(toSend) && more;
    }

    /** Those of the events above lastSeq that match; advances lastSeq. Call holding the lock. */
    private List<StoredEvent> newer(List<StoredEvent> events) {
        List<StoredEvent> result = new ArrayList<>();
        for (StoredEvent event : events) {
            if (event.seq > lastSeq && EventMatching.matches(criteria, event)) {
                result.add(event);
                lastSeq = event.seq;
            }
        }
        return result;
    }
}
