package io.campaignpulse.graphql.engine;

import io.smallrye.graphql.api.ErrorCode;

/**
 * An operation whose result would hold more bytes than one response may
 * ({@code pulse.graphql.max-response-bytes}). Checked, so that SmallRye GraphQL shows its message.
 */
@ErrorCode("RESPONSE_TOO_LARGE")
public class ResponseTooLargeException extends Exception {

    public ResponseTooLargeException(String message) {
        super(message, null, false, false);
    }
}
