#!/usr/bin/env bash
# Ingest throughput of one node against three nodes behind carbon-c-relay (carbon_ch), on loopback.
# Each setup gets fresh data folders and free ports; the load generator floods the node (or the relay)
# and the clock stops when every copy of every point is stored (/health pointsWritten on all nodes).
# Usage: bench/cluster.sh [--series N] [--rounds N] [--connections N] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

SERIES=10000 ROUNDS=300 CONNECTIONS=4 BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --series) SERIES="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v carbon-c-relay >/dev/null || { echo "carbon-c-relay is not installed (apt-get install carbon-c-relay)" >&2; exit 1; }

SERVER=src/TsdbServer/bin/Release/net10.0/TsdbServer.dll
LOADGEN=src/Tsdb.LoadGen/bin/Release/net10.0/tsdb-loadgen.dll
if [ "$BUILD" = 1 ]; then
  dotnet build src/TsdbServer -c Release -v q -nologo >/dev/null
  dotnet build src/Tsdb.LoadGen -c Release -v q -nologo >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }
PIDS=()
WORK=$(mktemp -d /tmp/tsdb-cluster-bench.XXXXXX)
stop_all() { for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done; PIDS=(); }
cleanup() { for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

HTTPS=() LINES=()
start_nodes() { # count -> HTTPS, LINES
  HTTPS=() LINES=()
  local n=$1 i
  for i in $(seq 0 $((n - 1))); do HTTPS+=("$(free_port)"); LINES+=("$(free_port)"); done
  for i in $(seq 0 $((n - 1))); do
    local peers="" j
    for j in $(seq 0 $((n - 1))); do [ "$j" = "$i" ] || peers="${peers:+$peers,}http://127.0.0.1:${HTTPS[$j]}"; done
    dotnet "$SERVER" --data-dir "$WORK/node$n-$i" --bind 127.0.0.1 --line-port "${LINES[$i]}" --pickle-port 0 \
      --http-port "${HTTPS[$i]}" --udp false --self-metrics false --checkpoint-interval-seconds 3600 \
      ${peers:+--peers "$peers"} >"$WORK/node$n-$i.log" 2>&1 &
    PIDS+=($!)
  done
  for i in $(seq 0 $((n - 1))); do
    for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:${HTTPS[$i]}/health" >/dev/null 2>&1 && break; sleep 0.1; done
  done
}

written() { # sum of pointsWritten over the started nodes
  local total=0 p
  for p in "${HTTPS[@]}"; do
    total=$(( total + $(curl -sf "http://127.0.0.1:$p/health" | python3 -c "import json,sys; print(json.load(sys.stdin)['pointsWritten'])") ))
  done
  echo "$total"
}

run() { # label port copies
  local label=$1 port=$2 copies=$3 points=$((SERIES * ROUNDS)) t0 sent t_sent
  t0=$(now)
  sent=$(dotnet "$LOADGEN" loadgen --mode flood --port "$port" --series "$SERIES" --points "$points" \
    --connections "$CONNECTIONS" --duration 240 2>"$WORK/loadgen.log" | grep '^result' | sed -E 's/.* points=([0-9]+).*/\1/')
  t_sent=$(now)
  local deadline=$(( $(date +%s) + 300 ))
  while [ "$(written)" -lt $(( sent * copies )) ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "$label: not all points stored within 300 s; relay log:" >&2; tail -5 "$WORK/relay.log" >&2 2>/dev/null; exit 1; }
    sleep 0.1
  done
  python3 -c "t=$(now)-$t0; print(f'{\"$label\":34} {$sent:>10,} points  {$sent/t:>10,.0f} points/s until stored ({$sent*$copies/t:,.0f} stored/s; sender alone {$sent/($t_sent-$t0):,.0f}/s)')"
}

start_relay() { # replication -> RELAY_PORT
  RELAY_PORT=$(free_port)
  { echo "cluster tsdb carbon_ch replication $1"
    echo "    127.0.0.1:${LINES[0]}=a"; echo "    127.0.0.1:${LINES[1]}=b"; echo "    127.0.0.1:${LINES[2]}=c"
    echo "    ;"
    echo "match * send to tsdb stop ;"; } >"$WORK/relay.conf"
  carbon-c-relay -f "$WORK/relay.conf" -p "$RELAY_PORT" -q 3000000 -w 2 >"$WORK/relay.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$RELAY_PORT)).close()" 2>/dev/null && break; sleep 0.1; done
}

echo "$SERIES series x $ROUNDS rounds, $CONNECTIONS connections ($(nproc) cores shared by everything, load $(cut -d' ' -f1-3 /proc/loadavg))"
start_nodes 1
run "one node" "${LINES[0]}" 1
stop_all

start_nodes 1
RELAY_PORT=$(free_port)
{ echo "cluster tsdb forward 127.0.0.1:${LINES[0]} ;"; echo "match * send to tsdb stop ;"; } >"$WORK/relay.conf"
carbon-c-relay -f "$WORK/relay.conf" -p "$RELAY_PORT" -q 3000000 -w 2 >"$WORK/relay.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$RELAY_PORT)).close()" 2>/dev/null && break; sleep 0.1; done
run "one node behind the relay" "$RELAY_PORT" 1
stop_all

for replication in 1 2; do
  start_nodes 3
  start_relay "$replication"
  run "three nodes, relay replication $replication" "$RELAY_PORT" "$replication"
  stop_all
done
