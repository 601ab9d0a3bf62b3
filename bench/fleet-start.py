#!/usr/bin/env python3
"""Freshness through a fleet's first seconds, sampled every --every seconds (bench/fleet-start.sh runs it).

On its own TCP connection it writes one marker point every --every seconds for --seconds, each to a series of
its own (fleetstart.probe.<n>, so markers need not be a second apart as tsdb-loadgen's probe's are), without
waiting for earlier markers to show; three HTTP connections poll /render for every marker not yet seen. A
marker's delay is from its send to the first answer holding it. Sent while a backlog builds and drains, the
markers draw its whole profile: the slowest is the backlog's peak, wherever it falls within the second.

Prints one line: "max_ms=... median_ms=... over_1s=K markers=N delays=d1 d2 ...".
"""
import argparse
import http.client
import json
import socket
import statistics
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("--line-port", type=int, required=True)
parser.add_argument("--http-port", type=int, required=True)
parser.add_argument("--seconds", type=float, default=4)
parser.add_argument("--every", type=float, default=0.1)
args = parser.parse_args()

sender = socket.create_connection(("127.0.0.1", args.line_port))
sender.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
sent, seen = {}, {}
lock = threading.Lock()
sending = True


def visible(body: bytes) -> bool:
    answer = json.loads(body)
    return bool(answer) and any(value is not None for value, _ in answer[0]["datapoints"])


def poll(worker: int, workers: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", args.http_port, timeout=60)
    while True:
        with lock:
            pending = [n for n in sent if n not in seen and n % workers == worker]
            done = not sending
        if not pending and done:
            return
        for n in pending:
            connection.request("GET", f"/render?target=fleetstart.probe.{n}&from=-300s&until=now&format=json")
            if visible(connection.getresponse().read()):
                with lock:
                    seen[n] = time.monotonic()
        time.sleep(0.003)


pollers = [threading.Thread(target=poll, args=(k, 3)) for k in range(3)]
for thread in pollers:
    thread.start()
start = time.monotonic()
n = 0
while time.monotonic() - start < args.seconds:
    sender.sendall(f"fleetstart.probe.{n} 1 {int(time.time())}\n".encode())
    with lock:
        sent[n] = time.monotonic()
    n += 1
    time.sleep(max(0.0, start + n * args.every - time.monotonic()))
sending = False
for thread in pollers:
    thread.join()
delays = [(seen[i] - sent[i]) * 1000 for i in sorted(sent)]
print(f"max_ms={max(delays):.0f} median_ms={statistics.median(delays):.0f} over_1s={sum(d > 1000 for d in delays)} "
      f"markers={len(delays)} delays=" + " ".join(f"{d:.0f}" for d in delays))
