package io.campaignpulse.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The bounded queue between the feed and one subscriber, on its own: demand, backpressure, the too-slow end. */
class SubscriberSinkTest {

    private static final Duration NO_STALL = Duration.ofMinutes(10);

    private static SinkHarness<String> harness(int capacity, Duration stall, TransportBackpressure backpressure, long request) {
        return new SinkHarness<>(capacity, stall, backpressure, request, item -> "cursor-" + item);
    }

    @Test
    void itemsLeaveOnlyAsTheSubscriberAsksForThem() {
        try (SinkHarness<String> h = harness(10, NO_STALL, TransportBackpressure.ALWAYS_OPEN, 0)) {
            assertTrue(h.sink.offer(List.of("a", "b", "c")));
            h.settle();
            h.subscriber.assertHasNotReceivedAnyItem();

            h.subscriber.request(2);
            h.subscriber.awaitItems(2);
            h.settle();
            assertEquals(List.of("a", "b"), h.subscriber.getItems());

            h.subscriber.request(1);
            h.subscriber.awaitItems(3);
            assertEquals(List.of("a", "b", "c"), h.subscriber.getItems());
            h.subscriber.assertNotTerminated();
        }
    }

    @Test
    void batchesKeepTheirOrder() {
        try (SinkHarness<String> h = harness(10, NO_STALL, TransportBackpressure.ALWAYS_OPEN, Long.MAX_VALUE)) {
            assertTrue(h.sink.offer(List.of("1", "2")));
            assertTrue(h.sink.offerIfRoom(List.of("3")));
            assertTrue(h.sink.offer(List.of()));
            assertTrue(h.sink.offer(List.of("4", "5")));
            h.subscriber.awaitItems(5);
            assertEquals(List.of("1", "2", "3", "4", "5"), h.subscriber.getItems());
        }
    }

    @Test
    void itemsWaitInTheQueueWhileTheTransportIsFull() {
        AtomicBoolean open = new AtomicBoolean(false);
        try (SinkHarness<String> h = harness(10, NO_STALL, open::get, Long.MAX_VALUE)) {
            assertTrue(h.sink.offer(List.of("a", "b")));
            h.settle();
            h.subscriber.assertHasNotReceivedAnyItem();

            open.set(true); // the transport does not say when: the sink looks again by itself
            h.subscriber.awaitItems(2);
            assertEquals(List.of("a", "b"), h.subscriber.getItems());
            h.subscriber.assertNotTerminated();
        }
    }

    @Test
    void moreThanFitsEndsTheSubscriptionWithTheLastCursorSent() {
        try (SinkHarness<String> h = harness(3, NO_STALL, TransportBackpressure.ALWAYS_OPEN, 1)) {
            assertTrue(h.sink.offer(List.of("a")));
            h.subscriber.awaitItems(1);
            assertTrue(h.sink.offer(List.of("b", "c", "d")), "exactly the capacity waits");

            assertFalse(h.sink.offer(List.of("e")));

            h.subscriber.awaitFailure();
            SubscriberTooSlowException slow = assertInstanceOf(SubscriberTooSlowException.class, h.subscriber.getFailure());
            assertEquals("cursor-a", slow.lastSentCursor());
            assertTrue(slow.getMessage().contains("more than 3 items waited"), slow.getMessage());
            assertEquals(List.of("a"), h.subscriber.getItems(), "what waited is dropped: the client resumes from its cursor");
            assertFalse(h.sink.offer(List.of("f")), "an ended sink takes nothing more");
            assertFalse(h.sink.offerIfRoom(List.of("f")));
        }
    }

    @Test
    void aSubscriberEndedBeforeAnythingWasSentHasNoCursor() {
        try (SinkHarness<String> h = harness(1, NO_STALL, TransportBackpressure.ALWAYS_OPEN, 0)) {
            assertFalse(h.sink.offer(List.of("a", "b")));
            h.subscriber.awaitFailure();
            assertNull(((SubscriberTooSlowException) h.subscriber.getFailure()).lastSentCursor());
        }
    }

