#!/usr/bin/env bash
# The same collectl-shaped load against TsdbServer, carbon-cache 1.1.7 (+ graphite-web 1.1.8) and InfluxDB 1.6
# (graphite input) from ../shared/tools/ref-stack, one after the other in one run, with ratios.
# Manual tool (not run by CI); loopback only; a few minutes with the defaults.
#
#   bench/side-by-side.sh [--series N] [--rounds N] [--carbon-rounds N] [--connections N] [--queries N]
#                         [--fresh-rate P] [--fresh-seconds S] [--systems "tsdb carbon influx"] [--no-build]
#
# Each system in turn runs alone (the others are stopped) on a clean data folder and gets:
#   ingest     a flood of --series series x --rounds rounds (carbon: --carbon-rounds, same series and
#              connections, it is ~10x slower) over --connections connections; points/s from the first byte
#              sent until every point is readable:
#                TsdbServer  /health pointsWritten >= sent, and the first series' rounds all in /render
#                carbon      every series has its whisper file (graphite-web finds series by file; CARBONLINK
#                            serves points still in carbon's cache) and the last series of every connection
#                            returns its last round in graphite-web /render; carbon's plaintext receiver puts each
#                            line into its cache before reading the next, so this means every point is readable.
#                            Also reported: until every whisper file holds its last round ("on disk").
#                InfluxDB    SELECT count(value) FROM /^node/ sums to the points sent
#   queries    median of --queries runs of each Grafana-shaped panel (TsdbServer and graphite-web only)
#   disk       bytes/point of the data at rest after a clean stop (TsdbServer: data folder after SIGTERM;
#              carbon: node* whisper files, preallocated per series; InfluxDB: data + wal folders)
#   freshness  restarted on the same data, a paced load of --fresh-rate points/s for --fresh-seconds s with
#              tsdb-loadgen --probe-freshness 1: delay from sending a marker point until /render (InfluxDB: /query)
#              returns it
# Ratios: TsdbServer's figure against the reference, written so that > 1 means TsdbServer is better.
set -euo pipefail
cd "$(dirname "$0")/.."

SERIES=10000 ROUNDS=300 CARBON_ROUNDS=30 CONNECTIONS=4 QUERIES=7 FRESH_RATE=50000 FRESH_SECONDS=15 BUILD=1
SYSTEMS="tsdb carbon influx"
while [ $# -gt 0 ]; do
  case "$1" in
    --series) SERIES="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --carbon-rounds) CARBON_ROUNDS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --queries) QUERIES="$2"; shift 2 ;;
    --fresh-rate) FRESH_RATE="$2"; shift 2 ;;
    --fresh-seconds) FRESH_SECONDS="$2"; shift 2 ;;
    --systems) SYSTEMS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

. bench/lib.sh
REFSTACK=$(cd "${REFSTACK_DIR:-../shared/tools/ref-stack}" && pwd)
# A private root, so a ref-stack someone else runs under /tmp/refstack keeps its data (ports are shared:
# the script refuses to start while they are taken).
export REFSTACK_ROOT=${REFSTACK_ROOT:-/tmp/refstack-bench}
build_binaries "$BUILD"
WORK=$(mktemp -d /tmp/tsdb-sbs.XXXXXX)
STARTED_CARBON=0 STARTED_INFLUX=0
cleanup() {
  kill_server_quietly
  [ "$STARTED_CARBON" = 1 ] && { "$REFSTACK/stop-graphite.sh" >/dev/null 2>&1 || true; rm -rf "$REFSTACK_ROOT/carbon/storage/whisper"; }
  [ "$STARTED_INFLUX" = 1 ] && { "$REFSTACK/stop-influx.sh" >/dev/null 2>&1 || true; rm -rf "$REFSTACK_ROOT/influx"; }
  rm -rf "$WORK"
}
trap cleanup EXIT

port_taken() { ss -ltnH | awk '{print $4}' | grep -Eq "[:.]$1\$"; }
LAST_IDX=$(last_series_per_connection "$SERIES" "$CONNECTIONS")
mapfile -t LAST_NAMES < <(dotnet "$LOADGEN" names --series "$SERIES" $(for i in $LAST_IDX; do echo --index "$i"; done))
FIRST_NAME=$(dotnet "$LOADGEN" names --series "$SERIES" --index 0)

