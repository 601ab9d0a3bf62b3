#!/usr/bin/env python3
"""Random render requests over the golden dataset, for differential runs against graphite-web 1.1.8.

    python3 tests/golden/fuzz.py SEED COUNT [--grafana | --tags | --times | --finds] [--formats] > DIR/cases.json
    python3 tests/golden/fuzz.py SEED COUNT --images [--grafana] > DIR/image-cases.json   (record --out DIR/expected-images;
        the test is GraphImageCompatibilityTests)
    /usr/bin/python3 tests/golden/record.py --cases DIR/cases.json --out DIR/expected
    TSDB_GOLDEN_DIR=DIR dotnet test tests/TsdbServer.Tests --filter GoldenCompatibilityTests

Targets are compositions of up to three calls of the registry's functions (../shared/spec/graphite-functions.md),
with arguments drawn by parameter type, over ranges of the dataset where each pool of series has data:
the collectl capture, the last minutes, hours, the 1 m and 5 m archives. --grafana draws from the functions
Grafana panels use most; --formats mixes csv, raw, dygraph and rickshaw into json. --tags draws what Grafana's tag
mode sends instead: seriesByTag expressions (=, !=, =~, !=~) under the tag-aware functions, tagged names, and the
/tags endpoints (findSeries, autoComplete/tags, autoComplete/values, the tag lists). --times draws from, until, now
and tz in graphite-web's at-time grammar (references, offsets, absolute dates, Grafana's HH:MM_YYYYMMDD) over a few
simple targets. --finds draws glob queries for /metrics/find and /metrics/expand in every format. Deterministic per
SEED.
Functions that read the wall clock or randomness (randomWalk, events, timeSlice, verticalLine) are left out,
and so are a few whose graphite-web answers are Python-3 TypeErrors more often than not.
See tests/golden/README.md for how to read a run's failures.
"""
import json, os, random, re, sys

NOW = 1795730400
HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, '..', '..', '..', 'shared', 'spec', 'graphite-functions.md')
args_ = [a for a in sys.argv[1:] if not a.startswith('--')]
seed = int(args_[0]) if args_ else 1
count = int(args_[1]) if len(args_) > 1 else 1000
GRAFANA = '--grafana' in sys.argv
FORMATS = '--formats' in sys.argv
TAGS = '--tags' in sys.argv
TIMES = '--times' in sys.argv
FINDS = '--finds' in sys.argv
rnd = random.Random(seed)

SIGS = {}
for m in re.finditer(r'^- `(\w+)\(([^`]*)\)`', open(SPEC).read(), re.M):
    name, params = m.group(1), m.group(2)
    ps = []
    for p in re.findall(r'(\w+):(\w+)(\*)?(\?)?(=[^,\[]+)?( \[[^\]]*\])?', params):
        pname, ptype, star, opt, default, opts = p
        ps.append(dict(name=pname, type=ptype, star=bool(star), opt=bool(opt) or bool(default),
                       opts=opts.strip()[1:-1].split('|') if opts else None))
    SIGS[name] = ps

EXCLUDE = {'randomWalk', 'randomWalkFunction', 'events', 'timeSlice', 'verticalLine', 'useSeriesAbove',
           'removeBetweenPercentile', 'reduce', 'reduceSeries', 'applyByNode', 'mapSeries', 'map',
           'seriesByTag', 'linearRegression'}
