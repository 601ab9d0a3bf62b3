#!/usr/bin/env bash
# Grafana panel latency of TsdbServer against graphite-web 1.1.8 on exactly the same data: --series
# collectl-shaped series x --hours hours of 1 s points ending now (issue #5: 3,000 series, 6 h).
# Manual tool (not run by CI); loopback only; about 10 minutes with the defaults.
#
#   bench/panels-vs-graphite.sh [--series N] [--hours H] [--queries N] [--no-build]
#
#   data       tsdb-loadgen's flood (fixed --start and --seed, one connection) is captured once to a file;
#              TsdbServer receives the same flood over TCP; graphite-web's whisper files are written from the
#              capture with python3-whisper (whisper.create + update_many, as carbon's writer does; ref-stack
#              schema 1s:1d,1m:30d,5m:1y, average, xFilesFactor 0), because carbon-cache would need
#              15-30 minutes for 65 M points on this machine. A check compares both systems' answers to the
#              panels, more panel shapes and the finds field by field (bench/compare-answers.py).
#   panels     the five Grafana-shaped POST /render (maxDataPoints=1000, from=-<hours>h) and /metrics/find at
#              each tree level, median of --queries runs each (finds: 20 times as many), on TsdbServer (:HTTP) and
#              graphite-web (ref-stack, gunicorn with 2 workers, :28080), one system at a time; ratio = graphite-web /
#              TsdbServer;
#              first with curl (a new connection per request), then over one kept-alive connection as Grafana
#              sends them (bench/http-medians.py; gunicorn closes each connection, so graphite-web pays the setup),
#              and with wrk (a C client, kept alive; a closed connection is reopened outside the measured time).
#   images     the five panels as 800x400 PNGs (graphite-web's default format), by curl;
#   floor      each client's own time per find, against bench/fixed-answer-server.py answering TsdbServer's
#              find * at once without work, and graphite-web's find over it: the largest ratio any server can
#              show by that client.
set -euo pipefail
cd "$(dirname "$0")/.."

SERIES=3000 HOURS=6 QUERIES=7 BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --series) SERIES="$2"; shift 2 ;;
    --hours) HOURS="$2"; shift 2 ;;
    --queries) QUERIES="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

. bench/lib.sh
build_binaries "$BUILD"
REFSTACK=$(cd "${REFSTACK_DIR:-../shared/tools/ref-stack}" && pwd)
export REFSTACK_ROOT=${REFSTACK_ROOT:-/tmp/refstack-panels}
WORK=$(mktemp -d /tmp/tsdb-panels.XXXXXX)
cleanup() {
  kill_server_quietly
  "$REFSTACK/stop-graphite.sh" >/dev/null 2>&1 || true
  rm -rf "$WORK" "$REFSTACK_ROOT"
}
trap cleanup EXIT

ROUNDS=$(( HOURS * 3600 )) POINTS=$(( SERIES * HOURS * 3600 ))
START=$(( $(date +%s) - ROUNDS + 1 ))
FLOOD=(loadgen --mode flood --series "$SERIES" --points "$POINTS" --start "$START" --seed 1 --connections 1 --duration 1200 --progress 60)
echo "panels vs graphite-web ($SERVER_LABEL): $SERIES series x $HOURS h of 1 s = $POINTS points ($(nproc) cores, load $(loadavg))"

# 1. The bytes both systems get.
CAPTURE=$(free_port)
python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1)
c, _ = s.accept()
with open(sys.argv[2], "wb") as f:
    while True:
        b = c.recv(1 << 20)
        if not b: break
        f.write(b)
' "$CAPTURE" "$WORK/lines.txt" &
SINK=$!
sleep 0.5
dotnet "$LOADGEN" "${FLOOD[@]}" --port "$CAPTURE" >/dev/null 2>"$WORK/capture.log"
wait "$SINK"
echo "capture: $(wc -l <"$WORK/lines.txt") lines"

