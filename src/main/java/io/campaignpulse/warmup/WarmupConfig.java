package io.campaignpulse.warmup;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code pulse.warmup.*}: the requests the service sends itself before it reports ready. */
@ConfigMapping(prefix = "pulse.warmup")
public interface WarmupConfig {

    /**
     * Whether to warm up at all. Off, the first real queries pay class loading, the GraphQL and HQL
     * parsers' first runs and the JIT's first compilations on the event loop: hundreds of milliseconds
     * each on a small pod, during which that event loop (and the probes it serves) waits.
     */
    @WithDefault("true")
    boolean enabled();

    /** How many times each warm-up request is sent (each time as a new document, so none is answered from a cache). */
    @WithDefault("8")
    int rounds();

    /** The warm-up gives up after this long; the service then reports ready anyway (it only ever makes it faster). */
    @WithDefault("30s")
    Duration timeout();
}
