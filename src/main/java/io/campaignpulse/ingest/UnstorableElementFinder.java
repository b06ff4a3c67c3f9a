package io.campaignpulse.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.campaignpulse.event.IncomingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds the events of a delivery the database can never store, when its write was refused for its
 * data ({@link StorageFailures#refusesTheData}) although {@link StorageLimits} saw nothing wrong.
 * <p>
 * One failure never decides: the events are tried in halves, in transactions that are rolled back,
 * down to the single events the database refuses on their own. Only those are dead-lettered; if any
 * attempt fails for another reason (the database went away meanwhile), the whole delivery is answered
 * 503 and nothing is dead-lettered, so a database outage can never turn good events into dead letters.
 */
@ApplicationScoped
public class UnstorableElementFinder {

    private static final Logger LOG = Logger.getLogger(UnstorableElementFinder.class);

    private final IngestTransaction transaction;

    public UnstorableElementFinder(IngestTransaction transaction) {
        this.transaction = transaction;
    }

    /**
     * The delivery with the events the database refuses on their own moved to its dead letters; fails with
     * the attempt's failure when the database could not be asked.
     */
    public Uni<ParsedDelivery> isolate(ParsedDelivery delivery) {
        Map<Integer, String> unstorable = new HashMap<>();
        return find(delivery, 0, delivery.events().size(), unstorable)
                .map(ignored -> {
                    LOG.warnf("Dead-lettering %d of the %d events of a delivery: the database refuses them", unstorable.size(),
                            delivery.events().size());
                    return delivery.withUnstorable(unstorable);
                });
    }

    /** Adds to {@code unstorable} the events in [from, to) the database refuses on their own. */
    private Uni<Void> find(ParsedDelivery delivery, int from, int to, Map<Integer, String> unstorable) {
        List<IncomingEvent> part = delivery.events().subList(from, to);
        return transaction.tryWithoutCommit(part, delivery.receivedAt())
                .onItem().transformToUni(refusal -> {
                    if (refusal == null) {
                        return Uni.createFrom().voidItem();
                    }
                    if (!StorageFailures.refusesTheData(refusal)) {
                        return Uni.createFrom().failure(refusal);
                    }
                    if (to - from == 1) {
                        unstorable.put(from, StorageFailures.describe(refusal));
                        return Uni.createFrom().voidItem();
                    }
                    int middle = (from + to) >>> 1;
                    return find(delivery, from, middle, unstorable).chain(() -> find(delivery, middle, to, unstorable));
                });
    }
}
