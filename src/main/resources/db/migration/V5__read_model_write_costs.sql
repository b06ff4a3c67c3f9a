-- Cheaper read-model updates (measured with bench/run.sh, see bench/NOTES.md).

-- Nothing looks mailing statistics up by changed_seq (live subscribers read a mailing by its key and
-- compare the marker), so the index only cost every statistics update one more index insertion.
drop index mailing_stats_changed_seq_idx;

-- Most updates of these rows change no indexed column (a recipient's last event time and bounce counts,
-- a list's status): with room left on the page PostgreSQL keeps the new version there as a heap-only
-- tuple, without new index entries. Applies to pages written from now on.
alter table recipient set (fillfactor = 80);
alter table recipient_list set (fillfactor = 80);
