package io.campaignpulse.readmodel;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.db.Timestamps;
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
     * {@code limit} seqs of them, with the span of their partition key. Seq order is commit order, so that
     * range has no gaps still to fill. It is found in {@code event_span} (migration V11), which holds a row per
     * ingest transaction not yet projected, committed with its events: a small table instead of a merge of the
     * seq index of every partition.
     */
    Uni<SeqRange> lockAndFindUnprojected(Mutiny.Session session, int limit) {
        return session.createNativeQuery("select last_seq from read_model_position for update", Long.class)
                .getSingleResult()
                .chain(position -> session.createNativeQuery(UNPROJECTED, Object[].class)
                        .setParameter("position", position)
                        .setParameter("upTo", position + limit)
                        .getSingleResult()
                        .map(row -> row[0] == null
                                ? new SeqRange(position + 1, position) // nothing to take: the position as it is
                                : new SeqRange(position + 1, ((Number) row[0]).longValue(), Timestamps.instant(row[1]),
                                        Timestamps.instant(row[2]))));
    }

    /**
     * The spans after the position, up to a seq limit; their bounds cover every event of the range even where it cuts
     * one. Unbounded ends (the span V11 wrote over older events) come back as null: no bound.
     */
    private static final String UNPROJECTED = """
            select max(least(last_seq, :upTo)),
                   nullif(min(earliest), timestamptz '-infinity'), nullif(max(latest), timestamptz 'infinity')
            from event_span
            where last_seq > :position and first_seq <= :upTo""";

    /** Moves the position, and forgets the spans wholly at or before it: nothing reads them again. */
    Uni<Void> moveTo(Mutiny.Session session, long lastSeq) {
        return session.createNativeQuery("update read_model_position set last_seq = :last")
                .setParameter("last", lastSeq)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("delete from event_span where last_seq <= :last")
                        .setParameter("last", lastSeq)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
