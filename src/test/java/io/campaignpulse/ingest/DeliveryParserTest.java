package io.campaignpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.campaignpulse.event.EventType;
import io.campaignpulse.event.IncomingEvent;
import io.campaignpulse.ingest.IngestConfig.AuthMode;
import io.campaignpulse.support.FixedIngestConfig;

/** The delivery parser on its own: what it stores, what it dead-letters, and what it refuses whole. */
class DeliveryParserTest {

    private static final Instant RECEIVED = Instant.parse("2026-03-01T10:00:00Z");

    private final DeliveryParser parser = new DeliveryParser(new ObjectMapper(),
            new FixedIngestConfig(AuthMode.NONE, "Authorization", Optional.empty(), Optional.empty(), Optional.empty(), 10 << 20, 2000));

    private ParsedDelivery parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    private MalformedDeliveryException refused(String body) {
        return assertThrows(MalformedDeliveryException.class, () -> parse(body));
    }

    @Test
    void aBatchGivesItsEventsInOrderWithTheirTypedFields() {
        ParsedDelivery delivery = parse("""
                [{"type": "Bounce", "id": "e-1", "clientId": 10180860001, "recipientId": "a@example.com",
                  "userListId": "42", "mailingId": 7, "mailId": "M-1", "subscriptionId": 9, "mediaType": "EMAIL",
                  "mediaTypesToAddresses": {"EMAIL": "a@example.com", "SMS": "+49"}, "created": 1617108000000,
                  "category": "hardbounce", "reason": "other", "thresholdExceeded": "TRUE", "link": "ignored", "extra": {"kept": true}},
                 {"type": "click", "id": "e-2", "link": "https://example.com/x", "created": "2021-03-30T12:40:00Z"}]""");

        assertEquals(RECEIVED, delivery.receivedAt());
        assertEquals(2, delivery.received());
        assertEquals(List.of(0, 1), delivery.eventIndexes());
        assertEquals(0, delivery.duplicatesWithin());
        assertTrue(delivery.rejected().isEmpty());

        IncomingEvent bounce = delivery.events().get(0);
        assertEquals("e-1", bounce.eventId());
        assertEquals(EventType.BOUNCE, bounce.type());
        assertEquals("Bounce", bounce.providerType(), "the provider's own word, as sent");
        assertEquals(10180860001L, bounce.clientId());
        assertEquals("a@example.com", bounce.recipientId());
        assertEquals(42L, bounce.userListId(), "a number sent as text is read");
        assertEquals(7L, bounce.mailingId());
        assertEquals("M-1", bounce.mailId());
        assertEquals(9L, bounce.subscriptionId());
        assertEquals("a@example.com", bounce.address(), "the address of the event's media type");
        assertEquals(Instant.ofEpochMilli(1617108000000L), bounce.occurredAt());
        assertEquals("hardbounce", bounce.bounceCategory());
        assertEquals("other", bounce.bounceReason());
        assertEquals(Boolean.TRUE, bounce.thresholdExceeded());
        assertNull(bounce.link(), "only a click has a link");
        assertTrue(bounce.payload().contains("\"extra\":{\"kept\":true}"), "the payload is kept whole: " + bounce.payload());

        IncomingEvent click = delivery.events().get(1);
        assertEquals(EventType.CLICK, click.type());
        assertEquals("https://example.com/x", click.link());
        assertNull(click.bounceCategory());
        assertEquals(Instant.parse("2021-03-30T12:40:00Z"), click.occurredAt(), "an ISO-8601 time is read too");
    }

    @Test
    void oneEventObjectIsADeliveryOfOne() {
        ParsedDelivery delivery = parse("{\"type\": \"open\", \"id\": \"only\"}");
        assertEquals(1, delivery.received());
        assertEquals("only", delivery.events().get(0).eventId());
        assertEquals(EventType.OPEN, delivery.events().get(0).type());
    }

