#!/bin/sh
# The Word writer's tests (make check-docx): sh tests/docx/run.sh HLRC
#
# Each example (examples/*/, built as folders: a .docx per report) and the
# small series tests/docx/series/, whole and in --for views:
#   - read back with python-docx (Debian python3-docx) by check.py: every
#     sentence of the Markdown build of the same report and view is in it
#     (statuses, the lead), the title in Word's Title style, the headings
#     and sub-headings in order in Heading styles at their levels, every
#     list item a real list paragraph (numPr) at its nesting level with the
#     Markdown's bullet or number by numbering.xml, every table row (status
#     summary, metrics, the author's tables) a Word table row with the same
#     cells, a protective marking first, last and in the page header and
#     footer; a view lacks the other authority's items;
#   - converted to PDF by LibreOffice (Debian libreoffice-writer-nogui),
#     headless: it must say nothing on standard error but the one line the
#     launcher prints on a machine without Java, and give a PDF;
#   - built twice, in different time zones: the same bytes, its entries in
#     the fixed order and dated 1980-01-01 00:00.
# tests/docx/series/2020-11.hlr's word/document.xml and its relationships
# are a golden file (a line per paragraph, table and row), 2020-11.expect,
# and tests/docx/structure.hlr's document.xml and numbering.xml another,
# structure.expect;
# and the command line: -o NAME.docx, --to docx to a terminal refused.
#
# Prints "ok ..." or "FAIL ..." per check and ends with "N passed, N
# failed"; exits 1 if anything failed. REGEN=1 rewrites the golden file.
set -u
case ${1:-} in
'') echo "usage: sh tests/docx/run.sh HLRC" >&2; exit 2 ;;
/*) HLRC=$1 ;;
*) HLRC=$(pwd)/$1 ;;
esac
PYTHON=${PYTHON:-/usr/bin/python3} # Debian's, which has python3-docx
LIBREOFFICE=${LIBREOFFICE:-libreoffice}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hlrc-docx.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); printf 'ok %s\n' "$1"; }
bad() {
	fail=$((fail + 1))
	printf 'FAIL %s\n' "$1"
	[ -f "$tmp/diff" ] && sed 's/^/    /' "$tmp/diff" | head -40
	rm -f "$tmp/diff"
}
# check NAME COMMAND...: ok when the command succeeds (its output kept for FAIL)
check() {
	what=$1
	shift
	if "$@" > "$tmp/diff" 2>&1; then
		cat "$tmp/diff"
		rm -f "$tmp/diff"
		ok "$what"
	else
		bad "$what"
	fi
}

# build FOLDER OUT [ARGS...]: the folder's reports as .docx and .md into OUT
build() {
	from=$1 out=$2
	shift 2
	"$HLRC" build --to docx "$@" -o "$out/docx" "$from" &&
		"$HLRC" build --to md "$@" -o "$out/md" "$from"
}

# the views: NAME FOLDER [--for TAG [--absent TEXT]...]
views='
monthly examples/service-monthly
monthly-PCC examples/service-monthly --for PCC
monthly-CCC examples/service-monthly --for CCC
weekly examples/covid-weekly
weekly-PCC examples/covid-weekly --for PCC
weekly-CCC examples/covid-weekly --for CCC
prince2 examples/prince2-project
board examples/board-monthly
boardreport examples/board-report
workstreams examples/board-workstreams
sitrep examples/daily-sitrep
rail examples/rail-periods
programme examples/programme-log
programme-PCC examples/programme-log --for PCC
series tests/docx/series
series-PCC tests/docx/series --for PCC
series-CCC tests/docx/series --for CCC
'
# what a view must not show: the other authority's items
absent_monthly_PCC='In Cambridgeshire, we have seen much higher numbers of children'
absent_monthly_CCC='In Peterborough, additional pressures on schools and health services'
absent_weekly_PCC='Working with Education colleagues to utilise outdoor learning centre'
absent_programme_PCC='Move phase 2 go-live from November to January'
absent_series_PCC='Placement costs in Cambridgeshire held steady'
absent_series_CCC='Placement costs in Peterborough rose over the summer'

# every example is in the list
for d in examples/*/; do
	d=${d%/}
	if echo "$views" | grep -q " $d\( \|\$\)"; then
		ok "views: $d is built"
	else
		bad "views: $d is not in the list of views of tests/docx/run.sh"
	fi
