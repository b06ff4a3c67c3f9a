package io.campaignpulse.graphql.event;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import io.campaignpulse.event.EventType;
import io.campaignpulse.event.StoredEvent;
import io.campaignpulse.graphql.paging.Cursors;

/**
 * The fields every {@link Event} type shares. Not itself a GraphQL type: it does not implement
 * {@link Event}, so the schema only shows the three concrete types.
 */
public abstract class EventFields {

    private final StoredEvent event;

    EventFields(StoredEvent event) {
        this.event = event;
    }

    StoredEvent stored() {
        return event;
    }

    /** The GraphQL type matching the event's type. */
    public static Event of(StoredEvent event) {
        if (event == null) {
            return null;
        }
        return switch (event.type) {
            case BOUNCE -> new BounceEvent(event);
            case CLICK -> new ClickEvent(event);
            default -> new OtherEvent(event);
        };
    }

    @NonNull
    public String getEventId() {
        return event.eventId;
    }

    @NonNull
    public EventType getType() {
        return event.type;
    }

    @NonNull
    public String getProviderType() {
        return event.providerType;
    }

    @Id
    public Long getClientId() {
        return event.clientId;
    }

    public String getRecipientId() {
        return event.recipientId;
    }

    @Id
    public Long getUserListId() {
        return event.userListId;
    }

    @Id
    public Long getMailingId() {
        return event.mailingId;
    }

    public String getMailId() {
        return event.mailId;
    }

    public String getMediaType() {
        return event.mediaType;
    }

    public String getAddress() {
        return event.address;
    }

    public OffsetDateTime getOccurredAt() {
        return utc(event.occurredAt);
    }

    @NonNull
    public OffsetDateTime getReceivedAt() {
        return utc(event.receivedAt);
    }

    @NonNull
    public String getPayload() {
        return event.payload;
    }

    @NonNull
    public String getCursor() {
        return Cursors.event(event.seq);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
