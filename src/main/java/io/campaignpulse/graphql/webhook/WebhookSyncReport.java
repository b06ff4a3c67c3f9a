package io.campaignpulse.graphql.webhook;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.campaignpulse.provider.SyncReport;

@Type("WebhookSyncReport")
@Description("What syncWebhooks did. A webhook it created is listed under created only (already activated).")
public record WebhookSyncReport(
        @NonNull List<@NonNull Webhook> created,
        @NonNull List<@NonNull Webhook> updated,
        @NonNull List<@NonNull Webhook> activated,
        @Id @NonNull List<@NonNull String> removed,
        @NonNull List<@NonNull Webhook> unchanged) {

    public static WebhookSyncReport of(SyncReport r) {
        return new WebhookSyncReport(webhooks(r.created()), webhooks(r.updated()), webhooks(r.activated()),
                r.removed().stream().map(String::valueOf).toList(), webhooks(r.unchanged()));
    }

    private static List<Webhook> webhooks(List<io.campaignpulse.provider.ProviderWebhook> list) {
        return list.stream().map(Webhook::of).toList();
    }
}
