package io.campaignpulse.db;

import java.util.function.Supplier;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Hibernate Reactive keeps its session on the Vert.x context and insists the context is a safe
 * (isolated) duplicate. Work that starts outside a request (combined writes, projections, notifications,
 * replays) gets one here, and with it a session of its own.
 */
public final class SafeContexts {

    private SafeContexts() {
    }

    public static void runOnFreshContext(Vertx vertx, Runnable action) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> action.run());
    }

    /**
     * Runs {@code work} on a fresh context with a session of its own, the current one there (so Panache
     * repositories use it), and hands the outcome back on the caller's context, where the caller's request
     * (its CDI request scope, its security identity) lives. Work that runs concurrently with other work of the
     * same request (GraphQL resolvers) needs this: one session must never be used by two at once
     * (quarkusio/quarkus#32870).
     */
    public static <T> Uni<T> withOwnSession(Vertx vertx, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context caller = Vertx.currentContext();
            runOnFreshContext(vertx, () -> Panache.withSession(work).subscribe().with(
                    item -> onContext(caller, () -> emitter.complete(item)),
                    failure -> onContext(caller, () -> emitter.fail(failure))));
        });
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || context == Vertx.currentContext()) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }
}