# 2. TsdbServer.
start_server "$WORK/data" "$WORK/server.log"
T0=$(now)
dotnet "$LOADGEN" "${FLOOD[@]}" --port "$LINE" >/dev/null 2>"$WORK/loadgen.log"
until [ "$(health_field pointsWritten)" -ge "$POINTS" ]; do sleep 0.2; done
echo "TsdbServer: stored in $(calc "f'{$(now) - $T0:.1f}'") s"

# 3. graphite-web on whisper files written from the capture.
REFSTACK_CLEAN=1 "$REFSTACK/start-graphite.sh" >"$WORK/graphite-start.log" 2>&1
T0=$(now)
/usr/bin/python3 bench/whisper-from-lines.py "$WORK/lines.txt" "$REFSTACK_ROOT/carbon/storage/whisper" 1s:1d,1m:30d,5m:1y average 0
echo "whisper files written in $(calc "f'{$(now) - $T0:.1f}'") s"
rm -f "$WORK/lines.txt"
GW=http://127.0.0.1:28080 TS=http://127.0.0.1:$HTTP

# 4. Same answer? sumSeries over every node's cpu user over the loaded range, all non-null values summed.
CHECK=(-X POST -d "target=sumSeries(node*.cputotals.user)" -d "from=$(( START - 1 ))" -d "until=$(( START + ROUNDS - 1 ))" -d format=json -d maxDataPoints=1000)
total() { curl -s "$1/render" "${CHECK[@]}" | python3 -c "import json,sys; d=json.load(sys.stdin); print(len(d[0]['datapoints']), round(sum(v for v,_ in d[0]['datapoints'] if v is not None), 3))"; }
echo "check sumSeries(node*.cputotals.user): TsdbServer $(total "$TS") | graphite-web $(total "$GW")   (points, sum of values)"
echo "answers compared field by field over the loaded range (bench/compare-answers.py):"
/usr/bin/python3 bench/compare-answers.py "$TS" "$GW" "$(( START - 1 ))" "$(( START + ROUNDS - 1 ))" \
  "$(( START - 2 * 86400 ))" "$(( START + ROUNDS - 1 ))" | sed 's/^/  /' || true

# 5. Panels, one system at a time (the other one idle). Finds take a millisecond or less: 20 times the runs, so
# that their medians are not one scheduling hiccup.
FROM="-${HOURS}h"
FIND_QUERIES=$(( QUERIES * 20 ))
find_medians() { local out=() q
  for q in '*' 'node0001.*' 'node0001.diskinfo.*' 'node0001.diskinfo.writekbs.*'; do
    out+=("$(median_ms "$FIND_QUERIES" "$1/metrics/find" --data-urlencode "query=$q")")
  done
  echo "${out[0]} / ${out[1]} / ${out[2]} / ${out[3]}"; }
