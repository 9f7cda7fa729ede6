#!/usr/bin/env bash
# `hlrc check DIR` against `hlrc check DIR/*.hlr` on one series of 1,000
# weekly reports (bench/gen-series.sh): the same reports, named as a folder
# or file by file (series.hlr among them, as the shell's glob gives it):
#   bench/check-files.sh [HLRC]
# A measurement, not a test: it prints both times, their ratio, and whether
# the two printed the same diagnostics. Best of RUNS runs (default 3; see
# bench/lib.sh; a form whose runs take over BENCH_BUDGET seconds stops
# after 2) after a warm-up under GNU time, which gives the peak memory.
# CHECK_REPORTS sets the number of reports (default 1000).
set -eu
HLRC=${1:-build/hlrc}
here=$(dirname "$0")
. "$here/lib.sh"
bench_init "$HLRC" "${TMPDIR:-/tmp}"
n=${CHECK_REPORTS:-1000}
t=$B_TMP

sh "$here/gen-series.sh" "$n" "$t/s"
echo "# check: $("$HLRC" --version | head -n 1); $n reports; best of $RUNS+ runs; $(bench_load)"
printf '%8s %-22s %4s %9s %7s %7s %9s\n' reports form runs seconds user sys peak_MiB
w_dir='' w_files=''
for form in dir files; do
	case $form in
	dir) label='check DIR' cmd="$(q "$HLRC") check $(q "$t/s") > $(q "$t/dir.out") 2>&1" ;;
	files) label='check DIR/*.hlr' cmd="$(q "$HLRC") check $(q "$t/s")/*.hlr > $(q "$t/files.out") 2>&1" ;;
	esac
	bench_measure "$cmd"
	case $form in dir) w_dir=$B_WALL ;; files) w_files=$B_WALL ;; esac
	awk -v n="$n" -v l="$label" -v r="$B_RUNS" -v w="$B_WALL" -v u="$B_USER" -v s="$B_SYS" -v k="$B_RSS" \
		'BEGIN { printf "%8d %-22s %4d %9.4f %7.2f %7.2f %9.1f\n", n, l, r, w / 1e6, u / 1e6, s / 1e6, k / 1024 }'
done
if cmp -s "$t/dir.out" "$t/files.out"; then same=same; else same=different; fi
awk -v d="$w_dir" -v f="$w_files" -v same="$same" -v lines="$(wc -l < "$t/dir.out")" \
	'BEGIN { printf "ratio (DIR/*.hlr over DIR): %.2f; diagnostics: %s (%d lines)\n", f / d, same, lines }'
