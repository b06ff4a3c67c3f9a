package io.campaignpulse.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token to compare with the configured static tokens (pulse.graphql.read-token, pulse.admin.token). */
public final class StaticTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public StaticTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
