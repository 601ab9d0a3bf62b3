#!/usr/bin/env bash
# Bytes per point at rest for the collectl capture pattern: ../shared/fixtures/collectl-export-60s.txt (60 s of a
# real collectl export, one VM) replayed --copies times back to back, shifted so the last copy ends now, as
# --nodes VMs (host prefix vm -> node0000, node0001, ...), through the plaintext listener; then SIGTERM (checkpoint,
# WAL truncated, superseded chunks dropped) and the data folder's size per point. Manual tool; about a minute.
#
#   bench/collectl-disk.sh [--copies 60] [--nodes 1] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

COPIES=60 NODES=1 BUILD=1
FIXTURE=${FIXTURE:-../shared/fixtures/collectl-export-60s.txt}
while [ $# -gt 0 ]; do
  case "$1" in
    --copies) COPIES="$2"; shift 2 ;;
    --nodes) NODES="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

. bench/lib.sh
build_binaries "$BUILD"
WORK=$(mktemp -d /tmp/tsdb-collectl.XXXXXX)
cleanup() { kill_server_quietly; rm -rf "$WORK"; }
trap cleanup EXIT

# The capture's first second moves to now - copies*60; each copy is 60 s later than the one before.
python3 - "$FIXTURE" "$COPIES" "$NODES" "$(date +%s)" >"$WORK/lines.txt" <<'PY'
import sys
fixture, copies, nodes, now = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
lines = [l.split() for l in open(fixture) if len(l.split()) == 3]
first = min(int(t) for _, _, t in lines)
base = now - copies * 60
out = sys.stdout
for c in range(copies):
    for node in range(nodes):
        host = f"node{node:04d}"
        for name, value, t in lines:
            out.write(f"{host}{name[name.index('.'):]} {value} {int(t) - first + base + c * 60}\n")
PY
POINTS=$(wc -l <"$WORK/lines.txt")
start_server "$WORK/data" "$WORK/server.log"
python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(open(sys.argv[2], "rb").read()); s.close()' "$LINE" "$WORK/lines.txt"
until [ "$(health_field pointsWritten)" -ge "$POINTS" ]; do sleep 0.1; done
stop_server TERM
BYTES=$(du -sb "$WORK/data" | cut -f1)
echo "collectl capture x $COPIES copies x $NODES node(s): $POINTS points, data folder $BYTES bytes after SIGTERM = $(calc "f'{$BYTES / $POINTS:.3f}'") bytes/point ($(du -sb "$WORK/data"/* | awk '{printf "%s=%.2fMB ", $2, $1/1e6}' | sed "s#$WORK/data/##g"))"
