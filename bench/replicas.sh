#!/usr/bin/env bash
# Live latency across replicas: two instances of the packaged jar on one database, as two replicas behind a
# Service. A graphql-transport-ws subscriber on replica B while deliveries go to replica A (the event reaches B
# only through LISTEN/NOTIFY and B's read of the committed events), and, as reference in the same run, the
# subscriber on A itself. Prints a Markdown table (copy it into bench/RESULTS.md) and keeps the raw LoadGen
# outputs in bench/out/replicas-*.txt.
#
#   bench/replicas.sh                         (after ./mvnw package; about 3 minutes)
#   BENCH_ROUNDS=3 BENCH_LIVE_SECONDS=60 bench/replicas.sh
#
# Needs Java 17, psql, curl and PostgreSQL on 127.0.0.1:5432 as postgres. It drops and recreates the database
# $BENCH_REPLICAS_DB (default pulse_bench_replicas), never any other.
set -euo pipefail
source "$(dirname "$0")/common.sh"

DB=${BENCH_REPLICAS_DB:-pulse_bench_replicas}
LIVE_RATE=${BENCH_LIVE_RATE:-1000}       # events per second
LIVE_BATCH=${BENCH_LIVE_BATCH:-10}       # events per delivery
LIVE_SECONDS=${BENCH_LIVE_SECONDS:-30}   # measured seconds per round, after a warm-up
LIVE_WARMUP=${BENCH_LIVE_WARMUP:-10}
ROUNDS=${BENCH_ROUNDS:-2}                # each round: cross-replica and the same replica, alternating which goes first
WARM_SECONDS=${BENCH_WARM_SECONDS:-30}   # an unrecorded run first, so that both JVMs are warm for every row
MAILINGS=${BENCH_MAILINGS:-1000}
RECIPIENTS=${BENCH_RECIPIENTS:-100000}

refuse_shared_databases "$DB"

if [ "$SKIP_BUILD" != 1 ]; then
  log "building the service (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests >"$OUT/replicas-build.log" 2>&1 || { tail -30 "$OUT/replicas-build.log" >&2; exit 1; }
fi
[ -f "$APP_DIR/quarkus-run.jar" ] || { echo "no $APP_DIR/quarkus-run.jar: build first" >&2; exit 1; }
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" "$ROOT/bench/LoadGen.java"

log "recreating database $DB"
psqlc postgres "drop database if exists $DB with (force)"
psqlc postgres "create database $DB"

PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 350); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT

# start_replica NAME PORT MANAGEMENT_PORT: the packaged service in the prod profile, reads open (bench only)
start_replica() {
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/$DB QUARKUS_DATASOURCE_USERNAME=$PGUSER \
  PULSE_INGEST_HEADER_VALUE=$TOKEN PULSE_GRAPHQL_AUTH=none QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
  QUARKUS_HTTP_PORT=$2 QUARKUS_MANAGEMENT_PORT=$3 \
    java $JAVA_OPTS -jar "$APP_DIR/quarkus-run.jar" >"$OUT/replicas-$1.log" 2>&1 &
  PIDS+=($!)
  local pid=$!
  for _ in $(seq 1 1200); do
    kill -0 "$pid" 2>/dev/null || { tail -30 "$OUT/replicas-$1.log" >&2; echo "replica $1 died at start" >&2; exit 1; }
    curl -fs -o /dev/null "http://127.0.0.1:$3/q/health/ready" && return 0
    sleep 0.1
  done
  echo "replica $1 not ready within 120 s" >&2; exit 1
}

PORT_A=$(free_port 18380); PORT_B=$(free_port $(( PORT_A + 1 )))
MGMT_A=$(free_port 18580); MGMT_B=$(free_port $(( MGMT_A + 1 )))
# one after the other: Flyway migrates the empty database once
log "starting replica A on $PORT_A and replica B on $PORT_B (database $DB)"
start_replica a "$PORT_A" "$MGMT_A"
start_replica b "$PORT_B" "$MGMT_B"

