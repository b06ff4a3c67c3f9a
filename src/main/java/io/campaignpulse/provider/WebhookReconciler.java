package io.campaignpulse.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import io.campaignpulse.ingest.IngestConfig;
import io.campaignpulse.provider.ProviderException.Kind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes the provider hold exactly one activated JSON webhook per configured type, targeting
 * {@code pulse.webhooks.public-url} with the credential our ingest endpoint checks.
 * <p>
 * "Ours" are the webhooks targeting the public URL or one of {@code pulse.webhooks.former-urls}; webhooks of
 * any other target URL belong to someone else and are never touched, nor are ours of types not configured.
 * Calls run one after another: the provider limits parallel connections and the report stays in order.
 * Running it again right after changes nothing: it only lists.
 */
@ApplicationScoped
public class WebhookReconciler {

    private static final Logger LOG = Logger.getLogger(WebhookReconciler.class);

    private final OptimizelyWebhooks webhooks;
    private final WebhooksConfig config;
    private final IngestConfig ingest;
    private final AtomicReference<Uni<SyncReport>> running = new AtomicReference<>();

    WebhookReconciler(OptimizelyWebhooks webhooks, WebhooksConfig config, IngestConfig ingest) {
        this.webhooks = webhooks;
        this.config = config;
        this.ingest = ingest;
    }

    /**
     * Runs a sync, or joins the one already running: two syncs side by side would both see a type missing
     * and create it twice. Whoever joins gets the same report.
     */
    public Uni<SyncReport> sync() {
        return Uni.createFrom().deferred(() -> {
            while (true) {
                Uni<SyncReport> current = running.get();
                if (current != null) {
                    return current;
                }
                AtomicReference<Uni<SyncReport>> self = new AtomicReference<>();
                Uni<SyncReport> fresh = syncNow()
                        .onTermination().invoke(() -> running.compareAndSet(self.get(), null))
                        .memoize().indefinitely();
                self.set(fresh);
                if (running.compareAndSet(null, fresh)) {
                    return fresh;
                }
            }
        });
    }

    private Uni<SyncReport> syncNow() {
        Target target;
        try {
            target = target();
        } catch (ProviderException misconfigured) {
            return Uni.createFrom().failure(misconfigured);
        } catch (IllegalStateException noIngestCredential) {
            return Uni.createFrom().failure(notConfigured(noIngestCredential.getMessage()));
        }
        return webhooks.list().flatMap(all -> apply(target, all));
    }

    private Target target() {
        String publicUrl = config.publicUrl().filter(u -> !u.isBlank()).orElseThrow(() -> notConfigured(
                "pulse.webhooks.public-url is not set: it must be the ingest URL as the provider calls it, "
                        + "e.g. https://pulse.example.com/webhooks/optimizely"));
        if (TargetUrls.parse(publicUrl).isEmpty()) {
            throw notConfigured("pulse.webhooks.public-url is not an absolute http(s) URL: " + publicUrl);
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : config.typesOrAll()) {
            types.add(WebhookTypes.normalize(type).orElseThrow(() -> notConfigured("pulse.webhooks.types names an unknown type '"
                    + type.trim() + "'; known types: " + String.join(", ", WebhookTypes.ALL))));
        }
        Set<String> ourUrls = new LinkedHashSet<>();
        ourUrls.add(TargetUrls.canonical(publicUrl));
        config.formerUrls().orElse(List.of()).forEach(url -> ourUrls.add(TargetUrls.canonical(url)));
        return new Target(publicUrl.trim(), TargetUrls.canonical(publicUrl), ourUrls, List.copyOf(types),
                WebhookAuthentication.of(ingest));
    }

