"""A scripted LSP client for the tests of `hlrc lsp` (python3 standard
library only): it starts the server, writes framed JSON-RPC messages to it
and reads what it answers, with a timeout so that a server that hangs fails
the test instead of the suite."""

import json
import os
import select
import subprocess
import urllib.parse

TIMEOUT = float(os.environ.get("LSP_TIMEOUT", "20"))


class ServerError(Exception):
    pass


def uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


class Server:
    def __init__(self, hlrc, cwd=None, env=None):
        self.proc = subprocess.Popen([hlrc, "lsp"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     cwd=cwd, env=env)
        self.buf = b""
        self.next_id = 0
        self.notes = []  # notifications read, in order

    # --- the wire -------------------------------------------------------

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, obj):
        body = json.dumps(obj).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _fill(self):
        r, _, _ = select.select([self.proc.stdout], [], [], TIMEOUT)
        if not r:
            raise ServerError("no answer in %gs" % TIMEOUT)
        chunk = os.read(self.proc.stdout.fileno(), 65536)
        if not chunk:
            raise ServerError("the server closed its output")
        self.buf += chunk

    def read(self):
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        length = None
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length is None:
            raise ServerError("a message without Content-Length: %r" % head)
        while len(self.buf) < length:
            self._fill()
        body, self.buf = self.buf[:length], self.buf[length:]
        return json.loads(body)

    # --- messages -------------------------------------------------------

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def response(self, rid):
        """Reads until the response to rid; notifications are kept."""
        while True:
            msg = self.read()
            if "method" in msg and "id" not in msg:
                self.notes.append(msg)
                continue
            if msg.get("id") != rid:
                raise ServerError("expected the response to %r, read %r" % (rid, msg))
            return msg

    def request_full(self, method, params=None):
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.response(self.next_id)

    def request(self, method, params=None):
        msg = self.request_full(method, params)
        if "error" in msg:
            raise ServerError("%s: %r" % (method, msg["error"]))
        return msg["result"]

    def sync(self):
        """Every notification the server sent before now (it answers in
        order: what an earlier message caused comes first)."""
        self.request_full("hlrc/sync")
        notes, self.notes = self.notes, []
        return notes

    def initialize(self, encodings=None):
        caps = {}
        if encodings:
            caps["general"] = {"positionEncodings": encodings}
        res = self.request("initialize", {"processId": None, "rootUri": None,
                                          "capabilities": caps})
        self.notify("initialized", {})
        return res

    def open(self, path, text=None):
        if text is None:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri(path), "languageId": "hlr", "version": 1, "text": text}})

    def change(self, path, changes, version=2):
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(path), "version": version},
            "contentChanges": changes})

    def at(self, method, path, line, character, **extra):
        params = {"textDocument": {"uri": uri(path)},
                  "position": {"line": line, "character": character}}
        params.update(extra)
        return self.request(method, params)

    def close(self):
        """shutdown, exit: the exit status, which must be 0 (under
        valgrind, 99 is an error it found: shown with what it said)."""
        self.request("shutdown")
        self.notify("exit")
        status = self.wait()
        if status != 0:
            raise ServerError("exit status %d after shutdown and exit:\n%s" % (
                status, self.proc.stderr.read().decode(errors="replace")))
        return status

    def wait(self):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        return self.proc.wait(timeout=TIMEOUT)


def diagnostics(notes):
    """uri -> the last diagnostics published for it among notes."""
    out = {}
    for n in notes:
        if n["method"] == "textDocument/publishDiagnostics":
            out[n["params"]["uri"]] = n["params"]["diagnostics"]
    return out
