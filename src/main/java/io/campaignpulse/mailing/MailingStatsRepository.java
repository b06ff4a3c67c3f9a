package io.campaignpulse.mailing;

import static io.campaignpulse.db.Columns.longOrNull;
import static io.campaignpulse.db.Columns.longValue;
import static io.campaignpulse.db.Columns.text;
import static io.campaignpulse.db.Columns.timestamp;

import java.util.List;
import java.util.Set;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads mailing statistics from their own tables (primary key or index lookups only). */
@ApplicationScoped
public class MailingStatsRepository {

    private static final String COLUMNS = """
            select mailing_id, client_id, sent, opens, unique_opens, clicks, unique_clicks, soft_bounces,
                   hard_bounces, unsubscribes, spam_complaints, first_event_at, last_event_at, changed_seq
            from mailing_stats
            """;

    public Uni<MailingStatsRow> find(Mutiny.Session session, long mailingId) {
        return session.createNativeQuery(COLUMNS + " where mailing_id = :id", Object[].class)
                .setParameter("id", mailingId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : toRow(rows.get(0)));
    }

    /**
     * The mailing if one of {@code visibleClients} owns it (null: every client may be seen); null otherwise,
     * exactly as if it did not exist.
     */
    public Uni<MailingStatsRow> find(Mutiny.Session session, long mailingId, Set<Long> visibleClients) {
        if (visibleClients == null) {
            return find(session, mailingId);
        }
        if (visibleClients.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return session.createNativeQuery(COLUMNS + " where mailing_id = :id and client_id = any(cast(:clients as bigint[]))", Object[].class)
                .setParameter("id", mailingId)
                .setParameter("clients", visibleClients.toArray(Long[]::new))
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : toRow(rows.get(0)));
    }

    /**
     * {@link #byActivity(Mutiny.Session, MailingActivityKey, int)} limited to the mailings of
     * {@code visibleClients} (null: every client), by the (client_id, last_event_at, mailing_id) index.
     */
    public Uni<List<MailingStatsRow>> byActivity(Mutiny.Session session, MailingActivityKey after, int limit, Set<Long> visibleClients) {
        if (visibleClients == null) {
            return byActivity(session, after, limit);
        }
        if (visibleClients.isEmpty() || limit <= 0) {
            return Uni.createFrom().item(List.of());
        }
        String keyset = after == null ? "" : " and (last_event_at, mailing_id) < (:at, :id)";
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(COLUMNS
                + " where client_id = any(cast(:clients as bigint[]))" + keyset
                + " order by last_event_at desc, mailing_id desc limit :limit", Object[].class)
                .setParameter("clients", visibleClients.toArray(Long[]::new))
                .setParameter("limit", limit);
        if (after != null) {
            query.setParameter("at", after.lastEventAt()).setParameter("id", after.mailingId());
        }
        return query.getResultList().map(MailingStatsRepository::toRows);
    }

    /** Most recent activity first; {@code after} is the position of the last mailing already seen, or null. */
    public Uni<List<MailingStatsRow>> byActivity(Mutiny.Session session, MailingActivityKey after, int limit) {
        if (after == null) {
            return session.createNativeQuery(COLUMNS + " order by last_event_at desc, mailing_id desc limit :limit", Object[].class)
                    .setParameter("limit", limit)
                    .getResultList()
                    .map(MailingStatsRepository::toRows);
        }
        return session.createNativeQuery(COLUMNS
                + " where (last_event_at, mailing_id) < (:at, :id) order by last_event_at desc, mailing_id desc limit :limit",
                Object[].class)
                .setParameter("at", after.lastEventAt())
                .setParameter("id", after.mailingId())
                .setParameter("limit", limit)
                .getResultList()
                .map(MailingStatsRepository::toRows);
    }

    /** The most clicked links of a mailing, most clicks first. */
    public Uni<List<LinkStatsRow>> topLinks(Mutiny.Session session, long mailingId, int limit) {
        if (limit <= 0) {
            return Uni.createFrom().item(List.of());
        }
        return session.createNativeQuery("""
                select mailing_id, link, clicks, unique_clicks from mailing_link
                where mailing_id = :id
                order by clicks desc, link_hash
                limit :limit
                """, Object[].class)
                .setParameter("id", mailingId)
                .setParameter("limit", limit)
                .getResultList()
                .map(rows -> rows.stream()
                        .map(r -> new LinkStatsRow(longValue(r[0]), text(r[1]), longValue(r[2]), longValue(r[3])))
                        .toList());
    }

    private static List<MailingStatsRow> toRows(List<Object[]> rows) {
        return rows.stream().map(MailingStatsRepository::toRow).toList();
    }

    private static MailingStatsRow toRow(Object[] r) {
        return new MailingStatsRow(longValue(r[0]), longOrNull(r[1]), longValue(r[2]), longValue(r[3]), longValue(r[4]),
                longValue(r[5]), longValue(r[6]), longValue(r[7]), longValue(r[8]), longValue(r[9]), longValue(r[10]),
                timestamp(r[11]), timestamp(r[12]), longValue(r[13]));
    }
}
