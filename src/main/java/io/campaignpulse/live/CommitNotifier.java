package io.campaignpulse.live;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.event.SeqRange;
import io.campaignpulse.event.StoredEventsListener;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells every replica that events were committed and taken into the read model. NOTIFY is
 * transactional: PostgreSQL delivers it only after the projection transaction commits, and in commit
 * order, so listeners never see events, statistics or statuses that could still roll back. The payload is only a reference ("first:last"); listeners read the
 * rows themselves, which keeps far below NOTIFY's 8000-byte payload limit whatever the batch size.
 */
@ApplicationScoped
public class CommitNotifier implements StoredEventsListener {

    static final String CHANNEL = "pulse_events";
    /** Not a reference this class wrote (another sender on the channel, a later format). */
    static final long UNKNOWN = -1;

    @Override
    public int projectionOrder() {
        return NOTIFY_COMMIT;
    }

    @Override
    public Uni<Void> onStored(Mutiny.Session session, SeqRange stored) {
        return session.createNativeQuery("select 1 from (select pg_notify('" + CHANNEL + "', :ref)) as notified", Integer.class)
                .setParameter("ref", stored.first() + ":" + stored.last())
                .getSingleResult()
                .replaceWithVoid();
    }

    /**
     * The last seq of a reference sent by {@link #onStored}: once it is received, the projection that sent it
     * has committed, so every event up to it is committed and in the read model. {@link #UNKNOWN} for anything
     * else on the channel.
     */
    static long lastSeqOf(String reference) {
        int colon = reference == null ? -1 : reference.indexOf(':');
        if (colon < 1 || colon > 19 || reference.length() - colon - 1 < 1 || reference.length() - colon - 1 > 19) {
            return UNKNOWN;
        }
        try {
            long first = Long.parseLong(reference, 0, colon, 10);
            long last = Long.parseLong(reference, colon + 1, reference.length(), 10);
            return first >= 0 && last >= first ? last : UNKNOWN;
        } catch (NumberFormatException notOurs) {
            return UNKNOWN;
        }
    }
}
