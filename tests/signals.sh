# Temporary files and signals; sourced by tests/run.sh (uses HLRC, tmp, ok,
# bad). hlrc build -o OUT writes OUT.hlrc-XXXXXX and renames it:
#
#   - SIGINT, SIGTERM or SIGHUP while it writes: no temporary file remains,
#     OUT is the previous file, and hlrc ends by that signal;
#   - a temporary left by a run killed outright (SIGKILL) or planted, older
#     than the next run and locked by nobody, is removed by the next run
#     that writes to its folder; one a running (here: stopped) hlrc holds
#     is kept.
#
# No timing is asserted: a signal is sent once the temporary file exists,
# and when the build ends first the input doubles, a bounded number of
# times. A background job of a script starts with SIGINT ignored (and hlrc
# keeps an ignored signal ignored), so the builds run under
# `env --default-signal=INT`, or perl, as they would in a terminal.

sig_gen() { awk -v n="$1" 'BEGIN { print "title T\nperiod month 2020-11\n== guidance"; for (i = 0; i < n; i++) printf "- Item %d with *some* text and a [link](https://example.org/%d)\n", i, i }' > "$2"; }

# sig_start DIR OUT INPUT: starts hlrc build -o DIR/OUT in the background
# (pid in sig_pid) and waits until its temporary file exists (sig_seen=1)
# or it has ended (sig_seen empty)
sig_start() {
	$sig_fg "$HLRC" build -o "$1/$2" "$3" 2> /dev/null &
	sig_pid=$!
	sig_seen=
	i=0
	while [ $i -lt 3000 ]; do
		for f in "$1/$2".hlrc-*; do [ -e "$f" ] && sig_seen=1; done
		[ -n "$sig_seen" ] && break
		kill -0 "$sig_pid" 2> /dev/null || break
		sleep 0.01 2> /dev/null
		i=$((i + 1))
	done
}

sig_fg=
if env --default-signal=INT true 2> /dev/null; then
	sig_fg="env --default-signal=INT"
elif command -v perl > /dev/null 2>&1; then
	printf '$SIG{INT} = "DEFAULT"; exec @ARGV or exit 127;\n' > "$tmp/dfl.pl"
	sig_fg="perl $tmp/dfl.pl"
fi

n=200000
sig_gen $n "$tmp/sig.hlr"
for sig in INT TERM HUP; do
	if [ $sig = INT ] && [ -z "$sig_fg" ]; then
		printf 'skip: SIGINT needs env --default-signal or perl\n'
		continue
	fi
	d=$tmp/sig-$sig
	mkdir -p "$d"
	tries=0 status=
	while [ -z "$status" ] && [ $tries -lt 4 ]; do
		printf 'previous\n' > "$d/out.html"
		sig_start "$d" out.html "$tmp/sig.hlr"
		[ -n "$sig_seen" ] && kill -s $sig "$sig_pid"
		wait "$sig_pid" 2> /dev/null
		status=$?
		if [ $status -eq 0 ]; then # ended before the signal: a bigger input
			status= tries=$((tries + 1)) n=$((n * 2))
			sig_gen $n "$tmp/sig.hlr"
		fi
	done
	case $sig in INT) want=130 ;; TERM) want=143 ;; HUP) want=129 ;; esac
	if [ "$status" = "$want" ] && [ -z "$(find "$d" -name '*.hlrc-*')" ] &&
	   [ "$(cat "$d/out.html")" = previous ]; then
		ok
	else
		{ printf 'exit status %s (want %s), after %s tries; left:\n' "$status" "$want" "$tries"
		  ls -la "$d"; } > "$tmp/diff"
		bad "signals: SIG$sig leaves no temporary file and the previous output"
	fi
done

# leftovers: one of a run killed outright, one planted (both made older than
# the next run), and a name that only looks like one
d=$tmp/sig-stale
mkdir -p "$d"
printf 'title T\nperiod month 2020-11\n== guidance\n- Item\n' > "$tmp/small.hlr"
tries=0 killed=
while [ -z "$killed" ] && [ $tries -lt 4 ]; do
	sig_start "$d" killed.html "$tmp/sig.hlr"
	if [ -n "$sig_seen" ]; then kill -s KILL "$sig_pid"; fi
	wait "$sig_pid" 2> /dev/null
	if [ $? -eq 137 ]; then killed=1; else tries=$((tries + 1)); fi
done
for f in "$d"/killed.html.hlrc-*; do [ -e "$f" ] && touch -t 202001010000 "$f"; done
printf 'partial' > "$d/out.html.hlrc-AbC123"
printf 'notes' > "$d/out.html.hlrc-notes"
touch -t 202001010000 "$d/out.html.hlrc-AbC123" "$d/out.html.hlrc-notes"
if [ -n "$killed" ] && [ -n "$(find "$d" -name 'killed.html.hlrc-*')" ]; then ok; else bad "signals: SIGKILL leaves its temporary file (the case to clear)"; fi
"$HLRC" build -o "$d/out.html" "$tmp/small.hlr"
if [ $? -eq 0 ] && [ -z "$(find "$d" -name 'killed.html.hlrc-*' -o -name 'out.html.hlrc-AbC123')" ] &&
   [ -f "$d/out.html.hlrc-notes" ] && grep -q '<li>Item</li>' "$d/out.html"; then
	ok
else
	ls -la "$d" > "$tmp/diff"
	bad "signals: the next run removes stale temporary files"
fi

# a temporary that a running hlrc holds is kept, however old it looks (the
# writer is stopped meanwhile, so that its writes leave the time alone)
d=$tmp/sig-live
mkdir -p "$d"
tries=0 result=
while [ -z "$result" ] && [ $tries -lt 4 ]; do
	sig_start "$d" big.html "$tmp/sig.hlr"
	# the writer takes its lock between making the file and writing to it:
	# wait for its first bytes, so that it is stopped holding the lock
	i=0 written=
	while [ -n "$sig_seen" ] && [ -z "$written" ] && [ $i -lt 3000 ]; do
		for f in "$d"/big.html.hlrc-*; do [ -s "$f" ] && written=1; done
		[ -n "$written" ] || sleep 0.01 2> /dev/null
		i=$((i + 1))
	done
	if [ -n "$written" ] && kill -s STOP "$sig_pid" 2> /dev/null; then
		for f in "$d"/big.html.hlrc-*; do [ -e "$f" ] && touch -t 202001010000 "$f"; done
		"$HLRC" build -o "$d/small.html" "$tmp/small.hlr"
		if [ -n "$(find "$d" -name 'big.html.hlrc-*')" ]; then result=kept; else result=removed; fi
		kill -s CONT "$sig_pid"
	fi
	wait "$sig_pid" 2> /dev/null
	status=$?
	[ -n "$result" ] || tries=$((tries + 1))
done
if [ "$result" = kept ] && [ $status -eq 0 ] && [ -z "$(find "$d" -name '*.hlrc-*')" ] &&
   grep -q '</html>' "$d/big.html"; then
	ok
else
	{ printf 'result %s, status %s\n' "$result" "$status"; ls -la "$d"; } > "$tmp/diff"
	bad "signals: a temporary a running hlrc holds is kept"
fi
rm -rf "$tmp"/sig-* "$tmp/sig.hlr"
