# A stand-in OTLP/HTTP collector for overhead measurements: answers every export with 200 and logs its size.
# Usage: python3 bench/otlp-sink.py PORT
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    count = 0
    def do_POST(self):
        n = int(self.headers.get('Content-Length') or 0)
        self.rfile.read(n)
        H.count += 1
        self.send_response(200); self.send_header('Content-Type','application/x-protobuf'); self.send_header('Content-Length','0'); self.end_headers()
        sys.stderr.write("export %d bytes=%d path=%s\n" % (H.count, n, self.path)); sys.stderr.flush()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
