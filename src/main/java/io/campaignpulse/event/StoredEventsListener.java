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

    Uni<Void> onStored(Mutiny.Session session, SeqRange stored);
}
