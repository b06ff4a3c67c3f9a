package io.campaignpulse.recipient;

import static io.campaignpulse.db.Columns.longOrNull;
import static io.campaignpulse.db.Columns.longValue;
import static io.campaignpulse.db.Columns.text;
import static io.campaignpulse.db.Columns.timestamp;

import java.util.List;
import java.util.Set;

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
                .map(RecipientRepository::toListRows);
    }

    private static List<RecipientListRow> toListRows(List<Object[]> rows) {
        return rows.stream()
                .map(r -> new RecipientListRow(text(r[0]), longOrNull(r[1]), longOrNull(r[2]),
                        RecipientStatus.valueOf(text(r[3])), timestamp(r[4]), text(r[5])))
                .toList();
    }

    /*
     * Seen by a caller limited to some clients, a recipient is what the lists of those clients say:
     * visible when known on one of them, its overall status combined from those lists only (the
     * precedence of pulse_status_rank, migration V8), its counters and last event time counted from those clients'
     * events (up to the read model's position, like the stored counters), its change marker the latest
     * one among those lists. Nothing of another client's lists or events enters these rows.
     */
    private static final String RANK = "max(pulse_status_rank(rl.status))";

    private static final String SCOPED_ROWS = """
            select v.recipient_id,
                   pulse_status_of_rank(v.rank),
                   a.last_event_at, a.soft_bounces, a.hard_bounces, v.changed_seq
            from visible v
            cross join lateral (
                select max(coalesce(e.occurred_at, e.received_at)) as last_event_at,
                       count(*) filter (where e.type = 'BOUNCE' and not pulse_is_hard_bounce(e.bounce_category)) as soft_bounces,
                       count(*) filter (where e.type = 'BOUNCE' and pulse_is_hard_bounce(e.bounce_category)) as hard_bounces
                from event e
                where e.recipient_id = v.recipient_id and e.client_id = any(cast(:clients as bigint[]))
                  and e.seq <= (select last_seq from read_model_position)
            ) a
            """;

    private static String visible(String where, String having, String orderAndLimit) {
        return "with visible as (select rl.recipient_id, " + RANK + " as rank, max(rl.status_changed_seq) as changed_seq"
                + " from recipient_list rl where rl.client_id = any(cast(:clients as bigint[]))" + where
                + " group by rl.recipient_id" + having + orderAndLimit + ") " + SCOPED_ROWS;
    }

    private static final String STATUS_RANK_PARAMETER = " having " + RANK + " = pulse_status_rank(:status)";

    /** The recipient as the given clients see it (null: every client, the stored overall row); null if not visible. */
    public Uni<RecipientRow> find(Mutiny.Session session, String recipientId, Set<Long> visibleClients) {
        if (visibleClients == null) {
            return find(session, recipientId);
        }
        if (visibleClients.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return session.createNativeQuery(visible(" and rl.recipient_id = :id", "", ""), Object[].class)
                .setParameter("clients", visibleClients.toArray(Long[]::new))
                .setParameter("id", recipientId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : toRow(rows.get(0)));
    }

    /** {@link #page(Mutiny.Session, RecipientStatus, String, int)} as the given clients see it (null: every client). */
    public Uni<List<RecipientRow>> page(Mutiny.Session session, RecipientStatus status, String afterRecipientId, int limit,
            Set<Long> visibleClients) {
        if (visibleClients == null) {
            return page(session, status, afterRecipientId, limit);
        }
        if (visibleClients.isEmpty() || limit <= 0) {
            return Uni.createFrom().item(List.of());
        }
        String sql = visible(afterRecipientId == null ? "" : " and rl.recipient_id > :after",
                status == null ? "" : STATUS_RANK_PARAMETER, " order by rl.recipient_id limit :limit")
                + " order by v.recipient_id";
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class)
                .setParameter("clients", visibleClients.toArray(Long[]::new))
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
     * For a subscriber limited to some clients: the recipients one of whose visible lists changed status
     * after marker {@code after} (recipient_list.status_changed_seq), as those clients see them, in
     * marker order; only those whose visible overall status is {@code status}, if given.
     */
    public Uni<List<RecipientRow>> visibleListStatusChangedAfter(Mutiny.Session session, RecipientStatus status, long after,
            Set<Long> visibleClients) {
        if (visibleClients.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String sql = visible("""
                 and rl.recipient_id in (select c.recipient_id from recipient_list c
                                         where c.status_changed_seq > :after and c.client_id = any(cast(:clients as bigint[])))""",
                status == null ? "" : STATUS_RANK_PARAMETER, "")
                + " order by v.changed_seq, v.recipient_id";
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class)
                .setParameter("clients", visibleClients.toArray(Long[]::new))
                .setParameter("after", after);
        if (status != null) {
            query.setParameter("status", status.name());
        }
        return query.getResultList().map(rows -> rows.stream().map(RecipientRepository::toRow).toList());
    }

    /** The lists of each recipient given that belong to {@code visibleClients} (null: every list). */
    public Uni<List<RecipientListRow>> lists(Mutiny.Session session, List<String> recipientIds, Set<Long> visibleClients) {
        if (visibleClients == null) {
            return lists(session, recipientIds);
        }
        if (recipientIds.isEmpty() || visibleClients.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session.createNativeQuery("""
                select recipient_id, client_id, user_list_id, status, changed_at, reason
                from recipient_list
                where recipient_id in (:ids) and client_id = any(cast(:clients as bigint[]))
                order by recipient_id, client_id, user_list_id nulls first
                """, Object[].class)
                .setParameter("ids", recipientIds)
                .setParameter("clients", visibleClients.toArray(Long[]::new))
                .getResultList()
                .map(RecipientRepository::toListRows);
    }

    private static RecipientRow toRow(Object[] r) {
        return new RecipientRow(text(r[0]), RecipientStatus.valueOf(text(r[1])), timestamp(r[2]), longValue(r[3]),
                longValue(r[4]), longOrNull(r[5]));
    }
}
