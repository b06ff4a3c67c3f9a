package io.campaignpulse.security;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The credential of the service's own warm-up requests. It is drawn at random when the process starts, never
 * leaves it (the requests go to the loopback address) and is retired when the warm-up ends, seconds later: after
 * that no value is accepted. The identity it gives reads as a reader of a client that cannot exist, so the
 * warm-up runs the real query path (parsers, resolvers, SQL) without seeing anybody's data.
 */
@ApplicationScoped
public class WarmupToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    private volatile String current;

    /** Draws the token for this warm-up; any previous one stops being accepted. */
    public String issue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "warmup-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        current = token;
        return token;
    }

    /** After this no token is accepted until the next {@link #issue()} (which only a new warm-up calls). */
    public void retire() {
        current = null;
    }

    /** Whether {@code token} is the live warm-up token; compared in constant time like the static tokens. */
    public boolean accepts(String token) {
        String expected = current;
        return expected != null && ConstantTime.equals(token, expected);
    }
}
