#!/usr/bin/env python3
"""Asks TsdbServer and graphite-web the same Grafana-shaped questions over the same data and compares the answers
field by field, as tests/golden/compare.py does (JSON structurally, numbers within 1e-9 relative): the five panels
of bench/lib.sh, a few more panel shapes over every node, and find at each tree level. Absolute from/until, so
both answer for the same seconds; each further FROM UNTIL pair asks the renders again over that range (a range
older than a day reads the 1-minute archive). Prints PASS/FAIL per question and the first difference; exit 1 on
any FAIL. Manual tool for bench/panels-vs-graphite.sh (not run by CI).

    compare-answers.py TSDB_URL GRAPHITE_URL FROM UNTIL [FROM UNTIL ...]
"""
import json
import os
import sys
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'golden'))
from compare import diff  # noqa: E402  (the golden suite's comparison rules)

TARGETS = [
    'aliasByNode(node0001.diskinfo.*.vda,0,2)',
    'sumSeries(node*.cputotals.user)',
    'groupByNode(node*.diskinfo.writekbs.*,0,"sumSeries")',
    'highestMax(node*.cpuload.avg1,5)',
    'movingAverage(node0002.meminfo.free,60)',
    'aliasByNode(node*.diskinfo.writekbs.*,0)',
    'averageSeries(node*.diskinfo.writekbs.*)',
    'perSecond(node0003.nettotals.kbin)',
    'summarize(node0004.cputotals.sys,"10min","avg")',
    'asPercent(node0005.meminfo.used,node0005.meminfo.tot)',
]
# The root as node*: carbon-cache beside graphite-web writes its own carbon.agents.* series into the same tree.
FINDS = ['node*', 'node0001.*', 'node0001.diskinfo.*', 'node0001.diskinfo.writekbs.*']


def fetch(url, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=120) as response:
        return json.loads(response.read())


def main():
    tsdb, graphite, ranges = sys.argv[1], sys.argv[2], sys.argv[3:]
    questions = [(f'render {t} from={frm} until={until}', '/render',
                  {'target': t, 'from': frm, 'until': until, 'format': 'json', 'maxDataPoints': 1000})
                 for frm, until in zip(ranges[::2], ranges[1::2]) for t in TARGETS]
    questions += [('find ' + q, '/metrics/find?' + urllib.parse.urlencode({'query': q}), None) for q in FINDS]
    failed = 0
    for label, path, form in questions:
        expected, got = fetch(graphite + path, form), fetch(tsdb + path, form)
        difference = diff(expected, got, '$', set())
        if difference:
            failed += 1
        print(('FAIL ' if difference else 'PASS ') + label + (': ' + difference if difference else ''))
    print(f'{len(questions) - failed} of {len(questions)} answers identical')
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
