package io.campaignpulse.provider;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code pulse.webhooks.*}: what {@code syncWebhooks} makes the provider hold. */
@ConfigMapping(prefix = "pulse.webhooks")
public interface WebhooksConfig {

    /** The ingest URL as the provider must call it, e.g. {@code https://pulse.example.com/webhooks/optimizely}. */
    Optional<String> publicUrl();

    /** Provider event types to keep one activated webhook for; unset: all twelve ({@link WebhookTypes#ALL}). */
    Optional<List<String>> types();

    /** The types the sync keeps, with the default applied. */
    default List<String> typesOrAll() {
        return types().orElse(WebhookTypes.ALL);
    }

    @WithDefault("false")
    boolean syncOnStart();

    /**
     * Ingest URLs this service was reachable at before. Webhooks still targeting one of them count as ours:
     * the sync moves them to {@link #publicUrl()} instead of leaving them alone as some other system's.
     */
    Optional<List<String>> formerUrls();
}
