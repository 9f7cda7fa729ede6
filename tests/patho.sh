# Pathological inputs; sourced by tests/run.sh (uses HLRC, tmp, ok, bad).
#
# Growth: each generator runs at size N and 8N under callgrind, which counts
# instructions exactly (no clocks involved), and the ratio must stay near 8:
# at most 12, where quadratic cost would give 64. Then the full-size inputs
# the issue names run natively and their output is checked.
# HLRC_PATHO=native skips the callgrind part (sanitizer builds).

# gen_KIND N FILE
gen_items() { awk -v n="$1" 'BEGIN { print "title T\nperiod month 2020-11\n== guidance"; for (i = 0; i < n; i++) printf "- Item %d with *some* text and a [link](https://example.org/%d)\n", i, i }' > "$2"; }
gen_deep() { awk -v n="$1" 'BEGIN { print "title T\nperiod month 2020-11\n== guidance"; for (i = 0; i < n; i++) printf "%*s- level %d\n", i % 2000, "", i }' > "$2"; }
gen_line() { awk -v n="$1" 'BEGIN { print "title T\nperiod month 2020-11\n== guidance"; printf "- "; for (i = 0; i < n; i++) printf "word%d ", i % 100; print "" }' > "$2"; }
gen_sections() { awk -v n="$1" 'BEGIN { print "title T\nperiod month 2020-11"; for (i = 0; i < n; i++) printf "section s%d HEADING %d\n", i, i; for (i = 0; i < n; i++) printf "== s%d\n- item {#i%d}\n", i, i }' > "$2"; }
gen_ids() { awk -v n="$1" 'BEGIN { print "title T\nperiod month 2020-11\n== guidance"; for (i = 0; i < n; i++) printf "- item {#id%d}\n", i }' > "$2"; }
gen_errors() { awk -v n="$1" 'BEGIN { print "title T\nperiod month 2020-11\nauthority A Authority\n== guidance"; for (i = 0; i < n; i++) printf "- @B%d undeclared\n", i }' > "$2"; }
gen_chain() {
	mkdir -p "$2"; rm -f "$2"/*.hlr
	printf 'title T\ncadence weekly\n' > "$2/series.hlr"
	awk -v n="$1" -v dir="$2" 'BEGIN { z = 10963
		for (i = 1; i <= n; i++) {
			zz = z + 719468; era = int(zz / 146097); doe = zz - era * 146097
			yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
			doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100)); mp = int((5 * doy + 2) / 153)
			d = doy - int((153 * mp + 2) / 5) + 1; m = mp < 10 ? mp + 3 : mp - 9; y = yoe + era * 400 + (m <= 2)
			f = sprintf("%s/r%06d.hlr", dir, i)
			printf "period week ending %04d-%02d-%02d\n== guidance\n", y, m, d > f
			if (i == 1) printf "- First {#first}\n- Second\n" > f
			else printf "unchanged\n== challenges\n- See [it](^previous#first)\n" > f
			close(f); z += 7 } }'
}
# a series of two reports, the first with N ids; the second refers to N
# ids it lacks (refs), N it has (targets), or carries N of them unchanged
# (unchanged)
gen_series2() {
	mkdir -p "$3"; rm -f "$3"/*.hlr
	printf 'title T\ncadence monthly\n' > "$3/series.hlr"
	awk -v n="$2" 'BEGIN { print "period month 2020-10\n== guidance"; for (i = 0; i < n; i++) printf "- item {#id%d}\n", i }' > "$3/a.hlr"
	awk -v n="$2" -v k="$1" 'BEGIN { print "period month 2020-11\n== guidance"
		for (i = 0; i < n; i++) if (k == "refs") printf "- see [it](^previous#id%dx)\n", i
			else if (k == "targets") printf "- see [it](^previous#id%d)\n", i; else printf "unchanged #nope%d\n", i }' > "$3/b.hlr"
}
gen_refs() { gen_series2 refs "$1" "$2"; }
gen_unchanged() { gen_series2 unchanged "$1" "$2"; }
gen_targets() { gen_series2 targets "$1" "$2"; }
# one line of N unclosed links, "[a](" repeated: libcmark holds about 160
# bytes for each input byte while it parses a text, so past 65,536 markup
# characters a text is not parsed (too-much-markup; bench/README.md)
gen_brackets_line() { awk -v n="$1" 'BEGIN { print "title T\nperiod month 2020-11\n== guidance"; printf "- "; for (i = 0; i < n; i++) printf "[a]("; print "" }' > "$2"; }
# N items of 1,000 unclosed links each (2,000 markup characters), and of
# 1,000 emphasised words ("*a* "), the most kept per input byte
gen_brackets() { awk -v n="$1" 'BEGIN { print "title T\nperiod month 2020-11\n== guidance"; for (j = 0; j < n; j++) { printf "- "; for (i = 0; i < 1000; i++) printf "[a]("; print "" } }' > "$2"; }
gen_emphasis() { awk -v n="$1" 'BEGIN { print "title T\nperiod month 2020-11\n== guidance"; for (j = 0; j < n; j++) { printf "- "; for (i = 0; i < 1000; i++) printf "*a* "; print "" } }' > "$2"; }
# N custom sections declared, N sections with unknown keywords
gen_unknown() { awk -v n="$1" 'BEGIN { print "title T\nperiod month 2020-11"; for (i = 0; i < n; i++) printf "section s%d HEADING %d\n", i, i; for (i = 0; i < n; i++) printf "== x%d\n- item\n", i }' > "$2"; }
# two reports of N items, each item edited (every pair shares most words)
gen_diff() {
	mkdir -p "$2"
	awk -v n="$1" 'BEGIN { print "title T\nperiod month 2020-10\n== guidance"; for (i = 0; i < n; i++) printf "- Item %d alpha beta gamma delta\n", i }' > "$2/old.hlr"
	awk -v n="$1" 'BEGIN { print "title T\nperiod month 2020-11\n== guidance"; for (i = 0; i < n; i++) printf "- Item %d alpha beta gamma epsilon\n", i }' > "$2/new.hlr"
}

# peak_heap COMMAND...: the peak heap in bytes (massif), for inputs whose
# peak resident memory is too close to the process's own to compare
peak_heap() {
	valgrind --tool=massif --massif-out-file="$tmp/ms.out" "$HLRC" "$@" > /dev/null 2>&1
	sed -n 's/^mem_heap\(_extra\)*_B=//p' "$tmp/ms.out" | paste - - |
		awk '{ s = $1 + $2; if (s > m) m = s } END { print m + 0 }'
}

instructions() {
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$HLRC" "$@" > /dev/null 2>&1
	sed -n 's/^summary: //p' "$tmp/cg.out"
}

if [ "${HLRC_PATHO:-}" != native ] && command -v valgrind > /dev/null 2>&1; then
	for kind in items:2000 deep:2000 line:20000 sections:500 ids:2000 errors:500 chain:25; do
		name=${kind%%:*} n=${kind#*:}
		if [ "$name" = chain ]; then
			gen_chain "$n" "$tmp/p1"; gen_chain $((n * 8)) "$tmp/p8"
			a=$(instructions build --to html -o "$tmp/po1" "$tmp/p1")
			b=$(instructions build --to html -o "$tmp/po8" "$tmp/p8")
		else
			"gen_$name" "$n" "$tmp/p1.hlr"; "gen_$name" $((n * 8)) "$tmp/p8.hlr"
			a=$(instructions build --to html "$tmp/p1.hlr")
			b=$(instructions build --to html "$tmp/p8.hlr")
		fi
		if [ -n "$a" ] && [ -n "$b" ] && [ "$b" -le $((a * 12)) ]; then
			ok
		else
			printf 'instructions at %s: %s, at 8x: %s\n' "$n" "$a" "$b" > "$tmp/diff"
			bad "linear growth: $name"
		fi
	done
	# N then 10N: at most 15 times the instructions (the slack of the cases
	# above; quadratic cost gives 100) and 12 times the peak memory (GNU
	# time's maximum resident set, when /usr/bin/time is there). Each run
	# must end as expected (diff 0, check 1), so no error path is measured.
	peak=
	/usr/bin/time -f %M -o "$tmp/peak" true 2> /dev/null && peak=1
	for kind in refs:200 targets:200 unchanged:200 unknown:200 diff:200 brackets:10 emphasis:10; do
		name=${kind%%:*} n=${kind#*:} sizes= want=1
		case $name in diff|targets|brackets|emphasis) want=0 ;; esac
		for m in 1 10; do
			g=$tmp/g-$name-$m
			rm -rf "$g" "$g.hlr"
			case $name in
			refs|unchanged|targets) "gen_$name" $((n * m)) "$g"; set -- check "$g" ;;
			brackets|emphasis) "gen_$name" $((n * m)) "$g.hlr"; set -- build --to html "$g.hlr" ;;
			unknown) gen_unknown $((n * m)) "$g.hlr"; set -- check "$g.hlr" ;;
			diff) gen_diff $((n * m)) "$g"; set -- diff "$g/old.hlr" "$g/new.hlr" ;;
			esac
			"$HLRC" "$@" > /dev/null 2>&1
			status=$? kib=-
			case $name in
			brackets|emphasis) kib=$(peak_heap "$@") ;; # bytes, not KiB
			*)
				if [ -n "$peak" ]; then
					/usr/bin/time -f %M -o "$tmp/peak" "$HLRC" "$@" > /dev/null 2>&1
					kib=$(tail -n 1 "$tmp/peak")
				fi ;;
			esac
			[ "$status" -eq "$want" ] || kib=status-$status
			sizes="$sizes $(instructions "$@") $kib"
			rm -rf "$g" "$g.hlr"
		done
		set -- $sizes # instructions and KiB at N, then at 10N
		printf 'patho %s: at %s, %s instructions, %s %s; at 10x, %s instructions, %s\n' "$name" "$n" \
			"${1:-}" "${2:-}" "$(case $name in brackets|emphasis) echo bytes of heap ;; *) echo KiB ;; esac)" \
			"${3:-}" "${4:-}"
		if [ $# -eq 4 ] && [ "$3" -le $(($1 * 15)) ] &&
		   { [ "$2$4" = -- ] || { [ "$2" -gt 0 ] 2> /dev/null && [ "$4" -le $(($2 * 12)) ] 2> /dev/null; }; }; then
			ok
		else
			printf 'at %s: %s instructions, %s KiB; at 10x: %s instructions, %s KiB\n' \
				"$n" "${1:-}" "${2:-}" "${3:-}" "${4:-}" > "$tmp/diff"
			bad "linear growth: $name"
		fi
	done
	# an 8 MB line of "[a](": the error too-much-markup at the item, in
	# bounded memory (it peaked at 1.3 GB in libcmark)
	gen_brackets_line 2000000 "$tmp/brackets.hlr"
	/usr/bin/time -f %M -o "$tmp/peak" "$HLRC" build --to html -o "$tmp/brackets.html" "$tmp/brackets.hlr" 2> "$tmp/cli.err"
	status=$?
	kib=0
	[ -n "$peak" ] && kib=$(tail -n 1 "$tmp/peak")
	if [ $status -eq 1 ] && grep -q 'brackets.hlr:4:3: error: this item holds more than 65536 markup characters.*\[too-much-markup\]' "$tmp/cli.err" &&
	   [ "$kib" -lt 65536 ] && [ ! -e "$tmp/brackets.html" ]; then ok; else
		{ echo "exit $status, peak $kib KiB"; head -c 600 "$tmp/cli.err"; } > "$tmp/diff"; bad "an 8 MB line of unclosed links"; fi
	rm -f "$tmp/brackets.hlr"
	# running out of memory: a clear message, exit 70, no output, no temporary file
	printf 'previous\n' > "$tmp/oom.html"
	gen_items 200000 "$tmp/oom.hlr"
	# 30 MB over what hlrc needs to start (mapping its shared libraries:
	# libxml2's ICU data alone is 30 MB of address space)
	oom_base=10000
	while [ $oom_base -lt 200000 ] && ! (ulimit -v $oom_base; "$HLRC" --version) > /dev/null 2>&1; do
		oom_base=$((oom_base + 10000))
	done
	(ulimit -v $((oom_base + 30000)); exec "$HLRC" build --to html -o "$tmp/oom.html" "$tmp/oom.hlr") 2> "$tmp/cli.err"
	status=$?
	if [ $status -eq 70 ] && grep -q 'out of memory' "$tmp/cli.err" && [ "$(cat "$tmp/oom.html")" = previous ] &&
	   [ -z "$(find "$tmp" -name 'oom.html.hlrc-*')" ]; then ok; else cp "$tmp/cli.err" "$tmp/diff"; bad "out of memory (exit $status)"; fi
else
	printf 'skip: growth and memory-limit checks need valgrind (and no sanitizers)\n'
fi

# the sizes the issue names, natively: a clear diagnostic or a correct output
gen_deep 10000 "$tmp/deep.hlr"
"$HLRC" check "$tmp/deep.hlr" 2> "$tmp/cli.err"
if [ $? -eq 1 ] && grep -q 'nested more than 16 levels deep \[nesting-too-deep\]' "$tmp/cli.err" &&
   [ "$(grep -c 'nesting-too-deep' "$tmp/cli.err")" -eq 1 ]; then ok; else bad "10,000-deep nesting"; fi
# 65,536 markup characters in one item are parsed; one more is an error
gen_brackets_line 32768 "$tmp/limit.hlr"
"$HLRC" build --to html -o "$tmp/limit.html" "$tmp/limit.hlr" 2> "$tmp/cli.err"
if [ $? -eq 0 ] && grep -q '^<li>\[a\](\[a\](' "$tmp/limit.html"; then ok; else cp "$tmp/cli.err" "$tmp/diff"; bad "65,536 markup characters in one item"; fi
gen_brackets_line 32769 "$tmp/limit.hlr"
"$HLRC" build --to html -o "$tmp/limit.html" "$tmp/limit.hlr" 2> "$tmp/cli.err"
if [ $? -eq 1 ] && grep -q '\[too-much-markup\]' "$tmp/cli.err"; then ok; else cp "$tmp/cli.err" "$tmp/diff"; bad "65,537 markup characters in one item"; fi
rm -f "$tmp/limit.hlr" "$tmp/limit.html"
gen_items 1000000 "$tmp/million.hlr"
"$HLRC" build --to html -o "$tmp/million.html" "$tmp/million.hlr" 2> "$tmp/cli.err"
if [ $? -eq 0 ] && [ "$(grep -c '^<li>' "$tmp/million.html")" -eq 1000000 ]; then ok; else bad "1,000,000 items"; fi
rm -f "$tmp/million.hlr" "$tmp/million.html"
gen_line 7300000 "$tmp/line.hlr" # about 50 MB on one line
"$HLRC" build --to html -o "$tmp/line.html" "$tmp/line.hlr" 2> "$tmp/cli.err"
if [ $? -eq 0 ] && [ "$(wc -c < "$tmp/line.hlr")" -gt 50000000 ] && grep -q "word99</li>" "$tmp/line.html"; then ok; else bad "a 50 MB line"; fi
rm -f "$tmp/line.hlr" "$tmp/line.html"
gen_sections 100000 "$tmp/sections.hlr"
"$HLRC" build --to md -o "$tmp/sections.md" "$tmp/sections.hlr" 2> "$tmp/cli.err"
if [ $? -eq 0 ] && [ "$(grep -c '^## ' "$tmp/sections.md")" -eq 100000 ]; then ok; else bad "100,000 sections"; fi
gen_chain 2000 "$tmp/chain"
"$HLRC" build --to md -o "$tmp/chain-out" "$tmp/chain" 2> "$tmp/cli.err"
if [ $? -eq 0 ] && grep -q 'Unchanged since \[week ending 7th January 2000\]' "$tmp/chain-out/r002000.md"; then ok; else bad "a chain of 2,000 unchanged reports"; fi
gen_refs 100000 "$tmp/refs"
"$HLRC" check "$tmp/refs" 2> "$tmp/cli.err"
if [ $? -eq 1 ] && grep -q "no item or section 'id99x'; did you mean 'id99'?" "$tmp/cli.err"; then ok; else bad "100,000 references to unknown ids"; fi
rm -rf "$tmp/refs"
gen_diff 10000 "$tmp/diff10k"
"$HLRC" diff "$tmp/diff10k/old.hlr" "$tmp/diff10k/new.hlr" > "$tmp/cli.out" 2> "$tmp/cli.err"
if [ $? -eq 0 ] && [ "$(grep -c '^- Edited: Item [0-9]* alpha beta gamma \[-delta-\]{+epsilon+}$' "$tmp/cli.out")" -eq 10000 ]; then ok; else bad "diff of 10,000 edited items"; fi
rm -rf "$tmp/diff10k" "$tmp/cli.out"
: > "$tmp/empty.hlr"
"$HLRC" check "$tmp/empty.hlr" 2> "$tmp/cli.err"
if [ $? -eq 1 ] && grep -q "no 'title' line" "$tmp/cli.err"; then ok; else bad "an empty file"; fi
ln -sf loop "$tmp/loop" 2> /dev/null && ln -sf "$tmp/loop" "$tmp/loop2" 2> /dev/null
ln -sfn loop2 "$tmp/loop" 2>/dev/null
"$HLRC" check "$tmp/loop" 2> "$tmp/cli.err"
if [ $? -eq 1 ] && grep -q 'cannot read file: Too many levels of symbolic links' "$tmp/cli.err"; then ok; else cp "$tmp/cli.err" "$tmp/diff"; bad "a symlink loop"; fi
printf 'title T\nperiod month 2020-11\n== guidance\n- caf\351\n' > "$tmp/latin1.hlr"
"$HLRC" check "$tmp/latin1.hlr" 2> "$tmp/cli.err"
if [ $? -eq 1 ] && grep -q 'latin1.hlr:4:6: error: invalid UTF-8 byte 0xE9' "$tmp/cli.err"; then ok; else cp "$tmp/cli.err" "$tmp/diff"; bad "invalid UTF-8"; fi
