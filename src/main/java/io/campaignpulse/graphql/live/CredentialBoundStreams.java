package io.campaignpulse.graphql.live;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.campaignpulse.security.AccessRefusals;
import io.campaignpulse.security.CallerAttributes;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * A subscription's stream, bound to its caller's credential:
 * <ul>
 * <li>refused by {@code @RolesAllowed}, it ends with UNAUTHORIZED or FORBIDDEN and the reason, as a stream error
 * (over WebSocket SmallRye would otherwise send the security exception without message or code);</li>
 * <li>a signed token that expires ends it, at that moment, with UNAUTHORIZED: a subscription never outlives the
 * credential it was allowed with. The client reconnects with a fresh token (an events subscription resumes
 * from the last cursor it received, without gap). A subscription started after the connection's token expired
 * is refused at once, the same way.</li>
 * </ul>
 * Runs outside the security interceptor (priority 150), so that it sees that interceptor's refusal.
 */
@EndsWithCredential
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class CredentialBoundStreams {

    private final CurrentIdentityAssociation identities;

    public CredentialBoundStreams(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @AroundInvoke
    Object bind(InvocationContext invocation) throws Exception {
        Object result;
        try {
            result = invocation.proceed();
        } catch (RuntimeException refused) {
            String code = AccessRefusals.codeOf(refused);
            if (code == null) {
                throw refused;
            }
            return identities.getDeferredIdentity().onItem()
                    .transformToMulti(caller -> Multi.createFrom().failure(refusal(code, caller)));
        }
        if (!(result instanceof Multi<?> items)) {
            return result;
        }
        return identities.getDeferredIdentity().onItem().transformToMulti(caller -> bound(items, caller));
    }

    private static <T> Multi<T> bound(Multi<T> items, SecurityIdentity caller) {
        Multi<T> refusalsCoded = items.onFailure(failure -> AccessRefusals.codeOf(failure) != null)
                .transform(failure -> refusal(AccessRefusals.codeOf(failure), caller));
        Instant expiresAt = caller.getAttribute(CallerAttributes.EXPIRES_AT);
        if (expiresAt == null) {
            return refusalsCoded;
        }
        Duration left = Duration.between(Instant.now(), expiresAt);
        if (left.isNegative() || left.isZero()) {
            return Multi.createFrom().failure(expired(expiresAt));
        }
        AtomicBoolean ended = new AtomicBoolean();
        AtomicReference<Flow.Subscription> upstream = new AtomicReference<>();
        return refusalsCoded.onSubscription().invoke(upstream::set)
                .onCompletion().invoke(() -> ended.set(true))
                .select().first(left)
                .onCompletion().switchTo(() -> {
                    if (ended.get()) {
                        return Multi.createFrom().empty();
                    }
                    // first(Duration) completes at the deadline without cancelling its upstream (Mutiny 3.1):
                    // cancel it here, or the live subscription would stay registered on the feed
                    Flow.Subscription live = upstream.get();
                    if (live != null) {
                        live.cancel();
                    }
                    return Multi.createFrom().failure(expired(expiresAt));
                });
    }

    private static StreamErrors.StreamError refusal(String code, SecurityIdentity caller) {
        return StreamErrors.accessRefused(AccessRefusals.message(code, caller), code);
    }

    private static StreamErrors.StreamError expired(Instant expiresAt) {
        return StreamErrors.accessRefused("The credential expired at " + expiresAt + ", which ends this subscription. "
                + "Reconnect with a fresh token (an events subscription resumes with `after`: the last cursor received).",
                AccessRefusals.UNAUTHORIZED);
    }
}
