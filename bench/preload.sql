-- Preloads :events historical events into the event store with SQL (bench/scale.sh), far faster than the ingest
-- endpoint: a month of events is built apart with its indexes made in bulk, then attached as that month's partition
-- (the layout of migration V9: event partitioned by event_at, one partition per UTC day or month, as
-- pulse.retention.partition-interval says); a period whose partition exists already (the service makes today's and
-- those ahead) goes through the partitioned table itself.
--
--   psql -v events=20000000 -v days=89 -v interval=day -v mailings=1000 -v recipients=1000000 -f bench/preload.sql
--
-- Distribution, like bench/ingest.lua and LoadGen: event times spread evenly over the last :days days, seq rising
-- with time (the order they would have been committed in); mailings numbered from 10230000001, each sent on one
-- day and answered over the days after, so a day holds events of the mailings of the days before it; recipients
-- r0..r<recipients-1>@example.com; types in the bench's mix (sent 35 %, open 30 %, click 20 %, bounce 5 %,
-- unsubscribe 5 %, spam complaint 5 %); event ids random (md5), as a provider's ids are to the unique index; the
-- payload the provider's JSON with the same fields as the bench deliveries (~450 bytes).
-- The read model is not built from these rows (read_model_position is moved past them, see bench/scale.sh).
\set ON_ERROR_STOP 1
set jit = off;
set maintenance_work_mem = '256MB';

-- seqs of the preloaded rows come after every seq handed out so far, then the sequence continues after them
select nextval('event_seq') as seq_base \gset
select setval('event_seq', :seq_base + :events);
create temporary table preload_param as
select :events::bigint as total, :days::int as days, :mailings::int as mailings, :recipients::int as recipients,
       :seq_base::bigint as seq_base, now() as until;
-- the row numbers the generator makes next (one month at a time)
create temporary table preload_range (first_n bigint, last_n bigint);

-- Row n of the preload, for the rows of preload_range (a view, so the expressions are computed once per row
-- produced, with nothing materialised in between).
create temporary view preload_row as
with base as (
    select n, p.seq_base,
           p.until - make_interval(days => p.days) + (n::double precision / p.total) * make_interval(days => p.days) as at,
           (array['sent','sent','sent','sent','sent','sent','sent','open','open','open','open','open','open',
                  'click','click','click','click','bounce','unsubscribe','spamcomplaint'])[1 + (hashint8(n) & 65535) % 20] as t,
           ((hashint8(n * 7 + 1) & 2147483647) % p.recipients) as r,
           -- one of the mailings sent in the last two weeks (mailings are numbered by the day they were sent)
           greatest(0, least(p.mailings - 1,
               floor((n::double precision / p.total) * p.mailings)::int
               - ((hashint8(n * 13 + 5) & 65535) % greatest(1, p.mailings * 14 / p.days)))) as m
    from preload_param p, preload_range g, generate_series(g.first_n, g.last_n) as n
)
select seq_base + n as seq,
       'pre-' || md5(n::text) as event_id,
       upper(case t when 'spamcomplaint' then 'spam_complaint' else t end) as type,
       t as provider_type,
       10180860001::bigint as client_id,
       'r' || r || '@example.com' as recipient_id,
       10180860004::bigint as user_list_id,
       10230000001 + m as mailing_id,
       'M' || (10230000001 + m) || '-' || r as mail_id,
       10227900000 + r as subscription_id,
       'EMAIL' as media_type,
       'r' || r || '@example.com' as address,
       at as occurred_at,
       at + interval '2 seconds' as received_at,
       case when t = 'bounce' then case when r % 3 = 0 then 'hardbounce' else 'softbounce' end end as bounce_category,
       case when t = 'bounce' then 'other' end as bounce_reason,
       case when t = 'bounce' then r % 3 = 0 end as threshold_exceeded,
       case when t = 'click' then 'https://www.example.com/offers/' || (r % 20) || '?utm_source=newsletter' end as link,
       cast('{"type":"' || t || '","id":"pre-' || md5(n::text) || '","recipientId":"r' || r || '@example.com",'
            || '"userListId":10180860004,"clientId":10180860001,"created":' || (extract(epoch from at) * 1000)::bigint
            || ',"subscriptionId":' || (10227900000 + r) || ',"mailId":"M' || (10230000001 + m) || '-' || r || '",'
            || '"mailingId":' || (10230000001 + m) || ',"mediaTypesToAddresses":{"EMAIL":"r' || r || '@example.com"},'
            || '"mediaType":"EMAIL"'
            || case when t = 'click' then ',"link":"https://www.example.com/offers/' || (r % 20) || '?utm_source=newsletter"'
                    when t = 'bounce' then ',"category":"' || case when r % 3 = 0 then 'hardbounce' else 'softbounce' end
                                           || '","reason":"other","thresholdExceeded":' || (r % 3 = 0)
                    else '' end
            || '}' as jsonb) as payload,
       at as event_at