FUNCS = [f for f in SIGS if f not in EXCLUDE]
if GRAFANA:
    FUNCS = ['aliasByNode', 'sumSeries', 'averageSeries', 'groupByNode', 'groupByNodes', 'highestMax', 'highestAverage', 'highestCurrent',
             'lowestAverage', 'movingAverage', 'movingMax', 'scale', 'perSecond', 'nonNegativeDerivative', 'summarize', 'keepLastValue',
             'transformNull', 'asPercent', 'divideSeries', 'timeShift', 'sortByMaxima', 'sortByName', 'limit', 'removeBelowValue',
             'removeAboveValue', 'consolidateBy', 'integral', 'derivative', 'absolute', 'offset', 'aliasSub', 'alias', 'maxSeries',
             'minSeries', 'countSeries', 'sumSeriesWithWildcards', 'averageSeriesWithWildcards', 'aggregate', 'aggregateWithWildcards',
             'smartSummarize', 'hitcount', 'exclude', 'grep', 'currentAbove', 'averageAbove', 'maximumAbove', 'removeEmptySeries',
             'nPercentile', 'percentileOfSeries', 'stddevSeries', 'timeStack', 'delay', 'round', 'log', 'invert', 'squareRoot',
             'interpolate', 'isNonNull', 'changed', 'cumulative', 'aliasByMetric', 'aliasByTags', 'groupByTags', 'sortByTotal',
             'exponentialMovingAverage', 'movingMedian', 'movingSum', 'movingWindow', 'integralByInterval', 'scaleToSeconds', 'diffSeries',
             'multiplySeries', 'rangeOfSeries', 'unique', 'fallbackSeries', 'constantLine', 'threshold', 'mostDeviant', 'legendValue', 'cactiStyle']
AGG = ['average', 'avg', 'avg_zero', 'count', 'current', 'diff', 'last', 'max', 'median', 'min',
       'multiply', 'range', 'rangeOf', 'stddev', 'sum', 'total']

# windows: (from, until, series patterns that have data there)
VM = ['vm.diskinfo.*.vda', 'vm.cputotals.*', 'vm.meminfo.*', 'vm.nettotals.kbin', 'vm.nettotals.*',
      'vm.diskinfo.writekbs.vda', 'vm.cpuload.*', 'vm.{cputotals,disktotals}.*', 'vm.diskinfo.{reads,writes}.*']
RECENT = ['app.req', 'app.req.*', 'app.temp.*', 'app.temp.a', 'app.temp.b', 'app.temp.c', 'sys.*.cpu.*',
          'sys.web0[12].mem.user', 'sys.*.*.user', 'edge.values', 'edge.dup', 'edge.inf', 'edge.*',
          'app.*.*', "seriesByTag('name=disk.used')", "seriesByTag('dc=lab')", "seriesByTag('name=~disk.*','host!=h3')",
          'nomatch.*', 'app.req.count']
HOURS = ['app.req.count', 'app.req.latency', 'app.req.*', 'vm.diskinfo.writekbs.vda', 'vm.cputotals.user']
DAYS = ['hist.load.a', 'hist.load.b', 'hist.load.*', 'hist.*.*', 'hist.old.only']
WINDOWS = [
    (str(NOW - 3110), str(NOW - 3030), VM),
    ('-1h', 'now', VM + HOURS),
    ('-10min', 'now', RECENT),
    ('-5min', 'now', RECENT),
    ('-30min', 'now', RECENT),
    ('-140s', '-100s', ['app.temp.*', 'app.temp.b', 'sys.*.cpu.*']),
    ('-2h', 'now', HOURS + ['app.temp.*']),
    ('-6h', 'now', HOURS + VM),
    ('-2d', 'now', DAYS + ['app.req.count']),
    ('-7d', '-1d', DAYS),
    ('-40d', 'now', DAYS),
    (str(NOW - 3000 - 30), str(NOW - 3000 + 30), ['app.req.count', 'app.req.*']),
    (str(NOW - 1810), str(NOW - 1760), ['app.req.latency', 'app.req.*']),
]


def q(s):
    return rnd.choice(["'%s'", '"%s"']) % s


def series(pool, depth):
    if depth < 2 and rnd.random() < 0.35:
        return call(pool, depth + 1, want_series=True)
    return rnd.choice(pool)


def interval():
    return q(rnd.choice(['1min', '5min', '10s', '30s', '1h', '2min', '1d', '15s', '+5min', '3s', '1mon', '1w']))


