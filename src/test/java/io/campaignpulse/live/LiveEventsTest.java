package io.campaignpulse.live;

import static io.campaignpulse.live.LiveTestData.event;
import static io.campaignpulse.live.LiveTestData.eventId;
import static io.campaignpulse.live.LiveTestData.ingest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.campaignpulse.event.EventCriteria;
import io.campaignpulse.event.EventType;
import io.campaignpulse.event.StoredEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;

@QuarkusTest
class LiveEventsTest {

    @Inject
    LiveEvents live;

    @Inject
    CommittedEventFeed feed;

    @BeforeEach
    void feedListens() {
        await().atMost(Duration.ofSeconds(10)).until(feed::isStarted);
    }

    private AssertSubscriber<StoredEvent> subscribe(EventCriteria selector, Long after) {
        int before = feed.openSubscriptions();
        AssertSubscriber<StoredEvent> subscriber = live.events(selector, after, TransportBackpressure.ALWAYS_OPEN, e -> Long.toString(e.seq))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        await().until(() -> feed.openSubscriptions() == before + 1);
        return subscriber;
    }

    private static List<String> ids(AssertSubscriber<StoredEvent> subscriber) {
        return subscriber.getItems().stream().map(e -> e.eventId).toList();
    }

    @Test
    void pushesCommittedEventsThatMatchOnceEach() {
        long mailing = LiveTestData.newMailingId();
        var subscriber = subscribe(new EventCriteria(Set.of(EventType.OPEN, EventType.CLICK), null, mailing, null, null, null, null), null);

        String open = event("open", mailing, "a@example.com");
        String sent = event("sent", mailing, "a@example.com");
        String otherMailing = event("open", mailing + 1, "a@example.com");
        String click = event("click", mailing, "b@example.com", ", \"link\": \"https://example.com\"");
        ingest(List.of(open, sent, otherMailing, click));
        subscriber.awaitItems(2);
        assertEquals(List.of(eventId(open), eventId(click)), ids(subscriber));

        // the provider retries the same delivery: nothing new is pushed
        ingest(List.of(open, click));
        String later = event("open", mailing, "c@example.com");
        ingest(List.of(later));
        subscriber.awaitItems(3);
        assertEquals(List.of(eventId(open), eventId(click), eventId(later)), ids(subscriber));

        subscriber.cancel();
        await().until(() -> feed.openSubscriptions() == 0);
    }

    @Test
    void replaysFromCursorThenGoesLiveWithoutGapOrDouble() {
        long mailing = LiveTestData.newMailingId();
        EventCriteria selector = new EventCriteria(null, null, mailing, null, null, null, null);
        List<String> stored = List.of(event("sent", mailing, "a@example.com"), event("open", mailing, "a@example.com"),
                event("click", mailing, "a@example.com"));
        ingest(stored);
        var first = subscribe(selector, 0L);
        first.awaitItems(3);
        long cursor = first.getItems().get(0).seq;
        first.cancel();

        String missed = event("open", mailing, "b@example.com");
        ingest(List.of(missed));
        var resumed = subscribe(selector, cursor);
        resumed.awaitItems(3);
        String live = event("open", mailing, "c@example.com");
        ingest(List.of(live));
        resumed.awaitItems(4);
        assertEquals(List.of(eventId(stored.get(1)), eventId(stored.get(2)), eventId(missed), eventId(live)), ids(resumed));
        resumed.cancel();
    }
}