panel_medians "$TS" 1 "$FROM" >/dev/null; panel_medians "$GW" 1 "$FROM" >/dev/null # warm both
TP=$(panel_medians "$TS" "$QUERIES" "$FROM"); TF=$(find_medians "$TS")
GP=$(panel_medians "$GW" "$QUERIES" "$FROM"); GF=$(find_medians "$GW")
ratios() { python3 -c "
a=[float(x) for x in '$1'.split(' / ')]; b=[float(x) for x in '$2'.split(' / ')]
print(' / '.join(f'{y/x:.0f}x' for x, y in zip(a, b)))"; }
echo "panels median ms, aliasByNode / sumSeries / groupByNode / highestMax / movingAverage (POST, maxDataPoints=1000, from=$FROM):"
echo "  TsdbServer   $TP"
echo "  graphite-web $GP"
echo "  ratio        $(ratios "$TP" "$GP")"
echo "find median ms, * / node.* / node.group.* / node.group.metric.*:"
echo "  TsdbServer   $TF"
echo "  graphite-web $GF"
echo "  ratio        $(ratios "$TF" "$GF")"
# The same panels as graph images (graphite-web's default format, 800 x 400 PNG, no maxDataPoints: the graph
# consolidates to its pixels), by curl.
image_medians() { local out=() t
  for t in 'aliasByNode(node0001.diskinfo.*.vda,0,2)' 'sumSeries(node*.cputotals.user)' \
           'groupByNode(node*.diskinfo.writekbs.*,0,"sumSeries")' 'highestMax(node*.cpuload.avg1,5)' \
           'movingAverage(node0002.meminfo.free,60)'; do
    out+=("$(median_ms "$2" -X POST "$1/render" -d "from=$FROM" -d "until=now" -d width=800 -d height=400 --data-urlencode "target=$t")")
  done
  echo "${out[0]} / ${out[1]} / ${out[2]} / ${out[3]} / ${out[4]}"; }
TI=$(image_medians "$TS" "$QUERIES"); GI=$(image_medians "$GW" "$QUERIES")
echo "the same panels as 800x400 PNG images, median ms:"
echo "  TsdbServer   $TI"
echo "  graphite-web $GI"
echo "  ratio        $(ratios "$TI" "$GI")"
# The same over one kept-alive connection, as Grafana's data source sends them (curl above adds a connection each).
KA() { /usr/bin/python3 bench/http-medians.py "$1" "$([ "$2" = finds ] && echo "$FIND_QUERIES" || echo "$QUERIES")" "$FROM" "$2"; }
TPK=$(KA "$TS" panels); TFK=$(KA "$TS" finds); GPK=$(KA "$GW" panels); GFK=$(KA "$GW" finds)
echo "kept-alive connection, panels / find median ms:"
echo "  TsdbServer   $TPK   |   $TFK"
echo "  graphite-web $GPK   |   $GFK"
echo "  ratio        $(ratios "$TPK" "$GPK")   |   $(ratios "$TFK" "$GFK")"
# The same over one kept-alive connection from wrk, a C client whose own cost per request (a few us) does not
# mask sub-millisecond answers as Python's (0.1-0.2 ms per request, more for large bodies) does.
if command -v wrk >/dev/null; then
  TPW=$(wrk_panel_medians "$TS" 4 "$FROM"); TFW=$(wrk_find_medians "$TS" 4)
  GPW=$(wrk_panel_medians "$GW" 4 "$FROM"); GFW=$(wrk_find_medians "$GW" 4)
  echo "wrk -c1 (kept-alive, C client), panels / find median ms:"
  echo "  TsdbServer   $TPW   |   $TFW"
  echo "  graphite-web $GPW   |   $GFW"
  echo "  ratio        $(ratios "$TPW" "$GPW")   |   $(ratios "$TFW" "$GFW")"
else
  echo "(wrk not installed: apt-get install wrk for the C-client figures)"
fi
# 6. Each client's own floor: the finds against a server that does no work and answers every request at once with
# TsdbServer's answer to find * (the largest of the four). No server answers faster by that client, so
# graphite-web's find divided by the floor is the largest ratio any server can show by it.
curl -s "$TS/metrics/find?query=*" >"$WORK/find-answer.json"
FLOOR_PORT=$(free_port)
python3 bench/fixed-answer-server.py "$FLOOR_PORT" "$WORK/find-answer.json" & FLOOR_PID=$!
sleep 0.5
FLOOR="http://127.0.0.1:$FLOOR_PORT"
FC=$(find_medians "$FLOOR"); FK=$(KA "$FLOOR" finds)
echo "client floor for find (a server answering $(wc -c <"$WORK/find-answer.json") bytes without work), median ms and graphite-web's find over it:"
echo "  curl         $FC   |   $(ratios "$FC" "$GF")"
echo "  kept alive   $FK   |   $(ratios "$FK" "$GFK")"
if command -v wrk >/dev/null; then FW=$(wrk_find_medians "$FLOOR" 4); echo "  wrk          $FW   |   $(ratios "$FW" "$GFW")"; fi
kill "$FLOOR_PID" 2>/dev/null || true
echo "(load $(loadavg))"
