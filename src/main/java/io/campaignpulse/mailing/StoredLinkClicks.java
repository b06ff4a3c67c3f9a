package io.campaignpulse.mailing;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import org.hibernate.annotations.Immutable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One row of {@code mailing_link}: the clicks on one link of one mailing.
 * <p>
 * Read-only ({@link Immutable}): only the read-model projection writes these rows, set-based ({@link MailingStatsUpdater},
 * docs/PERSISTENCE.md). Links can be longer than an index entry allows, so a link is keyed by its md5.
 */
@Entity
@Immutable
@Table(name = "mailing_link")
@IdClass(StoredLinkClicks.Key.class)
public class StoredLinkClicks {

    @Id
    @Column(name = "mailing_id")
    private long mailingId;

    @Id
    @Column(name = "link_hash")
    private UUID linkHash;

    private String link;

    private long clicks;

    @Column(name = "unique_clicks")
    private long uniqueClicks;

    protected StoredLinkClicks() {
        // for Hibernate
    }

    public long mailingId() {
        return mailingId;
    }

    public String link() {
        return link;
    }

    public long clicks() {
        return clicks;
    }

    public long uniqueClicks() {
        return uniqueClicks;
    }

    /** The primary key (mailing_id, link_hash). */
    public static class Key implements Serializable {

        private long mailingId;
        private UUID linkHash;

        protected Key() {
            // for Hibernate
        }

        public Key(long mailingId, UUID linkHash) {
            this.mailingId = mailingId;
            this.linkHash = linkHash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.mailingId == mailingId && Objects.equals(key.linkHash, linkHash);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mailingId, linkHash);
        }
    }
}
