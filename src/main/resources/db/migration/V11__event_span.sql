-- What each ingest transaction stored: its run of seq and the span of event_at (the partition key) those events lie
-- in. The projection reads committed events by seq, which says nothing about their partition, so without a bound on
-- event_at PostgreSQL plans and probes the seq index of every partition: with daily partitions and the default 90-day
-- retention that is ~100 partitions and made each of the projection's reads ~4-20 ms instead of ~0.3 ms
-- (docs/SCALE.md). With the span's bounds as parameters it plans and reads only the partitions the events are in.
--
-- Written by the event insert itself (io.campaignpulse.event.EventWriter, in the same statement, so a span commits or
-- rolls back with its events); the only other writer of `event` is this migration history. Rows are removed by the
-- projection once it has taken them (io.campaignpulse.readmodel.ReadModelPosition): every span after the read model's
-- position is here, which is all the projection needs.
create table event_span (
    last_seq  bigint primary key,
    first_seq bigint not null,
    earliest  timestamptz not null,
    latest    timestamptz not null,
    check (first_seq <= last_seq and earliest <= latest)
);

-- Events stored before this migration and not yet projected: one span over all of them, unbounded in time. (max(seq)
-- reads the end of each partition's seq index; a count(*) would read the whole table.)
insert into event_span (last_seq, first_seq, earliest, latest)
select max(seq), 0, '-infinity', 'infinity' from event having max(seq) is not null;
