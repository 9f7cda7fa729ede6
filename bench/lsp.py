#!/usr/bin/env python3
"""The language server's latency and memory (bench/README.md):

  bench/lsp.py [HLRC]

On a weekly series of REPORTS reports (default 500, bench/gen-series.sh),
with the newest report open in `hlrc lsp`:

- didChange -> publishDiagnostics: EDITS edits (default 200) of the newest
  report, each misspelling a section keyword or putting it right, so that
  every edit changes the diagnostics and is published; the time from
  writing the didChange to reading its publishDiagnostics;
- completion: COMPLETIONS requests (default 200) after "== " and after
  "^previous#", from writing the request to reading its answer;
- the server's own CPU time per edit and per completion, which the
  load of the machine does not inflate as it does the latencies;
- memory: the server's resident set size (VmRSS) every MEM_STEP edits over
  MEM_EDITS edits (default 10,000, on a series of MEM_REPORTS reports,
  default 20, so that the run takes a minute, not an hour).

Prints percentiles in milliseconds and the RSS samples in MiB. Measures
only: nothing here fails on a number."""

import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "lsp"))
from client import Server, uri  # noqa: E402

HLRC = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/hlrc")


def env(name, default):
    return int(os.environ.get(name, default))


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


def summary(name, v):
    ms = [x * 1000 for x in v]
    print("%-34s n=%-6d p50 %7.2f  p90 %7.2f  p99 %7.2f  max %7.2f ms" %
          (name, len(ms), pct(ms, 50), pct(ms, 90), pct(ms, 99), max(ms)))


def series(n, tmp):
    d = os.path.join(tmp, "s%d" % n)
    subprocess.run(["sh", os.path.join(HERE, "gen-series.sh"), str(n), d], check=True)
    newest = sorted(f for f in os.listdir(d) if f != "series.hlr")[-1]
    return os.path.join(d, newest)


def keyword_line(text):
    lines = text.split("\n")
    return lines.index("== guidance")


def toggle(s, path, line, k):
    """Misspells the keyword (k even) or puts it right (k odd)."""
    s.change(path, [{"range": {"start": {"line": line, "character": 9},
                               "end": {"line": line, "character": 10}},
                     "text": "s" if k % 2 == 0 else "c"}], version=k + 2)


def wait_publish(s, path):
    while True:
        m = s.read()
        if m.get("method") == "textDocument/publishDiagnostics" and \
                m["params"]["uri"] == uri(path):
            return m


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def cpu_seconds(pid):
    """User and system time the process has used."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    reports = env("REPORTS", 500)
    tmp = tempfile.mkdtemp(prefix="hlrc-bench-lsp-")
    try:
        path = series(reports, tmp)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        line = keyword_line(text)
        out = subprocess.run([HLRC, "--version"], capture_output=True, text=True).stdout
        print("# hlrc lsp: %s; %d reports (%d kB); load %s" % (
            out.split("\n")[0], reports,
            sum(os.path.getsize(os.path.join(os.path.dirname(path), f))
                for f in os.listdir(os.path.dirname(path))) // 1024,
            open("/proc/loadavg").read().split()[0]))
        s = Server(HLRC)
        s.initialize()
        t0 = time.perf_counter()
        s.open(path, text)
        wait_publish(s, path)
        print("%-34s %.1f ms" % ("didOpen -> publishDiagnostics", (time.perf_counter() - t0) * 1000))
        lat = []
        cpu0 = cpu_seconds(s.proc.pid)
        for k in range(env("EDITS", 200)):
            t0 = time.perf_counter()
            toggle(s, path, line, k)
            wait_publish(s, path)
            lat.append(time.perf_counter() - t0)
        summary("didChange -> publishDiagnostics", lat)
        print("%-34s %.1f ms per edit (the server's user + system time)" % (
            "  CPU", (cpu_seconds(s.proc.pid) - cpu0) * 1000 / len(lat)))
        # back to a clean text, then completions
        if env("EDITS", 200) % 2:
            toggle(s, path, line, 1)
            wait_publish(s, path)
        ref = text.split("\n")
        rl = next(i for i, l in enumerate(ref) if "^previous#" in l)
        rc = ref[rl].index("^previous#") + len("^previous#")
        for name, pos in (("completion after '== '", (line, 3)),
                          ("completion after '^previous#'", (rl, rc))):
            lat = []
            for _ in range(env("COMPLETIONS", 200)):
                t0 = time.perf_counter()
                s.at("textDocument/completion", path, pos[0], pos[1])
                lat.append(time.perf_counter() - t0)
            summary(name, lat)
        cpu0 = cpu_seconds(s.proc.pid)
        for _ in range(500):
            s.at("textDocument/completion", path, line, 3)
        print("%-34s %.2f ms per completion (the server's user + system time)" % (
            "  CPU", (cpu_seconds(s.proc.pid) - cpu0) * 1000 / 500))
        print("%-34s %.1f MiB" % ("server RSS after the edits", rss_mib(s.proc.pid)))
        s.close()

        # memory over many edits
        mreports = env("MEM_REPORTS", 20)
        edits = env("MEM_EDITS", 10000)
        step = env("MEM_STEP", 1000)
        path = series(mreports, tmp)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        line = keyword_line(text)
        s = Server(HLRC)
        s.initialize()
        s.open(path, text)
        wait_publish(s, path)
        samples = [(0, rss_mib(s.proc.pid))]
        t0 = time.perf_counter()
        for k in range(edits):
            toggle(s, path, line, k)
            wait_publish(s, path)
            if (k + 1) % step == 0:
                samples.append((k + 1, rss_mib(s.proc.pid)))
        took = time.perf_counter() - t0
        s.close()
        print("# RSS over %d edits of a %d-report series (%.1f s): " % (edits, mreports, took) +
              ", ".join("%d: %.1f" % x for x in samples) + " MiB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
