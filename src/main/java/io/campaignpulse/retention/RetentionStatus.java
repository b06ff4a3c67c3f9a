package io.campaignpulse.retention;

import java.time.Duration;
import java.time.Instant;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.db.Columns;
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
     * @param expiredBefore events whose time is before this are no longer kept (refused on arrival, dropped with their
     *        partition); null while nothing has expired
     */
    public record EventRetention(Duration keptFor, Instant expiredBefore) {
    }

    public Uni<EventRetention> events() {
        // a session of its own: several root fields of one operation run at once
        return sessionFactory.openSession().chain(session -> session
                .createNativeQuery("select case when events_expired_before = '-infinity' then null else events_expired_before end"
                        + " from retention_horizon", Object.class)
                .getSingleResultOrNull()
                .eventually(session::close))
                .map(horizon -> new EventRetention(config.events(), horizon == null ? null : Columns.timestamp(horizon).toInstant()));
    }
}
