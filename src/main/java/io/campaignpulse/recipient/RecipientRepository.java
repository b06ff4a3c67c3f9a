package io.campaignpulse.recipient;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

/**
 * Reads recipients as a caller sees them (primary key or index lookups only), in the session current on the
 * caller's context. {@code visibleClients} is the set of clients whose lists the caller may see; null means every
 * client, and then a recipient is its stored row.
 */
@ApplicationScoped
public class RecipientRepository implements PanacheRepositoryBase<StoredRecipient, String> {

    private static final Sort BY_ID = Sort.by("recipientId");
    private static final Sort BY_STATUS_CHANGE = Sort.by("statusChangedSeq").and("recipientId");

    /** The recipient as {@code visibleClients} see it; null if not visible (or unknown). */
    public Uni<RecipientView> findVisible(String recipientId, Set<Long> visibleClients) {
        if (visibleClients == null) {
            return find("recipientId", recipientId).project(RecipientView.class).firstResult();
        }
        if (visibleClients.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return scoped(visible(" and rl.recipient_id = :id", "", ""), visibleClients, Parameters.with("id", recipientId))
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /**
     * Recipients in recipient id order as {@code visibleClients} see them, optionally only those whose overall
     * status is {@code status}. The order never changes as events arrive, so paging through it is stable.
     */
    public Uni<List<RecipientView>> page(RecipientStatus status, String afterRecipientId, int limit, Set<Long> visibleClients) {
        if (limit <= 0 || visibleClients != null && visibleClients.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (visibleClients == null) {
            if (status != null) {
                where.add("status = :status");
                parameters.and("status", status);
            }
            if (afterRecipientId != null) {
                where.add("recipientId > :after");
                parameters.and("after", afterRecipientId);
            }
            return find(String.join(" and ", where), BY_ID, parameters).project(RecipientView.class)
                    .page(Page.ofSize(limit)).list();
        }
        if (status != null) {
            parameters.and("status", status.name());
        }
        if (afterRecipientId != null) {
            parameters.and("after", afterRecipientId);
        }
        String sql = visible(afterRecipientId == null ? "" : " and rl.recipient_id > :after",
                status == null ? "" : STATUS_RANK_PARAMETER, " order by rl.recipient_id limit :limit")
                + " order by v.recipient_id";
        return scoped(sql, visibleClients, parameters.and("limit", limit));
    }

    /**
     * Recipients whose overall status changed after marker {@code after} ({@code status_changed_seq}, which
     * follows commit order), in marker order; only those now in {@code status}, if given.
     */
    public Uni<List<RecipientView>> statusChangedAfter(RecipientStatus status, long after) {
        Parameters parameters = Parameters.with("after", after);
        String where = "statusChangedSeq > :after";
        if (status != null) {
            where += " and status = :status";
            parameters.and("status", status);
        }
        return find(where, BY_STATUS_CHANGE, parameters).project(RecipientView.class).list();
    }

    /**
     * For a subscriber limited to some clients: the recipients one of whose visible lists changed status
     * after marker {@code after} (recipient_list.status_changed_seq), as those clients see them, in
     * marker order; only those whose visible overall status is {@code status}, if given.
     */
    public Uni<List<RecipientView>> visibleListStatusChangedAfter(RecipientStatus status, long after, Set<Long> visibleClients) {
        if (visibleClients.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Parameters parameters = Parameters.with("after", after);
        if (status != null) {
            parameters.and("status", status.name());
        }
        String sql = visible("""
                 and rl.recipient_id in (select c.recipient_id from recipient_list c
                                         where c.status_changed_seq > :after and c.client_id = any(cast(:clients as bigint[])))""",
                status == null ? "" : STATUS_RANK_PARAMETER, "")
                + " order by v.changed_seq, v.recipient_id";
        return scoped(sql, visibleClients, parameters);
    }

    /*
     * Seen by a caller limited to some clients, a recipient is what the lists of those clients say:
     * visible when known on one of them, its overall status combined from those lists only (the
     * precedence of pulse_status_rank, migration V8), its counters and last event time counted from those clients'
     * events (up to the read model's position, like the stored counters), its change marker the latest
     * one among those lists. Nothing of another client's lists or events enters these rows.
     *
     * Native SQL (docs/PERSISTENCE.md): no table holds these rows; they are aggregated at read time with the SQL
     * functions that also define the stored overall status, so the two cannot disagree.
     */
    private static final String RANK = "max(pulse_status_rank(rl.status))";

    private static final String SCOPED_ROWS = """
            select v.recipient_id as recipient_id,
                   pulse_status_of_rank(v.rank) as status,
                   a.last_event_at as last_event_at, a.soft_bounces as soft_bounces, a.hard_bounces as hard_bounces,
                   v.changed_seq as status_changed_seq
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

    private static final String STATUS_RANK_PARAMETER = " having " + RANK + " = pulse_status_rank(:status)";

    private static String visible(String where, String having, String orderAndLimit) {
        return "with visible as (select rl.recipient_id, " + RANK + " as rank, max(rl.status_changed_seq) as changed_seq"
                + " from recipient_list rl where rl.client_id = any(cast(:clients as bigint[]))" + where
                + " group by rl.recipient_id" + having + orderAndLimit + ") " + SCOPED_ROWS;
    }

    private Uni<List<RecipientView>> scoped(String sql, Set<Long> visibleClients, Parameters parameters) {
        return getSession().chain(session -> {
            Mutiny.SelectionQuery<Tuple> query = session.createNativeQuery(sql, Tuple.class)
                    .setParameter("clients", visibleClients.toArray(Long[]::new));
            parameters.map().forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(RecipientRepository::view).toList());
    }

    /** By column name: the aliases of {@link #SCOPED_ROWS}. */
    private static RecipientView view(Tuple row) {
        return new RecipientView(row.get("recipient_id", String.class),
                RecipientStatus.valueOf(row.get("status", String.class)),
                row.get("last_event_at", OffsetDateTime.class),
                row.get("soft_bounces", Long.class),
                row.get("hard_bounces", Long.class),
                row.get("status_changed_seq", Long.class));
    }
}
