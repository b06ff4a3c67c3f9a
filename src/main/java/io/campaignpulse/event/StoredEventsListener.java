package io.campaignpulse.event;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * Told, inside a projection transaction ({@link io.campaignpulse.readmodel.ReadModelProjector}), which
 * committed events it takes in: each event exactly once, ranges in seq order. What it derives from
 * them (mailing statistics, recipient status, live notifications) commits or rolls back together with
 * the read model's position. Implementations run one after the other on the same session: they must
 * not run work in parallel on it.
 */
public interface StoredEventsListener {

    /** Mailing statistics come first, then recipient status. */
    int READ_MODEL = 100;
    /** After everything that writes the read model. */
    int AFTER_READ_MODEL = 500;
    /** Last: the NOTIFY that tells every replica the transaction's changes are readable. */
    int NOTIFY_COMMIT = 1000;

    Uni<Void> onStored(Mutiny.Session session, SeqRange stored);

    /**
     * Where this listener runs in the projection transaction, lowest first. Required, not left to CDI
     * (whose order of beans is undefined): the commit notification must come after every change it announces.
     */
    int projectionOrder();
}
