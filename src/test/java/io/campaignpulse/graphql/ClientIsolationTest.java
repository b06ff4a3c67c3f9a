package io.campaignpulse.graphql;

import static io.campaignpulse.support.Api.deliver;
import static io.campaignpulse.support.Api.query;
import static io.campaignpulse.support.Events.batch;
import static io.campaignpulse.support.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.campaignpulse.graphql.paging.Cursors;
import io.campaignpulse.provider.AdminGraphQL;
import io.campaignpulse.provider.OptimizelyStub;
import io.campaignpulse.security.ClientScope;
import io.campaignpulse.support.Events;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.AttributeType;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/**
 * Two Optimizely clients' data in one database; each caller sees only its own through every query
 * and nested field. The caller's identity (with its {@value ClientScope#ATTRIBUTE} attribute) comes from
 * {@code @TestSecurity}, as the authentication would build it.
 */
@QuarkusTest
@WithTestResource(OptimizelyStub.class)
class ClientIsolationTest {

    // clients no other test stores events for, so every list can be compared whole
    static final long CLIENT_A = 91_000_000_001L;
    static final long CLIENT_B = 91_000_000_002L;
    static final long MAILING_A = 91_000_000_101L;
    static final long MAILING_B = 91_000_000_102L;
    static final String SHARED = "shared@iso.test";
    static final String ONLY_A = "only-a@iso.test";
    static final String ONLY_B = "only-b@iso.test";
    private static final long T0 = 1_750_000_000_000L;

    private static final String ALL = "*";
    private static final String A = "91000000001";
    private static final String B = "91000000002";

    private static final String EVENTS = """
            query($first: Int, $after: String) { events(first: $first, after: $after) {
              edges { node { eventId clientId } } pageInfo { hasNextPage endCursor } } }""";

    private static final String RECIPIENT = """
            query($id: String!) { recipient(recipientId: $id) {
              recipientId status softBounces hardBounces lastEventAt
              lists { clientId userListId status }
              events(first: 100) { edges { node { eventId clientId } } } } }""";

    static final List<String> EVENTS_A = new ArrayList<>();
    static final List<String> EVENTS_B = new ArrayList<>();
    private static boolean stored;

    @BeforeEach
    void twoClients() {
        if (stored) {
            return;
        }
        // A: the shared recipient unsubscribes from A's list 1; B: blocklists them on list 2 and soft-bounces
        List<Events> a = List.of(
                event("sent").client(CLIENT_A).list(1L).mailing(MAILING_A).recipient(SHARED).created(T0),
                event("sent").client(CLIENT_A).list(1L).mailing(MAILING_A).recipient(ONLY_A).created(T0 + 1),
                event("open").client(CLIENT_A).list(1L).mailing(MAILING_A).recipient(ONLY_A).created(T0 + 2),
                event("unsubscribe").client(CLIENT_A).list(1L).mailing(MAILING_A).recipient(SHARED).created(T0 + 3));
        List<Events> b = List.of(
                event("sent").client(CLIENT_B).list(2L).mailing(MAILING_B).recipient(SHARED).created(T0 + 10),
                event("bounce").client(CLIENT_B).list(2L).mailing(MAILING_B).recipient(SHARED).with("category", "soft")
                        .created(T0 + 11),
                event("blocklist").client(CLIENT_B).list(2L).recipient(SHARED).created(T0 + 12),
                event("sent").client(CLIENT_B).list(2L).mailing(MAILING_B).recipient(ONLY_B).created(T0 + 13),
                event("bounce").client(CLIENT_B).list(2L).mailing(MAILING_B).recipient(ONLY_B).with("category", "hard")
                        .created(T0 + 14),
                event("click").client(CLIENT_B).list(2L).mailing(MAILING_B).recipient(ONLY_B).with("link", "https://b.example")
                        .created(T0 + 15));
        List<Events> interleaved = new ArrayList<>(b.subList(0, 3));
        interleaved.addAll(a);
        interleaved.addAll(b.subList(3, b.size()));
        assertEquals(interleaved.size(), deliver(batch(interleaved)).getInt("stored"));
        a.forEach(e -> EVENTS_A.add(e.id()));
        b.forEach(e -> EVENTS_B.add(e.id()));
        stored = true;
    }

    // ---- events

