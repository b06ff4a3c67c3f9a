package io.campaignpulse.graphql.webhook;

import io.smallrye.graphql.api.ErrorCode;

/** The provider refused the request (400, 409 or another 4xx). */
@ErrorCode("PROVIDER_REJECTED")
public class ProviderRejectedException extends AdminApiException {

    public ProviderRejectedException(String message) {
        super(message);
    }
}
