# Shared helpers of the bench/*.sh scripts (source it from the repository root; bash only).
# Manual tools: nothing here is run by CI (.ci/run).
#
# Binaries: the server is built from the working tree unless BENCH_HEAD=1 (then `git archive HEAD` is
# built once per commit under /tmp/tsdb-bench-head-<sha>, so uncommitted work of others in the same
# checkout does not leak into the figures) or SERVER_DLL points at a built TsdbServer.dll.

SERVER=${SERVER_DLL:-src/TsdbServer/bin/Release/net10.0/TsdbServer.dll}
LOADGEN=${LOADGEN_DLL:-src/Tsdb.LoadGen/bin/Release/net10.0/tsdb-loadgen.dll}
SERVER_PID=""
SERVER_LABEL="working tree"

build_binaries() { # build? (1/0)
  if [ "${BENCH_HEAD:-0}" = 1 ] && [ -z "${SERVER_DLL:-}" ]; then
    local sha dir; sha=$(git rev-parse --short HEAD); dir=/tmp/tsdb-bench-head-$sha
    if [ ! -f "$dir/src/TsdbServer/bin/Release/net10.0/TsdbServer.dll" ]; then
      rm -rf "$dir"; mkdir -p "$dir"; git archive HEAD | tar -x -C "$dir"
      dotnet build "$dir/src/TsdbServer" -c Release -v q -nologo >/dev/null
    fi
    SERVER="$dir/src/TsdbServer/bin/Release/net10.0/TsdbServer.dll"; SERVER_LABEL="HEAD $sha"
  elif [ -n "${SERVER_DLL:-}" ]; then
    SERVER_LABEL="$SERVER_DLL"
  elif [ "$1" = 1 ]; then
    dotnet build src/TsdbServer -c Release -v q -nologo >/dev/null
    SERVER_LABEL="working tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' + uncommitted changes'))"
  fi
  if [ "$1" = 1 ] && [ -z "${LOADGEN_DLL:-}" ]; then dotnet build src/Tsdb.LoadGen -c Release -v q -nologo >/dev/null; fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
calc() { python3 -c "print($1)"; }

start_server() { # data_dir log [extra args...] -> sets SERVER_PID, HTTP, LINE and STARTUP (seconds until healthy)
  local dir=$1 log=$2; shift 2
  LINE=$(free_port); HTTP=$(free_port)
  local t0; t0=$(now)
  dotnet "$SERVER" --data-dir "$dir" --bind 127.0.0.1 --line-port "$LINE" --pickle-port 0 --http-port "$HTTP" \
    --udp false --self-metrics false --checkpoint-interval-seconds 3600 "$@" >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 1200); do
    if curl -sf "http://127.0.0.1:$HTTP/health" >/dev/null 2>&1; then
      STARTUP=$(calc "f'{$(now) - $t0:.2f}'"); return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  echo "server not healthy within 120 s" >&2; exit 1
}

stop_server() { # TERM (checkpoint + WAL truncation) or KILL
  [ -n "$SERVER_PID" ] || return 0
  kill "-${1:-TERM}" "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

kill_server_quietly() { if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -9 "$SERVER_PID"; fi; }

health_field() { curl -sf "http://127.0.0.1:$HTTP/health" | python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + ''.join('[%r]' % k for k in '$1'.split('.'))))"; }

# Median milliseconds of N runs of curl with the given arguments.
median_ms() {
  local n=$1; shift
  for _ in $(seq 1 "$n"); do curl -s -o /dev/null -w '%{time_total}\n' "$@"; done |
    sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]*1000}'
}

# Non-null points of the first series of a render answer: base_url target from until
render_count_at() {
  curl -s "$1/render" --data-urlencode "target=$2" -d "from=$3" -d "until=$4" -d format=json |
    python3 -c "import json,sys; d=json.load(sys.stdin); print(sum(1 for v,_ in d[0]['datapoints'] if v is not None) if d else 0)" 2>/dev/null || echo 0
}
render_count() { render_count_at "http://127.0.0.1:$HTTP" "$@"; }

