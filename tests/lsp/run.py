#!/usr/bin/env python3
"""Scripted sessions with `hlrc lsp`, one per feature: each sends what a
client sends and compares the answers with what they must be.
Usage: tests/lsp/run.py build/hlrc   (prints "N passed, N failed")."""

import json
import os
import shutil
import sys
import tempfile
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Server, ServerError, diagnostics, uri  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HLRC = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/hlrc")
SERIES = os.path.join(ROOT, "examples", "covid-weekly")

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


class Failure(Exception):
    pass


def eq(got, want, what):
    if got != want:
        raise Failure("%s:\n  got  %s\n  want %s" % (what, json.dumps(got, sort_keys=True),
                                                      json.dumps(want, sort_keys=True)))


def rng(l1, c1, l2, c2):
    return {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}


def snapshot(d):
    """Every file under d with its bytes and modification time."""
    out = {}
    for base, _, files in os.walk(d):
        for f in files:
            p = os.path.join(base, f)
            with open(p, "rb") as fh:
                out[p] = (fh.read(), os.stat(p).st_mtime_ns)
    return out


def series_copy(tmp):
    d = os.path.join(tmp, "weekly")
    shutil.copytree(SERIES, d)
    return d


def line_of(path, needle):
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f.read().split("\n")):
            if needle in line:
                return i, line.index(needle)
    raise Failure("%r not in %s" % (needle, path))


# --- 1. lifecycle, framing, errors ---------------------------------------------


@test
def lifecycle(tmp):
    s = Server(HLRC)
    caps = s.initialize()["capabilities"]
    eq(caps["positionEncoding"], "utf-16", "the default position encoding")
    eq(caps["textDocumentSync"], {"openClose": True, "change": 2}, "text sync")
    eq(s.request_full("shutdown")["result"], None, "shutdown's result")
    eq(s.request_full("textDocument/hover", {})["error"]["code"], -32600,
       "a request after shutdown")
    s.notify("exit")
    eq(s.wait(), 0, "exit after shutdown")


