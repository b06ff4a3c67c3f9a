package io.campaignpulse.graphql.webhook;

import java.time.OffsetDateTime;
import java.util.Objects;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.campaignpulse.provider.ProviderWebhook;

/** A webhook at the provider. Shows how it authenticates, never the password or passphrase. */
@Type("Webhook")
@Description("A webhook at Optimizely Campaign. Shows the kind of authentication, never its secret.")
public record Webhook(
        @Id @NonNull String id,
        @NonNull @Description("The provider's event type, e.g. open, spamcomplaint, archived") String type,
        @NonNull @Description("created, activated, deactivated, deleted or suspended") String status,
        @NonNull String format,
        @NonNull String targetUrl,
        @Description("none, basicAuth or keyAuth; null when the provider does not say") String authenticationType,
        OffsetDateTime created,
        OffsetDateTime modified) {

    public static Webhook of(ProviderWebhook w) {
        return new Webhook(String.valueOf(w.id()), Objects.requireNonNullElse(w.type(), ""),
                Objects.requireNonNullElse(w.status(), ""), Objects.requireNonNullElse(w.format(), ""),
                Objects.requireNonNullElse(w.targetUrl(), ""), w.authenticationType(), w.created(), w.modified());
    }
}
