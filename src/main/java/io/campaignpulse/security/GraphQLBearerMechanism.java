package io.campaignpulse.security;

import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AnonymousAuthenticationRequest;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who calls the GraphQL API, from {@code Authorization: Bearer <token>} (also the connection_init payload of a
 * WebSocket, which Quarkus hands in as that header). A static token first (cheap, and automation keeps working
 * in every mode), then, in {@code jwt} mode, a signed token verified by MicroProfile JWT.
 * <p>
 * It never fails: a credential that does not verify gives an anonymous caller marked with why, so that the
 * caller gets a GraphQL error (UNAUTHORIZED) rather than a bare HTTP 401, over HTTP and WebSocket alike.
 * On other paths the Authorization header belongs to their endpoint (the ingest endpoint's own delivery
 * credential): it is not looked at, and the caller stays anonymous there.
 * Its priority is above the JWT extension's own mechanism, which therefore never sees a GraphQL request's token.
 */
@ApplicationScoped
public class GraphQLBearerMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    private final GraphQLAccessConfig config;
    private final String rootPath;

    public GraphQLBearerMechanism(GraphQLAccessConfig config,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "/graphql") String rootPath) {
        this.config = config;
        this.rootPath = rootPath.endsWith("/") ? rootPath.substring(0, rootPath.length() - 1) : rootPath;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Uni.createFrom().nullItem();
        }
        if (!isGraphQL(context.normalizedPath())) {
            return identities.authenticate(AnonymousAuthenticationRequest.INSTANCE);
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refused(context, identities, "the Authorization header must be `Bearer <token>`");
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            return refused(context, identities, "the bearer token is empty");
        }
        Uni<SecurityIdentity> staticToken = identities.authenticate(inContext(new StaticTokenRequest(token), context));
        if (config.mode() != GraphQLAuthMode.JWT) {
            return staticToken.onFailure().recoverWithUni(
                    notStatic -> refused(context, identities, "the bearer token is not valid (not one of the configured tokens)"));
        }
        return staticToken.onFailure().recoverWithUni(notStatic -> identities
                .authenticate(inContext(new TokenAuthenticationRequest(new JsonWebTokenCredential(token)), context))
                .onFailure().recoverWithUni(failure -> refused(context, identities, JwtRefusals.reason(failure))));
    }

    private boolean isGraphQL(String path) {
        return path != null && path.startsWith(rootPath) && (path.length() == rootPath.length() || path.charAt(rootPath.length()) == '/');
    }

    private static Uni<SecurityIdentity> refused(RoutingContext context, IdentityProviderManager identities, String reason) {
        return identities.authenticate(inContext(new RefusedCredentialRequest(reason), context));
    }

    private static AuthenticationRequest inContext(AuthenticationRequest request, RoutingContext context) {
        return HttpSecurityUtils.setRoutingContextAttribute(request, context);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(StaticTokenRequest.class, TokenAuthenticationRequest.class, RefusedCredentialRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }
}
