#!/bin/bash
# Statuses and metrics across a series: bench/metrics.sh [HLRC]
#
# Builds weekly series of 13, 26, 52, 104 and 208 reports with 20 metrics
# (gen-metrics.sh) to HTML in one run each (hlrc build DIR -o OUT), and the
# same reports without statuses and metrics, and prints the wall time per
# report. Each value is linked to the previous one when its report is
# resolved, so the work of resolving is the same per report however long
# the series; what grows is each report's charts, which draw every value so
# far (N points for report N: the output itself grows with N).
set -eu
HLRC=${1:-build/hlrc}
SIZES=${SIZES:-13 26 52 104 208}
RUNS=${RUNS:-3}
OUT_DIR=${OUT_DIR:-/dev/shm}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "$OUT_DIR/hlrc-metrics.XXXXXX")
trap 'rm -rf "$work"' EXIT
best() { # best wall seconds of RUNS builds of $1 into $2
	local b= t0 t1 t i
	for ((i = 0; i < RUNS; i++)); do
		rm -rf "$2"
		t0=$EPOCHREALTIME
		"$HLRC" build --to html "$1" -o "$2" 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
		t1=$EPOCHREALTIME
		t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
		if [ -z "$b" ] || awk -v a="$t" -v b="$b" 'BEGIN { exit !(a < b) }'; then b=$t; fi
	done
	printf '%s' "$b"
}
printf '| reports | with metrics (s) | ms/report | without (s) | ms/report | HTML bytes of the last report |\n'
printf '|---:|---:|---:|---:|---:|---:|\n'
for n in $SIZES; do
	sh "$here/gen-metrics.sh" "$n" "$work/m$n"
	sh "$here/gen-metrics.sh" "$n" "$work/p$n" plain
	tm=$(best "$work/m$n" "$work/om$n")
	tp=$(best "$work/p$n" "$work/op$n")
	last=$(ls "$work/om$n"/*.html | tail -1)
	printf '| %d | %s | %s | %s | %s | %d |\n' "$n" "$tm" \
		"$(awk -v t="$tm" -v n="$n" 'BEGIN { printf "%.2f", 1000 * t / n }')" "$tp" \
		"$(awk -v t="$tp" -v n="$n" 'BEGIN { printf "%.2f", 1000 * t / n }')" "$(wc -c < "$last")"
done
