#!/bin/bash
# Bounded abusive-query loop (README "Reliability tests"): bench/abusive-queries.sh HTTP_PORT ROUNDS [PAUSE] sends, per round,
# *.*.*.* over a year, an aliasSub with a backtracking-prone regex over a year, and one 1,000-target POST.
# PAUSE (seconds, default 0) is slept after each request: without it the loop is closed, so the cheaper the
# refusals the more requests (and curl processes) it runs on the same cores.
H=http://127.0.0.1:$1
P=${3:-0}
pause() { [ "$P" = 0 ] || sleep "$P"; }
T=$(for i in $(seq 1000); do printf 'target=node%04d.cpuinfo.user.0&' $((i % 20)); done)
for r in $(seq "$2"); do
  curl -s -o /dev/null -w '%{http_code} ' --max-time 60 "$H/render?target=*.*.*.*&from=-365d&format=json"; pause
  curl -s -o /dev/null -w '%{http_code} ' --max-time 60 "$H/render?target=aliasSub(*.*.*,'(a%7Caa%7Cc%7Ccc%7Cp%7Cpp)%2B%24','x')&from=-365d&format=json"; pause
  curl -s -o /dev/null -w '%{http_code}\n' --max-time 60 --data "${T}from=-365d&format=json" "$H/render"; pause
done
