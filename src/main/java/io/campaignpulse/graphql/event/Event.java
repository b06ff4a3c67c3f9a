package io.campaignpulse.graphql.event;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Interface;
import org.eclipse.microprofile.graphql.NonNull;

import io.campaignpulse.event.EventType;

/** A stored webhook event. Implemented by {@link BounceEvent}, {@link ClickEvent} and {@link OtherEvent}. */
@Interface
@Description("A webhook event as stored, newest first in every list.")
public interface Event {

    @NonNull
    @Description("The provider's event id (or a content hash where the provider sent none).")
    String getEventId();

    @NonNull
    EventType getType();

    @NonNull
    @Description("The provider's own word for the type, e.g. \"spamcomplaint\", kept for types we do not know.")
    String getProviderType();

    @Id
    Long getClientId();

    String getRecipientId();

    @Id
    Long getUserListId();

    @Id
    Long getMailingId();

    String getMailId();

    String getMediaType();

    @Description("The address from mediaTypesToAddresses for the mediaType.")
    String getAddress();

    @Description("The provider's `created`.")
    OffsetDateTime getOccurredAt();

    @NonNull
    OffsetDateTime getReceivedAt();

    @NonNull
    @Description("The whole event as delivered (JSON text).")
    String getPayload();

    @NonNull
    @Description("Opaque position of this event; usable as `after`.")
    String getCursor();
}