    @Test
    void anEmptyArrayIsAnEmptyDelivery() {
        ParsedDelivery delivery = parse("[]");
        assertEquals(0, delivery.received());
        assertTrue(delivery.events().isEmpty());
    }

    @Test
    void aTypeWeDoNotKnowIsStoredAsOtherUnderTheProvidersWord() {
        IncomingEvent event = parse("[{\"type\": \"webhooknode\", \"id\": \"n\", \"mailingId\": \"not a number\"}]").events().get(0);
        assertEquals(EventType.OTHER, event.type());
        assertEquals("webhooknode", event.providerType());
        assertNull(event.mailingId(), "a field that cannot be read stays null; the event is kept");
    }

    @Test
    void anAmbiguousAddressOrAnUnstorableTimeStaysNull() {
        IncomingEvent event = parse("""
                [{"type": "open", "id": "t", "mediaTypesToAddresses": {"EMAIL": "a@example.com", "SMS": "+49"},
                  "created": -99999999999999}]""").events().get(0);
        assertNull(event.address(), "two addresses and no media type: neither is the event's");
        assertNull(event.occurredAt(), "before 1900: PostgreSQL would refuse the batch, so the time is left out");
        assertEquals("a@example.com",
                parse("[{\"type\": \"open\", \"id\": \"u\", \"mediaTypesToAddresses\": {\"EMAIL\": \"a@example.com\"}}]").events().get(0).address(),
                "a single address is unambiguous");
    }

    @Test
    void theSameIdTwiceInOneDeliveryIsStoredOnce() {
        ParsedDelivery delivery = parse("[{\"type\": \"open\", \"id\": \"d\"}, {\"type\": \"click\", \"id\": \"d\"}, {\"type\": \"open\", \"id\": \"e\"}]");
        assertEquals(3, delivery.received());
        assertEquals(List.of("d", "e"), delivery.events().stream().map(IncomingEvent::eventId).toList());
        assertEquals(EventType.OPEN, delivery.events().get(0).type(), "the first occurrence wins");
        assertEquals(List.of(0, 2), delivery.eventIndexes());
        assertEquals(1, delivery.duplicatesWithin());
    }

    @Test
    void anEventWithoutAnIdGetsAKeyFromItsContentWhateverTheKeyOrder() {
        String first = parse("{\"type\": \"open\", \"recipientId\": \"a\", \"mailingId\": 1}").events().get(0).eventId();
        String reordered = parse("{\"mailingId\": 1, \"recipientId\": \"a\", \"type\": \"open\"}").events().get(0).eventId();
        String other = parse("{\"type\": \"open\", \"recipientId\": \"b\", \"mailingId\": 1}").events().get(0).eventId();
        assertTrue(first.matches("sha256:[0-9a-f]{64}"), first);
        assertEquals(first, reordered, "a redelivery in another key order is still the same event");
        assertNotEquals(first, other);
        assertTrue(parse("{\"type\": \"open\", \"id\": \" \"}").events().get(0).eventId().startsWith("sha256:"),
                "a blank id is no id");
    }

