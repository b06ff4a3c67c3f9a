package io.campaignpulse.ingest;

import static io.campaignpulse.support.Ingest.deliver;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.campaignpulse.support.Db;
import io.campaignpulse.support.Samples;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class IngestEndpointTest {

    @Test
    void storesTheSharedSamplesWithTheirTypedColumns() {
        // Other tests may have stored the samples already: make them unique to this run.
        String run = UUID.randomUUID().toString();
        String bounce = Samples.read("bounce.json").replace("c7420699923845e", run);
        String batch = Samples.read("batch-mixed.json").replace("-a100000000000", "-" + run + "-");

        deliver(bounce).statusCode(200)
                .body("received", equalTo(1)).body("stored", equalTo(1))
                .body("duplicates", equalTo(0)).body("rejected", equalTo(0));
        deliver(batch).statusCode(200)
                .body("received", equalTo(5)).body("stored", equalTo(5))
                .body("duplicates", equalTo(0)).body("rejected", equalTo(0));

        Map<String, Object> soft = Db.single("select * from event where event_id = ?", "0a673102-178d27b2c8c-178d2cac0e4-" + run);
        assertEquals("BOUNCE", soft.get("type"));
        assertEquals("bounce", soft.get("provider_type"));
        assertEquals(10180860001L, soft.get("client_id"));
        assertEquals("john.smith@example.com", soft.get("recipient_id"));
        assertEquals(10180860004L, soft.get("user_list_id"));
        assertEquals(10230355206L, soft.get("mailing_id"));
        assertEquals("4P6W8B4-4P6W0LI-BSLXEC", soft.get("mail_id"));
        assertEquals(10227900201L, soft.get("subscription_id"));
        assertEquals("EMAIL", soft.get("media_type"));
        assertEquals("john.smith@example.com", soft.get("address"));
        assertEquals(Instant.ofEpochMilli(1617108575391L), ((java.sql.Timestamp) soft.get("occurred_at")).toInstant());
        assertEquals("softbounce", soft.get("bounce_category"));
        assertEquals("other", soft.get("bounce_reason"));
        assertEquals(false, soft.get("threshold_exceeded"));
        assertNull(soft.get("link"));

        String prefix = "0a673102-178d27b2c8c-178d2cac0e4-" + run + "-";
        Map<String, Object> click = Db.single("select * from event where event_id = ?", prefix + "3");
        assertEquals("CLICK", click.get("type"));
        assertEquals("https://www.example.com/offers?utm_source=newsletter", click.get("link"));
        assertNull(click.get("bounce_category"));

        Map<String, Object> hard = Db.single("select * from event where event_id = ?", prefix + "4");
        assertEquals("hardbounce", hard.get("bounce_category"));
        assertEquals(true, hard.get("threshold_exceeded"));
        assertEquals("old.address@example.com", hard.get("address"));

        assertEquals("SENT", Db.single("select type from event where event_id = ?", prefix + "1").get("type"));
        assertEquals("OPEN", Db.single("select type from event where event_id = ?", prefix + "2").get("type"));
        assertEquals("UNSUBSCRIBE", Db.single("select type from event where event_id = ?", prefix + "5").get("type"));
        // the payload is kept whole, including fields we have no column for
        assertEquals(1, Db.count("select count(*) from event where event_id = ? and payload -> 'mediaTypesToAddresses' ->> 'EMAIL' = 'ana.lopez@example.com'", prefix + "1"));
    }

    @Test
    void aRedeliveredBatchStoresNothingNewAndAnswersDuplicates() {
        String batch = Samples.read("batch-mixed.json").replace("-a100000000000", "-" + UUID.randomUUID() + "-");
        deliver(batch).statusCode(200).body("stored", equalTo(5)).body("duplicates", equalTo(0));
        long before = Db.count("select count(*) from event");

        deliver(batch).statusCode(200)
                .body("received", equalTo(5)).body("stored", equalTo(0)).body("duplicates", equalTo(5));

        assertEquals(before, Db.count("select count(*) from event"));
    }

    @Test
    void theSameEventTwiceInOneDeliveryIsStoredOnce() {
        String id = UUID.randomUUID().toString();
        String event = event(id, "open");
        deliver("[" + event + "," + event + "]").statusCode(200)
                .body("received", equalTo(2)).body("stored", equalTo(1)).body("duplicates", equalTo(1));
        assertEquals(1, Db.count("select count(*) from event where event_id = ?", id));
    }

    @Test
    void everyProviderTypeIsMappedAndUnknownTypesAreKeptAsOther() {
        String run = UUID.randomUUID().toString();
        String[][] expected = {
                { "sent", "SENT" }, { "open", "OPEN" }, { "click", "CLICK" }, { "bounce", "BOUNCE" },
                { "unsubscribe", "UNSUBSCRIBE" }, { "spamcomplaint", "SPAM_COMPLAINT" },
                { "singleoptin", "SINGLE_OPT_IN" }, { "doubleoptin", "DOUBLE_OPT_IN" },
                { "confirmedoptin", "CONFIRMED_OPT_IN" }, { "blocklist", "BLOCKLIST" }, { "archive", "ARCHIVE" },
                { "filteredbyblocklist", "FILTERED_BY_BLOCKLIST" }, { "webhooknode", "OTHER" },
                { "someFutureType", "OTHER" } };
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < expected.length; i++) {
            body.append(i == 0 ? "" : ",").append(event(run + "-" + i, expected[i][0]));
        }
        deliver(body.append("]").toString()).statusCode(200).body("stored", equalTo(expected.length));

        for (int i = 0; i < expected.length; i++) {
            Map<String, Object> row = Db.single("select type, provider_type from event where event_id = ?", run + "-" + i);
            assertEquals(expected[i][1], row.get("type"), expected[i][0]);
            assertEquals(expected[i][0], row.get("provider_type"));
        }
    }

    @Test
    void anEventWithoutIdGetsADeterministicKeySoItsRedeliveryIsADuplicate() {
        String recipient = UUID.randomUUID() + "@example.com";
        String first = "{\"type\":\"open\",\"recipientId\":\"" + recipient + "\",\"mailingId\":7,\"created\":1617108060000}";
        String sameInOtherOrder = "{\"created\":1617108060000,\"mailingId\":7,\"recipientId\":\"" + recipient + "\",\"type\":\"open\"}";

        deliver(first).statusCode(200).body("stored", equalTo(1));
        deliver(sameInOtherOrder).statusCode(200).body("stored", equalTo(0)).body("duplicates", equalTo(1));

        String key = (String) Db.single("select event_id from event where recipient_id = ?", recipient).get("event_id");
        assertEquals(71, key.length(), key); // "sha256:" + 64 hex digits
    }

    @Test
    void unreadableTypedFieldsStayNullWhileThePayloadIsKept() {
        String id = UUID.randomUUID().toString();
        deliver("{\"type\":\"bounce\",\"id\":\"" + id + "\",\"clientId\":\"not-a-number\",\"created\":\"yesterday\","
                + "\"thresholdExceeded\":\"maybe\",\"mailingId\":99999999999999999999999,\"extra\":{\"nested\":[1,2]}}")
                .statusCode(200).body("stored", equalTo(1));
        Map<String, Object> row = Db.single("select client_id, occurred_at, threshold_exceeded, mailing_id, "
                + "payload -> 'extra' ->> 'nested' as nested from event where event_id = ?", id);
        assertNull(row.get("client_id"));
        assertNull(row.get("occurred_at"));
        assertNull(row.get("threshold_exceeded"));
        assertNull(row.get("mailing_id"));
        assertEquals("[1, 2]", row.get("nested"));
    }

    @Test
    void anEmptyArrayIsAnEmptyDelivery() {
        deliver("[]").statusCode(200)
                .body("received", equalTo(0)).body("stored", equalTo(0))
                .body("duplicates", equalTo(0)).body("rejected", equalTo(0));
    }

    @Test
    void theAnswerIsJson() {
        deliver("[]").statusCode(200).header("Content-Type", containsString("application/json"));
    }

    static String event(String id, String type) {
        return "{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"recipientId\":\"r-" + id + "@example.com\","
                + "\"userListId\":1,\"clientId\":2,\"mailingId\":3,\"created\":1617108000000,"
                + "\"mediaType\":\"EMAIL\",\"mediaTypesToAddresses\":{\"EMAIL\":\"r-" + id + "@example.com\"}}";
    }
}
