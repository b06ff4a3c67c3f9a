#!/usr/bin/env bash
# Campaign Pulse benchmark: one run on one machine, everything on loopback. Writes bench/RESULTS.md.
#
#   bench/run.sh               full run (about 15-25 minutes on 2 cores, most of it loading 1,000,000 events)
#   BENCH_SMOKE=1 bench/run.sh  small sizes, about 2 minutes: checks that the harness works
#
# Needs what the README needs (Java 17, PostgreSQL on 127.0.0.1:5432 as user postgres) plus the PostgreSQL
# client tools (psql, pgbench, pg_dump) and wrk (installed from Debian's packages when missing).
# It drops and recreates the databases $BENCH_DB and $BENCH_CEILING_DB; it never touches any other.
# Every knob is an environment variable, see the defaults below. Raw outputs go to bench/out/.
set -euo pipefail
source "$(dirname "$0")/common.sh"

SMOKE=${BENCH_SMOKE:-0}
if [ "$SMOKE" = 1 ]; then small=1; else small=0; fi
pick() { if [ "$small" = 1 ]; then echo "$2"; else echo "$1"; fi; }

DB=${BENCH_DB:-pulse_bench}
CEIL_DB=${BENCH_CEILING_DB:-pulse_bench_ceiling}
DURATION=${BENCH_DURATION:-$(pick 30 5)}               # seconds per ingestion measurement
WARMUP=${BENCH_WARMUP:-$(pick 20 3)}                   # seconds of JIT warm-up before part 1
CONC_1=${BENCH_CONC_1:-$(pick 256 32)}                 # connections for 1-event deliveries
# Enough deliveries in flight that while one batch is being committed the next is already waiting:
# the write path is a two-stage pipeline (insert, then read model), and a closed loop with fewer
# deliveries than one combined batch measures its latency, not its throughput.
CONC_10=${BENCH_CONC_10:-$(pick 128 32)}
CONC_100=${BENCH_CONC_100:-$(pick 64 16)}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
PGBENCH_CLIENTS=${BENCH_PGBENCH_CLIENTS:-8}
LIVE_RATE=${BENCH_LIVE_RATE:-1000}                     # events per second
LIVE_BATCH=${BENCH_LIVE_BATCH:-10}                     # events per delivery
LIVE_SECONDS=${BENCH_LIVE_SECONDS:-$(pick 30 5)}
TOTAL_EVENTS=${BENCH_TOTAL_EVENTS:-$(pick 1000000 20000)}
MAILINGS=${BENCH_MAILINGS:-1000}
RECIPIENTS=${BENCH_RECIPIENTS:-100000}
LOAD_CONC=${BENCH_LOAD_CONC:-16}
LOAD_MAX_SECONDS=${BENCH_LOAD_MAX_SECONDS:-1200}       # bound on loading the stored events of part 4
QUERY_ITERATIONS=${BENCH_QUERY_ITERATIONS:-$(pick 1000 50)}
QUERY_WARMUP=${BENCH_QUERY_WARMUP:-$(pick 1000 20)}                # rounds over all three queries before measuring

refuse_shared_databases "$DB" "$CEIL_DB"

kvn() { local v; v=$(kv "$1" "$2"); case "$v" in ''|*[!0-9.-]*) echo 0 ;; *) echo "$v" ;; esac; }
CLK_TCK=$(getconf CLK_TCK)

# ------------------------------------------------------------------ tools
for tool in java psql pgbench pg_dump curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (see the README's requirements)" >&2; exit 2; }
done
if ! command -v wrk >/dev/null; then
  log "installing wrk from Debian's packages"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi
  $SUDO apt-get install -y -q wrk >/dev/null || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q wrk >/dev/null; }
fi

# ------------------------------------------------------------------ machine
RUN_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
CORES=$(nproc)
MEM_MIB=$(free -m | awk '/^Mem:/ { print $2 }')
CPU_MODEL=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
PG_VERSION=$(psqlc postgres "show server_version")
JAVA_VERSION=$(java -version 2>&1 | head -1)
WRK_VERSION=$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2 || true)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
# One WAL flush bounds a serial writer's commits per second (the service commits one batch at a time).
FSYNC_US=""
PG_BIN=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -1)
if [ -x "$PG_BIN/pg_test_fsync" ]; then
  FSYNC_US=$( (cd "$OUT" && timeout 6 "$PG_BIN/pg_test_fsync" -s 1 -f "$OUT/fsync.tmp" 2>/dev/null || true) \
    | awk '/^ *fdatasync/ { print $(NF-1); exit }')
  rm -f "$OUT/fsync.tmp"
fi
log "machine: $CORES cores, $MEM_MIB MiB, load $LOAD_AT_START; smoke=$SMOKE"

# ------------------------------------------------------------------ build
if [ "$SKIP_BUILD" != 1 ]; then
  log "building the service (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests >"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log" >&2; exit 1; }
fi
[ -f "$APP_DIR/quarkus-run.jar" ] || { echo "no $APP_DIR/quarkus-run.jar: build first" >&2; exit 1; }

# the load generator is compiled once, not on every launch
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" "$ROOT/bench/LoadGen.java"
loadgen() { java -cp "$OUT/classes" LoadGen "$@"; }

