#!/usr/bin/env bash
# Freshness at a collectl-like rate while timed sweeps evict many idle series: --series series get --rounds
# points each as fast as possible, then --rate points/s go to the first 1,000 of them for --seconds with a
# freshness probe every second (tsdb-loadgen --probe-freshness 1). Two timed sweeps (SealInterval, 1 min) into
# that, the idle series' chunks are stored and dropped: at 1 M series about 3 M chunks. Prints the probe's
# median/p90/p99/max and what the server logged about memory trims and checkpoints.
# Manual tool (not run by CI); loopback only; about 6 minutes with the defaults. Arguments after -- go to the
# server, e.g. -- --Tsdb:MemoryTrimIntervalSeconds=0 (the trim's compacting GC pauses about 2 s at 1 M series).
#
#   bench/sweep-freshness.sh [--series N] [--rounds N] [--rate P] [--seconds S] [--no-build] [-- server args]
set -euo pipefail
cd "$(dirname "$0")/.."

SERIES=1000000 ROUNDS=3 RATE=1000 SECONDS_=260 BUILD=1 EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --series) SERIES="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --seconds) SECONDS_="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

. bench/lib.sh
build_binaries "$BUILD"
WORK=$(mktemp -d /tmp/tsdb-sweep.XXXXXX)
cleanup() { kill_server_quietly; rm -rf "$WORK"; }
trap cleanup EXIT

start_server "$WORK/data" "$WORK/server.log" "${EXTRA[@]}"
echo "sweep freshness ($SERVER_LABEL): $SERIES series x $ROUNDS points, then $RATE points/s for $SECONDS_ s ($(nproc) cores, load $(loadavg))"
dotnet "$LOADGEN" loadgen --mode flood --series "$SERIES" --points $(( SERIES * ROUNDS )) --connections 4 --duration 600 \
  --progress 60 --port "$LINE" >"$WORK/load.log" 2>&1
until [ "$(health_field pointsWritten)" -ge $(( SERIES * ROUNDS )) ]; do sleep 0.5; done
dotnet "$LOADGEN" loadgen --mode flood --series 1000 --rate "$RATE" --points $(( RATE * SECONDS_ )) --duration $(( SECONDS_ + 20 )) \
  --progress 60 --port "$LINE" --http "http://127.0.0.1:$HTTP" --probe-freshness 1 --start "$(date +%s)" >"$WORK/paced.log" 2>&1
sed -nE 's/.*freshness (probes=[0-9]+ timeouts=[0-9]+ median_ms=[^ ]+ p90_ms=[^ ]+ p99_ms=[^ ]+ max_ms=[^ ]+).*/freshness: \1/p' "$WORK/paced.log"
grep -E "trimmed|Checkpoint taken" "$WORK/server.log" | sed 's/^ */server: /' || true
echo "(load $(loadavg))"
