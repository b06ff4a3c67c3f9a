package io.campaignpulse.provider;

import java.util.List;

/**
 * What a sync did. A webhook it created appears under {@code created} only (already activated);
 * one it updated and then activated appears under both {@code updated} and {@code activated}.
 */
public record SyncReport(List<ProviderWebhook> created, List<ProviderWebhook> updated, List<ProviderWebhook> activated,
        List<Long> removed, List<ProviderWebhook> unchanged) {

    public String summary() {
        return "created " + ids(created) + ", updated " + ids(updated) + ", activated " + ids(activated)
                + ", removed " + removed + ", unchanged " + ids(unchanged);
    }

    private static List<Long> ids(List<ProviderWebhook> webhooks) {
        return webhooks.stream().map(ProviderWebhook::id).toList();
    }
}
