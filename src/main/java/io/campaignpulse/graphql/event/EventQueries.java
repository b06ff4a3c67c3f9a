package io.campaignpulse.graphql.event;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.campaignpulse.event.EventCriteria;
import io.campaignpulse.event.EventReadRepository;
import io.campaignpulse.event.EventReadRepository.PayloadSize;
import io.campaignpulse.graphql.BadUserInputException;
import io.campaignpulse.graphql.ReadSessions;
import io.campaignpulse.graphql.TextArguments;
import io.campaignpulse.graphql.engine.ResponseBudget;
import io.campaignpulse.graphql.paging.Cursors;
import io.campaignpulse.graphql.paging.InvalidCursorException;
import io.campaignpulse.graphql.paging.PageSize;
import io.campaignpulse.security.CallerScope;
import io.campaignpulse.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

@GraphQLApi
public class EventQueries {

    private final EventReadRepository search;
    private final ReadSessions sessions;
    private final PageSize pageSize;

    private final CallerScope scope;

    public EventQueries(EventReadRepository search, ReadSessions sessions, PageSize pageSize, CallerScope scope) {
        this.scope = scope;
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
    public Uni<Event> event(@Name("eventId") @NonNull String eventId) throws BadUserInputException {
        TextArguments.check("eventId", eventId);
        ResponseBudget budget = ResponseBudget.current();
        // the event's size is checked before the event is loaded
        return scope.current().chain(caller -> sessions.read(session -> search.payloadBytesByEventId(session, eventId, caller.visibleClientsOrNull())
                .chain(bytes -> bytes == null ? Uni.createFrom().nullItem()
                        : budget.reserve(ResponseBudget.ROW_BYTES + bytes, "event " + eventId)
                                .chain(() -> search.byEventId(session, eventId, caller.visibleClientsOrNull())))))
                .map(EventFields::of);
    }

    /** One page of events; also serves the {@code events} fields of mailings and recipients. */
    public Uni<EventConnection> page(EventCriteria criteria, Integer first, String after)
            throws BadUserInputException, InvalidCursorException {
        int size = pageSize.of(first);
        Long beforeSeq = Cursors.eventSeq(after);
        ResponseBudget budget = ResponseBudget.current();
        // the page's size is checked before the page is loaded
        return scope.current().chain(caller -> {
            EventCriteria visible = criteria.visibleTo(caller.visibleClientsOrNull());
            return sessions.read(session -> search.pagePayloadSizes(session, visible, beforeSeq, size + 1)
                    .chain(sizes -> budget.reserve(bytes(sizes), sizes.size() + " events")
                            .chain(() -> search.page(session, sizes))));
        })
                .map(fetched -> EventConnection.of(fetched, size));
    }

    private static long bytes(List<PayloadSize> payloadSizes) {
        long total = 0;
        for (PayloadSize payload : payloadSizes) {
            total += ResponseBudget.ROW_BYTES + payload.bytes();
        }
        return total;
    }
}
