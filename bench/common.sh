# Shared by bench/run.sh, bench/scale.sh and bench/replicas.sh, sourced after their `set -euo pipefail`: the
# repository root and output folder, where PostgreSQL and the packaged service are, and the helpers each of them uses.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
mkdir -p "$OUT"

PGHOST=${BENCH_PGHOST:-127.0.0.1}
PGPORT=${BENCH_PGPORT:-5432}
PGUSER=${BENCH_PGUSER:-postgres}
TOKEN=${BENCH_TOKEN:-Bearer bench-secret}
APP_DIR=${BENCH_APP_DIR:-$ROOT/target/quarkus-app}
# The heap the JVM image gets in its 512Mi pod (src/main/docker/Dockerfile.jvm: JAVA_MAX_MEM_RATIO=50).
# Without a bound the JVM sizes its heap from this machine's memory (1/4 of it) and RSS measures that.
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m}
SKIP_BUILD=${BENCH_SKIP_BUILD:-0}

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
psqlc() { local db=$1; shift; psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$db" -XtAq -v ON_ERROR_STOP=1 -c "$*"; }
# the value of key $2 in a file of key=value lines $1 (empty when absent)
kv() { grep -m1 "^$2=" "$1" 2>/dev/null | cut -d= -f2- || true; }
now_ms() { date +%s%3N; }
calc() { awk "BEGIN { printf \"%s\", $* }"; }
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }
# the first port from $1 on that nothing listens on
free_port() {
  local p
  for p in $(seq "$1" $(( $1 + 200 ))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  echo "no free port from $1" >&2; exit 1
}
# Exits unless every database named is one a bench may drop and recreate.
refuse_shared_databases() {
  local d
  for d in "$@"; do
    case "$d" in
      postgres|test|template0|template1) echo "refusing to use database '$d': the benchmark drops and recreates its databases" >&2; exit 2 ;;
    esac
  done
}
