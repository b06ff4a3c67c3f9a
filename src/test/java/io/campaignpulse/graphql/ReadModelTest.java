package io.campaignpulse.graphql;

import static io.campaignpulse.support.Api.deliver;
import static io.campaignpulse.support.Api.mailingIdFor;
import static io.campaignpulse.support.Api.query;
import static io.campaignpulse.support.Api.sample;
import static io.campaignpulse.support.Events.batch;
import static io.campaignpulse.support.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.campaignpulse.support.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Mailing statistics and recipient status, as ingested over HTTP and read over GraphQL. */
@QuarkusTest
class ReadModelTest {

    private static final long CLIENT = 10180860001L;
    private static final long LIST = 10180860004L;
    private static final long T0 = 1_700_000_000_000L;

    private static final String MAILING = """
            query($id: ID!) { mailing(mailingId: $id) {
              mailingId clientId firstEventAt lastEventAt
              stats { sent opens uniqueOpens clicks uniqueClicks softBounces hardBounces unsubscribes spamComplaints
                      openRate clickRate bounceRate unsubscribeRate }
              topLinks { link clicks uniqueClicks } } }""";

    private static final String RECIPIENT = """
            query($id: String!) { recipient(recipientId: $id) {
              recipientId status lastEventAt softBounces hardBounces
              lists { clientId userListId status changedAt reason } } }""";

    private static JsonPath mailing(long id) {
        return query(MAILING, Map.of("id", String.valueOf(id)));
    }

    private static JsonPath recipient(String id) {
        return query(RECIPIENT, Map.of("id", id));
    }

    private static String tag() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void sharedSamplesGiveEveryStatisticAndStatus() {
        String tag = tag();
        JsonPath answer = deliver(sample("batch-mixed.json", tag));
        assertEquals(5, answer.getInt("stored"));
        assertEquals(1, deliver(sample("bounce.json", tag)).getInt("stored"));
        long mailingId = mailingIdFor(tag);

        JsonPath m = mailing(mailingId);
        assertEquals(String.valueOf(mailingId), m.getString("data.mailing.mailingId"));
        assertEquals("10180860001", m.getString("data.mailing.clientId"));
        assertEquals(Map.ofEntries(
                Map.entry("sent", 1), Map.entry("opens", 1), Map.entry("uniqueOpens", 1), Map.entry("clicks", 1),
                Map.entry("uniqueClicks", 1), Map.entry("softBounces", 1), Map.entry("hardBounces", 1),
                Map.entry("unsubscribes", 1), Map.entry("spamComplaints", 0), Map.entry("openRate", 1.0f),
                Map.entry("clickRate", 1.0f), Map.entry("bounceRate", 2.0f), Map.entry("unsubscribeRate", 1.0f)),
                m.getMap("data.mailing.stats"));
        assertEquals("2021-03-30T12:40:00Z", m.getString("data.mailing.firstEventAt"));
        assertEquals("2021-03-30T12:49:35.391Z", m.getString("data.mailing.lastEventAt"));
        assertEquals(List.of(Map.of("link", "https://www.example.com/offers?utm_source=newsletter", "clicks", 1, "uniqueClicks", 1)),
                m.getList("data.mailing.topLinks"));

        JsonPath ana = recipient("ana.lopez@" + tag + ".example.com");
        assertEquals("UNSUBSCRIBED", ana.getString("data.recipient.status"));
        assertEquals(List.of(Map.of("clientId", "10180860001", "userListId", "10180860004", "status", "UNSUBSCRIBED",
                "changedAt", "2021-03-30T12:44:00Z", "reason", "unsubscribe")), ana.getList("data.recipient.lists"));

        JsonPath old = recipient("old.address@" + tag + ".example.com");
        assertEquals("BOUNCED", old.getString("data.recipient.status"));
        assertEquals(1, old.getInt("data.recipient.hardBounces"));
        assertEquals("hardbounce (threshold exceeded): other", old.getString("data.recipient.lists[0].reason"));

        // the published soft bounce is below the threshold: counted, but the status stays ACTIVE
        JsonPath john = recipient("john.smith@" + tag + ".example.com");
        assertEquals("ACTIVE", john.getString("data.recipient.status"));
        assertEquals(1, john.getInt("data.recipient.softBounces"));
        assertEquals(0, john.getInt("data.recipient.hardBounces"));
        assertEquals("ACTIVE", john.getString("data.recipient.lists[0].status"));
        assertNull(john.getString("data.recipient.lists[0].changedAt"));

        // the provider redelivers both: nothing counts twice
        JsonPath again = deliver(sample("batch-mixed.json", tag));
        assertEquals(0, again.getInt("stored"));
        assertEquals(5, again.getInt("duplicates"));
        deliver(sample("bounce.json", tag));
        assertEquals(m.getMap("data.mailing"), mailing(mailingId).getMap("data.mailing"));
        assertEquals(1, recipient("john.smith@" + tag + ".example.com").getInt("data.recipient.softBounces"));
    }

