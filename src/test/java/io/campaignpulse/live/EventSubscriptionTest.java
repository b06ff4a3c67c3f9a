package io.campaignpulse.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.campaignpulse.event.EventCriteria;
import io.campaignpulse.event.EventType;
import io.campaignpulse.event.StoredEvent;

/**
 * One events subscription on its own: the feed is played by calling {@code onCommitted}, the database by handing
 * it replayed pages; what it sends is read from a real {@link SubscriberSink}.
 */
class EventSubscriptionTest {

    private static final Duration NO_STALL = Duration.ofMinutes(10);
    private static final int PAGE = 500;

    private static StoredEvent event(long seq, EventType type) {
        StoredEvent event = new StoredEvent();
        event.seq = seq;
        event.eventId = "e-" + seq;
        event.type = type;
        event.providerType = type.name().toLowerCase();
        event.clientId = 1L;
        event.mailingId = 7L;
        event.receivedAt = OffsetDateTime.of(2026, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC);
        event.payload = "{}";
        return event;
    }

    private static StoredEvent open(long seq) {
        return event(seq, EventType.OPEN);
    }

    private static List<StoredEvent> opens(long... seqs) {
        return Arrays.stream(seqs).mapToObj(EventSubscriptionTest::open).toList();
    }

    private static SinkHarness<StoredEvent> harness(int capacity, long request) {
        return new SinkHarness<>(capacity, NO_STALL, TransportBackpressure.ALWAYS_OPEN, request, event -> "c" + event.seq);
    }

    private static List<Long> seqs(SinkHarness<StoredEvent> h) {
        return h.subscriber.getItems().stream().map(e -> e.seq).toList();
    }

    @Test
    void withoutACursorItPassesOnLiveEventsOnceEach() {
        try (SinkHarness<StoredEvent> h = harness(100, Long.MAX_VALUE)) {
            EventSubscription subscription = new EventSubscription(EventCriteria.ALL, h.sink, null);
            subscription.onCommitted(opens(1, 2), 0, 2);
            subscription.onCommitted(opens(2, 3), 1, 3); // 2 again: a range read twice after a reconnect
            subscription.onCommitted(List.of(), 3, 4);
            h.subscriber.awaitItems(3);
            h.settle();
            assertEquals(List.of(1L, 2L, 3L), seqs(h));
            assertEquals(3, subscription.replayPosition());
        }
    }

    @Test
    void onlyEventsMatchingTheFilterAndTheCallersClientsAreSent() {
        EventCriteria clicksOfClientOne = new EventCriteria(EnumSet.of(EventType.CLICK), null, null, null, null, null, null)
                .visibleTo(Set.of(1L));
        StoredEvent otherClient = event(4, EventType.CLICK);
        otherClient.clientId = 2L;
        try (SinkHarness<StoredEvent> h = harness(100, Long.MAX_VALUE)) {
            EventSubscription subscription = new EventSubscription(clicksOfClientOne, h.sink, null);
            subscription.onCommitted(List.of(open(1), event(2, EventType.CLICK), open(3), otherClient, event(5, EventType.CLICK)), 0, 5);
            h.subscriber.awaitItems(2);
            h.settle();
            assertEquals(List.of(2L, 5L), seqs(h));
        }
    }

    @Test
    void withACursorItReplaysFirstAndHoldsLiveEventsUntilTheReplayCaughtUp() {
        try (SinkHarness<StoredEvent> h = harness(100, Long.MAX_VALUE)) {
            EventSubscription subscription = new EventSubscription(EventCriteria.ALL, h.sink, 5L);
            assertEquals(5, subscription.replayPosition(), "the replay reads after the cursor");

            subscription.onCommitted(opens(8, 9), 7, 9); // committed while the replay reads
            h.settle();
            h.subscriber.assertHasNotReceivedAnyItem();

            // the replay's page ends where it read: 8 is both replayed and live, 9 only live
            assertFalse(subscription.replayed(opens(6, 7, 8), PAGE), "caught up: live from here");
            h.subscriber.awaitItems(4);
            subscription.onCommitted(opens(10), 9, 10);
            h.subscriber.awaitItems(5);
            h.settle();
            assertEquals(List.of(6L, 7L, 8L, 9L, 10L), seqs(h), "nothing missed, nothing twice at the seam");
        }
    }