def arg(fn, p, pool, depth):
    t = p['type']
    if p['opts']:
        return q(rnd.choice(p['opts']))
    if t in ('SL', 'SLs'):
        return series(pool, depth)
    if t == 'node':
        return str(rnd.choice([0, 1, 2, 3, -1, -2, 4]))
    if t == 'nodeOrTag':
        return rnd.choice(['0', '1', '2', '3', '-1', q('dc'), q('name'), q('host')])
    if t == 'tag':
        return q(rnd.choice(['dc', 'host', 'name']))
    if t == 'aggFunc':
        return q(rnd.choice(AGG))
    if t == 'aggOrSeriesFunc':
        return q(rnd.choice(AGG + ['sumSeries', 'averageSeries', 'maxSeries']))
    if t == 'float':
        if fn in ('nPercentile', 'removeAbovePercentile', 'removeBelowPercentile', 'averageOutsidePercentile', 'percentileOfSeries'):
            return rnd.choice(['0', '10', '50', '90', '95', '99.5', '100'])
        if 'xFilesFactor' in p['name']:
            return rnd.choice(['0', '0.1', '0.5', '1'])
        return rnd.choice(['0', '0.5', '1', '2.5', '-1', '10', '50', '100', '1000', '3', '-0.25'])
    if t == 'int':
        if fn in ('round',):
            return rnd.choice(['0', '1', '2', '-1'])
        if fn in ('log',):
            return rnd.choice(['10', '2', '3'])
        if fn in ('sin', 'sinFunction', 'time', 'timeFunction') and p['name'] == 'step':
            return rnd.choice(['1', '10', '60'])
        return rnd.choice(['0', '1', '2', '3', '5', '10'])
    if t == 'intOrInf':
        return rnd.choice(['1', '2', '5', '100'])
    if t == 'interval':
        if fn == 'timeShift' and rnd.random() < 0.3:
            return q(rnd.choice(['-1h', '-5min', '+1d']))
        return interval()
    if t == 'intOrInterval':
        return rnd.choice(['5', '10', '60', '1', interval()])
    if t == 'bool':
        return rnd.choice(['true', 'false', 'True', 'False', '1', '0'])
    if t == 'date':
        return q(rnd.choice(['-1h', '-30min', str(NOW - 600), 'now']))
    if t == 'any':
        return rnd.choice(['100', series(pool, depth), '10'])
    if t == 'string':
        n = p['name']
        if fn == 'alias':
            return q(rnd.choice(['x', 'disk %d', 'a.b', '']))
        if fn in ('aliasSub', 'aliasQuery') and n == 'search':
            return q(rnd.choice([r'(^.*$)', r'^([^.]*)\..*', r'\.(\w+)$', 'vm', r'(\d+)']))
        if fn in ('aliasSub', 'aliasQuery') and n == 'replace':
            return q(rnd.choice([r'\1 A', r'\1', 'X', r'\g<1>x']))
        if fn == 'aliasQuery' and n == 'newName':
            return q(rnd.choice(['v %d', 'v %s', 'v']))
        if fn in ('exclude', 'grep'):
            return q(rnd.choice(['user', 'vda', r'^app', 'a$', 'temp\\.b', '[']))
        if fn in ('sin', 'sinFunction', 'time', 'timeFunction', 'identity'):
            return q(rnd.choice(['t', 'the.time', 'x y']))
        if fn == 'integralByInterval':
            return interval()
        if fn == 'stacked':
            return q('s')
        if fn == 'threshold':
            return q(rnd.choice(['lbl', 'red']))
        return q(rnd.choice(['x', 'red', '']))
    return '1'