    private Uni<SyncReport> apply(Target target, List<ProviderWebhook> all) {
        Map<String, List<ProviderWebhook>> oursByType = new LinkedHashMap<>();
        target.types().forEach(type -> oursByType.put(type, new ArrayList<>()));
        for (ProviderWebhook webhook : all) {
            if (webhook.deleted() || !target.ourUrls().contains(TargetUrls.canonical(webhook.targetUrl()))) {
                continue;
            }
            String type = WebhookTypes.normalize(webhook.type()).orElse(null);
            if (type == null || !oursByType.containsKey(type)) {
                LOG.infof("syncWebhooks leaves webhook %d alone: type %s is not in pulse.webhooks.types", webhook.id(), webhook.type());
                continue;
            }
            oursByType.get(type).add(webhook);
        }
        Progress progress = new Progress();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<ProviderWebhook>> entry : oursByType.entrySet()) {
            chain = chain.flatMap(done -> reconcile(target, entry.getKey(), entry.getValue(), progress));
        }
        return chain.map(done -> progress.report())
                .onFailure().invoke(failure -> LOG.warnf("syncWebhooks stopped (%s); done before that: %s",
                        failure.getMessage(), progress.report().summary()));
    }

    private Uni<Void> reconcile(Target target, String type, List<ProviderWebhook> ours, Progress progress) {
        if (ours.isEmpty()) {
            return webhooks.create(type, target.publicUrl(), target.authentication())
                    .flatMap(created -> created.activated() ? Uni.createFrom().item(created) : webhooks.activate(created.id()))
                    .invoke(progress.created::add)
                    .replaceWithVoid();
        }
        // Keep the one needing least change: already at the public URL, already active, then the oldest.
        List<ProviderWebhook> ranked = ours.stream()
                .sorted(Comparator.comparing((ProviderWebhook w) -> !target.canonicalUrl().equals(TargetUrls.canonical(w.targetUrl())))
                        .thenComparing(w -> !w.activated())
                        .thenComparing(ProviderWebhook::id, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        ProviderWebhook keeper = ranked.get(0);
        Uni<Void> chain = keep(target, type, keeper, progress);
        for (ProviderWebhook duplicate : ranked.subList(1, ranked.size())) {
            chain = chain.flatMap(done -> webhooks.deactivateAndDelete(duplicate).invoke(() -> progress.removed.add(duplicate.id())));
        }
        return chain;
    }

    private Uni<Void> keep(Target target, String type, ProviderWebhook keeper, Progress progress) {
        boolean stale = !target.canonicalUrl().equals(TargetUrls.canonical(keeper.targetUrl()))
                || !OptimizelyWebhooks.FORMAT_JSON.equalsIgnoreCase(keeper.format())
                || !target.authentication().matches(keeper.authentication());
        Uni<ProviderWebhook> current = Uni.createFrom().item(keeper);
        if (stale) {
            current = webhooks.update(keeper.id(), type, target.publicUrl(), target.authentication())
                    // an answer without status says nothing about it: keep what the list said
                    .map(updated -> updated.status() == null ? withStatus(updated, keeper.status()) : updated)
                    .invoke(progress.updated::add);
        }
        return current.flatMap(webhook -> {
            if (webhook.activated()) {
                if (!stale) {
                    progress.unchanged.add(webhook);
                }
                return Uni.createFrom().voidItem();
            }
            return webhooks.activate(webhook.id()).invoke(progress.activated::add).replaceWithVoid();
        });
    }

    private static ProviderWebhook withStatus(ProviderWebhook w, String status) {
        return new ProviderWebhook(w.id(), w.type(), status, w.format(), w.targetUrl(), w.authentication(), w.created(), w.modified());
    }

    private static ProviderException notConfigured(String message) {
        return new ProviderException(Kind.NOT_CONFIGURED, null, message);
    }

    private record Target(String publicUrl, String canonicalUrl, Set<String> ourUrls, List<String> types,
            WebhookAuthentication authentication) {
    }

    /** Filled as the calls succeed, so that a failure can say what was already done. */
    private static final class Progress {
        final List<ProviderWebhook> created = new ArrayList<>();
        final List<ProviderWebhook> updated = new ArrayList<>();
        final List<ProviderWebhook> activated = new ArrayList<>();
        final List<Long> removed = new ArrayList<>();
        final List<ProviderWebhook> unchanged = new ArrayList<>();

        SyncReport report() {
            return new SyncReport(List.copyOf(created), List.copyOf(updated), List.copyOf(activated), List.copyOf(removed),
                    List.copyOf(unchanged));
        }
    }
}
