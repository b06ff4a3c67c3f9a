package io.campaignpulse.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** An argument the query cannot be answered with. Checked, so that SmallRye GraphQL shows its message. */
@ErrorCode("BAD_USER_INPUT")
public class BadUserInputException extends Exception {

    public BadUserInputException(String message) {
        super(message);
    }
}
