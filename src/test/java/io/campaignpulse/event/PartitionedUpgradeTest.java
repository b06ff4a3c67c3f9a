package io.campaignpulse.event;

import static io.campaignpulse.support.Api.deliver;
import static io.campaignpulse.support.Api.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.campaignpulse.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Migration V9 upgrades a populated database in place ({@link PopulatedV8Database}): every event, dead letter and
 * read-model row is as it was, seq keeps its values (so cursors and the read model's position stay valid), paging
 * walks the old events in their old order, and ingest goes on from there: a redelivery of an old event is a
 * duplicate, a new event gets a seq above every one handed out before.
 */
@QuarkusTest
@TestProfile(PartitionedUpgradeTest.FromV8.class)
class PartitionedUpgradeTest {

    public static class FromV8 implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PopulatedV8Database.class));
        }
    }

    @Test
    void everyRowSurvivesTheUpgradeAndIngestGoesOnFromIt() throws Exception {
        try (Connection c = DriverManager.getConnection(PopulatedV8Database.url(), PopulatedV8Database.USER, "");
                Statement st = c.createStatement()) {
            assertEquals(PopulatedV8Database.before, PopulatedV8Database.snapshot(st), "events, dead letters and read model unchanged");
        }
        assertEquals(PopulatedV8Database.EVENTS, PopulatedV8Database.before.get("event").size());
        assertEquals(0L, Db.count("select count(*) from event where event_at is distinct from coalesce(occurred_at, received_at)"));
        assertEquals(0L, Db.count("select count(*) from event_default"), "every old row in a time partition");
        assertTrue(Db.count("select count(distinct tableoid) from event") >= 3, "three months of events, a partition each");
        assertEquals(PopulatedV8Database.EVENTS / 10, Db.count("select count(*) from event_undated"), "the undated events' first arrivals");
        assertEquals(10L, Db.count("select count(*) from dead_letter"));

        // paging walks the old events newest first, in their old order
        List<String> expected = new ArrayList<>();
        for (String row : PopulatedV8Database.before.get("event")) {
            expected.add(row.split("\\|")[1]);
        }
        Collections.reverse(expected);
        assertEquals(expected, walk());

        // a redelivery of an old event (dated, and undated) is a duplicate; the statistics do not move
        Map<String, Object> statsBefore = stats(60000000001L);
        String dated = (String) Db.single("select cast(payload as text) as p from event where event_id = 'v8-1'").get("p");
        String undated = (String) Db.single("select cast(payload as text) as p from event where event_id = 'v8-10'").get("p");
        JsonPath again = deliver("[" + dated + "," + undated + "]");
        assertEquals(0, again.getInt("stored"), again.prettify());
        assertEquals(2, again.getInt("duplicates"));
        assertEquals(statsBefore, stats(60000000001L));

        // a new event: a seq above every one the old identity handed out, counted once
        String fresh = "{\"id\":\"after-upgrade\",\"type\":\"sent\",\"mailingId\":60000000001,\"recipientId\":\"n@x.test\","
                + "\"created\":" + System.currentTimeMillis() + "}";
        assertEquals(1, deliver("[" + fresh + "]").getInt("stored"));
        assertTrue(Db.count("select seq from event where event_id = 'after-upgrade'") > PopulatedV8Database.lastSeqGiven);
        assertEquals(((Number) statsBefore.get("sent")).intValue() + 1, ((Number) stats(60000000001L).get("sent")).intValue());
        assertEquals(Db.count("select max(seq) from event"), Db.count("select last_seq from read_model_position"), "projected");
    }

    private static List<String> walk() {
        List<String> seen = new ArrayList<>();
        String after = null;
        while (true) {
            JsonPath page = query("query($after: String) { events(first: 500, after: $after) { edges { node { eventId } }"
                    + " pageInfo { hasNextPage endCursor } } }", after == null ? Map.of() : Map.of("after", after));
            seen.addAll(page.getList("data.events.edges.node.eventId"));
            if (!page.getBoolean("data.events.pageInfo.hasNextPage")) {
                return seen;
            }
            after = page.getString("data.events.pageInfo.endCursor");
        }
    }

    private static Map<String, Object> stats(long mailingId) {
        JsonPath answer = query("query($id: ID!) { mailing(mailingId: $id) { stats { sent opens uniqueOpens clicks softBounces } } }",
                Map.of("id", String.valueOf(mailingId)));
        assertNull(answer.get("errors"));
        return answer.getMap("data.mailing.stats");
    }
}
