package io.campaignpulse.live;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.campaignpulse.support.Ingest;

/** Provider-shaped events with fresh ids, delivered over the real endpoint (support/Ingest). */
final class LiveTestData {

    private static final AtomicLong MAILINGS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    private LiveTestData() {
    }

    /** A mailing id no other test uses (nor its next nine), so each test sees only its own events. */
    static long newMailingId() {
        return MAILINGS.addAndGet(10);
    }

    static String event(String type, long mailingId, String recipientId) {
        return event(type, mailingId, recipientId, "");
    }

    /** {@code extra}: more JSON members, starting with a comma. */
    static String event(String type, long mailingId, String recipientId, String extra) {
        return """
                {"type": "%s", "id": "%s", "recipientId": "%s", "userListId": 10180860004, "clientId": 10180860001,
                 "created": 1617108000000, "mailId": "4P6W8B4-4P6W0LI-AAAAA1", "mailingId": %d,
                 "mediaTypesToAddresses": {"EMAIL": "%s"}, "mediaType": "EMAIL"%s}"""
                .formatted(type, UUID.randomUUID(), recipientId, mailingId, recipientId, extra);
    }

    static String eventId(String eventJson) {
        int start = eventJson.indexOf("\"id\": \"") + 7;
        return eventJson.substring(start, eventJson.indexOf('"', start));
    }

    /** Delivers the events as one delivery, through the same helper as every other test. */
    static void ingest(List<String> events) {
        Ingest.deliver("[" + String.join(",", events) + "]").statusCode(200);
    }
}
