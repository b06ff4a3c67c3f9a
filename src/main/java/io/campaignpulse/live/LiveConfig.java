package io.campaignpulse.live;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code pulse.live.*}: how committed changes reach subscribers. */
@ConfigMapping(prefix = "pulse.live")
public interface LiveConfig {

    /**
     * Items one subscriber may have waiting before it is considered too slow. Past it the
     * subscription ends with SUBSCRIBER_TOO_SLOW (and its cursor), so a stalled client costs at
     * most this much memory and never slows ingestion.
     */
    @WithDefault("1000")
    int subscriberBuffer();

    /** Events read per query when the feed or a replay catches up with the database. */
    @WithDefault("500")
    int loadPageSize();

    /** Wait between attempts to (re)connect the LISTEN connection. */
    @WithDefault("1s")
    Duration reconnectDelay();

    /**
     * How long a subscriber may take nothing while items wait for it before it is ended as stalled
     * (SUBSCRIBER_TOO_SLOW). A subscriber that reads, however slowly, is never ended: what does not
     * fit its buffer is read again from the database at its own pace.
     */
    @WithDefault("30s")
    Duration stallTimeout();

    /** How often a subscriber blocked by a full socket is checked again. */
    @WithDefault("50ms")
    Duration blockedRecheck();
}
