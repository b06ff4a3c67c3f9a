package io.campaignpulse.graphql.webhook;

import io.smallrye.graphql.api.ErrorCode;

/** pulse.optimizely.* or pulse.webhooks.* is incomplete or wrong; no call was made. */
@ErrorCode("PROVIDER_NOT_CONFIGURED")
public class ProviderNotConfiguredException extends AdminApiException {

    public ProviderNotConfiguredException(String message) {
        super(message);
    }
}
