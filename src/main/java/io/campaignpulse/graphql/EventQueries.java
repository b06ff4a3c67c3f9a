package io.campaignpulse.graphql;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.campaignpulse.event.EventCriteria;
import io.campaignpulse.event.EventSearch;
import io.campaignpulse.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

@GraphQLApi
public class EventQueries {

    private final EventSearch search;
    private final ReadSessions sessions;
    private final PageSize pageSize;

    public EventQueries(EventSearch search, ReadSessions sessions, PageSize pageSize) {
        this.search = search;
        this.sessions = sessions;
        this.pageSize = pageSize;
    }

    @RolesAllowed(Roles.READER)
    @Query("events")
    @Description("Stored events, newest first (in the order they were stored).")
    public @NonNull Uni<EventConnection> events(@Name("filter") EventFilter filter,
            @Name("first") @DefaultValue("50") Integer first, @Name("after") String after)
            throws BadUserInputException, InvalidCursorException {
        return page(EventFilter.toCriteria(filter), first, after);
    }

    @RolesAllowed(Roles.READER)
    @Query("event")
    @Description("One event by the provider's event id.")
    public Uni<Event> event(@Name("eventId") @NonNull String eventId) {
        return sessions.read(session -> search.byEventId(session, eventId)).map(EventFields::of);
    }

    /** One page of events; also serves the {@code events} fields of mailings and recipients. */
    Uni<EventConnection> page(EventCriteria criteria, Integer first, String after)
            throws BadUserInputException, InvalidCursorException {
        int size = pageSize.of(first);
        Long beforeSeq = Cursors.eventSeq(after);
        return sessions.read(session -> search.page(session, criteria, beforeSeq, size + 1))
                .map(fetched -> EventConnection.of(fetched, size));
    }
}
