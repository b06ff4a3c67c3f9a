package io.campaignpulse.graphql.webhook;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("WebhookInput")
@Description("A webhook definition: the provider's event type (open, click, sent, bounce, unsubscribe, spamcomplaint, "
        + "singleoptin, confirmedoptin, doubleoptin, blocklist, archive, filteredbyblocklist) and the absolute http(s) URL "
        + "to deliver to. Format is always json. The webhook carries our ingest credential when targetUrl is "
        + "pulse.webhooks.public-url and no authentication otherwise.")
public record WebhookInput(@NonNull String type, @NonNull String targetUrl) {
}
