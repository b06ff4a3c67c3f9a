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
import io.campaignpulse.event.SeqRange;
import io.campaignpulse.event.StoredEvent;
import io.campaignpulse.readmodel.ReadModelPosition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The committed events of every replica, in seq order, for the subscribers of this replica.
 * <p>
 * Each replica LISTENs on {@value CommitNotifier#CHANNEL} with its own connection. A notification
 * says "the read model took in the events up to seq <i>last</i>" and arrives only once the projection
 * that sent it has committed: the feed then reads every event with seq above the last one it
 * dispatched and up to the highest <i>last</i> notified, not just the notified range. Because seq
 * order is commit order, that read is gap-free; because it stops at a projected seq, a subscriber
 * never hears of an event before the statistics and statuses it reads count it. The bound comes with
 * the notification, so following the log costs one query per read (none at all on a replica without
 * subscribers): on a replica that did not ingest the events, each extra round trip to the database
 * was a wait of its own before the subscriber heard of them; the query runs on the LISTEN connection,
 * on the notification's own thread. A notification lost while the
 * connection was down is made up by the catch-up that follows every (re)subscription of the channel,
 * which reads the read model's position instead, as does a notification the feed cannot read.
 * Reading is single-flight: while a read runs, further notifications only ask for one more read.
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
    private final NotifiedSpans spans = new NotifiedSpans();
    private volatile long dispatched = NOT_STARTED;
    /** The highest seq a notification said is projected (or the position a catch-up read). */
    private final java.util.concurrent.atomic.AtomicLong projectedUpTo = new java.util.concurrent.atomic.AtomicLong(NOT_STARTED);
    /** The next read must ask the database where the read model stands: notifications may have been missed. */
    private volatile boolean positionUnknown = true;
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
        // the feed's read runs on this connection for every notification: parsed by PostgreSQL once, not each time
        this.connectOptions = DatasourceConnectOptions.of(datasourceConfig).setCachePreparedStatements(true);
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
                .subscribeHandler(this::catchUp)
                .handler(this::onNotification);
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

    private void catchUp() {
        positionUnknown = true;
        requestLoad();
    }

    void onNotification(String reference) {
        SeqRange notified = CommitNotifier.rangeOf(reference);
        if (notified == null) {
            positionUnknown = true;
        } else {
            spans.add(notified);
            projectedUpTo.accumulateAndGet(notified.last(), Math::max);
        }
        requestLoad();
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
        if (positionUnknown) {
            // cleared before the read: a reconnect during it asks for another one
            positionUnknown = false;
            sessionFactory.withSession(position::read).subscribe().with(
                    projected -> {
                        projectedUpTo.accumulateAndGet(projected, Math::max);
                        onNewContext(this::loadMore);
                    },
                    failure -> {
                        positionUnknown = true;
                        retryLater(failure);
                    });
            return;
        }
        long upTo = projectedUpTo.get();
        long registered = registrations.get();
        if (dispatched == NOT_STARTED || listeners.isEmpty()) {
            // Nobody to tell (or just started): only learn where the log ends, without reading events.
            // A listener that came meanwhile may be owed events below upTo: then read them instead.
            if (dispatched == NOT_STARTED || registrations.get() == registered) {
                dispatched = Math.max(dispatched, upTo);
                spans.forgetUpTo(dispatched);
                finishLoad();
            } else {
                onNewContext(this::loadMore);
            }
            return;
        }
        long from = dispatched;
        if (upTo <= from) {
            finishLoad();
            return;
        }
        int pageSize = config.loadPageSize();
        loadAfter(from, upTo, pageSize).subscribe().with(
                events -> {
                    if (!events.isEmpty()) {
                        long to = events.get(events.size() - 1).seq;
                        dispatched = to;
                        spans.forgetUpTo(to);
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

    /**
     * One query, on the LISTEN connection itself ({@link EventReadRepository#committedAfter}):
     * the events after {@code after} up to a seq known to be projected, in seq order, in the partitions the
     * notifications said they are in ({@link NotifiedSpans}).
     */
    private Uni<List<StoredEvent>> loadAfter(long after, long projected, int pageSize) {
        PgSubscriber current = subscriber;
        PgConnection connection = current == null ? null : current.actualConnection();
        if (connection == null) {
            // reconnecting: the catch-up after the reconnect reads what this read would have
            return Uni.createFrom().failure(new IllegalStateException("the LISTEN connection is down"));
        }
        return reads.committedAfter(connection, spans.within(after, projected), pageSize);
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
