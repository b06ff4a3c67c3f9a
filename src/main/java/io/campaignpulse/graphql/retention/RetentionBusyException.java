package io.campaignpulse.graphql.retention;

import io.smallrye.graphql.api.ErrorCode;

/** applyRetention while maintenance runs (here or on another replica); retry once it is done. */
@ErrorCode("RETENTION_BUSY")
public class RetentionBusyException extends Exception {

    public RetentionBusyException(String message) {
        super(message, null, false, false);
    }
}
