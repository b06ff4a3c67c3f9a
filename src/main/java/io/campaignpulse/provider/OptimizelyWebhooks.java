package io.campaignpulse.provider;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.campaignpulse.ingest.IngestConfig;
import io.campaignpulse.provider.ProviderException.Kind;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The webhook operations of Optimizely Campaign as this service uses them: credentials and client id from
 * {@code pulse.optimizely.*}, paging, retry with back-off for the calls that are safe to repeat (list and
 * update) and every failure as a {@link ProviderException}. Never logs a body or a secret.
 */
@ApplicationScoped
public class OptimizelyWebhooks {

    private static final Logger LOG = Logger.getLogger(OptimizelyWebhooks.class);
    static final String FORMAT_JSON = "json";

    private final OptimizelyWebhookClient client;
    private final ProviderConfig config;
    private final ProviderErrors errors;
    private final MeterRegistry metrics;

    OptimizelyWebhooks(@RestClient OptimizelyWebhookClient client, ProviderConfig config, IngestConfig ingest,
            MeterRegistry metrics) {
        this.client = client;
        this.config = config;
        this.metrics = metrics;
        this.errors = new ProviderErrors(List.of(config.apiPassword().orElse(""), ingest.headerValue().orElse(""),
                ingest.basicPassword().orElse("")));
    }

    /** Every webhook of the client, read page by page (stable order by id) until a page comes back short. */
    public Uni<List<ProviderWebhook>> list() {
        return withCredentials("selectWebhooks", (clientId, authorization) -> readFrom(clientId, authorization, 0, new ArrayList<>()));
    }

    private Uni<List<ProviderWebhook>> readFrom(long clientId, String authorization, int offset, List<ProviderWebhook> read) {
        int limit = config.pageSize();
        return call("selectWebhooks", true,
                () -> client.selectWebhooks(clientId, authorization, "ID", "ASC", offset, limit))
                .flatMap(page -> {
                    List<ProviderWebhook> got = page == null ? List.of() : page;
                    read.addAll(got);
                    return got.size() < limit ? Uni.createFrom().item(read) : readFrom(clientId, authorization, offset + limit, read);
                });
    }

    /** The webhook with this id; fails with {@link Kind#NOT_FOUND} when the client has none (there is no get-one call). */
    public Uni<ProviderWebhook> find(long webhookId) {
        return list().map(all -> all.stream().filter(w -> w.id() != null && w.id() == webhookId && !w.deleted()).findFirst()
                .orElseThrow(() -> new ProviderException(Kind.NOT_FOUND, null,
                        "Optimizely Campaign has no webhook with id " + webhookId + " for this client")));
    }

    /** @param authentication null leaves the field out */
    public Uni<ProviderWebhook> create(String type, String targetUrl, WebhookAuthentication authentication) {
        return withCredentials("createWebhook", (clientId, authorization) -> call("createWebhook", false,
                () -> client.createWebhook(clientId, authorization, type, FORMAT_JSON, targetUrl, formValue(authentication))));
    }

    /** Sends the whole definition again, as the provider requires; same request, same result, so it is retried. */
    public Uni<ProviderWebhook> update(long webhookId, String type, String targetUrl, WebhookAuthentication authentication) {
        return withCredentials("updateWebhook", (clientId, authorization) -> call("updateWebhook", true,
                () -> client.updateWebhook(clientId, webhookId, authorization, type, FORMAT_JSON, targetUrl, formValue(authentication))));
    }

    public Uni<ProviderWebhook> activate(long webhookId) {
        return withCredentials("activateWebhook", (clientId, authorization) -> call("activateWebhook", false,
                () -> client.activateWebhook(clientId, webhookId, authorization)));
    }

    public Uni<ProviderWebhook> deactivate(long webhookId) {
        return withCredentials("deactivateWebhook", (clientId, authorization) -> call("deactivateWebhook", false,
                () -> client.deactivateWebhook(clientId, webhookId, authorization)));
    }

    /** Deletes as the provider allows it: only once deactivated. */
    public Uni<Void> delete(long webhookId) {
        return withCredentials("deleteWebhook", (clientId, authorization) -> call("deleteWebhook", false,
                () -> client.deleteWebhook(clientId, webhookId, authorization)));
    }

    /** Deactivates the webhook first when it is active, since the provider refuses to delete an active one. */
    public Uni<Void> deactivateAndDelete(ProviderWebhook webhook) {
        Uni<?> ready = webhook.activated() ? deactivate(webhook.id()) : Uni.createFrom().voidItem();
        return ready.flatMap(ignored -> delete(webhook.id()));
    }

    /** Makes the provider send test events to the target URL: not repeated, each attempt delivers events. */
    public Uni<List<ProviderVerification>> verify(long webhookId, long mailingId, int numberOfEvents) {
        return withCredentials("verifyWebhook", (clientId, authorization) -> call("verifyWebhook", false,
                () -> client.verifyWebhook(clientId, webhookId, authorization, mailingId, numberOfEvents)))
                .map(answers -> answers == null ? List.of() : answers);
    }

    private <T> Uni<T> call(String operation, boolean safeToRepeat, Supplier<Uni<T>> request) {
        Uni<T> attempt = Uni.createFrom().<T>deferred(request::get).onFailure().transform(f -> errors.map(operation, f));
        ProviderConfig.Retry retry = config.retry();
        if (safeToRepeat && retry.maxRetries() > 0) {
            attempt = attempt
                    .onFailure(f -> f instanceof ProviderException p && p.transientFailure())
                    .invoke(f -> LOG.infof("Optimizely Campaign %s: %s; retrying", operation, f.getMessage()))
                    .onFailure(f -> f instanceof ProviderException p && p.transientFailure())
                    .retry().withBackOff(retry.initialBackOff(), retry.maxBackOff()).withJitter(0.2).atMost(retry.maxRetries())
                    .onFailure().transform(f -> errors.map(operation, f));
        }
        return attempt.onFailure().invoke(f -> recordFailure(operation, (ProviderException) f));
    }

    private void recordFailure(String operation, ProviderException failure) {
        String status = failure.status() != null ? String.valueOf(failure.status()) : failure.kind().name().toLowerCase();
        metrics.counter("pulse.provider.errors", "operation", operation, "status", status).increment();
        LOG.warn(failure.getMessage());
    }

    private <T> Uni<T> withCredentials(String operation, CredentialedCall<T> call) {
        if (config.clientId().isEmpty() || config.apiUser().filter(u -> !u.isBlank()).isEmpty()
                || config.apiPassword().filter(p -> !p.isBlank()).isEmpty()) {
            ProviderException missing = new ProviderException(Kind.NOT_CONFIGURED, null,
                    "The Optimizely Campaign REST API is not configured: set pulse.optimizely.client-id, "
                            + "pulse.optimizely.api-user and pulse.optimizely.api-password");
            recordFailure(operation, missing);
            return Uni.createFrom().failure(missing);
        }
        String basic = config.apiUser().get() + ":" + config.apiPassword().get();
        String authorization = "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8));
        return call.run(config.clientId().get(), authorization);
    }

    private static String formValue(WebhookAuthentication authentication) {
        return authentication == null ? null : authentication.formValue();
    }

    @FunctionalInterface
    private interface CredentialedCall<T> {
        Uni<T> run(long clientId, String authorization);
    }
}
