package io.campaignpulse.deploy;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A connection cap small enough to reach with a handful of raw sockets. */
public class ConnectionCapProfile implements QuarkusTestProfile {

    static final int MAX_CONNECTIONS = 20;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.limits.max-connections", String.valueOf(MAX_CONNECTIONS));
    }
}