def call(pool, depth, want_series=True):
    for _ in range(50):
        fn = rnd.choice(FUNCS)
        ps = SIGS[fn]
        if want_series and not any(p['type'] in ('SL', 'SLs') for p in ps) and fn not in ('constantLine', 'threshold', 'sin', 'time', 'identity', 'sinFunction', 'timeFunction'):
            continue
        break
    args = []
    kw = rnd.random() < 0.15
    for i, p in enumerate(ps):
        if p['star']:
            k = rnd.choice([0, 1, 1, 2, 3]) if p['opt'] else rnd.choice([1, 1, 2])
            args += [arg(fn, p, pool, depth) for _ in range(k)]
            break
        if p['opt'] and rnd.random() < 0.5:
            # drop this and all later optional args unless keyword form
            if kw and i + 1 < len(ps) and rnd.random() < 0.5:
                continue
            break
        a = arg(fn, p, pool, depth)
        if kw and i > 0 and p['opt']:
            a = '%s=%s' % (p['name'], a)
        args.append(a)
    # keyword args must come last: drop positional after keyword
    out, seen_kw = [], False
    for a in args:
        if re.match(r'^\w+=', a) and not a.startswith(("'", '"')):
            seen_kw = True
        elif seen_kw:
            continue
        out.append(a)
    return '%s(%s)' % (fn, ','.join(out))


# --tags: the dataset's tagged series (gen_synthetic.py sections 9 and 10) and expressions over them
TAG_VALUES = {
    'name': ['net.rx', 'net.tx', 'svc.latency', 'mem.used', 'disk.used', 'cpu.load', 'nomatch'],
    'env': ['prod', 'staging', 'dev', 'qa'], 'zone': ['eu-1', 'us-2', 'ap_3'], 'host': ['n00', 'n07', 'n13', 'h1', 'h2'],
    'svc': ['api', 'web', 'db.main'], 'ver': ['1.2', '1.10', '2.0'], 'path': ['/var/log'], 'dc': ['lab', 'prod'],
    'role': ['web.frontend'], 'nosuch': ['x'],
}
TAG_REGEXES = {
    'name': [r'net\..*', '^net', 'rx', '^(net|svc)\\.', r'.*used', '^disk', 'mem.used$', 'n.t'],
    'env': ['prod', '^p', 'prod|dev', '.*', 'ing$', '^(staging|dev)$', ''],
    'zone': ['eu.*', '^us', '-', r'\d', '_3$'], 'host': ['n0[0-5]', 'n1', '^h', r'n\d+$', '7'],
    'svc': ['api', 'db\\.', '^w', '.*'], 'ver': [r'1\.1', '^2', r'1\.10$', '1.'], 'path': ['^/var', 'log'],
    'dc': ['lab', '^p'], 'role': ['web'], 'nosuch': ['.*', 'x'],
}


def tag_expr(strict):
    tag = rnd.choice(list(TAG_VALUES))
    op = '=' if strict else rnd.choice(['=', '=', '!=', '=~', '=~', '!=~'])
    if op in ('=~', '!=~'):
        value = rnd.choice(TAG_REGEXES[tag])
    else:
        value = rnd.choice(TAG_VALUES[tag] + ([''] if rnd.random() < 0.15 else []))
    return tag + op + value


def tag_exprs():
    # seriesByTag needs an expression that does not match the empty string; mostly give it one first
    n = rnd.choice([1, 1, 2, 2, 3])
    return [tag_expr(strict=(k == 0 and rnd.random() < 0.8)) for k in range(n)]


def series_by_tag():
    return 'seriesByTag(%s)' % ','.join(q(e) for e in tag_exprs())


TAGGED_NAMES = ['net.rx;env=prod;zone=eu-1;host=n00;svc=api', 'net.rx;svc=api;host=n00;zone=eu-1;env=prod',
                'mem.used;path=/var/log;ver=1.10;host=n07;zone=ap_3;env=staging', 'disk.used;dc=lab;host=h1',
                'disk.used;host=h2;dc=lab', 'net.rx;env=prod', 'svc.latency;env=dev;zone=eu-1;host=n02;svc=web;ver=2.0']
