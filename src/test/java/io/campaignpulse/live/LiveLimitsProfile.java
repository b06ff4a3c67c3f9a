package io.campaignpulse.live;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A small subscriber buffer (so a stalled client overflows soon) and a read token. */
public class LiveLimitsProfile implements QuarkusTestProfile {

    static final String READ_TOKEN = "live-read-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pulse.live.subscriber-buffer", "20", "pulse.graphql.read-token", READ_TOKEN);
    }
}
