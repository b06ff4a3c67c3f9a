package io.campaignpulse.live;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.event.SeqRange;
import io.campaignpulse.event.StoredEventsListener;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells every replica that events were committed and taken into the read model. NOTIFY is
 * transactional: PostgreSQL delivers it only after the projection transaction commits, and in commit
 * order, so listeners never see events, statistics or statuses that could still roll back. The payload is only a
 * reference, "first:last" or, when the projection knew where its events lie in time, "first:last:earliest:latest"
 * (event_at bounds in epoch microseconds, which let the readers read only those partitions); listeners read the rows
 * themselves, which keeps far below NOTIFY's 8000-byte payload limit whatever the batch size.
 */
@ApplicationScoped
public class CommitNotifier implements StoredEventsListener {

    static final String CHANNEL = "pulse_events";

    @Override
    public int projectionOrder() {
        return NOTIFY_COMMIT;
    }

    @Override
    public Uni<Void> onStored(Mutiny.Session session, SeqRange stored) {
        return session.createNativeQuery("select 1 from (select pg_notify('" + CHANNEL + "', :ref)) as notified", Integer.class)
                .setParameter("ref", referenceTo(stored))
                .getSingleResult()
                .replaceWithVoid();
    }

    static String referenceTo(SeqRange stored) {
        String seqs = stored.first() + ":" + stored.last();
        return stored.timeBounded() ? seqs + ":" + micros(stored.earliest()) + ":" + micros(stored.latest()) : seqs;
    }

    /**
     * The range a reference sent by {@link #onStored} names: once it is received, the projection that sent it has
     * committed, so every event up to its last seq is committed and in the read model. Null for anything else on the
     * channel.
     */
    static SeqRange rangeOf(String reference) {
        if (reference == null || reference.length() > 100) {
            return null;
        }
        String[] parts = reference.split(":", -1);
        if (parts.length != 2 && parts.length != 4) {
            return null;
        }
        try {
            long first = seq(parts[0]);
            long last = seq(parts[1]);
            if (first < 0 || last < first) {
                return null;
            }
            if (parts.length == 2) {
                return new SeqRange(first, last);
            }
            Instant earliest = instant(parts[2]);
            Instant latest = instant(parts[3]);
            return earliest.isAfter(latest) ? null : new SeqRange(first, last, earliest, latest);
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException notOurs) {
            return null;
        }
    }

    private static long seq(String digits) {
        if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(digits);
        }
        return Long.parseLong(digits);
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static Instant instant(String micros) {
        if (micros.isEmpty() || micros.length() > 20 || !micros.chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'))) {
            throw new NumberFormatException(micros);
        }
        return Instant.EPOCH.plus(Long.parseLong(micros), ChronoUnit.MICROS);
    }
}