TAG_FUNCS = ['aliasByTags', 'groupByTags', 'aliasByNode', 'groupByNode', 'groupByNodes', 'sumSeries', 'averageSeries',
             'highestMax', 'highestCurrent', 'sortByName', 'aliasByMetric', 'aggregate', 'movingAverage', 'scale',
             'asPercent', 'divideSeries', 'perSecond', 'summarize', 'limit', 'exclude', 'grep', 'aliasSub', 'alias',
             'maxSeries', 'countSeries', 'removeEmptySeries', 'keepLastValue', 'transformNull', 'nonNegativeDerivative',
             'sortByMaxima', 'legendValue', 'offset', 'absolute', 'timeShift', 'consolidateBy', 'percentileOfSeries',
             'diffSeries', 'multiplySeries', 'unique', 'fallbackSeries', 'seriesByTag', 'aggregateWithWildcards',
             'sumSeriesWithWildcards', 'aliasQuery', 'mapSeries', 'reduceSeries', 'applyByNode', 'offsetToZero']
TAG_WINDOWS = ['-30min', '-10min', '-5min', '-1h', '-35min', '-15min']


def tags_render_case(case_id):
    pool = [series_by_tag() for _ in range(4)] + rnd.sample(TAGGED_NAMES, 2)
    ntargets = rnd.choice([1, 1, 1, 2])
    targets = [call(pool, 0) if rnd.random() < 0.85 else rnd.choice(pool) for _ in range(ntargets)]
    fmt = rnd.choice(['csv', 'raw', 'dygraph', 'rickshaw', 'json']) if FORMATS else 'json'
    params = [['target', t] for t in targets] + [['from', rnd.choice(TAG_WINDOWS)], ['until', 'now'], ['format', fmt]]
    if rnd.random() < 0.5:
        params.append(['maxDataPoints', rnd.choice(['1000', '100', '20', '1920'])])
    return dict(id=case_id, method='POST' if rnd.random() < 0.7 else 'GET', path='/render', params=params)


def tags_api_case(case_id):
    kind = rnd.choice(['findSeries', 'findSeries', 'autoTags', 'autoTags', 'autoValues', 'autoValues', 'autoValues', 'list', 'tag'])
    params = []
    if kind == 'findSeries':
        path = '/tags/findSeries'
        params = [['expr', e] for e in tag_exprs()]
    elif kind == 'autoTags':
        path = '/tags/autoComplete/tags'
        if rnd.random() < 0.6:
            params.append(['tagPrefix', rnd.choice(['', 'e', 'z', 'n', 'ho', 'x', 'v', 's'])])
        params += [['expr', e] for e in (tag_exprs() if rnd.random() < 0.6 else [])]
    elif kind == 'autoValues':
        path = '/tags/autoComplete/values'
        params.append(['tag', rnd.choice(list(TAG_VALUES) + ['name'])])
        if rnd.random() < 0.6:
            params.append(['valuePrefix', rnd.choice(['', 'n', 'p', 'e', '1', 'n0', 'd', 'x', '/'])])
        params += [['expr', e] for e in (tag_exprs() if rnd.random() < 0.6 else [])]
    elif kind == 'list':
        path = '/tags'
        if rnd.random() < 0.6:
            params.append(['filter', rnd.choice(['e', '^z', 'n.*', 'x', 'o'])])
    else:
        path = '/tags/' + rnd.choice(list(TAG_VALUES))
        if rnd.random() < 0.6:
            params.append(['filter', rnd.choice(['p', '^n0', '1', 'eu', '.*', 'x'])])
    if kind != 'findSeries' and rnd.random() < 0.4:
        params.append(['limit', rnd.choice(['1', '3', '10', '0'])])
    if rnd.random() < 0.15:
        params.append(['pretty', '1'])
    case = dict(id=case_id, method='GET', path=path, params=params)
    if kind in ('list', 'tag'):
        case['ignore_keys'] = ['id']  # graphite-web's TagDB row ids: the order its sqlite saw the tags
    return case