flood() { # port rounds tag -> sets SENT FIRST LAST T0 T_SENT SEND_RATE
  T0=$(now)
  local out
  out=$(dotnet "$LOADGEN" loadgen --mode flood --port "$1" --series "$SERIES" --points $(( SERIES * $2 )) \
    --connections "$CONNECTIONS" --duration 600 --progress 5 2>"$WORK/loadgen-$3.log" | tee "$WORK/loadgen-$3.out" | grep '^result')
  T_SENT=$(now)
  SENT=$(result_field points "$out"); FIRST=$(result_field first "$out"); LAST=$(result_field last "$out")
  SEND_RATE=$(calc "round($SENT / ($T_SENT - $T0))")
}

freshness() { # line_port http_base api tag -> sets FRESH "median / p99 / max ms (n probes)"
  local rounds=$(( FRESH_RATE * FRESH_SECONDS / SERIES + 1 )) line
  line=$(dotnet "$LOADGEN" loadgen --mode flood --port "$1" --series "$SERIES" --points $(( SERIES * rounds )) \
    --rate "$FRESH_RATE" --connections "$CONNECTIONS" --duration $(( FRESH_SECONDS + 30 )) --progress 5 \
    --http "$2" --api "$3" --probe-freshness 1 2>"$WORK/fresh-$4.log" | tee "$WORK/fresh-$4.out" | grep '^freshness' || true)
  FRESH_MED=$(result_field median_ms "$line"); FRESH_P99=$(result_field p99_ms "$line"); FRESH_MAX=$(result_field max_ms "$line")
  FRESH="${FRESH_MED:-?} / ${FRESH_P99:-?} / ${FRESH_MAX:-?} ($(result_field probes "$line") probes)"
  local t; t=$(result_field timeouts "$line"); [ "${t:-0}" = 0 ] || FRESH="$FRESH, $t over 30 s"
}

wait_for() { # seconds command... : polls until the command succeeds
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "timed out waiting for: $*" >&2; return 1; }
    sleep 0.1
  done
}

declare -A R
echo "side-by-side ($SERVER_LABEL): $SERIES series, $CONNECTIONS connections; TsdbServer and InfluxDB $ROUNDS rounds, carbon $CARBON_ROUNDS rounds; freshness at $FRESH_RATE points/s for $FRESH_SECONDS s ($(nproc) cores, load $(loadavg))"

# ---------------------------------------------------------------- TsdbServer
if [[ " $SYSTEMS " == *" tsdb "* ]]; then
  DATA="$WORK/tsdb"
  start_server "$DATA" "$WORK/tsdb.log"
  flood "$LINE" "$ROUNDS" tsdb
  tsdb_readable() { [ "$(health_field pointsWritten)" -ge "$SENT" ] && [ "$(render_count "$FIRST_NAME" "$((FIRST - 1))" "$LAST")" -eq "$ROUNDS" ]; }
  wait_for 300 tsdb_readable
  T_READ=$(now)
  R[tsdb_points]=$SENT
  R[tsdb_rate]=$(calc "round($SENT / ($T_READ - $T0))"); R[tsdb_send]=$SEND_RATE
  R[tsdb_rss]=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status")
  R[tsdb_panels]=$(panel_medians "http://127.0.0.1:$HTTP" "$QUERIES")
  stop_server TERM
  R[tsdb_bytes]=$(du -sb "$DATA" | cut -f1)
  start_server "$DATA" "$WORK/tsdb.log.2"
  R[tsdb_restart]=$STARTUP
  freshness "$LINE" "http://127.0.0.1:$HTTP" graphite tsdb
  R[tsdb_fresh]=$FRESH R[tsdb_fresh_med]=$FRESH_MED
  stop_server TERM
  echo "TsdbServer: ${R[tsdb_rate]} points/s until readable (sender ${R[tsdb_send]}), ${R[tsdb_bytes]} bytes, freshness ${R[tsdb_fresh]}, panels ${R[tsdb_panels]} ms (load $(loadavg))"
fi

# ---------------------------------------------------------------- carbon-cache + graphite-web
if [[ " $SYSTEMS " == *" carbon "* ]]; then
  for p in 22003 22004 27002 28080; do port_taken $p && { echo "port $p is taken (another ref-stack running?): skipping carbon" >&2; SYSTEMS=${SYSTEMS/carbon/}; break; }; done
