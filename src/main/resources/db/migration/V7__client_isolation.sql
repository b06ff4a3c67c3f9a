-- Per-client isolation (README "Per-client isolation"): a caller limited to some Optimizely clients
-- reads only their rows, so the read model needs client-first access paths and a change marker per list.

-- `mailings` of one client, most recent activity first (keyset on (last_event_at, mailing_id)).
create index mailing_stats_client_activity_idx on mailing_stats (client_id, last_event_at desc, mailing_id desc)
    where client_id is not null;

-- `recipients` of one client in recipient id order (the overall status is combined at read time from
-- the caller's lists only).
create index recipient_list_client_recipient_idx on recipient_list (client_id, recipient_id)
    where client_id is not null;

-- range.last of the projection that last changed this list's status (null: never changed from the
-- ACTIVE an unknown list is taken to have). `recipientStatusChanged` for a caller limited to some
-- clients follows these markers instead of the overall one, which other clients' lists move too.
alter table recipient_list add column status_changed_seq bigint;
create index recipient_list_status_changed_seq_idx on recipient_list (status_changed_seq)
    where status_changed_seq is not null;
