#!/bin/bash
# Bounded abusive-query loop (README "Reliability tests"): bench/abusive-queries.sh HTTP_PORT ROUNDS sends, per round,
# *.*.*.* over a year, an aliasSub with a backtracking-prone regex over a year, and one 1,000-target POST.
H=http://127.0.0.1:$1
T=$(for i in $(seq 1000); do printf 'target=node%04d.cpuinfo.user.0&' $((i % 20)); done)
for r in $(seq "$2"); do
  curl -s -o /dev/null -w '%{http_code} ' --max-time 60 "$H/render?target=*.*.*.*&from=-365d&format=json"
  curl -s -o /dev/null -w '%{http_code} ' --max-time 60 "$H/render?target=aliasSub(*.*.*,'(a%7Caa%7Cc%7Ccc%7Cp%7Cpp)%2B%24','x')&from=-365d&format=json"
  curl -s -o /dev/null -w '%{http_code}\n' --max-time 60 --data "${T}from=-365d&format=json" "$H/render"
done