fi
if [[ " $SYSTEMS " == *" carbon "* ]]; then
  W="$REFSTACK_ROOT/carbon/storage/whisper" GW=http://127.0.0.1:28080
  STARTED_CARBON=1
  REFSTACK_CLEAN=1 "$REFSTACK/start-graphite.sh" >"$WORK/carbon-start.log" 2>&1
  flood 22003 "$CARBON_ROUNDS" carbon
  carbon_files() { find "$W" -path "$W/node*" -name '*.wsp' 2>/dev/null | wc -l; }
  carbon_readable() {
    [ "$(carbon_files)" -ge "$SERIES" ] || return 1
    local n; for n in "${LAST_NAMES[@]}"; do [ "$(render_count_at "$GW" "$n" "$((LAST - 1))" "$LAST")" -ge 1 ] || return 1; done
  }
  wait_for 600 carbon_readable
  T_READ=$(now)
  R[carbon_points]=$SENT
  R[carbon_rate]=$(calc "round($SENT / ($T_READ - $T0))"); R[carbon_send]=$SEND_RATE
  # On disk: every whisper file holds the last round (carbon writes all cached points of a series at once).
  wait_for 600 /usr/bin/python3 -c "
import glob, sys, whisper
missing = 0
for f in glob.iglob('$W/node*/**/*.wsp', recursive=True):
    if whisper.fetch(f, $LAST - 1, $LAST)[1][0] is None: missing += 1
sys.exit(1 if missing else 0)"
  R[carbon_disk_rate]=$(calc "round($SENT / ($(now) - $T0))")
  R[carbon_panels]=$(panel_medians "$GW" "$QUERIES")
  "$REFSTACK/stop-graphite.sh" >>"$WORK/carbon-start.log" 2>&1
  R[carbon_bytes]=$(du -sbc "$W"/node* | tail -1 | cut -f1)
  "$REFSTACK/start-graphite.sh" >>"$WORK/carbon-start.log" 2>&1
  freshness 22003 "$GW" graphite carbon
  R[carbon_fresh]=$FRESH R[carbon_fresh_med]=$FRESH_MED
  "$REFSTACK/stop-graphite.sh" >>"$WORK/carbon-start.log" 2>&1
  rm -rf "$W"; STARTED_CARBON=0
  echo "carbon: ${R[carbon_rate]} points/s until readable, ${R[carbon_disk_rate]} until on disk (sender ${R[carbon_send]}), ${R[carbon_bytes]} bytes, freshness ${R[carbon_fresh]}, panels ${R[carbon_panels]} ms (load $(loadavg))"
fi

# ---------------------------------------------------------------- InfluxDB
if [[ " $SYSTEMS " == *" influx "* ]]; then
  for p in 32003 38086 38088; do port_taken $p && { echo "port $p is taken (another ref-stack running?): skipping influx" >&2; SYSTEMS=${SYSTEMS/influx/}; break; }; done
fi
if [[ " $SYSTEMS " == *" influx "* ]]; then
  IX=http://127.0.0.1:38086
  STARTED_INFLUX=1
  REFSTACK_CLEAN=1 "$REFSTACK/start-influx.sh" >"$WORK/influx-start.log" 2>&1
  flood 32003 "$ROUNDS" influx
  influx_count() {
    curl -s -G "$IX/query" --data-urlencode db=graphite --data-urlencode 'q=SELECT count(value) FROM /^node/' |
      python3 -c "import json,sys; d=json.load(sys.stdin); print(sum(r[1] for res in d.get('results',[]) for s in res.get('series',[]) for r in s['values']))" 2>/dev/null || echo 0
  }
  influx_readable() { [ "$(influx_count)" -ge "$SENT" ]; }
  wait_for 600 influx_readable
  T_READ=$(now)
  R[influx_points]=$SENT
  R[influx_rate]=$(calc "round($SENT / ($T_READ - $T0))"); R[influx_send]=$SEND_RATE
  R[influx_rss]=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$(cat "$REFSTACK_ROOT/influxd.pid")/status")
  "$REFSTACK/stop-influx.sh" >>"$WORK/influx-start.log" 2>&1
  R[influx_bytes]=$(du -sbc "$REFSTACK_ROOT/influx/data" "$REFSTACK_ROOT/influx/wal" | tail -1 | cut -f1)
  "$REFSTACK/start-influx.sh" >>"$WORK/influx-start.log" 2>&1
  freshness 32003 "$IX" influx influx
  R[influx_fresh]=$FRESH R[influx_fresh_med]=$FRESH_MED
  "$REFSTACK/stop-influx.sh" >>"$WORK/influx-start.log" 2>&1
  rm -rf "$REFSTACK_ROOT/influx"; STARTED_INFLUX=0
  echo "InfluxDB: ${R[influx_rate]} points/s until readable (sender ${R[influx_send]}), ${R[influx_bytes]} bytes, freshness ${R[influx_fresh]} (load $(loadavg))"
