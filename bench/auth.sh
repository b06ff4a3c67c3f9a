#!/usr/bin/env bash
# The cost of verifying a signed token on the read path: the same GraphQL queries, sequential, with the static
# read token and with an RS256 JWT (verified on every request), against the packaged service in jwt mode.
# Small data on purpose (5,000 events): it measures the credential's cost, not the query's (bench/run.sh part 4
# measures both credentials at 1M events). Replaces the "Signed tokens" section of bench/RESULTS.md.
#   bench/auth.sh                      builds the jar unless BENCH_SKIP_BUILD=1
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out/auth
mkdir -p "$OUT/classes"
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}
DB=${BENCH_AUTH_DB:-pulse_bench_auth}
ITERATIONS=${BENCH_AUTH_ITERATIONS:-1000}
WARMUP=${BENCH_AUTH_WARMUP:-300}
ISSUER=https://bench.campaignpulse.invalid/
AUDIENCE=campaign-pulse
READ_TOKEN=bench-read-token

[ "${BENCH_SKIP_BUILD:-0}" = 1 ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
javac -d "$OUT/classes" "$ROOT/bench/LoadGen.java"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/jwt-private.pem" 2>/dev/null
openssl pkey -in "$OUT/jwt-private.pem" -pubout -out "$OUT/jwt-public.pem"
psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -qc "drop database if exists $DB" -c "create database $DB" postgres >/dev/null

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/$DB QUARKUS_DATASOURCE_USERNAME=$PGUSER \
PULSE_INGEST_HEADER_VALUE="Bearer bench-secret" QUARKUS_HTTP_PORT=$PORT \
PULSE_GRAPHQL_AUTH=jwt PULSE_GRAPHQL_READ_TOKEN=$READ_TOKEN MP_JWT_VERIFY_PUBLICKEY_LOCATION=$OUT/jwt-public.pem \
MP_JWT_VERIFY_ISSUER=$ISSUER MP_JWT_VERIFY_AUDIENCES=$AUDIENCE \
  java -Xmx256m -jar "$ROOT/target/quarkus-app/quarkus-run.jar" >"$OUT/service.log" 2>&1 &
SVC=$!
trap 'kill $SVC 2>/dev/null || true' EXIT
for _ in $(seq 1 1800); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready" || true)" = 200 ] && break
  kill -0 $SVC 2>/dev/null || { tail -20 "$OUT/service.log"; exit 1; }
  sleep 0.1
done

# 50 deliveries of 100 events: 50 mailings, 1,000 recipients
for d in $(seq 1 50); do
  body="["
  for i in $(seq 1 100); do
    r=$(( (d * 100 + i) % 1000 )); m=$(( 10230000001 + (d * 7 + i) % 50 ))
    [ "$i" -gt 1 ] && body+=","
    body+="{\"type\":\"open\",\"id\":\"auth-$d-$i\",\"recipientId\":\"r$r@example.com\",\"userListId\":10180860004,\"clientId\":10180860001,\"created\":1617108000000,\"mailId\":\"4P6W8B4-4P6W0LI-AAAAA1\",\"mailingId\":$m,\"mediaTypesToAddresses\":{\"EMAIL\":\"r$r@example.com\"},\"mediaType\":\"EMAIL\"}"
  done
  curl -sf -o /dev/null -H 'Authorization: Bearer bench-secret' -H 'Content-Type: application/json' --data "$body]" "$BASE/webhooks/optimizely"
done

run() { # label, extra LoadGen options
  local label=$1; shift
  java -cp "$OUT/classes" LoadGen query url="$BASE" iterations="$ITERATIONS" warmup="$WARMUP" only=mailing,recipient \
    mailings=50 recipients=1000 maxSeconds=300 "$@" >"$OUT/$label.txt"
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
run static1 auth="Bearer $READ_TOKEN"
run jwt1 jwtKey="$OUT/jwt-private.pem" jwtIssuer="$ISSUER" jwtAudience="$AUDIENCE"
run static2 auth="Bearer $READ_TOKEN"
run jwt2 jwtKey="$OUT/jwt-private.pem" jwtIssuer="$ISSUER" jwtAudience="$AUDIENCE"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

kv() { grep -m1 "^$2=" "$OUT/$1.txt" | cut -d= -f2- || true; }
section=$(
  echo "<!-- bench/auth.sh -->"
  echo "## Signed tokens on the read path (bench/auth.sh)"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $LOAD_BEFORE before / $LOAD_AFTER after (other builds"
  echo "were running on this machine: compare the rows with each other, not with part 4). The packaged service in"
  echo "\`pulse.graphql.auth=jwt\`, 5,000 events; one client, sequential, $ITERATIONS queries per row after $WARMUP warm-up"
  echo "rounds; runs alternate static, JWT, static, JWT. The JWT is RS256 (2048-bit key), verified on every request."
  echo
  echo "| credential | run | \`mailing\` p50 | \`mailing\` p95 | \`recipient\` p50 | \`recipient\` p95 | errors |"
  echo "|---|---|---|---|---|---|---|"
  for run in static1 jwt1 static2 jwt2; do
    case $run in static*) c="static read token";; *) c="signed token (JWT)";; esac
    echo "| $c | ${run: -1} | $(kv $run query_mailing_p50_ms) ms | **$(kv $run query_mailing_p95_ms) ms** | $(kv $run query_recipient_p50_ms) ms | **$(kv $run query_recipient_p95_ms) ms** | $(( $(kv $run query_mailing_errors) + $(kv $run query_recipient_errors) )) |"
  done
  echo "<!-- /bench/auth.sh -->"
)
R=$ROOT/bench/RESULTS.md
python3 - "$R" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
pattern = re.compile(r"<!-- bench/auth.sh -->.*?<!-- /bench/auth.sh -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
echo "$section"