    @Test
    void uniquesCountRecipientsOnceAcrossDeliveriesAndLinks() {
        long mailingId = mailingIdFor(tag());
        String a = tag() + "@x.test";
        String b = tag() + "@x.test";
        String longLink = "https://example.com/" + "x".repeat(5000);
        deliver(batch(
                event("sent").recipient(a).list(LIST).mailing(mailingId).created(T0),
                event("sent").recipient(b).list(LIST).mailing(mailingId).created(T0),
                event("open").recipient(a).list(LIST).mailing(mailingId).created(T0 + 1000),
                event("open").recipient(a).list(LIST).mailing(mailingId).created(T0 + 2000),
                event("click").recipient(a).list(LIST).mailing(mailingId).created(T0 + 3000).with("link", "https://a.test/1"),
                event("click").recipient(a).list(LIST).mailing(mailingId).created(T0 + 4000).with("link", longLink)));
        Events same = event("click").recipient(a).list(LIST).mailing(mailingId).created(T0 + 5000).with("link", "https://a.test/1");
        deliver(batch(
                event("open").recipient(a).list(LIST).mailing(mailingId).created(T0 + 6000),
                event("open").recipient(b).list(LIST).mailing(mailingId).created(T0 + 7000),
                same,
                event("click").recipient(b).list(LIST).mailing(mailingId).created(T0 + 8000).with("link", "https://a.test/1"),
                event("spamcomplaint").recipient(b).list(LIST).mailing(mailingId).created(T0 + 9000)));
        deliver(batch(same)); // a duplicate

        JsonPath m = mailing(mailingId);
        assertEquals(2, m.getInt("data.mailing.stats.sent"));
        assertEquals(4, m.getInt("data.mailing.stats.opens"));
        assertEquals(2, m.getInt("data.mailing.stats.uniqueOpens"));
        assertEquals(4, m.getInt("data.mailing.stats.clicks"));
        assertEquals(2, m.getInt("data.mailing.stats.uniqueClicks"));
        assertEquals(1, m.getInt("data.mailing.stats.spamComplaints"));
        assertEquals(1.0f, m.getFloat("data.mailing.stats.openRate"));
        assertEquals(0.0f, m.getFloat("data.mailing.stats.bounceRate"));
        assertEquals(List.of(
                Map.of("link", "https://a.test/1", "clicks", 3, "uniqueClicks", 2),
                Map.of("link", longLink, "clicks", 1, "uniqueClicks", 1)),
                m.getList("data.mailing.topLinks"));
        assertEquals(1, query("query($id: ID!) { mailing(mailingId: $id) { topLinks(limit: 1) { link } } }",
                Map.of("id", String.valueOf(mailingId))).getList("data.mailing.topLinks").size());
        assertEquals("COMPLAINED", recipient(b).getString("data.recipient.status"));
    }

    @Test
    void ratesAreNullWhileNothingWasSent() {
        long mailingId = mailingIdFor(tag());
        deliver(batch(event("open").recipient(tag()).list(LIST).mailing(mailingId).created(T0)));
        JsonPath stats = mailing(mailingId);
        assertEquals(0, stats.getInt("data.mailing.stats.sent"));
        assertNull(stats.get("data.mailing.stats.openRate"));
        assertNull(stats.get("data.mailing.stats.clickRate"));
        assertNull(stats.get("data.mailing.stats.bounceRate"));
        assertNull(stats.get("data.mailing.stats.unsubscribeRate"));
        assertNull(query("{ mailing(mailingId: \"1\") { mailingId } }").get("data.mailing"));
        assertNull(query("{ recipient(recipientId: \"nobody@nowhere.test\") { status } }").get("data.recipient"));
    }

