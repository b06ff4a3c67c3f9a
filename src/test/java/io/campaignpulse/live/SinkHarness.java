package io.campaignpulse.live;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A {@link SubscriberSink} on a Vert.x context of its own and the subscriber that reads it, for unit tests
 * without the application: the subscriber asks for exactly what a test requests.
 */
final class SinkHarness<T> implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    final SubscriberSink<T> sink;
    final AssertSubscriber<T> subscriber;

    SinkHarness(int capacity, Duration stall, TransportBackpressure backpressure, long initialRequest, Function<T, String> cursorOf) {
        AtomicReference<SubscriberSink<T>> created = new AtomicReference<>();
        subscriber = Multi.createFrom().<T> emitter(emitter -> created.set(
                new SubscriberSink<>(emitter, context, backpressure, capacity, 10, stall.toMillis(), cursorOf)))
                .subscribe().withSubscriber(AssertSubscriber.create(initialRequest));
        sink = created.get();
    }

    /**
     * Returns once everything already scheduled on the sink's context has run: a drain the last offer or request
     * started is over, so what the subscriber has not received by then was held back, not late.
     */
    void settle() {
        for (int i = 0; i < 3; i++) { // a drain may schedule the next: let a few rounds pass
            CompletableFuture<Void> done = new CompletableFuture<>();
            context.runOnContext(ignored -> done.complete(null));
            done.orTimeout(5, TimeUnit.SECONDS).join();
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
