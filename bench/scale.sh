#!/usr/bin/env bash
# The event store at scale (issue 13), one run: the same measurements on an empty store and with 20 million events
# preloaded by SQL (bench/preload.sql, into the time partitions of migration V9). Prints a Markdown report (copy it
# into bench/RESULTS.md); raw outputs in bench/out/scale-*.
#
#   bench/scale.sh                              (after ./mvnw package; ~30-50 min on 2 cores, most of it the preload)
#   BENCH_PRELOAD_EVENTS=2000000 bench/scale.sh  (a quicker look)
#
# 1. empty store: 100-event deliveries (wrk, closed loop, like bench/run.sh part 1); the prepared-insert ceiling
#    (pgbench, 100-row INSERTs into an empty copy of the partitioned event table, like bench/run.sh part 2)
# 2. preload :events events over :days days with SQL; the read model's position is moved past them
# 3. with the preload: the same 100-event deliveries; query p50/p95 (LoadGen query: mailing stats, recipient
#    status, a filtered events page); bytes per event on disk
# 4. the oldest partition dropped while 100-event deliveries go on: how long the drop took, the slowest delivery
#
# Needs Java 17, psql, pgbench, pg_dump, wrk and PostgreSQL on 127.0.0.1:5432 as postgres. It drops and recreates
# the databases $BENCH_SCALE_DB and $BENCH_SCALE_CEILING_DB, never any other; it drops them again at the end unless
# BENCH_KEEP_DB=1. The preload needs ~1 kB of disk per event (20 GB for 20 million): check df -h first.
set -euo pipefail
source "$(dirname "$0")/common.sh"

DB=${BENCH_SCALE_DB:-pulse_bench_scale}
CEIL_DB=${BENCH_SCALE_CEILING_DB:-pulse_bench_scale_ceiling}
KEEP_DB=${BENCH_KEEP_DB:-0}
EVENTS=${BENCH_PRELOAD_EVENTS:-20000000}
# within the default retention (pulse.retention.events=90d), so the maintenance drops none of it meanwhile
DAYS=${BENCH_PRELOAD_DAYS:-89}
PARTITION_INTERVAL=${BENCH_PARTITION_INTERVAL:-day}   # pulse.retention.partition-interval of the service and the preload
PRELOAD_RECIPIENTS=${BENCH_PRELOAD_RECIPIENTS:-1000000}
CREATED_OFFSET=0                                              # seconds added to `created` by bench/ingest.lua
SCALE_CREATED_OFFSET=${BENCH_SCALE_CREATED_OFFSET:-86400}     # for the runs with the preload: see part 3
MAILINGS=${BENCH_MAILINGS:-1000}
RECIPIENTS=${BENCH_RECIPIENTS:-100000}    # of the deliveries and the queries (a subset of the preload's)
DURATION=${BENCH_DURATION:-30}
WARMUP=${BENCH_WARMUP:-20}
CONC_100=${BENCH_CONC_100:-64}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
PGBENCH_CLIENTS=${BENCH_PGBENCH_CLIENTS:-8}
QUERY_ITERATIONS=${BENCH_QUERY_ITERATIONS:-1000}
QUERY_WARMUP=${BENCH_QUERY_WARMUP:-300}
DROP_AFTER=${BENCH_DROP_AFTER:-10}        # seconds of deliveries before the drop
# few connections while a partition is dropped, so that a request's latency is its own wait and not a queue's:
# a stall shows as a slowest delivery far above the p99
DROP_CONC=${BENCH_DROP_CONC:-8}

refuse_shared_databases "$DB" "$CEIL_DB"

for tool in java psql pgbench pg_dump curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (see the README's requirements)" >&2; exit 2; }
done
if ! command -v wrk >/dev/null; then
  log "installing wrk from Debian's packages"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi
  $SUDO apt-get install -y -q wrk >/dev/null || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q wrk >/dev/null; }
fi

if [ "$SKIP_BUILD" != 1 ]; then
  log "building the service (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests >"$OUT/scale-build.log" 2>&1 || { tail -30 "$OUT/scale-build.log" >&2; exit 1; }
fi
[ -f "$APP_DIR/quarkus-run.jar" ] || { echo "no $APP_DIR/quarkus-run.jar: build first" >&2; exit 1; }
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" "$ROOT/bench/LoadGen.java"

