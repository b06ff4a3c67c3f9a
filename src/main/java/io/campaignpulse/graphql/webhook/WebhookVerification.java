package io.campaignpulse.graphql.webhook;

import java.util.Objects;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.campaignpulse.provider.ProviderVerification;

@Type("WebhookVerification")
@Description("How the target URL answered the provider's test delivery; 200 means ready.")
public record WebhookVerification(
        @Id @NonNull String webhookId,
        @NonNull Integer httpStatusCode,
        String responseBody,
        @NonNull Integer numberOfEvents,
        String targetUrl) {

    public static WebhookVerification of(ProviderVerification v, String webhookId) {
        return new WebhookVerification(v.id() == null ? webhookId : String.valueOf(v.id()),
                Objects.requireNonNullElse(v.httpStatusCode(), 0), v.responseBody(),
                Objects.requireNonNullElse(v.numberOfEvents(), 0), v.targetUrl());
    }
}
