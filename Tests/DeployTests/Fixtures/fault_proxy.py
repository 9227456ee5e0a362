"""A tiny HTTP proxy in front of moto_server that injects faults into object uploads (PUT).

Usage: fault_proxy.py LISTEN_PORT UPSTREAM_PORT MODE AFTER TIMES
  MODE   500  answer PUTs with HTTP 500 InternalError
         drop close the connection without an answer
  AFTER  number of PUTs passed through untouched before faults start
  TIMES  number of PUTs to fault (-1: every later PUT)
Prints "ready" once listening. Counts go to stderr when it stops.
"""
import http.client
import socketserver
import sys
import threading
from http.server import BaseHTTPRequestHandler

listen, upstream, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
after, times = int(sys.argv[4]), int(sys.argv[5])
lock = threading.Lock()
state = {"puts": 0, "faulted": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.command == "PUT":
            with lock:
                state["puts"] += 1
                fault = state["puts"] > after and (times < 0 or state["faulted"] < times)
                if fault:
                    state["faulted"] += 1
            if fault and mode == "drop":
                self.close_connection = True
                self.connection.close()
                return
            if fault:
                payload = b"<?xml version='1.0'?><Error><Code>InternalError</Code><Message>injected</Message></Error>"
                self.send_response(500)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
        conn = http.client.HTTPConnection("127.0.0.1", upstream, timeout=60)
        headers = {k: v for k, v in self.headers.items()}
        conn.request(self.command, self.path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        self.send_response(response.status)
        for k, v in response.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        conn.close()

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = forward


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True


with Server(("127.0.0.1", listen), Handler) as server:
    print("ready", flush=True)
    server.serve_forever()
