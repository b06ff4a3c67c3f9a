package io.campaignpulse.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What each part of an event filter becomes, in HQL with its parameters and in memory. */
class EventConditionsTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-03-01T10:00:00Z");

    private static StoredEvent event() {
        StoredEvent event = new StoredEvent();
        event.seq = 1;
        event.eventId = "e-1";
        event.type = EventType.OPEN;
        event.clientId = 7L;
        event.mailingId = 100L;
        event.userListId = 200L;
        event.recipientId = "a@example.com";
        event.occurredAt = T;
        event.receivedAt = T.plusMinutes(5);
        return event;
    }

    private static EventCriteria criteria(Set<EventType> types, Long clientId, Long mailingId, String recipientId, Long userListId,
            OffsetDateTime from, OffsetDateTime to) {
        return new EventCriteria(types, clientId, mailingId, recipientId, userListId, from, to);
    }

    @Test
    void anEmptyFilterIsNoConditionAndMatchesEveryEvent() {
        EventConditions all = EventConditions.of(EventCriteria.ALL);
        assertEquals("", all.hql());
        assertEquals(Map.of(), all.parameters());
        assertFalse(all.matchesNothing());
        StoredEvent noClient = event();
        noClient.clientId = null;
        noClient.mailingId = null;
        noClient.occurredAt = null;
        assertTrue(all.test(event()));
        assertTrue(all.test(noClient));
    }

    @Test
    void types() {
        EventConditions types = EventConditions.of(criteria(EnumSet.of(EventType.OPEN, EventType.CLICK), null, null, null, null, null, null));
        assertEquals("e.type in (:types)", types.hql());
        assertEquals(Map.of("types", EnumSet.of(EventType.OPEN, EventType.CLICK)), types.parameters());
        assertTrue(types.test(event()));
        StoredEvent sent = event();
        sent.type = EventType.SENT;
        assertFalse(types.test(sent));
    }

    @Test
    void anEmptyTypeListMatchesNothingWithoutAnInvalidInList() {
        EventConditions none = EventConditions.of(criteria(EnumSet.noneOf(EventType.class), null, 100L, null, null, null, null));
        assertTrue(none.matchesNothing());
        assertEquals("1 = 0", none.hql());
        assertEquals(Map.of(), none.parameters());
        assertFalse(none.test(event()));
    }

    @Test
    void clientId() {
        EventConditions client = EventConditions.of(criteria(null, 7L, null, null, null, null, null));
        assertEquals("e.clientId = :clientId", client.hql());
        assertEquals(Map.of("clientId", 7L), client.parameters());
        assertTrue(client.test(event()));
        StoredEvent other = event();
        other.clientId = 8L;
        assertFalse(client.test(other));
        other.clientId = null;
        assertFalse(client.test(other));
    }

    @Test
    void mailingId() {
        EventConditions mailing = EventConditions.of(criteria(null, null, 100L, null, null, null, null));
        assertEquals("e.mailingId = :mailingId", mailing.hql());
        assertEquals(Map.of("mailingId", 100L), mailing.parameters());
        assertTrue(mailing.test(event()));
        StoredEvent other = event();
        other.mailingId = 101L;
        assertFalse(mailing.test(other));
        other.mailingId = null;
        assertFalse(mailing.test(other));
    }

    @Test
    void recipientId() {
        EventConditions recipient = EventConditions.of(criteria(null, null, null, "a@example.com", null, null, null));
        assertEquals("e.recipientId = :recipientId", recipient.hql());
        assertEquals(Map.of("recipientId", "a@example.com"), recipient.parameters());
        assertTrue(recipient.test(event()));
        StoredEvent other = event();
        other.recipientId = "A@example.com"; // exact, as in SQL
        assertFalse(recipient.test(other));
        other.recipientId = null;
        assertFalse(recipient.test(other));
    }

    @Test
    void userListId() {
        EventConditions list = EventConditions.of(criteria(null, null, null, null, 200L, null, null));
        assertEquals("e.userListId = :userListId", list.hql());
        assertEquals(Map.of("userListId", 200L), list.parameters());
        assertTrue(list.test(event()));
        StoredEvent other = event();
        other.userListId = 201L;
        assertFalse(list.test(other));
    }

    @Test
    void fromIsInclusiveOnTheEventsOwnTime() {
        EventConditions from = EventConditions.of(criteria(null, null, null, null, null, T, null));
        assertEquals("e.eventAt >= :from", from.hql());
        assertEquals(Map.of("from", T), from.parameters());
        assertTrue(from.test(event()));
        StoredEvent earlier = event();
        earlier.occurredAt = T.minusNanos(1000);
        assertFalse(from.test(earlier), "the arrival time does not count when the event has its own");
        StoredEvent sameInstantElsewhere = event();
        sameInstantElsewhere.occurredAt = T.withOffsetSameInstant(java.time.ZoneOffset.ofHours(2));
        assertTrue(from.test(sameInstantElsewhere), "instants compare, not local times");
        StoredEvent noOwnTime = event();
        noOwnTime.occurredAt = null;
        noOwnTime.receivedAt = T.minusSeconds(1);
        assertFalse(from.test(noOwnTime), "without its own time the arrival counts");
        noOwnTime.receivedAt = T;
        assertTrue(from.test(noOwnTime));
    }

    @Test
    void toIsExclusiveOnTheEventsOwnTime() {
        EventConditions to = EventConditions.of(criteria(null, null, null, null, null, null, T));
        assertEquals("e.eventAt < :to", to.hql());
        assertEquals(Map.of("to", T), to.parameters());
        assertFalse(to.test(event()), "to is exclusive");
        StoredEvent earlier = event();
        earlier.occurredAt = T.minusSeconds(1);
        assertTrue(to.test(earlier));
        StoredEvent noOwnTime = event();
        noOwnTime.occurredAt = null;
        noOwnTime.receivedAt = T.minusSeconds(1);
        assertTrue(to.test(noOwnTime));
    }

    @Test
    void clientScopeSeesOnlyItsClientsAndNeverEventsOfNoClient() {
        EventConditions scoped = EventConditions.of(EventCriteria.ALL.visibleTo(Set.of(7L, 9L)));
        assertEquals("e.clientId in (:visibleClients)", scoped.hql());
        assertEquals(Map.of("visibleClients", Set.of(7L, 9L)), scoped.parameters());
        assertTrue(scoped.test(event()));
        StoredEvent other = event();
        other.clientId = 8L;
        assertFalse(scoped.test(other));
        other.clientId = null;
        assertFalse(scoped.test(other));
    }

    @Test
    void aScopeWithoutClientsMatchesNothing() {
        EventConditions none = EventConditions.of(criteria(null, 7L, null, null, null, null, null).visibleTo(Set.of()));
        assertTrue(none.matchesNothing());
        assertEquals("1 = 0", none.hql());
        assertEquals(Map.of(), none.parameters());
        assertFalse(none.test(event()));
    }

    @Test
    void noScopeIsNoCondition() {
        EventConditions unscoped = EventConditions.of(criteria(null, 7L, null, null, null, null, null).visibleTo(null));
        assertEquals("e.clientId = :clientId", unscoped.hql());
    }

    @Test
    void everyPartTogetherIsTheirConjunctionInOneOrder() {
        OffsetDateTime to = T.plusHours(1);
        EventCriteria criteria = criteria(EnumSet.of(EventType.OPEN), 7L, 100L, "a@example.com", 200L, T, to).visibleTo(Set.of(7L));
        EventConditions all = EventConditions.of(criteria);
        assertEquals("e.type in (:types) and e.clientId in (:visibleClients) and e.clientId = :clientId and e.mailingId = :mailingId"
                + " and e.userListId = :userListId and e.recipientId = :recipientId"
                + " and e.eventAt >= :from and e.eventAt < :to", all.hql());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("types", EnumSet.of(EventType.OPEN));
        expected.put("visibleClients", Set.of(7L));
        expected.put("clientId", 7L);
        expected.put("mailingId", 100L);
        expected.put("userListId", 200L);
        expected.put("recipientId", "a@example.com");
        expected.put("from", T);
        expected.put("to", to);
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(all.parameters().entrySet()), "parameters in the order of the clause");
        assertTrue(all.test(event()));

        // each part alone can exclude the event
        StoredEvent wrongType = event();
        wrongType.type = EventType.CLICK;
        StoredEvent wrongClient = event();
        wrongClient.clientId = 8L;
        StoredEvent wrongMailing = event();
        wrongMailing.mailingId = 1L;
        StoredEvent wrongList = event();
        wrongList.userListId = 1L;
        StoredEvent wrongRecipient = event();
        wrongRecipient.recipientId = "b@example.com";
        StoredEvent tooEarly = event();
        tooEarly.occurredAt = T.minusSeconds(1);
        StoredEvent tooLate = event();
        tooLate.occurredAt = to;
        for (StoredEvent excluded : List.of(wrongType, wrongClient, wrongMailing, wrongList, wrongRecipient, tooEarly, tooLate)) {
            assertFalse(all.test(excluded));
        }
    }

    @Test
    void aClientFilterOutsideTheScopeMatchesNothingInMemoryAsInSql() {
        // both conditions stay: the scope cannot be widened by asking for another client
        EventConditions conditions = EventConditions.of(criteria(null, 8L, null, null, null, null, null).visibleTo(Set.of(7L)));
        assertEquals("e.clientId in (:visibleClients) and e.clientId = :clientId", conditions.hql());
        StoredEvent ofEight = event();
        ofEight.clientId = 8L;
        assertFalse(conditions.test(ofEight));
        assertFalse(conditions.test(event()));
    }
}