    @Test
    void offerIfRoomTakesAllOrNothingAndNeverEndsTheSubscription() {
        try (SinkHarness<String> h = harness(3, NO_STALL, TransportBackpressure.ALWAYS_OPEN, 0)) {
            assertFalse(h.sink.offerIfRoom(List.of("a", "b", "c", "d")));
            assertTrue(h.sink.offerIfRoom(List.of("a", "b", "c")));
            assertFalse(h.sink.offerIfRoom(List.of("d")));
            h.settle();
            h.subscriber.assertNotTerminated().assertHasNotReceivedAnyItem();

            h.subscriber.request(3);
            h.subscriber.awaitItems(3);
            assertTrue(h.sink.offerIfRoom(List.of("d")), "room again once the subscriber took what waited");
            h.subscriber.request(1);
            h.subscriber.awaitItems(4);
            assertEquals(List.of("a", "b", "c", "d"), h.subscriber.getItems());
        }
    }

    @Test
    void aSubscriberThatTakesNothingWhileItemsWaitIsEndedAsStalled() {
        try (SinkHarness<String> h = harness(10, Duration.ofMillis(100), TransportBackpressure.ALWAYS_OPEN, 1)) {
            assertTrue(h.sink.offer(List.of("a", "b", "c")));
            h.subscriber.awaitItems(1);

            h.subscriber.awaitFailure(Duration.ofSeconds(5));
            SubscriberTooSlowException stalled = assertInstanceOf(SubscriberTooSlowException.class, h.subscriber.getFailure());
            assertTrue(stalled.getMessage().startsWith("Subscriber stalled: it took nothing for 100 ms while 2 items waited"),
                    stalled.getMessage());
            assertEquals("cursor-a", stalled.lastSentCursor());
        }
    }

    @Test
    void aSubscriberThatReadsSlowlyOrHasNothingWaitingIsNotStalled() throws InterruptedException {
        try (SinkHarness<String> h = harness(10, Duration.ofMillis(600), TransportBackpressure.ALWAYS_OPEN, 0)) {
            assertTrue(h.sink.offer(List.of("a", "b", "c")));
            for (int taken = 1; taken <= 3; taken++) {
                Thread.sleep(200); // well within the stall timeout between two items
                h.subscriber.request(1);
                h.subscriber.awaitItems(taken);
            }
            Thread.sleep(900); // longer than the stall timeout, with nothing waiting
            h.settle();
            h.subscriber.assertNotTerminated();
            assertEquals(List.of("a", "b", "c"), h.subscriber.getItems());
        }
    }

    @Test
    void whenEmptyRunsOnceEverythingWaitingWasTaken() {
        try (SinkHarness<String> h = harness(10, NO_STALL, TransportBackpressure.ALWAYS_OPEN, 0)) {
            AtomicInteger runs = new AtomicInteger();
            h.sink.whenEmpty(runs::incrementAndGet);
            h.settle();
            assertEquals(1, runs.get(), "nothing waits: at once");

            assertTrue(h.sink.offer(List.of("a", "b")));
            h.sink.whenEmpty(runs::incrementAndGet);
            h.subscriber.request(1);
            h.subscriber.awaitItems(1);
            h.settle();
            assertEquals(1, runs.get(), "one item still waits");

            h.subscriber.request(1);
            h.subscriber.awaitItems(2);
            h.settle();
            assertEquals(2, runs.get());
        }
    }

    @Test
    void failEndsTheSubscriptionWithThatFailureAndDropsWhatWaits() {
        try (SinkHarness<String> h = harness(10, NO_STALL, TransportBackpressure.ALWAYS_OPEN, 0)) {
            AtomicInteger emptied = new AtomicInteger();
            assertTrue(h.sink.offer(List.of("a")));
            h.sink.whenEmpty(emptied::incrementAndGet);
            IllegalStateException outage = new IllegalStateException("database unavailable");

            h.sink.fail(outage);

            h.subscriber.awaitFailure();
            assertSame(outage, h.subscriber.getFailure());
            h.subscriber.assertHasNotReceivedAnyItem();
            assertFalse(h.sink.offer(List.of("b")));
            h.sink.whenEmpty(emptied::incrementAndGet);
            h.settle();
            assertEquals(0, emptied.get(), "an ended sink runs no follow-up");
        }
    }

    @Test
    void aCancelledSubscriberGetsNothingMoreAndIsNotEndedAsStalled() throws InterruptedException {
        try (SinkHarness<String> h = harness(10, Duration.ofMillis(100), TransportBackpressure.ALWAYS_OPEN, 1)) {
            assertTrue(h.sink.offer(List.of("a")));
            h.subscriber.awaitItems(1);

            h.subscriber.cancel();
            h.sink.offer(List.of("b", "c"));
            Thread.sleep(400); // past the stall timeout, with items waiting
            h.settle();

            assertEquals(List.of("a"), h.subscriber.getItems());
            assertNull(h.subscriber.getFailure());
        }
    }
}