# ------------------------------------------------------------------ database
log "recreating databases $DB and $CEIL_DB"
psqlc postgres "drop database if exists $DB with (force)"
psqlc postgres "create database $DB"
psqlc postgres "drop database if exists $CEIL_DB with (force)"
psqlc postgres "create database $CEIL_DB"
count_events() { psqlc "$DB" "select count(*) from event"; }

# ------------------------------------------------------------------ service
PORT=$(free_port 18180)
# health and metrics are served on the management interface (quarkus.management), apart from the public port
MGMT=$(free_port 18480)
BASE=http://127.0.0.1:$PORT
SVC_PID=""
SAMPLER_PID=""
PHASE_FILE=$OUT/phase
RSS_FILE=$OUT/rss.tsv
: >"$RSS_FILE"
echo idle >"$PHASE_FILE"

cleanup() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  if [ -n "$SVC_PID" ] && kill -0 "$SVC_PID" 2>/dev/null; then
    kill "$SVC_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$SVC_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SVC_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# GraphQL callers: the static read token (every LoadGen request, through BENCH_GRAPHQL_AUTH), and signed
# tokens of a key pair made here (part 4 measures the read path with both).
BENCH_READ_TOKEN=bench-read-token
JWT_ISSUER=https://bench.campaignpulse.invalid/
JWT_AUDIENCE=campaign-pulse
export BENCH_GRAPHQL_AUTH="Bearer $BENCH_READ_TOKEN"
[ -s "$OUT/jwt-private.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/jwt-private.pem" 2>/dev/null
openssl pkey -in "$OUT/jwt-private.pem" -pubout -out "$OUT/jwt-public.pem"

# Starts the service; READY_MS = milliseconds from launch to a ready /q/health/ready (bounded: 180 s).
READY_MS=""
start_service() {
  local log=$1 t0 code
  t0=$(now_ms)
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/$DB \
  QUARKUS_DATASOURCE_USERNAME=$PGUSER \
  PULSE_INGEST_HEADER_VALUE=$TOKEN \
  PULSE_GRAPHQL_AUTH=jwt PULSE_GRAPHQL_READ_TOKEN=$BENCH_READ_TOKEN \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION=$OUT/jwt-public.pem MP_JWT_VERIFY_ISSUER=$JWT_ISSUER MP_JWT_VERIFY_AUDIENCES=$JWT_AUDIENCE \
  QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MGMT \
    java $JAVA_OPTS -jar "$APP_DIR/quarkus-run.jar" >"$log" 2>&1 &
  SVC_PID=$!
  for _ in $(seq 1 3600); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MGMT/q/health/ready" || true)
    if [ "$code" = 200 ]; then READY_MS=$(( $(now_ms) - t0 )); return 0; fi
    kill -0 "$SVC_PID" 2>/dev/null || { tail -30 "$log" >&2; echo "service died at start" >&2; return 1; }
    sleep 0.05
  done
  echo "service not ready within 180 s" >&2
  return 1
}

stop_service() {
  kill "$SVC_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$SVC_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$SVC_PID" 2>/dev/null || true
  wait "$SVC_PID" 2>/dev/null || true
  SVC_PID=""
}

# RSS of the service twice a second, labelled with the current phase (bounded: 2 hours).
start_rss_sampler() {
  local pid=$SVC_PID
  (
    for _ in $(seq 1 14400); do
      [ -r "/proc/$pid/status" ] || exit 0
      awk -v ph="$(cat "$PHASE_FILE")" '/^VmRSS/ { r = $2 } /^VmHWM/ { h = $2 } END { print ph "\t" r "\t" h }' "/proc/$pid/status" >>"$RSS_FILE" 2>/dev/null || exit 0
      sleep 0.5
    done
  ) &
  SAMPLER_PID=$!
}
max_rss_mib() { awk -v ph="$1" '$1 ~ ph && $2 > m { m = $2 } END { printf "%.0f", m / 1024 }' "$RSS_FILE"; }
hwm_mib() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SVC_PID/status"; }

# ------------------------------------------------------------------ CPU accounting
# Ticks of a pid (utime+stime), of all CPUs (busy, total), of this database's backends.
pid_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_busy_total() { awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print t - $5 - $6, t }' /proc/stat; }
backend_pids() { psqlc "$DB" "select pid from pg_stat_activity where datname = '$DB' and pid <> pg_backend_pid()" | tr '\n' ' '; }
xact_commits() { psqlc postgres "select xact_commit from pg_stat_database where datname = '$DB'"; }
pids_ticks() { local s=0 p; for p in $1; do s=$(( s + $(pid_ticks "$p") )); done; echo $s; }

# Samples what this database's backends do (5 times a second, one psql session) and takes 4 Java thread
# dumps while a measurement runs. stop_profile ends both.
PROF_PIDS=""
profile_during() {
  local label=$1 seconds=$2 n i
  n=$(( seconds * 5 ))
  for i in $(seq 1 "$n"); do
    echo "select coalesce(wait_event_type || ':' || wait_event, 'CPU') || ' ' || state
            || case when state = 'active' then ' [' || left(regexp_replace(query, '\s+', ' ', 'g'), 40) || ']' else '' end
          from pg_stat_activity
          where datname = '$DB' and pid <> pg_backend_pid() and state <> 'idle' and backend_type = 'client backend';"
    echo "select pg_sleep(0.2);"
  done >"$OUT/pgwait-$label.sql"
  # connected to another database, so that this database's commit counter counts only the service
  psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$CEIL_DB" -XtAq -f "$OUT/pgwait-$label.sql" >"$OUT/pgwait-$label.txt" 2>/dev/null &
  PROF_PIDS=$!
  rm -f "$OUT/threads-$label.txt"
  (
    sleep 1
    for _ in 1 2 3 4; do
      command -v jcmd >/dev/null && timeout 10 jcmd "$SVC_PID" Thread.print >>"$OUT/threads-$label.txt" 2>&1
      sleep "$(calc "($seconds - 2) / 3")"
    done
  ) &
  PROF_PIDS="$PROF_PIDS $!"
}
stop_profile() {
  local p
  for p in $PROF_PIDS; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  PROF_PIDS=""
}
wait_summary() {
  local f=$OUT/pgwait-$1.txt total
  total=$(grep -vc '^$' "$f" || true)
  [ "$total" -gt 0 ] || { echo "no active backend sampled"; return; }
  grep -v '^$' "$f" | sort | uniq -c | sort -rn | head -6 | awk -v t="$total" '{ c = $1; $1 = ""; printf "%s%s %.0f%%", sep, substr($0, 2), 100 * c / t; sep = ", " }'
}

# Which Java threads used the service's CPU between the first and the last thread dump of a phase.
THREAD_CPU_AWK=$(cat <<'AWK'
# per-thread CPU between the first and the last dump of a jcmd Thread.print file
/^Full thread dump/ { d++ }
/^"/ && match($0, /cpu=[0-9.]+ms/) {
  name = substr($0, 2, index(substr($0, 2), "\"") - 1)
  gsub(/[0-9]+$/, "N", name)   # pool threads of one kind together
  cpu = substr($0, RSTART + 4, RLENGTH - 6) + 0
  key = name SUBSEP $2
  if (!(key in first)) { first[key] = cpu; firstd[key] = d }
  last[key] = cpu; lastd[key] = d; kind[key] = name
}
END {
  for (k in last) if (lastd[k] == d && firstd[k] == 1) { by[kind[k]] += last[k] - first[k]; tot += last[k] - first[k] }
  for (n in by) if (by[n] > 0) printf "%.0f\t%s\n", by[n], n
}
AWK
)
thread_summary() {
  local f=$OUT/threads-$1.txt
  [ -s "$f" ] || { echo "no thread dumps"; return; }
  awk "$THREAD_CPU_AWK" "$f" | sort -rn | head -4 | awk '{ c = $1; t += c; $1 = ""; n[NR] = substr($0, 2); v[NR] = c }
    END { for (i = 1; i <= NR; i++) printf "%s%s %.0f ms", (i > 1 ? ", " : ""), n[i], v[i] }'
}

