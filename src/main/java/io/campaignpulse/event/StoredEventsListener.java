package io.campaignpulse.event;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * Told inside the ingest transaction which events it stored, so that what depends on them (mailing
 * statistics, recipient status, live notifications) commits or rolls back together with them.
 * Implementations run one after the other on the same session: they must not run work in parallel on it.
 */
public interface StoredEventsListener {

    Uni<Void> onStored(Mutiny.Session session, SeqRange stored);
}
