package io.campaignpulse.graphql.event;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.campaignpulse.event.EventCriteria;
import io.campaignpulse.event.EventType;
import io.campaignpulse.graphql.BadUserInputException;
import io.campaignpulse.graphql.TextArguments;

@Input("EventFilter")
@Description("Which events to list; every field left out matches all.")
public class EventFilter {

    @Description("Any of these types.")
    public List<@NonNull EventType> types;
    @Id
    public Long clientId;
    @Id
    public Long mailingId;
    public String recipientId;
    @Id
    public Long userListId;
    @Description("Events that occurred at or after this time (`created`, or arrival where the provider sent none).")
    public OffsetDateTime from;
    @Description("Events that occurred before this time.")
    public OffsetDateTime to;

    public static EventCriteria toCriteria(EventFilter filter) throws BadUserInputException {
        if (filter == null) {
            return EventCriteria.ALL;
        }
        if (filter.from != null && filter.to != null && !filter.from.isBefore(filter.to)) {
            throw new BadUserInputException("`filter.from` must be before `filter.to`.");
        }
        return new EventCriteria(
                filter.types == null ? null : (filter.types.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(filter.types)),
                filter.clientId, filter.mailingId, TextArguments.check("filter.recipientId", filter.recipientId), filter.userListId, filter.from, filter.to);
    }
}
