package io.campaignpulse.live;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A small subscriber buffer (so a burst overflows it soon), small read pages (so one delivery spans
 * several pages of the feed and of replays), a short stall timeout and a read token.
 */
public class LiveLimitsProfile implements QuarkusTestProfile {

    static final String READ_TOKEN = "live-read-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pulse.live.subscriber-buffer", "20", "pulse.live.load-page-size", "5", "pulse.live.stall-timeout", "3s",
                "pulse.graphql.read-token", READ_TOKEN, "pulse.graphql.auth", "token");
    }
}
