package io.campaignpulse.graphql.engine;

import io.smallrye.graphql.api.ErrorCode;

/**
 * The responses being built for all operations in flight already hold as many bytes as the service
 * allows ({@code pulse.graphql.max-response-bytes-in-flight}); the operation may be retried shortly.
 */
@ErrorCode("SERVER_BUSY")
public class ServerBusyException extends Exception {

    public ServerBusyException(String message) {
        super(message, null, false, false);
    }
}