    @Test
    void aReplayPageAtOrBelowTheCursorIsNotSentAgain() {
        try (SinkHarness<StoredEvent> h = harness(100, Long.MAX_VALUE)) {
            EventSubscription subscription = new EventSubscription(EventCriteria.ALL, h.sink, 5L);
            assertFalse(subscription.replayed(opens(4, 5, 6), PAGE));
            h.subscriber.awaitItems(1);
            h.settle();
            assertEquals(List.of(6L), seqs(h));
        }
    }

    @Test
    void aFullReplayPageAsksForTheNext() {
        try (SinkHarness<StoredEvent> h = harness(100, Long.MAX_VALUE)) {
            EventSubscription subscription = new EventSubscription(EventCriteria.ALL, h.sink, 0L);
            assertTrue(subscription.replayed(opens(1, 2), 2), "a full page: more may be stored");
            assertEquals(2, subscription.replayPosition(), "the next page reads after the last one sent");
            assertFalse(subscription.replayed(opens(3), 2));
            h.subscriber.awaitItems(3);
            assertEquals(List.of(1L, 2L, 3L), seqs(h));
        }
    }

    @Test
    void liveEventsThatDoNotFitAreReadAgainOnceTheClientTookWhatWaits() {
        try (SinkHarness<StoredEvent> h = harness(3, 0)) {
            AtomicInteger replays = new AtomicInteger();
            EventSubscription subscription = new EventSubscription(EventCriteria.ALL, h.sink, null);
            subscription.onFallingBehind(replays::incrementAndGet);

            subscription.onCommitted(opens(1, 2, 3), 0, 3);
            subscription.onCommitted(opens(4), 3, 4); // does not fit: not queued, not fatal
            h.settle();
            assertEquals(0, replays.get(), "the client has not taken what waits yet");

            h.subscriber.request(Long.MAX_VALUE);
            h.subscriber.awaitItems(3);
            h.settle();
            assertEquals(1, replays.get(), "a replay once the queue is empty");
            assertEquals(3, subscription.replayPosition());

            subscription.onCommitted(opens(5), 4, 5); // while the replay reads; live events were dropped, so not held either
            assertTrue(subscription.replayed(opens(4, 5), PAGE), "one more round: the dropped live events are read, not trusted");
            assertFalse(subscription.replayed(List.of(), PAGE), "caught up: live from here");
            subscription.onCommitted(opens(6), 5, 6);
            h.subscriber.awaitItems(6);
            h.settle();
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), seqs(h));
            h.subscriber.assertNotTerminated();
        }
    }

    @Test
    void moreLiveEventsDuringAReplayThanTheBufferHoldsAreLeftToOneMoreReplayRound() {
        try (SinkHarness<StoredEvent> h = harness(2, Long.MAX_VALUE)) {
            EventSubscription subscription = new EventSubscription(EventCriteria.ALL, h.sink, 0L);
            subscription.onCommitted(opens(3, 4, 5), 2, 5); // more than the buffer: dropped, the database has them

            assertTrue(subscription.replayed(opens(1), 2), "another round reads what was dropped");
            h.subscriber.awaitItems(1);
            h.settle();
            assertEquals(List.of(1L), seqs(h), "none of the dropped live events is sent out of order");

            assertTrue(subscription.replayed(opens(2, 3), 2));
            h.subscriber.awaitItems(3);
            assertFalse(subscription.replayed(opens(4, 5), 3));
            h.subscriber.awaitItems(5);
            h.settle();
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqs(h));
            h.subscriber.assertNotTerminated();
        }
    }
}
