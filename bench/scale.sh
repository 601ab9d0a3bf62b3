#!/usr/bin/env bash
# Scale check of TsdbServer: N distinct series (a few points each) through the plaintext listener, then
#   accepted  /health series and pointsWritten, /metrics/find and /render on a random sample of series
#   memory    VmRSS after the load and an induced full GC (dotnet-gcdump, if installed, also gives the heap
#             by type) minus VmRSS of the same empty server, per series; and the same after the restart
#   restart   SIGKILL (so the WAL holds everything: no checkpoint ran), then start on the folder: seconds until
#             /health is 200, and until the sample series are readable through /render
# Manual tool (not run by CI); loopback only; a few minutes with the defaults. Environment variables reach
# the server, e.g. DOTNET_gcServer=0 to compare workstation GC. dotnet-gcdump / dotnet-counters are used when
# installed (dotnet tool install -g dotnet-gcdump dotnet-counters).
#
#   bench/scale.sh [--series N] [--rounds N] [--connections N] [--sample N] [--idle SECONDS] [--no-build]
#
# Memory is polled after the load until it is under 1 KiB per series, read right after the load, 30, 60 and 120 s after it (the server's memory trim gives unused GC
# memory back once the store is quiet, then again after two timed sweeps evicted idle series' chunks), and
# after --idle more seconds without points (default 240).
set -euo pipefail
cd "$(dirname "$0")/.."

SERIES=1000000 ROUNDS=3 CONNECTIONS=4 SAMPLE=20 IDLE=240 BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --series) SERIES="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --sample) SAMPLE="$2"; shift 2 ;;
    --idle) IDLE="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

. bench/lib.sh
build_binaries "$BUILD"
WORK=$(mktemp -d /tmp/tsdb-scale.XXXXXX)
cleanup() { kill_server_quietly; rm -rf "$WORK"; }
trap cleanup EXIT
PATH="$PATH:$HOME/.dotnet/tools"
GCDUMP=$(command -v dotnet-gcdump || true)
COUNTERS=$(command -v dotnet-counters || true)

