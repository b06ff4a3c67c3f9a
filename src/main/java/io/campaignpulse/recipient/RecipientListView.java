package io.campaignpulse.recipient;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The status of a recipient on one list, projected by name from {@link StoredRecipientList}; client and list are
 * null where the events did not name them.
 * <p>
 * Registered for reflection: Hibernate builds it through its constructor ({@code select new}), also in the native image.
 *
 * @param changedAt the time of the event that set the status; null while only sent/open/click events are known
 */
@RegisterForReflection
public record RecipientListView(
        String recipientId,
        Long clientId,
        Long userListId,
        RecipientStatus status,
        OffsetDateTime changedAt,
        String reason) {

    public RecipientListView {
        // in UTC, whatever the time zone of the JVM, like every time the API returns
        changedAt = changedAt == null ? null : changedAt.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
