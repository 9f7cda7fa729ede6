#!/bin/sh
# hlrc beside cmark, pandoc (when installed) and cat, on the same content,
# in one run: bench/run.sh [HLRC]
#
# For each size, bench/gen-report.sh writes a report; hlrc's own Markdown
# rendering of it is "the same text as Markdown" that cmark and pandoc get.
# hyperfine times each tool (mean of RUNS runs, default 5, after a warm-up);
# GNU time gives peak memory. Columns: MB/s of input, the ratio of the
# time to cmark's, and peak memory in MiB. SIZES overrides the sizes (bytes).
set -eu
HLRC=${1:-build/hlrc}
RUNS=${RUNS:-5}
SIZES=${SIZES:-5000 100000 1000000 10000000 100000000}
TIME=/usr/bin/time
for tool in "$TIME" cmark bc hyperfine; do
	command -v "$tool" > /dev/null 2>&1 || { echo "bench: needs $tool (apt-get install time cmark bc hyperfine)" >&2; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hlrc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# measure NAME 'COMMAND > OUT': "seconds peak_kib": hyperfine's mean time
# over RUNS runs after a warm-up (it subtracts the shell's own start-up, and
# milliseconds matter at small sizes), and GNU time's peak memory of one
# more run. Every tool writes to standard output, sent to a file.
measure() {
	runs=$RUNS
	[ "$1" = pandoc ] && runs=2 # seconds a run at 10 MB
	hyperfine -w 1 -r "$runs" --export-json "$tmp/h.json" -- "$2" > /dev/null 2>&1
	s=$(sed -n 's/^ *"mean": \([0-9.e-]*\),*$/\1/p' "$tmp/h.json" | head -1)
	$TIME -f '%M' -o "$tmp/time" sh -c "exec $2" 2> /dev/null
	echo "$s $(cat "$tmp/time")"
}

printf '%10s %-7s %9s %9s %9s %9s\n' bytes tool seconds MB/s vs_cmark peak_MiB
for size in $SIZES; do
	sh "$(dirname "$0")/gen-report.sh" "$size" "$tmp/r.hlr"
	"$HLRC" build --to md -o "$tmp/r.md" "$tmp/r.hlr"
	bytes=$(wc -c < "$tmp/r.hlr")
	cs=
	for tool in cmark hlrc pandoc cat; do
		case $tool in
		hlrc) set -- $(measure hlrc "'$HLRC' build --to html '$tmp/r.hlr' > '$tmp/r.html'") ;;
		cmark) set -- $(measure cmark "cmark '$tmp/r.md' > '$tmp/c.html'") ;;
		pandoc)
			command -v pandoc > /dev/null 2>&1 || continue
			[ "$bytes" -le 20000000 ] || continue # minutes at 100 MB
			set -- $(measure pandoc "pandoc -f commonmark -t html '$tmp/r.md' > '$tmp/p.html'") ;;
		cat) set -- $(measure cat "cat '$tmp/r.hlr' > '$tmp/cat.out'") ;;
		esac
		s=$(printf '%.6f' "$1") k=$2
		[ -n "$cs" ] || cs=$s
		printf '%10d %-7s %9.4f %9.1f %9.2f %9.1f\n' "$bytes" "$tool" "$s" \
			"$(echo "$bytes / 1000000 / $s" | bc -l)" "$(echo "$s / $cs" | bc -l)" \
			"$(echo "$k / 1024" | bc -l)"
	done
done
