package io.campaignpulse.live;

import java.util.List;

import io.campaignpulse.event.StoredEvent;

/** Receives committed events from {@link CommittedEventFeed}, each exactly once and in seq order. */
public interface FeedListener {

    /**
     * @param events committed events with seq in (fromExclusive, toInclusive], in seq order; may be
     *        empty when the range held nothing new. Must not block: called on the feed's thread.
     */
    void onCommitted(List<StoredEvent> events, long fromExclusive, long toInclusive);
}