log "disk before: $(df -h --output=avail "$(psqlc postgres 'show data_directory' 2>/dev/null || echo /)" 2>/dev/null | tail -1) available"
log "recreating databases $DB and $CEIL_DB"
for d in "$DB" "$CEIL_DB"; do
  psqlc postgres "drop database if exists $d with (force)"
  psqlc postgres "create database $d"
done

PORT=$(free_port 18680)
MGMT=$(free_port 18780)
BASE=http://127.0.0.1:$PORT
SVC_PID=""
stop_service() {
  [ -n "$SVC_PID" ] || return 0
  kill "$SVC_PID" 2>/dev/null || true
  for _ in $(seq 1 350); do kill -0 "$SVC_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$SVC_PID" 2>/dev/null || true
  wait "$SVC_PID" 2>/dev/null || true
  SVC_PID=""
}
cleanup() {
  stop_service
  if [ "$KEEP_DB" != 1 ]; then
    psqlc postgres "drop database if exists $DB with (force)" 2>/dev/null || true
  fi
  psqlc postgres "drop database if exists $CEIL_DB with (force)" 2>/dev/null || true
}
trap cleanup EXIT

start_service() {
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/$DB QUARKUS_DATASOURCE_USERNAME=$PGUSER \
  PULSE_INGEST_HEADER_VALUE=$TOKEN PULSE_GRAPHQL_AUTH=none QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
  QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MGMT PULSE_RETENTION_PARTITION_INTERVAL=$PARTITION_INTERVAL \
    java $JAVA_OPTS -jar "$APP_DIR/quarkus-run.jar" >>"$OUT/scale-service.log" 2>&1 &
  SVC_PID=$!
  for _ in $(seq 1 1800); do
    kill -0 "$SVC_PID" 2>/dev/null || { tail -30 "$OUT/scale-service.log" >&2; echo "service died at start" >&2; exit 1; }
    curl -fs -o /dev/null "http://127.0.0.1:$MGMT/q/health/ready" && return 0
    sleep 0.1
  done
  echo "service not ready within 180 s" >&2; exit 1
}

# ingest LABEL SECONDS CONNECTIONS: 100-event deliveries, closed loop; events/s acknowledged and latencies
# (deliveries are sent until a whole second, then those in flight finish, as in bench/run.sh)
ingest() {
  local label=$1 seconds=$2 conns=$3 start deadline f
  f=$OUT/scale-wrk-$label.txt
  start=$(now_ms)
  deadline=$(( start / 1000 + seconds + 1 ))
  echo "load_before=$(load_avg)" >"$f.load"
  wrk -t"$WRK_THREADS" -c"$conns" -d"$(( seconds + 6 ))s" --timeout 30s --latency -s "$ROOT/bench/ingest.lua" \
    "$BASE/webhooks/optimizely" -- 100 "scale-$label-$start" "$MAILINGS" "$RECIPIENTS" 0 "$TOKEN" "$deadline" "$CREATED_OFFSET" >"$f" 2>&1 || true
  echo "load_after=$(load_avg)" >>"$f.load"
  echo "window_ms=$(( deadline * 1000 - start ))" >>"$f.load"
  cat "$f.load" >>"$f"
}
rate_of() { calc "$(kv "$OUT/scale-wrk-$1.txt" events_acked) / ($(kv "$OUT/scale-wrk-$1.txt" window_ms) / 1000)" | awk '{ printf "%.0f", $1 }'; }
ms_of() { calc "$(kv "$OUT/scale-wrk-$1.txt" "$2") / 1000" | awk '{ printf "%.1f", $1 }'; }
events_stored() { psqlc "$DB" "select count(*) from event"; }
on_disk() { psqlc "$DB" "select sum(pg_total_relation_size(relid)) from pg_partition_tree('event') where isleaf"; }

# ------------------------------------------------------------------ 1. empty store
start_service
log "service on $BASE; warm-up ${WARMUP}s"
ingest warmup "$WARMUP" 32
log "empty store: 100-event deliveries, $CONC_100 connections, ${DURATION}s (load $(load_avg))"
ingest empty "$DURATION" "$CONC_100"
RATE_EMPTY=$(rate_of empty)
EMPTY_STORED=$(events_stored)
log "  $RATE_EMPTY events/s; $EMPTY_STORED events stored"

