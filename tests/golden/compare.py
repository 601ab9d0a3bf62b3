#!/usr/bin/env python3
"""Replay tests/golden/cases.json against a running server and diff with tests/golden/expected/.

    python3 tests/golden/compare.py http://127.0.0.1:8080            # all cases
    python3 tests/golden/compare.py http://127.0.0.1:8080 -k fn_ -v  # ids containing "fn_", show diffs

The server must hold the golden dataset (collectl fixture + dataset/synthetic.txt ingested with its
clock at NOW = 1795730400) and should run with its clock fixed at NOW (a few cases omit `now=`).
Standard library only; any python3 >= 3.8.

Rules (same as the xunit test should apply):
 * status must be equal.
 * expected status 500: nothing else compared (graphite-web's body is its HTML traceback page).
 * content type: the media type (before ';') must be equal; parameters (charset) are ignored.
 * JSON bodies (application/json, and text/javascript JSONP `cb(...)`, wrapper compared exactly):
   compared structurally - dict key order ignored, list order significant, numbers equal if
   |a-b| <= 1e-9 * max(|a|,|b|) (inf == inf; int 0 == float 0.0), bools are not numbers,
   keys listed in the case's "ignore_keys" are ignored at every depth (e.g. TagDB ids).
 * every other body (csv, raw, text/html 400 messages, ...): exact text.
Exit status 0 if all compared cases pass, 1 otherwise.
"""
import argparse
import json
import math
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REL_TOL = 1e-9


def do_request(base, case, timeout):
    method = case.get("method", "GET").upper()
    params = [tuple(kv) for kv in case.get("params", [])]
    headers = dict(case.get("headers", {}))
    if method == "GET":
        url = base + case["path"] + ("?" + urllib.parse.urlencode(params) if params else "")
        data = None
    else:
        query = [tuple(kv) for kv in case.get("query", [])]
        url = base + case["path"] + ("?" + urllib.parse.urlencode(query) if query else "")
        body = case["raw_body"] if "raw_body" in case else urllib.parse.urlencode(params)
        data = body.encode("utf-8")
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8", "replace")


def media_type(ct):
    return ct.split(";")[0].strip().lower()


def is_json_type(ct):
    return media_type(ct) in ("application/json", "text/javascript")


def split_jsonp(text):
    """'cb([...])' -> ('cb(', '[...]', ')'); plain JSON -> ('', text, '')."""
    s = text.strip()
    if s[:1] in "[{\"" or s[:1].isdigit() or s[:1] == "-" or s in ("null", "true", "false"):
        return "", s, ""
    i = s.find("(")
    if i > 0 and s.endswith(")"):
        return s[:i + 1], s[i + 1:-1], ")"
    return "", s, ""


def num_equal(a, b):
    if math.isinf(a) or math.isinf(b) or math.isnan(a) or math.isnan(b):
        return a == b or (math.isnan(a) and math.isnan(b))
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b))


def diff(exp, got, path, ignore):
    """Return None if equal, else a short description of the first difference."""
    if isinstance(exp, bool) or isinstance(got, bool):
        return None if (type(exp) is type(got) and exp == got) else "%s: expected %r, got %r" % (path, exp, got)
    if isinstance(exp, (int, float)) and isinstance(got, (int, float)):
        return None if num_equal(float(exp), float(got)) else "%s: expected %r, got %r" % (path, exp, got)
    if type(exp) is not type(got):
        return "%s: expected %s %r, got %s %r" % (path, type(exp).__name__, short(exp), type(got).__name__, short(got))
    if isinstance(exp, dict):
        ek = set(exp) - ignore
        gk = set(got) - ignore
        if ek != gk:
            return "%s: keys differ: missing %s, unexpected %s" % (path, sorted(ek - gk), sorted(gk - ek))
        for k in exp:
            if k in ignore:
                continue
            d = diff(exp[k], got[k], "%s.%s" % (path, k), ignore)
            if d:
                return d
        return None
    if isinstance(exp, list):
        for i, (e, g) in enumerate(zip(exp, got)):
            d = diff(e, g, "%s[%d]" % (path, i), ignore)
            if d:
                return d
        if len(exp) != len(got):
            return "%s: expected %d elements, got %d (first extra/missing: %s)" % (
                path, len(exp), len(got), short(exp[len(got)] if len(exp) > len(got) else got[len(exp)]))
        return None
    return None if exp == got else "%s: expected %r, got %r" % (path, short(exp), short(got))


def short(v, n=120):
    s = json.dumps(v) if not isinstance(v, str) else repr(v)
    return s if len(s) <= n else s[:n] + "..."


def compare(case, expected, status, ctype, body):
    if status != expected["status"]:
        extra = ""
        if status >= 400 or expected["status"] >= 400:
            extra = " (body: %s)" % short(body[:300])
        return "status: expected %d, got %d%s" % (expected["status"], status, extra)
    if expected["status"] == 500:
        return None
    if media_type(ctype) != media_type(expected["content_type"]):
        return "content type: expected %r, got %r" % (expected["content_type"], ctype)
    if is_json_type(expected["content_type"]):
        ew, etext, ee = split_jsonp(expected["body"])
        gw, gtext, ge = split_jsonp(body)
        if (ew, ee) != (gw, ge):
            return "JSONP wrapper: expected %r...%r, got %r...%r" % (ew, ee, gw, ge)
        try:
            exp = json.loads(etext)
        except ValueError:
            return None if etext == gtext else "body (expected is not JSON) differs"
        try:
            got = json.loads(gtext)
        except ValueError as e:
            return "body is not valid JSON (%s): %s" % (e, short(body[:200]))
        return diff(exp, got, "$", set(case.get("ignore_keys", [])))
    if body != expected["body"]:
        for i, (a, b) in enumerate(zip(expected["body"], body)):
            if a != b:
                break
        else:
            i = min(len(body), len(expected["body"]))
        return "text differs at char %d: expected %r, got %r" % (
            i, expected["body"][max(0, i - 20):i + 40], body[max(0, i - 20):i + 40])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base_url", help="e.g. http://127.0.0.1:8080 (no trailing slash needed)")
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.json"))
    ap.add_argument("--expected", default=os.path.join(HERE, "expected"))
    ap.add_argument("-k", dest="filter", action="append", help="only case ids containing this (repeatable)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the note of failing cases")
    ap.add_argument("--timeout", type=float, default=30.0)
    args = ap.parse_args()
    base = args.base_url.rstrip("/")

    with open(args.cases) as fh:
        cases = json.load(fh)
    passed, failed, missing = [], [], []
    for case in cases:
        cid = case["id"]
        if args.filter and not any(f in cid for f in args.filter):
            continue
        ef = os.path.join(args.expected, cid + ".json")
        if not os.path.exists(ef):
            missing.append(cid)
            print("SKIP %s (no expected file)" % cid)
            continue
        with open(ef) as fh:
            expected = json.load(fh)
        try:
            status, ctype, body = do_request(base, case, args.timeout)
            problem = compare(case, expected, status, ctype, body)
        except Exception as e:  # connection refused, timeout, ...
            problem = "request failed: %s: %s" % (type(e).__name__, e)
        if problem:
            failed.append(cid)
            print("FAIL %s: %s" % (cid, problem))
            if args.verbose and case.get("note"):
                print("     note: %s" % case["note"])
        else:
            passed.append(cid)
            print("PASS %s" % cid)
    print("\n%d passed, %d failed, %d skipped (of %d cases)" % (len(passed), len(failed), len(missing), len(cases)))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
