package io.campaignpulse.readmodel;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code pulse.read-model.*}: how the read model follows the event log. */
@ConfigMapping(prefix = "pulse.read-model")
public interface ReadModelConfig {

    /** Most events one projection transaction takes; a longer backlog is worked off in several. */
    @WithDefault("20000")
    int maxBatchEvents();

    /**
     * How often to look for committed events no projection took yet. Deliveries start a projection
     * themselves; this only matters after a crash or a database outage between commit and projection.
     */
    @WithDefault("5s")
    Duration catchUpInterval();
}
