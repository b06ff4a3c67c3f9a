package io.campaignpulse.graphql;

import java.util.function.Function;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A Hibernate Reactive session of its own for each resolver call.
 * <p>
 * The root fields of one GraphQL operation (and nested fields) run concurrently on the same Vert.x
 * context, so {@code withSession} would hand them one shared session, which must never be used
 * by two at once (quarkusio/quarkus#32870). {@code openSession} is not bound to the context.
 */
@ApplicationScoped
public class ReadSessions {

    private final Mutiny.SessionFactory sessionFactory;

    public ReadSessions(Mutiny.SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    public <T> Uni<T> read(Function<Mutiny.Session, Uni<T>> work) {
        return sessionFactory.openSession()
                .chain(session -> work.apply(session).eventually(session::close));
    }
}
