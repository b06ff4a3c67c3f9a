package io.campaignpulse.db;

import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.core.Vertx;

/**
 * Runs a database job one at a time, each run on a fresh context (so with a session of its own).
 * A request that comes while a run is going is not lost and not queued once per caller: it makes
 * the job run once more after the current run, which then covers everything asked meanwhile.
 * <p>
 * The job must end every run with {@link #done} (or {@link #pause} to leave it to a later request).
 */
public final class SingleFlight {

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final Vertx vertx;
    private final Runnable job;

    public SingleFlight(Vertx vertx, Runnable job) {
        this.vertx = vertx;
        this.job = job;
    }

    /** Starts a run, or asks the run going on to be followed by one more. */
    public void request() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            requested.set(false);
            SafeContexts.runOnFreshContext(vertx, job);
        }
    }

    /** Ends the current run; runs again at once if asked meanwhile or if {@code runAgain}. */
    public void done(boolean runAgain) {
        running.set(false);
        if (runAgain || requested.get()) {
            request();
        }
    }

    /** Ends the current run without running again now, whatever was asked: the next request starts one. */
    public void pause() {
        running.set(false);
    }
}
