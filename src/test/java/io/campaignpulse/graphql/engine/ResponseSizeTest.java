package io.campaignpulse.graphql.engine;

import static io.campaignpulse.support.Api.deliver;
import static io.campaignpulse.support.Api.graphql;
import static io.campaignpulse.support.Api.query;
import static io.campaignpulse.support.Events.batch;
import static io.campaignpulse.support.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.campaignpulse.support.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The bytes of a result are counted as its rows are about to be loaded: past the response limit the
 * operation is refused (RESPONSE_TOO_LARGE), past the limit of all responses in flight it is asked
 * to come back (SERVER_BUSY), and nothing stays reserved afterwards.
 */
@QuarkusTest
@TestProfile(ResponseLimitsProfile.class)
class ResponseSizeTest {

    /** A field of ~40 KB: five such events are as much as one response may hold here. */
    private static final String BIG = "x".repeat(40_000);

    private static String bigEvent(long mailingId) {
        Events event = event("open").recipient("big" + System.nanoTime() + "@x.test").mailing(mailingId).with("note", BIG);
        deliver(batch(event));
        return event.id();
    }

    private static long newMailingId() {
        return 40_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    @Test
    void aliasesOfOneLargeEventAreRefusedBeforeTheyAreLoaded() {
        String id = bigEvent(newMailingId());
        // alone it is answered, whole
        JsonPath single = query("query($id: String!) { event(eventId: $id) { eventId payload } }", Map.of("id", id));
        assertTrue(single.getString("data.event.payload").contains(BIG));

        StringBuilder aliases = new StringBuilder("query($id: String!) {");
        for (int i = 0; i < 50; i++) {
            aliases.append(" a").append(i).append(": event(eventId: $id) { eventId payload }");
        }
        JsonPath refused = graphql(aliases.append(" }").toString(), Map.of("id", id));
        assertEquals("RESPONSE_TOO_LARGE", refused.getString("errors[0].extensions.code"), refused.prettify());
        assertTrue(refused.getString("errors[0].message").contains("at most " + ResponseLimitsProfile.MAX_RESPONSE_BYTES),
                refused.getString("errors[0].message"));
        // only the aliases that fit were loaded; none of the refused ones carries a payload
        long answered = refused.getMap("data").values().stream().filter(value -> value != null).count();
        assertTrue(answered < 50, "answered " + answered);
        assertEquals(0, QueryLimits.bytesInFlight(), "everything reserved is given back");
    }

    @Test
    void aPageTooLargeIsRefusedAndSmallerPagesWalkTheSameEvents() {
        long mailingId = newMailingId();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(bigEvent(mailingId));
        }
        String page = "query($m: ID, $first: Int, $after: String) { events(filter: {mailingId: $m}, first: $first, after: $after) "
                + "{ edges { node { eventId payload } } pageInfo { hasNextPage endCursor } } }";
        JsonPath refused = graphql(page, Map.of("m", mailingId, "first", 8));
        assertEquals("RESPONSE_TOO_LARGE", refused.getString("errors[0].extensions.code"), refused.prettify());
        assertNull(refused.get("data"));
        assertEquals(0, QueryLimits.bytesInFlight());

        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new java.util.HashMap<>(Map.of("m", mailingId, "first", 2));
            if (after != null) {
                variables.put("after", after);
            }
            JsonPath response = query(page, variables);
            seen.addAll(response.getList("data.events.edges.node.eventId"));
            after = response.getBoolean("data.events.pageInfo.hasNextPage") ? response.getString("data.events.pageInfo.endCursor") : null;
        } while (after != null);
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
    }

    @Test
    void whileOtherResponsesHoldThePoolAnotherIsAskedToComeBack() {
        String id = bigEvent(newMailingId());
        String one = "query($id: String!) { event(eventId: $id) { eventId payload } }";
        // responses of two other requests in flight hold most of the pool
        ResponseBudget first = QueryLimits.newBudget();
        ResponseBudget second = QueryLimits.newBudget();
        long each = (ResponseLimitsProfile.MAX_IN_FLIGHT_BYTES - 10_000) / 2;
        first.reserve(each, "other").await().indefinitely();
        second.reserve(each, "other").await().indefinitely();
        try {
            JsonPath busy = graphql(one, Map.of("id", id));
            assertEquals("SERVER_BUSY", busy.getString("errors[0].extensions.code"), busy.prettify());
            assertTrue(busy.getString("errors[0].message").contains("retry"), busy.getString("errors[0].message"));
        } finally {
            first.release();
            second.release();
        }
        assertEquals(0, QueryLimits.bytesInFlight());
        assertTrue(query(one, Map.of("id", id)).getString("data.event.payload").contains(BIG));
    }
}