    @Test
    void elementsThatCanNeverBeStoredAreDeadLetteredAndTheRestKept() {
        String longId = "i".repeat(2001);
        ParsedDelivery delivery = parse("""
                [{"id": "no-type"},
                 {"type": 5, "id": "numeric-type"},
                 {"type": " ", "id": "blank-type"},
                 {"type": "open", "id": "nul", "note": "a\\u0000b"},
                 {"type": "open", "id": "surrogate", "note": "\\ud800"},
                 {"type": "open", "id": "%s"},
                 {"type": "open", "id": "huge", "n": 1e200000},
                 {"type": "open", "id": "fine"}]""".formatted(longId));

        assertEquals(8, delivery.received());
        assertEquals(List.of("fine"), delivery.events().stream().map(IncomingEvent::eventId).toList());
        assertEquals(List.of(7), delivery.eventIndexes(), "an event's index is its place in the delivery");
        List<RejectedElement> rejected = delivery.rejected();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), rejected.stream().map(RejectedElement::index).toList());
        assertEquals("missing field 'type'", rejected.get(0).reason());
        assertEquals("field 'type' must be a non-empty string", rejected.get(1).reason());
        assertEquals("field 'type' must be a non-empty string", rejected.get(2).reason());
        assertTrue(rejected.get(3).reason().contains("U+0000"), rejected.get(3).reason());
        assertTrue(rejected.get(4).reason().contains("lone UTF-16 surrogate (\\uD800)"), rejected.get(4).reason());
        assertTrue(rejected.get(5).reason().contains("field 'id' is 2001 bytes long") && rejected.get(5).reason().contains("at most 2000"),
                rejected.get(5).reason());
        assertTrue(rejected.get(6).reason().contains("outside the range PostgreSQL can store"), rejected.get(6).reason());
        assertTrue(rejected.get(0).element().contains("\"no-type\""), "the element is kept for the dead-letter table");
    }

    @Test
    void anIdJustWithinTheLimitIsStored() {
        String id = "ä".repeat(1000); // 2000 bytes in UTF-8
        assertEquals(id, parse("{\"type\": \"open\", \"id\": \"" + id + "\"}").events().get(0).eventId());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "{", "[{\"type\": \"open\"}", "not json", "[{\"type\": \"open\"}] trailing", "{\"type\": \"open\"} {}" })
    void aBodyThatIsNotOneJsonValueIsRefusedWhole(String body) {
        MalformedDeliveryException e = refused(body);
        assertEquals("malformed_json", e.code());
    }

    @Test
    void theRefusalOfBrokenJsonSaysWhere() {
        MalformedDeliveryException e = refused("[{\"type\": \"open\",\n \"id\": }]");
        assertTrue(e.getMessage().startsWith("The body is not valid JSON (line 2, column"), e.getMessage());
    }

    @Test
    void aNullBodyIsEmpty() {
        MalformedDeliveryException e = assertThrows(MalformedDeliveryException.class, () -> parser.parse(null, RECEIVED));
        assertEquals("malformed_json", e.code());
        assertTrue(e.getMessage().contains("The body is empty"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"an event\"", "42", "null", "true" })
    void aBodyThatIsNeitherAnArrayNorAnObjectIsRefused(String body) {
        MalformedDeliveryException e = refused(body);
        assertEquals("invalid_delivery", e.code());
        assertTrue(e.getMessage().startsWith("The body is a JSON ") && e.getMessage().endsWith("expected a JSON array of events or one event object."),
                e.getMessage());
    }

    @Test
    void anArrayElementThatIsNotAnObjectRefusesTheWholeDelivery() {
        MalformedDeliveryException e = refused("[{\"type\": \"open\", \"id\": \"ok\"}, 42]");
        assertEquals("invalid_delivery", e.code());
        assertEquals("Element 1 of the array is a JSON number; every element must be an event object.", e.getMessage());
        assertEquals("Element 0 of the array is a JSON array; every element must be an event object.",
                refused("[[{\"type\": \"open\"}]]").getMessage());
    }

    @Test
    void nestingBeyondTheParsersLimitIsRefusedWhole() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        MalformedDeliveryException e = refused("{\"type\": \"open\", \"x\": " + deep + "}");
        assertEquals("malformed_json", e.code());
        assertTrue(e.getMessage().startsWith("The body exceeds a limit of the JSON parser"), e.getMessage());
    }

    @Test
    void aNumberNoJavaTypeCanHoldIsRefusedWhole() {
        MalformedDeliveryException e = refused("{\"type\": \"open\", \"n\": 1e99999999999}");
        assertEquals("malformed_json", e.code());
        assertTrue(e.getMessage().contains("number"), e.getMessage());
    }
}