log "ceiling: pgbench -M prepared, 100-row INSERTs into an empty copy of the partitioned event table"
pg_dump -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --schema-only --no-owner "$DB" \
  | psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$CEIL_DB" -Xq -v ON_ERROR_STOP=1 >/dev/null
psqlc "$CEIL_DB" "create sequence ceiling_event_id"
HAS_EVENT_AT=$(psqlc "$CEIL_DB" "select count(*) from information_schema.columns where table_name = 'event' and column_name = 'event_at'")
bash "$ROOT/bench/ceiling-insert.sh" "$MAILINGS" "$RECIPIENTS" "$HAS_EVENT_AT" >"$OUT/scale-ceiling.sql"
CEIL_LOAD=$(load_avg)
pgbench -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -n -M prepared -c "$PGBENCH_CLIENTS" -j 2 -T "$DURATION" \
  -f "$OUT/scale-ceiling.sql" "$CEIL_DB" >"$OUT/scale-pgbench.txt" 2>&1 || true
CEILING=$(grep -m1 '^tps' "$OUT/scale-pgbench.txt" | awk '{ printf "%.0f", $3 * 100 }')
CEILING=${CEILING:-0}
RATIO_EMPTY=$(calc "$RATE_EMPTY / ($CEILING > 0 ? $CEILING : 1)" | awk '{ printf "%.2f", $1 }')
log "  ceiling $CEILING rows/s (load $CEIL_LOAD); 100-event deliveries on the empty store: $RATIO_EMPTY of it"
psqlc postgres "drop database if exists $CEIL_DB with (force)"

# ------------------------------------------------------------------ 2. preload
stop_service
log "preloading $EVENTS events over $DAYS days with SQL (load $(load_avg))"
PRELOAD_LOAD_BEFORE=$(load_avg)
t0=$(now_ms)
psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$DB" -X -v ON_ERROR_STOP=1 -v events="$EVENTS" -v days="$DAYS" -v interval="$PARTITION_INTERVAL" \
  -v mailings="$MAILINGS" -v recipients="$PRELOAD_RECIPIENTS" -f "$ROOT/bench/preload.sql" >"$OUT/scale-preload.txt" 2>&1 \
  || { tail -20 "$OUT/scale-preload.txt" >&2; exit 1; }
PRELOAD_S=$(( ($(now_ms) - t0) / 1000 ))
# the read model already counts these events (it is not rebuilt from them: its size follows mailings and
# recipients, not the number of events)
psqlc "$DB" "update read_model_position set last_seq = (select max(seq) from event)"
t0=$(now_ms)
psqlc "$DB" "vacuum (analyze) event"
VACUUM_S=$(( ($(now_ms) - t0) / 1000 ))
STORED=$(events_stored)
BYTES=$(on_disk)
PER_EVENT=$(calc "$BYTES / $STORED" | awk '{ printf "%.0f", $1 }')
log "  preload ${PRELOAD_S}s, vacuum analyze ${VACUUM_S}s (load $(load_avg)); $STORED events, $(calc "$BYTES / 1073741824" | awk '{ printf "%.1f", $1 }') GiB, $PER_EVENT bytes per event"
psqlc "$DB" "select relid::regclass || ' ' || pg_total_relation_size(relid) || ' ' || (select reltuples::bigint from pg_class where oid = relid)
             from pg_partition_tree('event') where isleaf order by 1" >"$OUT/scale-partitions.txt"

