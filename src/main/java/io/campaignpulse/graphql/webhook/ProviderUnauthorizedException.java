package io.campaignpulse.graphql.webhook;

import io.smallrye.graphql.api.ErrorCode;

/** The provider answered 401: our API user or password is wrong. */
@ErrorCode("PROVIDER_UNAUTHORIZED")
public class ProviderUnauthorizedException extends AdminApiException {

    public ProviderUnauthorizedException(String message) {
        super(message);
    }
}
