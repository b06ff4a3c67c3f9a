package io.campaignpulse.recipient;

import java.time.OffsetDateTime;

import org.hibernate.annotations.Immutable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of {@code recipient}: the overall status across all lists, and the counters. Read as a
 * {@link RecipientView} (the shape every caller gets, whether limited to some clients or not).
 * <p>
 * Read-only ({@link Immutable}): only the read-model projection writes these rows, set-based
 * ({@link RecipientStatusUpdater}, docs/PERSISTENCE.md).
 */
@Entity
@Immutable
@Table(name = "recipient")
public class StoredRecipient {

    @Id
    @Column(name = "recipient_id")
    private String recipientId;

    @Enumerated(EnumType.STRING)
    private RecipientStatus status;

    @Column(name = "last_event_at")
    private OffsetDateTime lastEventAt;

    @Column(name = "soft_bounces")
    private long softBounces;

    @Column(name = "hard_bounces")
    private long hardBounces;

    /** range.last of the projection that last changed the overall status (null: never changed from ACTIVE). */
    @Column(name = "status_changed_seq")
    private Long statusChangedSeq;

    protected StoredRecipient() {
        // for Hibernate
    }
}
