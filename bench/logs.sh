#!/bin/bash
# Logs across a series: bench/logs.sh [HLRC]
#
# Builds weekly series of 50, 100, 200 and 500 reports (gen-logs.sh: four
# entries opened a report, so 200 to 2,000 entries over a series' life,
# about 32 open and carried at a time) to HTML in one run each
# (hlrc build --to html DIR -o OUT), and as a site (hlrc site DIR -o OUT:
# the reports, the index and a page per log with every entry's history),
# beside the same reports with their items written as plain content, and
# beside cmark given the Markdown of the plain series (one file, all its
# reports). It prints the wall time per report: carrying costs each report
# time in proportion to its open entries, so the time per report stays
# flat as the series grows.
set -eu
HLRC=${1:-build/hlrc}
SIZES=${SIZES:-50 100 200 500}
RUNS=${RUNS:-3}
OUT_DIR=${OUT_DIR:-/dev/shm}
here=$(cd "$(dirname "$0")" && pwd)
command -v cmark > /dev/null || { echo "bench/logs.sh: needs cmark (apt-get install cmark)" >&2; exit 2; }
work=$(mktemp -d "$OUT_DIR/hlrc-logs.XXXXXX")
trap 'rm -rf "$work"' EXIT
best() { # best wall seconds of RUNS runs of the command "$@" (its output removed first)
	local b= t0 t1 t i
	for ((i = 0; i < RUNS; i++)); do
		rm -rf "$work/out"
		t0=$EPOCHREALTIME
		"$@" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
		t1=$EPOCHREALTIME
		t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
		if [ -z "$b" ] || awk -v a="$t" -v b="$b" 'BEGIN { exit !(a < b) }'; then b=$t; fi
	done
	printf '%s' "$b"
}
per() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.2f", 1000 * t / n }'; }
printf '| reports | entries | build (s) | ms/report | site (s) | ms/report | log pages (bytes) | plain build (s) | ms/report | cmark, plain Markdown (s) | ms/report |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in $SIZES; do
	sh "$here/gen-logs.sh" "$n" "$work/l$n"
	sh "$here/gen-logs.sh" "$n" "$work/p$n" plain
	opened=$(cat "$work/l$n"/r*.hlr | grep -c -E 'version 1: .*\{#e' | awk '{ print $1 }')
	tb=$(best "$HLRC" build --to html "$work/l$n" -o "$work/out")
	ts=$(best "$HLRC" site "$work/l$n" -o "$work/out")
	"$HLRC" site "$work/l$n" -o "$work/site" 2> /dev/null
	logbytes=$(cat "$work/site"/log-*.html | wc -c)
	tp=$(best "$HLRC" build --to html "$work/p$n" -o "$work/out")
	mkdir -p "$work/pmd"
	"$HLRC" build --to md "$work/p$n" -o "$work/pmd" 2> /dev/null
	cat "$work/pmd"/*.md > "$work/plain.md"
	tc=$(best cmark "$work/plain.md")
	printf '| %d | %d | %s | %s | %s | %s | %d | %s | %s | %s | %s |\n' "$n" "$opened" \
		"$tb" "$(per "$tb" "$n")" "$ts" "$(per "$ts" "$n")" "$logbytes" \
		"$tp" "$(per "$tp" "$n")" "$tc" "$(per "$tc" "$n")"
done
