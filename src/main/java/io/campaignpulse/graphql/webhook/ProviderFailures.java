package io.campaignpulse.graphql.webhook;

import io.campaignpulse.provider.ProviderException;

/** The GraphQL error for a failed provider call: one {@code extensions.code} per kind, the provider's words kept. */
public final class ProviderFailures {

    private ProviderFailures() {
    }

    public static Throwable toGraphQL(Throwable failure) {
        if (!(failure instanceof ProviderException provider)) {
            return failure;
        }
        String message = provider.getMessage();
        return switch (provider.kind()) {
            case NOT_CONFIGURED -> new ProviderNotConfiguredException(message);
            case UNAUTHORIZED -> new ProviderUnauthorizedException(message);
            case NOT_FOUND -> new ProviderNotFoundException(message);
            case REJECTED -> new ProviderRejectedException(message);
            case RATE_LIMITED -> new ProviderRateLimitedException(message);
            case FAILED -> new ProviderFailedException(message);
            case UNAVAILABLE -> new ProviderUnavailableException(message);
        };
    }
}
