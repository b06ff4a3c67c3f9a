package io.campaignpulse.graphql.webhook;

import io.smallrye.graphql.api.ErrorCode;

/** The provider answered 429. */
@ErrorCode("PROVIDER_RATE_LIMITED")
public class ProviderRateLimitedException extends AdminApiException {

    public ProviderRateLimitedException(String message) {
        super(message);
    }
}