# measure LABEL SUBSCRIBER_PORT INGEST_PORT ROUND
measure() {
  local f=$OUT/replicas-$1-$4.txt load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  log "round $4, $1: subscriber on :$2, deliveries to :$3, $LIVE_RATE events/s in deliveries of $LIVE_BATCH, ${LIVE_SECONDS}s (load $load)"
  timeout $(( LIVE_SECONDS + LIVE_WARMUP + 120 )) java -cp "$OUT/classes" LoadGen live url="http://127.0.0.1:$2" \
    ingest="http://127.0.0.1:$3" token="$TOKEN" rate="$LIVE_RATE" batch="$LIVE_BATCH" seconds="$LIVE_SECONDS" \
    warmup="$LIVE_WARMUP" mailings="$MAILINGS" recipients="$RECIPIENTS" prefix="rep-$1-$4-$(date +%s)" \
    >"$f" 2>"$OUT/replicas-$1-$4.err" || true
  echo "load_before=$load" >>"$f"
  echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$f"
  log "  p50 $(kv "$f" live_p50_ms) ms, p99 $(kv "$f" live_p99_ms) ms, lost $(kv "$f" live_lost) $(kv "$f" live_error)"
}

log "warming both replicas up: ${WARM_SECONDS}s of deliveries to A with subscribers on A and B, not recorded"
java -cp "$OUT/classes" LoadGen live url="http://127.0.0.1:$PORT_A" ingest="http://127.0.0.1:$PORT_A" token="$TOKEN" rate="$LIVE_RATE" \
  batch="$LIVE_BATCH" seconds="$WARM_SECONDS" warmup=1 prefix="rep-warm-a-$(date +%s)" >/dev/null 2>&1 &
WARM_A=$!
timeout $(( WARM_SECONDS + 120 )) java -cp "$OUT/classes" LoadGen live url="http://127.0.0.1:$PORT_B" ingest="http://127.0.0.1:$PORT_A" \
  token="$TOKEN" rate=1 batch=1 seconds="$WARM_SECONDS" warmup=1 prefix="rep-warm-b-$(date +%s)" >/dev/null 2>&1 || true
wait "$WARM_A" || true
for r in $(seq 1 "$ROUNDS"); do
  if [ $(( r % 2 )) = 1 ]; then
    measure cross "$PORT_B" "$PORT_A" "$r"
    measure same "$PORT_A" "$PORT_A" "$r"
  else
    measure same "$PORT_A" "$PORT_A" "$r"
    measure cross "$PORT_B" "$PORT_A" "$r"
  fi
done

COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$COMMIT\`, $(nproc) cores shared with other processes; \`java $JAVA_OPTS\`,"
echo "two replicas on database \`$DB\`; $LIVE_RATE events/s in deliveries of $LIVE_BATCH, ${LIVE_SECONDS}s measured per row after ${LIVE_WARMUP}s."
echo "Latency = arrival at the subscriber − the 200 of the delivery (0 when it arrived first); end to end = arrival − sending."
echo
echo "| round | subscriber | p50 | p99 | max | end to end p50 / p99 | delivery answered p50 / p99 | measured / received / lost | load average before → after |"
echo "|---|---|---|---|---|---|---|---|---|"
for r in $(seq 1 "$ROUNDS"); do
  for label in cross same; do
    f=$OUT/replicas-$label-$r.txt
    if [ "$label" = cross ]; then where="B, deliveries to A"; else where="A, deliveries to A"; fi
    echo "| $r | $where | **$(kv "$f" live_p50_ms) ms** | **$(kv "$f" live_p99_ms) ms** | $(kv "$f" live_max_ms) ms | $(kv "$f" live_e2e_p50_ms) / $(kv "$f" live_e2e_p99_ms) ms | $(kv "$f" live_answer_p50_ms) / $(kv "$f" live_answer_p99_ms) ms | $(kv "$f" live_measured_events) / $(kv "$f" live_received) / $(kv "$f" live_lost) | $(kv "$f" load_before) → $(kv "$f" load_after) |"
  done
done
cleanup
PIDS=()
psqlc postgres "drop database if exists $DB with (force)" || true
