package io.campaignpulse.mailing;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads the clicks per link of a mailing, in the session current on the caller's context. */
@ApplicationScoped
public class LinkClicksRepository implements PanacheRepositoryBase<StoredLinkClicks, StoredLinkClicks.Key> {

    /** As the (mailing_id, clicks desc, link_hash) index is ordered, so the top links are its first entries. */
    private static final Sort MOST_CLICKED_FIRST = Sort.descending("clicks").and("linkHash");

    /** The most clicked links of a mailing, most clicks first. */
    public Uni<List<StoredLinkClicks>> topLinks(long mailingId, int limit) {
        if (limit <= 0) {
            return Uni.createFrom().item(List.of());
        }
        return find("mailingId", MOST_CLICKED_FIRST, mailingId).page(Page.ofSize(limit)).list();
    }
}
