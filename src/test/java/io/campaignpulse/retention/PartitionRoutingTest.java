package io.campaignpulse.retention;

import static io.campaignpulse.support.Api.deliver;
import static io.campaignpulse.support.Events.batch;
import static io.campaignpulse.support.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.campaignpulse.support.Db;
import io.campaignpulse.support.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

/**
 * Where events land in the time-partitioned event table (migration V9) and that a redelivery meets its first delivery
 * there, however much later it comes: duplicates stay exact across partitions. Retention here is the test profile's
 * 100 years, so nothing expires.
 */
@QuarkusTest
class PartitionRoutingTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    @Inject
    PartitionMaintenance maintenance;

    @Inject
    Vertx vertx;

    private static long newMailingId() {
        return 40_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    private static String newRecipient() {
        return "p" + UUID.randomUUID().toString().substring(0, 8) + "@x.test";
    }

    private static String partitionOf(String eventId) {
        return (String) Db.single("select cast(tableoid::regclass as text) as p from event where event_id = ?", eventId).get("p");
    }

    private static long sent(long mailingId) {
        return Db.count("select sent from mailing_stats where mailing_id = ?", mailingId);
    }

    @Test
    void aDatedEventRedeliveredAMonthLaterIsADuplicateAfterItsRowMovedToItsOwnPartition() throws Exception {
        long mailing = newMailingId();
        // 35 days back: no partition is made that far back ahead of time, so the first delivery lands in the default one
        Instant created = Instant.now().minus(35, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS);
        Events sent = event("sent").recipient(newRecipient()).mailing(mailing).created(created.toEpochMilli());
        assertEquals(1, deliver(batch(sent)).getInt("stored"));
        assertEquals("event_default", partitionOf(sent.id()));

        MaintenanceReport report = MaintenanceRuns.runNow(vertx, maintenance);
        String expected = "event_p" + DAY.format(created);
        assertTrue(report.created().stream().anyMatch(c -> c.partition().equals(expected) && c.rows() >= 1), report.toString());
        assertEquals(expected, partitionOf(sent.id()), "moved out of the default partition into its own");

        JsonPath again = deliver(batch(sent));
        assertEquals(0, again.getInt("stored"));
        assertEquals(1, again.getInt("duplicates"));
        assertEquals(1L, Db.count("select count(*) from event where event_id = ?", sent.id()));
        assertEquals(1L, sent(mailing), "counted once");
    }

    @Test
    void anUndatedEventRedeliveredAMonthAfterItsFirstArrivalIsADuplicate() {
        long mailing = newMailingId();
        Events sent = event("sent").recipient(newRecipient()).mailing(mailing); // no `created`
        assertEquals(1, deliver(batch(sent)).getInt("stored"));
        assertEquals(1L, Db.count("select count(*) from event_undated where event_id = ?", sent.id()));

        // as if that first delivery had arrived 33 days ago: its row and its recorded first arrival go back in time
        Timestamp monthAgo = Timestamp.from(Instant.now().minus(33, ChronoUnit.DAYS));
        Db.rows("with moved as (update event set received_at = ?, event_at = ? where event_id = ? returning 1) select count(*) from moved",
                monthAgo, monthAgo, sent.id());
        Db.rows("with moved as (update event_undated set first_received_at = ? where event_id = ? returning 1) select count(*) from moved",
                monthAgo, sent.id());
        assertEquals("event_default", partitionOf(sent.id()), "33 days back has no partition yet");

        JsonPath again = deliver(batch(sent));
        assertEquals(0, again.getInt("stored"), again.prettify());
        assertEquals(1, again.getInt("duplicates"));
        assertEquals(1L, Db.count("select count(*) from event where event_id = ?", sent.id()), "not stored in today's partition");
        assertEquals(1L, sent(mailing), "counted once");
    }

    @Test
    void eventsFarInThePastOrFutureAreStoredAndFoundWithoutAPartitionOfTheirOwn() throws Exception {
        long mailing = newMailingId();
        Events past = event("sent").recipient(newRecipient()).mailing(mailing).created(Instant.parse("1990-06-15T08:00:00Z").toEpochMilli());
        Events future = event("open").recipient(newRecipient()).mailing(mailing).created(Instant.parse("2100-01-01T00:00:00Z").toEpochMilli());
        assertEquals(2, deliver(batch(past, future)).getInt("stored"));
        assertEquals("event_default", partitionOf(past.id()));
        assertEquals("event_default", partitionOf(future.id()));

        MaintenanceRuns.runNow(vertx, maintenance);
        // within the retention (100 years in tests): given its own partition; far ahead: left in the default partition
        assertEquals("event_p19900615", partitionOf(past.id()));
        assertEquals("event_default", partitionOf(future.id()));

        JsonPath again = deliver(batch(past, future));
        assertEquals(2, again.getInt("duplicates"));
        assertEquals(1L, sent(mailing));
        assertEquals(1L, Db.count("select opens from mailing_stats where mailing_id = ?", mailing));
    }

    @Test
    void partitionsExistAheadOfTimeSoTheNextDaysInsertsLandInTheirOwn() throws Exception {
        MaintenanceRuns.runNow(vertx, maintenance);
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        for (int day = 0; day <= 7; day++) {
            String name = "event_p" + DAY.format(today.plus(day, ChronoUnit.DAYS));
            assertEquals(1L, Db.count("select count(*) from pg_class where relname = ?", name), name + " exists");
        }
        Events tomorrow = event("sent").recipient(newRecipient()).mailing(newMailingId())
                .created(today.plus(1, ChronoUnit.DAYS).plus(1, ChronoUnit.MINUTES).toEpochMilli());
        assertEquals(1, deliver(batch(tomorrow)).getInt("stored"));
        assertEquals("event_p" + DAY.format(today.plus(1, ChronoUnit.DAYS)), partitionOf(tomorrow.id()));

        // a second run finds nothing to make
        MaintenanceReport again = MaintenanceRuns.runNow(vertx, maintenance);
        assertTrue(again.created().stream().noneMatch(c -> c.table() == PartitionedTable.EVENTS && c.from().isAfter(today)),
                again.toString());
    }
}
