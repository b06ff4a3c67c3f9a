package io.campaignpulse.db;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
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
}
