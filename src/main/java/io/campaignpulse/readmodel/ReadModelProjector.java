package io.campaignpulse.readmodel;

import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.campaignpulse.db.SingleFlight;
import io.campaignpulse.event.SeqRange;
import io.campaignpulse.event.StoredEventsListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Brings the read model (every {@link StoredEventsListener}: mailing statistics, recipient status,
 * the live notification) up to date with the committed events, in transactions of its own.
 * <p>
 * Why not inside the ingest transaction: ingest transactions are serialised (seq order is commit
 * order), so everything done inside them runs one transaction at a time, on one database core. Taking
 * the read model out lets the next ingest transaction insert while this one counts: the two stages
 * overlap, and a projection takes everything committed since the previous one, so the statistics of a
 * mailing are updated once for many deliveries. Ingest still answers a delivery only once its events
 * are projected too (see {@code WriteCombiner}), so what a client reads after a 200 includes them.
 * <p>
 * Exactly once: a projection locks {@code read_model_position}, takes the committed events after it,
 * runs the listeners and moves the position, all in one transaction. Projections of all replicas
 * queue on that row lock, and events committed by an instance that died before projecting them are
 * taken by the next projection anywhere (or by the periodic catch-up).
 */
@ApplicationScoped
public class ReadModelProjector {

    private static final Logger LOG = Logger.getLogger(ReadModelProjector.class);
    private static final long UNKNOWN = -1;

    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final SingleFlight projections;
    private final Mutiny.SessionFactory sessionFactory;
    private final ReadModelPosition position;
    private final List<StoredEventsListener> listeners;
    private final Vertx vertx;
    private final ReadModelConfig config;
    private final Timer passes;
    private final Counter failures;
    private volatile long projected = UNKNOWN;
    private volatile long catchUpTimer = UNKNOWN;

    public ReadModelProjector(Mutiny.SessionFactory sessionFactory, ReadModelPosition position,
            Instance<StoredEventsListener> listeners, Vertx vertx, ReadModelConfig config, MeterRegistry registry) {
        this.sessionFactory = sessionFactory;
        this.position = position;
        this.listeners = listeners.stream().sorted(Comparator.comparingInt(StoredEventsListener::projectionOrder)).toList();
        this.vertx = vertx;
        this.config = config;
        this.projections = new SingleFlight(vertx, this::project);
        this.passes = Timer.builder("pulse.readmodel.projections")
                .description("Projection transactions that brought the read model up to date with committed events")
                .register(registry);
        this.failures = Counter.builder("pulse.readmodel.projection.failures")
                .description("Projection transactions that failed; their events are taken by the next one")
                .register(registry);
    }

    /** The listeners in the order each projection transaction runs them. */
    List<StoredEventsListener> listeners() {
        return listeners;
    }

    void start(@Observes StartupEvent startup) {
        requestProjection();
        long interval = config.catchUpInterval().toMillis();
        catchUpTimer = vertx.setPeriodic(interval, interval, id -> requestProjection());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (catchUpTimer != UNKNOWN) {
            vertx.cancelTimer(catchUpTimer);
        }
    }

    /**
     * Completes once every event up to {@code seq} is in the read model, or once a projection that
     * should have taken it failed: the events are committed either way, and the next projection takes
     * them. Never fails.
     */
    public Uni<Void> awaitProjected(long seq) {
        if (projected >= seq) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> {
            waiters.add(new Waiter(seq, emitter));
            requestProjection();
        });
    }

    /** Starts a projection, or asks the one running to go once more when it is done. */
    public void requestProjection() {
        projections.request();
    }

    private void project() {
        Timer.Sample started = Timer.start();
        sessionFactory.withTransaction((session, tx) -> projectOnce(session))
                .subscribe().with(
                        pass -> {
                            started.stop(passes);
                            projected = Math.max(projected, pass.range().isEmpty() ? pass.range().first() - 1 : pass.range().last());
                            release(false);
                            projections.done(pass.full() || !waiters.isEmpty());
                        },
                        failure -> {
                            failures.increment();
                            LOG.warnf("Could not bring the read model up to date (%s); the next projection takes these events",
                                    failure.toString());
                            release(true);
                            projections.done(false);
                        });
    }

    /** One projection transaction's work, on its session; package-private for tests that race several. */
    Uni<Pass> projectOnce(Mutiny.Session session) {
        int limit = config.maxBatchEvents();
        return position.lockAndFindUnprojected(session, limit).chain(unprojected -> {
            if (unprojected.isEmpty()) {
                return Uni.createFrom().item(new Pass(unprojected, false));
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (StoredEventsListener listener : listeners) {
                chain = chain.call(() -> listener.onStored(session, unprojected));
            }
            return chain.call(() -> position.moveTo(session, unprojected.last()))
                    .replaceWith(new Pass(unprojected, unprojected.last() - unprojected.first() + 1 >= limit));
        });
    }

    /** Completes the waiters the read model has reached, or all of them after a failed projection. */
    private void release(boolean all) {
        for (Waiter waiter : waiters) {
            if ((all || waiter.seq <= projected) && waiters.remove(waiter)) {
                waiter.emitter.complete(null);
            }
        }
    }

    /** One projection: the range it took (empty when there was none) and whether more may follow it. */
    record Pass(SeqRange range, boolean full) {
    }

    private record Waiter(long seq, UniEmitter<? super Void> emitter) {
    }
}
