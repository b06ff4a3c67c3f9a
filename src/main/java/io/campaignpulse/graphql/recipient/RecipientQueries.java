package io.campaignpulse.graphql.recipient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.campaignpulse.event.EventCriteria;
import io.campaignpulse.graphql.BadUserInputException;
import io.campaignpulse.graphql.ReadSessions;
import io.campaignpulse.graphql.TextArguments;
import io.campaignpulse.graphql.event.EventConnection;
import io.campaignpulse.graphql.event.EventQueries;
import io.campaignpulse.graphql.paging.Cursors;
import io.campaignpulse.graphql.paging.InvalidCursorException;
import io.campaignpulse.graphql.paging.PageSize;
import io.campaignpulse.recipient.RecipientListRepository;
import io.campaignpulse.recipient.RecipientListView;
import io.campaignpulse.recipient.RecipientRepository;
import io.campaignpulse.recipient.RecipientStatus;
import io.campaignpulse.security.CallerScope;
import io.campaignpulse.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

@GraphQLApi
public class RecipientQueries {

    private final RecipientRepository recipients;
    private final RecipientListRepository recipientLists;
    private final ReadSessions sessions;
    private final PageSize pageSize;
    private final EventQueries events;
    private final CallerScope scope;

    public RecipientQueries(RecipientRepository recipients, RecipientListRepository recipientLists, ReadSessions sessions,
            PageSize pageSize, EventQueries events, CallerScope scope) {
        this.scope = scope;
        this.recipients = recipients;
        this.recipientLists = recipientLists;
        this.sessions = sessions;
        this.pageSize = pageSize;
        this.events = events;
    }

    @RolesAllowed(Roles.READER)
    @Query("recipient")
    @Description("A recipient's status; null when no event of theirs has been stored.")
    public Uni<Recipient> recipient(@Name("recipientId") @NonNull String recipientId) throws BadUserInputException {
        TextArguments.check("recipientId", recipientId);
        return scope.current().chain(caller -> sessions.read(() -> recipients.findVisible(recipientId, caller.visibleClientsOrNull())))
                .map(row -> row == null ? null : new Recipient(row));
    }

    @RolesAllowed(Roles.READER)
    @Query("recipients")
    @Description("Recipients in recipient id order (stable while events arrive), optionally only those with an overall status.")
    public @NonNull Uni<RecipientConnection> recipients(@Name("status") RecipientStatus status,
            @Name("first") @DefaultValue("50") Integer first, @Name("after") String after)
            throws BadUserInputException, InvalidCursorException {
        int size = pageSize.of(first);
        String afterId = Cursors.recipientId(after);
        return scope.current()
                .chain(caller -> sessions.read(() -> recipients.page(status, afterId, size + 1, caller.visibleClientsOrNull())))
                .map(rows -> RecipientConnection.of(rows, size));
    }

    /** Batched: one query for the lists of every recipient on the page. */
    @Name("lists")
    public @NonNull Uni<List<@NonNull List<@NonNull RecipientList>>> lists(@Source List<Recipient> batch) {
        List<String> ids = batch.stream().map(Recipient::getRecipientId).distinct().toList();
        return scope.current().chain(caller -> sessions.read(() -> recipientLists.ofRecipients(ids, caller.visibleClientsOrNull()))).map(rows -> {
            Map<String, List<RecipientList>> byRecipient = new LinkedHashMap<>();
            for (RecipientListView row : rows) {
                byRecipient.computeIfAbsent(row.recipientId(), id -> new ArrayList<>()).add(new RecipientList(row));
            }
            return batch.stream().map(r -> byRecipient.getOrDefault(r.getRecipientId(), List.of())).toList();
        });
    }

    @Name("events")
    @Description("The recipient's events, newest first.")
    public @NonNull Uni<EventConnection> events(@Source Recipient recipient, @Name("first") Integer first,
            @Name("after") String after) throws BadUserInputException, InvalidCursorException {
        return events.page(EventCriteria.ALL.withRecipientId(recipient.getRecipientId()), first, after);
    }
}
