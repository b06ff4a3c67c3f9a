package io.campaignpulse.provider;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.campaignpulse.event.EventType;

/** The event types a webhook can be created for, in the provider's own words. */
public final class WebhookTypes {

    /** All twelve, as {@link EventType} lists them. */
    public static final List<String> ALL = EventType.providerWords();

    private WebhookTypes() {
    }

    /**
     * The create/update word for a type as written by a user or returned by the provider; empty when unknown.
     * The provider answers {@code archived} for webhooks created as {@code archive}.
     */
    public static Optional<String> normalize(String type) {
        if (type == null) {
            return Optional.empty();
        }
        String word = type.trim().toLowerCase(Locale.ROOT);
        if ("archived".equals(word)) {
            word = "archive";
        }
        return ALL.contains(word) ? Optional.of(word) : Optional.empty();
    }
}
