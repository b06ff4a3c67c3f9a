package io.campaignpulse.live;

import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.db.SafeContexts;
import io.campaignpulse.event.EventCriteria;
import io.campaignpulse.event.EventReadRepository;
import io.campaignpulse.event.StoredEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/** Committed events for one subscriber: optionally a replay from a cursor, then live. */
@ApplicationScoped
public class LiveEvents {

    private final CommittedEventFeed feed;
    private final Mutiny.SessionFactory sessionFactory;
    private final EventReadRepository reads;
    private final Vertx vertx;
    private final LiveConfig config;

    public LiveEvents(CommittedEventFeed feed, Mutiny.SessionFactory sessionFactory, EventReadRepository reads, Vertx vertx,
            LiveConfig config) {
        this.feed = feed;
        this.sessionFactory = sessionFactory;
        this.reads = reads;
        this.vertx = vertx;
        this.config = config;
    }

    /**
     * @param afterSeq null: only events committed from now on; otherwise first every matching
     *        event stored with a higher seq, then live, with nothing missed or doubled at the seam
     * @param cursorOf how an event's cursor is written, for the too-slow error
     */
    public Multi<StoredEvent> events(EventCriteria criteria, Long afterSeq, TransportBackpressure backpressure,
            java.util.function.Function<StoredEvent, String> cursorOf) {
        return Multi.createFrom().emitter(emitter -> {
            Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
            SubscriberSink<StoredEvent> sink = new SubscriberSink<>(emitter, context, backpressure, config.subscriberBuffer(),
                    config.blockedRecheck().toMillis(),
                    config.stallTimeout().toMillis(), cursorOf);
            EventSubscription subscription = new EventSubscription(criteria, sink, afterSeq);
            subscription.onFallingBehind(() -> replay(subscription));
            emitter.onTermination(() -> feed.unregister(subscription));
            // live first, so that nothing committed during the replay slips between the two
            feed.register(subscription);
            if (afterSeq != null) {
                replay(subscription);
            }
        });
    }

    private void replay(EventSubscription subscription) {
        int pageSize = Math.min(config.loadPageSize(), config.subscriberBuffer());
        long after = subscription.replayPosition();
        SafeContexts.runOnFreshContext(vertx, () -> load(subscription.criteria(), after, pageSize)
                .subscribe().with(
                        page -> {
                            if (subscription.replayed(page, pageSize)) {
                                // wait until the client took this page before reading the next one
                                subscription.sink().whenEmpty(() -> replay(subscription));
                            }
                        },
                        failure -> subscription.sink().fail(failure)));
    }

    private Uni<List<StoredEvent>> load(EventCriteria criteria, long after, int pageSize) {
        if (criteria.matchesNothing()) {
            return Uni.createFrom().item(List.of()); // not even a connection for it
        }
        return sessionFactory.withSession(session -> reads.matchingAfter(session, criteria, after, pageSize));
    }
}
