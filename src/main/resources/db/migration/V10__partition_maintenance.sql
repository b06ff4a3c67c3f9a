-- The partition maintenance the service runs (io.campaignpulse.retention.PartitionMaintenance), as functions so
-- that an operator can run the same steps by hand (docs/RETENTION.md). The service decides which ranges to create
-- and which partitions to drop; these functions only carry out one step each, in the caller's transaction (the
-- service sets lock_timeout first, so that a step waiting for a lock gives up instead of stalling ingest).

-- The time partitions of a range-partitioned table with their bounds; the default partition has none (null).
-- The bounds are read back from PostgreSQL's own text of them, which it writes in the session's time zone with
-- the offset, so the cast returns the exact instant.
create function pulse_partitions(parent regclass)
    returns table (partition regclass, from_at timestamptz, to_at timestamptz)
    language sql stable
    as $$
        select c.oid::regclass,
               cast((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\)'))[1] as timestamptz),
               cast((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1] as timestamptz)
        from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        where i.inhparent = parent
    $$;

-- Creates the partition [from_at, to_at) of parent (partitioned by key_column), moving into it the rows of the
-- default partition it covers; returns its name (<parent>_pYYYYMMDD, with _HH24MISS when it does not start at
-- midnight UTC) and the number of rows moved. Built apart and attached, because ATTACH PARTITION takes only a SHARE UPDATE EXCLUSIVE lock
-- on the parent (CREATE TABLE .. PARTITION OF would block every reader and writer of the parent meanwhile); the
-- default partition is locked while it is checked, which holds up only inserts routed to it.
create function pulse_create_partition(parent regclass, key_column text, from_at timestamptz, to_at timestamptz)
    returns table (partition_name text, moved_rows bigint)
    language plpgsql
    as $$
    declare
        moved             bigint := 0;
        parent_name       text := (select relname from pg_class where oid = parent);
        default_partition regclass := (select p.partition from pulse_partitions(parent) p where p.from_at is null);
        new_partition     text := parent_name || '_p' || to_char(from_at at time zone 'UTC', 'YYYYMMDD')
                                  || case when from_at = date_trunc('day', from_at, 'UTC') then ''
                                          else to_char(from_at at time zone 'UTC', '_HH24MISS') end;
    begin
        execute format('create table %I (like %s including defaults including constraints including storage)', new_partition, parent);
        if default_partition is not null then
            execute format('with moved as (delete from %s where %I >= $1 and %I < $2 returning *) insert into %I select * from moved',
                           default_partition, key_column, key_column, new_partition)
                using from_at, to_at;
            get diagnostics moved = row_count;
        end if;
        execute format('alter table %s attach partition %I for values from (%L) to (%L)', parent, new_partition, from_at, to_at);
        return query select new_partition, moved;
    end $$;

-- Drops a partition (never the default one) and returns about how many rows it held: exact when that is cheap
-- (the statistics say at most 100,000 rows, or nothing yet), else PostgreSQL's estimate (pg_class.reltuples).
create function pulse_drop_partition(partition regclass)
    returns bigint
    language plpgsql
    as $$
    declare
        estimate real := (select reltuples from pg_class where oid = partition);
        counted  bigint;
    begin
        if exists (select 1 from pg_partitioned_table pt join pg_inherits i on i.inhparent = pt.partrelid
                   where i.inhrelid = partition and pt.partdefid = partition) then
            raise exception 'the default partition % is never dropped', partition;
        end if;
        if estimate < 0 or estimate <= 100000 then
            execute format('select count(*) from %s', partition) into counted;
        else
            counted := estimate::bigint;
        end if;
        execute format('drop table %s', partition);
        return counted;
    end $$;
