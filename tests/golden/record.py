#!/usr/bin/python3
"""Record golden responses from the REAL graphite-web 1.1.8 (Debian 12 package), in-process.

    /usr/bin/python3 tests/golden/record.py            # rebuild whisper data, replay cases.json,
                                                       # rewrite tests/golden/expected/*.json
    /usr/bin/python3 tests/golden/record.py --only ID  # re-record some cases (repeatable)
    /usr/bin/python3 tests/golden/record.py --keep DIR # keep the whisper tree + sqlite db in DIR

What it does (see README.md for the why):
 1. Reads the dataset in ingestion order: ../shared/fixtures/collectl-export-60s.txt, then
    dataset/synthetic.txt. Lines are parsed like carbon's line receiver (strip, split into exactly
    3 fields, float() both, NaN dropped, int(ts) == -1 -> NOW), names canonicalized like carbon's
    cache (TaggedSeries.parse(name).path for names with ';'), points kept per name in a dict
    timestamp -> value (same (name, ts) -> LAST one wins, like carbon's MetricCache).
 2. For every name: whisper.create(path, [(1,86400),(60,43200),(300,105120)], xFilesFactor=0,
    aggregationMethod='average') and ONE whisper.update_many(path, points, now=NOW) -- what
    carbon-cache does when all the lines arrived at NOW and its writer drains the cache at NOW.
    Paths as carbon's WhisperDatabase (TAG_HASH_FILENAMES=True): a.b.c -> a/b/c.wsp, tagged ->
    _tagged/<h[0:3]>/<h[3:6]>/<h>.wsp with h = sha256(canonical name). File mtimes set to NOW.
 3. Django in-process with graphite-web's own settings + a tiny settings module (CARBONLINK_HOSTS
    = [], DummyCache, TIME_ZONE UTC, sqlite), `migrate --run-syncdb`, then the tagged names are
    registered exactly like carbon does: POST /tags/tagMultiSeries with repeated path=, and the
    events of dataset/events.json are posted one by one to /events/ (ids 1, 2, ... in file order).
 4. The wall clock is frozen at NOW: time.time() and datetime.now() (in graphite's modules) and the
    events views' django now() return NOW, so cases that omit `now=` behave as if the server's clock
    reads NOW.
 5. Replays cases.json through django.test.Client and writes expected/<id>.json =
    {"status": int, "content_type": str, "body": str}.
"""
import argparse
import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from urllib.parse import urlencode

NOW = 1795730400  # Thu 2026-11-26 22:00:00 UTC
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))  # /work/main
FIXTURE = os.path.normpath(os.path.join(REPO, "..", "shared", "fixtures", "collectl-export-60s.txt"))
SYNTHETIC = os.path.join(HERE, "dataset", "synthetic.txt")
EVENTS = os.path.join(HERE, "dataset", "events.json")
TEMPLATES = os.path.join(HERE, "dataset", "graphTemplates.conf")
ARCHIVES = [(1, 86400), (60, 43200), (300, 105120)]  # 1s:1d,1m:30d,5m:1y


# ------------------------------------------------------------------ frozen clock
_real_time = time.time


def freeze_time():
    time.time = lambda: float(NOW)