@test
def usage(tmp):
    import subprocess
    r = subprocess.run([HLRC, "lsp", "x.hlr"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    eq((r.returncode, r.stdout, "unexpected argument 'x.hlr'" in r.stderr), (2, "", True),
       "an argument is a usage error")
    r = subprocess.run([HLRC, "lsp", "--help"], capture_output=True, text=True)
    eq((r.returncode, "Language Server Protocol" in r.stdout), (0, True), "--help")


@test
def exit_without_shutdown(tmp):
    s = Server(HLRC)
    s.initialize()
    s.notify("exit")
    eq(s.wait(), 1, "exit without shutdown")


@test
def end_of_input_closes(tmp):
    s = Server(HLRC)
    s.initialize()
    eq(s.wait(), 1, "the status when the client goes away")


@test
def utf8_negotiated(tmp):
    s = Server(HLRC)
    caps = s.initialize(["utf-8", "utf-16"])["capabilities"]
    eq(caps["positionEncoding"], "utf-8", "utf-8 when offered")
    s.close()
    s = Server(HLRC)
    caps = s.initialize(["utf-32", "utf-16"])["capabilities"]
    eq(caps["positionEncoding"], "utf-16", "utf-16 when utf-8 is not offered")
    s.close()


@test
def before_initialize(tmp):
    s = Server(HLRC)
    eq(s.request_full("textDocument/hover", {})["error"]["code"], -32002,
       "a request before initialize")
    s.initialize()
    eq(s.close(), 0, "exit status")


@test
def malformed_messages(tmp):
    s = Server(HLRC)
    s.initialize()
    s.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    m = s.read()
    eq((m["id"], m["error"]["code"]), (None, -32700), "a body that is not JSON")
    s.send_raw(b"Content-Type: x\r\n\r\n")
    m = s.read()
    eq((m["id"], m["error"]["code"]), (None, -32700), "a header without Content-Length")
    s.send_raw(b"Content-Length: 3\r\n\r\n[1]")
    m = s.read()
    eq((m["id"], m["error"]["code"]), (None, -32600), "JSON that is no request")
    s.send({"jsonrpc": "2.0", "id": 7, "method": "no/such/method"})
    m = s.read()
    eq((m["id"], m["error"]["code"]), (7, -32601), "an unknown method")
    s.notify("no/such/notification")
    # and it goes on
    eq(s.request("shutdown"), None, "shutdown after the errors")
    s.notify("exit")
    eq(s.wait(), 0, "exit")


@test
def writes_nothing(tmp):
    d = series_copy(tmp)
    before = snapshot(d)
    s = Server(HLRC, cwd=d)
    s.initialize()
    p = os.path.join(d, "2020-07-03.hlr")
    s.open(p)
    s.change(p, [{"text": "period week ending 2020-07-03\n\n== guidanse\nnone\n"}])
    s.request("textDocument/formatting", {"textDocument": {"uri": uri(p)},
                                          "options": {"tabSize": 4, "insertSpaces": True}})
    s.close()
    eq(snapshot(d) == before, True, "the folder is as it was")
    eq(sorted(os.listdir(d)), sorted(os.listdir(SERIES)), "no file added")


# --- 2. diagnostics and quick fixes ---------------------------------------------

TYPO = "title  T\nperiod month 2020-11\n\n== guidanse\n- One.\n"


@test
def diagnostics_on_open_and_change(tmp):
    p = os.path.join(tmp, "lone.hlr")
    s = Server(HLRC)
    s.initialize()
    s.open(p, TYPO)
    d = diagnostics(s.sync())[uri(p)]
    eq(len(d), 1, "one diagnostic")
    eq(d[0]["range"], rng(3, 3, 3, 11), "its range")
    eq((d[0]["severity"], d[0]["code"], d[0]["source"]), (1, "unknown-section", "hlrc"),
       "severity, code, source")
    # incremental: guidanse -> guidance
    s.change(p, [{"range": rng(3, 9, 3, 10), "text": "c"}])
    eq(diagnostics(s.sync()), {uri(p): []}, "cleared after the fix")
    # full text
    s.change(p, [{"text": TYPO}], version=3)
    eq(len(diagnostics(s.sync())[uri(p)]), 1, "again after a full change")
    # an unchanged check publishes nothing new
    s.change(p, [{"text": TYPO}], version=4)
    eq(diagnostics(s.sync()), {}, "nothing sent when nothing changed")
    s.close()


@test
def diagnostics_across_the_series(tmp):
    d = series_copy(tmp)
    old = os.path.join(d, "2020-06-26.hlr")
    new = os.path.join(d, "2020-07-03.hlr")
    s = Server(HLRC)
    s.initialize()
    s.open(new)
    s.open(old)
    eq(diagnostics(s.sync()), {uri(new): [], uri(old): []}, "both clean")
    line, col = line_of(old, "{#ppe-guidance-released}")
    s.change(old, [{"range": rng(line, col, line, col + 24), "text": ""}])
    got = diagnostics(s.sync())
    eq(list(got), [uri(new)], "only the report that refers to the id changes")
    g = got[uri(new)]
    eq([(x["code"], x["range"]) for x in g], [("unknown-id", rng(9, 36, 9, 67))],
       "the dangling reference in the later report")
    eq(g[0]["relatedInformation"],
       [{"location": {"uri": uri(old), "range": rng(0, 0, 0, 0)}, "message": "that report"}],
       "the note as related information")
    s.change(old, [{"range": rng(line, col, line, col), "text": "{#ppe-guidance-released}"}])
    eq(diagnostics(s.sync()), {uri(new): []}, "cleared when the id is back")
    s.close()


@test
def related_information(tmp):
    p = os.path.join(tmp, "dup.hlr")
    s = Server(HLRC)
    s.initialize()
    s.open(p, "title T\nperiod month 2020-11\n\n== guidance\n- A. {#x}\n- B. {#x}\n")
    d = diagnostics(s.sync())[uri(p)]
    eq([(x["code"], x["range"]) for x in d], [("duplicate-id", rng(5, 7, 5, 8))], "duplicate id")
    eq(d[0]["relatedInformation"],
       [{"location": {"uri": uri(p), "range": rng(4, 7, 4, 8)}, "message": "first used here"}],
       "where it was first used")
    s.close()


@test
def quick_fix(tmp):
    p = os.path.join(tmp, "lone.hlr")
    s = Server(HLRC)
    s.initialize()
    s.open(p, TYPO)
    d = diagnostics(s.sync())[uri(p)]
    acts = s.request("textDocument/codeAction", {
        "textDocument": {"uri": uri(p)}, "range": rng(3, 4, 3, 4),
        "context": {"diagnostics": d}})
    eq(len(acts), 1, "one action")
    eq((acts[0]["kind"], acts[0]["diagnostics"], acts[0]["isPreferred"]), ("quickfix", d, True),
       "a preferred quick fix for the diagnostic")
    eq(acts[0]["edit"], {"changes": {uri(p): [{"range": rng(3, 3, 3, 11),
                                               "newText": "guidance"}]}}, "its edit")
    eq(s.request("textDocument/codeAction", {
        "textDocument": {"uri": uri(p)}, "range": rng(0, 0, 0, 1),
        "context": {"diagnostics": []}}), [], "none elsewhere")
    s.close()


@test
def utf16_and_utf8_columns(tmp):
    # U+1F600 is 4 bytes, 2 UTF-16 units; "é" 2 bytes, 1 unit
    text = "title T\nperiod month 2020-11\n\n== guidance\n- \U0001F600é [x](^nope#a)\n"
    for enc, col in ((None, 10), (["utf-8"], 13)):
        p = os.path.join(tmp, "emoji.hlr")
        s = Server(HLRC)
        s.initialize(enc)
        s.open(p, text)
        d = diagnostics(s.sync())[uri(p)]
        eq([(x["code"], x["range"]) for x in d], [("no-previous", rng(4, col, 4, col + 7))],
           "the reference's columns in %s" % (enc or "utf-16"))
        # an edit at those positions lands on the reference
        s.change(p, [{"range": rng(4, col, 4, col + 7), "text": "ok"}])
        eq(diagnostics(s.sync()), {uri(p): []}, "edited in place (%s)" % (enc or "utf-16"))
        s.close()


# --- 3. completion and hover -----------------------------------------------------


def labels(res):
    return [i["label"] for i in res["items"]]


@test
def completion(tmp):
    d = series_copy(tmp)
    new = os.path.join(d, "2020-07-03.hlr")
    s = Server(HLRC)
    s.initialize()
    text = open(new, encoding="utf-8").read()
    s.open(new, text)
    s.sync()
    res = s.at("textDocument/completion", new, 7, 4)
    eq(labels(res)[:3], ["guidance", "challenges", "recovery"], "section keywords")
    eq(res["items"][0]["detail"], "NEW GUIDANCE AND IMPACT", "with their headings")
    eq(res["items"][0]["textEdit"]["range"], rng(7, 3, 7, 11), "replacing the keyword")
    res = s.at("textDocument/completion", new, 22, 3)
    eq([(i["label"], i["detail"]) for i in res["items"]],
       [("CCC", "Cambridgeshire County Council"), ("PCC", "Peterborough City Council")],
       "authority tags")
    # ids after ^previous#
    line, col = line_of(new, "^previous#")
    res = s.at("textDocument/completion", new, line, col + 10)
    eq("ppe-guidance-released" in labels(res), True, "ids of the previous report")
    eq(res["items"][0]["textEdit"]["range"]["start"], {"line": line, "character": col + 10},
       "replacing the id")
    # ids after ^2020-06-26#, and report names after ^
    s.change(new, [{"range": rng(line, col + 1, line, col + 9), "text": "2020-06-26"}])
    s.sync()
    res = s.at("textDocument/completion", new, line, col + 12)
    eq("ppe-guidance-released" in labels(res), True, "ids after ^PERIOD#")
    res = s.at("textDocument/completion", new, line, col + 1)
    eq(labels(res), ["previous", "2020-06-26"], "earlier reports after ^")
    # periods after "period": the next one of the cadence first
    pl, pc = line_of(new, "period ")
    res = s.at("textDocument/completion", new, pl, pc + 7)
    eq(labels(res)[0], "week ending 2020-07-03", "the next period first")
    eq(res["items"][0].get("preselect"), True, "preselected")
    # header fields at the start of a header line
    res = s.at("textDocument/completion", new, pl, 0)
    eq({"title", "period", "authority", "cadence"} <= set(labels(res)), True, "header fields")
    s.close()


@test
def completion_status_metrics(tmp):
    d = os.path.join(tmp, "prince2")
    shutil.copytree(os.path.join(ROOT, "examples", "prince2-project"), d)
    rep = os.path.join(d, "2018-04-03.hlr")
    s = Server(HLRC)
    s.initialize()
    text = open(rep, encoding="utf-8").read()
    lines = text.split("\n")
    s.open(rep, text)
    s.sync()
    scale = ["red", "amber", "green", "blue"]
    dims = ["time", "cost", "scope", "quality", "risk", "benefits"]
    # "status " in the header: the scale, then the declared dimensions
    res = s.at("textDocument/completion", rep, 1, 7)
    eq(labels(res), scale + dims, "status values and dimensions in the header")
    eq([i["detail"] for i in res["items"][:4]], ["Red", "Amber", "Green", "Complete"],
       "with their labels")
    eq(res["items"][0]["kind"], 20, "a status is an enum member")
    # "status time " in the header: the scale only
    res = s.at("textDocument/completion", rep, 2, 12)
    eq(labels(res), scale, "status values after a dimension")
    eq(res["items"][0]["textEdit"]["range"], rng(2, 12, 2, 17), "replacing the value")
    # "status cost amber: " has its value: nothing in the reason
    res = s.at("textDocument/completion", rep, 3, 19)
    eq(labels(res), [], "nothing after a value")
    # an item's indented status line: the scale only
    il = lines.index("  status complete")
    res = s.at("textDocument/completion", rep, il, 9)
    eq(labels(res), scale, "status values under an item")
    # metric keys at the start of a line of the metrics section
    ml = lines.index("defects 1")
    res = s.at("textDocument/completion", rep, ml, 0)
    eq(labels(res), ["defects", "spend", "schools", "coverage"], "metric keys")
    eq(res["items"][0]["detail"], "Open defects", "with their labels")
    eq(res["items"][0]["textEdit"]["range"], rng(ml, 0, ml, 7), "replacing the key")
    # ... and in the first cell of a table row there
    s.change(rep, [{"range": rng(ml, 0, ml, 0), "text": "| "}])
    s.sync()
    res = s.at("textDocument/completion", rep, ml, 2)
    eq(labels(res)[:1], ["defects"], "metric keys in a table row")
    # not at the start of a line of another section
    res = s.at("textDocument/completion", rep, lines.index("== lessons") + 2, 0)
    eq([i for i in labels(res) if i in ("defects", "spend")], [], "no metric keys elsewhere")
    s.close()


@test
def completion_declared_fields(tmp):
    d = os.path.join(tmp, "fields")
    os.mkdir(d)
    with open(os.path.join(d, "series.hlr"), "w") as f:
        f.write("title T\ncadence monthly\nfield sponsor \"Project sponsor\" person\n")
    rep = os.path.join(d, "2020-01.hlr")
    text = "period 2020-01\n\n== guidance\n- An item.\n"
    with open(rep, "w") as f:
        f.write(text)
    s = Server(HLRC)
    s.initialize()
    s.open(rep, text)
    s.sync()
    res = s.at("textDocument/completion", rep, 1, 0)
    got = [(i["label"], i.get("detail")) for i in res["items"]]
    eq(("sponsor", "Project sponsor") in got, True, "a declared field, with its label")
    eq(got.index(("sponsor", "Project sponsor")) > labels(res).index("period"), True,
       "after the built-in fields")
    s.close()


@test
def completion_attachments(tmp):
    d = os.path.join(tmp, "attach")
    os.mkdir(d)
    with open(os.path.join(d, "budget.csv"), "w") as f:
        f.write("a,b\n1,2\n")
    with open(os.path.join(d, "series.hlr"), "w") as f:
        f.write("title T\ncadence monthly\nattachment tor budget.csv Terms of reference\n")
    rep = os.path.join(d, "2020-01.hlr")
    text = ("period month 2020-01\nattachment budget budget.csv Appendix A: Budget\n\n"
            "== guidance\n- See [the budget](attachment:bu).\n")
    with open(rep, "w") as f:
        f.write(text)
    s = Server(HLRC)
    s.initialize()
    s.open(rep, text)
    s.sync()
    col = text.split("\n")[4].index("attachment:") + len("attachment:")
    res = s.at("textDocument/completion", rep, 4, col + 1)
    got = [(i["label"], i.get("detail"), i.get("kind")) for i in res["items"]]
    eq(got, [("tor", "Terms of reference", 17), ("budget", "Appendix A: Budget", 17)],
       "the attachments' keys after 'attachment:', the series' first, as files")
    s.close()


@test
def hover(tmp):
    d = series_copy(tmp)
    new = os.path.join(d, "2020-07-03.hlr")
    s = Server(HLRC)
    s.initialize()
    s.open(new)
    s.sync()
    h = s.at("textDocument/hover", new, 7, 5)
    eq(h, {"contents": {"kind": "markdown", "value": "**NEW GUIDANCE AND IMPACT**"},
           "range": rng(7, 0, 7, 11)}, "a keyword's heading")
    h = s.at("textDocument/hover", new, 22, 3)
    eq(h["contents"]["value"], "**@CCC**: Cambridgeshire County Council", "a tag's authority")
    h = s.at("textDocument/hover", new, 9, 40)
    eq(h["contents"]["value"].split("\n\n")[0],
       "item in **week ending 2020-06-26** (2020-06-26.hlr)", "a reference's period")
    eq(h["contents"]["value"].split("\n\n")[1].startswith("Government has released new guidance"),
       True, "and its text")
    ul, _ = line_of(new, "unchanged")
    h = s.at("textDocument/hover", new, ul, 3)
    eq(h["contents"]["value"].split("\n\n")[0],
       "Unchanged since **week ending 2020-06-26** (2020-06-26.hlr)", "where it was written")
    eq(h["contents"]["value"].split("\n\n")[1].startswith("- A few placements"), True,
       "the text it carries")
    eq(s.at("textDocument/hover", new, 2, 0), None, "nothing on a comment")
    s.close()


# --- 4. navigation, symbols, formatting --------------------------------------------


@test
def definition(tmp):
    d = series_copy(tmp)
    old = os.path.join(d, "2020-06-26.hlr")
    new = os.path.join(d, "2020-07-03.hlr")
    s = Server(HLRC)
    s.initialize()
    s.open(new)
    s.sync()
    line, col = line_of(old, "{#ppe-guidance-released}")
    eq(s.at("textDocument/definition", new, 9, 40),
       {"uri": uri(old), "range": rng(line, col + 2, line, col + 23)},
       "a reference goes to the item's id")
    ul, _ = line_of(new, "unchanged")
    fl, fc = line_of(old, "== finance")
    eq(s.at("textDocument/definition", new, ul, 3),
       {"uri": uri(old), "range": rng(fl, 3, fl, 10)}, "unchanged goes to the section")
    eq(s.at("textDocument/definition", new, 22, 3),
       {"uri": uri(os.path.join(d, "series.hlr")), "range": rng(8, 10, 8, 13)},
       "a tag goes to its authority")
    s.close()


@test
def parts_with_ids(tmp):
    """A keyword repeated in parts with ids: 'unchanged' and completion
    follow the address, part/keyword."""
    d = os.path.join(tmp, "parts")
    shutil.copytree(os.path.join(ROOT, "tests", "series", "parts-workstreams"), d)
    old = os.path.join(d, "2020-10.hlr")
    new = os.path.join(d, "2020-11.hlr")
    s = Server(HLRC)
    s.initialize()
    s.open(new)
    s.sync()
    olines = open(old, encoding="utf-8").read().split("\n")
    nlines = open(new, encoding="utf-8").read().split("\n")
    # the last 'unchanged' is in schools/risks: it goes to the schools part's risks
    ul = max(i for i, x in enumerate(nlines) if x == "unchanged")
    rl = max(i for i, x in enumerate(olines) if x == "== risks")
    eq(s.at("textDocument/definition", new, ul, 3),
       {"uri": uri(old), "range": rng(rl, 3, rl, 8)}, "unchanged goes to the part's section")
    line, col = line_of(new, "^previous#")
    res = s.at("textDocument/completion", new, line, col + 10)
    eq({"housing/finance", "schools/finance", "housing", "guidance"} <= set(labels(res)), True,
       "addresses of the previous report")
    eq(res["items"][0]["textEdit"]["range"], rng(line, col + 10, line, col + 25),
       "replacing the address, '/' and all")
    s.close()


@test
def references_and_rename(tmp):
    d = series_copy(tmp)
    old = os.path.join(d, "2020-06-26.hlr")
    new = os.path.join(d, "2020-07-03.hlr")
    s = Server(HLRC)
    s.initialize()
    s.open(old)
    s.sync()
    line, col = line_of(old, "{#ppe-guidance-released}")
    decl = {"uri": uri(old), "range": rng(line, col + 2, line, col + 23)}
    ref = {"uri": uri(new), "range": rng(9, 46, 9, 67)}
    eq(s.at("textDocument/references", old, line, col + 5, context={"includeDeclaration": True}),
       [decl, ref], "from the id: itself and the reference in a file not open")
    eq(s.at("textDocument/references", old, line, col + 5,
            context={"includeDeclaration": False}), [ref], "without the declaration")
    e = s.at("textDocument/rename", old, line, col + 5, newName="ppe-released")
    eq(e, {"changes": {uri(old): [{"range": decl["range"], "newText": "ppe-released"}],
                       uri(new): [{"range": ref["range"], "newText": "ppe-released"}]}},
       "a workspace edit over the series")
    m = s.request_full("textDocument/rename", {
        "textDocument": {"uri": uri(old)}, "position": {"line": line, "character": col + 5},
        "newName": "bad id"})
    eq(m["error"]["code"], -32803, "a new name that is no id")
    # applied, the series is clean
    s.open(new)
    s.change(old, [{"range": decl["range"], "text": "ppe-released"}])
    s.change(new, [{"range": ref["range"], "text": "ppe-released"}])
    eq(diagnostics(s.sync())[uri(new)], [], "clean after the rename")
    s.close()


@test
def document_symbols(tmp):
    p = os.path.join(tmp, "r.hlr")
    s = Server(HLRC)
    s.initialize()
    s.open(p, "title T\nperiod month 2020-11\n\n= Part 1\n\n== guidance\n- A. {#a}\n  - B.\n\n"
              "== decisions\nnone\n")
    s.sync()
    syms = s.request("textDocument/documentSymbol", {"textDocument": {"uri": uri(p)}})

    def tree(v):
        return [[x["name"], x["kind"], x.get("detail"), tree(x.get("children", []))] for x in v]
    eq(tree(syms), [
        ["title", 7, "T", []], ["period", 7, "month 2020-11", []],
        ["Part 1", 3, None, [
            ["guidance", 2, "NEW GUIDANCE AND IMPACT", [["a", 15, None, [["B.", 15, None, []]]]]],
            ["decisions", 2, "DECISIONS MADE SINCE LAST REPORTING PERIOD", [["none", 21, None, []]]]]]],
       "the outline")
    eq(syms[2]["range"], rng(3, 0, 10, 4), "a part holds its sections")
    eq(syms[2]["children"][0]["selectionRange"], rng(5, 3, 5, 11), "a section's keyword")
    folds = s.request("textDocument/foldingRange", {"textDocument": {"uri": uri(p)}})
    eq(folds, [{"startLine": 3, "endLine": 10}, {"startLine": 5, "endLine": 7},
               {"startLine": 6, "endLine": 7}, {"startLine": 9, "endLine": 10}], "folds")
    s.close()


@test
def workspace_symbols(tmp):
    d = series_copy(tmp)
    new = os.path.join(d, "2020-07-03.hlr")
    s = Server(HLRC)
    s.initialize()
    s.open(new)
    s.sync()
    res = s.request("workspace/symbol", {"query": "ppe"})
    eq([(x["name"], x["containerName"], x["location"]["uri"]) for x in res],
       [("ppe-guidance-released", "2020-06-26", uri(os.path.join(d, "2020-06-26.hlr"))),
        ("ppe-guidance", "2020-07-03", uri(new))], "ids of the series")
    res = s.request("workspace/symbol", {"query": "2020-07"})
    eq([(x["name"], x["kind"]) for x in res][:1], [("2020-07-03", 1)], "reports")
    s.close()


@test
def formatting(tmp):
    p = os.path.join(tmp, "f.hlr")
    s = Server(HLRC)
    s.initialize()
    s.open(p, "title T\nperiod month 2020-11\n== guidance\n-   One.\n")
    s.sync()
    opts = {"tabSize": 4, "insertSpaces": True}
    e = s.request("textDocument/formatting", {"textDocument": {"uri": uri(p)}, "options": opts})
    eq(e, [{"range": rng(0, 0, 4, 0),
            "newText": "title  T\nperiod month 2020-11\n\n== guidance\n\n- One.\n"}],
       "the fmt layout as an edit")
    s.change(p, [{"text": e[0]["newText"]}])
    s.sync()
    eq(s.request("textDocument/formatting", {"textDocument": {"uri": uri(p)}, "options": opts}),
       [], "no edit when it is laid out")
    s.change(p, [{"text": "title T\nperiod month 2020-11\n- x\n"}], version=3)
    s.sync()
    m = s.request_full("textDocument/formatting",
                       {"textDocument": {"uri": uri(p)}, "options": opts})
    eq(m["error"]["code"], -32803, "a report with errors is not formatted")
    s.close()

@test
def semantic_tokens(tmp):
    p = os.path.join(tmp, "t.hlr")
    text = ("# c\ntitle T\nperiod month 2020-11\nauthority CCC Cambridgeshire County Council\n\n"
            "= Part 1\n\n== guidance: NEW THINGS {#g}\n- @CCC \U0001F600 [x](^previous#y). {#a}\n\n"
            "== decisions\nnone\n\n== finance\nunchanged\n")
    s = Server(HLRC)
    legend = s.initialize()["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"]
    s.open(p, text)
    s.sync()
    data = s.request("textDocument/semanticTokens/full", {"textDocument": {"uri": uri(p)}})["data"]
    s.close()
    lines = text.split("\n")
    got, line, col = [], 0, 0
    for i in range(0, len(data), 5):
        dl, dc, n, t, _ = data[i:i + 5]
        col = col + dc if dl == 0 else dc
        line += dl
        units = lines[line].encode("utf-16-le")
        got.append((legend[t], units[2 * col:2 * (col + n)].decode("utf-16-le")))
    eq(got, [("comment", "# c"), ("property", "title"), ("property", "period"),
             ("property", "authority"), ("enumMember", "CCC"), ("namespace", "Part 1"),
             ("keyword", "guidance"), ("type", "NEW THINGS"), ("decorator", "g"),
             ("enumMember", "@CCC"), ("macro", "^previous#y"), ("decorator", "a"),
             ("keyword", "decisions"), ("modifier", "none"), ("keyword", "finance"),
             ("event", "unchanged")], "the tokens (UTF-16 columns past an emoji)")
    # each type is coloured as the TextMate grammar colours the same words
    with open(os.path.join(ROOT, "editors", "vscode", "package.json")) as f:
        scopes = json.load(f)["contributes"]["semanticTokenScopes"][0]["scopes"]
    eq(sorted(scopes), sorted(legend), "package.json maps every token type")
    with open(os.path.join(ROOT, "editors", "textmate", "hlr.tmLanguage.json")) as f:
        grammar = f.read()
    eq([t for t in legend if '"%s"' % scopes[t][0] not in grammar], [],
       "token types whose scope the grammar does not use")

@test
def files_changed_on_disk(tmp):
    d = series_copy(tmp)
    old = os.path.join(d, "2020-06-26.hlr")
    new = os.path.join(d, "2020-07-03.hlr")
    s = Server(HLRC)
    s.initialize()
    s.open(new)
    eq(diagnostics(s.sync()), {uri(new): []}, "clean")
    with open(old, encoding="utf-8") as f:
        text = f.read()
    with open(old, "w", encoding="utf-8") as f:
        f.write(text.replace("{#ppe-guidance-released}", ""))
    s.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri(old), "type": 2}]})
    eq([x["code"] for x in diagnostics(s.sync())[uri(new)]], ["unknown-id"],
       "a file changed on disk is read again")
    os.remove(old)
    s.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri(old), "type": 3}]})
    eq("no-previous" in [x["code"] for x in diagnostics(s.sync())[uri(new)]], True,
       "and a deleted one is gone")
    s.close()


def main():
    only = sys.argv[2:]
    passed = failed = 0
    for fn in TESTS:
        if only and fn.__name__ not in only:
            continue
        tmp = tempfile.mkdtemp(prefix="hlrc-lsp-")
        try:
            fn(tmp)
            passed += 1
        except (Failure, ServerError, AssertionError, KeyError, TypeError, IndexError) as e:
            failed += 1
            print("FAIL %s: %s" % (fn.__name__, e))
            if not isinstance(e, Failure):
                traceback.print_exc()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print("lsp: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
