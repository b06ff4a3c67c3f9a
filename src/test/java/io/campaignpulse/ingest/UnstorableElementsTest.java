package io.campaignpulse.ingest;

import static io.campaignpulse.ingest.IngestEndpointTest.event;
import static io.campaignpulse.support.Ingest.deliver;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.campaignpulse.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An element PostgreSQL can never store is dead-lettered (200, counted in {@code rejected}) and the rest
 * of its delivery is stored; a retry of the same delivery is answered the same way, never 503.
 */
@QuarkusTest
class UnstorableElementsTest {

    private long deadLettersBefore;

    @BeforeEach
    void setUp() {
        deadLettersBefore = Db.count("select count(*) from dead_letter");
    }

    private static String withField(String id, String field, String json) {
        return "{\"type\":\"open\",\"id\":\"" + id + "\"," + "\"" + field + "\":" + json + "}";
    }

    /** Delivers a good event, then the bad element, then another good event, twice: the retry changes nothing. */
    private Map<String, Object> deadLetterOf(String badElement) {
        String first = UUID.randomUUID().toString();
        String last = UUID.randomUUID().toString();
        String body = "[" + event(first, "open") + "," + badElement + "," + event(last, "click") + "]";
        deliver(body).statusCode(200).body("received", equalTo(3)).body("stored", equalTo(2)).body("rejected", equalTo(1));
        deliver(body).statusCode(200).body("stored", equalTo(0)).body("duplicates", equalTo(2)).body("rejected", equalTo(1));
        assertEquals(2, Db.count("select count(*) from event where event_id in (?, ?)", first, last));
        assertEquals(deadLettersBefore + 2, Db.count("select count(*) from dead_letter"));
        return Db.single("select reason, element_index, element from dead_letter order by id desc limit 1");
    }

    @Test
    void aNumberOutsideNumericRangeAnywhereIsDeadLettered() {
        for (String number : List.of("1e1000000", "-1e131072", "1e-16384", "123.45e131070")) {
            setUp();
            String id = UUID.randomUUID().toString();
            Map<String, Object> dead = deadLetterOf(withField(id, "deep", "{\"a\":[1,{\"b\":" + number + "}]}"));
            assertTrue(((String) dead.get("reason")).contains("outside the range"), number + ": " + dead.get("reason"));
            assertEquals(1, dead.get("element_index"));
            assertEquals(0, Db.count("select count(*) from event where event_id = ?", id));
        }
    }

    @Test
    void numbersAtTheEdgeOfNumericRangeAreStoredExactly() {
        String id = UUID.randomUUID().toString();
        deliver("[" + withField(id, "n", "[1e131071, 1.5e-16382, 0e200000, 123456789012345678901234567890]") + "]")
                .statusCode(200).body("stored", equalTo(1)).body("rejected", equalTo(0));
        Map<String, Object> row = Db.single("select payload->'n'->>1 as small, payload->'n'->>3 as big,"
                + " length(payload->'n'->>0) as len from event where event_id = ?", id);
        assertEquals("123456789012345678901234567890", row.get("big"));
        assertEquals(131072, ((Number) row.get("len")).intValue());
    }

    @Test
    void anIdOrRecipientIdOverTheIndexLimitInBytesIsDeadLettered() {
        // 1,000 characters, but 3,000 bytes: over a B-tree entry's 2,704
        String euros = "€".repeat(1000);
        Map<String, Object> dead = deadLetterOf("{\"type\":\"open\",\"id\":\"" + euros + "\"}");
        assertTrue(((String) dead.get("reason")).contains("3000 bytes"), (String) dead.get("reason"));

        setUp();
        dead = deadLetterOf("{\"type\":\"open\",\"id\":\"" + UUID.randomUUID() + "\",\"recipientId\":\"" + euros + "\"}");
        assertTrue(((String) dead.get("reason")).contains("recipientId"), (String) dead.get("reason"));
    }

    @Test
    void anIdJustUnderTheLimitIsStored() {
        String id = "€".repeat(666) + UUID.randomUUID().toString().substring(0, 2); // 2000 bytes
        assertEquals(2000, id.getBytes(StandardCharsets.UTF_8).length);
        deliver("[{\"type\":\"open\",\"id\":\"" + id + "\",\"recipientId\":\"" + id + "\"}]").statusCode(200)
                .body("stored", equalTo(1)).body("rejected", equalTo(0));
        assertEquals(1, Db.count("select count(*) from event where event_id = ? and recipient_id = ?", id, id));
    }

    @Test
    void aLoneSurrogateIsDeadLetteredAndKeptExactly() {
        // never silently altered: PostgreSQL (UTF-8) cannot hold it, so the element goes to the dead letters,
        // where the escape keeps it exactly as sent
        for (String text : List.of("\\ud800", "x\\udc00y", "\\ude00\\ud83d")) {
            setUp();
            String id = UUID.randomUUID().toString();
            Map<String, Object> dead = deadLetterOf(withField(id, "name", "\"" + text + "\""));
            assertTrue(((String) dead.get("reason")).contains("lone UTF-16 surrogate"), (String) dead.get("reason"));
            String element = (String) dead.get("element");
            assertTrue(element.toLowerCase().contains(text), element);
            assertTrue(!element.contains("?"), element);
        }
        // in a field name the parser itself refuses it: the whole delivery is refused, nothing is altered
        long events = Db.count("select count(*) from event");
        deliver("[" + event(UUID.randomUUID().toString(), "open") + ",{\"type\":\"open\",\"\\udbff\":1}]").statusCode(400)
                .body("error", equalTo("malformed_json")).body("message", containsString("surrogate"));
        assertEquals(events, Db.count("select count(*) from event"));
    }

    @Test
    void aSurrogatePairIsStoredExactly() {
        String id = UUID.randomUUID().toString();
        deliver("[" + withField(id, "name", "\"\\ud83d\\ude00 and 😀\"") + "]").statusCode(200).body("stored", equalTo(1));
        assertEquals("😀 and 😀", Db.single("select payload->>'name' as name from event where event_id = ?", id).get("name"));
    }
}
