#!/usr/bin/env bash
# TsdbServer ingestion with and without a Grafana-shaped query load, and freshness at flood and at a paced
# rate. Manual tool (not run by CI); loopback only; about 3 minutes with the defaults.
#
#   bench/under-load.sh [--series N] [--rounds N] [--connections N] [--query-load Q] [--fresh-rate P]
#                       [--fresh-seconds S] [--max-renders N] [--no-build]
#
#   A  fresh server, flood --series x --rounds, with tsdb-loadgen --probe-freshness 1: points/s from the first
#      byte until every point is readable (/health pointsWritten and the first series' rounds in /render),
#      and the marker delays while flooding
#   B  the same on another fresh server with --query-load Q (Q POST /render per second, open loop, cycling the
#      five panels of bench/e2e.sh: aliasByNode, sumSeries, groupByNode, highestMax, movingAverage;
#      from=-1h, maxDataPoints=1000): rate, query latencies and failures (503 = MaxConcurrentRenders)
#   C  on server B, --fresh-rate points/s for --fresh-seconds s with the probe (freshness at a collectl-like load)
#   D  the same as C with --query-load Q
# --max-renders sets Tsdb:Limits:MaxConcurrentRenders (default: the server's, max(2, cores)).
set -euo pipefail
cd "$(dirname "$0")/.."

SERIES=10000 ROUNDS=1000 CONNECTIONS=4 QUERY_LOAD=20 FRESH_RATE=100000 FRESH_SECONDS=20 MAX_RENDERS="" BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --series) SERIES="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --query-load) QUERY_LOAD="$2"; shift 2 ;;
    --fresh-rate) FRESH_RATE="$2"; shift 2 ;;
    --fresh-seconds) FRESH_SECONDS="$2"; shift 2 ;;
    --max-renders) MAX_RENDERS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

. bench/lib.sh
build_binaries "$BUILD"
[ -n "$MAX_RENDERS" ] && export Tsdb__Limits__MaxConcurrentRenders=$MAX_RENDERS
WORK=$(mktemp -d /tmp/tsdb-underload.XXXXXX)
cleanup() { kill_server_quietly; rm -rf "$WORK"; }
trap cleanup EXIT
FIRST_NAME=$(dotnet "$LOADGEN" names --series "$SERIES" --index 0)

run_load() { # tag extra-loadgen-args... -> sets OUT (loadgen stdout), SENT FIRST LAST T0 T_SENT
  local tag=$1; shift
  T0=$(now)
  OUT=$(dotnet "$LOADGEN" loadgen --mode flood --port "$LINE" --series "$SERIES" --connections "$CONNECTIONS" \
    --progress 5 --http "http://127.0.0.1:$HTTP" "$@" 2>"$WORK/loadgen-$tag.log" | tee "$WORK/loadgen-$tag.out")
  T_SENT=$(now)
  local r; r=$(grep '^result' <<<"$OUT")
  SENT=$(result_field points "$r"); FIRST=$(result_field first "$r"); LAST=$(result_field last "$r")
}

readable_rate() { # -> points/s from T0 until every point of the last run is readable
  local deadline=$(( $(date +%s) + 300 ))
  until [ "$(health_field pointsWritten)" -ge "$SENT" ] && [ "$(render_count "$FIRST_NAME" "$((FIRST - 1))" "$LAST")" -ge "$((LAST - FIRST + 1))" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "not readable within 300 s" >&2; exit 1; }
    sleep 0.05
  done
  calc "f'{$SENT / ($(now) - $T0):,.0f}'"
}

line_of() { grep "^$1" <<<"$OUT" | head -1 | cut -d' ' -f2-; }

echo "under-load ($SERVER_LABEL): $SERIES series x $ROUNDS rounds over $CONNECTIONS connections, $QUERY_LOAD queries/s, max renders ${MAX_RENDERS:-default} ($(nproc) cores, load $(loadavg))"
POINTS=$(( SERIES * ROUNDS ))

start_server "$WORK/a" "$WORK/a.log"
run_load A --points "$POINTS" --duration 300 --probe-freshness 1
A_RATE=$(readable_rate); A_FRESH=$(line_of freshness)
stop_server KILL
echo "A flood alone:        $A_RATE points/s until readable; freshness while flooding: $A_FRESH (load $(loadavg))"

start_server "$WORK/b" "$WORK/b.log"
run_load B --points "$POINTS" --duration 300 --probe-freshness 1 --query-load "$QUERY_LOAD"
B_RATE=$(readable_rate); B_FRESH=$(line_of freshness); B_Q=$(line_of queries); B_QM=$(line_of query_medians_ms)
echo "B flood + $QUERY_LOAD q/s:     $B_RATE points/s until readable; freshness while flooding: $B_FRESH"
echo "                      queries: $B_Q"
echo "                      medians: $B_QM (load $(loadavg))"

FRESH_POINTS=$(( FRESH_RATE * FRESH_SECONDS ))
run_load C --points "$FRESH_POINTS" --rate "$FRESH_RATE" --duration $(( FRESH_SECONDS + 30 )) --probe-freshness 1
echo "C $FRESH_RATE points/s:   freshness $(line_of freshness) (sent $(grep '^result' <<<"$OUT" | sed -E 's/.* rate=([0-9]+).*/\1/') points/s)"
run_load D --points "$FRESH_POINTS" --rate "$FRESH_RATE" --duration $(( FRESH_SECONDS + 30 )) --probe-freshness 1 --query-load "$QUERY_LOAD"
echo "D $FRESH_RATE points/s + $QUERY_LOAD q/s: freshness $(line_of freshness) (sent $(grep '^result' <<<"$OUT" | sed -E 's/.* rate=([0-9]+).*/\1/') points/s)"
echo "                      queries: $(line_of queries)"
echo "                      medians: $(line_of query_medians_ms) (load $(loadavg))"
stop_server KILL
