package io.campaignpulse.graphql.live;

import java.util.function.Function;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.campaignpulse.event.EventCriteria;
import io.campaignpulse.graphql.BadUserInputException;
import io.campaignpulse.graphql.event.Event;
import io.campaignpulse.graphql.event.EventFields;
import io.campaignpulse.graphql.event.EventFilter;
import io.campaignpulse.graphql.mailing.Mailing;
import io.campaignpulse.graphql.paging.Cursors;
import io.campaignpulse.graphql.paging.InvalidCursorException;
import io.campaignpulse.graphql.recipient.Recipient;
import io.campaignpulse.graphql.websocket.WebSocketBackpressure;
import io.campaignpulse.live.LiveChanges;
import io.campaignpulse.live.LiveEvents;
import io.campaignpulse.live.SubscriberTooSlowException;
import io.campaignpulse.live.TransportBackpressure;
import io.campaignpulse.recipient.RecipientStatus;
import io.campaignpulse.security.CallerScope;
import io.campaignpulse.security.ClientScope;
import io.campaignpulse.security.Roles;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;

/**
 * Live updates over WebSocket at /graphql (graphql-transport-ws and graphql-ws).
 * <p>
 * The fields are nullable on purpose: an error that ends a stream (too slow, refused) reaches the
 * client as a result with {@code data: {field: null}} and the error. With a non-null field type
 * graphql-java turns that result into a stream failure, which SmallRye's WebSocket handler does not
 * send at all, leaving the client waiting forever.
 */
@GraphQLApi
@EndsWithCredential
public class LiveSubscriptions {

    private final LiveEvents events;
    private final LiveChanges changes;
    private final WebSocketBackpressure backpressure;

    private final CallerScope scope;

    public LiveSubscriptions(LiveEvents events, LiveChanges changes, WebSocketBackpressure backpressure, CallerScope scope) {
        this.scope = scope;
        this.events = events;
        this.changes = changes;
        this.backpressure = backpressure;
    }

    @RolesAllowed(Roles.READER)
    @Subscription("events")
    @Description("Every newly stored event that matches the filter, once, after its transaction committed. With `after` "
            + "(an event cursor), first every matching event stored after it, then live: reconnect with the last cursor "
            + "received and nothing is missed or sent twice. Ends with SUBSCRIBER_TOO_SLOW if the client falls too far behind.")
    public Multi<Event> events(@Name("filter") EventFilter filter, @Name("after") String after) {
        try {
            EventCriteria criteria = EventFilter.toCriteria(filter);
            Long afterSeq = Cursors.eventSeq(after);
            TransportBackpressure connection = backpressure.current();
            return tooSlowAsError(asCaller(caller -> events.events(criteria.visibleTo(caller.visibleClientsOrNull()), afterSeq,
                    connection, event -> Cursors.event(event.seq)))
                    .map(EventFields::of));
        } catch (BadUserInputException | InvalidCursorException refused) {
            return refusal(refused);
        }
    }

    @RolesAllowed(Roles.READER)
    @Subscription("mailingStats")
    @Description("The mailing each time its statistics change.")
    public Multi<Mailing> mailingStats(@Name("mailingId") @NonNull @Id long mailingId) {
        TransportBackpressure connection = backpressure.current();
        return tooSlowAsError(asCaller(caller -> changes.mailingStats(mailingId, caller.visibleClientsOrNull(), connection))
                .map(Mailing::new));
    }

    @RolesAllowed(Roles.READER)
    @Subscription("recipientStatusChanged")
    @Description("A recipient each time their overall status changes (only changes to `status`, if given).")
    public Multi<Recipient> recipientStatusChanged(@Name("status") RecipientStatus status) {
        TransportBackpressure connection = backpressure.current();
        return tooSlowAsError(asCaller(caller -> changes.recipientStatusChanged(status, caller.visibleClientsOrNull(), connection))
                .map(Recipient::new));
    }

    /** The stream as the subscriber's client scope lets it see (read once, when the subscription starts). */
    private <T> Multi<T> asCaller(Function<ClientScope, Multi<T>> stream) {
        return scope.current().onItem().transformToMulti(stream);
    }

    /**
     * A refusal as the stream's failure rather than thrown: SmallRye GraphQL then reports it like
     * any failure of the stream, with the exception's message and extensions.code (thrown from the
     * method, the code would be missing).
     */
    private static <T> Multi<T> refusal(Exception refused) {
        return Multi.createFrom().failure(StreamErrors.refusal(refused));
    }

    private static <T> Multi<T> tooSlowAsError(Multi<T> items) {
        return items.onFailure(SubscriberTooSlowException.class)
                .transform(slow -> StreamErrors.tooSlow((SubscriberTooSlowException) slow));
    }
}
