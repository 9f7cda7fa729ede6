#!/bin/sh
# Whole-series builds at 100, 1,000 and 10,000 weekly reports of about 5 kB,
# each carrying its finance section forward from the one before:
#   bench/series.sh [HLRC]
# One `hlrc build --to html -o OUT DIR` run per size, beside cmark on the
# same reports as Markdown, once with one process per file and once with
# all files in one process. Best of three runs; GNU time gives seconds
# (wall, user, system) and peak memory.
#
# Outputs go to OUT_DIR (default /dev/shm when writable, else TMPDIR):
# creating 10,000 files costs this machine's ext4 about 3.5 s of system time
# whoever creates them (`touch` alone), which would hide the compiler.
set -eu
HLRC=${1:-build/hlrc}
TIME=/usr/bin/time
for tool in "$TIME" cmark bc; do
	command -v "$tool" > /dev/null 2>&1 || { echo "bench: needs $tool (apt-get install time cmark bc)" >&2; exit 1; }
done
base=${OUT_DIR:-}
if [ -z "$base" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then base=/dev/shm; else base=${TMPDIR:-/tmp}; fi
fi
tmp=$(mktemp -d "$base/hlrc-series.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# best CMD...: the fastest of three runs as "wall user sys peak_kib"
best() {
	b=
	for _ in 1 2 3; do
		rm -rf "$tmp/out" "$tmp/md-out"
		mkdir -p "$tmp/md-out"
		$TIME -f '%e %U %S %M' -o "$tmp/time" "$@" > /dev/null 2> "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
		read -r w u s k < "$tmp/time"
		if [ -z "$b" ] || [ "$(echo "$w < $bw" | bc)" = 1 ]; then b=1; bw=$w bu=$u bs=$s bk=$k; fi
	done
	echo "$bw $bu $bs $bk"
}

echo "outputs in $base"
printf '%8s %9s %-22s %7s %7s %7s %9s %10s\n' reports input_kB tool wall user sys peak_MiB us/report
for n in ${SIZES:-100 1000 10000}; do
	sh "$(dirname "$0")/gen-series.sh" "$n" "$tmp/s"
	kb=$(cat "$tmp"/s/*.hlr | wc -c | awk '{ printf "%d", $1 / 1024 }')
	# the same reports as Markdown, for cmark
	"$HLRC" build --to md -o "$tmp/md" "$tmp/s" 2> /dev/null
	for tool in hlrc cmark-per-file cmark-one-process; do
		case $tool in
		hlrc) set -- $(best "$HLRC" build --to html -o "$tmp/out" "$tmp/s") ;;
		cmark-per-file) set -- $(best sh -c "for f in '$tmp'/md/*.md; do cmark \"\$f\" > '$tmp/md-out'/\$(basename \"\$f\" .md).html; done") ;;
		cmark-one-process) set -- $(best sh -c "cmark '$tmp'/md/*.md > '$tmp/md-out/all.html'") ;;
		esac
		printf '%8d %9d %-22s %7.2f %7.2f %7.2f %9.1f %10.0f\n' "$n" "$kb" "$tool" "$1" "$2" "$3" \
			"$(echo "$4 / 1024" | bc -l)" "$(echo "$1 * 1000000 / $n" | bc -l)"
	done
	[ "$(ls "$tmp/md" | wc -l)" -eq "$n" ] || { echo "bench: expected $n reports" >&2; exit 1; }
done