class _FrozenDatetime(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return _dt.datetime.fromtimestamp(NOW, tz)

    @classmethod
    def utcnow(cls):
        return _dt.datetime.utcfromtimestamp(NOW)


def freeze_graphite_datetime():
    import graphite.render.views as rv
    import graphite.metrics.views as mv
    import graphite.render.attime as at
    import graphite.render.functions as fn
    rv.datetime = _FrozenDatetime
    mv.datetime = _FrozenDatetime
    at.datetime = _FrozenDatetime
    fn.datetime = _FrozenDatetime
    # render/views.py did `from time import time` (only used for timing/logging); freeze anyway
    rv.time = lambda: float(NOW)
    # events/views.py: until defaults to django.utils.timezone.now()
    import graphite.events.views as ev
    ev.now = lambda: _dt.datetime.fromtimestamp(NOW, _dt.timezone.utc)


# ------------------------------------------------------------------ dataset -> whisper
def read_dataset(files):
    from carbon.util import TaggedSeries
    series = {}  # canonical name -> {ts: value}   (dicts keep first-insertion order of names)
    stats = {"lines": 0, "invalid": 0, "nan": 0}
    for fn in files:
        with open(fn, "rb") as fh:
            for raw in fh:
                stats["lines"] += 1
                line = raw.decode("utf-8")
                try:
                    metric, value, timestamp = line.strip().split()
                    ts, v = float(timestamp), float(value)
                except ValueError:
                    stats["invalid"] += 1
                    continue
                if v != v:  # carbon drops NaN
                    stats["nan"] += 1
                    continue
                if int(ts) == -1:
                    ts = float(NOW)
                if ";" in metric:
                    metric = TaggedSeries.parse(metric).path
                series.setdefault(metric, {})[ts] = v
    return series, stats


def whisper_path(whisper_dir, metric):
    if ";" in metric:
        h = hashlib.sha256(metric.encode("utf8")).hexdigest()
        return os.path.join(whisper_dir, "_tagged", h[0:3], h[3:6], h + ".wsp")
    return os.path.join(whisper_dir, metric.replace(".", os.sep) + ".wsp")


def build_whisper(whisper_dir, series):
    import whisper
    for metric, points in series.items():
        path = whisper_path(whisper_dir, metric)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        whisper.create(path, ARCHIVES, xFilesFactor=0.0, aggregationMethod="average", sparse=True)
        whisper.update_many(path, list(points.items()), now=NOW)
        os.utime(path, (NOW, NOW))


# ------------------------------------------------------------------ django
SETTINGS_TEMPLATE = """
SECRET_KEY = 'golden-recorder-not-secret'
ALLOWED_HOSTS = ['*']
TIME_ZONE = 'UTC'
DEBUG = False
LOG_ROTATION = False
LOG_RENDERING_PERFORMANCE = False
LOG_CACHE_PERFORMANCE = False
DEFAULT_XFILES_FACTOR = 0
DEFAULT_CACHE_DURATION = 0
GRAPHITE_ROOT = '/usr/share/graphite-web'
STATIC_ROOT = '/usr/share/graphite-web/static'
CONF_DIR = {root!r}
STORAGE_DIR = {root!r}
WHISPER_DIR = {whisper!r}
STANDARD_DIRS = [{whisper!r}]
LOG_DIR = {log!r}
INDEX_FILE = {root!r} + '/index'
DATABASES = {{'default': {{'NAME': {root!r} + '/graphite.db', 'ENGINE': 'django.db.backends.sqlite3',
              'USER': '', 'PASSWORD': '', 'HOST': '', 'PORT': ''}}}}
CARBONLINK_HOSTS = []
MEMCACHE_HOSTS = []
TAGDB = 'graphite.tags.localdatabase.LocalDatabaseTagDB'
TAGDB_CACHE_DURATION = 0
FUNCTION_PLUGINS = []
"""


def setup_django(root, whisper_dir):
    logdir = os.path.join(root, "log")
    os.makedirs(logdir, exist_ok=True)
    mod = "golden_recorder_settings"
    with open(os.path.join(root, mod + ".py"), "w") as fh:
        fh.write(SETTINGS_TEMPLATE.format(root=root, whisper=whisper_dir + "/", log=logdir))
    sys.path.insert(0, root)
    os.environ["GRAPHITE_SETTINGS_MODULE"] = mod
    os.environ["DJANGO_SETTINGS_MODULE"] = "graphite.settings"
    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)


def request(client, case):
    method = case.get("method", "GET").upper()
    path = case["path"]
    params = [tuple(kv) for kv in case.get("params", [])]
    query = [tuple(kv) for kv in case.get("query", [])]  # optional URL query for POST requests
    headers = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in case.get("headers", {}).items()}
    if method == "GET":
        url = path + ("?" + urlencode(params) if params else "")
        return client.get(url, **headers)
    url = path + ("?" + urlencode(query) if query else "")
    body = case["raw_body"] if "raw_body" in case else urlencode(params)
    return client.post(url, data=body, content_type="application/x-www-form-urlencoded", **headers)


IMAGE_TYPES = ("image/png", "image/svg+xml", "application/x-pdf")


