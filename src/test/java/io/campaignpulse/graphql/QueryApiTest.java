package io.campaignpulse.graphql;

import static io.campaignpulse.support.Api.deliver;
import static io.campaignpulse.support.Api.graphql;
import static io.campaignpulse.support.Api.query;
import static io.campaignpulse.support.Events.batch;
import static io.campaignpulse.support.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.campaignpulse.support.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The query side of the API: paging, filters, interface types, concurrency of resolvers, limits and errors. */
@QuarkusTest
class QueryApiTest {

    private static final long T0 = 1_700_000_000_000L;

    private static final String PAGE = """
            query($filter: EventFilter, $first: Int, $after: String) {
              events(filter: $filter, first: $first, after: $after) {
                edges { cursor node { eventId } } pageInfo { hasNextPage endCursor } } }""";

    private static long newMailingId() {
        return 30_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    private static String newRecipient() {
        return "q" + UUID.randomUUID().toString().substring(0, 8) + "@x.test";
    }

    @Test
    void pagingThroughThousandEventsReturnsEachOnceWhileMoreArrive() {
        long mailingId = newMailingId();
        List<String> stored = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            List<Events> delivery = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Events e = event(i % 3 == 0 ? "open" : "sent").recipient(newRecipient()).list(7L).mailing(mailingId)
                        .created(T0 + d * 100 + i);
                delivery.add(e);
                stored.add(e.id());
            }
            assertEquals(100, deliver(batch(delivery)).getInt("stored"));
        }

