package io.campaignpulse.graphql;

import io.smallrye.graphql.api.ErrorCode;

/**
 * Ends a subscription whose client did not keep up. Checked, so that SmallRye GraphQL shows its
 * message (which carries the cursor to resume from) to the client.
 */
@ErrorCode("SUBSCRIBER_TOO_SLOW")
public class SubscriberTooSlowError extends Exception {

    public SubscriberTooSlowError(String message) {
        super(message);
    }
}