# Runs wrk against the ingest endpoint. Args: label batch connections seconds quota [stop-at-row-count].
# Leaves wrk's key=value output in $OUT/wrk-<label>.txt and the CPU split in $OUT/cpu-<label>.txt.
# Deliveries are sent until a whole epoch second (WINDOW_MS after start), then the ones in flight finish
# during DRAIN seconds, so the rows stored equal the events acknowledged.
# With a row count, wrk is interrupted (SIGINT: it still reports) once the table holds that many rows.
DRAIN=5
run_wrk() {
  local label=$1 batch=$2 conns=$3 seconds=$4 quota=$5 stop_at=${6:-0} bpids b0 s0 busy0 total0 prof runner wpid start deadline
  bpids=$(backend_pids)
  local x0 x1; x0=$(xact_commits)
  b0=$(pids_ticks "$bpids"); s0=$(pid_ticks "$SVC_PID"); read -r busy0 total0 < <(cpu_busy_total)
  profile_during "$label" "$(( seconds < 60 ? seconds : 60 ))"
  rm -f "$OUT/wrkpid-$label"
  start=$(now_ms)
  deadline=$(( start / 1000 + seconds + 1 ))
  WINDOW_MS=$(( deadline * 1000 - start ))
  (
    wrk -t"$WRK_THREADS" -c"$conns" -d"$(( seconds + 1 + DRAIN ))s" --timeout 30s --latency -s "$ROOT/bench/ingest.lua" \
      "$BASE/webhooks/optimizely" -- "$batch" "$label-$start" "$MAILINGS" "$RECIPIENTS" "$quota" "$TOKEN" "$deadline" \
      >"$OUT/wrk-$label.txt" 2>&1 &
    echo $! >"$OUT/wrkpid-$label"
    wait $! || true
    # this subshell's cutime + cstime are now wrk's own CPU ticks
    awk '{ print $16 + $17 }' "/proc/$BASHPID/stat" >"$OUT/wrkcpu-$label.txt"
  ) &
  runner=$!
  local i
  for i in $(seq 1 $(( (seconds + DRAIN + 60) * 2 ))); do
    kill -0 "$runner" 2>/dev/null || break
    wpid=$(cat "$OUT/wrkpid-$label" 2>/dev/null || true)
    # counting a million rows costs ~0.1 s of a core: only every 2 s
    if [ "$stop_at" -gt 0 ] && [ $(( i % 4 )) = 0 ] && [ -n "$wpid" ] && [ "$(count_events)" -ge "$stop_at" ]; then
      kill -INT "$wpid" 2>/dev/null || true
    fi
    sleep 0.5
  done
  if kill -0 "$runner" 2>/dev/null; then
    kill -INT "$(cat "$OUT/wrkpid-$label")" 2>/dev/null || true
    sleep 2
    kill -KILL "$(cat "$OUT/wrkpid-$label")" 2>/dev/null || true
  fi
  wait "$runner" 2>/dev/null || true
  stop_profile
  local b1 s1 busy1 total1 w
  b1=$(pids_ticks "$bpids"); s1=$(pid_ticks "$SVC_PID"); read -r busy1 total1 < <(cpu_busy_total)
  x1=$(xact_commits)
  w=$(cat "$OUT/wrkcpu-$label.txt" 2>/dev/null || echo 0)
  local secs; secs=$(calc "($total1 - $total0) / $CORES / $CLK_TCK")
  {
    echo "service=$(calc "($s1 - $s0) / $CLK_TCK / $secs")"
    echo "backends=$(calc "($b1 - $b0) / $CLK_TCK / $secs")"
    echo "wrk=$(calc "$w / $CLK_TCK / $secs")"
    echo "busy=$(calc "($busy1 - $busy0) / $CLK_TCK / $secs")"
    echo "commits=$(( x1 - x0 ))"
  } | awk -F= '{ printf "%s=%.2f\n", $1, $2 }' >"$OUT/cpu-$label.txt"
}
cpu_line() {
  local f=$OUT/cpu-$1.txt
  local other; other=$(calc "$(kvn "$f" busy) - $(kvn "$f" service) - $(kvn "$f" backends) - $(kvn "$f" wrk)")
  printf 'service %s, its PostgreSQL backends %s, wrk %s, everything else %.2f (of %s cores busy %s)' \
    "$(kv "$f" service)" "$(kv "$f" backends)" "$(kv "$f" wrk)" "$other" "$CORES" "$(kv "$f" busy)"
}