# --times: graphite-web's at-time grammar (render/attime.py), combined at random
TIME_REFS = ['now', '', 'noon', 'midnight', 'teatime', 'yesterday', 'today', 'tomorrow', 'noon yesterday', 'midnight tomorrow',
             'noon_yesterday', '6pm', '6am', '11am today', '12am', '12pm', '13:30', '9:05', '13:30_20261126', '09:05pm',
             '22:00_20261126', '21:59_20261126', '00:00_20261120', '20261126', '20261125', '20261101', '11/26/26',
             '11/26/2026', '1/1/70', '12/31/99', 'nov26', 'november 25', 'nov 1', 'Nov 26', 'dec31', 'oct 3', 'jan',
             'monday', 'Wednesday', 'fri', 'thu', 'sat', 'sun', 'tue', '1795730000', '1795700000', '1795720000.5',
             '17957', 'garbage', 'now()', '2026-11-26', '99:99', 'feb 30', '13/1/26']
TIME_OFFSETS = ['', '', '-1h', '-30min', '-1d', '+1h', '-1h30min', '-2w', '-1mon', '-1y', '-90s', '-5minutes', '+2d',
                '-3hours', '-10', '-1x', '-0s', '-1d-1h', '-2days', '-1week', '+30sec', '-15m', '-6h', '-12h', '-36h', '-2d12h']


def at_time():
    r = rnd.random()
    if r < 0.3:
        return rnd.choice(TIME_OFFSETS[2:])  # relative, as Grafana sends most often
    if r < 0.4:
        return 'now' + rnd.choice(TIME_OFFSETS[2:])
    return rnd.choice(TIME_REFS) + rnd.choice(TIME_OFFSETS)


def times_case(case_id):
    target = rnd.choice(['app.req.count', 'hist.load.a', 'constantLine(1)', 'app.temp.a', 'vm.cputotals.user',
                         'summarize(hist.load.a,"1d")'])
    params = [['target', target], ['format', rnd.choice(['json', 'json', 'csv'])], ['maxDataPoints', rnd.choice(['3', '10'])]]
    if rnd.random() < 0.9:
        params.append(['from', at_time()])
    if rnd.random() < 0.7:
        params.append(['until', rnd.choice(['now', 'now', at_time()])])
    r = rnd.random()
    if r < 0.3:
        params.append(['now', rnd.choice(['1795730400', '1795700000', 'noon', '13:30_20261126', '-1d', 'garbage'])])
    if rnd.random() < 0.15:
        params.append(['tz', rnd.choice(['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC', 'bad/zone'])])
    return dict(id=case_id, method='POST' if rnd.random() < 0.5 else 'GET', path='/render', params=params)


# --finds: globs over the dataset's tree (vm, sys, app, hist, edge, _tagged), one node at a time
GLOB_NODES = [
    ['*', 'vm', 'sys', 'app', 'hist', 'edge', '_tagged', 'v*', '{vm,app}', '{sys,nomatch}', '[as]*', '?m', 'a?p', '[!v]*',
     'nomatch', '*m*', '{,v}m', 'VM', 'a[p-q]p'],
    ['*', 'cputotals', 'diskinfo', 'web01', 'db01', 'req', 'temp', 'load', 'c*', '*info', '{web01,db01}', 'web0[1-3]', 'web0?',
     '[!w]*', 'req*', '*.', '{req,temp}', '[a-c]*', '*[0-9]', 'dup', 'values'],
    ['*', 'user', 'cpu', 'mem', 'count', 'a', 'writekbs', '*s', '{user,sys}', 'u*r', '[ab]', 'kb*', '{cpu,mem}', '*[!a-z]*'],
    ['*', 'user', 'vda', '{vda,vdb}', 'u*', '[a-z]ser'],
]


def glob(depth=None):
    depth = depth or rnd.choice([1, 1, 2, 2, 3, 4])
    return '.'.join(rnd.choice(GLOB_NODES[i]) for i in range(depth))


