package io.campaignpulse.retention;

import java.time.Duration;
import java.time.Instant;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.db.Timestamps;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** How far back events are kept, for readers (a page can say "older events expired"). */
@ApplicationScoped
public class RetentionStatus {

    private final Mutiny.SessionFactory sessionFactory;
    private final RetentionConfig config;

    public RetentionStatus(Mutiny.SessionFactory sessionFactory, RetentionConfig config) {
        this.sessionFactory = sessionFactory;
        this.config = config;
    }

    /**
     * @param keptFor pulse.retention.events
     * @param expiredBefore the end of the newest event partition dropped: events whose time is before it are gone, and
     *        refused when they arrive again; null while no event partition was ever dropped
     */
    public record EventRetention(Duration keptFor, Instant expiredBefore) {
    }

    /** The dedup horizon, null while no event partition was ever dropped. */
    static final String HORIZON = "select case when events_expired_before = '-infinity' then null else events_expired_before end"
            + " from retention_horizon";

    public Uni<EventRetention> events() {
        // a session of its own: several root fields of one operation run at once
        return sessionFactory.openSession().chain(session -> session
                .createNativeQuery(HORIZON, Object.class)
                .getSingleResultOrNull()
                .eventually(session::close))
                .map(horizon -> new EventRetention(config.events(), horizon == null ? null : Timestamps.instant(horizon)));
    }
}