# ------------------------------------------------------------------ start-up
echo startup >"$PHASE_FILE"
log "starting the service on port $PORT"
start_service "$OUT/service.log"
STARTUP_MS=$READY_MS
start_rss_sampler
log "ready after $STARTUP_MS ms"
STARTED_IN=$(grep -o 'started in [0-9.]*s' "$OUT/service.log" | head -1 | awk '{ print $3 }' || true)
[ -n "$STARTED_IN" ] || STARTED_IN=$(grep -o 'started in [0-9.]*s' "$OUT/service.log" | head -1 | cut -d' ' -f3 || true)
RSS_IDLE_MIB=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SVC_PID/status")

loadgen probe url="$BASE" >"$OUT/probe.txt" 2>&1 || true
QUERY_FIELDS=$(kv "$OUT/probe.txt" query_fields)
SUB_FIELDS=$(kv "$OUT/probe.txt" subscription_fields)
has_field() { echo ",$1," | grep -q ",$2,"; }

# ------------------------------------------------------------------ part 1: ingestion
echo warmup >"$PHASE_FILE"
log "warm-up: ${WARMUP}s of 10-event deliveries"
run_wrk warmup 10 32 "$WARMUP" 0

declare -A P1_RATE P1_P50 P1_P99 P1_OK P1_FAIL P1_CHECK P1_CONNS P1_RSS
for b in 1 10 100; do
  conns_var=CONC_$b; conns=${!conns_var}
  echo "ingest-$b" >"$PHASE_FILE"
  before=$(count_events)
  log "part 1: deliveries of $b event(s), $conns connections, ${DURATION}s"
  run_wrk "ingest-$b" "$b" "$conns" "$DURATION" 0
  after=$(count_events)
  f=$OUT/wrk-ingest-$b.txt
  acked=$(kvn "$f" events_acked)
  P1_RATE[$b]=$(calc "$acked / ($WINDOW_MS / 1000)" | awk '{ printf "%.0f", $1 }')
  P1_P50[$b]=$(calc "$(kvn "$f" lat_p50_us) / 1000" | awk '{ printf "%.1f", $1 }')
  P1_P99[$b]=$(calc "$(kvn "$f" lat_p99_us) / 1000" | awk '{ printf "%.1f", $1 }')
  P1_OK[$b]=$acked
  P1_FAIL[$b]="$(kv "$f" requests_failed) non-200, $(kv "$f" socket_errors) socket errors"
  stored=$(( after - before ))
  if [ "$stored" = "$acked" ]; then P1_CHECK[$b]="yes ($stored rows = $acked acknowledged)"
  else P1_CHECK[$b]="NO: $stored rows stored, $acked acknowledged"; fi
  P1_CONNS[$b]=$conns
  P1_RSS[$b]=$(max_rss_mib "ingest-$b")
  log "  ${P1_RATE[$b]} events/s, p50 ${P1_P50[$b]} ms, p99 ${P1_P99[$b]} ms, rows check: ${P1_CHECK[$b]}"
done
RSS_INGEST_MAX=$(max_rss_mib "ingest-")
RSS_HWM_AFTER_INGEST=$(hwm_mib)

# ------------------------------------------------------------------ part 2: pgbench ceiling
echo idle >"$PHASE_FILE"
log "part 2: pgbench ceiling, 100-row INSERTs, $PGBENCH_CLIENTS clients, ${DURATION}s"
pg_dump -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --schema-only --no-owner -t 'event*' "$DB" \
  | psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$CEIL_DB" -Xq -v ON_ERROR_STOP=1 >/dev/null
