package io.campaignpulse.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.campaignpulse.retention.PartitionMaintenance.Range;

/** Which ranges maintenance creates next to partitions of other spans (monthly ones from the upgrade, pg_partman's). */
class PartitionRangesTest {

    private static Instant at(String day) {
        return Instant.parse(day + "T00:00:00Z");
    }

    private static Range range(String from, String to) {
        return new Range(null, at(from), at(to));
    }

    private static Range partition(String from, String to) {
        return new Range("p", at(from), at(to));
    }

    @Test
    void aRangeCoveredByALargerPartitionNeedsNothing() {
        assertEquals(List.of(), PartitionMaintenance.uncovered(range("2026-12-03", "2026-12-04"),
                List.of(partition("2026-12-01", "2027-01-01"))));
    }

    @Test
    void onlyTheUncoveredPartsOfAMonthAreMade() {
        List<Range> gaps = PartitionMaintenance.uncovered(range("2026-12-01", "2027-01-01"),
                List.of(partition("2026-12-03", "2026-12-04"), partition("2026-12-01", "2026-12-02"), partition("2026-12-10", "2026-12-11")));
        assertEquals(List.of(range("2026-12-02", "2026-12-03"), range("2026-12-04", "2026-12-10"), range("2026-12-11", "2027-01-01")), gaps);
    }

    @Test
    void aRangeWithNoPartitionIsMadeWhole() {
        assertEquals(List.of(range("2026-12-03", "2026-12-04")), PartitionMaintenance.uncovered(range("2026-12-03", "2026-12-04"),
                List.of(partition("2026-11-01", "2026-12-01"), partition("2026-12-04", "2026-12-05"))));
    }

    @Test
    void intervalsAreUtcDaysAndMonths() {
        Instant at = Instant.parse("2026-12-31T23:59:59Z");
        assertEquals(at("2026-12-31"), PartitionInterval.DAY.floor(at));
        assertEquals(at("2027-01-01"), PartitionInterval.DAY.next(at("2026-12-31")));
        assertEquals(at("2026-12-01"), PartitionInterval.MONTH.floor(at));
        assertEquals(at("2027-01-01"), PartitionInterval.MONTH.next(at("2026-12-01")));
        assertEquals(at("2026-11-01"), PartitionInterval.MONTH.previous(at("2026-12-01")));
    }
}
