-- Events and dead letters partitioned by time, so that retention drops whole partitions instead of deleting rows
-- (docs/RETENTION.md). Upgrades a populated database in place: the rows are copied into the partitioned tables
-- with their seq and ids unchanged, so cursors, the read model's position and live resumes stay valid.
--
-- Partition maintenance (partitions ahead of time, moving rows out of the default partitions, dropping expired
-- partitions) is the service's job (io.campaignpulse.retention.PartitionMaintenance); this migration only creates
-- what holds the existing rows: one partition per calendar month (UTC) that has rows, plus a default partition.

-- An old replica still writing during a rolling upgrade waits here instead of writing into a table being copied.
lock table event, dead_letter in access exclusive mode;

-- ---------------------------------------------------------------------------------------------------------------
-- event
-- ---------------------------------------------------------------------------------------------------------------
alter table event rename to event_v8;
-- names are reused by the partitioned table; the old table is dropped below
alter table event_v8 drop constraint event_event_id_key;
alter table event_v8 drop constraint event_pkey;
drop index event_mailing_seq_idx, event_recipient_seq_idx, event_client_seq_idx, event_list_seq_idx, event_type_seq_idx;

-- seq keeps its meaning: taken from this sequence while the ingest transaction holds the ingest advisory lock, so a
-- higher seq is committed after a lower one. A sequence instead of an identity column: PostgreSQL 15 has no
-- identity columns on partitioned tables. It continues after the highest value the old identity ever handed out
-- (a value taken by a conflicting insert is never handed out again, as before).
create sequence event_seq as bigint;
do $$
declare
    old_sequence text := pg_get_serial_sequence('event_v8', 'seq');
    last_given   bigint;
begin
    execute format('select case when is_called then last_value else 0 end from %s', old_sequence) into last_given;
    last_given := greatest(last_given, coalesce((select max(seq) from event_v8), 0));
    perform setval('event_seq', greatest(last_given, 1), last_given > 0);
end $$;

create table event (
    seq                bigint      not null default nextval('event_seq'),
    event_id           text        not null,
    type               text        not null,
    provider_type      text        not null,
    client_id          bigint,
    recipient_id       text,
    user_list_id       bigint,
    mailing_id         bigint,
    mail_id            text,
    subscription_id    bigint,
    media_type         text,
    address            text,
    occurred_at        timestamptz,
    received_at        timestamptz not null,
    bounce_category    text,
    bounce_reason      text,
    threshold_exceeded boolean,
    link               text,
    payload            jsonb       not null,
    -- The partition key: the event's own time, `created` (occurred_at), which every redelivery repeats, so a
    -- redelivery is routed to the partition of the first delivery and meets it in the unique key (event_id, event_at). An event
    -- without `created` takes the arrival time of its first delivery, kept in event_undated for its redeliveries.
    -- Always equal to coalesce(occurred_at, received_at), the "event time" of the read model and the API's filters.
    event_at           timestamptz not null
) partition by range (event_at);
alter sequence event_seq owned by event.seq;

-- Rows no partition covers: events far in the past or future, and anything that arrives while maintenance has not
-- run. The maintenance job moves them into their own partitions; they are stored, found and counted meanwhile.
create table event_default partition of event default;

-- The first arrival of each event delivered without `created`: its redeliveries take their partition time from here.
-- Kept beyond the event's own retention (one small row per such event; the provider sends `created` on every event
-- it documents), so that a redelivery of a dropped undated event is still recognised as expired.
create table event_undated (
    event_id          text        primary key,
    first_received_at timestamptz not null
);

do $$
declare
    month timestamptz;
begin
    for month in
        select distinct date_trunc('month', coalesce(occurred_at, received_at), 'UTC') from event_v8
    loop
        execute format('create table %I partition of event for values from (%L) to (%L)',
                       'event_p' || to_char(month at time zone 'UTC', 'YYYYMMDD'), month, month + interval '1 month');
    end loop;
end $$;

insert into event (seq, event_id, type, provider_type, client_id, recipient_id, user_list_id, mailing_id, mail_id,
                   subscription_id, media_type, address, occurred_at, received_at, bounce_category, bounce_reason,
                   threshold_exceeded, link, payload, event_at)
select seq, event_id, type, provider_type, client_id, recipient_id, user_list_id, mailing_id, mail_id,
       subscription_id, media_type, address, occurred_at, received_at, bounce_category, bounce_reason,
       threshold_exceeded, link, payload, coalesce(occurred_at, received_at)
