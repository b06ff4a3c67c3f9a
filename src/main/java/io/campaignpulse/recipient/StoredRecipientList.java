package io.campaignpulse.recipient;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

import org.hibernate.annotations.Immutable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One row of {@code recipient_list}: the status of a recipient on one list. Client and list are null where the
 * events did not name them (a blocklist event need not name a list); the table's unique key treats those nulls as
 * equal, and so does {@link Key}.
 * <p>
 * Read only into {@link RecipientListView} ({@code select new}, {@link RecipientListRepository}), never loaded as an
 * entity: Hibernate takes a key with a null part for no row at all, so a list without client or list id would come
 * back as null.
 * <p>
 * Read-only ({@link Immutable}): only the read-model projection writes these rows, set-based
 * ({@link RecipientStatusUpdater}, docs/PERSISTENCE.md).
 */
@Entity
@Immutable
@Table(name = "recipient_list")
@IdClass(StoredRecipientList.Key.class)
public class StoredRecipientList {

    @Id
    @Column(name = "recipient_id")
    private String recipientId;

    @Id
    @Column(name = "client_id")
    private Long clientId;

    @Id
    @Column(name = "user_list_id")
    private Long userListId;

    @Enumerated(EnumType.STRING)
    private RecipientStatus status;

    /** {@code created} (fallback: received) of the event that set the status; null while only sent/open/click are known. */
    @Column(name = "changed_at")
    private OffsetDateTime changedAt;

    private String reason;

    protected StoredRecipientList() {
        // for Hibernate
    }

    /** The table's unique key (recipient_id, client_id, user_list_id), nulls equal. */
    public static class Key implements Serializable {

        private String recipientId;
        private Long clientId;
        private Long userListId;

        protected Key() {
            // for Hibernate
        }

        public Key(String recipientId, Long clientId, Long userListId) {
            this.recipientId = recipientId;
            this.clientId = clientId;
            this.userListId = userListId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(key.recipientId, recipientId)
                    && Objects.equals(key.clientId, clientId) && Objects.equals(key.userListId, userListId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(recipientId, clientId, userListId);
        }
    }
}
