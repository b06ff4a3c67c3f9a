package io.campaignpulse.graphql.mailing;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.campaignpulse.graphql.BadUserInputException;
import io.campaignpulse.graphql.ReadSessions;
import io.campaignpulse.graphql.event.EventConnection;
import io.campaignpulse.graphql.event.EventFilter;
import io.campaignpulse.graphql.event.EventQueries;
import io.campaignpulse.graphql.paging.Cursors;
import io.campaignpulse.graphql.paging.InvalidCursorException;
import io.campaignpulse.graphql.paging.PageSize;
import io.campaignpulse.mailing.LinkClicksRepository;
import io.campaignpulse.mailing.MailingActivityKey;
import io.campaignpulse.mailing.MailingStatsRepository;
import io.campaignpulse.security.CallerScope;
import io.campaignpulse.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

@GraphQLApi
public class MailingQueries {

    private final MailingStatsRepository mailings;
    private final LinkClicksRepository links;
    private final ReadSessions sessions;
    private final PageSize pageSize;
    private final EventQueries events;
    private final CallerScope scope;

    public MailingQueries(MailingStatsRepository mailings, LinkClicksRepository links, ReadSessions sessions,
            PageSize pageSize, EventQueries events, CallerScope scope) {
        this.scope = scope;
        this.mailings = mailings;
        this.links = links;
        this.sessions = sessions;
        this.pageSize = pageSize;
        this.events = events;
    }

    @RolesAllowed(Roles.READER)
    @Query("mailing")
    @Description("A mailing's statistics; null when no event of it has been stored.")
    public Uni<Mailing> mailing(@Name("mailingId") @NonNull @Id long mailingId) {
        return scope.current().chain(caller -> sessions.read(() -> mailings.findVisible(mailingId, caller.visibleClientsOrNull())))
                .map(row -> row == null ? null : new Mailing(row));
    }

    @RolesAllowed(Roles.READER)
    @Query("mailings")
    @Description("Mailings, most recent activity (latest event time) first.")
    public @NonNull Uni<MailingConnection> mailings(@Name("first") @DefaultValue("50") Integer first,
            @Name("after") String after) throws BadUserInputException, InvalidCursorException {
        int size = pageSize.of(first);
        MailingActivityKey afterKey = Cursors.mailingKey(after);
        return scope.current()
                .chain(caller -> sessions.read(() -> mailings.byActivity(afterKey, size + 1, caller.visibleClientsOrNull())))
                .map(rows -> MailingConnection.of(rows, size));
    }

    @Name("topLinks")
    @Description("The most clicked links, most clicks first.")
    public @NonNull Uni<List<@NonNull LinkStats>> topLinks(@Source Mailing mailing,
            @Name("limit") @DefaultValue("10") Integer limit) throws BadUserInputException {
        int size = linkLimit(limit);
        return sessions.read(() -> links.topLinks(mailing.getMailingId(), size))
                .map(rows -> rows.stream().map(LinkStats::new).toList());
    }

    @Name("events")
    @Description("The mailing's events, newest first.")
    public @NonNull Uni<EventConnection> events(@Source Mailing mailing, @Name("filter") EventFilter filter,
            @Name("first") Integer first, @Name("after") String after) throws BadUserInputException, InvalidCursorException {
        return events.page(EventFilter.toCriteria(filter).withMailingId(mailing.getMailingId()), first, after);
    }

    private int linkLimit(Integer limit) throws BadUserInputException {
        if (limit == null) {
            return 10;
        }
        if (limit < 0) {
            throw new BadUserInputException("`limit` must not be negative (got " + limit + ").");
        }
        return pageSize.of(limit);
    }
}
