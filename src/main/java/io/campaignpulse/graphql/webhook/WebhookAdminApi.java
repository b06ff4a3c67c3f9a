package io.campaignpulse.graphql.webhook;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.campaignpulse.provider.OptimizelyWebhooks;
import io.campaignpulse.provider.ProviderConfig;
import io.campaignpulse.provider.TargetUrls;
import io.campaignpulse.provider.WebhookCredentialPolicy;
import io.campaignpulse.provider.WebhookReconciler;
import io.campaignpulse.provider.WebhookTypes;
import io.campaignpulse.security.CallerScope;
import io.campaignpulse.security.ClientScope;
import io.campaignpulse.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/**
 * The admin surface over the provider's webhooks. Every operation needs the {@code pulse-admin} role (the admin
 * token, or a signed token in that group); the check runs before any provider call.
 */
@GraphQLApi
public class WebhookAdminApi {

    private static final int MAX_VERIFY_EVENTS = 100;

    private final OptimizelyWebhooks webhooks;
    private final WebhookReconciler reconciler;
    private final WebhookCredentialPolicy credentials;

    private final CallerScope scope;
    private final ProviderConfig provider;

    public WebhookAdminApi(OptimizelyWebhooks webhooks, WebhookReconciler reconciler, WebhookCredentialPolicy credentials,
            CallerScope scope, ProviderConfig provider) {
        this.scope = scope;
        this.provider = provider;
        this.webhooks = webhooks;
        this.reconciler = reconciler;
        this.credentials = credentials;
    }

    @RolesAllowed(Roles.ADMIN)
    @Query("webhooks")
    @Description("All webhooks of the configured client at Optimizely Campaign (admin).")
    public Uni<@NonNull List<@NonNull Webhook>> webhooks() {
        // the webhooks are the configured client's: a caller who may not see that client sees none
        return withProviderErrors(() -> scope.current().chain(caller -> !seesConfiguredClient(caller) ? Uni.createFrom().item(List.<Webhook> of())
                : webhooks.list().map(all -> all.stream().filter(w -> !w.deleted()).map(Webhook::of).toList())));
    }

    @RolesAllowed(Roles.ADMIN)
    @Mutation
    @Description("Creates a JSON webhook (admin). Created webhooks are not active until activated.")
    public Uni<@NonNull Webhook> createWebhook(@NonNull WebhookInput input) {
        return ofConfiguredClient(() -> {
            String type = type(input);
            String targetUrl = targetUrl(input);
            return webhooks.create(type, targetUrl, credentials.forTarget(targetUrl).orElse(null)).map(Webhook::of);
        });
    }

    @RolesAllowed(Roles.ADMIN)
    @Mutation
    @Description("Replaces a webhook's type and target URL (admin).")
    public Uni<@NonNull Webhook> updateWebhook(@NonNull @Id String id, @NonNull WebhookInput input) {
        return ofConfiguredClient(() -> {
            long webhookId = id(id, "id");
            String type = type(input);
            String targetUrl = targetUrl(input);
            return webhooks.update(webhookId, type, targetUrl, credentials.forTarget(targetUrl).orElse(null)).map(Webhook::of);
        });
    }

    @RolesAllowed(Roles.ADMIN)
    @Mutation
    @Description("Starts deliveries of a webhook (admin).")
    public Uni<@NonNull Webhook> activateWebhook(@NonNull @Id String id) {
        return ofConfiguredClient(() -> webhooks.activate(id(id, "id")).map(Webhook::of));
    }

    @RolesAllowed(Roles.ADMIN)
    @Mutation
    @Description("Stops deliveries of a webhook (admin).")
    public Uni<@NonNull Webhook> deactivateWebhook(@NonNull @Id String id) {
        return ofConfiguredClient(() -> webhooks.deactivate(id(id, "id")).map(Webhook::of));
    }

