package io.campaignpulse.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A credential that was presented and refused, with why (no secret in it). */
public final class RefusedCredentialRequest extends BaseAuthenticationRequest {

    private final String reason;

    public RefusedCredentialRequest(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
