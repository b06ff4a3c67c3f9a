#!/usr/bin/env bash
# Campaign Pulse under attack: the packaged service at the production heap, fed what a hostile caller sends
# to a public webhook endpoint, while liveness and RSS are sampled. Appends its figures to bench/out/attack.txt;
# copy them into bench/RESULTS.md ("Under attack"). About 3 minutes.
#
#   bench/attack.sh        (after ./mvnw package; needs python3, psql, PostgreSQL on 127.0.0.1:5432)
#
# It drops and recreates the database $ATTACK_DB, never any other.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
mkdir -p "$OUT"
DB=${ATTACK_DB:-pulse_attack}
PORT=${ATTACK_PORT:-18089}
# health is served on the management port (quarkus.management), apart from the public port under attack
MANAGEMENT_PORT=${ATTACK_MANAGEMENT_PORT:-18099}
# The heap of the JVM image in its 512Mi pod (src/main/docker/Dockerfile.jvm: half the container's memory).
JAVA_OPTS=${ATTACK_JAVA_OPTS:--Xmx256m}
TOKEN="Bearer attack-secret"

psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" -c "create database $DB" >/dev/null
QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$DB \
  PULSE_INGEST_HEADER_VALUE="$TOKEN" QUARKUS_LOG_CONSOLE_JSON_ENABLED=false PULSE_GRAPHQL_AUTH=none \
  java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar > "$OUT/attack-service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for i in $(seq 1 240); do
  curl -fs -o /dev/null "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" && break
  sleep 0.5
done
python3 bench/attack.py "$PORT" "$PID" "$TOKEN" "$DB" "$JAVA_OPTS" "$MANAGEMENT_PORT" | tee -a "$OUT/attack.txt"
