package io.campaignpulse.live;

import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.event.StoredEvent;
import io.campaignpulse.mailing.MailingStatsRepository;
import io.campaignpulse.mailing.MailingStatsRow;
import io.campaignpulse.recipient.RecipientRepository;
import io.campaignpulse.recipient.RecipientRow;
import io.campaignpulse.recipient.RecipientStatus;
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
    private final Mutiny.SessionFactory sessionFactory;
    private final MailingStatsRepository mailings;
    private final RecipientRepository recipients;
    private final Vertx vertx;
    private final LiveConfig config;

    public LiveChanges(CommittedEventFeed feed, Mutiny.SessionFactory sessionFactory, MailingStatsRepository mailings,
            RecipientRepository recipients, Vertx vertx, LiveConfig config) {
        this.feed = feed;
        this.sessionFactory = sessionFactory;
        this.mailings = mailings;
        this.recipients = recipients;
        this.vertx = vertx;
        this.config = config;
    }

    /** The mailing's statistics each time a committed transaction changes them. */
    public Multi<MailingStatsRow> mailingStats(long mailingId, TransportBackpressure backpressure) {
        return mailingStats(mailingId, null, backpressure);
    }

    /**
     * The mailing's statistics each time a committed transaction changes them, if one of
     * {@code visibleClients} (null: any client) owns the mailing; otherwise never anything.
     */
    public Multi<MailingStatsRow> mailingStats(long mailingId, Set<Long> visibleClients, TransportBackpressure backpressure) {
        return subscribe(backpressure, event -> event.mailingId != null && event.mailingId == mailingId,
                after -> sessionFactory.withSession(session -> mailings.find(session, mailingId, visibleClients))
                        .map(row -> row != null && row.changedSeq() > after
                                ? new ChangeSubscription.Changes<>(List.of(row), row.changedSeq())
                                : new ChangeSubscription.Changes<>(List.<MailingStatsRow> of(), after)));
    }

    /** Recipients whose overall status a committed transaction changed (to {@code status}, if given). */
    public Multi<RecipientRow> recipientStatusChanged(RecipientStatus status, TransportBackpressure backpressure) {
        return recipientStatusChanged(status, null, backpressure);
    }

    /**
     * With {@code visibleClients} null, recipients whose overall status a committed transaction changed.
     * Limited to some clients, the overall status is the one combined from those clients' lists: a
     * recipient comes each time one of those lists changes status, with that combined status (to
     * {@code status}, if given). Changes of other clients' lists are never followed, so they can neither
     * push a recipient nor be told apart by timing.
     */
    public Multi<RecipientRow> recipientStatusChanged(RecipientStatus status, Set<Long> visibleClients, TransportBackpressure backpressure) {
        if (visibleClients == null) {
            return subscribe(backpressure, event -> event.recipientId != null,
                    after -> sessionFactory.withSession(session -> recipientsChanged(session, status, after)));
        }
        return subscribe(backpressure, event -> event.recipientId != null && event.clientId != null && visibleClients.contains(event.clientId),
                after -> sessionFactory.withSession(session -> recipients.visibleListStatusChangedAfter(session, status, after, visibleClients)
                        .map(changed -> upToHighestMarker(changed, after))));
    }

    private Uni<ChangeSubscription.Changes<RecipientRow>> recipientsChanged(Mutiny.Session session, RecipientStatus status, long after) {
        return recipients.statusChangedAfter(session, status, after).map(changed -> upToHighestMarker(changed, after));
    }

    private static ChangeSubscription.Changes<RecipientRow> upToHighestMarker(List<RecipientRow> changed, long after) {
        // Rows of other statuses are of no interest, so the highest marker shown is as far as this
        // subscriber has read; any later change of a row shown has a higher marker and is shown again.
        long upTo = changed.stream().mapToLong(RecipientRow::statusChangedSeq).max().orElse(after);
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
