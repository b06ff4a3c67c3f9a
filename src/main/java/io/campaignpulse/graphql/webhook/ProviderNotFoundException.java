package io.campaignpulse.graphql.webhook;

import io.smallrye.graphql.api.ErrorCode;

/** The provider has no such webhook (404, or absent from the list). */
@ErrorCode("PROVIDER_NOT_FOUND")
public class ProviderNotFoundException extends AdminApiException {

    public ProviderNotFoundException(String message) {
        super(message);
    }
}