done

echo "$views" | while read -r name dir opt tag; do
	[ -n "$name" ] || continue
	echo "$name $dir $opt $tag"
done > "$tmp/views"
while read -r name dir opt tag; do
	mkdir -p "$tmp/$name"
	# shellcheck disable=SC2086
	if ! build "$dir" "$tmp/$name" $opt $tag > "$tmp/diff" 2>&1; then
		bad "build $name"
		continue
	fi
	ok "build $name"
	key=$(echo "absent_$name" | tr '-' '_')
	absent=$(eval "echo \"\${$key:-}\"")
	for md in "$tmp/$name"/md/*.md; do
		base=$(basename "$md" .md)
		docx=$tmp/$name/docx/$base.docx
		if [ ! -f "$docx" ]; then
			echo "no $base.docx beside $base.md" > "$tmp/diff"
			bad "folder build $name: $base.docx"
			continue
		fi
		if [ -n "$absent" ]; then
			check "$name/$base" "$PYTHON" tests/docx/check.py "$docx" "$md" --absent "$absent"
		else
			check "$name/$base" "$PYTHON" tests/docx/check.py "$docx" "$md"
		fi
	done
	# the text a view leaves out is in the whole report
	if [ -n "$absent" ]; then
		whole=$(echo "$name" | sed 's/-.*//')
		if grep -q "$absent" "$tmp/$whole"/md/*.md && ! grep -q "$absent" "$tmp/$name"/md/*.md; then
			ok "$name leaves out what the whole report has"
		else
			echo "'$absent' should be in $whole and not in $name" > "$tmp/diff"
			bad "$name leaves out what the whole report has"
		fi
	fi
done < "$tmp/views"
# the checks can fail: another report's text, a whole report's tagged item
fails() {
	what=$1
	shift
	if "$@" > "$tmp/diff" 2>&1; then bad "$what"; else rm -f "$tmp/diff"; ok "$what"; fi
}
fails "check.py finds another report's sentences missing" "$PYTHON" tests/docx/check.py \
	"$tmp/weekly/docx/2020-06-26.docx" "$tmp/monthly/md/2020-11.md"
fails "check.py finds text a view should not have" "$PYTHON" tests/docx/check.py \
	"$tmp/monthly/docx/2020-11.docx" "$tmp/monthly/md/2020-11.md" --absent "$absent_monthly_PCC"

# ... a number that is a bullet in the Markdown, a sub-heading at its
# section's level, a table row that is not in the Markdown
sed 's/^1\. The board agreed the training/- The board agreed the training/' \
	"$tmp/board/md/2020-11.md" > "$tmp/bullet.md"
fails "check.py finds a numbered item the Markdown has as a bullet" "$PYTHON" tests/docx/check.py \
	"$tmp/board/docx/2020-11.docx" "$tmp/bullet.md"
sed 's/^### /## /' "$tmp/board/md/2020-11.md" > "$tmp/level.md"
fails "check.py finds a sub-heading at the wrong level" "$PYTHON" tests/docx/check.py \
	"$tmp/board/docx/2020-11.docx" "$tmp/level.md"
grep -v '^| Open defects' "$tmp/prince2/md/2018-04-03.md" > "$tmp/rows.md"
fails "check.py finds a table row the Markdown lacks" "$PYTHON" tests/docx/check.py \
	"$tmp/prince2/docx/2018-04-03.docx" "$tmp/rows.md"

# every lowered construct in one report: the lead, a sub-heading,
# statuses, lists numbered from 3 and from 7, letters, Roman numerals, a table
mkdir -p "$tmp/structure/docx"
if "$HLRC" build --to docx -o "$tmp/structure/docx/s.docx" tests/docx/structure.hlr &&
	"$HLRC" build --to md -o "$tmp/structure/s.md" tests/docx/structure.hlr; then
	check "structure.hlr" "$PYTHON" tests/docx/check.py "$tmp/structure/docx/s.docx" "$tmp/structure/s.md"
else
	bad "build structure.hlr"
fi

# a protective marking: a header and a footer part, typed and related
check "the marking's header and footer parts" "$PYTHON" -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
assert names[-2:] == ["word/header1.xml", "word/footer1.xml"], names
types = z.read("[Content_Types].xml").decode()
rels = z.read("word/_rels/document.xml.rels").decode()
doc = z.read("word/document.xml").decode()
for part in ("header", "footer"):
    assert "/word/%s1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.%s+xml" % (part, part) in types, types
    assert "relationships/%s\" Target=\"%s1.xml\"" % (part, part) in rels, rels
    assert "<w:%sReference w:type=\"default\"" % part in doc
    assert "OFFICIAL-SENSITIVE" in z.read("word/%s1.xml" % part).decode()
' "$tmp/boardreport/docx/2012-03-16.docx"

# ordered lists: one w:num each, from the author's first number
check "a w:num per ordered list, its startOverride the first number" "$PYTHON" -c '
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
num = z.read("word/numbering.xml").decode()
starts = re.findall(r"<w:num w:numId=\"(\d+)\"><w:abstractNumId w:val=\"(\d+)\"/>"
                    r"(?:<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"(\d+)\"/>)?", num)
assert [s[0] for s in starts] == [str(i) for i in range(1, len(starts) + 1)], starts
assert len(starts) > 3 and all(s[2] for s in starts[1:]), starts
for fmt in ("decimal", "lowerLetter"):
    assert "<w:numFmt w:val=\"%s\"/>" % fmt in num, fmt
' "$tmp/board/docx/2020-11.docx"

# a view's title says whose view it is
check "a view's title" "$PYTHON" -c '
import docx, sys
t = docx.Document(sys.argv[1]).paragraphs[0]
assert t.style.name == "Title" and t.text.endswith("(Peterborough City Council)"), t.text
' "$tmp/monthly-PCC/docx/2020-11.docx"

# the same bytes from two builds, whatever the time zone; fixed entries
ex=examples/service-monthly/2020-11.hlr
TZ=America/New_York "$HLRC" build --to docx -o "$tmp/a.docx" "$ex"
sleep 1 # a clock second apart, so that a time taken from the clock would differ
TZ=Asia/Kolkata "$HLRC" build --to docx -o "$tmp/b.docx" "$ex"
if cmp "$tmp/a.docx" "$tmp/b.docx" > "$tmp/diff" 2>&1; then ok "two builds, the same bytes"; else bad "two builds, the same bytes"; fi
check "entries in order, dated 1980-01-01" "$PYTHON" -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = [i.filename for i in z.infolist()]
want = ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
        "word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml",
        "word/_rels/document.xml.rels"]
assert names == want, names
for i in z.infolist():
    assert i.date_time == (1980, 1, 1, 0, 0, 0), (i.filename, i.date_time)
    assert i.extra == b"", (i.filename, i.extra)
assert z.testzip() is None
core = z.read("docProps/core.xml").decode()
assert "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2020-11-30T00:00:00Z<" in core, core
' "$tmp/a.docx"

# the golden document: a line per paragraph, table and row
"$HLRC" build --to docx -o "$tmp/golden.docx" tests/docx/series/2020-11.hlr
"$PYTHON" -c '
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for part in ("word/document.xml", "word/_rels/document.xml.rels"):
    print("== " + part)
    x = z.read(part).decode()
    print(re.sub(r"(<(w:p|w:tbl|w:tr|w:sectPr|Relationship)[ >])", r"\n\1", x))
' "$tmp/golden.docx" > "$tmp/golden"
if [ "${REGEN:-}" = 1 ]; then
	cp "$tmp/golden" tests/docx/2020-11.expect
	ok "golden document.xml (rewritten)"
elif diff -u tests/docx/2020-11.expect "$tmp/golden" > "$tmp/diff" 2>&1; then
	ok "golden document.xml"
else
	bad "golden document.xml"
fi

# the same for tests/docx/structure.hlr, with its numbering.xml: every
# construct's XML (structure.expect)
"$HLRC" build --to docx -o "$tmp/structure.docx" tests/docx/structure.hlr
"$PYTHON" -c '
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for part in ("word/document.xml", "word/numbering.xml"):
    print("== " + part)
    x = z.read(part).decode()
    print(re.sub(r"(<(w:p|w:tbl|w:tr|w:sectPr|w:abstractNum|w:num)[ >])", r"\n\1", x))
' "$tmp/structure.docx" > "$tmp/golden"
if [ "${REGEN:-}" = 1 ]; then
	cp "$tmp/golden" tests/docx/structure.expect
	ok "golden structure document.xml and numbering.xml (rewritten)"
elif diff -u tests/docx/structure.expect "$tmp/golden" > "$tmp/diff" 2>&1; then
	ok "golden structure document.xml and numbering.xml"
else
	bad "golden structure document.xml and numbering.xml"
fi

# text XML cannot hold as it is (a form feed, U+FFFF, markup characters),
# emphasis nested deep: every part parses as XML, and the words are there
{
	printf 'title T \357\277\277 & <b>\nperiod month 2020-11\n\n== guidance\n\n'
	printf -- '- a\fb\tc \357\277\276 d & <e> "f" \\*g\n'
	awk 'BEGIN { printf "- "; for (i = 0; i < 3000; i++) printf "*a **b "; printf "deep"
		for (i = 0; i < 3000; i++) printf "** c*"; print "" }'
} > "$tmp/hostile.hlr"
"$HLRC" build --to docx -o "$tmp/hostile.docx" "$tmp/hostile.hlr"
check "hostile text: well-formed XML" "$PYTHON" -c '
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
for name in z.namelist():
    xml.dom.minidom.parseString(z.read(name))
doc = z.read("word/document.xml").decode()
for want in ("T \ufffd &amp; &lt;b&gt;", "a b c \ufffd d &amp; ", "&lt;e&gt;", "deep"):
    assert want in doc, (want, doc[:3000])
' "$tmp/hostile.docx"

# the command line
"$HLRC" build -o "$tmp/ext.docx" "$ex" && "$HLRC" build --to docx "$ex" > "$tmp/stdout.docx"
if cmp "$tmp/ext.docx" "$tmp/stdout.docx" > "$tmp/diff" 2>&1; then ok "-o NAME.docx is --to docx"; else bad "-o NAME.docx is --to docx"; fi
# standard output a terminal (script gives the command one): refused, nothing written
script -qec "'$HLRC' build --to docx '$ex'; echo status=\$?" /dev/null > "$tmp/tty" 2>&1
if grep -q "a Word document is not written to a terminal" "$tmp/tty" && grep -q "status=2" "$tmp/tty" &&
	! grep -q "Content_Types" "$tmp/tty"; then
	ok "--to docx to a terminal is refused"
else
	cp "$tmp/tty" "$tmp/diff"
	bad "--to docx to a terminal is refused"
fi
script -qec "'$HLRC' build --to docx -o '$tmp/tty.docx' '$ex'; echo status=\$?" /dev/null > "$tmp/tty" 2>&1
if grep -q "status=0" "$tmp/tty" && cmp -s "$tmp/tty.docx" "$tmp/ext.docx"; then
	ok "--to docx -o FILE from a terminal"
else
	cp "$tmp/tty" "$tmp/diff"
	bad "--to docx -o FILE from a terminal"
fi

# LibreOffice converts every document to PDF and has nothing to say (one
# run for all: each document copied under a name of its own)
mkdir -p "$tmp/pdf" "$tmp/lo" "$tmp/in"
for f in "$tmp"/*/docx/*.docx; do
	view=$(basename "$(dirname "$(dirname "$f")")")
	cp "$f" "$tmp/in/$view-$(basename "$f")"
done
ls "$tmp/in" > "$tmp/all"
"$LIBREOFFICE" -env:UserInstallation="file://$tmp/lo" --headless --convert-to pdf \
	--outdir "$tmp/pdf" "$tmp"/in/*.docx > "$tmp/lo.out" 2> "$tmp/lo.err"
status=$?
# the launcher's note that Java is missing is about the machine, not the file
grep -v '^Warning: failed to launch javaldx' "$tmp/lo.err" > "$tmp/lo.warn"
if [ "$status" -eq 0 ] && [ ! -s "$tmp/lo.warn" ]; then
	ok "LibreOffice: no warnings ($(wc -l < "$tmp/all") documents)"
else
	{ echo "exit status $status"; cat "$tmp/lo.err"; } > "$tmp/diff"
	bad "LibreOffice: no warnings"
fi
while read -r f; do
	pdf=$tmp/pdf/${f%.docx}.pdf
	if [ -s "$pdf" ] && head -c 5 "$pdf" | grep -q '%PDF-'; then
		ok "PDF of $f"
	else
		bad "PDF of $f"
	fi
done < "$tmp/all"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
