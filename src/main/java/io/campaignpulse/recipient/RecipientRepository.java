package io.campaignpulse.recipient;

import static io.campaignpulse.db.Columns.longOrNull;
import static io.campaignpulse.db.Columns.longValue;
import static io.campaignpulse.db.Columns.text;
import static io.campaignpulse.db.Columns.timestamp;

import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads recipient status from its own tables (primary key or index lookups only). */
@ApplicationScoped
public class RecipientRepository {

    private static final String COLUMNS = """
            select recipient_id, status, last_event_at, soft_bounces, hard_bounces, status_changed_seq from recipient
            """;

    public Uni<RecipientRow> find(Mutiny.Session session, String recipientId) {
        return session.createNativeQuery(COLUMNS + " where recipient_id = :id", Object[].class)
                .setParameter("id", recipientId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : toRow(rows.get(0)));
    }

    /**
     * Recipients in recipient id order, optionally only those with the given overall status.
     * The order never changes as events arrive, so paging through it is stable.
     */
    public Uni<List<RecipientRow>> page(Mutiny.Session session, RecipientStatus status, String afterRecipientId, int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" where true");
        if (status != null) {
            sql.append(" and status = :status");
        }
        if (afterRecipientId != null) {
            sql.append(" and recipient_id > :after");
        }
        sql.append(" order by recipient_id limit :limit");
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql.toString(), Object[].class)
                .setParameter("limit", limit);
        if (status != null) {
            query.setParameter("status", status.name());
        }
        if (afterRecipientId != null) {
            query.setParameter("after", afterRecipientId);
        }
        return query.getResultList().map(rows -> rows.stream().map(RecipientRepository::toRow).toList());
    }

    /**
     * Recipients whose overall status changed after marker {@code after} ({@code status_changed_seq},
     * which follows commit order), in marker order; only those now in {@code status}, if given.
     */
    public Uni<List<RecipientRow>> statusChangedAfter(Mutiny.Session session, RecipientStatus status, long after) {
        String sql = COLUMNS + " where status_changed_seq > :after" + (status == null ? "" : " and status = :status")
                + " order by status_changed_seq, recipient_id";
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class)
                .setParameter("after", after);
        if (status != null) {
            query.setParameter("status", status.name());
        }
        return query.getResultList().map(rows -> rows.stream().map(RecipientRepository::toRow).toList());
    }

    /** The list statuses of each recipient given. */
    public Uni<List<RecipientListRow>> lists(Mutiny.Session session, List<String> recipientIds) {
        if (recipientIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session.createNativeQuery("""
                select recipient_id, client_id, user_list_id, status, changed_at, reason
                from recipient_list
                where recipient_id in (:ids)
                order by recipient_id, client_id nulls first, user_list_id nulls first
                """, Object[].class)
                .setParameter("ids", recipientIds)
                .getResultList()
                .map(rows -> rows.stream()
                        .map(r -> new RecipientListRow(text(r[0]), longOrNull(r[1]), longOrNull(r[2]),
                                RecipientStatus.valueOf(text(r[3])), timestamp(r[4]), text(r[5])))
                        .toList());
    }

    private static RecipientRow toRow(Object[] r) {
        return new RecipientRow(text(r[0]), RecipientStatus.valueOf(text(r[1])), timestamp(r[2]), longValue(r[3]),
                longValue(r[4]), longOrNull(r[5]));
    }
}
