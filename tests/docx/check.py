"""Checks a Word document hlrc wrote against the Markdown build of the same
report (tests/docx/run.sh runs it with Debian's python3-docx).

    check.py DOCX MD [--absent TEXT]...

The document is read back with python-docx. It must hold every sentence of
the Markdown (compared as runs of words, so markup and escapes do not
count), the title in the Title style, every heading of the Markdown in
order in Word's Heading styles, and every list item as a real list
paragraph (numPr) at the level of its nesting, numbered by a bullet list
of numbering.xml. Every table of the Markdown (GFM pipe lines) must be a
Word table with the same rows and columns, its header row marked to repeat
(w:tblHeader), its cells' text read back like any other (the words of each
cell are among the sentences), a caption in Word's Caption style. Each TEXT
given with --absent must not be in it.
Prints one line of counts; exits 1 with the reasons when a check fails."""

import re
import sys

import docx
from docx.oxml.ns import qn


def words(s):
    return re.findall(r"\w+", s)


def para_text(p):
    """The words of a <w:p>, runs inside hyperlinks included (python-docx's
    Paragraph.text leaves those out)."""
    out = []
    for el in p.iter():
        if el.tag == qn("w:t"):
            out.append(el.text or "")
        elif el.tag == qn("w:br"):
            out.append(" ")
    return "".join(out)


def body_blocks(doc):
    """The body's paragraphs, and the paragraphs of its tables, in order."""
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            yield el
        elif el.tag == qn("w:tbl"):
            for p in el.iter(qn("w:p")):
                yield p


def strip_md(line):
    line = re.sub(r'<a id="[^"]*"></a>', "", line)
    line = line.replace("<!-- -->", "")
    line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links, images
    line = re.sub(r"\\(.)", r"\1", line)  # escapes
    return line


ALIGN_ROW = re.compile(r"^\|(\s*:?-+:?\s*\|)+\s*$")


def md_cells(line):
    """The cells of a GFM table line: split at bars that are not escaped."""
    inner = line.strip()[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return re.split(r"(?<!\\)\|", inner)


def md_tables(md):
    """Each Markdown table as (rows, columns), in order."""
    out, rows = [], []
    for l in md + [""]:
        if l.startswith("|"):
            if not ALIGN_ROW.match(l):
                rows.append(md_cells(l))
        elif rows:
            out.append((len(rows), len(rows[0])))
            rows = []
    return out


def doc_tables(doc):
    """Each Word table but the header table of labelled lines (the one right
    after the title) as (rows, columns, its first row marked w:tblHeader)."""
    out = []
    prev = None
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:tbl") and not (prev is not None and prev.tag == qn("w:p") and
                                          prev.find(qn("w:pPr") + "/" + qn("w:pStyle")) is not None and
                                          prev.find(qn("w:pPr") + "/" + qn("w:pStyle")).get(qn("w:val")) == "Title"):
            trs = el.findall(qn("w:tr"))
            marked = bool(trs) and trs[0].find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None
            out.append((len(trs), len(trs[0].findall(qn("w:tc"))) if trs else 0, marked))
        prev = el
    return out


def md_line(l):
    """A Markdown line's words as the document shows them: a table line its
    cells' words (the alignment row none), a caption without "Table:"."""
    if l.startswith("|"):
        return "" if ALIGN_ROW.match(l) else " ".join(strip_md(c) for c in md_cells(l))
    return re.sub(r"^Table: ", "", strip_md(re.sub(r"^\s*(#+|-) ", "", l)))


