package io.campaignpulse.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds provider-shaped event payloads for tests. */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime());

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Events(String type) {
        fields.put("type", type);
        fields.put("id", "t-" + IDS.incrementAndGet());
        fields.put("clientId", 10180860001L);
        fields.put("mediaType", "EMAIL");
    }

    public static Events event(String type) {
        return new Events(type);
    }

    public Events id(String id) {
        fields.put("id", id);
        return this;
    }

    public Events recipient(String recipientId) {
        fields.put("recipientId", recipientId);
        fields.put("mediaTypesToAddresses", Map.of("EMAIL", recipientId));
        return this;
    }

    public Events list(Long userListId) {
        if (userListId == null) {
            fields.remove("userListId");
        } else {
            fields.put("userListId", userListId);
        }
        return this;
    }

    public Events client(Long clientId) {
        if (clientId == null) {
            fields.remove("clientId");
        } else {
            fields.put("clientId", clientId);
        }
        return this;
    }

    public Events mailing(long mailingId) {
        fields.put("mailingId", mailingId);
        return this;
    }

    public Events created(long epochMillis) {
        fields.put("created", epochMillis);
        return this;
    }

    public Events with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public String id() {
        return (String) fields.get("id");
    }

    public String json() {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A delivery: the events as one JSON array. */
    public static String batch(Events... events) {
        return batch(List.of(events));
    }

    public static String batch(List<Events> events) {
        List<String> parts = new ArrayList<>(events.size());
        events.forEach(e -> parts.add(e.json()));
        return "[" + String.join(",", parts) + "]";
    }
}
