#!/usr/bin/env bash
# Manual check: a stock graphite-web 1.1.8 (Debian graphite-web + gunicorn) whose CLUSTER_SERVERS are
# three TsdbServer nodes fed through carbon-c-relay (carbon_ch, replication 2), compared with one
# TsdbServer node fed the same capture directly. Everything on 127.0.0.1, under a temp folder;
# only the processes this script starts are stopped at the end.
#   deploy/graphite-web-frontend-check.sh [capture]   (default ../shared/fixtures/collectl-export-60s.txt)
# Needs: the built server (dotnet build src/TsdbServer -c Release), carbon-c-relay, graphite-web, gunicorn.
set -euo pipefail
cd "$(dirname "$0")/.."
CAPTURE="${1:-../shared/fixtures/collectl-export-60s.txt}"
DLL=src/TsdbServer/bin/Release/net10.0/TsdbServer.dll
for f in "$DLL" /usr/bin/carbon-c-relay /usr/bin/gunicorn /usr/bin/graphite-manage "$CAPTURE"; do
  [ -e "$f" ] || { echo "missing: $f" >&2; exit 1; }
done
WORK="$(mktemp -d /tmp/tsdb-gw-check.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 150); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done; echo "no answer: $1" >&2; return 1; }

# name: line-port http-port
declare -A LINE HTTP
for n in ref n1 n2 n3; do LINE[$n]=$(free_port); HTTP[$n]=$(free_port); done
start_node() { # name peers
  mkdir -p "$WORK/$1"
  dotnet "$DLL" --data-dir "$WORK/$1" --bind 127.0.0.1 --line-port "${LINE[$1]}" --pickle-port 0 \
    --http-port "${HTTP[$1]}" ${2:+--peers "$2"} > "$WORK/$1.log" 2>&1 &
  PIDS+=($!)
}
url() { echo "http://127.0.0.1:${HTTP[$1]}"; }
start_node ref ""
start_node n1 "$(url n2),$(url n3)"
start_node n2 "$(url n1),$(url n3)"
start_node n3 "$(url n1),$(url n2)"
for n in ref n1 n2 n3; do wait_http "$(url $n)/health"; done

RELAY_PORT=$(free_port)
cat > "$WORK/relay.conf" <<CONF
listen type linemode 127.0.0.1:$RELAY_PORT proto tcp ;
cluster tsdb carbon_ch replication 2
    127.0.0.1:${LINE[n1]}=a
    127.0.0.1:${LINE[n2]}=b
    127.0.0.1:${LINE[n3]}=c
    ;
match * send to tsdb stop ;
CONF
/usr/bin/carbon-c-relay -s -f "$WORK/relay.conf" -p "$RELAY_PORT" > "$WORK/relay.log" 2>&1 &
PIDS+=($!)
python3 - "$CAPTURE" "$RELAY_PORT" "${LINE[ref]}" <<'PY'
import socket, sys, time
data = open(sys.argv[1], 'rb').read()
for port in sys.argv[2:]:
    for _ in range(100):
        try:
            s = socket.create_connection(('127.0.0.1', int(port))); break
        except OSError: time.sleep(0.1)
    s.sendall(data); s.close()
PY

# graphite-web with no local data: every answer comes from CLUSTER_SERVERS.
GW_PORT=$(free_port)
mkdir -p "$WORK/gw/log" "$WORK/gw/whisper"
cat > "$WORK/gw/tsdbcheck_settings.py" <<PY
SECRET_KEY = 'tsdb-frontend-check'
ALLOWED_HOSTS = ['*']
TIME_ZONE = 'UTC'
GRAPHITE_ROOT = '/usr/share/graphite-web'
STATIC_ROOT = '/usr/share/graphite-web/static'
CONF_DIR = '$WORK/gw'
STORAGE_DIR = '$WORK/gw'
WHISPER_DIR = '$WORK/gw/whisper/'
STANDARD_DIRS = []
LOG_DIR = '$WORK/gw/log'
INDEX_FILE = '$WORK/gw/index'
DATABASES = {'default': {'NAME': '$WORK/gw/graphite.db', 'ENGINE': 'django.db.backends.sqlite3'}}
MEMCACHE_HOSTS = []
CARBONLINK_HOSTS = []
TAGDB = 'graphite.tags.localdatabase.LocalDatabaseTagDB'
CLUSTER_SERVERS = ['127.0.0.1:${HTTP[n1]}', '127.0.0.1:${HTTP[n2]}', '127.0.0.1:${HTTP[n3]}']
FUNCTION_PLUGINS = []
PY
export PYTHONPATH="$WORK/gw" GRAPHITE_SETTINGS_MODULE=tsdbcheck_settings DJANGO_SETTINGS_MODULE=graphite.settings
(cd "$WORK/gw" && /usr/bin/python3 /usr/bin/graphite-manage migrate --noinput > log/migrate.log 2>&1)
(cd "$WORK/gw" && exec /usr/bin/gunicorn --bind 127.0.0.1:$GW_PORT --workers 2 --pythonpath "$WORK/gw" \
   --error-logfile "$WORK/gw/log/gunicorn.log" graphite.wsgi:application > /dev/null 2>&1) &
PIDS+=($!)
wait_http "http://127.0.0.1:$GW_PORT/version"

# Wait until the cluster holds every series the reference holds.
for _ in $(seq 1 150); do
  [ "$(curl -fsS "$(url n1)/metrics/index.json")" = "$(curl -fsS "$(url ref)/metrics/index.json")" ] && break
  sleep 0.2
done

R='&from=1795727301&until=1795727361&now=1795727421'
status=0
compare() { # path [jq-free exact comparison of bodies]
  local a b
  a=$(curl -fsS "$(url ref)$1" || echo "ERROR")
  b=$(curl -fsS "http://127.0.0.1:$GW_PORT$1" || echo "ERROR")
  if [ "$a" = "$b" ]; then echo "same      $1"; else echo "DIFFERENT $1"; echo "  tsdb node:   ${a:0:300}"; echo "  graphite-web: ${b:0:300}"; status=1; fi
}
compare "/metrics/find?query=*"
compare "/metrics/find?query=vm.*"
compare "/metrics/find?query=vm.cpuinfo.*"
compare "/metrics/expand?query=vm.*.*"
compare "/render?format=json&target=vm.cpuload.*$R"
compare "/render?format=json&target=vm.*.*.*$R"
compare "/render?format=json&target=sumSeries(vm.cpuinfo.*.*)&target=aliasByNode(vm.diskinfo.*.*,2,3)$R"
compare "/render?format=raw&target=highestMax(vm.*.*.*,3)$R"
echo "logs and data: $WORK"
exit $status