    @Test
    @TestSecurity(user = "reader-a", roles = "pulse-reader", attributes = @SecurityAttribute(key = ClientScope.ATTRIBUTE, value = A, type = AttributeType.STRING_SET))
    void eventsOfOneClientOnly() {
        assertEquals(Set.copyOf(EVENTS_A), walkEvents(2));
        assertEquals(EVENTS_A.get(0), query("query($id: String!) { event(eventId: $id) { eventId } }", Map.of("id", EVENTS_A.get(0)))
                .getString("data.event.eventId"));
        assertNull(query("query($id: String!) { event(eventId: $id) { eventId } }", Map.of("id", EVENTS_B.get(0)))
                .get("data.event"), "another client's event is not there");
        // a filter on another client's ids finds nothing, whatever it names
        JsonPath filtered = query("query($f: EventFilter) { events(filter: $f) { edges { node { eventId } } pageInfo { hasNextPage } } }",
                Map.of("f", Map.of("clientId", String.valueOf(CLIENT_B))));
        assertEquals(List.of(), filtered.getList("data.events.edges"));
        assertFalse(filtered.getBoolean("data.events.pageInfo.hasNextPage"));
    }

    @Test
    @TestSecurity(user = "reader-b", roles = "pulse-reader", attributes = @SecurityAttribute(key = ClientScope.ATTRIBUTE, value = B, type = AttributeType.STRING_SET))
    void cursorsOfAnotherClientShowNothingOfIt() {
        assertEquals(Set.copyOf(EVENTS_B), walkEvents(4));
        // a page that begins after the newest event of B has only older B events; A's, interleaved, never appear
        JsonPath page = query(EVENTS, Map.of("first", 100, "after", Cursors.event(Long.MAX_VALUE)));
        List<String> ids = page.getList("data.events.edges.node.eventId");
        assertTrue(EVENTS_B.containsAll(ids) && !ids.isEmpty(), () -> "only B's events: " + ids);
    }

    @Test
    @TestSecurity(user = "reader-ab", roles = "pulse-reader", attributes = @SecurityAttribute(key = ClientScope.ATTRIBUTE, value = A + "," + B, type = AttributeType.STRING_SET))
    void severalClientsSeeAllOfThem() {
        Set<String> both = new HashSet<>(EVENTS_A);
        both.addAll(EVENTS_B);
        assertEquals(both, walkEvents(3));
        JsonPath shared = query(RECIPIENT, Map.of("id", SHARED));
        assertEquals("BLOCKLISTED", shared.getString("data.recipient.status"));
        assertEquals(2, shared.getList("data.recipient.lists").size());
        assertEquals(List.of(MAILING_B + "", MAILING_A + ""),
                query("{ mailings(first: 10) { edges { node { mailingId } } } }").getList("data.mailings.edges.node.mailingId", String.class));
    }

    // ---- mailings

    @Test
    @TestSecurity(user = "reader-a", roles = "pulse-reader", attributes = @SecurityAttribute(key = ClientScope.ATTRIBUTE, value = A, type = AttributeType.STRING_SET))
    void mailingsOfOneClientOnly() {
        JsonPath list = query("{ mailings(first: 100) { edges { node { mailingId clientId } } pageInfo { hasNextPage } } }");
        assertEquals(List.of(String.valueOf(MAILING_A)), list.getList("data.mailings.edges.node.mailingId", String.class));
        assertFalse(list.getBoolean("data.mailings.pageInfo.hasNextPage"));

        JsonPath mine = query("""
                query($id: ID!) { mailing(mailingId: $id) { mailingId stats { sent opens } topLinks { link }
                  events(first: 100) { edges { node { eventId } } } } }""", Map.of("id", MAILING_A));
        assertEquals(2, mine.getInt("data.mailing.stats.sent"));
        assertEquals(1, mine.getInt("data.mailing.stats.opens"));
        assertEquals(Set.of(EVENTS_A.get(0), EVENTS_A.get(1), EVENTS_A.get(2), EVENTS_A.get(3)),
                Set.copyOf(mine.getList("data.mailing.events.edges.node.eventId")));

        assertNull(query("query($id: ID!) { mailing(mailingId: $id) { mailingId stats { sent } topLinks { link } } }",
                Map.of("id", MAILING_B)).get("data.mailing"), "another client's mailing is not there");
    }

    @Test
    @TestSecurity(user = "reader-b", roles = "pulse-reader", attributes = @SecurityAttribute(key = ClientScope.ATTRIBUTE, value = B, type = AttributeType.STRING_SET))
    void mailingPagesOfOneClient() {
        JsonPath first = query("{ mailings(first: 1) { edges { node { mailingId } } pageInfo { hasNextPage endCursor } } }");
        assertEquals(List.of(String.valueOf(MAILING_B)), first.getList("data.mailings.edges.node.mailingId", String.class));
        assertFalse(first.getBoolean("data.mailings.pageInfo.hasNextPage"), "A's mailing does not make a next page");
        JsonPath mine = query("query($id: ID!) { mailing(mailingId: $id) { topLinks { link clicks } } }", Map.of("id", MAILING_B));
        assertEquals("https://b.example", mine.getString("data.mailing.topLinks[0].link"));
    }

    // ---- recipients

