package io.campaignpulse.recipient;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A recipient as a caller sees it: for a caller who may see every client, the stored {@link StoredRecipient}
 * (projected from it by name); for one limited to some clients, combined from those clients' lists and events only
 * ({@link RecipientRepository}). One shape for both, so the API cannot tell them apart.
 * <p>
 * Registered for reflection: Hibernate builds it through its constructor ({@code select new}), also in the native image.
 *
 * @param statusChangedSeq the change marker the live subscription follows (null: never changed from ACTIVE)
 */
@RegisterForReflection
public record RecipientView(
        String recipientId,
        RecipientStatus status,
        OffsetDateTime lastEventAt,
        long softBounces,
        long hardBounces,
        Long statusChangedSeq) {

    public RecipientView {
        // in UTC, whatever the time zone of the JVM, like every time the API returns
        lastEventAt = lastEventAt == null ? null : lastEventAt.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
