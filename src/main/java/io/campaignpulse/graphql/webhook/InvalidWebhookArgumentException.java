package io.campaignpulse.graphql.webhook;

import io.smallrye.graphql.api.ErrorCode;

/** An argument of an admin operation that cannot be sent to the provider as it is. */
@ErrorCode("BAD_USER_INPUT")
public class InvalidWebhookArgumentException extends AdminApiException {

    public InvalidWebhookArgumentException(String message) {
        super(message);
    }
}
