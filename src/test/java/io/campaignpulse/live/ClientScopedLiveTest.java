package io.campaignpulse.live;

import static io.campaignpulse.live.LiveTestData.eventId;
import static io.campaignpulse.live.LiveTestData.ingest;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.campaignpulse.event.EventCriteria;
import io.campaignpulse.event.StoredEvent;
import io.campaignpulse.mailing.StoredMailingStats;
import io.campaignpulse.recipient.RecipientStatus;
import io.campaignpulse.recipient.RecipientView;
import io.campaignpulse.security.ClientScope;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.AttributeType;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/**
 * Live updates limited to the subscriber's clients: the live units with a client scope, and the GraphQL
 * subscriptions over both WebSocket protocols with a caller identity from {@code @TestSecurity}.
 * Another client's events are interleaved before the visible ones, so receiving the visible one first
 * shows the other was never pushed.
 */
@QuarkusTest
class ClientScopedLiveTest {

    // clients no other test stores events for
    static final long CLIENT_A = 92_000_000_001L;
    static final long CLIENT_B = 92_000_000_002L;

    @Inject
    LiveEvents events;

    @Inject
    LiveChanges changes;

    @Inject
    CommittedEventFeed feed;

    @TestHTTPResource("/graphql")
    URI graphql;

    @BeforeEach
    void feedListens() {
        await().atMost(Duration.ofSeconds(10)).until(feed::isStarted);
    }

    static String event(String type, long clientId, Long listId, long mailingId, String recipientId, String extra) {
        return """
                {"type": "%s", "id": "%s", "recipientId": "%s", %s "clientId": %d, "created": %d,
                 "mailingId": %d, "mediaType": "EMAIL"%s}"""
                .formatted(type, UUID.randomUUID(), recipientId, listId == null ? "" : "\"userListId\": " + listId + ",", clientId,
                        System.currentTimeMillis(), mailingId, extra);
    }

    static String event(String type, long clientId, long mailingId, String recipientId) {
        return event(type, clientId, clientId % 1000, mailingId, recipientId, "");
    }

