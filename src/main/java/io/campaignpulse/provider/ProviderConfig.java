package io.campaignpulse.provider;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code pulse.optimizely.*}: the Campaign client and the REST API user. Missing values do not stop the
 * service (ingestion works without them); every provider call then fails with a clear "not configured" error.
 * Timeouts and the connection pool are set on the REST client: {@code quarkus.rest-client.optimizely.*}.
 */
@ConfigMapping(prefix = "pulse.optimizely")
public interface ProviderConfig {

    Optional<Long> clientId();

    Optional<String> apiUser();

    Optional<String> apiPassword();

    /** Webhooks asked for per list call; a shorter page ends the listing. */
    @WithDefault("100")
    int pageSize();

    Retry retry();

    /** Back-off for calls that are safe to repeat (list, update) when the provider answers 429 or 5xx. */
    interface Retry {

        /** Retries after the first attempt; 0 disables retrying. */
        @WithDefault("3")
        int maxRetries();

        @WithDefault("PT0.5S")
        Duration initialBackOff();

        @WithDefault("PT5S")
        Duration maxBackOff();
    }
}
