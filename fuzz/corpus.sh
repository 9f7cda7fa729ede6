#!/bin/sh
# Seeds the fuzzing corpora from the examples and tests:
#   fuzz/corpus.sh OUTDIR   ->  OUTDIR/report/*, OUTDIR/series/* and OUTDIR/import/*
# A series seed is series.hlr and its reports joined by lines "%%", the
# form fuzz_series.c splits.
set -eu
out=$1
mkdir -p "$out/report" "$out/series" "$out/folder"
i=0
for f in examples/*/*.hlr tests/lang/*.hlr tests/errors/*.hlr tests/series/*/*.hlr; do
	[ -f "$f" ] || continue
	i=$((i + 1))
	cp "$f" "$out/report/seed$i.hlr"
done
for d in examples/covid-weekly tests/series/*/; do
	d=${d%/}
	[ -f "$d/series.hlr" ] || continue
	name=$(echo "$d" | tr '/' '_')
	{
		cat "$d/series.hlr"
		for r in "$d"/*.hlr; do
			[ "$r" = "$d/series.hlr" ] && continue
			printf '%%%%\n'
			cat "$r"
		done
	} > "$out/series/$name.txt"
done
# hlrc import (fuzz_import.c): a mode byte, then a report as text (0), a
# .docx (1), its word/document.xml (2), or two reports split by a form
# feed (3)
mkdir -p "$out/import"
i=0
for f in tests/import/*.txt ../shared/seeds/*.txt; do
	[ -f "$f" ] || continue
	i=$((i + 1))
	{ printf '\000'; cat "$f"; } > "$out/import/text$i"
done
if [ -f tests/import/2020-06-26.txt ] && [ -f ../shared/seeds/002_60acec98ff9d3488.txt ]; then
	{ printf '\003'; cat tests/import/2020-06-26.txt; printf '\f'; cat ../shared/seeds/002_60acec98ff9d3488.txt; } > "$out/import/series"
fi
if [ -f tests/import/staffing-1.txt ] && [ -f tests/import/staffing-2.txt ]; then
	{ printf '\003'; cat tests/import/staffing-1.txt; printf '\f'; cat tests/import/staffing-2.txt; } > "$out/import/series-declared"
fi
if command -v python3 > /dev/null 2>&1; then
	python3 tests/import/mkdocx.py word "$out/import/word.docx"
	python3 tests/import/mkdocx.py numbered "$out/import/numbered.docx"
	python3 - "$out/import" <<'PY'
import sys, zipfile
d = sys.argv[1]
data = open(d + '/word.docx', 'rb').read()
open(d + '/docx', 'wb').write(b'\x01' + data)
open(d + '/xml', 'wb').write(b'\x02' + zipfile.ZipFile(d + '/word.docx').read('word/document.xml'))
open(d + '/docx-numbered', 'wb').write(b'\x01' + open(d + '/numbered.docx', 'rb').read())
PY
	rm -f "$out/import/word.docx" "$out/import/numbered.docx"
fi
# A folder seed (fuzz_folder.c): each entry a kind byte, a name byte and a
# text; a series' files as regular files (names 0 to 4: series.hlr, a.hlr
# ...), then a link to the report outside, a FIFO, a link to /dev/zero and
# a folder, under the names left.
for d in examples/covid-weekly tests/series/*/; do
	d=${d%/}
	[ -f "$d/series.hlr" ] || continue
	name=$(echo "$d" | tr '/' '_')
	{
		printf '\000\000'
		cat "$d/series.hlr"
		k=1
		for r in "$d"/*.hlr; do
			[ "$r" = "$d/series.hlr" ] && continue
			[ $k -le 3 ] || break
			printf '%%%%\n\000\%03o' "$k"
			cat "$r"
			k=$((k + 1))
		done
		printf '%%%%\n\004\004%%%%\n\005\005%%%%\n\007\006%%%%\n\006\007'
	} > "$out/folder/$name.bin"
done
