package io.campaignpulse.graphql.websocket;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;

/**
 * Ends, for Quarkus' graceful shutdown, an HTTP request that has become a WebSocket.
 * <p>
 * Quarkus counts every request as in flight until its response ends ({@code GracefulShutdownFilter}, through
 * {@link QuarkusRequestWrapper}), and at shutdown waits up to {@code quarkus.shutdown.timeout} for the count to
 * reach zero. A WebSocket handshake completes the response without ending it (Vert.x 4.5,
 * {@code Http1xServerResponse.completeHandshake}), so every socket ever opened, the warm-up's included, stayed
 * counted for good: every shutdown waited the whole timeout and logged "Timed out waiting for graceful shutdown".
 * The request is over once it is a socket; the sockets have a shutdown of their own ({@link GraphQLWebSockets}
 * closes them with 1001). The wrapper's {@code done()} is package-private, hence the method handle; it is looked
 * up when the bean is made, at start-up, so a Quarkus version without it fails the start instead of the shutdown.
 */
@Singleton
@RegisterForReflection(targets = QuarkusRequestWrapper.class, methods = true, fields = false)
public class UpgradedRequests {

    private final MethodHandle done;

    public UpgradedRequests() {
        try {
            done = MethodHandles.privateLookupIn(QuarkusRequestWrapper.class, MethodHandles.lookup())
                    .findVirtual(QuarkusRequestWrapper.class, "done", MethodType.methodType(void.class));
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot end upgraded requests for Quarkus' graceful shutdown: "
                    + "QuarkusRequestWrapper.done() is not there (Quarkus upgraded?); see UpgradedRequests", e);
        }
    }

    /** Counts the request, which has been upgraded to a WebSocket, as done. Idempotent. */
    void release(HttpServerRequest upgraded) {
        // QuarkusRequestWrapper.get, without its NullPointerException for a request Quarkus did not wrap
        Cookie marker = upgraded.getCookie(QuarkusRequestWrapper.FAKE_COOKIE_NAME);
        if (marker instanceof QuarkusRequestWrapper.QuarkusCookie quarkus) {
            try {
                done.invoke(quarkus.getRequestWrapper());
            } catch (Throwable e) {
                throw new IllegalStateException("QuarkusRequestWrapper.done() failed", e);
            }
        }
    }
}
