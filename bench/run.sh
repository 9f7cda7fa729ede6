#!/usr/bin/env bash
# One report in every output format, beside cmark, pandoc (when installed)
# and cat, on the same content, in one run and one table:
#   bench/run.sh [HLRC]
#
# For each size, bench/gen-report.sh writes a report; the Markdown that
# HLRC renders of it ("the same text as Markdown") is what cmark and pandoc
# turn into HTML. HLRC builds the .hlr file to html, md and json; cat copies
# the .hlr file: the floor. Every tool writes to standard output sent to a
# file. Seconds are the best of RUNS runs (default 3; see bench/lib.sh)
# after a warm-up run under GNU time, which gives the peak memory.
# Columns: the runs, the best wall time and its CPU time (user + system),
# MB/s of input, the time over cmark's and over hlrc's HTML, peak memory
# in MiB and over the input size.
#
# SIZES overrides the sizes (bytes); BENCH_MAX_MB caps them (e.g. 10 drops
# 100 MB); pandoc runs up to PANDOC_MAX_MB (default 1: 17 s at 10 MB).
set -eu
HLRC=${1:-build/hlrc}
here=$(dirname "$0")
. "$here/lib.sh"
SIZES=${SIZES:-5000 100000 1000000 10000000 100000000}
bench_need cmark
bench_init "$HLRC" "${TMPDIR:-/tmp}"
cap=$(( ${BENCH_MAX_MB:-100000} * 1000000 ))
pcap=$(( ${PANDOC_MAX_MB:-1} * 1000000 ))
t=$B_TMP

echo "# one report: $("$HLRC" --version | head -n 1), $(cmark --version | head -n 1 | cut -d' ' -f1-2); best of $RUNS+ runs; $(bench_load)"
printf '%10s %-9s %4s %9s %7s %8s %8s %8s %9s %7s\n' \
	bytes tool runs seconds cpu_s MB/s vs_cmark vs_html peak_MiB peak/in
for size in $SIZES; do
	[ "$size" -le "$cap" ] || continue
	sh "$here/gen-report.sh" "$size" "$t/r.hlr"
	"$HLRC" build --to md "$t/r.hlr" > "$t/r.md"
	bytes=$(wc -c < "$t/r.hlr")
	rows=
	for tool in cmark hlrc-html hlrc-md hlrc-json pandoc cat; do
		case $tool in
		cmark) cmd="cmark $(q "$t/r.md") > $(q "$t/c.html")" ;;
		hlrc-*) cmd="$(q "$HLRC") build --to ${tool#hlrc-} $(q "$t/r.hlr") > $(q "$t/out.${tool#hlrc-}")" ;;
		pandoc)
			command -v pandoc > /dev/null 2>&1 || continue
			[ "$bytes" -le "$pcap" ] || continue
			cmd="pandoc -f commonmark -t html $(q "$t/r.md") > $(q "$t/p.html")" ;;
		cat) cmd="cat $(q "$t/r.hlr") > $(q "$t/cat.out")" ;;
		esac
		bench_measure "$cmd"
		rows="$rows$tool $B_RUNS $B_WALL $B_RSS $((B_USER + B_SYS))
"
	done
	cmp -s "$t/r.md" "$t/out.md" || { echo "bench: hlrc's Markdown differs between runs" >&2; exit 1; }
	printf '%s' "$rows" | awk -v b="$bytes" '
		{ tool[NR] = $1; n[NR] = $2; w[NR] = $3; k[NR] = $4; cpu[NR] = $5; if ($1 == "cmark") c = $3; if ($1 == "hlrc-html") h = $3 }
		END { for (i = 1; i <= NR; i++)
			printf "%10d %-9s %4d %9.4f %7.3f %8.1f %8.2f %8.2f %9.1f %7.2f\n", b, tool[i], n[i], w[i] / 1e6, cpu[i] / 1e6,
				b / w[i], w[i] / c, w[i] / h, k[i] / 1024, k[i] * 1024 / b }'
done
