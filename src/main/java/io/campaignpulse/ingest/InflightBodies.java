package io.campaignpulse.ingest;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The bytes of delivery bodies this instance holds at once (being received, parsed, or waiting for
 * their commit), bounded by {@code pulse.ingest.max-inflight-bytes}. A body is parsed into a tree and
 * copied into the write several times its size, so the bound on bodies is what bounds the heap the
 * ingest path can take: past it a delivery is answered {@code 503 overloaded} before its body is read,
 * instead of the service running out of memory with everything acknowledged so far at stake.
 */
@ApplicationScoped
public class InflightBodies {

    private final AtomicLong held = new AtomicLong();
    private final long max;

    public InflightBodies(IngestConfig config) {
        this.max = config.maxInflightBytes();
    }

    /**
     * Takes {@code bytes} from the budget, or answers false when they do not fit. One body is always let
     * in when nothing else is held, so a delivery the size of the body limit can never be refused forever.
     */
    boolean tryTake(long bytes) {
        while (true) {
            long now = held.get();
            if (now > 0 && now + bytes > max) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void give(long bytes) {
        held.addAndGet(-bytes);
    }

    long held() {
        return held.get();
    }
}