    @Test
    @TestSecurity(user = "reader-a", roles = "pulse-reader", attributes = @SecurityAttribute(key = ClientScope.ATTRIBUTE, value = A, type = AttributeType.STRING_SET))
    void recipientStatusFromTheVisibleListsOnly() {
        JsonPath shared = query(RECIPIENT, Map.of("id", SHARED));
        // B blocklisted them and counted a soft bounce: A sees neither
        assertEquals("UNSUBSCRIBED", shared.getString("data.recipient.status"));
        assertEquals(0, shared.getInt("data.recipient.softBounces"));
        assertEquals(List.of(Map.of("clientId", String.valueOf(CLIENT_A), "userListId", "1", "status", "UNSUBSCRIBED")),
                shared.getList("data.recipient.lists"));
        assertEquals(Set.of(EVENTS_A.get(0), EVENTS_A.get(3)), Set.copyOf(shared.getList("data.recipient.events.edges.node.eventId")));
        assertEquals(java.time.Instant.ofEpochMilli(T0 + 3), java.time.Instant.parse(shared.getString("data.recipient.lastEventAt")));

        assertNull(query(RECIPIENT, Map.of("id", ONLY_B)).get("data.recipient"), "a recipient only on another client's lists is not there");

        JsonPath all = query("{ recipients(first: 100) { edges { node { recipientId status lists { clientId } } } pageInfo { hasNextPage } } }");
        assertEquals(List.of(ONLY_A, SHARED), all.getList("data.recipients.edges.node.recipientId"));
        assertEquals(List.of("ACTIVE", "UNSUBSCRIBED"), all.getList("data.recipients.edges.node.status"));
        assertEquals(List.of(String.valueOf(CLIENT_A), String.valueOf(CLIENT_A)),
                all.getList("data.recipients.edges.node.lists.flatten().clientId", String.class));
        assertEquals(List.of(), query("{ recipients(status: BLOCKLISTED) { edges { node { recipientId } } } }").getList("data.recipients.edges"));
        assertEquals(List.of(SHARED),
                query("{ recipients(status: UNSUBSCRIBED) { edges { node { recipientId } } } }").getList("data.recipients.edges.node.recipientId"));

        // paging: one at a time, the last page says no more (B's recipients do not count)
        JsonPath one = query("{ recipients(first: 1) { edges { node { recipientId } } pageInfo { hasNextPage endCursor } } }");
        assertTrue(one.getBoolean("data.recipients.pageInfo.hasNextPage"));
        JsonPath two = query("query($after: String) { recipients(first: 1, after: $after) { edges { node { recipientId } } pageInfo { hasNextPage } } }",
                Map.of("after", one.getString("data.recipients.pageInfo.endCursor")));
        assertEquals(List.of(SHARED), two.getList("data.recipients.edges.node.recipientId"));
        assertFalse(two.getBoolean("data.recipients.pageInfo.hasNextPage"));
    }

    @Test
    @TestSecurity(user = "reader-b", roles = "pulse-reader", attributes = @SecurityAttribute(key = ClientScope.ATTRIBUTE, value = B, type = AttributeType.STRING_SET))
    void recipientCountersOfTheVisibleClientsOnly() {
        JsonPath shared = query(RECIPIENT, Map.of("id", SHARED));
        assertEquals("BLOCKLISTED", shared.getString("data.recipient.status"));
        assertEquals(1, shared.getInt("data.recipient.softBounces"));
        assertEquals(List.of(Map.of("clientId", String.valueOf(CLIENT_B), "userListId", "2", "status", "BLOCKLISTED")),
                shared.getList("data.recipient.lists"));
        assertEquals(Set.copyOf(EVENTS_B.subList(0, 3)), Set.copyOf(shared.getList("data.recipient.events.edges.node.eventId")));

        JsonPath onlyB = query(RECIPIENT, Map.of("id", ONLY_B));
        assertEquals("BOUNCED", onlyB.getString("data.recipient.status"));
        assertEquals(1, onlyB.getInt("data.recipient.hardBounces"));
        assertNull(query(RECIPIENT, Map.of("id", ONLY_A)).get("data.recipient"));
        assertEquals(List.of(ONLY_B, SHARED),
                query("{ recipients(first: 100) { edges { node { recipientId } } } }").getList("data.recipients.edges.node.recipientId"));
    }

    // ---- callers who see all, or nothing

    @Test
    @TestSecurity(user = "operator", roles = "pulse-reader", attributes = @SecurityAttribute(key = ClientScope.ATTRIBUTE, value = ALL, type = AttributeType.STRING_SET))
    void everyClientWithTheStar() {
        assertTrue(walkEvents(100).containsAll(EVENTS_A));
        JsonPath shared = query(RECIPIENT, Map.of("id", SHARED));
        assertEquals("BLOCKLISTED", shared.getString("data.recipient.status"));
        assertEquals(1, shared.getInt("data.recipient.softBounces"));
        assertEquals(2, shared.getList("data.recipient.lists").size());
        assertEquals(String.valueOf(MAILING_B), query("query($id: ID!) { mailing(mailingId: $id) { mailingId } }", Map.of("id", MAILING_B))
                .getString("data.mailing.mailingId"));
    }