from event_v8;

-- Keys and indexes are built after the copy: one sort per partition is several times faster than maintaining them
-- row by row (docs/RETENTION.md "Upgrading").
alter table event
    -- seq alone is unique (one sequence); a key on a partitioned table must contain the partition key.
    -- Needed by: the projection and the live feed (seq ranges: seq > :position order by seq), unfiltered pages
    -- (order by seq desc), and as the replica identity for logical replication.
    add constraint event_pkey primary key (seq, event_at),
    -- Exact deduplication (INSERT .. ON CONFLICT DO NOTHING) and `event(id:)`: a redelivery has the same event_at,
    -- so its conflict is found in the one partition it is routed to.
    add constraint event_event_id_key unique (event_id, event_at);

-- Keyset paging newest first, one index per filter of `events` (and of Mailing.events / Recipient.events). Each was
-- checked against its query (docs/RETENTION.md "Indexes"): without it, a page for a rare value walks seq back
-- through every partition. The low-cardinality ones (client, list, type) insert at a few hot leaf pages (seq grows),
-- so they cost CPU and WAL per insert but no random reads; only event_id and recipient_id are random-keyed, and
-- both are needed (dedup; a recipient's events and the per-client recipient read).
create index event_mailing_seq_idx   on event (mailing_id, seq desc)   where mailing_id is not null;
create index event_recipient_seq_idx on event (recipient_id, seq desc) where recipient_id is not null;
create index event_client_seq_idx    on event (client_id, seq desc)    where client_id is not null;
create index event_list_seq_idx      on event (user_list_id, seq desc) where user_list_id is not null;
create index event_type_seq_idx      on event (type, seq desc);

insert into event_undated (event_id, first_received_at)
select event_id, received_at from event_v8 where occurred_at is null;

drop table event_v8;

-- ---------------------------------------------------------------------------------------------------------------
-- dead_letter, partitioned by arrival (its retention, pulse.retention.dead-letters, drops whole partitions too)
-- ---------------------------------------------------------------------------------------------------------------
alter table dead_letter rename to dead_letter_v8;
alter table dead_letter_v8 drop constraint dead_letter_pkey;
-- Nothing in the service reads dead letters by time; an operator's "latest first" is order by id desc (the key).
drop index dead_letter_received_idx;

create sequence dead_letter_seq as bigint;
do $$
declare
    old_sequence text := pg_get_serial_sequence('dead_letter_v8', 'id');
    last_given   bigint;
begin
    execute format('select case when is_called then last_value else 0 end from %s', old_sequence) into last_given;
    last_given := greatest(last_given, coalesce((select max(id) from dead_letter_v8), 0));
    perform setval('dead_letter_seq', greatest(last_given, 1), last_given > 0);
end $$;

create table dead_letter (
    id            bigint      not null default nextval('dead_letter_seq'),
    received_at   timestamptz not null,
    reason        text        not null,
    element_index int         not null,
    element       text        not null
) partition by range (received_at);
alter sequence dead_letter_seq owned by dead_letter.id;
create table dead_letter_default partition of dead_letter default;

do $$
declare
    month timestamptz;
begin
    for month in select distinct date_trunc('month', received_at, 'UTC') from dead_letter_v8
    loop
        execute format('create table %I partition of dead_letter for values from (%L) to (%L)',
                       'dead_letter_p' || to_char(month at time zone 'UTC', 'YYYYMMDD'), month, month + interval '1 month');
    end loop;
end $$;

insert into dead_letter (id, received_at, reason, element_index, element)
select id, received_at, reason, element_index, element from dead_letter_v8;
alter table dead_letter add constraint dead_letter_pkey primary key (id, received_at);
drop table dead_letter_v8;

-- ---------------------------------------------------------------------------------------------------------------
-- The dedup horizon (docs/RETENTION.md): the end of the newest event partition dropped by retention. Ingest refuses,
-- as dead letters with reason "expired", every event whose time is before it: such an event may have been stored in a
-- partition that is gone, so storing it again could count it twice. The maintenance job moves it in the transaction
-- that drops the partition, so no redelivery of a dropped event can ever be stored and counted again.
-- ---------------------------------------------------------------------------------------------------------------
create table retention_horizon (
    id                    boolean     primary key default true check (id),
    events_expired_before timestamptz not null default '-infinity'
);
insert into retention_horizon default values;

analyze event;
analyze dead_letter;