    private <T> AssertSubscriber<T> registered(Multi<T> stream) {
        int before = feed.openSubscriptions();
        AssertSubscriber<T> subscriber = stream.subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.openSubscriptions() > before);
        return subscriber;
    }

    private static String recipient(String tag) {
        return tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "@scope.test";
    }

    @Test
    void eventsOfTheVisibleClientsOnlyLiveAndReplayed() {
        long mailing = LiveTestData.newMailingId();
        EventCriteria onlyA = new EventCriteria(null, null, mailing, null, null, null, null).visibleTo(Set.of(CLIENT_A));
        var live = registered(events.events(onlyA, null, TransportBackpressure.ALWAYS_OPEN, e -> Long.toString(e.seq)));

        String b1 = event("sent", CLIENT_B, mailing, recipient("b"));
        String a1 = event("sent", CLIENT_A, mailing, recipient("a"));
        String noClient = event("open", CLIENT_A, mailing, recipient("n")).replace("\"clientId\": " + CLIENT_A + ",", "");
        String b2 = event("open", CLIENT_B, mailing, recipient("b"));
        String a2 = event("open", CLIENT_A, mailing, recipient("a"));
        ingest(List.of(b1, a1, noClient, b2));
        ingest(List.of(a2));
        live.awaitItems(2);
        assertEquals(List.of(eventId(a1), eventId(a2)), ids(live.getItems()));

        // a replay from the start of the log: the same two, then live
        var replayed = registered(events.events(onlyA, 0L, TransportBackpressure.ALWAYS_OPEN, e -> Long.toString(e.seq)));
        replayed.awaitItems(2);
        assertEquals(List.of(eventId(a1), eventId(a2)), ids(replayed.getItems()));

        // a scope of no client: nothing, neither replayed nor live
        var none = registered(events.events(new EventCriteria(null, null, mailing, null, null, null, null).visibleTo(Set.of()), 0L,
                TransportBackpressure.ALWAYS_OPEN, e -> Long.toString(e.seq)));
        String a3 = event("click", CLIENT_A, mailing, recipient("a"));
        ingest(List.of(a3));
        live.awaitItems(3);
        replayed.awaitItems(3);
        assertEquals(List.of(), none.getItems());
        live.cancel();
        replayed.cancel();
        none.cancel();
    }

    @Test
    void mailingOfAnotherClientNeverPushed() {
        long mailingB = LiveTestData.newMailingId();
        var seenByA = registered(changes.mailingStats(mailingB, Set.of(CLIENT_A), TransportBackpressure.ALWAYS_OPEN));
        var seenByB = registered(changes.mailingStats(mailingB, Set.of(CLIENT_B), TransportBackpressure.ALWAYS_OPEN));
        ingest(List.of(event("sent", CLIENT_B, mailingB, recipient("b"))));
        seenByB.awaitItems(1);
        ingest(List.of(event("open", CLIENT_B, mailingB, recipient("b"))));
        seenByB.awaitItems(2);
        assertEquals(List.of(1L, 1L), seenByB.getItems().stream().map(StoredMailingStats::sent).toList());
        assertEquals(List.<StoredMailingStats> of(), seenByA.getItems());
        seenByA.cancel();
        seenByB.cancel();
    }

    @Test
    void recipientStatusFromTheVisibleListsOnly() {
        long mailing = LiveTestData.newMailingId();
        String shared = recipient("shared");
        String onlyB = recipient("only-b");
        ingest(List.of(event("sent", CLIENT_A, mailing, shared), event("sent", CLIENT_B, mailing, shared)));

        var seenByA = registered(changes.recipientStatusChanged(null, Set.of(CLIENT_A), TransportBackpressure.ALWAYS_OPEN));
        var blocklistedForB = registered(changes.recipientStatusChanged(RecipientStatus.BLOCKLISTED, Set.of(CLIENT_B), TransportBackpressure.ALWAYS_OPEN));
        var everyone = registered(changes.recipientStatusChanged(null, null, TransportBackpressure.ALWAYS_OPEN));

        // B blocklists the shared recipient and bounces another; then A's list of the shared one is unsubscribed
        ingest(List.of(event("blocklist", CLIENT_B, mailing, shared),
                event("bounce", CLIENT_B, CLIENT_B % 1000, mailing, onlyB, ", \"category\": \"hard\"")));
        ingest(List.of(event("unsubscribe", CLIENT_A, mailing, shared)));

        seenByA.awaitItems(1);
        RecipientView forA = seenByA.getItems().get(0);
        assertEquals(shared, forA.recipientId());
        assertEquals(RecipientStatus.UNSUBSCRIBED, forA.status(), "A does not see B's blocklisting");

        blocklistedForB.awaitItems(1);
        assertEquals(shared, blocklistedForB.getItems().get(0).recipientId());
        assertEquals(RecipientStatus.BLOCKLISTED, blocklistedForB.getItems().get(0).status());

        // whoever sees every client follows the overall status: blocklisted (and the bounce), not the later unsubscribe
        await().atMost(Duration.ofSeconds(20)).until(() -> everyone.getItems().stream().anyMatch(r -> r.recipientId().equals(onlyB)));
        assertTrue(everyone.getItems().stream().anyMatch(r -> r.recipientId().equals(shared) && r.status() == RecipientStatus.BLOCKLISTED));

        // a later change of A's: A gets it, still nothing of B's (onlyB never came)
        ingest(List.of(event("doubleoptin", CLIENT_A, mailing, shared)));
        seenByA.awaitItems(2);
        assertEquals(RecipientStatus.ACTIVE, seenByA.getItems().get(1).status());
        assertTrue(seenByA.getItems().stream().noneMatch(r -> r.recipientId().equals(onlyB)));
        seenByA.cancel();
        blocklistedForB.cancel();
        everyone.cancel();
    }

    // ---- the GraphQL subscriptions, with the caller's identity

    @ParameterizedTest
    @ValueSource(strings = { GraphQLWsClient.TRANSPORT_WS, GraphQLWsClient.LEGACY_WS })
    @TestSecurity(user = "reader-a", roles = "pulse-reader", attributes = @SecurityAttribute(key = ClientScope.ATTRIBUTE, value = "92000000001", type = AttributeType.STRING_SET))
    void subscriptionsOfTheCallersClients(String protocol) {
        long mailing = LiveTestData.newMailingId();
        String shared = recipient("ws");
        // the mailing is A's; B knows the same recipient from a mailing of its own
        ingest(List.of(event("sent", CLIENT_A, mailing, shared), event("sent", CLIENT_B, mailing + 1, shared)));
        try (GraphQLWsClient ws = GraphQLWsClient.connect(graphql, protocol)) {
            ws.subscribeRegistered(feed, "events", "subscription { events { eventId clientId } }", Map.of());
            ws.subscribeRegistered(feed, "status", "subscription { recipientStatusChanged { recipientId status } }", Map.of());
            ws.subscribeRegistered(feed, "mailing", "subscription($id: ID!) { mailingStats(mailingId: $id) { mailingId } }",
                    Map.of("id", mailing));

            String blocklistB = event("blocklist", CLIENT_B, mailing + 1, shared);
            String unsubscribeA = event("unsubscribe", CLIENT_A, mailing, shared);
            ingest(List.of(blocklistB));
            ingest(List.of(unsubscribeA));

            List<JsonObject> pushed = ws.awaitData("events", "events", 1);
            assertEquals(eventId(unsubscribeA), pushed.get(0).getString("eventId"));
            JsonObject status = ws.awaitData("status", "recipientStatusChanged", 1).get(0);
            assertEquals(shared, status.getString("recipientId"));
            assertEquals("UNSUBSCRIBED", status.getString("status"));
            assertEquals(String.valueOf(mailing), ws.awaitData("mailing", "mailingStats", 1).get(0).getValue("mailingId").toString());
        }
    }

    private static List<String> ids(List<StoredEvent> events) {
        return events.stream().map(e -> e.eventId).toList();
    }
}
