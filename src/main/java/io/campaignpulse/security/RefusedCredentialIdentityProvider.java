package io.campaignpulse.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A refused credential makes an anonymous caller that remembers why: the operations it then may not run fail
 * with UNAUTHORIZED and that reason, as GraphQL errors, instead of the bare HTTP 401 a failed authentication
 * would give (and over WebSocket instead of a closed connection).
 */
@ApplicationScoped
public class RefusedCredentialIdentityProvider implements IdentityProvider<RefusedCredentialRequest> {

    @Override
    public Class<RefusedCredentialRequest> getRequestType() {
        return RefusedCredentialRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RefusedCredentialRequest request, AuthenticationRequestContext context) {
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setAnonymous(true)
                .addAttribute(CallerAttributes.REFUSED, request.reason())
                .build());
    }
}
