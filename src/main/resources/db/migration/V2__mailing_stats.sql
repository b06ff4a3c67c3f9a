-- Mailing statistics, kept by the ingest transaction (io.campaignpulse.mailing.MailingStatsUpdater)
-- so that they are exact after every committed delivery.
create table mailing_stats (
    mailing_id      bigint primary key,
    client_id       bigint,
    sent            bigint not null default 0,
    opens           bigint not null default 0,
    unique_opens    bigint not null default 0,
    clicks          bigint not null default 0,
    unique_clicks   bigint not null default 0,
    soft_bounces    bigint not null default 0,
    hard_bounces    bigint not null default 0,
    unsubscribes    bigint not null default 0,
    spam_complaints bigint not null default 0,
    first_event_at  timestamptz not null,
    last_event_at   timestamptz not null,
    -- range.last of the ingest transaction that last changed this row: tells live subscribers
    -- which mailings a committed transaction changed.
    changed_seq     bigint not null
);
-- `mailings`: most recent activity first, keyset paged on (last_event_at, mailing_id).
create index mailing_stats_activity_idx on mailing_stats (last_event_at desc, mailing_id desc);
create index mailing_stats_changed_seq_idx on mailing_stats (changed_seq);

-- Who opened / clicked a mailing: an insert that finds the pair already there is not unique.
create table mailing_opener (
    mailing_id   bigint not null,
    recipient_id text   not null,
    primary key (mailing_id, recipient_id)
);
create table mailing_clicker (
    mailing_id   bigint not null,
    recipient_id text   not null,
    primary key (mailing_id, recipient_id)
);

-- Clicks per link. Links can be longer than a btree entry allows, so they are keyed by their md5.
create table mailing_link (
    mailing_id    bigint not null,
    link_hash     uuid   not null,
    link          text   not null,
    clicks        bigint not null default 0,
    unique_clicks bigint not null default 0,
    primary key (mailing_id, link_hash)
);
create index mailing_link_top_idx on mailing_link (mailing_id, clicks desc, link_hash);
create table mailing_link_clicker (
    mailing_id   bigint not null,
    link_hash    uuid   not null,
    recipient_id text   not null,
    primary key (mailing_id, link_hash, recipient_id)
);
