package io.campaignpulse.live;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.Config;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.campaignpulse.db.DatasourceConnectOptions;
import io.campaignpulse.db.SafeContexts;
import io.campaignpulse.db.SingleFlight;
import io.campaignpulse.event.EventReadRepository;
import io.campaignpulse.event.StoredEvent;
import io.campaignpulse.readmodel.ReadModelPosition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The committed events of every replica, in seq order, for the subscribers of this replica.
 * <p>
 * Each replica LISTENs on {@value CommitNotifier#CHANNEL} with its own connection. A notification
 * only says "the read model took in more events": the feed then reads every event with seq above
 * the last one it dispatched and up to the read model's position, not just the notified range.
 * Because seq order is commit order, that read is gap-free; because it stops at the position, a
 * subscriber never hears of an event before the statistics and statuses it reads count it. A
 * notification lost while the connection was down is made up by the catch-up that follows every
 * (re)subscription of the channel. Reading is single-flight: while a read runs, further
 * notifications only ask for one more read.
 */
@ApplicationScoped
public class CommittedEventFeed {

    private static final Logger LOG = Logger.getLogger(CommittedEventFeed.class);
    private static final long NOT_STARTED = -1;

    private final Set<FeedListener> listeners = ConcurrentHashMap.newKeySet();
    private final SingleFlight loads;
    private final Mutiny.SessionFactory sessionFactory;
    private final EventReadRepository reads;
    private final ReadModelPosition position;
    private final Vertx vertx;
    private final LiveConfig config;
    private final PgConnectOptions connectOptions;
    private final java.util.concurrent.atomic.AtomicLong registrations = new java.util.concurrent.atomic.AtomicLong();
    private volatile long dispatched = NOT_STARTED;
    private volatile PgSubscriber subscriber;
    private volatile boolean stopped;

    public CommittedEventFeed(Mutiny.SessionFactory sessionFactory, EventReadRepository reads, ReadModelPosition position, Vertx vertx,
            LiveConfig config, MeterRegistry registry, Config datasourceConfig) {
        this.sessionFactory = sessionFactory;
        this.reads = reads;
        this.position = position;
        this.vertx = vertx;
        this.loads = new SingleFlight(vertx, this::loadMore);
        this.config = config;
        this.connectOptions = DatasourceConnectOptions.of(datasourceConfig);
        Gauge.builder("pulse.subscriptions.open", listeners, Set::size)
                .description("Live subscriptions open on this instance")
                .register(registry);
    }

    void start(@Observes StartupEvent startup) {
        PgSubscriber created = PgSubscriber.subscriber(io.vertx.mutiny.core.Vertx.newInstance(vertx), connectOptions);
        // Keep trying for as long as the service runs: a replica without its feed would go silent.
        created.reconnectPolicy(retries -> config.reconnectDelay().toMillis());
        created.channel(CommitNotifier.CHANNEL)
                // also called after every reconnect: catch up on what was committed meanwhile
                .subscribeHandler(this::requestLoad)
                .handler(reference -> requestLoad());
        subscriber = created;
        connect();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        PgSubscriber current = subscriber;
        if (current != null) {
            current.close().subscribe().with(ignored -> {
            }, failure -> LOG.debugf("Closing the LISTEN connection: %s", failure));
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        subscriber.connect().subscribe().with(
                connected -> LOG.debugf("Listening on %s", CommitNotifier.CHANNEL),
                failure -> {
                    LOG.warnf("Cannot LISTEN for committed events (%s); retrying in %s", failure.toString(), config.reconnectDelay());
                    vertx.setTimer(config.reconnectDelay().toMillis(), id -> connect());
                });
    }

    /** Registers a listener for everything dispatched from now on. */
    public void register(FeedListener listener) {
        registrations.incrementAndGet();
        listeners.add(listener);
    }

    public void unregister(FeedListener listener) {
        listeners.remove(listener);
    }

    /** Subscriptions currently open here (the gauge pulse.subscriptions.open). */
    public int openSubscriptions() {
        return listeners.size();
    }

    /** True once the feed listens and knows where it stands. */
    public boolean isStarted() {
        return dispatched != NOT_STARTED;
    }

    private void requestLoad() {
        loads.request();
    }

    private void finishLoad() {
        loads.done(false);
    }

    /** A fresh duplicated context gives each read its own Hibernate Reactive session. */
    private void onNewContext(Runnable action) {
        SafeContexts.runOnFreshContext(vertx, action);
    }

    private void loadMore() {
        if (stopped) {
            loads.pause();
            return;
        }
        long registered = registrations.get();
        if (dispatched == NOT_STARTED || listeners.isEmpty()) {
            // Nobody to tell (or just started): only learn where the log ends, without reading events.
            sessionFactory.withSession(position::read)
                    .subscribe().with(
                            max -> {
                                // A listener that came meanwhile may be owed events below max: then read them instead.
                                if (dispatched == NOT_STARTED || registrations.get() == registered) {
                                    dispatched = Math.max(dispatched, max);
                                    finishLoad();
                                } else {
                                    onNewContext(this::loadMore);
                                }
                            },
                            this::retryLater);
            return;
        }
        long from = dispatched;
        int pageSize = config.loadPageSize();
        loadAfter(from, pageSize).subscribe().with(
                events -> {
                    if (!events.isEmpty()) {
                        long to = events.get(events.size() - 1).seq;
                        dispatched = to;
                        dispatch(events, from, to);
                    }
                    if (events.size() == pageSize) {
                        onNewContext(this::loadMore);
                    } else {
                        finishLoad();
                    }
                },
                this::retryLater);
    }

    private Uni<List<StoredEvent>> loadAfter(long after, int pageSize) {
        return sessionFactory.withSession(session -> position.read(session)
                .chain(projected -> reads.committedAfter(session, after, projected, pageSize)));
    }

    private void retryLater(Throwable failure) {
        LOG.warnf("Cannot read committed events (%s); retrying in %s", failure.toString(), config.reconnectDelay());
        loads.pause();
        vertx.setTimer(config.reconnectDelay().toMillis(), id -> requestLoad());
    }

    private void dispatch(List<StoredEvent> events, long from, long to) {
        List<StoredEvent> readOnly = List.copyOf(events);
        for (FeedListener listener : listeners) {
            try {
                listener.onCommitted(readOnly, from, to);
            } catch (RuntimeException e) {
                // one broken subscriber must not starve the others
                LOG.warnf(e, "A live subscriber failed on events %d..%d", from + 1, to);
            }
        }
    }
}