psqlc "$CEIL_DB" "create sequence ceiling_event_id"
# One transaction = one INSERT of 100 rows shaped like the service's (the same transaction as bench/scale.sh's ceiling).
bash "$ROOT/bench/ceiling-insert.sh" "$MAILINGS" "$RECIPIENTS" 1 >"$OUT/ceiling.sql"
timeout $(( DURATION + 60 )) pgbench -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -n -M prepared -c "$PGBENCH_CLIENTS" -j 2 \
  -T "$DURATION" -f "$OUT/ceiling.sql" "$CEIL_DB" >"$OUT/pgbench.txt" 2>&1 || true
PGB_TPS=$(grep -m1 '^tps' "$OUT/pgbench.txt" | awk '{ print $3 }' || true)
PGB_TPS=$(printf "%.1f" "${PGB_TPS:-0}")
PGB_LAT=$(grep -m1 '^latency average' "$OUT/pgbench.txt" | awk '{ print $4 }' || true)
PGB_TX=$(grep -m1 'number of transactions actually processed' "$OUT/pgbench.txt" | awk '{ print $NF }' | cut -d/ -f1 || true)
PGB_ROWS=$(psqlc "$CEIL_DB" "select count(*) from event")
# Reference: the same transactions as plain SQL text (-M simple), parsed and planned each time as they must
# be for a client whose rows are new every time; -M prepared above parses the literal rows (payloads
# included) once per connection, which no client sending new data can do.
psqlc "$CEIL_DB" "truncate event"
timeout $(( DURATION + 60 )) pgbench -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -n -M simple -c "$PGBENCH_CLIENTS" -j 2 \
  -T "$DURATION" -f "$OUT/ceiling.sql" "$CEIL_DB" >"$OUT/pgbench-simple.txt" 2>&1 || true
PGB_SIMPLE_TPS=$(grep -m1 '^tps' "$OUT/pgbench-simple.txt" | awk '{ print $3 }' || true)
CEILING_SIMPLE=$(calc "${PGB_SIMPLE_TPS:-0} * 100" | awk '{ printf "%.0f", $1 }')
RATIO_100_SIMPLE=$(calc "${P1_RATE[100]} / ($CEILING_SIMPLE > 0 ? $CEILING_SIMPLE : 1)" | awk '{ printf "%.2f", $1 }')
CEILING=$(calc "$PGB_TPS * 100" | awk '{ printf "%.0f", $1 }')
RATIO_100=$(calc "${P1_RATE[100]} / ($CEILING > 0 ? $CEILING : 1)" | awk '{ printf "%.2f", $1 }')
log "  ceiling $CEILING rows/s; 100-event deliveries reach $RATIO_100 of it ($RATIO_100_SIMPLE of the $CEILING_SIMPLE rows/s of -M simple)"
# kept (empty) until the end: the pg_stat_activity sampler connects to it
psqlc "$CEIL_DB" "drop table event"

# ------------------------------------------------------------------ part 3: live latency
LIVE_NOTE=""
if has_field "$SUB_FIELDS" events; then
  echo live >"$PHASE_FILE"
  log "part 3: live latency at $LIVE_RATE events/s in deliveries of $LIVE_BATCH, ${LIVE_SECONDS}s"
  profile_during live "$(( LIVE_SECONDS + 5 ))"
  timeout $(( LIVE_SECONDS + 120 )) java -cp "$OUT/classes" LoadGen live url="$BASE" token="$TOKEN" rate="$LIVE_RATE" \
    batch="$LIVE_BATCH" seconds="$LIVE_SECONDS" warmup=5 mailings="$MAILINGS" recipients="$RECIPIENTS" \
    prefix="live-$(date +%s)" >"$OUT/live.txt" 2>"$OUT/live.err" || true
  stop_profile
  if [ -n "$(kv "$OUT/live.txt" live_error)" ] || [ -z "$(kv "$OUT/live.txt" live_p99_ms)" ] \
     || [ "$(kvn "$OUT/live.txt" live_received)" = 0 ]; then
    why="$(kv "$OUT/live.txt" live_error) $(kv "$OUT/live.txt" live_server_error)"
    [ -z "${why// /}" ] && why=$(tail -3 "$OUT/live.err" | tr '\n' ' ')
    LIVE_NOTE="the subscriber received none of the measured events: $(echo "$why" | tr '|`' '/ ' | cut -c1-400)"
  fi
else
  LIVE_NOTE="skipped: the running service has no \`Subscription.events\` yet (subscription root fields: '${SUB_FIELDS:-none}')"
fi
[ -n "$LIVE_NOTE" ] && log "  $LIVE_NOTE"

