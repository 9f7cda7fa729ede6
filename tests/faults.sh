# Folder outputs whole or not at all; sourced by tests/run.sh (uses HLRC,
# tmp, ok, bad). hlrc build DIR -o OUT and hlrc site DIR -o OUT write a
# temporary folder OUT.hlrc-XXXXXX beside OUT and swap it in at the end:
#
#   - killed at 50 moments (seeded, so the same moments every run; SIGINT,
#     SIGTERM, SIGHUP and SIGKILL), OUT is byte for byte the old output or
#     the new one, whole trees compared, never a mix; no temporary remains
#     (after SIGKILL: once the next run has cleared it);
#   - a full disk (a small tmpfs) leaves OUT as it was and no temporary;
#   - an error in a report leaves OUT as it was;
#   - files in OUT that hlrc did not write are carried into the new OUT.
#
# The work happens on tmpfs in a mount namespace of its own (unshare, as
# root or with a user namespace), where fsync costs nothing; without one,
# the cases print a skip line. No timing is asserted: the moment of each
# signal is a seeded delay, and either outcome of it is checked.

# read-only outputs: an existing read-only file (-o FILE, --depfile, a
# file inside -o OUT) is an error naming it before anything is written; with
# --force it is replaced, and keeps its permissions
ro=$tmp/ro
rm -rf "$ro" && mkdir -p "$ro"
ro_ex=examples/covid-weekly/2020-07-03.hlr
# ro_case NAME FILE [ARGS...]: FILE (read-only) must survive hlrc ARGS, and
# be replaced by hlrc --force ARGS
ro_case() {
	name=$1 file=$2
	shift 2
	cp "$file" "$ro/before"
	"$HLRC" "$@" > "$tmp/ro.out" 2>&1
	st=$?
	if [ $st -eq 1 ] && grep -q "$file.*read-only.*--force" "$tmp/ro.out" && cmp -s "$file" "$ro/before" &&
	   [ -z "$(find "$ro" -name '*.hlrc-*')" ]; then
		ok
	else
		{ printf 'exit status %s\n' "$st"; cat "$tmp/ro.out"; } > "$tmp/diff"
		bad "faults: a read-only $name is an error naming it, and stays"
	fi
	cmd=$1
	shift
	"$HLRC" "$cmd" --force "$@" > "$tmp/ro.out" 2>&1
	st=$?
	if [ $st -eq 0 ] && ! cmp -s "$file" "$ro/before" && [ "$(stat -c %a "$file")" = 444 ]; then
		ok
	else
		{ printf 'exit status %s, mode %s\n' "$st" "$(stat -c %a "$file")"; cat "$tmp/ro.out"; } > "$tmp/diff"
		bad "faults: --force replaces a read-only $name, keeping its mode"
	fi
}
printf 'old\n' > "$ro/out.md" && chmod 444 "$ro/out.md"
ro_case "-o FILE" "$ro/out.md" build -o "$ro/out.md" "$ro_ex"
printf 'old\n' > "$ro/deps.d" && chmod 444 "$ro/deps.d"
ro_case "--depfile" "$ro/deps.d" build -o "$ro/out2.md" --depfile "$ro/deps.d" "$ro_ex"
mkdir "$ro/site" && printf 'old\n' > "$ro/site/2020-06-26.html" && chmod 444 "$ro/site/2020-06-26.html"
ro_case "page in -o OUT (build)" "$ro/site/2020-06-26.html" build --to html -o "$ro/site" examples/covid-weekly
chmod 444 "$ro/site/index.html" 2> /dev/null || { printf 'old\n' > "$ro/site/index.html"; chmod 444 "$ro/site/index.html"; }
ro_case "page in -o OUT (site)" "$ro/site/index.html" site examples/covid-weekly -o "$ro/site"
rm -rf "$ro"

# inputs: '-' is standard input for build and check (a lone report called
# <stdin>); the input limit (HLRC_MAX_INPUT lowers it from 1 GiB) is checked
# before a file is read, and a pipe or a device is read to one byte past it,
# in small memory (ulimit -v)
in=$tmp/in
mkdir -p "$in"
printf 'title T\nperiod month 2020-11\n== guidance\n- Item from *stdin*\n' > "$in/r.hlr"
"$HLRC" build --to html "$in/r.hlr" > "$in/file.html" 2> /dev/null
if "$HLRC" build --to html - < "$in/r.hlr" > "$in/stdin.html" 2> "$in/err" &&
   cmp -s "$in/file.html" "$in/stdin.html" && [ -s "$in/stdin.html" ]; then ok; else
	cp "$in/err" "$tmp/diff"; bad "faults: build - reads standard input as a file"; fi
