package io.campaignpulse.provider;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The OpenAPI only says "date-time": accept ISO-8601 with or without a colon in the offset, and epoch
 * milliseconds. An unreadable date becomes null rather than failing the whole call over a display field.
 */
@RegisterForReflection
public class LenientDateTimeDeserializer extends JsonDeserializer<OffsetDateTime> {

    private static final DateTimeFormatter COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    @Override
    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return Instant.ofEpochMilli(parser.getLongValue()).atOffset(ZoneOffset.UTC);
        }
        return parse(parser.getValueAsString());
    }

    static OffsetDateTime parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException notIso) {
            try {
                return OffsetDateTime.parse(text, COMPACT_OFFSET);
            } catch (DateTimeParseException notCompact) {
                return null;
            }
        }
    }
}
