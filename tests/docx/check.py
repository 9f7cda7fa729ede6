"""Checks a Word document hlrc wrote against the Markdown build of the same
report (tests/docx/run.sh runs it with Debian's python3-docx).

    check.py DOCX MD [--absent TEXT]...

The document is read back with python-docx. It must hold every sentence of
the Markdown (compared as runs of words, so markup and escapes do not
count), the title in the Title style, every heading of the Markdown in
order in Word's Heading styles, and every list item as a real list
paragraph (numPr) at the level of its nesting, numbered by a bullet list
of numbering.xml. Each TEXT given with --absent must not be in it.
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
    text = " ".join(strip_md(re.sub(r"^\s*(#+|-) ", "", l)) for l in md)
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
        if st not in ("Normal", "Title", "List Bullet") and not re.match(r"Heading \d$", st):
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

    for a in absent:
        if " " + " ".join(words(a)) + " " in all_words:
            errors.append("present but should not be: %s" % a)

    for e in errors:
        print("%s: %s" % (path, e))
    print("%s: %d sentences, %d headings, %d list items, %d absent checked, %d problems"
          % (path, len(sentences), len(doc_heads), len(doc_levels), len(absent), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
