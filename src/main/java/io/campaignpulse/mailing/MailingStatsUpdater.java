package io.campaignpulse.mailing;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.event.SeqRange;
import io.campaignpulse.event.StoredEventsListener;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps {@code mailing_stats} and the per-link click counts exact, in the projection transaction.
 * <p>
 * One statement per projection whatever its size: it reads the rows committed since the previous one
 * by primary key range, and updates each mailing once for all of them. Duplicates never reach it (the
 * event insert skipped them), so plain increments are exact. Unique opens/clicks are the pairs
 * an {@code INSERT .. ON CONFLICT DO NOTHING} actually inserted. Native SQL (docs/PERSISTENCE.md); the
 * entities {@link StoredMailingStats} and {@link StoredLinkClicks} read these rows only.
 * <p>
 * Counting rules: a bounce whose category starts with "hard" is a hard bounce, every other bounce
 * (softbounce or no category) a soft one. Event time is {@code created}, or the arrival time where
 * the provider sent none. Events without a mailing id (e.g. blocklist) count for no mailing.
 */
@ApplicationScoped
public class MailingStatsUpdater implements StoredEventsListener {

    static final String UPDATE = """
            with ev as materialized (
                select type, mailing_id, client_id, recipient_id, link, bounce_category,
                       coalesce(occurred_at, received_at) as at
                from event
                where seq between :first and :last /* and event_at within the bounds of the range */ and mailing_id is not null
            ), new_openers as (
                insert into mailing_opener (mailing_id, recipient_id)
                select distinct mailing_id, recipient_id from ev where type = 'OPEN' and recipient_id is not null
                on conflict do nothing
                returning mailing_id
            ), new_clickers as (
                insert into mailing_clicker (mailing_id, recipient_id)
                select distinct mailing_id, recipient_id from ev where type = 'CLICK' and recipient_id is not null
                on conflict do nothing
                returning mailing_id
            ), link_clicks as (
                select mailing_id, cast(md5(link) as uuid) as link_hash, link, recipient_id
                from ev where type = 'CLICK' and link is not null
            ), new_link_clickers as (
                insert into mailing_link_clicker (mailing_id, link_hash, recipient_id)
                select distinct mailing_id, link_hash, recipient_id from link_clicks where recipient_id is not null
                on conflict do nothing
                returning mailing_id, link_hash
            ), links as (
                insert into mailing_link (mailing_id, link_hash, link, clicks, unique_clicks)
                select c.mailing_id, c.link_hash, min(c.link), count(*),
                       (select count(*) from new_link_clickers n
                        where n.mailing_id = c.mailing_id and n.link_hash = c.link_hash)
                from link_clicks c
                group by c.mailing_id, c.link_hash
                on conflict (mailing_id, link_hash) do update
                    set clicks = mailing_link.clicks + excluded.clicks,
                        unique_clicks = mailing_link.unique_clicks + excluded.unique_clicks
            ), per_mailing as (
                select mailing_id,
                       max(client_id) as client_id,
                       count(*) filter (where type = 'SENT') as sent,
                       count(*) filter (where type = 'OPEN') as opens,
                       count(*) filter (where type = 'CLICK') as clicks,
                       count(*) filter (where type = 'BOUNCE' and not pulse_is_hard_bounce(bounce_category)) as soft_bounces,
                       count(*) filter (where type = 'BOUNCE' and pulse_is_hard_bounce(bounce_category)) as hard_bounces,
                       count(*) filter (where type = 'UNSUBSCRIBE') as unsubscribes,
                       count(*) filter (where type = 'SPAM_COMPLAINT') as spam_complaints,
                       min(at) as first_event_at,
                       max(at) as last_event_at
                from ev
                group by mailing_id
            )
            insert into mailing_stats (mailing_id, client_id, sent, opens, unique_opens, clicks, unique_clicks,
                soft_bounces, hard_bounces, unsubscribes, spam_complaints, first_event_at, last_event_at, changed_seq)
            select p.mailing_id, p.client_id, p.sent, p.opens, coalesce(o.n, 0), p.clicks, coalesce(c.n, 0),
                   p.soft_bounces, p.hard_bounces, p.unsubscribes, p.spam_complaints, p.first_event_at, p.last_event_at,
                   cast(:last as bigint)
            from per_mailing p
            left join (select mailing_id, count(*) as n from new_openers group by mailing_id) o on o.mailing_id = p.mailing_id
            left join (select mailing_id, count(*) as n from new_clickers group by mailing_id) c on c.mailing_id = p.mailing_id
            on conflict (mailing_id) do update set
                client_id       = coalesce(mailing_stats.client_id, excluded.client_id),
                sent            = mailing_stats.sent + excluded.sent,
                opens           = mailing_stats.opens + excluded.opens,
                unique_opens    = mailing_stats.unique_opens + excluded.unique_opens,
                clicks          = mailing_stats.clicks + excluded.clicks,
                unique_clicks   = mailing_stats.unique_clicks + excluded.unique_clicks,
                soft_bounces    = mailing_stats.soft_bounces + excluded.soft_bounces,
                hard_bounces    = mailing_stats.hard_bounces + excluded.hard_bounces,
                unsubscribes    = mailing_stats.unsubscribes + excluded.unsubscribes,
                spam_complaints = mailing_stats.spam_complaints + excluded.spam_complaints,
                first_event_at  = least(mailing_stats.first_event_at, excluded.first_event_at),
                last_event_at   = greatest(mailing_stats.last_event_at, excluded.last_event_at),
                changed_seq     = excluded.changed_seq
            """;

    @Override
    public int projectionOrder() {
        return READ_MODEL;
    }

    @Override
    public Uni<Void> onStored(Mutiny.Session session, SeqRange stored) {
        return stored.bind(session.createNativeQuery(stored.boundEventAt(UPDATE)))
                .executeUpdate()
                .replaceWithVoid();
    }
}