    @Test
    void resubscribeAfterUnsubscribeAndOutOfOrderArrival() {
        String r = tag() + "@x.test";
        long mailingId = mailingIdFor(tag());
        deliver(batch(event("sent").recipient(r).list(LIST).mailing(mailingId).created(T0)));
        assertEquals("ACTIVE", recipient(r).getString("data.recipient.status"));

        deliver(batch(event("unsubscribe").recipient(r).list(LIST).mailing(mailingId).created(T0 + 10_000)));
        assertEquals("UNSUBSCRIBED", recipient(r).getString("data.recipient.status"));

        // re-subscribe
        deliver(batch(event("doubleoptin").recipient(r).list(LIST).created(T0 + 20_000)));
        JsonPath back = recipient(r);
        assertEquals("ACTIVE", back.getString("data.recipient.status"));
        assertEquals("doubleoptin", back.getString("data.recipient.lists[0].reason"));

        // an unsubscribe that happened before the opt-in arrives late: the opt-in still wins
        deliver(batch(event("unsubscribe").recipient(r).list(LIST).mailing(mailingId).created(T0 + 15_000)));
        assertEquals("ACTIVE", recipient(r).getString("data.recipient.status"));

        // an open after all that never changes a status
        deliver(batch(event("open").recipient(r).list(LIST).mailing(mailingId).created(T0 + 30_000)));
        assertEquals("ACTIVE", recipient(r).getString("data.recipient.status"));

        // within one delivery, the latest by `created` wins whatever the array order
        deliver(batch(
                event("unsubscribe").recipient(r).list(LIST).created(T0 + 50_000),
                event("confirmedoptin").recipient(r).list(LIST).created(T0 + 40_000)));
        JsonPath last = recipient(r);
        assertEquals("UNSUBSCRIBED", last.getString("data.recipient.status"));
        assertEquals("2023-11-14T22:14:10Z", last.getString("data.recipient.lists[0].changedAt"));
        assertEquals("2023-11-14T22:14:10Z", last.getString("data.recipient.lastEventAt"));
    }

    @Test
    void sameEventsInAnyOrderGiveTheSameState() {
        String r1 = tag() + "@x.test";
        String r2 = tag() + "@x.test";
        List<Events> forR1 = List.of(
                event("sent").recipient(r1).list(LIST).created(T0),
                event("bounce").recipient(r1).list(LIST).created(T0 + 1000).with("category", "softbounce").with("thresholdExceeded", true),
                event("singleoptin").recipient(r1).list(LIST).created(T0 + 2000),
                event("unsubscribe").recipient(r1).list(LIST).created(T0 + 3000));
        // the same history for r2, delivered newest first, one event per delivery
        List<Events> r2History = List.of(
                event("sent").recipient(r2).list(LIST).created(T0),
                event("bounce").recipient(r2).list(LIST).created(T0 + 1000).with("category", "softbounce").with("thresholdExceeded", true),
                event("singleoptin").recipient(r2).list(LIST).created(T0 + 2000),
                event("unsubscribe").recipient(r2).list(LIST).created(T0 + 3000));
        deliver(batch(forR1));
        for (int i = r2History.size() - 1; i >= 0; i--) {
            deliver(batch(r2History.get(i)));
        }
        JsonPath a = recipient(r1);
        JsonPath b = recipient(r2);
        assertEquals("UNSUBSCRIBED", a.getString("data.recipient.status"));
        assertEquals(a.getList("data.recipient.lists"), b.getList("data.recipient.lists"));
        assertEquals(a.getString("data.recipient.status"), b.getString("data.recipient.status"));
        assertEquals(1, b.getInt("data.recipient.softBounces"));

        // a soft bounce over the threshold alone bounces
        String r3 = tag() + "@x.test";
        deliver(batch(event("bounce").recipient(r3).list(LIST).created(T0).with("category", "softbounce")
                .with("thresholdExceeded", true).with("reason", "other")));
        JsonPath c = recipient(r3);
        assertEquals("BOUNCED", c.getString("data.recipient.status"));
        assertEquals("softbounce (threshold exceeded): other", c.getString("data.recipient.lists[0].reason"));
    }

