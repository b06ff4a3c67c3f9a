package io.campaignpulse.security;

import java.util.Set;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The static tokens of automation: the admin token gives {@code pulse-admin} (and {@code pulse-reader}), the read
 * token {@code pulse-reader}; each sees the clients its {@code *-clients} setting names (every client by default).
 * The service's own warm-up token (see {@link WarmupToken}) reads as a reader of no real client.
 */
@ApplicationScoped
public class StaticTokenIdentityProvider implements IdentityProvider<StaticTokenRequest> {

    /** A client id no Optimizely account has (they are positive): the warm-up's queries run and find nothing. */
    static final String NO_REAL_CLIENT = "-1";

    private final GraphQLAccessConfig config;
    private final WarmupToken warmupToken;

    public StaticTokenIdentityProvider(GraphQLAccessConfig config, WarmupToken warmupToken) {
        this.config = config;
        this.warmupToken = warmupToken;
    }

    @Override
    public Class<StaticTokenRequest> getRequestType() {
        return StaticTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(StaticTokenRequest request, AuthenticationRequestContext context) {
        String token = request.token();
        // both comparisons always run: the time taken must not tell which token matched, or whether one is set
        boolean admin = config.adminToken().map(expected -> ConstantTime.equals(token, expected)).orElse(false);
        boolean read = config.readToken().map(expected -> ConstantTime.equals(token, expected)).orElse(false);
        if (admin) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("admin-token"))
                    .addRole(Roles.ADMIN).addRole(Roles.READER)
                    .addAttribute(CallerAttributes.CLIENTS, config.adminTokenClients())
                    .build());
        }
        if (read) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("read-token"))
                    .addRole(Roles.READER)
                    .addAttribute(CallerAttributes.CLIENTS, config.readTokenClients())
                    .build());
        }
        if (warmupToken.accepts(token)) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("warm-up"))
                    .addRole(Roles.READER)
                    .addAttribute(CallerAttributes.CLIENTS, Set.of(NO_REAL_CLIENT))
                    .build());
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("not a configured static token"));
    }
}
