package io.campaignpulse.graphql.engine;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Response limits small enough for the test profile's 64 KiB deliveries to reach them. */
public class ResponseLimitsProfile implements QuarkusTestProfile {

    static final long MAX_RESPONSE_BYTES = 200_000;
    static final long MAX_IN_FLIGHT_BYTES = 300_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pulse.graphql.max-response-bytes", String.valueOf(MAX_RESPONSE_BYTES),
                "pulse.graphql.max-response-bytes-in-flight", String.valueOf(MAX_IN_FLIGHT_BYTES));
    }
}
