#!/bin/sh
# Seeds the fuzzing corpora from the examples and tests:
#   fuzz/corpus.sh OUTDIR   ->  OUTDIR/report/* and OUTDIR/series/*
# A series seed is series.hlr and its reports joined by lines "%%", the
# form fuzz_series.c splits.
set -eu
out=$1
mkdir -p "$out/report" "$out/series"
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