from base;

-- The periods (UTC days or months) the preloaded events fall in, with the row numbers of each.
create temporary table preload_month as
with bounds as (
    select until - make_interval(days => days) as first_at, until as last_at from preload_param
), months as (
    select generate_series(date_trunc(:'interval', first_at, 'UTC'), date_trunc(:'interval', last_at, 'UTC'), cast('1 ' || :'interval' as interval)) as from_at
    from bounds
)
select from_at, from_at + cast('1 ' || :'interval' as interval) as to_at,
       'event_p' || to_char(from_at at time zone 'UTC', 'YYYYMMDD') as name,
       -- row n is at first_at + n/total * span: the first and last n inside [from_at, to_at)
       greatest(1, ceil(extract(epoch from (from_at - first_at)) / extract(epoch from (last_at - first_at)) * :events))::bigint as first_n,
       least(:events::bigint, ceil(extract(epoch from (from_at + cast('1 ' || :'interval' as interval) - first_at)) / extract(epoch from (last_at - first_at)) * :events)::bigint - 1) as last_n,
       from_at = date_trunc(:'interval', last_at, 'UTC') as current_month
from months, bounds;
select name, first_n, last_n, current_month from preload_month order by from_at;

-- Periods without a partition: built apart, indexed in bulk, attached (the CHECK constraint spares ATTACH its
-- validating scan). One transaction per period (a procedure called once per period), so that progress shows and a
-- failure keeps the periods done. A period whose partition exists goes through the partitioned table.
create procedure pg_temp.preload_past_month(month_name text)
language plpgsql
as $$
declare
    p record;
    idx record;
begin
    for p in select * from preload_month where name = month_name loop
        delete from preload_range;
        insert into preload_range values (p.first_n, p.last_n);
        if p.current_month or exists (select 1 from pg_class where relname = p.name) then
            insert into event select * from preload_row;
            raise notice '% (through event): rows % to % at %', p.name, p.first_n, p.last_n, clock_timestamp();
            continue;
        end if;
        execute format('create table %I (like event including defaults including storage)', p.name);
        execute format('insert into %I select * from preload_row', p.name);
        execute format('alter table %I add constraint %I check (event_at >= %L and event_at < %L)',
                       p.name, p.name || '_bounds', p.from_at, p.to_at);
        execute format('alter table %I add constraint %I primary key (seq, event_at)', p.name, p.name || '_pkey');
        execute format('alter table %I add constraint %I unique (event_id, event_at)', p.name, p.name || '_event_id_event_at_key');
        -- the parent's other indexes, as defined on it (ATTACH adopts an equal index instead of building one)
        for idx in select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
                   from pg_index i where i.indrelid = 'event'::regclass
                     and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid) loop
            execute replace(replace(idx.def, 'ON ONLY public.event ', format('ON public.%I ', p.name)),
                            'INDEX ' || idx.name || ' ', format('INDEX %I ', p.name || '_' || idx.name));
        end loop;
        execute format('alter table event attach partition %I for values from (%L) to (%L)', p.name, p.from_at, p.to_at);
        execute format('alter table %I drop constraint %I', p.name, p.name || '_bounds');
        raise notice '% attached: rows % to % at %', p.name, p.first_n, p.last_n, clock_timestamp();
    end loop;
end $$;
select format('call pg_temp.preload_past_month(%L)', name) from preload_month
where last_n >= first_n order by from_at \gexec

