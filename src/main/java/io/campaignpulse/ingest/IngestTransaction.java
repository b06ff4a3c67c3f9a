package io.campaignpulse.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.event.EventWriter;
import io.campaignpulse.event.EventWriter.Expired;
import io.campaignpulse.event.EventWriter.InsertedEvents;
import io.campaignpulse.event.IncomingEvent;
import io.campaignpulse.event.SeqRange;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes deliveries in one transaction: their new events and their dead letters. What is derived from
 * the events (read model, live notifications) follows in the projection's own transaction, see
 * {@link io.campaignpulse.readmodel.ReadModelProjector}: this transaction holds the ingest lock, so
 * the less it does, the sooner the next one can start.
 */
@ApplicationScoped
public class IngestTransaction {

    private final Mutiny.SessionFactory sessionFactory;
    private final EventWriter events;
    private final DeadLetterRepository deadLetters;
    private final IngestMetrics metrics;

    public IngestTransaction(Mutiny.SessionFactory sessionFactory, EventWriter events,
            DeadLetterRepository deadLetters, IngestMetrics metrics) {
        this.sessionFactory = sessionFactory;
        this.events = events;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** Commits the deliveries together: the answer to each of them (in the order given) and the seqs stored. */
    public Uni<CommittedBatch> write(List<ParsedDelivery> deliveries) {
        List<IncomingEvent> batch = new ArrayList<>();
        List<Instant> receivedAt = new ArrayList<>();
        Set<String> inBatch = new HashSet<>();
        for (ParsedDelivery delivery : deliveries) {
            for (IncomingEvent event : delivery.events()) {
                // the same event in two deliveries of one batch: the later one is a duplicate
                if (inBatch.add(event.eventId())) {
                    batch.add(event);
                    receivedAt.add(delivery.receivedAt());
                }
            }
        }
        return sessionFactory.withTransaction((session, tx) -> events.lockForIngest(session)
                .chain(() -> events.insertNew(session, batch, receivedAt))
                .chain(inserted -> {
                    List<ParsedDelivery> answered = withoutExpired(deliveries, inserted.expired());
                    return deadLetters.insert(session, answered)
                            .map(ignored -> new CommittedBatch(answer(answered, inserted), inserted.range()));
                }));
    }

    /**
     * The deliveries with the events the insert refused as expired moved to their dead letters (every copy of such an
     * event, also the later copies in the batch that were not sent to the insert).
     */
    private static List<ParsedDelivery> withoutExpired(List<ParsedDelivery> deliveries, Map<String, Expired> expired) {
        if (expired.isEmpty()) {
            return deliveries;
        }
        List<ParsedDelivery> result = new ArrayList<>(deliveries.size());
        for (ParsedDelivery delivery : deliveries) {
            Map<Integer, String> reasons = new HashMap<>();
            for (int i = 0; i < delivery.events().size(); i++) {
                Expired refusal = expired.get(delivery.events().get(i).eventId());
                if (refusal != null) {
                    reasons.put(i, expiredReason(refusal));
                }
            }
            result.add(reasons.isEmpty() ? delivery : delivery.withUnstorable(reasons));
        }
        return result;
    }

    /** The dead letter's reason; starts with the documented code "expired" (README, docs/RETENTION.md). */
    static String expiredReason(Expired refusal) {
        return "expired: the event's time " + refusal.eventAt() + " is before the retention horizon " + refusal.horizon()
                + " (pulse.retention.events); events that old are no longer kept, so it is neither stored nor counted";
    }

    /**
     * Inserts the events in a transaction that is rolled back whatever happens: the database's refusal,
     * or null when it would have taken them. Without the ingest lock, since nothing is committed.
     */
    public Uni<Throwable> tryWithoutCommit(List<IncomingEvent> part, Instant receivedAt) {
        List<Instant> receivedAts = java.util.Collections.nCopies(part.size(), receivedAt);
        return sessionFactory.withTransaction((session, tx) -> events.insertNew(session, part, receivedAts)
                .invoke(tx::markForRollback))
                .onItemOrFailure().transform((inserted, failure) -> failure);
    }

    /** Runs once the transaction has committed, so the metrics count only what is durable. */
    private List<IngestResult> answer(List<ParsedDelivery> deliveries, InsertedEvents inserted) {
        Set<String> newlyStored = new HashSet<>(inserted.eventIds());
        List<IngestResult> results = new ArrayList<>(deliveries.size());
        for (ParsedDelivery delivery : deliveries) {
            int stored = 0;
            for (IncomingEvent event : delivery.events()) {
                // remove: only the first delivery of the batch that carries an event stored it
                if (newlyStored.remove(event.eventId())) {
                    stored++;
                    metrics.stored(event.type());
                } else {
                    metrics.duplicate(event.type());
                }
            }
            metrics.duplicatesWithinDelivery(delivery.duplicatesWithin());
            delivery.rejected().forEach(metrics::rejected);
            int duplicates = delivery.events().size() - stored + delivery.duplicatesWithin();
            results.add(new IngestResult(delivery.received(), stored, duplicates, delivery.rejected().size()));
        }
        return results;
    }

    /** The answers to the deliveries of one transaction, and the seqs of the events it stored. */
    public record CommittedBatch(List<IngestResult> results, SeqRange stored) {
    }
}
