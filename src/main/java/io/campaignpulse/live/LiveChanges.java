package io.campaignpulse.live;

import static io.campaignpulse.db.Columns.longOrNull;
import static io.campaignpulse.db.Columns.longValue;
import static io.campaignpulse.db.Columns.text;
import static io.campaignpulse.db.Columns.timestamp;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.event.StoredEvent;
import io.campaignpulse.mailing.MailingStatsRepository;
import io.campaignpulse.mailing.MailingStatsRow;
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
 * {@code status_changed_seq} = range.last of the transaction that changed the row): a committed
 * range (from, to] changed exactly the rows whose marker falls in it, so every change is passed on
 * once, with the row as it is when read.
 */
@ApplicationScoped
public class LiveChanges {

    private static final String RECIPIENTS_CHANGED = """
            select recipient_id, status, last_event_at, soft_bounces, hard_bounces, status_changed_seq from recipient
            where status_changed_seq > :from and status_changed_seq <= :to
            """;

    private final CommittedEventFeed feed;
    private final Mutiny.SessionFactory sessionFactory;
    private final MailingStatsRepository mailings;
    private final Vertx vertx;
    private final LiveConfig config;

    public LiveChanges(CommittedEventFeed feed, Mutiny.SessionFactory sessionFactory, MailingStatsRepository mailings, Vertx vertx,
            LiveConfig config) {
        this.feed = feed;
        this.sessionFactory = sessionFactory;
        this.mailings = mailings;
        this.vertx = vertx;
        this.config = config;
    }

    /** The mailing's statistics each time a committed transaction changes them. */
    public Multi<MailingStatsRow> mailingStats(long mailingId, DeliveryGate gate) {
        return subscribe(gate, event -> event.mailingId != null && event.mailingId == mailingId,
                (from, to) -> sessionFactory.withSession(session -> mailings.find(session, mailingId))
                        .map(row -> row != null && row.changedSeq() > from && row.changedSeq() <= to ? List.of(row) : List.of()));
    }

    /** Recipients whose overall status a committed transaction changed (to {@code status}, if given). */
    public Multi<RecipientRow> recipientStatusChanged(RecipientStatus status, DeliveryGate gate) {
        return subscribe(gate, event -> event.recipientId != null,
                (from, to) -> sessionFactory.withSession(session -> recipientsChanged(session, status, from, to)));
    }

    private Uni<List<RecipientRow>> recipientsChanged(Mutiny.Session session, RecipientStatus status, long from, long to) {
        String sql = RECIPIENTS_CHANGED + (status == null ? "" : " and status = :status") + " order by status_changed_seq, recipient_id";
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class)
                .setParameter("from", from)
                .setParameter("to", to);
        if (status != null) {
            query.setParameter("status", status.name());
        }
        return query.getResultList().map(rows -> rows.stream().map(LiveChanges::toRecipient).toList());
    }

    private static RecipientRow toRecipient(Object[] row) {
        return new RecipientRow(text(row[0]), RecipientStatus.valueOf(text(row[1])), timestamp(row[2]), longValue(row[3]),
                longValue(row[4]), longOrNull(row[5]));
    }

    private <T> Multi<T> subscribe(DeliveryGate gate, Predicate<StoredEvent> concerns, BiFunction<Long, Long, Uni<List<T>>> changedIn) {
        return Multi.createFrom().emitter(emitter -> {
            Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
            SubscriberSink<T> sink = new SubscriberSink<>(emitter, context, gate, config.subscriberBuffer(),
                    config.blockedRecheck().toMillis(), null);
            ChangeSubscription<T> subscription = new ChangeSubscription<>(vertx, sink, concerns, changedIn);
            emitter.onTermination(() -> feed.unregister(subscription));
            feed.register(subscription);
        });
    }
}
