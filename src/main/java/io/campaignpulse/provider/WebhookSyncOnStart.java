package io.campaignpulse.provider;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code pulse.webhooks.sync-on-start=true}: wires the provider up when the service starts. Runs in the
 * background; a failure is logged and the service keeps serving (ingestion does not depend on it).
 */
@ApplicationScoped
class WebhookSyncOnStart {

    private static final Logger LOG = Logger.getLogger(WebhookSyncOnStart.class);

    void onStart(@Observes StartupEvent start, WebhooksConfig config, WebhookReconciler reconciler) {
        if (!config.syncOnStart()) {
            return;
        }
        LOG.info("pulse.webhooks.sync-on-start=true: syncing the webhooks at Optimizely Campaign");
        reconciler.sync().subscribe().with(
                report -> LOG.infof("Webhook sync at start-up done: %s", report.summary()),
                failure -> LOG.errorf("Webhook sync at start-up FAILED, the service runs on but the provider may not "
                        + "deliver events here; fix the cause and run the syncWebhooks mutation: %s", failure.getMessage()));
    }
}
