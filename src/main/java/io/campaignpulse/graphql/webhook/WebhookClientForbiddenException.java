package io.campaignpulse.graphql.webhook;

import io.smallrye.graphql.api.ErrorCode;

/**
 * A webhook mutation by an admin whose client scope does not include the configured Optimizely client
 * (pulse.optimizely.client-id): the webhooks belong to that client, so the caller may not change them.
 */
@ErrorCode("FORBIDDEN")
public class WebhookClientForbiddenException extends AdminApiException {

    public WebhookClientForbiddenException(String message) {
        super(message);
    }
}
