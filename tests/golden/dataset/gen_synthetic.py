#!/usr/bin/python3
"""Generate tests/golden/dataset/synthetic.txt (deterministic; no randomness, no wall clock).

Plaintext carbon lines `name value timestamp`, meant to be ingested AFTER
../../../../shared/fixtures/collectl-export-60s.txt, all at arrival time NOW (see README.md).
Run:  /usr/bin/python3 tests/golden/dataset/gen_synthetic.py > tests/golden/dataset/synthetic.txt
"""
import math
import sys

NOW = 1795730400          # Thu 2026-11-26 22:00:00 UTC (minute, 5-minute and hour aligned)
DAY = 86400

out = []


def emit(name, value, ts):
    if isinstance(value, float):
        v = repr(value)
    else:
        v = str(value)
    out.append("%s %s %d" % (name, v, ts))


# 1. app.req.count: a counter with 1 s points over the last 2 h (NOW-7199 .. NOW inclusive),
#    a 60 s gap, every 97th second missing, and a counter reset at NOW-3000.
c = 1000
for ts in range(NOW - 7199, NOW + 1):
    if NOW - 5000 <= ts < NOW - 4940:
        continue
    if ts % 97 == 0:
        continue
    if ts == NOW - 3000:
        c = 3                                  # counter reset
    else:
        c += (ts * 7) % 13 + 1
    emit("app.req.count", c, ts)

# 2. app.req.latency: floats, 1 s points over the last hour (NOW-3599 .. NOW-1), a 30 s gap
for ts in range(NOW - 3599, NOW):
    if NOW - 1800 <= ts < NOW - 1770:
        continue
    k = ts % 17
    if k == 0:
        v = 0.1
    elif k == 5:
        v = -0.25
    elif k == 9:
        v = 1e-05
    else:
        v = round(0.05 + ((ts * 37) % 100) / 1000.0, 3)
    emit("app.req.latency", v, ts)

# 3. app.req: a LEAF that is also a BRANCH (app.req.count, app.req.latency); last 10 min
for ts in range(NOW - 599, NOW + 1):
    emit("app.req", ts % 10, ts)

# 4. app.temp.{a,b,c}: last 20 min; a only every 5 s (nulls in between), b stops 2 min
#    before NOW (trailing nulls), c negative floats
for ts in range(NOW - 1199, NOW + 1):
    if ts % 5 == 0:
        emit("app.temp.a", 20 + (ts // 5) % 7, ts)
    if ts <= NOW - 120:
        emit("app.temp.b", 30 + (ts % 11) * 0.5, ts)
    emit("app.temp.c", -((ts % 13) * 1.5) - 0.5, ts)

# 5. sys.<host>.<res>.<metric>: a regular tree for find/glob/groupByNode; every 10 s, last 30 min
hosts = ["web01", "web02", "db01"]
for ts in range(NOW - 1790, NOW + 1, 10):
    for hi, h in enumerate(hosts):
        for ri, r in enumerate(["cpu", "mem"]):
            for mi, m in enumerate(["user", "sys"]):
                v = (hi + 1) * 10 + ri * 100 + mi * 3 + ((ts // 10) * (hi + 2 + mi)) % 9
                emit("sys.%s.%s.%s" % (h, r, m), v, ts)

# 6. hist.load.{a,b}: every 13 min over the last 40 days (ts % 60 == 7). Older than 1 d these
#    points go straight into the 1 m archive, older than 30 d straight into the 5 m archive.
#    Every 50th point gets a second point 20 s later (same minute): whisper keeps the later one.
start = NOW - 40 * DAY + 7
i = 0
for ts in range(start, NOW - 600, 780):
    a = round(50 + 40 * math.sin(i / 30.0), 3)
    b = round(10 + (i % 24) * 2.5, 2)
    emit("hist.load.a", a, ts)
    emit("hist.load.b", b, ts)
    if i % 50 == 0:
        emit("hist.load.a", a + 1000, ts + 20)
    i += 1
# hist.load.b also gets 1-minute points (ts % 60 == 30) over the last 2 days
for ts in range(NOW - 2 * DAY + 30, NOW, 60):
    emit("hist.load.b", float((ts // 60) % 50), ts)

# 7. hist.old.only: hourly points 35..39 days ago only (nothing recent)
for ts in range(NOW - 39 * DAY, NOW - 35 * DAY, 3600):
    emit("hist.old.only", (ts // 3600) % 100, ts)

# 8. edge cases
# 8a. special float values, every 10 s over the last 10 min
specials = [0.1, 1e-05, 1e+16, -3, 1.5e-07, 123456789.123, -0.0, 2.5, 7, 0.30000000000000004]
for j, ts in enumerate(range(NOW - 595, NOW + 1, 10)):
    emit("edge.values", specials[j % len(specials)], ts)
# 8b. duplicates: x 1 T, x 2 T, ..., later x 3 T -> 3 (last wins)
T = NOW - 300
emit("edge.dup", 1, T)
emit("edge.dup", 2, T)
emit("edge.dup", 5, T - 60)
emit("edge.dup", 3, T)
# 8c. NaN values are discarded by carbon; inf/-inf are stored
for j, ts in enumerate(range(NOW - 50, NOW, 10)):
    out.append("edge.nan %s %d" % (["nan", "1", "NaN", "2", "nan"][j], ts))
    out.append("edge.inf %s %d" % (["inf", "1", "-inf", "2", "Infinity"][j], ts))
# 8d. a point older than the max retention (1 y) is dropped; a future point is stored in the
#     1 s archive but invisible (fetch clamps until to now)
emit("edge.ancient", 1, NOW - 400 * DAY)
emit("edge.ancient", 2, NOW - 10)
emit("edge.ancient", 3, NOW + 30)

# 9. tagged series, 1 s points over the last 10 min (tags given unsorted on purpose once)
tagged = ["disk.used;dc=lab;host=h1", "disk.used;host=h2;dc=lab", "disk.used;dc=prod;host=h3",
          "disk.free;dc=lab;host=h1", "cpu.load;dc=lab;host=h1;role=web.frontend"]
for ts in range(NOW - 599, NOW + 1):
    for k, name in enumerate(tagged):
        emit(name, (k + 1) * 100 + (ts % (7 + k)), ts)

# 10. a tag-rich set for seriesByTag, groupByTags and the tag autocompletion (fuzz.py --tags): 24 series of
#     4 names, every 10 s over the last 30 min, every 7th point missing; svc only on even series, ver not on
#     every 5th, one value with a slash, tags given in a different order for odd series.
ENVS, ZONES, VERS = ["prod", "staging", "dev"], ["eu-1", "us-2", "ap_3"], ["1.2", "1.10", "2.0"]
for i in range(24):
    tags = [("env", ENVS[i % 3]), ("zone", ZONES[(i // 3) % 3]), ("host", "n%02d" % i)]
    if i % 2 == 0:
        tags.append(("svc", ["api", "web", "db.main"][(i // 2) % 3]))
    if i % 5 != 0:
        tags.append(("ver", VERS[i % 3]))
    if i == 7:
        tags.append(("path", "/var/log"))
    if i % 2 == 1:
        tags.reverse()
    name = ["net.rx", "net.tx", "svc.latency", "mem.used"][i % 4] + "".join(";%s=%s" % t for t in tags)
    for j, ts in enumerate(range(NOW - 1790, NOW + 1, 10)):
        if (j + i) % 7 == 0:
            continue
        emit(name, (i + 1) * 10 + (j % (3 + i % 4)) * (0.5 if i % 3 == 0 else 1), ts)

sys.stdout.write("\n".join(out) + "\n")