# ------------------------------------------------------------------ 3. at scale
start_service
# The empty-store run wrote into today's partition, which was empty when it began. The runs with the preload write
# into tomorrow's (made ahead by the maintenance, empty too), so that the comparison is about the 20 million events
# stored and not about how full the day being written already is (the unique index of a day's partition grows with
# the day, whatever is stored elsewhere). BENCH_SCALE_CREATED_OFFSET=0 writes into today's partition instead.
CREATED_OFFSET=$SCALE_CREATED_OFFSET
log "at scale: warm-up ${WARMUP}s (events created ${CREATED_OFFSET}s ahead)"
ingest warmup2 "$WARMUP" 32
log "at scale: 100-event deliveries, $CONC_100 connections, ${DURATION}s (load $(load_avg))"
ingest full "$DURATION" "$CONC_100"
RATE_FULL=$(rate_of full)
RATIO_FULL=$(calc "$RATE_FULL / ($CEILING > 0 ? $CEILING : 1)" | awk '{ printf "%.2f", $1 }')
log "  $RATE_FULL events/s ($(calc "$RATE_FULL / ($RATE_EMPTY > 0 ? $RATE_EMPTY : 1)" | awk '{ printf "%.2f", $1 }') of the empty store)"
psqlc "$DB" "vacuum (analyze)" || true
QUERY_LOAD_BEFORE=$(load_avg)
log "at scale: query latency, $QUERY_ITERATIONS sequential queries each (load $QUERY_LOAD_BEFORE)"
timeout 900 env -u BENCH_GRAPHQL_AUTH java -cp "$OUT/classes" LoadGen query url="$BASE" iterations="$QUERY_ITERATIONS" warmup="$QUERY_WARMUP" \
  mailings="$MAILINGS" recipients="$RECIPIENTS" maxSeconds=300 >"$OUT/scale-query.txt" 2>"$OUT/scale-query.err" || true
QUERY_LOAD_AFTER=$(load_avg)

