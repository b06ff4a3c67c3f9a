package io.campaignpulse.event;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Formula;
import org.hibernate.annotations.Immutable;

/**
 * An event as stored: the provider's payload whole, plus typed columns for what we filter and
 * aggregate on. Rows are written by {@link EventWriter#insertNew} in bulk (one statement per
 * batch, idempotent on {@code event_id}, docs/PERSISTENCE.md), never through this mapping: it is
 * read-only ({@link Immutable}), so Hibernate keeps no snapshot of loaded events and never flushes a change.
 */
@Entity
@Immutable
@Table(name = "event")
public class StoredEvent extends PanacheEntityBase {

    /** Commit-ordered position; the basis of cursors. */
    @Id
    public long seq;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EventType type;

    @Column(name = "provider_type", nullable = false)
    public String providerType;

    @Column(name = "client_id")
    public Long clientId;

    @Column(name = "recipient_id")
    public String recipientId;

    @Column(name = "user_list_id")
    public Long userListId;

    @Column(name = "mailing_id")
    public Long mailingId;

    @Column(name = "mail_id")
    public String mailId;

    @Column(name = "subscription_id")
    public Long subscriptionId;

    @Column(name = "media_type")
    public String mediaType;

    public String address;

    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    /**
     * The event's time, coalesce(occurredAt, receivedAt of its first delivery), which the table is partitioned by
     * (migration V9): time-range filters on it read only the partitions of that range.
     */
    @Column(name = "event_at", nullable = false, insertable = false, updatable = false)
    public OffsetDateTime eventAt;

    @Column(name = "bounce_category")
    public String bounceCategory;

    @Column(name = "bounce_reason")
    public String bounceReason;

    @Column(name = "threshold_exceeded")
    public Boolean thresholdExceeded;

    public String link;

    /**
     * The event exactly as delivered, as JSON text. Read through a cast so the jsonb column needs no
     * JSON mapper at run time (and nothing extra registered for native).
     */
    @Formula("cast(payload as text)")
    public String payload;
}