# The five Grafana-shaped panels (same as tsdb-loadgen --query-load, which asks from=-1h): median ms of each, "a / b / c / d / e".
panel_medians() { # base_url repetitions [from, default -1h]
  local r=(-X POST "$1/render" -d "from=${3:--1h}" -d "until=now" -d format=json -d maxDataPoints=1000) out=()
  for t in 'aliasByNode(node0001.diskinfo.*.vda,0,2)' 'sumSeries(node*.cputotals.user)' \
           'groupByNode(node*.diskinfo.writekbs.*,0,"sumSeries")' 'highestMax(node*.cpuload.avg1,5)' \
           'movingAverage(node0002.meminfo.free,60)'; do
    out+=("$(median_ms "$2" "${r[@]}" --data-urlencode "target=$t")")
  done
  echo "${out[0]} / ${out[1]} / ${out[2]} / ${out[3]} / ${out[4]}"
}

# Median ms of one request repeated for SECONDS over one kept-alive connection by wrk (a C client, a few us of its
# own per request, where Python's http.client adds 0.1-1 ms and curl a new connection); a server that closes the
# connection after each answer is reconnected, outside the measured time. wrk_median_ms URL SECONDS [POST_BODY]
wrk_median_ms() {
  local lua; lua=$(mktemp --suffix=.lua)
  if [ -n "${3:-}" ]; then
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\nwrk.body = [==[%s]==]\n' "$3" >"$lua"
  fi
  wrk -t1 -c1 -d"$2"s --latency -s "$lua" "$1" | awk '$1 == "50%" {v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    printf "%.2f", v * (u == "us" ? 0.001 : u == "s" ? 1000 : u == "m" ? 60000 : 1)}'
  rm -f "$lua"
}

# wrk_median_ms over the panel set and the find levels: "a / b / c / d / e" and "* / node.* / ..."
wrk_panel_medians() { # base_url seconds from
  local out=() t
  for t in 'aliasByNode(node0001.diskinfo.*.vda,0,2)' 'sumSeries(node*.cputotals.user)' \
           'groupByNode(node*.diskinfo.writekbs.*,0,"sumSeries")' 'highestMax(node*.cpuload.avg1,5)' \
           'movingAverage(node0002.meminfo.free,60)'; do
    out+=("$(wrk_median_ms "$1/render" "$2" "$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlencode({"target": sys.argv[1], "from": sys.argv[2], "until": "now", "format": "json", "maxDataPoints": 1000}))' "$t" "$3")")")
  done
  echo "${out[0]} / ${out[1]} / ${out[2]} / ${out[3]} / ${out[4]}"
}
wrk_find_medians() { # base_url seconds
  local out=() q
  for q in '%2A' 'node0001.%2A' 'node0001.diskinfo.%2A' 'node0001.diskinfo.writekbs.%2A'; do
    out+=("$(wrk_median_ms "$1/metrics/find?query=$q" "$2")")
  done
  echo "${out[0]} / ${out[1]} / ${out[2]} / ${out[3]}"
}

# key=value field of a loadgen output line: result_field KEY LINE
result_field() { sed -nE "s/.*(^| )$1=([^ ]+).*/\2/p" <<<"$2" | head -1; }

# Series name of index i with the loadgen's collectl template (node NNNN, 104 metrics per node).
series_name() { dotnet "$LOADGEN" names --series "$1" --index "$2" 2>/dev/null; }

# Last series index of each connection: series connections -> "i1 i2 ..."
last_series_per_connection() { local s=$1 c=$2 k; for k in $(seq 1 "$c"); do echo $(( s * k / c - 1 )); done; }

WHISPER_BYTES=$(( 16 + 3 * 12 + 12 * (86400 + 43200 + 105120) )) # 1s:1d,1m:30d,5m:1y (ref-stack's schema)
