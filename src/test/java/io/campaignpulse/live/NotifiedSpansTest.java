package io.campaignpulse.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.campaignpulse.event.SeqRange;

/** The feed reads within time bounds only where the notifications it received cover the read whole, each with bounds. */
class NotifiedSpansTest {

    private static final Instant DAY_1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant DAY_3 = Instant.parse("2026-12-03T10:00:00Z");

    private final NotifiedSpans spans = new NotifiedSpans();

    @Test
    void contiguousNotificationsBoundTheReadByTheirUnion() {
        spans.add(new SeqRange(11, 20, DAY_2, DAY_3));
        spans.add(new SeqRange(21, 25, DAY_1, DAY_2));
        assertEquals(new SeqRange(11, 25, DAY_1, DAY_3), spans.within(10, 25));
        // a page that stopped inside a range goes on with that range's bounds
        assertEquals(new SeqRange(16, 25, DAY_1, DAY_3), spans.within(15, 25));
        assertEquals(new SeqRange(22, 25, DAY_1, DAY_2), spans.within(21, 25));
    }

    @Test
    void aGapOrARangeWithoutBoundsLeavesTheReadUnbounded() {
        spans.add(new SeqRange(11, 20, DAY_2, DAY_3));
        spans.add(new SeqRange(26, 30, DAY_2, DAY_3)); // 21..25 was never notified (missed while reconnecting)
        assertFalse(spans.within(10, 30).timeBounded());
        assertFalse(spans.within(5, 20).timeBounded(), "6..10 was not notified");
        spans.add(new SeqRange(21, 25));
        assertFalse(spans.within(10, 30).timeBounded(), "21..25 came without bounds");
        assertEquals(new SeqRange(26, 30, DAY_2, DAY_3), spans.within(25, 30));
    }

    @Test
    void rangesReadPastAreForgottenAndTheCountIsBounded() {
        spans.add(new SeqRange(11, 20, DAY_2, DAY_3));
        spans.add(new SeqRange(21, 25, DAY_1, DAY_2));
        spans.forgetUpTo(22);
        assertEquals(1, spans.size(), "21..25 is still being read");
        assertEquals(new SeqRange(23, 25, DAY_1, DAY_2), spans.within(22, 25));
        spans.forgetUpTo(25);
        assertEquals(0, spans.size());
        for (long first = 1; first <= NotifiedSpans.MAX_RANGES + 5; first++) {
            spans.add(new SeqRange(first, first, DAY_1, DAY_1));
        }
        assertEquals(5, spans.size(), "past the cap the ranges are dropped, and reads go unbounded until they fill again");
    }
}
