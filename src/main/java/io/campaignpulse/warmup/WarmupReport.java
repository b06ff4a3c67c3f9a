package io.campaignpulse.warmup;

import java.util.List;

/** What the warm-up did: how many requests it sent, which failed (with why), how long it took. */
public record WarmupReport(State state, int requests, List<String> failures, long millis) {

    public enum State {
        /** Running: readiness is down. */
        PENDING,
        /** Turned off by {@code pulse.warmup.enabled=false}. */
        SKIPPED,
        /** Finished, whether every request succeeded or not, or given up at {@code pulse.warmup.timeout}. */
        DONE
    }

    static final WarmupReport PENDING = new WarmupReport(State.PENDING, 0, List.of(), 0);
    static final WarmupReport SKIPPED = new WarmupReport(State.SKIPPED, 0, List.of(), 0);
}
