-- Every event the provider delivered, stored once.
-- seq orders events by commit: ingestion takes a transaction-scoped advisory lock before it
-- inserts, so a higher seq is always committed after a lower one. Cursors, paging and the
-- gap-free resume of subscriptions rely on that.
create table event (
    seq                bigint generated always as identity primary key,
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
    constraint event_event_id_key unique (event_id)
);

-- Keyset paging newest first, per filter the API offers.
create index event_mailing_seq_idx   on event (mailing_id, seq desc)   where mailing_id is not null;
create index event_recipient_seq_idx on event (recipient_id, seq desc) where recipient_id is not null;
create index event_client_seq_idx    on event (client_id, seq desc)    where client_id is not null;
create index event_list_seq_idx      on event (user_list_id, seq desc) where user_list_id is not null;
create index event_type_seq_idx      on event (type, seq desc);

-- Elements of a delivery that can never be stored (no type, not an object, ...).
-- Kept verbatim so an operator can look at them; a retry of the delivery could not fix them.
create table dead_letter (
    id            bigint generated always as identity primary key,
    received_at   timestamptz not null,
    reason        text        not null,
    element_index int         not null,
    element       text        not null
);
create index dead_letter_received_idx on dead_letter (received_at desc);
