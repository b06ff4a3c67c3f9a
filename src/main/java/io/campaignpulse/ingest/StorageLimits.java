package io.campaignpulse.ingest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.campaignpulse.db.PostgresText;

/**
 * What PostgreSQL can never store, checked before a delivery reaches the database so that one such
 * element is dead-lettered instead of failing its whole delivery on every retry. What slips past
 * these checks is still found, by isolating the element the database refuses
 * ({@link UnstorableElementFinder}); these checks only save that round trip for the known cases.
 */
final class StorageLimits {

    /**
     * Bytes (UTF-8) an indexed text value may have: event ids ({@code event_event_id_key}) and recipient
     * ids (the event, recipient and mailing indexes). A B-tree entry holds at most 2704 bytes on 8 KiB
     * pages, counted after compression, with the entry's header and the other key columns (at most a
     * uuid and two bigints here). 2000 bytes fit whatever the value compresses to; no real id or
     * address comes near it. Counted in bytes: 1,000 three-byte characters are 3,000 bytes.
     */
    static final int MAX_INDEXED_TEXT_BYTES = 2000;

    /** The indexed text fields of an event. */
    private static final String[] INDEXED_FIELDS = { "id", "recipientId" };

    /**
     * PostgreSQL's numeric (the numbers inside jsonb): at most 131072 digits before the decimal point
     * (weight 32767 in base-10000 digits) and 16383 after it (NUMERIC_DSCALE_MAX), zero included.
     */
    static final int MAX_NUMERIC_INTEGER_DIGITS = 131072;
    static final int MAX_NUMERIC_SCALE = 16383;

    private StorageLimits() {
    }

    /** Why PostgreSQL could never store this element, or null when nothing here stops it. */
    static String whyUnstorable(JsonNode element, int maxIndexedTextBytes) {
        for (String field : INDEXED_FIELDS) {
            JsonNode value = element.get(field);
            if (value != null && value.isValueNode()) {
                int bytes = value.asText().getBytes(StandardCharsets.UTF_8).length;
                if (bytes > maxIndexedTextBytes) {
                    return "field '" + field + "' is " + bytes + " bytes long (UTF-8); an indexed value may have at most "
                            + maxIndexedTextBytes;
                }
            }
        }
        return inValues(element);
    }

    private static String inValues(JsonNode node) {
        if (node.isTextual()) {
            return inText(node.textValue());
        }
        if (node.isNumber()) {
            return inNumber(node);
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String problem = inText(field.getKey());
                if (problem == null) {
                    problem = inValues(field.getValue());
                }
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                String problem = inValues(item);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String inText(String text) {
        int at = PostgresText.firstUnstorable(text);
        if (at < 0) {
            return null;
        }
        char c = text.charAt(at);
        return c == '\0'
                ? "contains the character U+0000, which cannot be stored"
                // kept exactly in the dead letter, escaped (exactJson)
                : String.format("contains a lone UTF-16 surrogate (\\u%04X), which is not a character and cannot be stored", (int) c);
    }

    private static String inNumber(JsonNode node) {
        if (!node.isBigDecimal() && !node.isBigInteger()) {
            return null; // int, long, double: far inside numeric's range
        }
        BigDecimal value = node.isBigInteger() ? new BigDecimal((BigInteger) node.numberValue()) : node.decimalValue();
        boolean tooManyDecimals = value.scale() > MAX_NUMERIC_SCALE;
        boolean tooLarge = value.signum() != 0 && (long) value.precision() - value.scale() > MAX_NUMERIC_INTEGER_DIGITS;
        if (tooManyDecimals || tooLarge) {
            return "contains the number " + abbreviate(value) + ", outside the range PostgreSQL can store (at most "
                    + MAX_NUMERIC_INTEGER_DIGITS + " digits before the decimal point and " + MAX_NUMERIC_SCALE + " after)";
        }
        return null;
    }

    private static String abbreviate(BigDecimal value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 20) + "…" + text.substring(text.length() - 12);
    }

    /**
     * The element's JSON text for the dead-letter table, with lone surrogates written as JSON escapes:
     * the driver would turn them into '?', and the dead letter must keep what was sent exactly.
     * They can only occur inside JSON strings, where an escape means the same.
     */
    static String exactJson(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(json.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }
}