    @RolesAllowed(Roles.ADMIN)
    @Mutation
    @Description("Deletes a webhook, deactivating it first when it is active (admin).")
    public Uni<@NonNull Boolean> deleteWebhook(@NonNull @Id String id) {
        return ofConfiguredClient(() -> {
            long webhookId = id(id, "id");
            return webhooks.find(webhookId).flatMap(webhooks::deactivateAndDelete).replaceWith(Boolean.TRUE);
        });
    }

    @RolesAllowed(Roles.ADMIN)
    @Mutation
    @Description("Makes the provider send numberOfEvents (1..100) events of the mailing to the webhook's target URL "
            + "and reports how it answered (admin).")
    public Uni<@NonNull List<@NonNull WebhookVerification>> verifyWebhook(@NonNull @Id String id, @NonNull @Id String mailingId,
            @DefaultValue("1") Integer numberOfEvents) {
        return ofConfiguredClient(() -> {
            long webhookId = id(id, "id");
            long mailing = id(mailingId, "mailingId");
            int count = numberOfEvents == null ? 1 : numberOfEvents;
            if (count < 1 || count > MAX_VERIFY_EVENTS) {
                throw new InvalidWebhookArgumentException("numberOfEvents must be between 1 and " + MAX_VERIFY_EVENTS + ", was " + count);
            }
            return webhooks.verify(webhookId, mailing, count)
                    .map(answers -> answers.stream().map(a -> WebhookVerification.of(a, id)).toList());
        });
    }

    @RolesAllowed(Roles.ADMIN)
    @Mutation
    @Description("Makes the provider match pulse.webhooks.*: one activated JSON webhook per configured type targeting "
            + "pulse.webhooks.public-url with our ingest credential (admin). Running it again changes nothing.")
    public Uni<@NonNull WebhookSyncReport> syncWebhooks() {
        return ofConfiguredClient(() -> reconciler.sync().map(WebhookSyncReport::of));
    }

    /** An admin call on the configured client's webhooks: refused with FORBIDDEN to a caller who may not see that client. */
    private <T> Uni<T> ofConfiguredClient(AdminCall<T> call) {
        return withProviderErrors(() -> scope.current().chain(caller -> {
            if (!seesConfiguredClient(caller)) {
                return Uni.createFrom().failure(new WebhookClientForbiddenException(
                        "The webhooks belong to the configured Optimizely client, which your token does not give you access to"));
            }
            try {
                return call.run();
            } catch (InvalidWebhookArgumentException invalid) {
                return Uni.createFrom().failure(invalid);
            }
        }));
    }

    /** With no client configured every provider call fails with PROVIDER_NOT_CONFIGURED anyway: nothing to hide. */
    private boolean seesConfiguredClient(ClientScope caller) {
        return caller.allowsAll() || provider.clientId().map(caller::allows).orElse(true);
    }

    private <T> Uni<T> withProviderErrors(AdminCall<T> call) {
        try {
            return call.run().onFailure().transform(ProviderFailures::toGraphQL);
        } catch (InvalidWebhookArgumentException invalid) {
            return Uni.createFrom().failure(invalid);
        }
    }

    private static String type(WebhookInput input) throws InvalidWebhookArgumentException {
        return WebhookTypes.normalize(input.type()).orElseThrow(() -> new InvalidWebhookArgumentException(
                "input.type '" + input.type() + "' is not a webhook type; use one of " + String.join(", ", WebhookTypes.ALL)));
    }

    private static String targetUrl(WebhookInput input) throws InvalidWebhookArgumentException {
        if (TargetUrls.parse(input.targetUrl()).isEmpty()) {
            throw new InvalidWebhookArgumentException("input.targetUrl must be an absolute http(s) URL, was '" + input.targetUrl() + "'");
        }
        return input.targetUrl().trim();
    }

    private static long id(String value, String argument) throws InvalidWebhookArgumentException {
        try {
            long id = Long.parseLong(value.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidWebhookArgumentException(argument + " must be a positive whole number, was '" + value + "'");
    }

    @FunctionalInterface
    private interface AdminCall<T> {
        Uni<T> run() throws InvalidWebhookArgumentException;
    }
}
