package io.campaignpulse.graphql;

import java.util.function.Function;
import java.util.function.Supplier;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.db.SafeContexts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A Hibernate Reactive session of its own for each resolver call.
 * <p>
 * The root fields of one GraphQL operation (and nested fields) run concurrently on the same Vert.x
 * context, so {@code withSession} there would hand them one shared session, which must never be used
 * by two at once (quarkusio/quarkus#32870). Each call runs on a fresh context of its own instead, where its
 * session is the current one that Panache repositories use.
 */
@ApplicationScoped
public class ReadSessions {

    private final Vertx vertx;

    public ReadSessions(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Runs {@code work}, which reads through Panache repositories, with a session of its own. */
    public <T> Uni<T> read(Supplier<Uni<T>> work) {
        return SafeContexts.withOwnSession(vertx, work);
    }

    /** Runs {@code work} with a session of its own, handed to it. */
    public <T> Uni<T> read(Function<Mutiny.Session, Uni<T>> work) {
        return read(() -> Panache.getSession().chain(session -> work.apply(session)));
    }
}
