"""Checks a Word document hlrc wrote against the Markdown build of the same
report (tests/docx/run.sh runs it with Debian's python3-docx).

    check.py DOCX MD [--absent TEXT]...

The document is read back with python-docx. It must hold every sentence of
the Markdown (compared as runs of words, so markup and escapes do not
count), the title in the Title style, every heading of the Markdown in
order in Word's Heading styles at its level (a sub-heading a level below
its section), every list item as a real list paragraph (numPr) at the
level of its nesting, its bullet or number (format, value, "." or ")")
the one numbering.xml gives it, every table row of the Markdown (the
status summary, metrics, the author's tables) a row of a Word table with
the same cells, and a protective marking first, last and in the page
header and footer. Each TEXT given with --absent must not be in it.
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


LIST_ITEM = re.compile(r"^( *)(-|\d+[.)])( (?:([a-zA-Z]+)([.)]) )?)")


def md_items(md):
    """Each Markdown list item: (level, marker), the level from the
    content columns of the items it is nested in; marker ("bullet",) or
    (format, number, delimiter)."""
    out, cols, last = [], [], {}
    for line in md:
        m = LIST_ITEM.match(line)
        if not m:
            continue
        indent = len(m.group(1))
        while cols and cols[-1] > indent:
            cols.pop()
        mark = m.group(2)
        cols.append(indent + len(mark) + 1)
        if mark != "-":
            marker = ("decimal", int(mark[:-1]), mark[-1])
        elif m.group(4):
            marker = letters(m.group(4), last.get(len(cols) - 1)) + (m.group(5),)
        else:
            marker = ("bullet",)
        last[len(cols) - 1] = marker
        out.append((len(cols) - 1, marker))
    return out


ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def letters(s, prev):
    """("lowerRoman", 4) for "iv", ("lowerLetter", 3) for "c", ...: a
    single letter that is a Roman numeral too ("c", "i") by the item
    before at its level, else "i" Roman and the others letters."""
    case = "lower" if s.islower() else "upper"
    low = s.lower()
    roman = all(c in ROMAN for c in low)
    if roman and len(low) == 1:
        as_letter = (case + "Letter", ord(low) - ord("a") + 1)
        if prev and prev[0] == as_letter[0] and prev[1] == as_letter[1] - 1:
            roman = False
        elif not (prev and prev[0] == case + "Roman") and low != "i":
            roman = False
    if roman:
        n = 0
        for a, b in zip(low, low[1:] + " "):
            v = ROMAN[a]
            n += -v if b in ROMAN and ROMAN[b] > v else v
        return (case + "Roman", n)
    n = 0
    for c in low:
        n = n * 26 + ord(c) - ord("a") + 1
    return (case + "Letter", n)


def doc_markers(doc, paras):
    """What Word shows before each list paragraph, counting as Word does:
    a list's counter per level from its start (or startOverride), a
    deeper level restarting after a shallower item."""
    numbering = doc.part.numbering_part.element
    abstract = {}
    for an in numbering.iter(qn("w:abstractNum")):
        lv = {}
        for l in an.iter(qn("w:lvl")):
            lv[int(l.get(qn("w:ilvl")))] = (
                l.find(qn("w:numFmt")).get(qn("w:val")),
                l.find(qn("w:lvlText")).get(qn("w:val")),
                int(l.find(qn("w:start")).get(qn("w:val"))))
        abstract[an.get(qn("w:abstractNumId"))] = lv
    nums = {}
    for num in numbering.iter(qn("w:num")):
        lv = dict(abstract[num.find(qn("w:abstractNumId")).get(qn("w:val"))])
        for o in num.iter(qn("w:lvlOverride")):
            il = int(o.get(qn("w:ilvl")))
            so = o.find(qn("w:startOverride"))
            if so is not None:
                lv[il] = lv[il][:2] + (int(so.get(qn("w:val"))),)
        nums[num.get(qn("w:numId"))] = lv
    counters = {}
    out = []
    for _, _, ilvl, num in paras:
        if ilvl is None:
            continue
        if num not in nums:
            out.append((ilvl, ("no list %s" % num,)))
            continue
        c = counters.setdefault(num, {})
        fmt, text, first = nums[num][ilvl]
        c[ilvl] = c[ilvl] + 1 if ilvl in c else first
        for deeper in [k for k in c if k > ilvl]:
            del c[deeper]
        if fmt == "bullet":
            out.append((ilvl, ("bullet",)))
        else:
            out.append((ilvl, (fmt, c[ilvl], text[-1])))
    return out


def md_rows(md):
    """The cells' words of each Markdown table row (not the rule below the
    header)."""
    rows = []
    for line in md:
        if not line.startswith("|") or re.match(r"^\|[-:| ]+\|$", line):
            continue
        cells = re.split(r"(?<!\\)\|", line)[1:-1]
        rows.append([words(strip_md(c)) for c in cells])
    return rows


def doc_rows(doc, skip_first):
    out = []
    tables = list(doc.element.body.iterchildren(qn("w:tbl")))
    for t in tables[1 if skip_first else 0:]:
        for tr in t.iter(qn("w:tr")):
            out.append([words(" ".join(para_text(p) for p in tc.iter(qn("w:p"))))
                        for tc in tr.iter(qn("w:tc"))])
    return out


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
    # (list markers are Word's numbering, not text)
    text = " ".join(strip_md(re.sub(r"^\s*(#+ |- (?:[a-zA-Z]+[.)] )?|\d+[.)] )", "", l))
                    for l in md)
    sentences = [s for s in re.split(r"(?<=[.;:!?])\s+", text) if words(s)]
    for s in sentences:
        if " " + " ".join(words(s)) + " " not in all_words:
            errors.append("sentence missing from the document: %s" % s)

    # a protective marking: the first and last paragraph, and the page's
    # header and footer
    marking = None
    if md[0].startswith("**") and md[0].endswith("**"):
        marking = words(strip_md(md[0][2:-2]))
        if md[-1] != md[0]:
            errors.append("the Markdown's marking is not at its foot too")
        if not paras or words(paras[0][1]) != marking or words(paras[-1][1]) != marking:
            errors.append("the marking is not the first and last paragraph")
        sect = doc.sections[0]
        for what, part in (("header", sect.header), ("footer", sect.footer)):
            if part.is_linked_to_previous or [words(p.text) for p in part.paragraphs] != [marking]:
                errors.append("the page %s is not the marking" % what)
        paras_t = paras[1:]
    else:
        paras_t = paras
        if not doc.sections[0].header.is_linked_to_previous:
            errors.append("a page header without a marking")

    # the title and the headings, in order, in their styles at their levels
    title = strip_md(next(l for l in md if l.startswith("# "))[2:])
    if not paras_t or paras_t[0][0] != "Title" or words(paras_t[0][1]) != words(title):
        errors.append("the first paragraph is not the title in the Title style: %r"
                      % (paras_t[:1],))
    md_heads = [(len(l) - len(l.lstrip("#")) - 1, words(strip_md(l.lstrip("#").strip())))
                for l in md if re.match(r"##+ ", l)]
    doc_heads = [(int(st.split()[1]), words(t)) for st, t, _, _ in paras
                 if re.match(r"Heading \d$", st)]
    if md_heads != doc_heads:
        errors.append("headings differ: %r against %r" % (md_heads, doc_heads))
    for st, t, _, _ in paras:
        if st not in ("Normal", "Title", "List Bullet", "List Number") and \
                not re.match(r"Heading \d$", st):
            errors.append("paragraph in an unexpected style %r: %s" % (st, t))

    # list items: a numPr paragraph each, at the Markdown's nesting depth,
    # with the Markdown's bullet or number
    want = md_items(md)
    got = doc_markers(doc, paras)
    doc_levels = [lv for lv, _ in got]
    if want != got:
        errors.append("list items differ (level, marker): %r against %r" % (want, got))
    for st, t, lv, num in paras:
        if st in ("List Bullet", "List Number") and lv is None:
            errors.append("list paragraph without numPr: %s" % t)

    # table rows: the Markdown's in Word tables (the header lines' own
    # table aside), cell by cell
    has_fields = any(re.match(r"^\*\*[^*]+:\*\* ", l) for l in md[:12])
    want_rows, got_rows = md_rows(md), doc_rows(doc, has_fields)
    if want_rows != got_rows:
        errors.append("table rows differ: %r against %r" % (want_rows, got_rows))

    for a in absent:
        if " " + " ".join(words(a)) + " " in all_words:
            errors.append("present but should not be: %s" % a)

    for e in errors:
        print("%s: %s" % (path, e))
    print("%s: %d sentences, %d headings, %d list items, %d table rows, %d absent checked, "
          "%d problems" % (path, len(sentences), len(doc_heads), len(doc_levels),
                           len(got_rows), len(absent), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
