package io.campaignpulse.graphql.webhook;

import io.smallrye.graphql.api.ErrorCode;

/** The provider failed on its side (5xx) or answered something unreadable. */
@ErrorCode("PROVIDER_ERROR")
public class ProviderFailedException extends AdminApiException {

    public ProviderFailedException(String message) {
        super(message);
    }
}
