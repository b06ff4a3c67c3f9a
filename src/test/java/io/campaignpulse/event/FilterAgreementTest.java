package io.campaignpulse.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.campaignpulse.event.EventReadRepository.PayloadSize;
import io.campaignpulse.support.Db;
import io.campaignpulse.support.Events;
import io.campaignpulse.support.Ingest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/**
 * The events query, a subscription's replay and the live feed's in-memory match select the same stored
 * events for the same filter, and the ones the filter means: every part of a filter, combinations, and
 * client scopes, against the real database.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterAgreementTest {

    private static final long C1 = 10180860001L;
    private static final long C2 = 10180860002L;
    private static final long L1 = 10180860004L;
    private static final long L2 = 10180860005L;
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2021-03-30T12:00:00Z");

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Inject
    EventReadRepository reads;

    @Inject
    Mutiny.SessionFactory sessionFactory;

    private final long mailing = System.currentTimeMillis() % 1_000_000_000L * 1000 + 7;
    private final String a = "a-" + UUID.randomUUID() + "@example.com";
    private final String b = "b-" + UUID.randomUUID() + "@example.com";
    /** label → event id, in the order delivered */
    private final Map<String, String> ids = new LinkedHashMap<>();
    private long start;
    private long last;

    /** Once for both tests (RestAssured knows the test port only from the first test on, not in a BeforeAll). */
    @BeforeEach
    void deliverOnce() {
        if (!ids.isEmpty()) {
            return;
        }
        start = Db.count("select coalesce(max(seq), 0) from event");
        List<Events> events = List.of(
                labelled("s1", Events.event("sent").mailing(mailing).recipient(a).list(L1).created(hours(0))),
                labelled("o1", Events.event("open").mailing(mailing).recipient(a).list(L1).created(hours(1))),
                labelled("c1", Events.event("click").mailing(mailing).recipient(a).list(L1).created(hours(2)).with("link", "https://example.com")),
                labelled("o2", Events.event("open").mailing(mailing).recipient(b).list(L2).created(hours(3))),
                labelled("b1", Events.event("bounce").mailing(mailing).recipient(b).list(L2).created(hours(1)).with("category", "hardbounce")),
                labelled("o3", Events.event("open").mailing(mailing + 1).recipient(a).list(L1).client(C2).created(hours(1))),
                labelled("u1", Events.event("unsubscribe").mailing(mailing + 1).recipient(b).list(L2).client(C2).created(hours(2))),
                labelled("n1", Events.event("open").mailing(mailing).recipient(a).list(L1).client(null).created(hours(1))),
                // no time of its own: its arrival (now) is its time
                labelled("r1", Events.event("open").mailing(mailing).recipient(a).list(L1)));
        Ingest.deliver(Events.batch(events)).statusCode(200);
        last = Db.count("select max(seq) from event where event_id = any(?)", (Object) ids.values().toArray(String[]::new));
    }

    private Events labelled(String label, Events event) {
        ids.put(label, event.id());
        return event;
    }

    private static long hours(int n) {
        return T0.plusHours(n).toInstant().toEpochMilli();
    }

    private static EventCriteria criteria(Set<EventType> types, Long clientId, Long mailingId, String recipientId, Long userListId,
            OffsetDateTime from, OffsetDateTime to) {
        return new EventCriteria(types, clientId, mailingId, recipientId, userListId, from, to);
    }

    private Map<EventCriteria, Set<String>> cases() {
        Map<EventCriteria, Set<String>> cases = new LinkedHashMap<>();
        cases.put(EventCriteria.ALL, Set.of("s1", "o1", "c1", "o2", "b1", "o3", "u1", "n1", "r1"));
        cases.put(criteria(EnumSet.of(EventType.OPEN, EventType.CLICK), null, null, null, null, null, null), Set.of("o1", "c1", "o2", "o3", "n1", "r1"));
        cases.put(criteria(EnumSet.noneOf(EventType.class), null, null, null, null, null, null), Set.of());
        cases.put(criteria(null, C2, null, null, null, null, null), Set.of("o3", "u1"));
        cases.put(criteria(null, null, mailing, null, null, null, null), Set.of("s1", "o1", "c1", "o2", "b1", "n1", "r1"));
        cases.put(criteria(null, null, null, b, null, null, null), Set.of("o2", "b1", "u1"));
        cases.put(criteria(null, null, null, null, L2, null, null), Set.of("o2", "b1", "u1"));
        cases.put(criteria(null, null, null, null, null, T0.plusHours(1), null), Set.of("o1", "c1", "o2", "b1", "o3", "u1", "n1", "r1"));
        cases.put(criteria(null, null, null, null, null, null, T0.plusHours(1)), Set.of("s1"));
        cases.put(criteria(null, null, null, null, null, T0.plusHours(1), T0.plusHours(2)), Set.of("o1", "b1", "o3", "n1"));
        cases.put(criteria(EnumSet.of(EventType.OPEN), null, mailing, null, null, T0.plusHours(1), null), Set.of("o1", "o2", "n1", "r1"));
        cases.put(criteria(null, C1, mailing, a, L1, null, null), Set.of("s1", "o1", "c1", "r1"));
        cases.put(EventCriteria.ALL.visibleTo(Set.of(C1)), Set.of("s1", "o1", "c1", "o2", "b1", "r1"));
        cases.put(EventCriteria.ALL.visibleTo(Set.of()), Set.of());
        cases.put(criteria(null, C2, null, null, null, null, null).visibleTo(Set.of(C1)), Set.of());
        cases.put(criteria(EnumSet.of(EventType.OPEN), null, null, null, null, null, null).visibleTo(Set.of(C1, C2)), Set.of("o1", "o2", "o3", "r1"));
        cases.put(criteria(null, null, mailing + 1, b, null, null, null).visibleTo(Set.of(C2)), Set.of("u1"));
        return cases;
    }

    @Test
    void theQueryTheReplayAndTheLiveMatchSelectTheSameEvents() throws Throwable {
        // what the live feed reads (on its LISTEN connection; a pool connection here)
        List<StoredEvent> committed = reads.committedAfter(pool, new SeqRange(start + 1, last), 1000).await().atMost(java.time.Duration.ofSeconds(30));
        for (Map.Entry<EventCriteria, Set<String>> c : cases().entrySet()) {
            EventCriteria criteria = c.getKey();
            Set<String> expected = new TreeSet<>(c.getValue());
            EventConditions conditions = EventConditions.of(criteria);
            List<StoredEvent> live = committed.stream().filter(conditions).toList();
            assertEquals(expected, labels(live), "live match of " + conditions);
            assertEquals(expected, labels(pagedNewestFirst(criteria)), "events query of " + conditions);
            assertEquals(expected, labels(replayedOldestFirst(criteria)), "replay of " + conditions);
        }
    }

    @Test
    void oneEventByIdIsSeenExactlyWithinTheScope() throws Throwable {
        Map<Set<Long>, Set<String>> scopes = new LinkedHashMap<>();
        scopes.put(null, Set.of("s1", "o1", "c1", "o2", "b1", "o3", "u1", "n1", "r1"));
        scopes.put(Set.of(C1), Set.of("s1", "o1", "c1", "o2", "b1", "r1"));
        scopes.put(Set.of(C2), Set.of("o3", "u1"));
        scopes.put(Set.of(), Set.of());
        for (Map.Entry<Set<Long>, Set<String>> scope : scopes.entrySet()) {
            List<StoredEvent> found = new ArrayList<>();
            for (String id : ids.values()) {
                StoredEvent event = await(session -> reads.byEventId(session, id, scope.getKey()));
                Integer bytes = await(session -> reads.payloadBytesByEventId(session, id, scope.getKey()));
                assertEquals(event == null, bytes == null, "the size is told exactly when the event is: " + id);
                if (event != null) {
                    found.add(event);
                }
            }
            assertEquals(new TreeSet<>(scope.getValue()), labels(found), "scope " + scope.getKey());
        }
    }

    /** The events query's way: keyset pages, newest first, down to where this test's events start. */
    private List<StoredEvent> pagedNewestFirst(EventCriteria criteria) throws Throwable {
        List<StoredEvent> all = new ArrayList<>();
        Long before = last + 1;
        while (true) {
            Long beforeSeq = before;
            List<PayloadSize> sizes = await(session -> reads.pagePayloadSizes(session, criteria, beforeSeq, 2));
            List<StoredEvent> page = await(session -> reads.page(session, sizes));
            assertEquals(sizes.stream().map(PayloadSize::seq).toList(), page.stream().map(e -> e.seq).toList(),
                    "the page holds exactly the events it was sized for");
            List<StoredEvent> ours = page.stream().filter(e -> e.seq > start).toList();
            all.addAll(ours);
            if (page.size() < 2 || ours.size() < page.size()) {
                return all;
            }
            before = page.get(page.size() - 1).seq;
        }
    }

    /** A subscription's replay: pages oldest first from a cursor. */
    private List<StoredEvent> replayedOldestFirst(EventCriteria criteria) throws Throwable {
        List<StoredEvent> all = new ArrayList<>();
        long after = start;
        while (true) {
            long afterSeq = after;
            List<StoredEvent> page = await(session -> reads.matchingAfter(session, criteria, afterSeq, 2));
            List<StoredEvent> ours = page.stream().filter(e -> e.seq <= last).toList();
            all.addAll(ours);
            if (page.size() < 2 || ours.size() < page.size()) {
                return all;
            }
            after = page.get(page.size() - 1).seq;
        }
    }

    /** The labels of this test's events among them (others' events, stored meanwhile, are not counted). */
    private Set<String> labels(Collection<StoredEvent> events) {
        Set<String> labels = new TreeSet<>();
        for (StoredEvent event : events) {
            ids.forEach((label, id) -> {
                if (id.equals(event.eventId)) {
                    labels.add(label);
                }
            });
        }
        return labels;
    }

    private <T> T await(java.util.function.Function<Mutiny.Session, Uni<T>> read) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> sessionFactory.withSession(read));
    }
}
