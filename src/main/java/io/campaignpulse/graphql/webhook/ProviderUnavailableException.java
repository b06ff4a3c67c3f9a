package io.campaignpulse.graphql.webhook;

import io.smallrye.graphql.api.ErrorCode;

/** The provider did not answer in time or could not be reached. */
@ErrorCode("PROVIDER_UNAVAILABLE")
public class ProviderUnavailableException extends AdminApiException {

    public ProviderUnavailableException(String message) {
        super(message);
    }
}
