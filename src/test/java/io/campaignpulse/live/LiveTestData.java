package io.campaignpulse.live;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.http.ContentType;

/** Provider-shaped events with fresh ids, and ingestion over the real endpoint. */
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

    /** POSTs the events as one delivery to the given base URI (null: the test instance). */
    static void ingest(String baseUri, List<String> events) {
        var request = given();
        if (baseUri != null) {
            request = request.baseUri(baseUri);
        }
        request.contentType(ContentType.JSON)
                .header("Authorization", "Bearer test-secret")
                .body("[" + String.join(",", events) + "]")
                .when().post("/webhooks/optimizely")
                .then().statusCode(200);
    }

    static void ingest(List<String> events) {
        ingest(null, events);
    }
}
