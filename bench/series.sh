#!/usr/bin/env bash
# Whole-series builds at 100, 1,000 and 10,000 weekly reports of about 5 kB,
# each carrying its finance section forward from the one before:
#   bench/series.sh [HLRC]
# One `hlrc build --to FMT -o OUT DIR` run per format (md, html, json) and
# one `hlrc check DIR` per size, beside cmark on the same reports as
# Markdown (HLRC's), once with one process per file and once with all files
# in one process. Best of RUNS runs (default 3; see bench/lib.sh) after a
# warm-up under GNU time, which gives the peak memory; user and system
# seconds are those of the fastest run.
#
# SIZES overrides the numbers of reports; BENCH_MAX_REPORTS caps them.
# Outputs go to OUT_DIR (default /dev/shm when writable, else TMPDIR):
# creating 10,000 files costs this machine's ext4 about 3.5 s of system time
# whoever creates them (`touch` alone), which would hide the compiler.
set -eu
HLRC=${1:-build/hlrc}
here=$(dirname "$0")
. "$here/lib.sh"
bench_need cmark
base=${OUT_DIR:-}
if [ -z "$base" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then base=/dev/shm; else base=${TMPDIR:-/tmp}; fi
fi
bench_init "$HLRC" "$base"
cap=${BENCH_MAX_REPORTS:-1000000}
t=$B_TMP

echo "# whole series: $("$HLRC" --version | head -n 1), $(cmark --version | head -n 1 | cut -d' ' -f1-2); outputs in $base; best of $RUNS+ runs; $(bench_load)"
printf '%8s %9s %-18s %4s %8s %7s %7s %9s %10s\n' \
	reports input_kB tool runs seconds user sys peak_MiB us/report
for n in ${SIZES:-100 1000 10000}; do
	[ "$n" -le "$cap" ] || continue
	sh "$here/gen-series.sh" "$n" "$t/s"
	kb=$(cat "$t"/s/*.hlr | wc -c | awk '{ printf "%d", $1 / 1024 }')
	# the same reports as Markdown, for cmark
	"$HLRC" build --to md -o "$t/md" "$t/s" 2> /dev/null
	[ "$(find "$t/md" -name "*.md" | wc -l)" -eq "$n" ] || { echo "bench: expected $n reports" >&2; exit 1; }
	for tool in hlrc-md hlrc-html hlrc-json hlrc-check cmark-per-file cmark-one-process; do
		setup="rm -rf $(q "$t/out"); mkdir $(q "$t/out")"
		case $tool in
		hlrc-check) cmd="$(q "$HLRC") check $(q "$t/s")" ;;
		hlrc-*) cmd="$(q "$HLRC") build --to ${tool#hlrc-} -o $(q "$t/out/x") $(q "$t/s")" ;;
		cmark-per-file) cmd="for f in $(q "$t/md")/*.md; do cmark \"\$f\" > $(q "$t/out")/\"\${f##*/}\".html; done" ;;
		cmark-one-process) cmd="cmark $(q "$t/md")/*.md > $(q "$t/out/all.html")" ;;
		esac
		bench_measure "$cmd" "$setup"
		case $tool in
		hlrc-check | cmark-one-process) ;;
		*) [ "$(find "$t/out" -type f | wc -l)" -eq "$n" ] || { echo "bench: $tool: expected $n outputs" >&2; exit 1; } ;;
		esac
		awk -v n="$n" -v kb="$kb" -v tool="$tool" -v r="$B_RUNS" -v w="$B_WALL" -v u="$B_USER" \
			-v s="$B_SYS" -v k="$B_RSS" 'BEGIN {
			printf "%8d %9d %-18s %4d %8.3f %7.2f %7.2f %9.1f %10.0f\n",
				n, kb, tool, r, w / 1e6, u / 1e6, s / 1e6, k / 1024, w / n }'
	done
done
