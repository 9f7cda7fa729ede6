# hlrc import: sourced by tests/run.sh (uses HLRC, tmp, ok, bad, compare).
#
# Each case imports into a fresh folder and compares it with a folder of
# expectations, tests/import/CASE/: every .hlr file written (and no
# other), and import.err, what hlrc import printed on standard error (the
# inputs named by their file names alone). Then:
#   - every file imported checks clean (hlrc check: no diagnostic at all);
#   - the build of each seed's report holds every sentence of the seed
#     (tests/seeds/check-sentences.sh counts them), in Markdown and HTML;
#   - the two reports of the July series make finance 'unchanged';
#   - headings that are no section of the catalogue become declared
#     sections (declared once in series.hlr when every report has them,
#     and 'unchanged' as catalogue sections are); numbered and lettered
#     lists, as text and as .docx numbering, become ordered items;
#   - the seeds as Windows-1252, UTF-16 and UTF-8 with a BOM and CRLF, and
#     as .docx made by LibreOffice (when installed), import to the same
#     .hlr as the UTF-8 text;
#   - malformed inputs (a .docx that is no zip, a zip bomb, XML with an
#     external entity, a 50 MB text file, binary junk, no period, an
#     output folder with reports in it) get a clear error and no output.
# shellcheck disable=SC2154
imp_hlrc=$HLRC
case $imp_hlrc in /*) ;; *) imp_hlrc=$(pwd)/$imp_hlrc ;; esac
imp_top=$(pwd)
imp_seeds=${SEEDS:-../shared/seeds}
case $imp_seeds in /*) ;; *) imp_seeds=$imp_top/$imp_seeds ;; esac
imp=$tmp/import
mkdir -p "$imp"

# import_case CASE OUT INPUT...: imports the inputs (copied into $imp/in,
# or made there already) into $imp/out/OUT, from $imp/in; status in
# $imp/status, standard error in $imp/OUT.err
import_run() {
	out=$1
	shift
	rm -rf "$imp/out/$out"
	mkdir -p "$imp/out"
	(cd "$imp/in" && "$imp_hlrc" import -o "../out/$out" "$@" > /dev/null 2> "../$out.err")
	echo $? > "$imp/status"
}

# import_expect CASE OUT: $imp/out/OUT against tests/import/CASE/
import_expect() {
	case_dir=tests/import/$1
	out=$imp/out/$2
	if [ "$(cat "$imp/status")" != 0 ]; then
		{ echo "exit status $(cat "$imp/status")"; cat "$imp/$2.err"; } > "$tmp/diff"
		bad "import $1"
		return 1
	fi
	if [ "${REGEN:-}" = 1 ]; then
		mkdir -p "$case_dir"
		rm -f "$case_dir"/*.hlr
	fi
	for f in "$out"/*.hlr; do
		compare "import $1: $(basename "$f")" "$case_dir/$(basename "$f")" "$f"
	done
	for f in "$case_dir"/*.hlr; do
		[ -f "$out/$(basename "$f")" ] || { rm -f "$tmp/diff"; bad "import $1: $(basename "$f") not written"; }
	done
	compare "import $1: import.err" "$case_dir/import.err" "$imp/$2.err"
	if "$HLRC" check "$out" > "$tmp/out" 2> "$tmp/diff" && [ ! -s "$tmp/diff" ]; then
		ok
	else
		bad "import $1: the imported files do not check clean"
	fi
}

# import_sentences SEED REPORT: every sentence of SEED in REPORT's builds
import_sentences() {
	for fmt in md html; do
		"$HLRC" build --to $fmt "$2" > "$tmp/seed.$fmt" 2> "$tmp/err" || { bad "import: $2 ($fmt) does not build"; continue; }
		if sh tests/seeds/check-sentences.sh "$1" "$tmp/seed.$fmt" $fmt > "$tmp/diff" 2>&1 &&
		   grep -q '^all [1-9][0-9]* sentences found$' "$tmp/diff"; then
			rm -f "$tmp/diff"
			ok
		else
			bad "import: sentences of $(basename "$1") in $2 ($fmt)"
		fi
	done
}

# import_same OUT CASE: the .hlr files of OUT equal CASE's expectations
import_same() {
	if [ "$(cat "$imp/status")" != 0 ]; then
		{ echo "exit status $(cat "$imp/status")"; cat "$imp/$1.err"; } > "$tmp/diff"
		bad "import $1"
		return
	fi
	for f in tests/import/$2/*.hlr; do
		if diff -u "$f" "$imp/out/$1/$(basename "$f")" > "$tmp/diff" 2>&1; then
			rm -f "$tmp/diff"
			ok
		else
			bad "import $1: $(basename "$f") differs from the text's import"
		fi
	done
}

# import_refused OUT CODE: the last import failed with CODE and wrote nothing
import_refused() {
	if [ "$(cat "$imp/status")" = 1 ] && grep -q "error: .*\[$2\]" "$imp/$1.err" &&
	   [ ! -e "$imp/out/$1" ]; then
		ok
	else
		{ echo "exit status $(cat "$imp/status"), expected 1 and [$2]"; cat "$imp/$1.err"; } > "$tmp/diff"
		bad "import $1: not refused with $2"
	fi
}

rm -rf "$imp/in"
mkdir -p "$imp/in"
seed0=000_54add7a90519499e
seed2=002_60acec98ff9d3488
if [ -f "$imp_seeds/$seed0.txt" ] && [ -f "$imp_seeds/$seed2.txt" ]; then
	cp "$imp_seeds/$seed0.txt" "$imp_seeds/$seed2.txt" "$imp/in/"
	chmod u+w "$imp/in/"*
	import_run seed-000 $seed0.txt
	import_expect seed-000 seed-000 && import_sentences "$imp/in/$seed0.txt" "$imp/out/seed-000/2020-11.hlr"
	import_run seed-002 $seed2.txt
	import_expect seed-002 seed-002 && import_sentences "$imp/in/$seed2.txt" "$imp/out/seed-002/2020-07-03.hlr"

	# the July series: 26th June (tests/import/2020-06-26.txt, in the seed's
	# layout) and the seed of 3rd July, whose finance section is the same
	cp tests/import/2020-06-26.txt "$imp/in/"
	import_run series 2020-06-26.txt $seed2.txt
	if import_expect series series; then
		import_sentences "$imp/in/$seed2.txt" "$imp/out/series/2020-07-03.hlr"
		if awk '/^== / { sec = $2 } sec == "finance" && /^unchanged$/ { found = 1 } END { exit !found }' \
			"$imp/out/series/2020-07-03.hlr"; then
			ok
		else
			rm -f "$tmp/diff"
			bad "import series: finance of 2020-07-03 is not unchanged"
		fi
	fi

	# other encodings of the same text
	if command -v iconv > /dev/null 2>&1; then
		iconv -f UTF-8 -t WINDOWS-1252 "$imp/in/$seed0.txt" > "$imp/in/cp1252.txt"
		iconv -f UTF-8 -t UTF-16 "$imp/in/$seed0.txt" > "$imp/in/utf16.txt"
		import_run cp1252 cp1252.txt
		import_same cp1252 seed-000
		import_run utf16 utf16.txt
		import_same utf16 seed-000
		# they were not read as UTF-8: the en dash is in the title
		if ! grep -q "$(printf '\226')" "$imp/in/cp1252.txt" || [ "$(head -c 2 "$imp/in/utf16.txt" | od -An -tx1 | tr -d ' ')" != fffe ]; then
			rm -f "$tmp/diff"
			bad "import: iconv did not make Windows-1252 and UTF-16 with a BOM"
		fi
	else
		printf 'skip: iconv not installed, encodings not imported\n'
	fi
	{ printf '\357\273\277'; sed 's/$/\r/' "$imp/in/$seed2.txt"; } > "$imp/in/bom-crlf.txt"
	import_run bom-crlf bom-crlf.txt
	import_same bom-crlf seed-002

	# the same texts as .docx, made by LibreOffice
	lo=$(command -v libreoffice || command -v soffice || true)
	if [ -n "$lo" ]; then
		mkdir -p "$imp/lo"
		cp tests/import/declared.txt "$imp/in/"
		"$lo" -env:UserInstallation="file://$imp/lo" --headless --convert-to docx --outdir "$imp/in" \
			"$imp/in/$seed0.txt" "$imp/in/$seed2.txt" "$imp/in/2020-06-26.txt" \
			"$imp/in/declared.txt" > "$imp/lo.log" 2>&1
		import_run docx-000 $seed0.docx
		import_same docx-000 seed-000
		import_run docx-002 $seed2.docx
		import_same docx-002 seed-002
		import_run docx-series 2020-06-26.docx $seed2.docx
		import_same docx-series series
		# declared sections and numbered lines, as paragraphs of a .docx
		import_run docx-declared declared.docx
		import_same docx-declared declared
		# the warnings point at the same lines, in the .docx
		sed "s/$seed2.txt/$seed2.docx/" tests/import/seed-002/import.err > "$imp/want.err"
		if diff -u "$imp/want.err" "$imp/docx-002.err" > "$tmp/diff"; then
			rm -f "$tmp/diff"
			ok
		else
			bad "import docx-002: its warnings are not those of the text"
		fi
	else
		printf 'skip: libreoffice not installed, .docx from the seeds not imported\n'
	fi
else
	printf 'skip: the seeds are not in %s, not imported\n' "$imp_seeds"
fi

# what cannot be mapped: kept as text, with a warning at its line
cp tests/import/unmapped.txt tests/import/2020-06-26.txt "$imp/in/"
import_run unmapped unmapped.txt
import_expect unmapped unmapped

# headings that are no section of the catalogue become declared sections
# (a capitals line with text right under it stays text); numbered and
# lettered lists become ordered items with the author's numbers
cp tests/import/declared.txt "$imp/in/"
import_run declared declared.txt
import_expect declared declared && import_sentences "$imp/in/declared.txt" "$imp/out/declared/2020-09.hlr"

# a series: the headings both reports declare go to series.hlr once, and
# a declared section as the week before is 'unchanged'
cp tests/import/staffing-1.txt tests/import/staffing-2.txt "$imp/in/"
import_run staffing staffing-2.txt staffing-1.txt
if import_expect staffing staffing; then
	import_sentences "$imp/in/staffing-1.txt" "$imp/out/staffing/2020-07-03.hlr"
	import_sentences "$imp/in/staffing-2.txt" "$imp/out/staffing/2020-07-10.hlr"
	if awk '/^== / { sec = $2 } sec == "staffing-update" && /^unchanged$/ { found = 1 } END { exit !found }' \
		"$imp/out/staffing/2020-07-10.hlr" &&
	   grep -q '^section *staffing-update STAFFING UPDATE$' "$imp/out/staffing/series.hlr" &&
	   ! grep -q '^section' "$imp/out/staffing/2020-07-03.hlr"; then
		ok
	else
		rm -f "$tmp/diff"
		bad "import staffing: staffing-update is not declared once in series.hlr and unchanged on 10th July"
	fi
fi

# text that would read as another kind of line, or as a reference, and
# text before the first heading (found by fuzz_import.c)
cp tests/import/hazards.txt "$imp/in/"
import_run hazards hazards.txt
import_expect hazards hazards

# a report as Word writes one: styles, numbering, tables (mkdocx.py)
if command -v python3 > /dev/null 2>&1; then
	for k in word xxe bomb junk; do
		python3 tests/import/mkdocx.py $k "$imp/in/$k.docx"
	done
	import_run word word.docx
	import_expect word word

	# numbered lists: the numbers Word shows, from word/numbering.xml
	python3 tests/import/mkdocx.py numbered "$imp/in/numbered.docx"
	python3 tests/import/mkdocx.py numbered-text "$imp/in/numbered.txt"
	import_run numbered numbered.docx
	import_expect numbered numbered && import_sentences "$imp/in/numbered.txt" "$imp/out/numbered/2020-07-24.hlr"

	import_run xxe xxe.docx
	import_refused xxe import-format
	import_run bomb bomb.docx
	import_refused bomb import-limit
	import_run junk junk.docx
	import_refused junk import-format
	cp "$imp/in/junk.docx" "$imp/in/junk.txt"
	import_run junk-txt junk.txt
	import_refused junk-txt import-format
else
	printf 'skip: python3 not installed, .docx fixtures not made\n'
fi
printf 'This is not a zip archive.\n' > "$imp/in/notzip.docx"
import_run notzip notzip.docx
import_refused notzip import-format
head -c 52428800 /dev/zero | tr '\0' 'a' > "$imp/in/big.txt"
import_run big big.txt
import_refused big import-limit
rm -f "$imp/in/big.txt"
printf 'REPORT\n\nNEW GUIDANCE AND IMPACT\n\n- Text.\n' > "$imp/in/noperiod.txt"
import_run noperiod noperiod.txt
import_refused noperiod import-period
# with no period in the header, the file name's
cp "$imp/in/noperiod.txt" "$imp/in/2020-11.txt"
import_run byname 2020-11.txt
if [ "$(cat "$imp/status")" = 0 ] && grep -q '^period month 2020-11$' "$imp/out/byname/2020-11.hlr"; then
	ok
else
	cp "$imp/byname.err" "$tmp/diff"
	bad "import: the period is not taken from the file name"
fi
# two inputs for one period
cp tests/import/2020-06-26.txt "$imp/in/again.txt"
import_run twice 2020-06-26.txt again.txt
import_refused twice import-period
# an output folder that holds reports already is left alone
mkdir -p "$imp/out/full"
printf 'title T\nperiod month 2020-11\n\n== decisions\n\nnone\n' > "$imp/out/full/2020-11.hlr"
(cd "$imp/in" && "$imp_hlrc" import -o ../out/full unmapped.txt > /dev/null 2> ../full.err)
if [ $? = 1 ] && grep -q 'cannot-write' "$imp/full.err" && [ "$(ls "$imp/out/full")" = 2020-11.hlr ]; then
	ok
else
	cp "$imp/full.err" "$tmp/diff"
	bad "import: an output folder with reports in it is not refused"
fi