rss_mib() { awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$SERVER_PID/status"; }
hwm_mib() { awk '/^VmHWM/ {printf "%.1f", $2/1024}' "/proc/$SERVER_PID/status"; }
settle() { # induce a full GC if dotnet-gcdump is there (report by type into $1), else wait; then RSS
  if [ -n "$GCDUMP" ]; then
    "$GCDUMP" collect -p "$SERVER_PID" -o "$WORK/$1.gcdump" >/dev/null 2>&1 || true
    # heapstat rows are "bytes-per-object count type [size bucket]": total = product, summed over buckets
    "$GCDUMP" report "$WORK/$1.gcdump" 2>/dev/null | python3 -c "
import re, sys, collections
total = collections.Counter(); count = collections.Counter(); heap = ''
for line in sys.stdin:
    m = re.match(r'\s*([\d,]+)\s+([\d,]+)\s+(.*?)(\s+\(Bytes > [^)]*\))?\s+\[', line)
    if m:
        n = int(m.group(2).replace(',', '')); t = m.group(3)
        total[t] += int(m.group(1).replace(',', '')) * n; count[t] += n
    elif 'GC Heap bytes' in line: heap = line.strip()
print(heap, '(', f'{sum(total.values()):,}', 'in the rows below and the rest)')
for t, b in total.most_common(25): print(f'{b:>14,} {count[t]:>10,}  {t}')
" >"$WORK/$1.txt" || true
  fi
  sleep 5
}
runtime_memory() { # GC heap, GC committed and working set from the runtime's own meters (dotnet-counters), if installed
  [ -n "$COUNTERS" ] || return 0
  rm -f "$WORK/counters.csv"
  "$COUNTERS" collect -p "$SERVER_PID" --counters 'System.Runtime' --refresh-interval 1 --duration 00:00:00:04 \
    --format csv -o "$WORK/counters.csv" >/dev/null 2>&1 || true
  [ -s "$WORK/counters.csv" ] && python3 - "$WORK/counters.csv" <<'PY' || true
import csv, sys
# Rows are "timestamp,provider,name[tags],unit,value"; a counter tagged per generation (heap size,
# fragmentation) has one row per tag: the latest value of each tag is kept and the tags are summed.
last = {}
for row in csv.reader(open(sys.argv[1])):
    if len(row) >= 5: last[row[2].strip()] = row[4]
def mib(k):
    vals = [x for n, x in last.items() if n.split('[')[0].strip().startswith(k)]
    try: return f"{sum(float(v) for v in vals) / 1048576:,.0f} MiB" if vals else "?"
    except ValueError: return "?"
print("  runtime: GC heap after last GC", mib("dotnet.gc.last_collection.heap.size"),
      "| GC committed", mib("dotnet.gc.last_collection.memory.committed_size"),
      "| working set", mib("dotnet.process.memory.working_set"),
      "| GC fragmentation", mib("dotnet.gc.last_collection.heap.fragmentation.size"))
PY
}

mapfile -t SAMPLE_NAMES < <(dotnet "$LOADGEN" names --series "$SERIES" \
  $(python3 -c "import random; r=random.Random(5); print(' '.join('--index %d' % i for i in sorted(r.sample(range($SERIES), $SAMPLE - 1)) + [$SERIES - 1]))"))
sample_readable() { # from until -> number of sample series holding every round (one /render request)
  local args=() n; for n in "${SAMPLE_NAMES[@]}"; do args+=(--data-urlencode "target=$n"); done
  curl -s "http://127.0.0.1:$HTTP/render" "${args[@]}" -d "from=$1" -d "until=$2" -d format=json |
    python3 -c "import json,sys; print(sum(1 for s in json.load(sys.stdin) if sum(v is not None for v,_ in s['datapoints']) >= $ROUNDS))" 2>/dev/null || echo 0
}

echo "scale ($SERVER_LABEL): $SERIES series x $ROUNDS rounds over $CONNECTIONS connections ($(nproc) cores, load $(loadavg))"
DATA="$WORK/data"
start_server "$DATA" "$WORK/server.log"
settle empty
BASE=$(rss_mib)
echo "empty server: VmRSS $BASE MiB after settling (GC: ${DOTNET_gcServer:+DOTNET_gcServer=$DOTNET_gcServer }server GC unless the project or environment says otherwise)"
runtime_memory

T0=$(now)
R=$(dotnet "$LOADGEN" loadgen --mode flood --port "$LINE" --series "$SERIES" --points $(( SERIES * ROUNDS )) \
  --connections "$CONNECTIONS" --duration 900 --progress 10 2>"$WORK/loadgen.log" | grep '^result')
SENT=$(result_field points "$R"); FIRST=$(result_field first "$R"); LAST=$(result_field last "$R")
DEADLINE=$(( $(date +%s) + 600 ))
while [ "$(health_field pointsWritten)" -lt "$SENT" ]; do
  [ "$(date +%s)" -lt "$DEADLINE" ] || { echo "not all points stored within 600 s" >&2; break; }
  sleep 0.2
done
T_STORED=$(now)
echo "ingest: $SENT points sent, stored after $(calc "f'{$T_STORED - $T0:.1f}'") s = $(calc "f'{$SENT / ($T_STORED - $T0):,.0f}'") points/s; /health series $(health_field series), pointsWritten $(health_field pointsWritten), invalid lines $(health_field ingestion.linesInvalid)"
# How soon after the load the memory is under 1 KiB per series (VmRSS above the empty server, every 0.5 s, 60 s at most).
T_KIB=""
while [ "$(calc "$(now) - $T_STORED < 60")" = True ]; do
  if [ "$(calc "($(rss_mib) - $BASE) * 1048576 / $SERIES < 1024")" = True ]; then T_KIB=$(calc "f'{$(now) - $T_STORED:.1f}'"); break; fi
  sleep 0.5
done
if [ -n "$T_KIB" ]; then echo "memory under 1 KiB/series: $T_KIB s after the points were stored"
else echo "memory under 1 KiB/series: not within 60 s of the load"; fi
echo "sample: $(sample_readable "$((FIRST - 1))" "$LAST") of ${#SAMPLE_NAMES[@]} random series hold all $ROUNDS rounds in /render; /metrics/find?query=${SAMPLE_NAMES[0]%%.*}.* -> $(curl -s "http://127.0.0.1:$HTTP/metrics/find?query=${SAMPLE_NAMES[0]%%.*}.*" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') nodes"
PEAK=$(hwm_mib)
settle loaded
LOADED=$(rss_mib)
echo "memory: VmRSS $LOADED MiB (peak $PEAK MiB) => $(calc "f'{($LOADED - $BASE) * 1048576 / $SERIES:,.0f}'") bytes/series above the empty server"
runtime_memory
[ -s "$WORK/loaded.txt" ] && { echo "managed heap by type after the load (dotnet-gcdump report):"; sed 's/^/  /' "$WORK/loaded.txt"; }
early_memory() { # seconds since the points were stored... -> VmRSS per series at each, no induced GC
  local at rss
  for at in "$@"; do
    sleep "$(calc "max(0, $T_STORED + $at - $(now))")"
    rss=$(rss_mib)
    echo "memory $at s after the load: VmRSS $rss MiB => $(calc "f'{($rss - $BASE) * 1048576 / $SERIES:,.0f}'") bytes/series above the empty server"
  done
}
early_memory 30 60 120
idle_memory() { # label -> RSS per series after $IDLE s without points
  sleep "$IDLE"
  settle "$1-idle"
  local rss; rss=$(rss_mib)
  echo "memory after $IDLE s idle: VmRSS $rss MiB => $(calc "f'{($rss - $BASE) * 1048576 / $SERIES:,.0f}'") bytes/series above the empty server"
  runtime_memory
  grep -h "Memory trimmed" "$WORK"/server.log* | sed 's/^/  server: /' | tail -2 || true
}
idle_memory loaded

WAL=$(du -sb "$DATA/wal" 2>/dev/null | cut -f1 || echo 0)
stop_server KILL
echo "SIGKILL: data folder $(du -sb "$DATA" | awk '{printf "%.1f MB", $1/1e6}'), wal $(calc "f'{$WAL/1e6:.1f}'") MB"
T0=$(now)
start_server "$DATA" "$WORK/server.log.restart"
HEALTHY=$STARTUP
DEADLINE=$(( $(date +%s) + 300 ))
until [ "$(sample_readable "$((FIRST - 1))" "$LAST")" -eq "${#SAMPLE_NAMES[@]}" ]; do
  [ "$(date +%s)" -lt "$DEADLINE" ] || { echo "sample not readable within 300 s of the restart" >&2; break; }
  sleep 0.1
done
READY=$(calc "f'{$(now) - $T0:.2f}'")
echo "restart: /health 200 after $HEALTHY s, all ${#SAMPLE_NAMES[@]} sample series readable after $READY s; /health series $(health_field series), pointsWritten $(health_field pointsWritten)"
settle restarted
RESTARTED=$(rss_mib)
echo "memory after restart: VmRSS $RESTARTED MiB => $(calc "f'{($RESTARTED - $BASE) * 1048576 / $SERIES:,.0f}'") bytes/series above the empty server"
runtime_memory
[ -s "$WORK/restarted.txt" ] && { echo "managed heap by type after the restart:"; sed 's/^/  /' "$WORK/restarted.txt"; }
idle_memory restarted
stop_server TERM
