#!/usr/bin/env python3
"""Median milliseconds of Grafana-shaped requests over one kept-alive HTTP connection, as Grafana's data source
sends them (curl in lib.sh opens a new connection per request, which adds ~1 ms of setup on loopback to both
systems). A server that closes the connection after each answer (gunicorn's sync workers) is reconnected,
and that setup counts, as it does for Grafana. Manual tool for bench/*.sh (not run by CI).

    http-medians.py BASE_URL REPETITIONS FROM panels    -> "a / b / c / d / e" (the panel set of lib.sh)
    http-medians.py BASE_URL REPETITIONS FROM finds     -> "* / node.* / node.group.* / node.group.metric.*"
"""
import http.client
import statistics
import sys
import time
import urllib.parse

PANELS = [
    'aliasByNode(node0001.diskinfo.*.vda,0,2)',
    'sumSeries(node*.cputotals.user)',
    'groupByNode(node*.diskinfo.writekbs.*,0,"sumSeries")',
    'highestMax(node*.cpuload.avg1,5)',
    'movingAverage(node0002.meminfo.free,60)',
]
FINDS = ['*', 'node0001.*', 'node0001.diskinfo.*', 'node0001.diskinfo.writekbs.*']


def median_ms(conn, repetitions, method, path, body=None):
    headers = {'Content-Type': 'application/x-www-form-urlencoded'} if body else {}
    times = []
    for _ in range(repetitions + 1):  # the first one warms up and is not counted
        start = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            sys.exit(f'{method} {path} {body or ""}: HTTP {response.status}')
        if response.getheader('Connection', '').lower() == 'close':
            conn.close()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[1:])


def main():
    base, repetitions, frm, what = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=120)
    if what == 'panels':
        medians = [median_ms(conn, repetitions, 'POST', '/render', urllib.parse.urlencode(
            {'target': t, 'from': frm, 'until': 'now', 'format': 'json', 'maxDataPoints': 1000})) for t in PANELS]
    else:
        medians = [median_ms(conn, repetitions, 'GET', '/metrics/find?' + urllib.parse.urlencode({'query': q}))
                   for q in FINDS]
    print(' / '.join(f'{m:.2f}' for m in medians))


if __name__ == '__main__':
    main()
