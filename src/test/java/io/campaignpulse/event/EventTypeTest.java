package io.campaignpulse.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void toleratesCaseAndSeparators() {
        assertEquals(EventType.SPAM_COMPLAINT, EventType.fromProvider("spamcomplaint"));
        assertEquals(EventType.SPAM_COMPLAINT, EventType.fromProvider("spamComplaint"));
        assertEquals(EventType.SPAM_COMPLAINT, EventType.fromProvider("SPAM_COMPLAINT"));
        assertEquals(EventType.DOUBLE_OPT_IN, EventType.fromProvider("double-opt-in"));
        assertEquals(EventType.ARCHIVE, EventType.fromProvider("archived"));
    }

    @Test
    void unknownOrMissingIsOther() {
        assertEquals(EventType.OTHER, EventType.fromProvider("webhooknode"));
        assertEquals(EventType.OTHER, EventType.fromProvider(""));
        assertEquals(EventType.OTHER, EventType.fromProvider(null));
    }

    @Test
    void everyKnownTypeRoundTripsThroughItsProviderWord() {
        for (EventType type : EventType.values()) {
            if (type != EventType.OTHER) {
                assertEquals(type, EventType.fromProvider(type.providerWord()));
            }
        }
    }
}
