package io.campaignpulse.recipient;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.event.SeqRange;
import io.campaignpulse.event.StoredEventsListener;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the recipient status per list ({@code recipient_list}) and across lists ({@code recipient})
 * in the projection transaction: two set-based statements per projection, whatever its size (native SQL,
 * docs/PERSISTENCE.md; the entities read these rows only).
 * <p>
 * Status rules per list (client id, user list id, recipient id; client and list may be missing):
 * <ul>
 * <li>hard bounce, or any bounce with {@code thresholdExceeded} → BOUNCED; unsubscribe → UNSUBSCRIBED;
 * spamcomplaint → COMPLAINED; blocklist → BLOCKLISTED; single/double/confirmed opt-in → ACTIVE.</li>
 * <li>sent, open, click and a soft bounce below the threshold create the list as ACTIVE when it is
 * unknown, and never change a known status.</li>
 * <li>archive, filteredbyblocklist and unknown types leave the lists alone (they still count as the
 * recipient's activity).</li>
 * <li>Order: a status event applies only when its time ({@code created}, or arrival where missing;
 * ties broken by event id) is later than that of the event which set the current status, so the
 * result is what the events' own times imply in whatever order they arrive. Within one
 * transaction the latest event per list wins.</li>
 * </ul>
 * Overall status: BLOCKLISTED if any list is, else COMPLAINED if any, else BOUNCED if any, else
 * ACTIVE if any list is ACTIVE, else UNSUBSCRIBED (unsubscribed from every list it is known on).
 * A recipient known on no list yet is ACTIVE.
 */
@ApplicationScoped
public class RecipientStatusUpdater implements StoredEventsListener {

    static final String UPDATE_LISTS = """
            with classified as materialized (
                select event_id, client_id, user_list_id, recipient_id,
                       coalesce(occurred_at, received_at) as at,
                       case
                           when type = 'BOUNCE' and (pulse_is_hard_bounce(bounce_category) or threshold_exceeded) then 'BOUNCED'
                           when type = 'UNSUBSCRIBE' then 'UNSUBSCRIBED'
                           when type = 'SPAM_COMPLAINT' then 'COMPLAINED'
                           when type = 'BLOCKLIST' then 'BLOCKLISTED'
                           when type in ('SINGLE_OPT_IN', 'DOUBLE_OPT_IN', 'CONFIRMED_OPT_IN') then 'ACTIVE'
                       end as new_status,
                       case
                           when type = 'BOUNCE' then concat_ws(': ', coalesce(bounce_category, 'bounce')
                               || case when threshold_exceeded then ' (threshold exceeded)' else '' end, bounce_reason)
                           else provider_type
                       end as reason
                from event
                where seq between :first and :last /* and event_at within the bounds of the range */ and recipient_id is not null
                  and type in ('SENT', 'OPEN', 'CLICK', 'BOUNCE', 'UNSUBSCRIBE', 'SPAM_COMPLAINT', 'BLOCKLIST',
                               'SINGLE_OPT_IN', 'DOUBLE_OPT_IN', 'CONFIRMED_OPT_IN')
            ), latest as (
                select distinct on (recipient_id, client_id, user_list_id)
                       recipient_id, client_id, user_list_id, new_status, at, event_id, reason
                from classified
                where new_status is not null
                order by recipient_id, client_id, user_list_id, at desc, event_id desc
            ), touched as (
                -- lists only seen in sent/open/click: created ACTIVE when unknown, never changed (and, with
                -- DO NOTHING, not even locked when known, which most of them are)
                insert into recipient_list (recipient_id, client_id, user_list_id, status)
                select distinct c.recipient_id, c.client_id, c.user_list_id, 'ACTIVE'
                from classified c
                where c.new_status is null
                  and not exists (select 1 from latest l
                                  where l.recipient_id = c.recipient_id
                                    and l.client_id is not distinct from c.client_id
                                    and l.user_list_id is not distinct from c.user_list_id)
                on conflict on constraint recipient_list_key do nothing
            )
            insert into recipient_list (recipient_id, client_id, user_list_id, status, changed_at, changed_event_id, reason,
                                        status_changed_seq)
            select recipient_id, client_id, user_list_id, new_status, at, event_id, reason,
                   case when new_status <> 'ACTIVE' then cast(:last as bigint) end
            from latest
            on conflict on constraint recipient_list_key do update set
                status_changed_seq = case when recipient_list.status <> excluded.status
                                          then cast(:last as bigint) else recipient_list.status_changed_seq end,
                status = excluded.status,
                changed_at = excluded.changed_at,
                changed_event_id = excluded.changed_event_id,
                reason = excluded.reason
            where (recipient_list.changed_at is null
                   or (excluded.changed_at, excluded.changed_event_id) > (recipient_list.changed_at, recipient_list.changed_event_id))
            """;

    static final String UPDATE_RECIPIENTS = """
            with batch as (
                select recipient_id,
                       max(coalesce(occurred_at, received_at)) as last_event_at,
                       count(*) filter (where type = 'BOUNCE' and not pulse_is_hard_bounce(bounce_category)) as soft_bounces,
                       count(*) filter (where type = 'BOUNCE' and pulse_is_hard_bounce(bounce_category)) as hard_bounces
                from event
                where seq between :first and :last /* and event_at within the bounds of the range */ and recipient_id is not null
                group by recipient_id
            ), overall as materialized (
                select b.*,
                       coalesce((select pulse_status_of_rank(max(pulse_status_rank(rl.status)))
                                 from recipient_list rl where rl.recipient_id = b.recipient_id), 'ACTIVE') as status
                from batch b
            )
            insert into recipient (recipient_id, status, last_event_at, soft_bounces, hard_bounces, status_changed_seq)
            select recipient_id, status, last_event_at, soft_bounces, hard_bounces,
                   case when status <> 'ACTIVE' then cast(:last as bigint) end
            from overall
            on conflict (recipient_id) do update set
                status = excluded.status,
                last_event_at = greatest(recipient.last_event_at, excluded.last_event_at),
                soft_bounces = recipient.soft_bounces + excluded.soft_bounces,
                hard_bounces = recipient.hard_bounces + excluded.hard_bounces,
                status_changed_seq = case when recipient.status <> excluded.status
                                          then cast(:last as bigint) else recipient.status_changed_seq end
            -- no new row version when nothing changes (late or same-time events without bounces)
            where recipient.status <> excluded.status
               or recipient.last_event_at < excluded.last_event_at
               or excluded.soft_bounces > 0
               or excluded.hard_bounces > 0
            """;

    @Override
    public int projectionOrder() {
        return READ_MODEL + 100;
    }

    @Override
    public Uni<Void> onStored(Mutiny.Session session, SeqRange stored) {
        return run(session, UPDATE_LISTS, stored).chain(() -> run(session, UPDATE_RECIPIENTS, stored));
    }

    private static Uni<Void> run(Mutiny.Session session, String sql, SeqRange stored) {
        return stored.bind(session.createNativeQuery(stored.boundEventAt(sql)))
                .executeUpdate()
                .replaceWithVoid();
    }
}