def main(argv):
    path, md_path = argv[1], argv[2]
    absent = [argv[i + 1] for i in range(3, len(argv) - 1) if argv[i] == "--absent"]
    errors = []
    doc = docx.Document(path)
    styles = {s.style_id: s.name for s in doc.styles}
    paras = []  # (style name, text, ilvl or None, numId or None)
    for p in body_blocks(doc):
        ppr = p.find(qn("w:pPr"))
        style, ilvl, num = "Normal", None, None
        if ppr is not None:
            ps = ppr.find(qn("w:pStyle"))
            if ps is not None:
                style = styles.get(ps.get(qn("w:val")), "?")
            numpr = ppr.find(qn("w:numPr"))
            if numpr is not None:
                ilvl = int(numpr.find(qn("w:ilvl")).get(qn("w:val")))
                num = numpr.find(qn("w:numId")).get(qn("w:val"))
        paras.append((style, para_text(p), ilvl, num))
    all_words = " " + " ".join(w for _, t, _, _ in paras for w in words(t)) + " "

    md = open(md_path, encoding="utf-8").read().splitlines()
    # sentences: the Markdown's text, its lines joined, split after . ; : ! ?
    text = " ".join(md_line(l) for l in md)
    sentences = [s for s in re.split(r"(?<=[.;:!?])\s+", text) if words(s)]
    for s in sentences:
        if " " + " ".join(words(s)) + " " not in all_words:
            errors.append("sentence missing from the document: %s" % s)

    # the title and the headings, in order, in their styles
    title = strip_md(md[0][2:])
    if not paras or paras[0][0] != "Title" or words(paras[0][1]) != words(title):
        errors.append("the first paragraph is not the title in the Title style: %r" % (paras[:1],))
    md_heads = [strip_md(l.lstrip("#").strip()) for l in md if re.match(r"##+ ", l)]
    doc_heads = [(st, t) for st, t, _, _ in paras if st.startswith("Heading")]
    if [words(h) for h in md_heads] != [words(t) for _, t in doc_heads]:
        errors.append("headings differ: %r against %r" % (md_heads, doc_heads))
    for st, t, _, _ in paras:
        if st not in ("Normal", "Title", "List Bullet", "Caption") and not re.match(r"Heading \d$", st):
            errors.append("paragraph in an unexpected style %r: %s" % (st, t))

    # list items: a numPr paragraph each, at the Markdown's nesting depth
    md_levels = [len(m.group(1)) // 2 for m in (re.match(r"^( *)- ", l) for l in md) if m]
    doc_levels = [lv for _, _, lv, _ in paras if lv is not None]
    if md_levels != doc_levels:
        errors.append("list levels differ: %r against %r" % (md_levels, doc_levels))
    bullets = set()
    numbering = doc.part.numbering_part.element
    for num in numbering.iter(qn("w:num")):
        aid = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        for an in numbering.iter(qn("w:abstractNum")):
            if an.get(qn("w:abstractNumId")) == aid:
                fmts = [l.find(qn("w:numFmt")).get(qn("w:val")) for l in an.iter(qn("w:lvl"))]
                if fmts and all(f == "bullet" for f in fmts):
                    bullets.add(num.get(qn("w:numId")))
    for st, t, lv, num in paras:
        if lv is not None and num not in bullets:
            errors.append("list item not in a bulleted list (numId %s): %s" % (num, t))
        if st == "List Bullet" and lv is None:
            errors.append("list paragraph without numPr: %s" % t)

    # tables: the Markdown's, with their rows and columns, in order
    want_tables, got_tables = md_tables(md), doc_tables(doc)
    for rows, cols, marked in got_tables:
        if not marked:
            errors.append("a table of %d rows whose header row is not marked w:tblHeader" % rows)
    got_tables = [(rows, cols) for rows, cols, _ in got_tables]
    if want_tables != got_tables:
        errors.append("tables (rows, columns) differ: %r against %r" % (want_tables, got_tables))

    for a in absent:
        if " " + " ".join(words(a)) + " " in all_words:
            errors.append("present but should not be: %s" % a)

    for e in errors:
        print("%s: %s" % (path, e))
    print("%s: %d sentences, %d headings, %d list items, %d tables, %d absent checked, %d problems"
          % (path, len(sentences), len(doc_heads), len(doc_levels), len(got_tables), len(absent),
             len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
