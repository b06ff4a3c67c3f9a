package io.campaignpulse.live;

import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import io.campaignpulse.event.StoredEvent;
import io.campaignpulse.mailing.MailingStatsRepository;
import io.campaignpulse.mailing.StoredMailingStats;
import io.campaignpulse.recipient.RecipientRepository;
import io.campaignpulse.recipient.RecipientStatus;
import io.campaignpulse.recipient.RecipientView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Live changes of the read model: a mailing each time its statistics change, recipients each time
 * their overall status changes. Both rest on the read model's change markers ({@code changed_seq},
 * {@code status_changed_seq} = range.last of the projection that changed the row): reading the rows
 * whose marker is above the highest one already passed on gives every change once, with the row as
 * it is when read (markers follow commit order, like seq).
 */
@ApplicationScoped
public class LiveChanges {

    private final CommittedEventFeed feed;
    private final MailingStatsRepository mailings;
    private final RecipientRepository recipients;
    private final Vertx vertx;
    private final LiveConfig config;

    public LiveChanges(CommittedEventFeed feed, MailingStatsRepository mailings,
            RecipientRepository recipients, Vertx vertx, LiveConfig config) {
        this.feed = feed;
        this.mailings = mailings;
        this.recipients = recipients;
        this.vertx = vertx;
        this.config = config;
    }

    /** The mailing's statistics each time a committed transaction changes them. */
    public Multi<StoredMailingStats> mailingStats(long mailingId, TransportBackpressure backpressure) {
        return mailingStats(mailingId, null, backpressure);
    }

    /**
     * The mailing's statistics each time a committed transaction changes them, if one of
     * {@code visibleClients} (null: any client) owns the mailing; otherwise never anything.
     */
    public Multi<StoredMailingStats> mailingStats(long mailingId, Set<Long> visibleClients, TransportBackpressure backpressure) {
        return subscribe(backpressure, event -> event.mailingId != null && event.mailingId == mailingId,
                after -> Panache.withSession(() -> mailings.findVisible(mailingId, visibleClients))
                        .map(row -> row != null && row.changedSeq() > after
                                ? new ChangeSubscription.Changes<>(List.of(row), row.changedSeq())
                                : new ChangeSubscription.Changes<>(List.<StoredMailingStats> of(), after)));
    }

    /** Recipients whose overall status a committed transaction changed (to {@code status}, if given). */
    public Multi<RecipientView> recipientStatusChanged(RecipientStatus status, TransportBackpressure backpressure) {
        return recipientStatusChanged(status, null, backpressure);
    }

    /**
     * With {@code visibleClients} null, recipients whose overall status a committed transaction changed.
     * Limited to some clients, the overall status is the one combined from those clients' lists: a
     * recipient comes each time one of those lists changes status, with that combined status (to
     * {@code status}, if given). Changes of other clients' lists are never followed, so they can neither
     * push a recipient nor be told apart by timing.
     */
    public Multi<RecipientView> recipientStatusChanged(RecipientStatus status, Set<Long> visibleClients, TransportBackpressure backpressure) {
        if (visibleClients == null) {
            return subscribe(backpressure, event -> event.recipientId != null,
                    after -> Panache.withSession(() -> recipientsChanged(status, after)));
        }
        return subscribe(backpressure, event -> event.recipientId != null && event.clientId != null && visibleClients.contains(event.clientId),
                after -> Panache.withSession(() -> recipients.visibleListStatusChangedAfter(status, after, visibleClients)
                        .map(changed -> upToHighestMarker(changed, after))));
    }

    private Uni<ChangeSubscription.Changes<RecipientView>> recipientsChanged(RecipientStatus status, long after) {
        return recipients.statusChangedAfter(status, after).map(changed -> upToHighestMarker(changed, after));
    }

    private static ChangeSubscription.Changes<RecipientView> upToHighestMarker(List<RecipientView> changed, long after) {
        // Rows of other statuses are of no interest, so the highest marker shown is as far as this
        // subscriber has read; any later change of a row shown has a higher marker and is shown again.
        long upTo = changed.stream().mapToLong(RecipientView::statusChangedSeq).max().orElse(after);
        return new ChangeSubscription.Changes<>(changed, upTo);
    }

    private <T> Multi<T> subscribe(TransportBackpressure backpressure, Predicate<StoredEvent> concerns,
            LongFunction<Uni<ChangeSubscription.Changes<T>>> changedAfter) {
        return Multi.createFrom().emitter(emitter -> {
            Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
            SubscriberSink<T> sink = new SubscriberSink<>(emitter, context, backpressure, config.subscriberBuffer(),
                    config.blockedRecheck().toMillis(),
                    config.stallTimeout().toMillis(), null);
            ChangeSubscription<T> subscription = new ChangeSubscription<>(vertx, sink, concerns, changedAfter);
            emitter.onTermination(() -> feed.unregister(subscription));
            feed.register(subscription);
        });
    }
}
