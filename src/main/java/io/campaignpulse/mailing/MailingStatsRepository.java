package io.campaignpulse.mailing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads mailing statistics (primary key or index lookups only), in the session current on the caller's context.
 * {@code visibleClients} is the set of clients whose mailings the caller may see; null means every client.
 */
@ApplicationScoped
public class MailingStatsRepository implements PanacheRepositoryBase<StoredMailingStats, Long> {

    /** Most recent activity first, as the (client_id,) last_event_at, mailing_id indexes are ordered. */
    private static final Sort BY_ACTIVITY = Sort.descending("lastEventAt", "mailingId");

    /** The mailing if one of {@code visibleClients} owns it; null otherwise, exactly as if it did not exist. */
    public Uni<StoredMailingStats> findVisible(long mailingId, Set<Long> visibleClients) {
        if (visibleClients == null) {
            return findById(mailingId);
        }
        if (visibleClients.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return find("mailingId = ?1 and clientId in ?2", mailingId, visibleClients).firstResult();
    }

    /**
     * Mailings of {@code visibleClients}, most recent activity first; {@code after} is the position of the
     * last mailing already seen, or null. Keyset paging, so a page costs the same however deep it is.
     */
    public Uni<List<StoredMailingStats>> byActivity(MailingActivityKey after, int limit, Set<Long> visibleClients) {
        if (limit <= 0 || visibleClients != null && visibleClients.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (visibleClients != null) {
            where.add("clientId in :clients");
            parameters.and("clients", visibleClients);
        }
        if (after != null) {
            where.add("(lastEventAt, mailingId) < (:at, :id)");
            parameters.and("at", after.lastEventAt()).and("id", after.mailingId());
        }
        return find(String.join(" and ", where), BY_ACTIVITY, parameters).page(Page.ofSize(limit)).list();
    }
}
