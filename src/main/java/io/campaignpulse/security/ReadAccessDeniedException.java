package io.campaignpulse.security;

import io.smallrye.graphql.api.ErrorCode;

/** A read without the configured read token. Checked, so that SmallRye GraphQL shows its message. */
@ErrorCode("UNAUTHORIZED")
public class ReadAccessDeniedException extends Exception {

    public ReadAccessDeniedException(String message) {
        super(message);
    }
}
