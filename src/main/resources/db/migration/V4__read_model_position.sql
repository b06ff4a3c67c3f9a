-- How far the read model (mailing statistics, recipient status) has followed the event log: every
-- event with seq <= last_seq is counted in it, and no other. Ingest commits events first and the
-- projection (io.campaignpulse.readmodel.ReadModelProjector) brings the read model up to date in its
-- own transaction, which moves this position; its row lock lets one projection run at a time across
-- all replicas, so every event is counted exactly once even after a crash between the two.
create table read_model_position (
    id       boolean primary key default true check (id),
    last_seq bigint  not null
);
-- Until now the read model was kept inside the ingest transaction: it covers every stored event.
insert into read_model_position (last_seq) select coalesce(max(seq), 0) from event;
