package io.campaignpulse.security;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may run admin operations: a request whose {@code Authorization} header is {@code Bearer <pulse.admin.token>},
 * compared in constant time. Without a configured token nobody may.
 */
@ApplicationScoped
public class AdminAccess {

    private static final String BEARER = "Bearer ";

    private final Optional<String> token;

    public AdminAccess(@ConfigProperty(name = "pulse.admin.token") Optional<String> token) {
        this.token = token.map(String::trim).filter(t -> !t.isEmpty());
    }

    public boolean configured() {
        return token.isPresent();
    }

    /** @param authorization the request's Authorization header, null when absent */
    public boolean permits(String authorization) {
        if (token.isEmpty() || authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return ConstantTime.equals(authorization.substring(BEARER.length()).trim(), token.get());
    }
}