def finds_case(case_id):
    if rnd.random() < 0.7:
        params = [['query', glob()]]
        fmt = rnd.choice([None, 'treejson', 'completer', 'json', 'nodelist'])  # pickle and msgpack are binary: record.py keeps text
        if fmt:
            params.append(['format', fmt])
        if fmt == 'nodelist' and rnd.random() < 0.7:
            params.append(['position', rnd.choice(['0', '1', '2', '-1', '5'])])
        if rnd.random() < 0.2:
            params.append(['wildcards', rnd.choice(['1', '0'])])
        if rnd.random() < 0.2:
            params.append(['leavesOnly', rnd.choice(['1', '0'])])
        if rnd.random() < 0.15:
            params += [['from', rnd.choice(['-1h', '-7d', '-40d'])], ['until', 'now']]
        if rnd.random() < 0.1:
            params.append(['jsonp', 'cb'])
        return dict(id=case_id, method=rnd.choice(['GET', 'GET', 'POST']), path='/metrics/find', params=params)
    params = [['query', glob()] for _ in range(rnd.choice([1, 1, 2]))]
    if rnd.random() < 0.4:
        params.append(['groupByExpr', rnd.choice(['1', '0'])])
    if rnd.random() < 0.4:
        params.append(['leavesOnly', rnd.choice(['1', '0'])])
    if rnd.random() < 0.1:
        params.append(['jsonp', 'cb'])
    return dict(id=case_id, method='GET', path='/metrics/expand', params=params)


# --images: graph images (render/glyph.py) of Grafana-shaped targets with random graph options, mostly svg
# (whose metadata is compared), some png, pdf and pie; record into DIR/image-cases.json and DIR/expected-images
GRAPH_OPTIONS = [
    ('width', lambda: str(rnd.choice([200, 330, 480, 640, 900]))), ('height', lambda: str(rnd.choice([150, 250, 300, 400]))),
    ('title', lambda: rnd.choice(['Disk', 'CPU load\nper node', 'x'])), ('vtitle', lambda: rnd.choice(['kB/s', 'percent'])),
    ('lineMode', lambda: rnd.choice(['slope', 'staircase', 'connected'])),
    ('areaMode', lambda: rnd.choice(['none', 'first', 'all', 'stacked'])), ('areaAlpha', lambda: rnd.choice(['0.5', '0.2', '1'])),
    ('yUnitSystem', lambda: rnd.choice(['si', 'binary', 'sec', 'msec', 'none', 'SI'])), ('logBase', lambda: rnd.choice(['10', '2', 'e'])),
    ('yMin', lambda: rnd.choice(['0', '-10', '5.5'])), ('yMax', lambda: rnd.choice(['100', 'max', '30', '0.5'])),
    ('yLimit', lambda: rnd.choice(['50', '20'])), ('yStep', lambda: rnd.choice(['5', '0.25', '10'])),
    ('yDivisors', lambda: rnd.choice(['4,5,6', '3', '2,7'])), ('minorY', lambda: rnd.choice(['0', '1', '3'])),
    ('hideLegend', lambda: rnd.choice(['true', 'false'])), ('hideAxes', lambda: 'true'), ('hideGrid', lambda: 'true'),
    ('hideYAxis', lambda: 'true'), ('hideXAxis', lambda: 'true'), ('graphOnly', lambda: 'true'),
    ('drawNullAsZero', lambda: 'true'), ('fontSize', lambda: rnd.choice(['8', '12', '16'])), ('margin', lambda: rnd.choice(['0', '25'])),
    ('yAxisSide', lambda: 'right'), ('uniqueLegend', lambda: 'true'), ('hideNullFromLegend', lambda: 'true'),
    ('minXStep', lambda: rnd.choice(['0', '2', '10'])), ('connectedLimit', lambda: rnd.choice(['1', '5'])),
    ('colorList', lambda: rnd.choice(['red,blue', 'ff0000,00ff0080,green'])), ('lineWidth', lambda: rnd.choice(['2', '0.5'])),
    ('tz', lambda: rnd.choice(['Europe/Berlin', 'America/New_York'])), ('fgcolor', lambda: 'white'), ('bgcolor', lambda: '202020'),
    ('leftWidth', lambda: '3'), ('rightColor', lambda: 'red'), ('rightDashed', lambda: '4'), ('yMaxRight', lambda: '100'),
]
GRAPH_WRAPPERS = ['secondYAxis(%s)', 'color(%s,"purple")', 'dashed(%s)', 'stacked(%s)', 'alpha(%s,0.3)',
                  'lineWidth(%s,3)', 'drawAsInfinite(%s)', 'aliasByNode(%s,1)', 'highestMax(%s,2)']


