package io.campaignpulse.recipient;

import java.util.List;
import java.util.Set;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.quarkus.panache.common.Sort.Direction;
import io.quarkus.panache.common.Sort.NullPrecedence;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads the list statuses of recipients, in the session current on the caller's context. */
@ApplicationScoped
public class RecipientListRepository implements PanacheRepositoryBase<StoredRecipientList, StoredRecipientList.Key> {

    /** Per recipient; lists that name no client or no list first. */
    private static final Sort BY_RECIPIENT = Sort.by("recipientId")
            .and("clientId", Direction.Ascending, NullPrecedence.NULLS_FIRST)
            .and("userListId", Direction.Ascending, NullPrecedence.NULLS_FIRST);

    /**
     * The lists of each recipient given that belong to {@code visibleClients} (null: every list), in one query
     * for all of them.
     */
    public Uni<List<RecipientListView>> ofRecipients(List<String> recipientIds, Set<Long> visibleClients) {
        if (recipientIds.isEmpty() || visibleClients != null && visibleClients.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (visibleClients == null) {
            return find("recipientId in ?1", BY_RECIPIENT, recipientIds).project(RecipientListView.class).list();
        }
        return find("recipientId in ?1 and clientId in ?2", BY_RECIPIENT, recipientIds, visibleClients)
                .project(RecipientListView.class).list();
    }
}
