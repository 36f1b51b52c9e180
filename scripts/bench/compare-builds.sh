#!/bin/bash
# Compares two builds of Dateline on one page, uncached, by the server's CPU time per request and req/s.
# Each build is served alone on a fresh copy of the same SQLite database, in alternating rounds, so that
# the machine's noise falls on both. Builds must sit inside the repository, to find node_modules:
#
#   npx tsx scripts/build.ts --out tmp/before     (on the old commit; `git worktree` helps)
#   npx tsx scripts/build.ts --out tmp/after
#   npm run bench -- --keep            (keeps a publication; or use any dateline.sqlite)
#   bash scripts/bench/compare-builds.sh tmp/before tmp/after /path/to/dateline.sqlite /some-article/ 3
set -euo pipefail
A=$1 B=$2 DB=$3 PAGE=$4 ROUNDS=${5:-3} PORT=${PORT:-3998}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for round in $(seq 1 "$ROUNDS"); do
  for build in "$A" "$B"; do
    cp "$DB" "$WORK/db.sqlite"
    rm -f "$WORK/db.sqlite-wal" "$WORK/db.sqlite-shm"
    NODE_ENV=production LOG_LEVEL=silent PORT=$PORT HOST=127.0.0.1 DATABASE_URL="sqlite:$WORK/db.sqlite" \
      DATELINE_PAGE_CACHE=off node "$ROOT/$build/cli.js" serve > "$WORK/server.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
    wrk -t2 -c32 -d2s "http://127.0.0.1:$PORT$PAGE" > /dev/null
    before=$(ticks "$pid")
    out=$(wrk -t2 -c32 -d8s "http://127.0.0.1:$PORT$PAGE")
    after=$(ticks "$pid")
    requests=$(echo "$out" | grep -oE '^ *[0-9]+ requests' | grep -oE '[0-9]+')
    rate=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    hz=$(getconf CLK_TCK)
    echo "round $round  $build  req/s $rate  server CPU $(( (after - before) * 1000000 / hz / requests )) µs/req"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
