package io.campaignpulse.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.campaignpulse.event.EventType;
import io.campaignpulse.event.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a delivery body into events to store and elements to dead-letter.
 * <p>
 * Never refuses an event for a field or a type it does not know: the payload is always kept whole
 * and typed fields it cannot read stay null. Only what could never be stored is rejected, so that
 * the provider's retries of the same delivery do not get stuck on it.
 */
@ApplicationScoped
public class DeliveryParser {

    private final ObjectReader reader;
    private final ObjectMapper mapper;

    private final int maxIndexedTextBytes;

    public DeliveryParser(ObjectMapper mapper, IngestConfig config) {
        this.mapper = mapper;
        this.maxIndexedTextBytes = config.maxIndexedTextBytes();
        this.reader = mapper.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    public ParsedDelivery parse(byte[] body, Instant receivedAt) {
        JsonNode root = readJson(body);
        List<ObjectNode> elements = topLevelElements(root);

        List<IncomingEvent> events = new ArrayList<>(elements.size());
        List<Integer> eventIndexes = new ArrayList<>(elements.size());
        List<RejectedElement> rejected = new ArrayList<>();
        Set<String> seenIds = new HashSet<>();
        int duplicatesWithin = 0;
        for (int i = 0; i < elements.size(); i++) {
            ObjectNode element = elements.get(i);
            String problem = whyUnstorable(element);
            if (problem != null) {
                rejected.add(new RejectedElement(i, problem, StorageLimits.exactJson(element.toString())));
                continue;
            }
            IncomingEvent event = toEvent(element);
            if (seenIds.add(event.eventId())) {
                events.add(event);
                eventIndexes.add(i);
            } else {
                duplicatesWithin++;
            }
        }
        return new ParsedDelivery(receivedAt, elements.size(), events, eventIndexes, duplicatesWithin, rejected);
    }

    private JsonNode readJson(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedDeliveryException("malformed_json", "The body is empty; expected a JSON array of events or one event object.");
        }
        try {
            return reader.readTree(body);
        } catch (StreamConstraintsException e) {
            // the parser's own limits (nesting depth, number or string length); they carry no location
            throw new MalformedDeliveryException("malformed_json", "The body exceeds a limit of the JSON parser: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new MalformedDeliveryException("malformed_json", "The body is not valid JSON"
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedDeliveryException("malformed_json", "The body could not be read as JSON: " + e.getMessage());
        } catch (NumberFormatException | ArithmeticException e) {
            // a number no Java type can hold (e.g. an exponent beyond an int): unreadable, not storable
            throw new MalformedDeliveryException("malformed_json", "The body holds a number that cannot be read: " + e.getMessage());
        }
    }

    private static List<ObjectNode> topLevelElements(JsonNode root) {
        if (root instanceof ObjectNode object) {
            return List.of(object);
        }
        if (root != null && root.isArray()) {
            List<ObjectNode> elements = new ArrayList<>(root.size());
            for (int i = 0; i < root.size(); i++) {
                if (!(root.get(i) instanceof ObjectNode object)) {
                    throw new MalformedDeliveryException("invalid_delivery",
                            "Element " + i + " of the array is " + describe(root.get(i)) + "; every element must be an event object.");
                }
                elements.add(object);
            }
            return elements;
        }
        throw new MalformedDeliveryException("invalid_delivery",
                "The body is " + describe(root) + "; expected a JSON array of events or one event object.");
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "empty";
        }
        return "a JSON " + node.getNodeType().name().toLowerCase();
    }

    /** Why an element can never be stored, or null when it can. */
    private String whyUnstorable(ObjectNode element) {
        JsonNode type = element.get("type");
        if (type == null || type.isNull()) {
            return "missing field 'type'";
        }
        if (!type.isTextual() || type.asText().isBlank()) {
            return "field 'type' must be a non-empty string";
        }
        return StorageLimits.whyUnstorable(element, maxIndexedTextBytes);
    }

    private IncomingEvent toEvent(ObjectNode e) {
        String providerType = e.get("type").asText();
        EventType type = EventType.fromProvider(providerType);
        String mediaType = text(e, "mediaType");
        String payload = e.toString();
        String eventId = text(e, "id");
        if (eventId == null || eventId.isBlank()) {
            eventId = contentKey(e);
        }
        return new IncomingEvent(
                eventId,
                type,
                providerType,
                number(e, "clientId"),
                text(e, "recipientId"),
                number(e, "userListId"),
                number(e, "mailingId"),
                text(e, "mailId"),
                number(e, "subscriptionId"),
                mediaType,
                address(e, mediaType),
                instant(e, "created"),
                type == EventType.BOUNCE ? text(e, "category") : null,
                type == EventType.BOUNCE ? text(e, "reason") : null,
                type == EventType.BOUNCE ? bool(e, "thresholdExceeded") : null,
                type == EventType.CLICK ? text(e, "link") : null,
                payload);
    }

    /**
     * A deterministic key for an event the provider sent without an id: the same content, in any
     * key order, gives the same key, so a redelivery is still recognised as a duplicate.
     */
    private String contentKey(ObjectNode element) {
        try {
            byte[] canonical = mapper.writeValueAsBytes(canonical(element));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot compute the content key of an event", e);
        }
    }

    private static Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            node.fields().forEachRemaining(f -> sorted.put(f.getKey(), canonical(f.getValue())));
            return sorted;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node;
    }

    private static String text(JsonNode e, String field) {
        JsonNode value = e.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        return value.asText();
    }

    private static Long number(JsonNode e, String field) {
        JsonNode value = e.get(field);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().trim());
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }

    private static Boolean bool(JsonNode e, String field) {
        JsonNode value = e.get(field);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && ("true".equalsIgnoreCase(value.textValue()) || "false".equalsIgnoreCase(value.textValue()))) {
            return Boolean.parseBoolean(value.textValue());
        }
        return null;
    }

    /** Outside these bounds PostgreSQL's timestamptz would refuse the value and fail the batch. */
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static Instant instant(JsonNode e, String field) {
        Instant instant = readInstant(e, field);
        return instant == null || instant.isBefore(EARLIEST) || instant.isAfter(LATEST) ? null : instant;
    }

    /** The provider sends epoch milliseconds; an ISO-8601 string is accepted too. */
    private static Instant readInstant(JsonNode e, String field) {
        JsonNode value = e.get(field);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Instant.ofEpochMilli(value.longValue());
        }
        if (value.isTextual()) {
            String text = value.textValue().trim();
            try {
                return Instant.ofEpochMilli(Long.parseLong(text));
            } catch (NumberFormatException notMillis) {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException notIso) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String address(JsonNode e, String mediaType) {
        JsonNode addresses = e.get("mediaTypesToAddresses");
        if (addresses == null || !addresses.isObject() || addresses.isEmpty()) {
            return null;
        }
        if (mediaType != null && addresses.hasNonNull(mediaType)) {
            return text(addresses, mediaType);
        }
        // Without a media type the address is only unambiguous when there is just one.
        return addresses.size() == 1 ? text(addresses, addresses.fieldNames().next()) : null;
    }
}
