#!/usr/bin/env bash
# Many collectl nodes at once, each on its own connection, as the lab's VMs send: --nodes simulated collectl
# nodes (104 series each) write one point per series every wall-clock second for --seconds s over --nodes
# connections (tsdb-loadgen --mode collectl), with a freshness probe every second and, with --query-load Q,
# Q Grafana-shaped POST /render per second. Prints, per --nodes value, on a fresh server:
#   points   sent by the generator and stored by the server (/health pointsWritten): none may be lost
#   cpu      the server's CPU seconds per wall-clock second while the nodes send (/proc/PID/stat), and the
#            generator's beside it (it shares the cores)
#   memory   peak RSS (VmHWM) and RSS 10 s after the last point
#   fresh    the probe's median/p99/max delay from send to visible in /render, and the worst of its first three probes
#            (the fleet's first seconds, while its series are created) and of the later ones
# With --warm-up S, 10 other nodes (hosts warmup0000...) send for S seconds first, with the same probe, so that the
# fleet arrives at a running server: the server has compiled its ingestion and render paths (a just-started server
# compiles them while the fleet's first second arrives: perf counted 0.7 s of JIT CPU in the first 4 s of 5,000
# nodes). Without it (the default) the fleet's first second is also the server's first traffic. At 5,000 nodes, three
# alternating pairs: the first second's maximum 0.98-2.04 s warm against 1.76-2.61 s cold, each pair lower warmed.
# Manual tool (not run by CI); loopback only; about (--seconds + 20) s per --nodes value.
#
#   bench/many-nodes.sh [--nodes "100 1000"] [--seconds 60] [--query-load Q] [--warm-up S] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

NODES="100 1000" SECONDS_=60 QUERY_LOAD=0 WARM_UP=0 BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) NODES="$2"; shift 2 ;;
    --seconds) SECONDS_="$2"; shift 2 ;;
    --query-load) QUERY_LOAD="$2"; shift 2 ;;
    --warm-up) WARM_UP="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

. bench/lib.sh
build_binaries "$BUILD"
WORK=$(mktemp -d /tmp/tsdb-manynodes.XXXXXX)
cleanup() { kill_server_quietly; rm -rf "$WORK"; }
trap cleanup EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
# CPU seconds of this shell's finished children (the generator), from `times` written to a file by the shell itself
# (a builtin in a command substitution would report the subshell's children instead).
children_cpu() { tail -1 "$1" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }'; }
status_kib() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$SERVER_PID/status"; }
mib() { calc "f'{$1 / 1024:,.0f}'"; }

echo "many-nodes ($SERVER_LABEL): collectl nodes on one connection each, ${SECONDS_} s, $QUERY_LOAD queries/s, warm-up ${WARM_UP} s ($(nproc) cores, load $(loadavg))"
for n in $NODES; do
  start_server "$WORK/data-$n" "$WORK/server-$n.log"
  if [ "$WARM_UP" != 0 ]; then
    warm=$(dotnet "$LOADGEN" loadgen --mode collectl --nodes 10 --host-prefix warmup --connections 10 --points $(( 10 * 104 * WARM_UP )) \
      --duration $(( WARM_UP + 30 )) --port "$LINE" --http "http://127.0.0.1:$HTTP" --probe-freshness 1 --progress 3600 2>>"$WORK/loadgen-$n.log")
    echo "    warm-up, 10 nodes for $WARM_UP s: freshness $(grep '^freshness' <<<"$warm" | cut -d' ' -f2-)"
  fi
  written0=$(health_field pointsWritten) # the warm-up's points
  base_kib=$(status_kib VmRSS)
  ticks0=$(cpu_ticks); t0=$(now); times >"$WORK/times0"
  out=$(dotnet "$LOADGEN" loadgen --mode collectl --nodes "$n" --connections "$n" --points $(( n * 104 * SECONDS_ )) \
    --duration $(( SECONDS_ + 30 )) --port "$LINE" --http "http://127.0.0.1:$HTTP" --probe-freshness 1 \
    --query-load "$QUERY_LOAD" --progress 3600 2>"$WORK/loadgen-$n.log") || {
    # Said, not exited on: a sender reset by the server is a finding (a listener queue of 512 dropped a fleet's
    # connections), and the server's counters say how many connections it accepted.
    echo "$n nodes: the generator failed: $(grep -m1 -E 'exception|Exception' "$WORK/loadgen-$n.log"); server: $(curl -sf "http://127.0.0.1:$HTTP/health" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("series", d["series"], "connections accepted", d["ingestion"]["connectionsTotal"])')"
    stop_server KILL
    continue
  }
  ticks1=$(cpu_ticks); t1=$(now); times >"$WORK/times1"
  generator_cpu=$(calc "f'{($(children_cpu "$WORK/times1") - $(children_cpu "$WORK/times0")) / ($t1 - $t0):.2f}'")
  sent=$(result_field points "$(grep '^result' <<<"$out")")
  fresh=$(grep '^freshness' <<<"$out" | cut -d' ' -f2-)
  # The probe's markers are points too: every sent point plus every marker (one per probe, and one more when a
  # probe was still polling as the load ended) must be stored.
  probes=$(sed -E 's/.* markers=([0-9]+).*/\1/' <<<"$fresh")
  for _ in $(seq 1 100); do [ "$(health_field pointsWritten)" -ge $(( written0 + sent + probes )) ] && break; sleep 0.1; done
  stored=$(( $(health_field pointsWritten) - written0 ))
  peak=$(status_kib VmHWM)
  sleep 10
  after=$(status_kib VmRSS)
  hz=$(getconf CLK_TCK)
  echo "$n nodes ($(( n * 104 )) series, $(calc "f'{$sent / ($t1 - $t0):,.0f}'") points/s): sent $sent, stored $(( stored - probes )) (+$probes probe markers);" \
    "server cpu $(calc "f'{($ticks1 - $ticks0) / $hz / ($t1 - $t0):.2f}'") s/s (generator $generator_cpu); RSS peak $(mib "$peak") MiB, 10 s later $(mib "$after") MiB ($([ "$WARM_UP" = 0 ] && echo "empty server" || echo "before the fleet") $(mib "$base_kib"));" \
    "freshness $fresh"
  [ "$QUERY_LOAD" = 0 ] || echo "    queries: $(grep '^queries' <<<"$out" | cut -d' ' -f2-); medians $(grep '^query_medians_ms' <<<"$out" | cut -d' ' -f2-)"
  stop_server KILL
done
echo "(load $(loadavg))"