# ------------------------------------------------------------------ part 4: query latency at 1M events
QUERY_NOTE=""
LOADED=$(count_events)
LOAD_RATE=""
if has_field "$QUERY_FIELDS" mailing && has_field "$QUERY_FIELDS" recipient && has_field "$QUERY_FIELDS" events; then
  need=$(( TOTAL_EVENTS - LOADED ))
  if [ "$need" -gt 0 ]; then
    echo load >"$PHASE_FILE"
    requests=$(( (need + 99) / 100 ))
    quota=$(( (requests + WRK_THREADS - 1) / WRK_THREADS ))
    log "part 4: loading $need more events through the ingest endpoint in 100-event deliveries (bound ${LOAD_MAX_SECONDS}s)"
    t0=$(now_ms)
    run_wrk load 100 "$LOAD_CONC" "$LOAD_MAX_SECONDS" "$quota" "$TOTAL_EVENTS"
    LOAD_RATE=$(calc "($(count_events) - $LOADED) / (($(now_ms) - $t0) / 1000)" | awk '{ printf "%.0f", $1 }')
    LOADED=$(count_events)
    log "  $LOADED events stored ($LOAD_RATE events/s while loading)"
  fi
  echo query >"$PHASE_FILE"
  # What autovacuum would have done by now on a service that received these events over days.
  psqlc "$DB" "vacuum (analyze)" 2>/dev/null || true
  log "part 4: query latency, $QUERY_ITERATIONS sequential queries each"
  timeout 900 java -cp "$OUT/classes" LoadGen query url="$BASE" iterations="$QUERY_ITERATIONS" warmup="$QUERY_WARMUP" \
    mailings="$MAILINGS" recipients="$RECIPIENTS" maxSeconds=300 >"$OUT/query.txt" 2>"$OUT/query.err" || true
  log "part 4: the same with a signed token (JWT verified on every request) instead of the static read token"
  timeout 900 java -cp "$OUT/classes" LoadGen query url="$BASE" iterations="$QUERY_ITERATIONS" warmup="$QUERY_WARMUP" \
    mailings="$MAILINGS" recipients="$RECIPIENTS" maxSeconds=300 jwtKey="$OUT/jwt-private.pem" jwtIssuer="$JWT_ISSUER" \
    jwtAudience="$JWT_AUDIENCE" >"$OUT/query-jwt.txt" 2>"$OUT/query-jwt.err" || true
  for k in mailing recipient events; do
    e=$(kv "$OUT/query.txt" "query_${k}_first_error")
    [ -n "$e" ] && QUERY_NOTE="$QUERY_NOTE \`$k\`: $e."
  done
  if [ "$LOADED" -lt "$TOTAL_EVENTS" ]; then
    QUERY_NOTE="$QUERY_NOTE Only $LOADED of $TOTAL_EVENTS events could be loaded within ${LOAD_MAX_SECONDS}s."
  fi
else
  QUERY_NOTE="skipped: the running service lacks the GraphQL queries \`mailing\`, \`recipient\` and \`events\` (query root fields: '${QUERY_FIELDS:-none}')"
fi
[ -n "$QUERY_NOTE" ] && log "  $QUERY_NOTE"
RSS_RUN_MAX=$(max_rss_mib ".")
RSS_HWM_END=$(hwm_mib)

# ------------------------------------------------------------------ part 5b: start-up with the data
echo idle >"$PHASE_FILE"
kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
stop_service
log "restarting the service with $LOADED events stored"
start_service "$OUT/service-restart.log"
RESTART_MS=$READY_MS
log "ready after $RESTART_MS ms"
stop_service

# ------------------------------------------------------------------ RESULTS.md
# verdict VALUE OP TARGET UNIT: "met"/"missed" and by how much (OP is >= or <)
verdict() {
  local v=$1 op=$2 t=$3 unit=$4
  if [ -z "$v" ] || [ "$v" = n/a ]; then echo "not measured"; return; fi
  awk -v v="$v" -v t="$t" -v op="$op" -v u="$unit" 'BEGIN {
    if (op == ">=") { ok = v >= t } else { ok = v < t }
    d = v - t; if (d < 0) d = -d
    pct = t > 0 ? 100 * d / t : 0
    if (ok) printf "**met** (%s%s vs %s%s, %.0f%% margin)", v, u, t, u, pct
    else    printf "**missed** by %s%s (%.0f%%): %s%s vs %s%s", d, u, pct, v, u, t, u
  }'
}
q() { local v; v=$(kv "$OUT/query.txt" "query_$1_$2_ms"); [ -z "$v" ] && v=n/a; echo "$v"; }
LIVE_P50=$(kv "$OUT/live.txt" live_p50_ms); LIVE_P99=$(kv "$OUT/live.txt" live_p99_ms)
[ -n "$LIVE_NOTE" ] && { LIVE_P50=""; LIVE_P99=""; }