printf 'title T\nperiod month 2020-13\n== guidance\n- x\n' | "$HLRC" check - > "$in/out" 2>&1
st=$?
if [ $st -eq 1 ] && grep -q '^<stdin>:2:14: error: .*\[invalid-period\]' "$in/out"; then ok; else
	cp "$in/out" "$tmp/diff"; bad "faults: check - names standard input <stdin> (exit $st)"; fi
# (a sanitizer's shadow memory cannot be mapped under ulimit -v: those
# builds run the same inputs without the cap)
flt_cap=300000
(ulimit -v $flt_cap; "$HLRC" --version) > /dev/null 2>&1 || flt_cap=unlimited
if (ulimit -v $flt_cap; yes | HLRC_MAX_INPUT=100000 "$HLRC" build -) > /dev/null 2> "$in/err"; then st=0; else st=$?; fi
if [ $st -eq 1 ] && grep -q '^<stdin>: error: file is larger than 100000 bytes.*\[too-large\]' "$in/err"; then ok; else
	cp "$in/err" "$tmp/diff"; bad "faults: endless standard input ends with the size error (exit $st)"; fi
if [ -r /dev/zero ]; then
	(ulimit -v $flt_cap; HLRC_MAX_INPUT=1000000 "$HLRC" build /dev/zero) > /dev/null 2> "$in/err"
	st=$?
	if [ $st -eq 1 ] && grep -q '^/dev/zero: error: file is larger than 1000000 bytes.*\[too-large\]' "$in/err"; then ok; else
		cp "$in/err" "$tmp/diff"; bad "faults: /dev/zero ends with the size error (exit $st)"; fi
fi
HLRC_MAX_INPUT=10 "$HLRC" check "$in/r.hlr" > "$in/out" 2>&1
st=$?
if [ $st -eq 1 ] && grep -q 'r.hlr: error: file is larger than 10 bytes' "$in/out"; then ok; else
	cp "$in/out" "$tmp/diff"; bad "faults: a file over the input limit (exit $st)"; fi
rm -rf "$in"

fault_inner=$tmp/faults-inner.sh
cat > "$fault_inner" <<'INNER'
HLRC=$1 d=$2
mount -t tmpfs -o size=64m tmpfs "$d" || exit 3
mkdir "$d/full"
mount -t tmpfs -o size=3m tmpfs "$d/full" || exit 3
cd "$d" || exit 3
res() { printf '%s\n' "$*"; }
# gen DIR TEXT: 120 reports of a month each, with TEXT in every item
gen() {
	mkdir -p "$1"
	awk -v dir="$1" -v t="$2" 'BEGIN { for (i = 0; i < 120; i++) { f = sprintf("%s/r%03d.hlr", dir, i)
		printf "title Service %d\nperiod month %d-%02d\n== guidance\n- %s %d\n- Another %s item\n", i, 2000 + int(i / 12), i % 12 + 1, t, i, t > f; close(f) } }'
}
gen a "Old text"
gen b "New text"
fg=
env --default-signal=INT true 2> /dev/null && fg="env --default-signal=INT"
for cmd in build site; do
	# the old output, with a file and a folder hlrc did not write; the
	# new output is the new pages over it
	if [ $cmd = build ]; then set -- build --to html -o; else set -- site -o; fi
	mkdir -p ref
	"$HLRC" "$@" ref/old-$cmd a 2> /dev/null || res "FAIL: faults: $cmd of the old reports"
	printf 'mine\n' > ref/old-$cmd/notes.txt
	mkdir ref/old-$cmd/assets && printf 'x\n' > ref/old-$cmd/assets/logo.svg
	cp -a ref/old-$cmd ref/new-$cmd
	"$HLRC" "$@" ref/new-$cmd b 2> /dev/null || res "FAIL: faults: $cmd of the new reports"
	if diff -r ref/old-$cmd ref/new-$cmd > /dev/null || [ ! -f ref/new-$cmd/notes.txt ] ||
	   [ ! -f ref/new-$cmd/assets/logo.svg ] || [ -n "$(find ref -name '*.hlrc-*')" ]; then
		res "FAIL: faults: $cmd carries files it did not write into the new output"
	else
		res ok
	fi
	# an error in a report: nothing changes
	rm -rf out && cp -a ref/old-$cmd out && cp -a b bad
	printf 'title T\nperiod month 2020-13\n== guidance\n- x\n' > bad/zz.hlr
	"$HLRC" "$@" out bad 2> /dev/null
	st=$?
	if [ $st -eq 1 ] && diff -r ref/old-$cmd out > /dev/null && [ -z "$(find . -name '*.hlrc-*')" ]; then
		res ok
	else
		res "FAIL: faults: $cmd with an error in a report changed OUT (exit $st)"
	fi
	rm -rf bad out
	# a full disk: the old output fits, the new one does not fit beside it
	rm -rf full/out && cp -a ref/old-$cmd full/out 2> /dev/null
	fill=0
	while dd if=/dev/zero of=full/filler$fill bs=16k count=1 2> /dev/null &&
	      [ "$(df -k full | awk 'NR == 2 { print $4 }')" -gt 96 ]; do fill=$((fill + 1)); done
	"$HLRC" "$@" full/out b 2> err
	st=$?
	if [ $st -eq 1 ] && grep -q 'No space left' err && diff -r ref/old-$cmd full/out > /dev/null &&
	   [ -z "$(find full -name '*.hlrc-*')" ]; then
		res ok
	else
		res "FAIL: faults: $cmd on a full disk (exit $st): OUT changed or a temporary left"
	fi
	rm -f full/filler*
