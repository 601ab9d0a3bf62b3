#!/usr/bin/env python3
"""An HTTP/1.1 server that does no work: every request on every connection (kept alive) is answered at once with
the same 200 and the bytes of BODY_FILE as application/json. Measured by a client, it gives that client's own
floor per request for an answer of that size: no server can answer faster by that client, so it bounds the ratio
any server can show against another by it. Manual tool for bench/panels-vs-graphite.sh (not run by CI).

    fixed-answer-server.py PORT BODY_FILE
"""
import socket
import socketserver
import sys


class FixedAnswer(socketserver.BaseRequestHandler):
    def handle(self):
        try:
            self.answer_requests()
        except ConnectionError:
            pass  # the client went away (wrk resets its connections when its time is up)

    def answer_requests(self):
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        pending = b''
        while True:
            while b'\r\n\r\n' not in pending:
                data = self.request.recv(65536)
                if not data:
                    return
                pending += data
            head, pending = pending.split(b'\r\n\r\n', 1)
            length = 0
            for line in head.split(b'\r\n')[1:]:
                name, _, value = line.partition(b':')
                if name.strip().lower() == b'content-length':
                    length = int(value)
            while len(pending) < length:
                data = self.request.recv(65536)
                if not data:
                    return
                pending += data
            pending = pending[length:]
            self.request.sendall(self.server.answer)


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    port, body_file = int(sys.argv[1]), sys.argv[2]
    with open(body_file, 'rb') as f:
        body = f.read()
    with Server(('127.0.0.1', port), FixedAnswer) as server:
        server.answer = (b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n' % len(body)) + body
        server.serve_forever()


if __name__ == '__main__':
    main()
