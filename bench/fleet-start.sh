#!/usr/bin/env bash
# A fleet's first seconds at a just-started server: --nodes new collectl nodes (104 series each, one connection
# each, tsdb-loadgen --mode collectl) start sending at once while bench/fleet-start.py writes a marker every 100 ms
# on a connection of its own and polls /render for each. Every node's first points create its series, so the
# server has a backlog to write; the markers sample it every 100 ms, so the slowest one is its peak however the
# fleet's seconds fall (tsdb-loadgen's own probe sends a marker per second and waits for each, so it sees the peak
# only when a marker happens to arrive at the start of the burst). Prints per run the slowest marker, the median,
# how many took over 1 s, the generator's CPU seconds (user + system, its whole run) and the delays in order. --runs repeats on a fresh server each time; with SERVER_DLL
# (see bench/lib.sh) another build can be run in alternation by calling the script once per build.
# Manual tool (not run by CI); loopback only; about (--seconds + 35) s per run.
#
#   bench/fleet-start.sh [--nodes 5000] [--seconds 4] [--runs 1] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

NODES=5000 SECONDS_=4 RUNS=1 BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) NODES="$2"; shift 2 ;;
    --seconds) SECONDS_="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

. bench/lib.sh
build_binaries "$BUILD"
WORK=$(mktemp -d /tmp/tsdb-fleetstart.XXXXXX)
cleanup() { kill_server_quietly; rm -rf "$WORK"; }
trap cleanup EXIT

echo "fleet-start ($SERVER_LABEL): $NODES new collectl nodes, markers every 100 ms for ${SECONDS_} s ($(nproc) cores, load $(loadavg))"
for run in $(seq 1 "$RUNS"); do
  start_server "$WORK/data-$run" "$WORK/server-$run.log"
  python3 bench/fleet-start.py --line-port "$LINE" --http-port "$HTTP" --seconds "$SECONDS_" >"$WORK/probe-$run.out" &
  probe=$!
  sleep 0.3 # the markers' first samples show the idle server
  TIMEFORMAT='%U %S'
  { time dotnet "$LOADGEN" loadgen --mode collectl --nodes "$NODES" --connections "$NODES" --points $(( NODES * 104 * SECONDS_ )) \
    --duration $(( SECONDS_ + 30 )) --port "$LINE" --progress 3600 >/dev/null 2>"$WORK/loadgen-$run.log"; } 2>"$WORK/loadgen-$run.time"
  wait "$probe"
  echo "run $run: $(cat "$WORK/probe-$run.out") generator_cpu_s=$(awk '{printf "%.2f", $1 + $2}' "$WORK/loadgen-$run.time")"
  stop_server KILL
done
echo "(load $(loadavg))"
