package io.campaignpulse.graphql.paging;

import io.smallrye.graphql.api.ErrorCode;

/**
 * An {@code after} value that is not a cursor of the list asked for. Checked, so that SmallRye
 * GraphQL shows its message to the client.
 */
@ErrorCode("INVALID_CURSOR")
public class InvalidCursorException extends Exception {

    public InvalidCursorException(String message) {
        super(message);
    }
}