    @Test
    void overallStatusAcrossSeveralLists() {
        String r = tag() + "@x.test";
        long listA = 1001L;
        long listB = 1002L;
        deliver(batch(
                event("sent").recipient(r).list(listA).created(T0),
                event("sent").recipient(r).list(listB).created(T0)));
        deliver(batch(event("unsubscribe").recipient(r).list(listB).created(T0 + 1000)));
        JsonPath one = recipient(r);
        assertEquals("ACTIVE", one.getString("data.recipient.status"), "still ACTIVE on list A");
        assertEquals(List.of("ACTIVE", "UNSUBSCRIBED"), one.getList("data.recipient.lists.status"));

        deliver(batch(event("unsubscribe").recipient(r).list(listA).created(T0 + 2000)));
        assertEquals("UNSUBSCRIBED", recipient(r).getString("data.recipient.status"), "unsubscribed everywhere");

        deliver(batch(event("bounce").recipient(r).list(listA).created(T0 + 3000).with("category", "hardbounce")));
        assertEquals("BOUNCED", recipient(r).getString("data.recipient.status"));

        deliver(batch(event("spamcomplaint").recipient(r).list(listB).created(T0 + 4000)));
        assertEquals("COMPLAINED", recipient(r).getString("data.recipient.status"));

        // a blocklist event names neither list nor client
        deliver(batch(event("blocklist").recipient(r).client(null).list(null).created(T0 + 5000)));
        JsonPath blocked = recipient(r);
        assertEquals("BLOCKLISTED", blocked.getString("data.recipient.status"));
        assertEquals(3, blocked.getList("data.recipient.lists").size());
        Map<String, Object> noList = blocked.getMap("data.recipient.lists[0]");
        assertNull(noList.get("clientId"));
        assertNull(noList.get("userListId"));
        assertEquals("BLOCKLISTED", noList.get("status"));

        // listed by status
        JsonPath blocklisted = query("{ recipients(status: BLOCKLISTED, first: 500) { edges { node { recipientId } } } }");
        assertEquals(true, blocklisted.getList("data.recipients.edges.node.recipientId").contains(r));
    }

    @Test
    void unknownTypesAreKeptAndChangeNoCountOrStatus() {
        String r = tag() + "@x.test";
        long mailingId = mailingIdFor(tag());
        deliver(batch(event("sent").recipient(r).list(LIST).mailing(mailingId).created(T0)));
        Events future = event("hologram").recipient(r).list(LIST).mailing(mailingId).created(T0 + 1000).with("depth", 3);
        Events archived = event("archived").recipient(r).list(LIST).mailing(mailingId).created(T0 + 2000);
        assertEquals(2, deliver(batch(future, archived)).getInt("stored"));

        JsonPath m = mailing(mailingId);
        assertEquals(1, m.getInt("data.mailing.stats.sent"));
        assertEquals(0, m.getInt("data.mailing.stats.opens"));
        assertEquals("2023-11-14T22:13:22Z", m.getString("data.mailing.lastEventAt"));
        assertEquals("ACTIVE", recipient(r).getString("data.recipient.status"));

        JsonPath e = query("query($id: String!) { event(eventId: $id) { __typename type providerType payload } }",
                Map.of("id", future.id()));
        assertEquals("OtherEvent", e.getString("data.event.__typename"));
        assertEquals("OTHER", e.getString("data.event.type"));
        assertEquals("hologram", e.getString("data.event.providerType"));
        assertEquals(3, JsonPath.from(e.getString("data.event.payload")).getInt("depth"));
        assertEquals("ARCHIVE", query("query($id: String!) { event(eventId: $id) { type } }", Map.of("id", archived.id()))
                .getString("data.event.type"));
    }
}
