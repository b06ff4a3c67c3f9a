package io.campaignpulse.security;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The optional read token: with {@code pulse.graphql.read-token} unset reads are open; with it set a
 * read needs {@code Authorization: Bearer <read-token>} (the admin token is accepted too, since an
 * operator may read whatever they may change).
 */
@ApplicationScoped
public class ReadAccess {

    private static final String BEARER = "Bearer ";

    private final Optional<String> readToken;
    private final Optional<String> adminToken;
    private final CurrentVertxRequest currentRequest;

    public ReadAccess(@ConfigProperty(name = "pulse.graphql.read-token") Optional<String> readToken,
            @ConfigProperty(name = "pulse.admin.token") Optional<String> adminToken,
            CurrentVertxRequest currentRequest) {
        this.readToken = readToken.filter(t -> !t.isBlank());
        this.adminToken = adminToken.filter(t -> !t.isBlank());
        this.currentRequest = currentRequest;
    }

    public boolean isOpen() {
        return readToken.isEmpty();
    }

    /** Whether an {@code Authorization} header value (may be null) grants reading. */
    public boolean allows(String authorization) {
        if (isOpen()) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        String token = authorization.substring(BEARER.length()).trim();
        // evaluate both comparisons always: the time taken must not tell which token matched
        boolean read = ConstantTime.equals(token, readToken.get());
        boolean admin = adminToken.isPresent() && ConstantTime.equals(token, adminToken.get());
        return read | admin;
    }

    /** Checks the Authorization header of the current HTTP request. */
    public void checkCurrentRequest() throws ReadAccessDeniedException {
        if (isOpen()) {
            return;
        }
        RoutingContext request = currentRequest.getCurrent();
        String authorization = request == null ? null : request.request().getHeader("Authorization");
        if (!allows(authorization)) {
            throw new ReadAccessDeniedException(authorization == null
                    ? "Reading needs the header `Authorization: Bearer <read token>`."
                    : "The read token in the Authorization header is not valid.");
        }
    }
}
