package io.campaignpulse.graphql.webhook;

/**
 * An admin operation that did not succeed, told to the caller as it is: a checked exception, whose message
 * SmallRye GraphQL passes on (runtime exception messages are hidden). Each subclass names its
 * {@code extensions.code} with {@code @ErrorCode}. Messages never carry a secret.
 */
public abstract class AdminApiException extends Exception {

    protected AdminApiException(String message) {
        super(message, null, false, false);
    }
}
