package io.campaignpulse.readmodel;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.event.SeqRange;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The row {@code read_model_position}: every event with seq at or below it is in the read model. */
@ApplicationScoped
public class ReadModelPosition {

    /** Reads the position without locking it. */
    public Uni<Long> read(Mutiny.Session session) {
        return session.createNativeQuery("select last_seq from read_model_position", Long.class).getSingleResult();
    }

    /**
     * Locks the position until the transaction ends, so that one projection at a time (on any
     * replica) reads what follows it, and returns the committed events that follow it, at most
     * {@code limit} of them. Seq order is commit order, so that range has no gaps still to fill.
     */
    Uni<SeqRange> lockAndFindUnprojected(Mutiny.Session session, int limit) {
        return session.createNativeQuery("select last_seq from read_model_position for update", Long.class)
                .getSingleResult()
                .chain(position -> session.createNativeQuery(
                        "select coalesce(max(seq), :position) from (select seq from event where seq > :position order by seq limit :limit) as next",
                        Long.class)
                        .setParameter("position", position)
                        .setParameter("limit", limit)
                        .getSingleResult()
                        .map(last -> new SeqRange(position + 1, last)));
    }

    Uni<Void> moveTo(Mutiny.Session session, long lastSeq) {
        return session.createNativeQuery("update read_model_position set last_seq = :last")
                .setParameter("last", lastSeq)
                .executeUpdate()
                .replaceWithVoid();
    }
}
