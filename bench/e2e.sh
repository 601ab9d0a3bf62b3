#!/usr/bin/env bash
# End-to-end benchmark of TsdbServer on this machine (loopback only; bounded in time).
#
#   bench/e2e.sh [--series N] [--rounds N] [--connections "1 4 8"] [--queries N] [--no-build]
#
# For each connection count: builds Release once, starts the server on a fresh data folder and free
# loopback ports (self-metrics off, no periodic checkpoint), floods it with tsdb-loadgen (collectl-shaped
# names and values, --rounds seconds of data for --series series ending now), and measures
#   ingest   points / (first byte sent .. every point counted by /health and the last round readable in /render)
#   queries  median latency of Grafana-shaped POST /render (maxDataPoints=1000) and of /metrics/find per level
#   memory   peak RSS of the server (VmHWM)
#   disk     bytes per point of the data folder after SIGTERM (checkpoint + WAL truncation), next to whisper
#   restart  time from start to a healthy /health on the settled folder
# Figures share 2 cores with whatever else runs: repeat and compare medians.
set -euo pipefail
cd "$(dirname "$0")/.."

SERIES=10000 ROUNDS=1000 CONNECTIONS="1 4" QUERIES=11 BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --series) SERIES="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --queries) QUERIES="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

. bench/lib.sh
build_binaries "$BUILD"
WORK=$(mktemp -d /tmp/tsdb-bench.XXXXXX)
cleanup() { kill_server_quietly; rm -rf "$WORK"; }
trap cleanup EXIT

echo "TsdbServer e2e ($SERVER_LABEL): $SERIES series x $ROUNDS rounds, connections: $CONNECTIONS ($(nproc) cores, load $(loadavg))"
for C in $CONNECTIONS; do
  DATA="$WORK/data-$C"; LOG="$WORK/server-$C.log"
  start_server "$DATA" "$LOG"
  POINTS=$(( SERIES * ROUNDS ))
  T0=$(now)
  RESULT=$(dotnet "$LOADGEN" loadgen --mode flood --port "$LINE" --series "$SERIES" --points "$POINTS" \
    --connections "$C" --duration 240 --progress 5 2>"$WORK/loadgen-$C.log" | tee "$WORK/loadgen-$C.out" | grep '^result')
  T_SENT=$(now)
  SENT=$(sed -E 's/.* points=([0-9]+).*/\1/' <<<"$RESULT")
  FIRST=$(sed -E 's/.* first=([0-9]+).*/\1/' <<<"$RESULT")
  LAST=$(sed -E 's/.* last=([0-9]+).*/\1/' <<<"$RESULT")
  DEADLINE=$(( $(date +%s) + 180 ))
  while [ "$(health_field pointsWritten)" -lt "$SENT" ]; do
    [ "$(date +%s)" -lt "$DEADLINE" ] || { echo "not all points stored within 180 s" >&2; exit 1; }
    sleep 0.05
  done
  # The first series must hold every round: visible through the query API, not only counted.
  READ=$(render_count "node0000.cputotals.user" "$((FIRST - 1))" "$LAST")
  T_READ=$(now)
  [ "$READ" -eq "$ROUNDS" ] || echo "warning: node0000.cputotals.user has $READ of $ROUNDS points in /render" >&2
  INGEST=$(python3 -c "print(f'{$SENT / ($T_READ - $T0):,.0f}')")
  SEND=$(python3 -c "print(f'{$SENT / ($T_SENT - $T0):,.0f}')")
  RSS=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status")

  PANELS=$(panel_medians "http://127.0.0.1:$HTTP" "$QUERIES")
  F1=$(median_ms "$QUERIES" "http://127.0.0.1:$HTTP/metrics/find?query=*")
  F2=$(median_ms "$QUERIES" "http://127.0.0.1:$HTTP/metrics/find?query=node0001.*")
  F3=$(median_ms "$QUERIES" "http://127.0.0.1:$HTTP/metrics/find?query=node0001.cpuinfo.*")
  F4=$(median_ms "$QUERIES" "http://127.0.0.1:$HTTP/metrics/find?query=node0001.cpuinfo.user.*")

  stop_server TERM
  DISK=$(du -sb "$DATA" | cut -f1)
  BREAKDOWN=$(cd "$DATA" && du -sb wal chunks/checkpoints 2>/dev/null | awk '{printf "%s=%.1fMB ", $2, $1/1e6}'; \
    find "$DATA/chunks" -maxdepth 1 -name 'chunks.*' -printf '%s\n' 2>/dev/null | awk '{s+=$1} END {printf "chunklogs=%.1fMB", s/1e6}')
  start_server "$DATA" "$LOG.restart"
  stop_server TERM

  echo
  echo "== $C connection(s): $SENT points"
  echo "ingest   $INGEST points/s until readable (sender alone: $SEND points/s)"
  echo "memory   peak RSS $RSS MiB"
  echo "disk     $(python3 -c "print(f'{$DISK/1e6:.1f} MB = {$DISK / $SENT:.3f} bytes/point')") ($BREAKDOWN); whisper: $(python3 -c "print(f'{$SERIES * $WHISPER_BYTES / 1e9:.1f} GB = {$SERIES * $WHISPER_BYTES / $SENT:.0f} bytes/point')")"
  echo "render   median ms aliasByNode(disks) / sumSeries(all) / groupByNode / highestMax / movingAverage: $PANELS"
  echo "find     median ms: * $F1, node.* $F2, node.group.* $F3, node.group.metric.* $F4"
  echo "restart  healthy after $STARTUP s"
done