fi

# ---------------------------------------------------------------- table
per_point() { [ -n "${R[${1}_bytes]:-}" ] && calc "f'{${R[${1}_bytes]} / ${R[${1}_points]}:,.2f}'" || echo -; }
ratio() { # better-is-higher? a b
  [ -n "$2" ] && [ -n "$3" ] && [ "$2" != "-" ] && [ "$3" != "-" ] || { echo -; return; }
  if [ "$1" = up ]; then calc "f'x{$2 / $3:.2f}'"; else calc "f'x{$3 / $2:.2f}'"; fi 2>/dev/null || echo -
}
fmt() { [ -n "${1:-}" ] && calc "f'{$1:,}'" || echo -; }
TB=$( [ -n "${R[tsdb_bytes]:-}" ] && calc "${R[tsdb_bytes]} / ${R[tsdb_points]}" || echo -)
# whisper files do not grow with points: compare carbon's measured bytes at TsdbServer's point count.
CB=$( [ -n "${R[carbon_bytes]:-}" ] && [ -n "${R[tsdb_points]:-}" ] && calc "${R[carbon_bytes]} / ${R[tsdb_points]}" || echo -)
IB=$( [ -n "${R[influx_bytes]:-}" ] && calc "${R[influx_bytes]} / ${R[influx_points]}" || echo -)
CB_TEXT=$( [ -n "${R[carbon_bytes]:-}" ] && calc "f'{${R[carbon_bytes]} / $SERIES / 1e6:.2f} MB/series'" || echo -)
[ "$CB" != - ] && CB_TEXT="$CB_TEXT = $(calc "f'{$CB:,.0f}'") at $ROUNDS rounds"
row() { printf '%-32s | %-28s | %-36s | %-9s | %-28s | %-9s\n' "$@"; }
echo
echo "== side by side: $SERIES series over $CONNECTIONS connections (load $(loadavg)); ratio = TsdbServer vs that column, > 1 = TsdbServer better"
row "" "TsdbServer" "carbon-cache 1.1.7 + graphite-web" "ratio" "InfluxDB 1.6" "ratio"
row "points sent" "$(fmt "${R[tsdb_points]:-}")" "$(fmt "${R[carbon_points]:-}")" "" "$(fmt "${R[influx_points]:-}")" ""
row "ingest until readable, points/s" "$(fmt "${R[tsdb_rate]:-}")" "$(fmt "${R[carbon_rate]:-}")" \
  "$(ratio up "${R[tsdb_rate]:-}" "${R[carbon_rate]:-}")" "$(fmt "${R[influx_rate]:-}")" "$(ratio up "${R[tsdb_rate]:-}" "${R[influx_rate]:-}")"
row "  carbon until on disk" "" "$(fmt "${R[carbon_disk_rate]:-}")" "$(ratio up "${R[tsdb_rate]:-}" "${R[carbon_disk_rate]:-}")" "" ""
row "bytes/point at rest" "$( [ "$TB" != - ] && calc "f'{$TB:,.2f}'" || echo -)" "$CB_TEXT" "$(ratio down "$TB" "$CB")" \
  "$( [ "$IB" != - ] && calc "f'{$IB:,.2f}'" || echo -)" "$(ratio down "$TB" "$IB")"
row "freshness ms median/p99/max" "${R[tsdb_fresh]:-}" "${R[carbon_fresh]:-}" \
  "$(ratio down "${R[tsdb_fresh_med]:-}" "${R[carbon_fresh_med]:-}")" "${R[influx_fresh]:-}" "$(ratio down "${R[tsdb_fresh_med]:-}" "${R[influx_fresh_med]:-}")"
row "panel medians ms" "${R[tsdb_panels]:-}" "${R[carbon_panels]:-}" "" "no graphite API" ""
echo "carbon got $CARBON_ROUNDS rounds instead of $ROUNDS (same series, names, values and connections) to bound the run: it is ~10x slower."
echo "whisper preallocates every series (1s:1d,1m:30d,5m:1y = $WHISPER_BYTES bytes; measured above), so its bytes/point is given at TsdbServer's point count; a full day of 1 s points would be $(calc "f'{$WHISPER_BYTES / 86400:,.1f}'") bytes/point."
echo "panels: aliasByNode / sumSeries / groupByNode / highestMax / movingAverage; InfluxDB has no graphite render API."
