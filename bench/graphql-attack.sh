#!/usr/bin/env bash
# GraphQL and WebSocket abuse against the packaged service at the production heap; writes bench/ATTACK-GRAPHQL.md.
#
#   bench/graphql-attack.sh      (a few minutes; builds target/quarkus-app unless BENCH_SKIP_BUILD=1)
#
# Needs Java 17, PostgreSQL on 127.0.0.1:5432 (user postgres), curl, node. Drops and recreates $ATTACK_DB only.
# What it does, while sampling liveness (/q/health/live on the management port) every 200 ms and the process's RSS:
#   1. one event with a 2 MB field, then 50 aliases of event(eventId){payload}       -> RESPONSE_TOO_LARGE
#   2. recipients(first:500){...events(first:500){...payload}}                         -> QUERY_TOO_COSTLY
#   3. four concurrent queries of 200 aliased events(first:500)                        -> QUERY_TOO_COSTLY
#   4. 20 concurrent single reads of the 2 MB event (legitimate, but more than the in-flight budget at once)
#   5. $IDLE_SOCKETS WebSockets that never send connection_init                       -> 503 past the cap, 4408 after 10 s
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
mkdir -p "$OUT"
ATTACK_DB=${ATTACK_DB:-pulse_attack}
PORT=${ATTACK_PORT:-18089}
MANAGEMENT_PORT=${ATTACK_MANAGEMENT_PORT:-18099}
# src/main/docker/Dockerfile.jvm: JAVA_MAX_MEM_RATIO=50 of the JVM image's 512Mi pod (docs/DEPLOY.md, memory budget)
JAVA_OPTS=${ATTACK_JAVA_OPTS:--Xmx256m}
POD_LIMIT_MIB=${ATTACK_POD_LIMIT_MIB:-512}
IDLE_SOCKETS=${ATTACK_IDLE_SOCKETS:-3000}
# The attacking clients (curl, node) run at this niceness: in production they are on other machines and take no CPU
# from the service, here they share its 2 cores. The liveness sampler, standing for the kubelet, keeps normal priority.
CLIENT_NICE=${ATTACK_CLIENT_NICE:-10}
TOKEN="Bearer attack-secret"
case "$ATTACK_DB" in postgres|test|template0|template1) echo "refusing database $ATTACK_DB" >&2; exit 2;; esac

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then ./mvnw -B -q package -DskipTests; fi
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $ATTACK_DB" -c "create database $ATTACK_DB"

# Event-loop stalls over 500 ms are logged with their stack (counted below).
java $JAVA_OPTS -Dquarkus.vertx.max-event-loop-execute-time=500ms -Dquarkus.vertx.warning-exception-time=500ms \
  -Dquarkus.http.port=$PORT -Dquarkus.management.port=$MANAGEMENT_PORT \
  -Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/$ATTACK_DB -Dpulse.graphql.auth=none \
  -Dpulse.ingest.header-value="$TOKEN" -Dquarkus.log.console.json.enabled=false \
  -jar target/quarkus-app/quarkus-run.jar > "$OUT/attack-service.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; kill $SAMPLER 2>/dev/null || true' EXIT
# Kubernetes routes traffic once readiness is up, which waits for the service's own warm-up (StartupWarmup).
for _ in $(seq 1 120); do curl -sf localhost:$MANAGEMENT_PORT/q/health/ready >/dev/null && break; sleep 0.5; done

# liveness and RSS sampler: "epoch_ms live_ms http_code rss_kib"
: > "$OUT/attack-samples.txt"
( while kill -0 $APP 2>/dev/null; do
    r=$(curl -s -o /dev/null -m 5 -w '%{time_total} %{http_code}' localhost:$MANAGEMENT_PORT/q/health/live || echo "5 000")
    rss=$(awk '/VmRSS/{print $2}' /proc/$APP/status 2>/dev/null || echo 0)
    echo "$(date +%s%3N) $r $rss" >> "$OUT/attack-samples.txt"; sleep 0.2
  done ) &
SAMPLER=$!

# phase boundaries, to tell which attack a slow liveness sample belongs to: "epoch_ms phase"
: > "$OUT/attack-phases.txt"
mark() { echo "$(date +%s%3N) $1" >> "$OUT/attack-phases.txt"; }
gql() { nice -n "$CLIENT_NICE" curl -s -m 60 -H 'Content-Type: application/json' -d "$1" localhost:$PORT/graphql; }
# the first extensions.code of an answer, or OK when it has none
code() { local c; c=$(grep -o '"code":"[A-Z_]*"' | head -1 | cut -d'"' -f4) || true; echo "${c:-OK}"; }

mark 1
# 1. a 2 MB field
BIG=$(head -c 2000000 /dev/zero | tr '\0' x)
printf '[{"type":"open","id":"big-1","clientId":1,"mailingId":7,"recipientId":"big@x.test","note":"%s"}]' "$BIG" > "$OUT/attack-big.json"
nice -n "$CLIENT_NICE" curl -s -o /dev/null -w 'ingest %{http_code}\n' -H "Authorization: $TOKEN" -H 'Content-Type: application/json' \
  --data-binary @"$OUT/attack-big.json" localhost:$PORT/webhooks/optimizely