# ------------------------------------------------------------------ 4. dropping a partition under ingest
OLDEST=$(psqlc "$DB" "select relid::regclass from pg_partition_tree('event') p join pg_class c on c.oid = p.relid
                      where p.isleaf and c.relname ~ '^event_p[0-9]' order by c.relname limit 1")
PARTITIONS=$(psqlc "$DB" "select count(*) from pg_partition_tree('event') where isleaf")
DROP_ROWS=$(psqlc "$DB" "select reltuples::bigint from pg_class where oid = '$OLDEST'::regclass")
HAS_DROP_FN=$(psqlc "$DB" "select count(*) from pg_proc where proname = 'pulse_drop_partition'")
# as the service's retention does it (pulse.retention.lock-timeout, 200 ms), retried until it gets the lock
if [ "$HAS_DROP_FN" = 1 ]; then DROP_SQL="set lock_timeout = '200ms'; select pulse_drop_partition('$OLDEST')"
else DROP_SQL="drop table $OLDEST"; fi
log "dropping $OLDEST (~$DROP_ROWS events) after ${DROP_AFTER}s of 100-event deliveries: $DROP_SQL"
ingest during-drop "$(( DROP_AFTER * 3 ))" "$DROP_CONC" &
WRK_RUNNER=$!
sleep "$DROP_AFTER"
DROP_ATTEMPTS=0
DROP_MS=""
for _ in $(seq 1 20); do
  DROP_ATTEMPTS=$(( DROP_ATTEMPTS + 1 ))
  t0=$(now_ms)
  if DROP_RESULT=$(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$DB" -XtAq -v ON_ERROR_STOP=1 -c "$DROP_SQL" 2>&1); then
    DROP_MS=$(( $(now_ms) - t0 )); break
  fi
  sleep 0.2
done
DROP_RESULT=$(echo "$DROP_RESULT" | tr '\n' ' ')
wait "$WRK_RUNNER" || true
log "  drop took $DROP_MS ms ($DROP_RESULT); slowest delivery meanwhile $(ms_of during-drop lat_max_us) ms"
stop_service

COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
q() { local v; v=$(kv "$OUT/scale-query.txt" "query_$1_$2_ms"); echo "${v:-n/a}"; }
{
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$COMMIT\`, $(nproc) cores (load"
  echo "averages next to each figure), PostgreSQL $(psqlc postgres 'show server_version' | cut -d' ' -f1) (shared_buffers $(psqlc postgres 'show shared_buffers')),"
  echo "\`java $JAVA_OPTS\`; 100-event deliveries from wrk (\`bench/ingest.lua\`, $CONC_100 connections, ${DURATION}s after ${WARMUP}s warm-up,"
  echo "$MAILINGS mailings, $RECIPIENTS recipients)."
  echo
  echo "Both ingest runs write into a day partition that was empty when they began: the empty store into today's, the runs"
  echo "with the preload into one ${SCALE_CREATED_OFFSET} s ahead (events created that much later; 0: today's, after the empty run's)."
  echo
  echo "| | empty store | with the preload |"
  echo "|---|---|---|"
  echo "| events stored | $EMPTY_STORED | $STORED |"
  echo "| 100-event deliveries, events/s acknowledged | **$RATE_EMPTY** (load $(kv "$OUT/scale-wrk-empty.txt" load_before)) | **$RATE_FULL** (load $(kv "$OUT/scale-wrk-full.txt" load_before)): **$(calc "$RATE_FULL / ($RATE_EMPTY > 0 ? $RATE_EMPTY : 1)" | awk '{ printf "%.2f", $1 }') ×** the empty store |"
  echo "| request p50 / p99 | $(ms_of empty lat_p50_us) / $(ms_of empty lat_p99_us) ms | $(ms_of full lat_p50_us) / $(ms_of full lat_p99_us) ms |"
  echo "| failures (non-200, socket errors) | $(kv "$OUT/scale-wrk-empty.txt" requests_failed), $(kv "$OUT/scale-wrk-empty.txt" socket_errors) | $(kv "$OUT/scale-wrk-full.txt" requests_failed), $(kv "$OUT/scale-wrk-full.txt" socket_errors) |"
  echo "| ratio to the prepared-insert ceiling ($CEILING rows/s, load $CEIL_LOAD) | $RATIO_EMPTY | **$RATIO_FULL** |"
  echo
  echo "Preload: $EVENTS events over $DAYS days into partitions per $PARTITION_INTERVAL ($PARTITIONS partitions of \`event\` then) (\`bench/preload.sql\`) in ${PRELOAD_S}s (load $PRELOAD_LOAD_BEFORE before), then"
  echo "\`VACUUM (ANALYZE) event\` in ${VACUUM_S}s. On disk: $(calc "$BYTES / 1073741824" | awk '{ printf "%.1f", $1 }') GiB for $STORED events (heap, TOAST and all indexes"
  echo "of every partition): **$PER_EVENT bytes per event**."
  echo
  echo "Queries with $STORED events stored (one client, sequential, $QUERY_ITERATIONS each after $QUERY_WARMUP warm-up rounds; load $QUERY_LOAD_BEFORE → $QUERY_LOAD_AFTER):"
  echo
  echo "| query | p50 | p95 | p99 | errors | empty answers | target (p95) |"
  echo "|---|---|---|---|---|---|---|"
  echo "| \`mailing(mailingId){stats{…}}\` | $(q mailing p50) ms | **$(q mailing p95) ms** | $(q mailing p99) ms | $(kv "$OUT/scale-query.txt" query_mailing_errors) | $(kv "$OUT/scale-query.txt" query_mailing_empty) | < 10 ms |"
  echo "| \`recipient(recipientId){status}\` | $(q recipient p50) ms | **$(q recipient p95) ms** | $(q recipient p99) ms | $(kv "$OUT/scale-query.txt" query_recipient_errors) | $(kv "$OUT/scale-query.txt" query_recipient_empty) | < 10 ms |"
  echo "| \`events(filter:{mailingId, types:[CLICK]}, first:50)\` | $(q events p50) ms | **$(q events p95) ms** | $(q events p99) ms | $(kv "$OUT/scale-query.txt" query_events_errors) | $(kv "$OUT/scale-query.txt" query_events_empty) | < 30 ms |"
  echo
  echo "Dropping the oldest partition \`$OLDEST\` (~$DROP_ROWS events) with \`$DROP_SQL\` after ${DROP_AFTER}s of 100-event deliveries"
  echo "($DROP_CONC connections, load $(kv "$OUT/scale-wrk-during-drop.txt" load_before)): the drop took **${DROP_MS:-(never got its lock)} ms** (attempt $DROP_ATTEMPTS; it answered: $DROP_RESULT); the deliveries around it:"
  echo "$(rate_of during-drop) events/s, request p50 $(ms_of during-drop lat_p50_us) ms, p99 $(ms_of during-drop lat_p99_us) ms, **slowest $(ms_of during-drop lat_max_us) ms**,"
  echo "$(kv "$OUT/scale-wrk-during-drop.txt" requests_failed) non-200, $(kv "$OUT/scale-wrk-during-drop.txt" socket_errors) socket errors."
} | tee "$OUT/scale-report.md"
