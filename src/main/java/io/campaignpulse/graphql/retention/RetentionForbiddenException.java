package io.campaignpulse.graphql.retention;

import io.smallrye.graphql.api.ErrorCode;

/** applyRetention by an admin limited to some clients: it would drop every client's events. */
@ErrorCode("FORBIDDEN")
public class RetentionForbiddenException extends Exception {

    public RetentionForbiddenException() {
        super("applyRetention drops the events of every client; your token is limited to some clients", null, false, false);
    }
}