R=$ROOT/bench/RESULTS.md
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh\` (rewritten by every run; raw outputs in \`bench/out/\`, not committed)."
  [ "$SMOKE" = 1 ] && { echo; echo "> **Smoke run with small sizes (BENCH_SMOKE=1): these figures only show that the harness works.**"; }
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| date | $RUN_DATE |"
  echo "| commit | \`$COMMIT\` |"
  echo "| machine | $CORES cores ($CPU_MODEL), $MEM_MIB MiB memory |"
  echo "| disk | one 8 kB write + fdatasync (pg_test_fsync, the WAL's sync method): ${FSYNC_US:-?} µs |"
  echo "| load average at start | $LOAD_AT_START (other processes on the machine share the cores) |"
  echo "| software | PostgreSQL $PG_VERSION, $JAVA_VERSION, $WRK_VERSION |"
  echo "| service | \`java ${JAVA_OPTS:+$JAVA_OPTS }-jar target/quarkus-app/quarkus-run.jar\` (JVM mode, prod profile), database \`$DB\` on $PGHOST |"
  echo "| load | wrk (\`bench/ingest.lua\`: unique event ids, $MAILINGS mailings, $RECIPIENTS recipients, realistic type mix) and \`bench/LoadGen.java\`, both on loopback |"
  echo
  echo "## Targets"
  echo
  echo "| target | result |"
  echo "|---|---|"
  echo "| deliveries of 100 events ≥ 0.5 × pgbench ceiling | $(verdict "$RATIO_100" ">=" 0.5 "") (${P1_RATE[100]} vs $CEILING events/s) |"
  echo "| deliveries of 1 event ≥ 3,000 events/s | $(verdict "${P1_RATE[1]}" ">=" 3000 " ev/s") |"
  LIVE_LOST=$(kvn "$OUT/live.txt" live_lost)
  if [ -n "$LIVE_NOTE" ]; then live_cell="not measured: $LIVE_NOTE"
  elif [ "$LIVE_LOST" != 0 ]; then
    live_cell="**missed**: $LIVE_LOST of $(kv "$OUT/live.txt" live_measured_events) events never reached the subscriber ($(kv "$OUT/live.txt" live_server_error | cut -c1-200)); p99 of those received $LIVE_P99 ms"
  else live_cell=$(verdict "$LIVE_P99" "<" 50 " ms"); fi
  echo "| live latency p99 < 50 ms at $LIVE_RATE events/s | $live_cell |"
  if [ -n "$QUERY_NOTE" ] && ! [ -s "$OUT/query.txt" ]; then
    echo "| mailing stats / recipient p95 < 10 ms, filtered page p95 < 30 ms at 1,000,000 events | not measured: $QUERY_NOTE |"
  else
    echo "| \`mailing{stats}\` p95 < 10 ms ($LOADED events) | $(verdict "$(q mailing p95)" "<" 10 " ms") |"
    echo "| \`recipient{status}\` p95 < 10 ms ($LOADED events) | $(verdict "$(q recipient p95)" "<" 10 " ms") |"
    echo "| filtered \`events\` page p95 < 30 ms ($LOADED events) | $(verdict "$(q events p95)" "<" 30 " ms") |"
  fi
  echo "| resident memory < 512 MiB under ingestion load (JVM) | $(verdict "$RSS_INGEST_MAX" "<" 512 " MiB") (max VmRSS during part 1) |"
  echo
  echo "## 1. Durable ingestion throughput"
  echo
  echo "Closed loop, ${DURATION}s per size after a ${WARMUP}s warm-up; an event counts when its delivery was answered 200"
  echo "(the service answers only after the commit). Afterwards the rows added to \`event\` are counted and compared."
  echo
  echo "| events per delivery | connections | events/s acknowledged | request p50 | request p99 | failures | rows = acknowledged | max RSS |"
  echo "|---|---|---|---|---|---|---|---|"
  for b in 1 10 100; do
    echo "| $b | ${P1_CONNS[$b]} | **${P1_RATE[$b]}** | ${P1_P50[$b]} ms | ${P1_P99[$b]} ms | ${P1_FAIL[$b]} | ${P1_CHECK[$b]} | ${P1_RSS[$b]} MiB |"
  done
  echo
  echo "CPU (in cores) while measuring:"
  echo
  for b in 1 10 100; do
    commits=$(kvn "$OUT/cpu-ingest-$b.txt" commits | cut -d. -f1)
    echo "- $b event(s): $commits commits, $(calc "${P1_OK[$b]} / ($commits > 0 ? $commits : 1)" | awk '{ printf "%.0f", $1 }') events per commit (deliveries combined by the writer); $(cpu_line "ingest-$b")."
    echo "  PostgreSQL backends of the service, sampled: $(wait_summary "ingest-$b")."
    echo "  Service threads' CPU between the first and last of 4 thread dumps: $(thread_summary "ingest-$b")."
  done
  echo
  echo "## 2. Ceiling: pgbench, 100-row INSERTs into the same table"
  echo
  echo "\`pgbench -M prepared -c $PGBENCH_CLIENTS -j 2 -T $DURATION\`, each transaction one \`INSERT … VALUES\` of 100 rows shaped like"
  echo "the service's (same columns, payload size and type mix; ids from a sequence) into a copy of the Flyway-created"
  echo "\`event\` table with all its indexes, in database \`$CEIL_DB\`."
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| transactions/s | $PGB_TPS (average latency ${PGB_LAT:-?} ms, $PGB_TX transactions, $PGB_ROWS rows) |"
  echo "| ceiling | **$CEILING rows/s** |"
  echo "| ratio of 100-event deliveries to the ceiling | **$RATIO_100** |"
  echo "| ratio of 10-event deliveries | $(calc "${P1_RATE[10]} / ($CEILING > 0 ? $CEILING : 1)" | awk '{ printf "%.2f", $1 }') |"
  echo "| ratio of 1-event deliveries | $(calc "${P1_RATE[1]} / ($CEILING > 0 ? $CEILING : 1)" | awk '{ printf "%.2f", $1 }') |"
  echo "| reference: the same INSERTs with \`-M simple\` (parsed and planned every time, as new rows must be) | $CEILING_SIMPLE rows/s; 100-event deliveries reach $RATIO_100_SIMPLE of it |"
  echo
  echo "The ceiling stores only the \`event\` rows, from literals parsed once per connection. The service also parses"
  echo "every delivery, takes the ingest lock, and before it answers brings the read model (mailing statistics, unique"
  echo "openers and clickers, links, recipient status per list and overall) up to date and notifies subscribers."
  echo
  echo "## 3. Live latency"
  echo
  if [ -n "$LIVE_NOTE" ]; then
    echo "Not measured: $LIVE_NOTE."
  else
    echo "One \`graphql-transport-ws\` subscriber (\`subscription { events { eventId } }\`) while deliveries of $LIVE_BATCH events"
    echo "leave on a fixed schedule (open loop) at $LIVE_RATE events/s for ${LIVE_SECONDS}s after a 5s warm-up. Latency of an"
    echo "event = its arrival at the subscriber − the 200 of its delivery at the sender (0 when it arrived first)."
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| rate achieved | $(kv "$OUT/live.txt" live_rate_achieved) events/s acknowledged |"
    echo "| p50 | **$LIVE_P50 ms** |"
    echo "| p99 | **$LIVE_P99 ms** |"
    echo "| max | $(kv "$OUT/live.txt" live_max_ms) ms |"
    echo "| events measured / received / lost | $(kv "$OUT/live.txt" live_measured_events) / $(kv "$OUT/live.txt" live_received) / $(kv "$OUT/live.txt" live_lost) |"
    echo "| received before the 200 arrived | $(kv "$OUT/live.txt" live_before_ack) |"
    echo "| failed / skipped deliveries, protocol errors | $(kv "$OUT/live.txt" live_failed_deliveries) / $(kv "$OUT/live.txt" live_skipped_deliveries) / $(kv "$OUT/live.txt" live_protocol_errors) |"
    echo "| service threads' CPU between the first and last thread dump | $(thread_summary live) |"
    [ -n "$(kv "$OUT/live.txt" live_server_error)" ] && echo "| first error from the server | \`$(kv "$OUT/live.txt" live_server_error | tr '|' '/')\` |"
  fi
  echo
  echo "## 4. Query latency"
  echo
  if [ -n "$QUERY_NOTE" ] && ! [ -s "$OUT/query.txt" ]; then
    echo "Not measured: $QUERY_NOTE."
  else
    echo "$LOADED events stored across $MAILINGS mailings and $RECIPIENTS recipients, all through the ingest endpoint"
    echo "(the earlier parts, then 100-event deliveries${LOAD_RATE:+ at $LOAD_RATE events/s}), so the read model was built by the real"
    echo "path; then \`VACUUM (ANALYZE)\` as autovacuum would have done. One client, sequential, $QUERY_ITERATIONS queries"
    echo "each after $QUERY_WARMUP warm-up rounds over all three (a dashboard backend in use is JIT-warm), random mailing/recipient"
    echo "per query, over HTTP POST /graphql."
    [ -n "$QUERY_NOTE" ] && { echo; echo "Note:$QUERY_NOTE"; }
    echo
    echo "| query | p50 | p95 | p99 | errors | empty answers |"
    echo "|---|---|---|---|---|---|"
    echo "| \`mailing(mailingId){stats{…all 13 fields}}\` | $(q mailing p50) ms | **$(q mailing p95) ms** | $(q mailing p99) ms | $(kv "$OUT/query.txt" query_mailing_errors) | $(kv "$OUT/query.txt" query_mailing_empty) |"
    echo "| \`recipient(recipientId){status}\` | $(q recipient p50) ms | **$(q recipient p95) ms** | $(q recipient p99) ms | $(kv "$OUT/query.txt" query_recipient_errors) | $(kv "$OUT/query.txt" query_recipient_empty) |"
    echo "| \`events(filter:{mailingId, types:[CLICK]}, first:50)\` | $(q events p50) ms | **$(q events p95) ms** | $(q events p99) ms | $(kv "$OUT/query.txt" query_events_errors) | $(kv "$OUT/query.txt" query_events_empty) |"
    echo
    echo "The same queries with a signed token (RS256 JWT, verified on every request) instead of the static read token:"
    echo
    echo "| query | p50 | p95 | p99 | errors |"
    echo "|---|---|---|---|---|"
    for k in mailing recipient events; do
      echo "| \`$k\` | $(kv "$OUT/query-jwt.txt" "query_${k}_p50_ms") ms | **$(kv "$OUT/query-jwt.txt" "query_${k}_p95_ms") ms** | $(kv "$OUT/query-jwt.txt" "query_${k}_p99_ms") ms | $(kv "$OUT/query-jwt.txt" "query_${k}_errors") |"
    done
  fi
  echo
  echo "## 5. Memory and start-up"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| start-up to ready (launch → \`/q/health/ready\` 200), empty database incl. Flyway migrations | **$STARTUP_MS ms** (Quarkus log: started in ${STARTED_IN:-?}) |"
  echo "| start-up to ready with $LOADED events stored | $RESTART_MS ms |"
  echo "| RSS idle after start | $RSS_IDLE_MIB MiB |"
  echo "| RSS max under ingestion load (part 1, VmRSS sampled every 0.5 s) | **$RSS_INGEST_MAX MiB** (VmHWM then $RSS_HWM_AFTER_INGEST MiB) |"
  echo "| RSS max over the whole run | $RSS_RUN_MAX MiB (VmHWM $RSS_HWM_END MiB) |"
  echo "| JVM options | ${JAVA_OPTS:-none (defaults: heap up to 1/4 of memory)} (the JVM image's heap in a 512Mi pod) |"
  if [ -f "$ROOT/bench/NOTES.md" ]; then
    echo
    cat "$ROOT/bench/NOTES.md"
  fi
} >"$R"
psqlc postgres "drop database if exists $CEIL_DB with (force)"
log "wrote $R"
