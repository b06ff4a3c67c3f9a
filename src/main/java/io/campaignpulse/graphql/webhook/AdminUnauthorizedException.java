package io.campaignpulse.graphql.webhook;

import io.smallrye.graphql.api.ErrorCode;

/** No or a wrong admin bearer token, or no admin token configured at all. */
@ErrorCode("UNAUTHORIZED")
public class AdminUnauthorizedException extends AdminApiException {

    public AdminUnauthorizedException(String message) {
        super(message);
    }
}
