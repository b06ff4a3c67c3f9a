package io.campaignpulse.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@link ClientScope} of whoever calls the current GraphQL operation (HTTP request or WebSocket
 * subscription). Read through the deferred identity, so that an identity not yet established is
 * awaited without blocking the event loop.
 */
@ApplicationScoped
public class CallerScope {

    private final CurrentIdentityAssociation identities;

    public CallerScope(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    public Uni<ClientScope> current() {
        return identities.getDeferredIdentity().map(ClientScope::of);
    }
}