def image_summary(content_type, data):
    """The body recorded for an image, as JSON text: what the image tests compare of a graph (its pixels come
    from cairo, which TsdbServer does not use): a PNG's size; an SVG's size and the metadata script glyph.py
    appends (x range, plot area, series, y axis); a PDF's page size."""
    rec = {}
    if content_type == "image/png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
        rec["png"] = {"width": int.from_bytes(data[16:20], "big"), "height": int.from_bytes(data[20:24], "big")}
    elif content_type == "image/svg+xml":
        text = data.decode("utf-8")
        head = re.search(r'<svg[^>]*width="([^"]+)" height="([^"]+)"', text)
        meta = re.search(r"metadata = (.*)\n  \]\]>", text, re.S)
        rec["svg"] = {"width": head.group(1), "height": head.group(2), "metadata": json.loads(meta.group(1))}
    else:
        box = re.search(rb"/MediaBox \[\s*([-\d. ]+?)\s*\]", data)
        rec["pdf"] = {"mediabox": [float(v) for v in box.group(1).split()]}
    return rec


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.json"))
    ap.add_argument("--out", default=os.path.join(HERE, "expected"))
    ap.add_argument("--only", action="append", help="record only these case ids")
    ap.add_argument("--keep", help="build storage in this (new/empty) dir and keep it")
    ap.add_argument("--no-freeze", action="store_true",
                    help="do NOT freeze the clock (diagnostics only: shows what depends on the wall clock)")
    args = ap.parse_args()
    if not args.no_freeze:
        freeze_time()

    root = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="golden-graphite-")
    os.makedirs(root, exist_ok=True)
    whisper_dir = os.path.join(root, "whisper")
    if os.path.exists(whisper_dir):
        sys.exit("%s already exists; use an empty --keep dir" % whisper_dir)
    try:
        t0 = _real_time()
        series, stats = read_dataset([FIXTURE, SYNTHETIC])
        build_whisper(whisper_dir, series)
        print("dataset: %(lines)d lines (%(nan)d NaN dropped, %(invalid)d invalid)" % stats,
              "-> %d series in %s (%.1fs)" % (len(series), whisper_dir, _real_time() - t0), file=sys.stderr)

        setup_django(root, whisper_dir)
        # graphite-web reads CONF_DIR/graphTemplates.conf for every graph (the golden server gets --graph-templates).
        shutil.copy(TEMPLATES, os.path.join(root, "graphTemplates.conf"))
        if not args.no_freeze:
            freeze_graphite_datetime()
        from django.test import Client
        client = Client(raise_request_exception=False)  # 500s are recorded, not raised
        tagged = [m for m in series if ";" in m]
        r = client.post("/tags/tagMultiSeries", data=urlencode([("path", m) for m in tagged]),
                        content_type="application/x-www-form-urlencoded")
        assert r.status_code == 200, (r.status_code, r.content)
        print("tagged series registered:", r.content.decode(), file=sys.stderr)
        with open(EVENTS) as fh:
            for event in json.load(fh):
                r = client.post("/events/", data=json.dumps(event), content_type="application/json")
                assert r.status_code == 200, (r.status_code, r.content)
        print("events posted:", EVENTS, file=sys.stderr)

        with open(args.cases) as fh:
            cases = json.load(fh)
        ids = [c["id"] for c in cases]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            sys.exit("duplicate case ids: %s" % sorted(dup))
        os.makedirs(args.out, exist_ok=True)
        if not args.only:  # full re-record: drop stale files
            for f in os.listdir(args.out):
                if f.endswith(".json") and f[:-5] not in ids:
                    os.remove(os.path.join(args.out, f))
        counts = {}
        for case in cases:
            if args.only and case["id"] not in args.only:
                continue
            resp = request(client, case)
            body = resp.content.decode("utf-8", errors="replace")
            rec = {"status": resp.status_code, "content_type": resp.get("Content-Type", ""), "body": body}
            if rec["content_type"] in IMAGE_TYPES:
                body = json.dumps(image_summary(rec["content_type"], resp.content))
                rec["body"] = body
            with open(os.path.join(args.out, case["id"] + ".json"), "w") as fh:
                json.dump(rec, fh, indent=1, ensure_ascii=False)
                fh.write("\n")
            counts[resp.status_code] = counts.get(resp.status_code, 0) + 1
            mark = "" if resp.status_code == 200 else "  <-- %d" % resp.status_code
            print("%-40s %3d %6d bytes%s" % (case["id"], resp.status_code, len(body), mark), file=sys.stderr)
        print("recorded:", ", ".join("%d x %s" % (n, s) for s, n in sorted(counts.items())), file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
