package io.campaignpulse.live;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Small WebSocket bounds, so that tests reach them. */
public class WebSocketLimitsProfile implements QuarkusTestProfile {

    static final int MAX_CONNECTIONS = 3;
    static final int MAX_SUBSCRIPTIONS = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pulse.graphql.ws.max-connections", String.valueOf(MAX_CONNECTIONS),
                "pulse.graphql.ws.max-subscriptions", String.valueOf(MAX_SUBSCRIPTIONS),
                "pulse.graphql.ws.init-timeout", "1s",
                "pulse.graphql.ws.idle-timeout", "2s");
    }
}