done
# 50 moments: each a seeded delay and signal, build and site in turn
awk 'BEGIN { srand(19); split("INT TERM HUP KILL", s, " ")
	for (i = 0; i < 50; i++) printf "%s %d.%03d\n", s[int(rand() * 4) + 1], 0, int(rand() * 120) }' > moments
i=0
while read -r sig delay; do
	if [ $((i % 2)) = 0 ]; then cmd=build; set -- build --to html -o; else cmd=site; set -- site -o; fi
	i=$((i + 1))
	rm -rf out && cp -a ref/old-$cmd out
	$fg "$HLRC" "$@" out b 2> /dev/null &
	pid=$!
	sleep "$delay"
	kill -s "$sig" $pid 2> /dev/null
	wait $pid
	st=$?
	if diff -r ref/old-$cmd out > /dev/null; then was=old
	elif diff -r ref/new-$cmd out > /dev/null; then was=new
	else was=mixed; fi
	if [ $sig = KILL ]; then
		# what a killed run left is older than the next run
		for t in out.hlrc-*; do [ -e "$t" ] && touch -t 202001010000 "$t"; done
		"$HLRC" "$@" out b 2> /dev/null || was="$was, the next run failed"
		diff -r ref/new-$cmd out > /dev/null || was="$was, the next run's output differs"
	fi
	left=$(find . -name '*.hlrc-*' | head -3)
	case $was in old|new) [ -z "$left" ] && { res ok; continue; } ;; esac
	res "FAIL: faults: $cmd, SIG$sig after ${delay}s (exit $st): OUT is $was; left: $left"
done < moments
INNER
fault_dir=$tmp/faults
mkdir -p "$fault_dir"
fault_hlrc=$HLRC
case $fault_hlrc in /*) ;; *) fault_hlrc=$(pwd)/$HLRC ;; esac
if [ "$(id -u)" = 0 ]; then fault_ns="unshare --mount"; else fault_ns="unshare --user --map-root-user --mount"; fi
if $fault_ns true 2> /dev/null; then
	$fault_ns sh "$fault_inner" "$fault_hlrc" "$fault_dir" > "$tmp/faults.out" 2> "$tmp/faults.err"
	fault_st=$?
	if [ $fault_st = 3 ]; then
		printf 'skip: faults: no tmpfs can be mounted here\n'
	else
		while IFS= read -r line; do
			case $line in
			ok) ok ;;
			FAIL:*) bad "${line#FAIL: }" ;;
			esac
		done < "$tmp/faults.out"
		n=$(grep -c . "$tmp/faults.out")
		if [ "$n" -ne 56 ]; then
			{ printf 'results: %s of 56\n' "$n"; cat "$tmp/faults.err"; } > "$tmp/diff"
			bad "faults: every case ran"
		fi
	fi
else
	printf 'skip: faults: neither root nor user namespaces for a tmpfs (unshare)\n'
fi
rm -rf "$fault_dir" "$fault_inner"