for i in $(seq 1 20); do
  printf '[{"type":"open","id":"small-%d","clientId":1,"mailingId":7,"recipientId":"r%d@x.test"}]' $i $((i % 5)) \
    | curl -s -o /dev/null -H "Authorization: $TOKEN" -H 'Content-Type: application/json' --data-binary @- localhost:$PORT/webhooks/optimizely
done
Q=""; for i in $(seq 1 50); do Q="$Q a$i: event(eventId: \\\"big-1\\\") { payload }"; done
R1=$(gql "{\"query\":\"{ $Q }\"}" | code)
mark 2
# 2. nested pages
R2=$(gql '{"query":"{ recipients(first: 500) { edges { node { recipientId events(first: 500) { edges { node { eventId payload } } } } } } }"}' | code)
mark 3
# 3. four concurrent 200 x events(first: 500)
Q=""; for i in $(seq 1 200); do Q="$Q a$i: events(first: 500) { edges { node { eventId payload } } }"; done
PIDS=(); for i in 1 2 3 4; do gql "{\"query\":\"{ $Q }\"}" | code > "$OUT/attack-heavy-$i.txt" & PIDS+=($!); done; wait "${PIDS[@]}"
R3=$(sort "$OUT"/attack-heavy-*.txt | uniq -c | tr -s ' ' | tr '\n' ';')
mark 4
# 4. 20 concurrent legitimate reads of the 2 MB event
PIDS=(); for i in $(seq 1 20); do gql '{"query":"{ event(eventId: \"big-1\") { eventId payload } }"}' | code > "$OUT/attack-read-$i.txt" & PIDS+=($!); done; wait "${PIDS[@]}"
R4=$(cat "$OUT"/attack-read-*.txt | sort | uniq -c | tr -s ' ' | tr '\n' ';')
mark 5
# 5. idle sockets
R5=$(nice -n "$CLIENT_NICE" node bench/idle-sockets.js $PORT $IDLE_SOCKETS 15 | tr '\n' ' ')
mark end
sleep 1
kill $SAMPLER 2>/dev/null || true
ALIVE=$(kill -0 $APP 2>/dev/null && curl -sf localhost:$MANAGEMENT_PORT/q/health/live >/dev/null && echo yes || echo no)
read -r LIVE_MAX LIVE_P99 LIVE_FAIL RSS_MAX N < <(gawk '{ t=$2*1000; a[NR]=t; if ($3!=200) f++; if ($4>r) r=$4 } END {
  n=asort(a); k=int(n*0.99); if (k<1) k=1; printf "%.0f %.0f %d %d %d\n", a[n], a[k], f+0, r/1024, n }' "$OUT/attack-samples.txt")
# the slowest liveness answer during each attack (a sample belongs to the attack under way when it was sent)
BY_PHASE=$(gawk 'NR==FNR { at[++m]=$1; name[m]=$2; next }
  { sent=$1-$2*1000; p="before"; for (i=1; i<=m; i++) if (at[i] <= sent) p=name[i]; if ($2*1000 > worst[p]) worst[p]=$2*1000 }
  END { for (i=1; i<=m; i++) if (name[i] in worst) printf "%s: %.0f ms; ", name[i], worst[name[i]] }' \
  "$OUT/attack-phases.txt" "$OUT/attack-samples.txt")
OOM=$(grep -c OutOfMemoryError "$OUT/attack-service.log" || true)
BLOCKED=$(grep -c "has been blocked for" "$OUT/attack-service.log" || true)
WARMUP=$(grep -o "Warm-up done.*" "$OUT/attack-service.log" | head -1)

cat > bench/ATTACK-GRAPHQL.md <<MD
# Under attack: GraphQL and WebSockets

Run of $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/graphql-attack.sh\` on $(nproc) cores, service at \`$JAVA_OPTS\`
(the production heap: Dockerfile.jvm's JAVA_MAX_MEM_RATIO=50 of the JVM image's ${POD_LIMIT_MIB}Mi pod), default limits,
liveness probed on the management port from the moment readiness is up. The attacking clients run at niceness
$CLIENT_NICE (in production they are elsewhere; here they share the service's cores), the liveness sampler at normal priority.

| attack | answer |
|---|---|
| 50 aliases of \`event(eventId){payload}\` on a 2 MB event | \`$R1\` |
| \`recipients(first:500){…events(first:500){…payload}}\` | \`$R2\` |
| 4 concurrent queries of 200 aliased \`events(first:500)\` | \`$R3\` |
| 20 concurrent reads of the 2 MB event (legitimate) | \`$R4\` (OK = answered whole) |
| $IDLE_SOCKETS WebSockets that never send \`connection_init\` (held 15 s) | \`$R5\` |

| figure | value |
|---|---|
| liveness samples (every 200 ms) | $N |
| liveness slowest / p99 | ${LIVE_MAX} ms / ${LIVE_P99} ms |
| liveness slowest during each attack (1-5 above; end: after the last) | $BY_PHASE |
| liveness failures | $LIVE_FAIL |
| peak RSS | ${RSS_MAX} MiB (pod limit ${POD_LIMIT_MIB} MiB) |
| OutOfMemoryError in the log | $OOM |
| event loop blocked > 500 ms (log) | $BLOCKED |
| start-up warm-up (before readiness) | $WARMUP |
| alive at the end | $ALIVE |

Raw samples: bench/out/attack-samples.txt (epoch ms, liveness seconds, status, RSS KiB).
MD
cat bench/ATTACK-GRAPHQL.md
