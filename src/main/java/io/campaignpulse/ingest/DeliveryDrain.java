package io.campaignpulse.ingest;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Lets every delivery in flight at SIGTERM commit and be answered before the database pool closes,
 * and refuses the deliveries that arrive after it, before anything of them is stored.
 * <p>
 * Quarkus stops in this order: (1) pre-shutdown, where {@link ShutdownDelayInitiatedEvent} fires
 * ({@code quarkus.shutdown.delay-enabled}); (2) the HTTP server's graceful phase, which waits up to
 * {@code quarkus.shutdown.timeout} for the requests open at that moment but keeps accepting new ones
 * (only marking them {@code Connection: close}) and counts a request whose client went away as done;
 * (3) the shutdown tasks in reverse order of registration: {@link ShutdownEvent}, then the reactive
 * pool's close (registered when the pool was created at start-up, before the task that fires
 * ShutdownEvent), then Vert.x. A delivery accepted after (2) ended, or still being written after its
 * client left, would commit against a closing pool and lose its answer. Hence: from (1) new deliveries
 * are refused ({@code 503 shutting_down}, nothing read, nothing stored), and at (3) the ShutdownEvent
 * observer holds the shutdown, and with it the pool, until the last delivery in flight has been answered
 * (its response ended) or the shutdown timeout, counted from (1), is spent.
 */
@ApplicationScoped
public class DeliveryDrain {

    private static final Logger LOG = Logger.getLogger(DeliveryDrain.class);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Duration timeout;
    private volatile boolean draining;
    private volatile long drainStartedNanos;

    public DeliveryDrain(@ConfigProperty(name = "quarkus.shutdown.timeout", defaultValue = "PT25S") Duration timeout) {
        this.timeout = timeout;
    }

    /** Counts a delivery in, unless the service is stopping: then it must be refused. */
    boolean enter() {
        inFlight.incrementAndGet();
        // checked after counting in, so the shutdown either sees this delivery or this delivery sees the shutdown
        if (draining) {
            leave();
            return false;
        }
        return true;
    }

    /** The delivery's response has ended (answered, or its connection closed). */
    void leave() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    void stopAccepting(@Observes ShutdownDelayInitiatedEvent event) {
        startDraining();
    }

    /** Runs on the shutdown thread before the pool closes; blocking here holds the pool open. */
    void awaitDeliveriesInFlight(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        startDraining();
        long deadline = drainStartedNanos + timeout.toNanos();
        synchronized (this) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warnf("Shutdown timeout: %d deliveries still in flight are not answered", inFlight.get());
                    return;
                }
                LOG.infof("Waiting for %d deliveries in flight to be committed and answered", inFlight.get());
                wait(Math.max(1, Math.min(left / 1_000_000, 1000)));
            }
        }
        LOG.info("Every delivery in flight is answered");
    }

    private synchronized void startDraining() {
        if (!draining) {
            drainStartedNanos = System.nanoTime();
            draining = true;
        }
    }
}
