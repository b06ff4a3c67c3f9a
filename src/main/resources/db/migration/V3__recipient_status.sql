-- Recipient status, kept by the ingest transaction (io.campaignpulse.recipient.RecipientStatusUpdater).

-- Status per recipient list. Client and list may be missing (a blocklist event need not name
-- a list), so the key treats NULLs as equal.
create table recipient_list (
    recipient_id     text        not null,
    client_id        bigint,
    user_list_id     bigint,
    status           text        not null,
    -- `created` (fallback: received) of the event that set the status; null while only sent/open/click
    -- are known, so that any status event, however old, still applies.
    changed_at       timestamptz,
    changed_event_id text,
    reason           text,
    constraint recipient_list_key unique nulls not distinct (recipient_id, client_id, user_list_id)
);

-- Overall status across the lists, plus counters.
create table recipient (
    recipient_id       text   primary key,
    status             text   not null,
    last_event_at      timestamptz not null,
    soft_bounces       bigint not null default 0,
    hard_bounces       bigint not null default 0,
    -- range.last of the ingest transaction that last changed the overall status (null: never changed
    -- from the ACTIVE an unknown recipient is taken to have).
    status_changed_seq bigint
);
create index recipient_status_idx on recipient (status, recipient_id);
create index recipient_status_changed_seq_idx on recipient (status_changed_seq) where status_changed_seq is not null;
