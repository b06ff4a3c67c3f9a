package io.campaignpulse.graphql;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.campaignpulse.event.EventCriteria;
import io.campaignpulse.event.EventSearch;
import io.campaignpulse.security.CallerScope;
import io.campaignpulse.security.ReadAccess;
import io.campaignpulse.security.ReadAccessDeniedException;
import io.smallrye.mutiny.Uni;

@GraphQLApi
public class EventQueries {

    private final EventSearch search;
    private final ReadSessions sessions;
    private final PageSize pageSize;
    private final ReadAccess access;
    private final CallerScope scope;

    public EventQueries(EventSearch search, ReadSessions sessions, PageSize pageSize, ReadAccess access, CallerScope scope) {
        this.search = search;
        this.sessions = sessions;
        this.pageSize = pageSize;
        this.access = access;
        this.scope = scope;
    }

    @Query("events")
    @Description("Stored events, newest first (in the order they were stored).")
    public @NonNull Uni<EventConnection> events(@Name("filter") EventFilter filter,
            @Name("first") @DefaultValue("50") Integer first, @Name("after") String after)
            throws BadUserInputException, InvalidCursorException, ReadAccessDeniedException {
        access.checkCurrentRequest();
        return page(EventFilter.toCriteria(filter), first, after);
    }

    @Query("event")
    @Description("One event by the provider's event id.")
    public Uni<Event> event(@Name("eventId") @NonNull String eventId) throws ReadAccessDeniedException {
        access.checkCurrentRequest();
        return scope.current().chain(caller -> sessions.read(session -> search.byEventId(session, eventId, caller.visibleClientsOrNull())))
                .map(EventFields::of);
    }

    /**
     * One page of the caller's events (only its clients'); also serves the {@code events} fields of
     * mailings and recipients.
     */
    Uni<EventConnection> page(EventCriteria criteria, Integer first, String after)
            throws BadUserInputException, InvalidCursorException {
        int size = pageSize.of(first);
        Long beforeSeq = Cursors.eventSeq(after);
        return scope.current()
                .chain(caller -> sessions.read(session -> search.page(session, criteria.visibleTo(caller.visibleClientsOrNull()),
                        beforeSeq, size + 1)))
                .map(fetched -> EventConnection.of(fetched, size));
    }
}