def image_case(case_id):
    frm, until, pool = rnd.choice(WINDOWS)
    targets = [call(pool, 0) if rnd.random() < 0.4 else rnd.choice(pool) for _ in range(rnd.choice([1, 1, 2, 3]))]
    targets = [rnd.choice(GRAPH_WRAPPERS) % t if rnd.random() < 0.3 else t for t in targets]
    params = [['target', t] for t in targets] + [['from', frm], ['until', until]]
    for name, value in rnd.sample(GRAPH_OPTIONS, rnd.choice([0, 1, 2, 3, 5])):
        params.append([name, value()])
    kind = rnd.random()
    if kind < 0.8:
        params.append(['format', 'svg'])
    elif kind < 0.9:
        # Pies of finite positive values only: a negative or infinite slice trips an assertion in cairo's arc, which
        # kills the recorder.
        pies = ['sys.*.cpu.user', 'absolute(app.temp.*)', 'hist.load.*', 'vm.cputotals.*', 'a:1', 'b:2.5', 'app.req.count']
        params = [p for p in params if p[0] != 'target'] + [['target', t] for t in rnd.sample(pies, rnd.choice([1, 2, 3]))]
        params += [['graphType', 'pie'], ['format', 'svg'], ['pieMode', rnd.choice(['average', 'maximum', 'minimum'])]]
    elif kind < 0.95:
        params.append(['format', 'pdf'])
    return dict(id=case_id, method=rnd.choice(['GET', 'POST']), path='/render', params=params)


if '--images' in sys.argv:
    FUNCS = [f for f in FUNCS if f in SIGS]
    json.dump([image_case('fzi%d_%04d' % (seed, i)) for i in range(count)], sys.stdout, indent=0)
    sys.exit(0)

if FINDS:
    json.dump([finds_case('fzf%d_%04d' % (seed, i)) for i in range(count)], sys.stdout, indent=0)
    sys.exit(0)

if TIMES:
    json.dump([times_case('fzd%d_%04d' % (seed, i)) for i in range(count)], sys.stdout, indent=0)
    sys.exit(0)

if TAGS:
    FUNCS = TAG_FUNCS
    cases = [tags_render_case('fzt%d_%04d' % (seed, i)) if rnd.random() < 0.6 else tags_api_case('fzt%d_%04d' % (seed, i))
             for i in range(count)]
    json.dump(cases, sys.stdout, indent=0)
    sys.exit(0)

cases = []
for i in range(count):
    frm, until, pool = rnd.choice(WINDOWS)
    ntargets = rnd.choice([1, 1, 1, 2])
    targets = [call(pool, 0) if rnd.random() < 0.9 else rnd.choice(pool) for _ in range(ntargets)]
    fmt = 'json'
    if FORMATS:
        fmt = rnd.choice(['csv', 'raw', 'dygraph', 'rickshaw', 'json'])
    params = [['target', t] for t in targets] + [['from', frm], ['until', until], ['format', fmt]]
    if FORMATS and rnd.random() < 0.2:
        params.append(['noNullPoints', 'true'])
    if rnd.random() < 0.6:
        params.append(['maxDataPoints', rnd.choice(['1000', '100', '1', '37', '1920'])])
    method = 'POST' if rnd.random() < 0.7 else 'GET'
    cases.append(dict(id='fz%d_%04d' % (seed, i), method=method, path='/render', params=params))
json.dump(cases, sys.stdout, indent=0)