    @Test
    @TestSecurity(user = "nobody", roles = "pulse-reader")
    void nothingWithoutTheAttribute() {
        seesNothing();
    }

    @Test
    @TestSecurity(user = "stranger", roles = "pulse-reader", attributes = @SecurityAttribute(key = ClientScope.ATTRIBUTE, value = "acme,91000000003", type = AttributeType.STRING_SET))
    void nothingOfClientsNotNamed() {
        seesNothing();
    }

    private static void seesNothing() {
        JsonPath all = query("""
                { events { edges { node { eventId } } pageInfo { hasNextPage } }
                  mailings { edges { node { mailingId } } pageInfo { hasNextPage } }
                  recipients { edges { node { recipientId } } pageInfo { hasNextPage } } }""");
        assertEquals(List.of(), all.getList("data.events.edges"));
        assertEquals(List.of(), all.getList("data.mailings.edges"));
        assertEquals(List.of(), all.getList("data.recipients.edges"));
        assertFalse(all.getBoolean("data.events.pageInfo.hasNextPage"));
        assertFalse(all.getBoolean("data.mailings.pageInfo.hasNextPage"));
        assertFalse(all.getBoolean("data.recipients.pageInfo.hasNextPage"));
        JsonPath one = query("query($e: String!, $m: ID!, $r: String!) { event(eventId: $e) { eventId } mailing(mailingId: $m) { mailingId } "
                + "recipient(recipientId: $r) { recipientId } }", Map.of("e", EVENTS_A.get(0), "m", MAILING_A, "r", SHARED));
        assertNull(one.get("data.event"));
        assertNull(one.get("data.mailing"));
        assertNull(one.get("data.recipient"));
    }

    // ---- webhooks: the configured client's (FakeOptimizely.CLIENT_ID, 4711)

    @Test
    @TestSecurity(user = "admin-a", roles = "pulse-admin", attributes = @SecurityAttribute(key = ClientScope.ATTRIBUTE, value = A, type = AttributeType.STRING_SET))
    void webhooksInvisibleToAnotherClient() {
        JsonPath list = AdminGraphQL.post("query { webhooks { id } }", null).jsonPath();
        assertNull(list.get("errors"), list::prettify);
        assertEquals(List.of(), list.getList("data.webhooks"));
        JsonPath create = AdminGraphQL.post(
                "mutation { createWebhook(input: {type: \"open\", targetUrl: \"https://pulse.example.com/webhooks/optimizely\"}) { id } }", null).jsonPath();
        assertEquals("FORBIDDEN", create.getString("errors[0].extensions.code"), create::prettify);
        JsonPath sync = AdminGraphQL.post("mutation { syncWebhooks { removed } }", null).jsonPath();
        assertEquals("FORBIDDEN", sync.getString("errors[0].extensions.code"), sync::prettify);
    }

    @Test
    @TestSecurity(user = "admin-4711", roles = "pulse-admin", attributes = @SecurityAttribute(key = ClientScope.ATTRIBUTE, value = "4711", type = AttributeType.STRING_SET))
    void webhooksOfTheConfiguredClient() {
        JsonPath created = AdminGraphQL.post(
                "mutation { createWebhook(input: {type: \"click\", targetUrl: \"https://pulse.example.com/webhooks/optimizely\"}) { id } }", null).jsonPath();
        assertNull(created.get("errors"), created::prettify);
        JsonPath list = AdminGraphQL.post("query { webhooks { id } }", null).jsonPath();
        assertTrue(list.getList("data.webhooks.id").contains(created.getString("data.createWebhook.id")), list::prettify);
    }

    /** Every event id of the unfiltered list, page by page. */
    private static Set<String> walkEvents(int pageSize) {
        Set<String> seen = new HashSet<>();
        String after = null;
        for (int pages = 0; pages < 1000; pages++) {
            Map<String, Object> variables = after == null ? Map.of("first", pageSize) : Map.of("first", pageSize, "after", after);
            JsonPath page = query(EVENTS, variables);
            List<String> ids = page.getList("data.events.edges.node.eventId");
            assertTrue(seen.addAll(ids) || ids.isEmpty(), "no event twice");
            if (!page.getBoolean("data.events.pageInfo.hasNextPage")) {
                return seen;
            }
            after = page.getString("data.events.pageInfo.endCursor");
        }
        throw new AssertionError("no last page");
    }
}
