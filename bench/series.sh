#!/bin/sh
# Whole-series builds at 100, 1,000 and 10,000 weekly reports, each carrying
# its finance section forward from the one before: bench/series.sh [HLRC]
# Prints, per size, the input bytes, the seconds and peak memory of one
# `hlrc build --to html -o OUT DIR` run, and the time per report, so that
# linear growth shows as a flat last column.
set -eu
HLRC=${1:-build/hlrc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hlrc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
printf '%8s %10s %9s %9s %12s\n' reports input_kB seconds peak_MiB us/report
for n in ${SIZES:-100 1000 10000}; do
	sh "$(dirname "$0")/gen-series.sh" "$n" "$tmp/s$n"
	kb=$(du -sk "$tmp/s$n" | cut -f1)
	best=
	for run in 1 2 3; do
		rm -rf "$tmp/out"
		$TIME -f '%e %M' -o "$tmp/time" "$HLRC" build --to html -o "$tmp/out" "$tmp/s$n" 2> "$tmp/err" ||
			{ cat "$tmp/err" >&2; exit 1; }
		read -r secs kib < "$tmp/time"
		if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; peak=$kib; fi
	done
	[ "$(ls "$tmp/out" | wc -l)" -eq "$n" ] || { echo "bench: expected $n outputs" >&2; exit 1; }
	printf '%8d %10d %9.2f %9.1f %12.0f\n' "$n" "$kb" "$best" "$(echo "$peak / 1024" | bc -l)" \
		"$(echo "$best * 1000000 / $n" | bc -l)"
done
