package io.campaignpulse.security;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Completes every caller: the roles implied ({@code pulse-admin} is also a reader), the clients it may see
 * ({@link CallerAttributes#CLIENTS}) and when its credential expires. Static tokens come with their clients
 * already (StaticTokenIdentityProvider); a signed token's come from its claim; with {@code pulse.graphql.auth=none}
 * the anonymous caller reads everything.
 */
@ApplicationScoped
public class CallerAugmentor implements SecurityIdentityAugmentor {

    private final GraphQLAccessConfig config;

    public CallerAugmentor(GraphQLAccessConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getAttribute(CallerAttributes.CLIENTS) != null) {
            return Uni.createFrom().item(identity);
        }
        if (identity.isAnonymous()) {
            if (config.mode() != GraphQLAuthMode.NONE) {
                return Uni.createFrom().item(identity);
            }
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                    .addRole(Roles.READER)
                    .addAttribute(CallerAttributes.CLIENTS, Set.of(CallerAttributes.ALL_CLIENTS))
                    .build());
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return Uni.createFrom().item(signedTokenCaller(identity, token));
        }
        return Uni.createFrom().item(identity);
    }

    private SecurityIdentity signedTokenCaller(SecurityIdentity identity, JsonWebToken token) {
        QuarkusSecurityIdentity.Builder caller = QuarkusSecurityIdentity.builder(identity);
        if (identity.hasRole(Roles.ADMIN)) {
            caller.addRole(Roles.READER);
        }
        Set<String> clients = new LinkedHashSet<>(clientIds(token.getClaim(config.clientClaim())));
        // every client only through the configured role, never through the claim's own content
        clients.remove(CallerAttributes.ALL_CLIENTS);
        if (config.allClientsRole().map(identity::hasRole).orElse(false)) {
            clients.add(CallerAttributes.ALL_CLIENTS);
        }
        caller.addAttribute(CallerAttributes.CLIENTS, Set.copyOf(clients));
        if (token.getExpirationTime() > 0) {
            caller.addAttribute(CallerAttributes.EXPIRES_AT, Instant.ofEpochSecond(token.getExpirationTime()));
        }
        return caller.build();
    }

    /** A claim of clientIds: a JSON array of strings or numbers, or one string or number. */
    static Set<String> clientIds(Object claim) {
        Set<String> ids = new LinkedHashSet<>();
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                addId(ids, value);
            }
        } else {
            addId(ids, claim);
        }
        return ids;
    }

    private static void addId(Set<String> ids, Object value) {
        String id = null;
        if (value instanceof JsonString json) {
            id = json.getString();
        } else if (value instanceof JsonNumber number) {
            id = number.isIntegral() ? number.bigIntegerValue().toString() : number.toString();
        } else if (value instanceof String text) {
            id = text;
        } else if (value instanceof Number number) {
            id = number.toString();
        } else if (value != null && !(value instanceof JsonValue) && !(value instanceof Collection<?>)) {
            id = value.toString();
        }
        if (id != null && !id.isBlank()) {
            ids.add(id.trim());
        }
    }
}
