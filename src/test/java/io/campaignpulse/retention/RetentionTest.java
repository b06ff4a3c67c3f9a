package io.campaignpulse.retention;

import static io.campaignpulse.support.Api.deliver;
import static io.campaignpulse.support.Api.query;
import static io.campaignpulse.support.Events.batch;
import static io.campaignpulse.support.Events.event;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.campaignpulse.provider.AdminGraphQL;
import io.campaignpulse.support.Db;
import io.campaignpulse.support.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Retention (docs/RETENTION.md): whole partitions dropped, the read model untouched, an expired range read as an empty
 * page, and the dedup horizon: a redelivery of a dropped event is refused as expired, never stored or counted again.
 */
@QuarkusTest
@TestProfile(RetentionTest.ThirtyDays.class)
class RetentionTest {

    static final String ADMIN = "Bearer retention-admin";

    public static class ThirtyDays implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pulse.retention.events", "30d", "pulse.retention.dead-letters", "30d",
                    "pulse.admin.token", "retention-admin");
        }
    }

    private static final String APPLY = """
            mutation { applyRetention {
              ranAt eventsExpiredBefore skipped
              created { table name from to rows }
              dropped { table name from to rows } } }""";

    private static final String MAILING = """
            query($id: ID!, $to: DateTime) {
              mailing(mailingId: $id) {
                stats { sent opens clicks softBounces hardBounces }
                events(first: 50) { edges { cursor node { eventId } } }
              }
              window: events(filter: {mailingId: $id, to: $to}, first: 50) { edges { node { eventId } } pageInfo { hasNextPage } }
            }""";

    private static long newMailingId() {
        return 50_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    private static String newRecipient() {
        return "r" + UUID.randomUUID().toString().substring(0, 8) + "@x.test";
    }

    /** applyRetention as the admin, waiting out a run under way (the one at start-up). */
    static JsonPath applyRetention() {
        return applyRetention(ADMIN);
    }

    /** applyRetention with this Authorization header, waiting out a run under way; fails on any other error. */
    static JsonPath applyRetention(String authorization) {
        JsonPath answer = await("maintenance no longer busy").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> AdminGraphQL.post(APPLY, authorization).jsonPath(),
                        json -> !"RETENTION_BUSY".equals(json.getString("errors[0].extensions.code")));
        assertNull(answer.get("errors"), answer.prettify());
        return answer;
    }

    /**
     * The packaged-service ITs run later on this database (without Flyway's clean) and deliver 2021 events: leave no
     * horizon behind, or they would be refused as expired.
     */
    @AfterAll
    static void leaveNoHorizonBehind() {
        forgetTheHorizon();
    }

    /** As if these events had arrived back when they were recent: nothing expired yet. */
    private static void forgetTheHorizon() {
        Db.execute("update retention_horizon set events_expired_before = '-infinity'");
    }

    @Test
    void retentionDropsOldPartitionsKeepsTheReadModelAndRefusesTheirRedeliveries() throws Exception {
        applyRetention();
        forgetTheHorizon();
        long mailing = newMailingId();
        String recipient = newRecipient();
        Instant now = Instant.now();
        Instant oldDay = now.minus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
        Events oldSent = event("sent").recipient(recipient).mailing(mailing).created(oldDay.plus(10, ChronoUnit.HOURS).toEpochMilli());
        Events oldBounce = event("bounce").recipient(recipient).mailing(mailing).with("category", "hardbounce")
                .created(oldDay.plus(11, ChronoUnit.HOURS).toEpochMilli());
        Events oldUndated = event("open").recipient(recipient).mailing(mailing); // no `created`: its time is its first arrival
        // 29 days back: inside the window, in a partition that must be kept
        Events edge = event("click").recipient(recipient).mailing(mailing).with("link", "https://a.test/")
                .created(now.minus(29, ChronoUnit.DAYS).toEpochMilli());
        Events recent = event("open").recipient(recipient).mailing(mailing).created(now.minus(1, ChronoUnit.HOURS).toEpochMilli());
        assertEquals(5, deliver(batch(oldSent, oldBounce, oldUndated, edge, recent)).getInt("stored"));
        // the undated open first arrived 60 days ago (its row and its recorded first arrival go back in time)
        Timestamp oldArrival = Timestamp.from(oldDay.plus(12, ChronoUnit.HOURS));
        Db.rows("with moved as (update event set received_at = ?, event_at = ? where event_id = ? returning 1) select count(*) from moved",
                oldArrival, oldArrival, oldUndated.id());
        Db.rows("with moved as (update event_undated set first_received_at = ? where event_id = ? returning 1) select count(*) from moved",
                oldArrival, oldUndated.id());
        // a dead letter that arrived 60 days ago
        Db.rows("with kept as (insert into dead_letter (received_at, reason, element_index, element) values (?, 'test: old', 0, '{}') returning 1)"
                + " select count(*) from kept", oldArrival);

        Map<String, Object> variables = Map.of("id", String.valueOf(mailing), "to", now.minus(50, ChronoUnit.DAYS).toString());
        JsonPath before = query(MAILING, variables);
        assertEquals(3, before.getList("data.window.edges").size(), "the old events, before the drop");
        Map<String, Object> statsBefore = before.getMap("data.mailing.stats");
        // newest first: recent, edge, oldUndated, oldBounce, oldSent; after oldUndated come only dropped events
        String oldestCursor = before.getString("data.mailing.events.edges[2].cursor");
        Map<String, Object> recipientBefore = recipientState(recipient);
        assertEquals("BOUNCED", recipientBefore.get("status"));

        JsonPath report = applyRetention();
        List<Map<String, Object>> dropped = report.getList("data.applyRetention.dropped");
        Map<String, Object> oldPartition = dropped.stream()
                .filter(d -> "EVENTS".equals(d.get("table")) && Instant.parse((String) d.get("from")).equals(oldDay))
                .findFirst().orElseThrow(() -> new AssertionError("the partition of " + oldDay + " was not dropped: " + report.prettify()));
        assertEquals(3, oldPartition.get("rows"), "the three old events, moved out of the default partition and dropped");
        assertTrue(dropped.stream().anyMatch(d -> "DEAD_LETTERS".equals(d.get("table")) && ((Integer) d.get("rows")) >= 1), report.prettify());
        // the horizon is the end of the newest event partition dropped, and only partitions wholly older than the
        // retention (30 days) are dropped
        Instant horizon = Instant.parse(report.getString("data.applyRetention.eventsExpiredBefore"));
        assertEquals(oldDay.plus(1, ChronoUnit.DAYS), horizon);
        for (Map<String, Object> d : dropped) {
            assertTrue(!Instant.parse((String) d.get("to")).isAfter(now.minus(30, ChronoUnit.DAYS)), "wholly older than 30 days: " + d);
        }

        // the events are gone, the statistics and the status are not
        assertEquals(0L, Db.count("select count(*) from event where event_id in (?, ?, ?)", oldSent.id(), oldBounce.id(), oldUndated.id()));
        assertEquals(2L, Db.count("select count(*) from event where event_id in (?, ?)", edge.id(), recent.id()));
        assertEquals(0L, Db.count("select count(*) from dead_letter where reason = 'test: old'"));
        JsonPath after = query(MAILING, variables);
        assertEquals(statsBefore, after.getMap("data.mailing.stats"));
        assertEquals(recipientBefore, recipientState(recipient));
        // an expired range is an empty page, not an error; so is a page after a cursor of a dropped event
        assertEquals(List.of(), after.getList("data.window.edges"));
        assertEquals(false, after.getBoolean("data.window.pageInfo.hasNextPage"));
        JsonPath afterDropped = query("query($id: ID!, $after: String) { events(filter: {mailingId: $id}, after: $after) { edges { node { eventId } } } }",
                Map.of("id", String.valueOf(mailing), "after", oldestCursor));
        assertEquals(List.of(), afterDropped.getList("data.events.edges"));
        assertEquals(2, after.getList("data.mailing.events.edges").size());

        JsonPath retention = query("{ eventRetention { keptFor expiredBefore } }");
        assertEquals("P30D", retention.getString("data.eventRetention.keptFor"));
        assertEquals(horizon, Instant.parse(retention.getString("data.eventRetention.expiredBefore")));

        // the dedup horizon: very late redeliveries of the dropped events, dated or not, are refused as expired
        JsonPath late = deliver(batch(oldSent, oldBounce, oldUndated, recent));
        assertEquals(0, late.getInt("stored"), late.prettify());
        assertEquals(1, late.getInt("duplicates"), "the recent one");
        assertEquals(3, late.getInt("rejected"));
        assertEquals(0L, Db.count("select count(*) from event where event_id in (?, ?, ?)", oldSent.id(), oldBounce.id(), oldUndated.id()));
        for (Events expired : List.of(oldSent, oldBounce, oldUndated)) {
            assertEquals(1L, Db.count("select count(*) from dead_letter where reason like 'expired: %' and element like ?",
                    "%" + expired.id() + "%"), expired.id());
        }
        assertEquals(statsBefore, query(MAILING, variables).getMap("data.mailing.stats"), "not counted again");
        assertEquals(recipientBefore, recipientState(recipient));
    }

    @Test
    void anOldEventIsCountedUntilItsRangeIsDroppedAndRefusedAfterEvenWhenNeverSeenBefore() throws Exception {
        applyRetention();
        forgetTheHorizon();
        long mailing = newMailingId();
        Instant day = Instant.now().minus(45, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
        // a backlog older than the retention, arriving before anything of its range was dropped: stored and counted
        Events old = event("sent").recipient(newRecipient()).mailing(mailing).created(day.plus(8, ChronoUnit.HOURS).toEpochMilli());
        assertEquals(1, deliver(batch(old)).getInt("stored"));
        assertEquals(1L, Db.count("select sent from mailing_stats where mailing_id = ?", mailing));

        // the next run drops it (its statistics stay), and from then on its range is refused
        applyRetention();
        assertEquals(0L, Db.count("select count(*) from event where event_id = ?", old.id()));
        Events neverSeen = event("sent").recipient(newRecipient()).mailing(mailing).created(day.plus(9, ChronoUnit.HOURS).toEpochMilli());
        Events fresh = event("sent").recipient(newRecipient()).mailing(mailing).created(Instant.now().toEpochMilli());
        JsonPath answer = deliver(batch(old, neverSeen, fresh));
        assertEquals(1, answer.getInt("stored"), answer.prettify());
        assertEquals(2, answer.getInt("rejected"));
        assertEquals(0, answer.getInt("duplicates"));
        assertEquals(0L, Db.count("select count(*) from event where event_id in (?, ?)", old.id(), neverSeen.id()));
        assertEquals(2L, Db.count("select sent from mailing_stats where mailing_id = ?", mailing), "the old one once, the fresh one");
        Map<String, Object> letter = Db.single("select reason, element_index from dead_letter where element like ?", "%" + neverSeen.id() + "%");
        assertTrue(((String) letter.get("reason")).startsWith("expired: "), letter.toString());
        assertEquals(1, letter.get("element_index"));
    }

    @Test
    void aDropThatCannotGetItsLockGivesUpWithinTheLockTimeoutAndIngestGoesOn() throws Exception {
        applyRetention();
        forgetTheHorizon();
        long mailing = newMailingId();
        Events old = event("sent").recipient(newRecipient()).mailing(mailing)
                .created(Instant.now().minus(50, ChronoUnit.DAYS).toEpochMilli());
        assertEquals(1, deliver(batch(old)).getInt("stored"));
        // a long read of the event table: the drop's exclusive lock cannot be had while it lasts
        try (Connection reader = Db.connect(); Statement st = reader.createStatement()) {
            reader.setAutoCommit(false);
            st.execute("lock table event in access share mode");
            long started = System.nanoTime();
            JsonPath report = applyRetention();
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            List<String> skipped = report.getList("data.applyRetention.skipped");
            assertTrue(skipped.stream().anyMatch(s -> s.contains("lock timeout")), report.prettify());
            assertTrue(tookMillis < 10_000, "gave up instead of waiting: " + tookMillis + " ms");
            // ingest is not held up by the read nor by the drop that gave up
            assertEquals(1, deliver(batch(event("sent").recipient(newRecipient()).mailing(mailing)
                    .created(Instant.now().toEpochMilli()))).getInt("stored"));
            reader.rollback();
        }
        assertEquals(1L, Db.count("select count(*) from event where event_id = ?", old.id()), "still there: the drop gave up");
        JsonPath next = applyRetention();
        assertEquals(List.of(), next.getList("data.applyRetention.skipped"));
        assertEquals(0L, Db.count("select count(*) from event where event_id = ?", old.id()), "dropped by the next run");
        assertEquals(2L, Db.count("select sent from mailing_stats where mailing_id = ?", mailing), "statistics kept");
    }

    @Test
    void runsNeverOverlapAcrossReplicas() throws Exception {
        try (Connection other = Db.connect(); Statement st = other.createStatement()) {
            // another replica's run holds the maintenance lock
            st.execute("select pg_advisory_lock(" + PartitionMaintenance.MAINTENANCE_LOCK_KEY + ")");
            JsonPath busy = AdminGraphQL.post(APPLY, ADMIN).jsonPath();
            assertEquals("RETENTION_BUSY", busy.getString("errors[0].extensions.code"), busy.prettify());
            st.execute("select pg_advisory_unlock(" + PartitionMaintenance.MAINTENANCE_LOCK_KEY + ")");
        }
        assertNotNull(applyRetention().get("data.applyRetention.ranAt"));
    }

    @Test
    void onlyAnAdminMayApplyRetentionWhileReadersSeeHowLongEventsAreKept() {
        JsonPath reader = AdminGraphQL.post(APPLY, null).jsonPath();
        assertNotNull(reader.get("errors"), reader.prettify());
        assertNull(reader.get("data.applyRetention"));
        JsonPath retention = query("{ eventRetention { keptFor } }");
        assertEquals("P30D", retention.getString("data.eventRetention.keptFor"));
    }

    private static Map<String, Object> recipientState(String recipientId) {
        return query("query($id: String!) { recipient(recipientId: $id) { status lastEventAt softBounces hardBounces lists { status reason } } }",
                Map.of("id", recipientId)).getMap("data.recipient");
    }
}
