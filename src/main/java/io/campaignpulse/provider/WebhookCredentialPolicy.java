package io.campaignpulse.provider;

import java.util.Optional;

import io.campaignpulse.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which {@code authentication} a webhook created or updated by an admin carries: our ingest credential when it
 * targets {@code pulse.webhooks.public-url}, nothing otherwise, so that our secret is never handed to another URL.
 */
@ApplicationScoped
public class WebhookCredentialPolicy {

    private final WebhooksConfig webhooks;
    private final IngestConfig ingest;

    WebhookCredentialPolicy(WebhooksConfig webhooks, IngestConfig ingest) {
        this.webhooks = webhooks;
        this.ingest = ingest;
    }

    public Optional<WebhookAuthentication> forTarget(String targetUrl) {
        boolean ours = webhooks.publicUrl().filter(url -> !url.isBlank())
                .map(url -> TargetUrls.canonical(url).equals(TargetUrls.canonical(targetUrl)))
                .orElse(false);
        return ours ? Optional.of(WebhookAuthentication.of(ingest)) : Optional.empty();
    }
}
