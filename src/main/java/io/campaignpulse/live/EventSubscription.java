package io.campaignpulse.live;

import java.util.ArrayList;
import java.util.List;

import io.campaignpulse.event.EventConditions;
import io.campaignpulse.event.EventCriteria;
import io.campaignpulse.event.StoredEvent;

/**
 * One {@code events} subscription. While it replays from the database it holds the live events
 * that arrive meanwhile; when the replay has caught up it passes on those it did not replay.
 * {@code lastSeq} (the highest seq handed to the sink) makes the seam exact: a live event at or
 * below it was replayed already.
 * <p>
 * Live events that do not fit the subscriber's buffer (a burst, such as the catch-up after a
 * database outage, arriving faster than the client reads) are not queued and not fatal: the
 * subscription goes back to replaying from {@code lastSeq} once the client took what waits, page by
 * page as it reads, then joins the live feed again. Only a client that stops reading is ended
 * (the sink's stall timeout).
 */
final class EventSubscription implements FeedListener {

    private final EventCriteria criteria;
    /** The criteria's test on one event, built once: it runs for every committed event. */
    private final EventConditions matches;
    private final SubscriberSink<StoredEvent> sink;
    private final List<StoredEvent> heldLive = new ArrayList<>();
    private Runnable replay = () -> {
    };
    private boolean replaying;
    private boolean heldOverflow;
    private long lastSeq;

    EventSubscription(EventCriteria criteria, SubscriberSink<StoredEvent> sink, Long afterSeq) {
        this.criteria = criteria;
        this.matches = EventConditions.of(criteria);
        this.sink = sink;
        this.replaying = afterSeq != null;
        this.lastSeq = afterSeq == null ? 0 : afterSeq;
    }

    /** How to start a replay from {@link #replayPosition()} (reading pages while {@link #replayed} asks for more). */
    void onFallingBehind(Runnable replay) {
        this.replay = replay;
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
            List<StoredEvent> toSend = newer(events);
            if (sink.offerIfRoom(toSend)) {
                advance(toSend);
            } else {
                // the database has them: read them again once the client took what waits
                replaying = true;
                heldOverflow = true;
                sink.whenEmpty(replay);
            }
            return;
        }
        for (StoredEvent event : events) {
            if (!matches.test(event)) {
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
     * Takes one replayed page (read once the sink was empty, at most its capacity).
     *
     * @return true if more may be stored after it (read another page once this one is sent)
     */
    synchronized boolean replayed(List<StoredEvent> page, int pageSize) {
        List<StoredEvent> replayedEvents = newer(page);
        if (!sink.offer(replayedEvents)) {
            return false; // ended meanwhile
        }
        advance(replayedEvents);
        if (page.size() == pageSize) {
            return true;
        }
        if (heldOverflow) {
            heldOverflow = false;
            heldLive.clear();
            return true;
        }
        List<StoredEvent> live = newer(heldLive);
        heldLive.clear();
        if (!sink.offerIfRoom(live)) {
            return true; // they are stored: one more round reads them once the client took this page
        }
        advance(live);
        replaying = false;
        return false;
    }

    /** Those of the events above lastSeq that match, in order. Call holding the lock. */
    private List<StoredEvent> newer(List<StoredEvent> events) {
        List<StoredEvent> result = new ArrayList<>();
        long last = lastSeq;
        for (StoredEvent event : events) {
            if (event.seq > last && matches.test(event)) {
                result.add(event);
                last = event.seq;
            }
        }
        return result;
    }

    /** Records events handed to the sink. Call holding the lock. */
    private void advance(List<StoredEvent> sent) {
        if (!sent.isEmpty()) {
            lastSeq = sent.get(sent.size() - 1).seq;
        }
    }
}