        List<String> seenFiltered = walk(Map.of("mailingId", String.valueOf(mailingId)), mailingId);
        assertEquals(1000, seenFiltered.size());
        assertEquals(1000, new HashSet<>(seenFiltered).size(), "no event twice");
        List<String> newestFirst = new ArrayList<>(stored);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seenFiltered, "every stored event, newest first");

        // the unfiltered list too: everything stored before the walk began, each exactly once
        List<String> seenAll = walk(null, mailingId);
        assertEquals(seenAll.size(), new HashSet<>(seenAll).size(), "no event twice");
        assertTrue(seenAll.containsAll(stored));
    }

    /** Walks a list with first: 100, ingesting 10 newer events for the mailing after every page. */
    private static List<String> walk(Map<String, Object> filter, long mailingId) {
        List<String> seen = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("first", 100);
            if (filter != null) {
                variables.put("filter", filter);
            }
            if (after != null) {
                variables.put("after", after);
            }
            JsonPath page = query(PAGE, variables);
            List<String> ids = page.getList("data.events.edges.node.eventId");
            seen.addAll(ids);
            List<Events> newer = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                newer.add(event("click").recipient(newRecipient()).mailing(mailingId).created(T0 + 5000 + i).with("link", "https://n.test"));
            }
            deliver(batch(newer));
            if (!page.getBoolean("data.events.pageInfo.hasNextPage")) {
                assertTrue(ids.size() <= 100);
                return seen;
            }
            assertEquals(100, ids.size());
            after = page.getString("data.events.pageInfo.endCursor");
            assertEquals(after, page.getString("data.events.edges[99].cursor"));
        }
    }

    @Test
    void filtersAndInterfaceTypes() {
        long mailingId = newMailingId();
        String r = newRecipient();
        Events sent = event("sent").recipient(r).list(11L).mailing(mailingId).created(T0);
        Events click = event("click").recipient(r).list(11L).mailing(mailingId).created(T0 + 60_000).with("link", "https://l.test/a");
        Events bounce = event("bounce").recipient(r).list(12L).client(99L).mailing(mailingId).created(T0 + 120_000)
                .with("category", "hardbounce").with("reason", "other").with("thresholdExceeded", true);
        Events noTime = event("open").recipient(r).list(11L).mailing(mailingId);
        deliver(batch(sent, click, bounce, noTime));

        String typed = """
                query($filter: EventFilter) { events(filter: $filter, first: 10) { edges { node {
                  __typename eventId type providerType clientId recipientId userListId mailingId mediaType address occurredAt receivedAt
                  ... on ClickEvent { link }
                  ... on BounceEvent { category reason thresholdExceeded } } } } }""";
        JsonPath all = query(typed, Map.of("filter", Map.of("mailingId", String.valueOf(mailingId))));
        assertEquals(List.of(noTime.id(), bounce.id(), click.id(), sent.id()), all.getList("data.events.edges.node.eventId"));
        assertEquals(List.of("OtherEvent", "BounceEvent", "ClickEvent", "OtherEvent"), all.getList("data.events.edges.node.__typename"));
        Map<String, Object> b = all.getMap("data.events.edges[1].node");
        assertEquals("hardbounce", b.get("category"));
        assertEquals("other", b.get("reason"));
        assertEquals(true, b.get("thresholdExceeded"));
        assertEquals("99", b.get("clientId"));
        assertEquals("12", b.get("userListId"));
        assertEquals(String.valueOf(mailingId), b.get("mailingId"));
        assertEquals(r, b.get("address"));
        assertEquals("EMAIL", b.get("mediaType"));
        assertEquals("2023-11-14T22:15:20Z", b.get("occurredAt"));
        assertEquals("https://l.test/a", all.getString("data.events.edges[2].node.link"));
        assertNull(all.get("data.events.edges[0].node.occurredAt"));

        assertEquals(List.of(click.id()), ids(typed, Map.of("mailingId", String.valueOf(mailingId), "types", List.of("CLICK"))));
        assertEquals(List.of(bounce.id(), click.id()),
                ids(typed, Map.of("mailingId", String.valueOf(mailingId), "types", List.of("CLICK", "BOUNCE"))));
        assertEquals(List.of(), ids(typed, Map.of("mailingId", String.valueOf(mailingId), "types", List.of())));
        assertEquals(List.of(bounce.id()), ids(typed, Map.of("recipientId", r, "clientId", "99")));
        assertEquals(List.of(noTime.id(), click.id(), sent.id()), ids(typed, Map.of("recipientId", r, "userListId", "11")));
        // time range on the events' own time; `to` is exclusive; an event without `created` counts by arrival
        assertEquals(List.of(click.id()), ids(typed, Map.of("recipientId", r,
                "from", "2023-11-14T22:14:20Z", "to", "2023-11-14T22:15:20Z")));
        assertEquals(List.of(bounce.id(), click.id(), sent.id()), ids(typed, Map.of("recipientId", r,
                "to", "2024-01-01T00:00:00Z")));

        JsonPath one = query("query($id: String!) { event(eventId: $id) { __typename cursor ... on BounceEvent { category } } }",
                Map.of("id", bounce.id()));
        assertEquals("BounceEvent", one.getString("data.event.__typename"));
        assertEquals("hardbounce", one.getString("data.event.category"));
        // a cursor of an event continues the list right after it
        assertEquals(List.of(click.id(), sent.id()), query(PAGE, Map.of(
                "filter", Map.of("mailingId", String.valueOf(mailingId)), "after", one.getString("data.event.cursor")))
                .getList("data.events.edges.node.eventId"));
        assertNull(query("{ event(eventId: \"no-such-event\") { eventId } }").get("data.event"));
    }

    private static List<String> ids(String query, Map<String, Object> filter) {
        return query(query, Map.of("filter", filter)).getList("data.events.edges.node.eventId");
    }

    @Test
    void mailingsAndRecipientsPageWithTheirOwnCursors() {
        long first = newMailingId();
        long second = first + 1;
        String r1 = newRecipient();
        String r2 = newRecipient();
        // far in the future so that these two are the most recently active mailings
        deliver(batch(event("sent").recipient(r1).mailing(first).created(4_000_000_000_000L),
                event("sent").recipient(r2).mailing(second).created(4_000_000_000_001L)));
        JsonPath page1 = query("{ mailings(first: 1) { edges { cursor node { mailingId stats { sent } } } pageInfo { hasNextPage endCursor } } }");
        assertEquals(String.valueOf(second), page1.getString("data.mailings.edges[0].node.mailingId"));
        assertTrue(page1.getBoolean("data.mailings.pageInfo.hasNextPage"));
        JsonPath page2 = query("query($after: String) { mailings(first: 1, after: $after) { edges { node { mailingId } } } }",
                Map.of("after", page1.getString("data.mailings.pageInfo.endCursor")));
        assertEquals(String.valueOf(first), page2.getString("data.mailings.edges[0].node.mailingId"));

        // recipients: every recipient once, in id order
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> vars = new HashMap<>();
            if (after != null) {
                vars.put("after", after);
            }
            JsonPath page = query("query($after: String) { recipients(first: 200, after: $after) { edges { node { recipientId } } pageInfo { hasNextPage endCursor } } }", vars);
            seen.addAll(page.getList("data.recipients.edges.node.recipientId"));
            after = page.getBoolean("data.recipients.pageInfo.hasNextPage") ? page.getString("data.recipients.pageInfo.endCursor") : null;
        } while (after != null);
        assertEquals(seen.size(), new HashSet<>(seen).size());
        assertTrue(seen.containsAll(List.of(r1, r2)));
        List<String> sorted = new ArrayList<>(seen);
        java.util.Collections.sort(sorted);
        assertEquals(sorted.size(), seen.size());

        // a cursor of one list is refused by another
        JsonPath wrong = graphql("query($after: String) { events(after: $after) { edges { cursor } } }",
                Map.of("after", page1.getString("data.mailings.pageInfo.endCursor")));
        assertEquals("INVALID_CURSOR", wrong.getString("errors[0].extensions.code"));
    }

    @Test
    void severalRootFieldsAndNestedFieldsInOneOperation() {
        long mailingId = newMailingId();
        List<Events> events = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String r = newRecipient();
            recipients.add(r);
            events.add(event("sent").recipient(r).list(5L).mailing(mailingId).created(T0 + i));
            events.add(event("click").recipient(r).list(5L).mailing(mailingId).created(T0 + 100 + i).with("link", "https://c.test/" + (i % 3)));
            events.add(event("unsubscribe").recipient(r).list(6L).mailing(mailingId).created(T0 + 200 + i));
        }
        deliver(batch(events));
        String operation = """
                query($m: ID!, $r: String!, $e: String!) {
                  mailing(mailingId: $m) { stats { sent clicks uniqueClicks } topLinks(limit: 3) { link clicks }
                    events(first: 5) { edges { node { eventId } } } }
                  mailings(first: 20) { edges { node { mailingId topLinks { link } events(first: 2) { edges { cursor } } } } }
                  recipient(recipientId: $r) { status lists { userListId status } events(first: 3) { edges { node { type } } } }
                  recipients(first: 50) { edges { node { recipientId status lists { status } events(first: 1) { edges { cursor } } } } }
                  events(first: 30, filter: { mailingId: $m }) { edges { node { eventId } } }
                  event(eventId: $e) { eventId }
                  again: mailing(mailingId: $m) { stats { unsubscribes } }
                }""";
        Map<String, Object> vars = Map.of("m", String.valueOf(mailingId), "r", recipients.get(0), "e", events.get(0).id());
        // several at once as well, so that resolvers of different operations interleave too
        List<CompletableFuture<JsonPath>> running = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            running.add(CompletableFuture.supplyAsync(() -> query(operation, vars)));
        }
        for (CompletableFuture<JsonPath> result : running) {
            JsonPath r = result.join();
            assertEquals(20, r.getInt("data.mailing.stats.sent"));
            assertEquals(20, r.getInt("data.mailing.stats.uniqueClicks"));
            assertEquals(3, r.getList("data.mailing.topLinks").size());
            assertEquals(5, r.getList("data.mailing.events.edges").size());
            assertEquals("ACTIVE", r.getString("data.recipient.status"));
            assertEquals(List.of("ACTIVE", "UNSUBSCRIBED"), r.getList("data.recipient.lists.status"));
            assertEquals(List.of("UNSUBSCRIBE", "CLICK", "SENT"), r.getList("data.recipient.events.edges.node.type"));
            assertEquals(30, r.getList("data.events.edges").size());
            assertEquals(events.get(0).id(), r.getString("data.event.eventId"));
            assertEquals(20, r.getInt("data.again.stats.unsubscribes"));
            assertFalse(r.getList("data.recipients.edges").isEmpty());
            for (Object lists : r.getList("data.recipients.edges.node.lists")) {
                assertNotNull(lists);
            }
        }
    }

    @Test
    void overLargeOrNegativeFirstIsAnError() {
        JsonPath tooMany = graphql("{ events(first: 501) { edges { cursor } } }");
        assertEquals("BAD_USER_INPUT", tooMany.getString("errors[0].extensions.code"));
        assertTrue(tooMany.getString("errors[0].message").contains("at most 500"), tooMany.prettify());
        assertNull(tooMany.get("data"));

        assertEquals("BAD_USER_INPUT", graphql("{ mailings(first: 1000) { edges { cursor } } }").getString("errors[0].extensions.code"));
        assertEquals("BAD_USER_INPUT", graphql("{ recipients(first: -1) { edges { cursor } } }").getString("errors[0].extensions.code"));
        JsonPath nested = graphql("{ mailings(first: 1) { edges { node { events(first: 100000) { edges { cursor } } } } } }");
        assertEquals("BAD_USER_INPUT", nested.getString("errors[0].extensions.code"), nested.prettify());
        assertEquals(0, query("{ events(first: 0) { edges { cursor } pageInfo { hasNextPage } } }").getList("data.events.edges").size());
        assertEquals(500, query("{ events(first: 500) { edges { cursor } } }").getList("data.events.edges").size() <= 500 ? 500 : -1);
    }

    @Test
    void malformedCursorsAndArgumentsAreErrorsWithCodes() {
        JsonPath garbage = graphql("{ events(after: \"not a cursor!\") { edges { cursor } } }");
        assertEquals("INVALID_CURSOR", garbage.getString("errors[0].extensions.code"));
        assertTrue(garbage.getString("errors[0].message").contains("not a cursor"), garbage.prettify());
        assertEquals("INVALID_CURSOR", graphql("{ mailings(after: \"ZTox\") { edges { cursor } } }").getString("errors[0].extensions.code"));
        assertEquals("INVALID_CURSOR", graphql("{ recipients(after: \"ZTox\") { edges { cursor } } }").getString("errors[0].extensions.code"));

        JsonPath range = graphql("{ events(filter: { from: \"2024-01-02T00:00:00Z\", to: \"2024-01-01T00:00:00Z\" }) { edges { cursor } } }");
        assertEquals("BAD_USER_INPUT", range.getString("errors[0].extensions.code"));

        JsonPath unknownField = graphql("{ events { edges { node { nope } } } }");
        assertNotNull(unknownField.getString("errors[0].message"));
        assertNotNull(unknownField.getString("errors[0].extensions.code"), unknownField.prettify());
    }

    @Test
    void tooDeepAndTooComplexQueriesAreRefused() {
        // the introspection query of GraphQL tools stays allowed
        JsonPath introspection = graphql("""
                { __schema { types { name fields { name type { kind name ofType { kind name ofType { kind name
                  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } } } } }""");
        assertNull(introspection.get("errors"), introspection.prettify());

        JsonPath deep = graphql("""
                { __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType {
                  ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } } } }""");
        assertNotNull(deep.get("errors"), deep.prettify());
        assertNull(deep.get("data"));
        assertEquals("QUERY_TOO_DEEP", deep.getString("errors[0].extensions.code"), deep.prettify());

        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 400; i++) {
            wide.append(" m").append(i).append(": mailings(first: 1) { pageInfo { hasNextPage } }");
        }
        JsonPath complex = graphql(wide.append(" }").toString());
        assertNotNull(complex.get("errors"), complex.prettify());
        assertNull(complex.get("data"));
        assertEquals("QUERY_TOO_COMPLEX", complex.getString("errors[0].extensions.code"), complex.prettify());
    }
}
