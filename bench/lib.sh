# Shared by the bench scripts; bash, for EPOCHREALTIME (a clock read
# without a process) and the `times` builtin. Source it, then call
# bench_init. Settings from the environment:
#   RUNS          timed runs of each measurement, best kept (default 3);
#                 short ones are repeated until they have taken 0.5 s in
#                 all (at most 20 runs), which steadies millisecond times
#   BENCH_BUDGET  seconds: a measurement stops repeating once its runs
#                 have taken this long, after 2 runs at least (default 30)

RUNS=${RUNS:-3}
BENCH_BUDGET=${BENCH_BUDGET:-30}
TIME=/usr/bin/time

# bench_need TOOL...: exits with an install hint unless every tool is there
bench_need() {
	local t
	for t in "$@"; do
		command -v "$t" > /dev/null 2>&1 ||
			{ echo "bench: needs $t (apt-get install time cmark)" >&2; exit 1; }
	done
}

# bench_init HLRC BASE: checks HLRC runs, makes a temporary folder under
# BASE, removed on exit, in B_TMP
bench_init() {
	[ -n "${EPOCHREALTIME:-}" ] || { echo "bench: needs bash 5 (EPOCHREALTIME)" >&2; exit 1; }
	"$1" --version > /dev/null 2>&1 || { echo "bench: $1 does not run (make first, or give a binary)" >&2; exit 1; }
	shift
	bench_need "$TIME" awk
	B_TMP=$(mktemp -d "$1/hlrc-bench.XXXXXX")
	trap 'rm -rf "$B_TMP"' EXIT
	trap 'exit 130' INT TERM
}

# bench_load: "load L1 L5 L15", the load averages, for the tables' headings
# (other work on the machine slows the wall times; CPU times less so)
bench_load() {
	[ -r /proc/loadavg ] && echo "load $(cut -d' ' -f1-3 /proc/loadavg)" || echo "load unknown"
}

# q ARG: ARG quoted for a command string
q() { printf '%q' "$1"; }

# _cpu: the CPU time of this shell's waited-for children so far, in
# microseconds, into _CU and _CS, from the `times` builtin (called in this
# shell: a subshell's children would not be ours)
_cpu() {
	local u s
	times > "$B_TMP/times"
	{ read -r _ _; read -r u s; } < "$B_TMP/times"
	_CU=$(_us "$u") _CS=$(_us "$s")
}
# _us 1m2.345s -> microseconds
_us() {
	local m=${1%%m*} r=${1#*m}
	r=${r%s}
	local sec=${r%.*} frac=${r#*.}
	frac=${frac}000000
	echo $(( (10#$m * 60 + 10#$sec) * 1000000 + 10#${frac:0:6} ))
}

# shellcheck disable=SC2034 # B_RSS, B_USER, B_SYS are the scripts' to read
# bench_measure CMD [SETUP]: CMD is a command string for sh, writing its
# output to a file; SETUP (untimed) runs before each run. One run under GNU
# time first: the warm-up (libraries, page cache), and the peak memory.
# Then timed runs, the clock read in this shell around CMD alone. Sets
# B_WALL, B_USER, B_SYS (microseconds, of the fastest run), B_RSS (KiB)
# and B_RUNS.
bench_measure() {
	local cmd=$1 setup=${2:-:} total=0 t0 t1 u0 s0 w
	eval "$setup"
	# sh (dash) rather than bash: the shell's own memory before it execs
	# the tool counts in the peak, and dash's is about the size of cat's
	$TIME -f '%M' -o "$B_TMP/rss" sh -c "$cmd" 2> "$B_TMP/err" ||
		{ echo "bench: failed: $cmd" >&2; cat "$B_TMP/err" >&2; exit 1; }
	B_RSS=$(tail -n 1 "$B_TMP/rss")
	B_RUNS=0 B_WALL=
	while :; do
		[ "$B_RUNS" -lt 20 ] || break
		if [ "$B_RUNS" -ge 1 ]; then
			[ "$total" -gt $((BENCH_BUDGET * 1000000)) ] && [ "$B_RUNS" -ge 2 ] && break
			[ "$B_RUNS" -ge "$RUNS" ] && [ "$total" -ge 500000 ] && break
		fi
		eval "$setup"
		_cpu
		u0=$_CU s0=$_CS
		t0=$EPOCHREALTIME
		eval "$cmd" 2> "$B_TMP/err" || { echo "bench: failed: $cmd" >&2; cat "$B_TMP/err" >&2; exit 1; }
		t1=$EPOCHREALTIME
		_cpu
		w=$(( ${t1//[!0-9]/} - ${t0//[!0-9]/} ))
		total=$((total + w))
		B_RUNS=$((B_RUNS + 1))
		if [ -z "$B_WALL" ] || [ "$w" -lt "$B_WALL" ]; then
			B_WALL=$w B_USER=$((_CU - u0)) B_SYS=$((_CS - s0))
		fi
	done
}
