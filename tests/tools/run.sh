#!/bin/sh
# The authoring tools' tests: sh tests/tools/run.sh HLRC
#
# fmt   every example and test input without errors is formatted, then
#       formatted again (nothing may change), checked with --check, and
#       compared with the original: the same words in the same order, the
#       same comments, and the same Markdown and HTML once line breaks (and
#       Markdown's backslash escapes) are set aside. Files with errors are
#       refused and left alone; -w, --check and standard input; goldens:
#       tests/tools/fmt/NAME.hlr is formatted to NAME.expect.
# new   on copies of series folders in a temporary folder: the next report
#       of each cadence (goldens tests/tools/new/CASE.expect), --period,
#       never replacing a file, and the errors.
# diff  the two weekly examples (goldens tests/tools/diff/covid.expect.md and
#       .txt) and one case per kind of change: tests/tools/diff/CASE/ holds
#       the reports, "args" (the files to compare) and expect.md, expect.txt.
#
# Prints "ok ..." or "FAIL ..." per check and ends with "N passed, N
# failed"; exits 1 if anything failed. REGEN=1 rewrites the goldens.
set -u
case ${1:-} in
'') echo "usage: sh tests/tools/run.sh HLRC" >&2; exit 2 ;;
/*) HLRC=$1 ;;
*) HLRC=$(pwd)/$1 ;;
esac
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hlrc-tools.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); printf 'ok %s\n' "$1"; }
bad() {
	fail=$((fail + 1))
	printf 'FAIL %s\n' "$1"
	[ -f "$tmp/diff" ] && sed 's/^/    /' "$tmp/diff" | head -40
	rm -f "$tmp/diff"
}
# check NAME COMMAND...: ok when the command succeeds
check() {
	check_name=$1
	shift
	if "$@" > "$tmp/diff" 2>&1; then rm -f "$tmp/diff"; ok "$check_name"; else bad "$check_name"; fi
}
# golden NAME EXPECTED ACTUAL
golden() {
	if [ "${REGEN:-}" = 1 ]; then
		cp "$3" "$2"
		ok "$1 (regenerated)"
	elif diff -u "$2" "$3" > "$tmp/diff" 2>&1; then
		rm -f "$tmp/diff"
		ok "$1"
	else
		bad "$1"
	fi
}
# status NAME WANT ACTUAL [OUTPUT_FILE]
status() {
	if [ "$3" -eq "$2" ]; then
		ok "$1"
	else
		{ printf 'exit status %s, expected %s\n' "$3" "$2"; [ -n "${4:-}" ] && cat "$4"; } > "$tmp/diff"
		bad "$1"
	fi
}
same() { cmp -s "$1" "$2" || { diff -u "$1" "$2"; return 1; }; }
empty() { [ ! -s "$1" ] || { cat "$1"; return 1; }; }
has() { grep -q -- "$2" "$1" || { printf 'no "%s" in:\n' "$2"; cat "$1"; return 1; }; }

# The words of a report, one a line, without comments, item markers and the
# ids at line ends (a table row's bars, but for "\|", are blanks, and its
# alignment row's dashes are not words); then its ids; then its comments.
words() {
	awk '{ sub(/\r$/, "") }
	     /^[ \t]*#([ \t]|$)/ { next }
	     /^\|[-:| \t]*$/ && /-/ { print "|---|"; next }
	     /^\|/ { gsub(/\\\|/, "\001"); gsub(/\|/, " "); gsub(/\001/, "\\|") }
	     { sub(/^[ \t]*[-*+]([ \t]|$)/, ""); sub(/^==/, "== "); sub(/[ \t]*\{#[^}]*\}[ \t]*$/, "")
	       for (i = 1; i <= NF; i++) print $i }' "$1"
}
ids() {
	awk '{ sub(/\r$/, "") }
	     /^[ \t]*#([ \t]|$)/ { next }
	     match($0, /\{#[^}]*\}[ \t]*$/) { print substr($0, RSTART) }' "$1"
}
comments() {
	awk '{ sub(/\r$/, "") }
	     /^[ \t]*#([ \t]|$)/ { sub(/^[ \t]*/, ""); print }' "$1"
}
# Output with line breaks, runs of blanks and (md) backslash escapes set aside.
flat() {
	if [ "$1" = md ]; then
		sed 's/\\\([[:punct:]]\)/\1/g' "$2" | tr -s ' \t\r\n' '    '
	else
		tr -s ' \t\r\n' '    ' < "$2"
	fi
}
is_series() { [ -f "$(dirname "$1")/series.hlr" ]; }

# --- fmt: lossless and idempotent on every input without errors -----------

n=0
for f in examples/*/*.hlr tests/lang/*.hlr tests/series/*/*.hlr tests/tools/*/*.hlr \
         tests/tools/*/*/*.hlr; do
	[ -f "$f" ] || continue
	"$HLRC" check "$f" > /dev/null 2>&1 || continue
	n=$((n + 1))
	w=$tmp/corpus/$n
	mkdir -p "$w"
	# a series whole: its reports and the files they attach
	if is_series "$f"; then cp -R "$(dirname "$f")"/. "$w/"; else cp "$f" "$w/"; fi
	c=$w/$(basename "$f")
	"$HLRC" fmt "$c" > "$w/out" 2> "$w/err"
	st=$?
	status "fmt $f" 0 $st "$w/err"
	[ $st -eq 0 ] || continue
	cp "$w/out" "$c"
	"$HLRC" fmt "$c" > "$w/again" 2>&1
	check "fmt is idempotent on $f" same "$w/out" "$w/again"
	"$HLRC" fmt --check "$c" > "$w/check" 2>&1
	st=$?
	status "fmt --check passes its output for $f" 0 $st "$w/check"
	words "$f" > "$w/w1"; words "$c" > "$w/w2"
	check "fmt keeps the words of $f" same "$w/w1" "$w/w2"
	ids "$f" > "$w/i1"; ids "$c" > "$w/i2"
	check "fmt keeps the ids of $f" same "$w/i1" "$w/i2"
	comments "$f" > "$w/c1"; comments "$c" > "$w/c2"
	check "fmt keeps the comments of $f" same "$w/c1" "$w/c2"
	[ "$(basename "$f")" = series.hlr ] && continue
	for t in md html; do
		"$HLRC" build --to $t "$f" > "$w/b1.$t" 2> /dev/null
		"$HLRC" build --to $t "$c" > "$w/b2.$t" 2> /dev/null
		flat $t "$w/b1.$t" > "$w/f1.$t"; flat $t "$w/b2.$t" > "$w/f2.$t"
		check "fmt keeps the $t output of $f" same "$w/f1.$t" "$w/f2.$t"
	done
done

# a folder at once: every file rewritten, the series still checks and builds
for d in examples/covid-weekly tests/series/chain tests/series/references tests/series/standing; do
	w=$tmp/folder/$(basename "$d")
	mkdir -p "$w"
	cp "$d"/*.hlr "$w/"
	"$HLRC" fmt -w "$w" > "$w.out" 2>&1
	st=$?
	status "fmt -w $d" 0 $st "$w.out"
	"$HLRC" fmt --check "$w" > "$w.out" 2>&1
	check "fmt --check $d after fmt -w" empty "$w.out"
	check "hlrc check $d after fmt -w" "$HLRC" check "$w"
done

# goldens
for f in tests/tools/fmt/*.hlr; do
	"$HLRC" fmt "$f" > "$tmp/out" 2>&1
	golden "fmt golden $f" "${f%.hlr}.expect" "$tmp/out"
done
f=tests/tools/fmt/formatted.hlr
check "fmt leaves $f as it is" same "$f" tests/tools/fmt/formatted.expect

# refusal: files with errors of their own (another file's error with a
# note pointing here, such as a cycle of 'previous' lines, fails check but
# does not stop fmt)
for f in tests/errors/*.hlr tests/series/err-*/2020-06-26.hlr; do
	[ -f "$f" ] || continue
	"$HLRC" check "$f" 2>&1 | grep -q "^$f:[0-9:]* error:\|^$f: error:" || continue
	# fmt needs only the syntax: a file with other errors is formatted
	"$HLRC" fmt - < "$f" > /dev/null 2>&1 && continue
	w=$tmp/refuse
	rm -rf "$w"
	mkdir -p "$w"
	if is_series "$f"; then cp "$(dirname "$f")"/*.hlr "$w/"; else cp "$f" "$w/"; fi
	c=$w/$(basename "$f")
	"$HLRC" fmt "$c" > "$w/out" 2> "$w/err"
	st=$?
	status "fmt refuses $f" 1 $st "$w/err"
	check "fmt prints nothing for $f" empty "$w/out"
	check "fmt says why it refuses $f" has "$w/err" "error:"
	"$HLRC" fmt -w "$c" > /dev/null 2>&1
	check "fmt -w leaves $f as it is" same "$f" "$c"
done

# -w and --check
w=$tmp/flags
mkdir -p "$w"
cp tests/tools/fmt/wrap.hlr tests/tools/fmt/formatted.hlr "$w/"
"$HLRC" fmt --check "$w/wrap.hlr" "$w/formatted.hlr" > "$w/out" 2>&1
st=$?
status "fmt --check: exit 1 when a file is not formatted" 1 $st "$w/out"
printf '%s\n' "$w/wrap.hlr" > "$w/want"
check "fmt --check lists the files that are not formatted" same "$w/want" "$w/out"
check "fmt --check changes nothing" same tests/tools/fmt/wrap.hlr "$w/wrap.hlr"
touch -t 200001010000 "$w/formatted.hlr"
touch -t 200001010001 "$w/stamp"
chmod 640 "$w/wrap.hlr"
"$HLRC" fmt -w "$w/wrap.hlr" "$w/formatted.hlr" > "$w/out" 2>&1
st=$?
status "fmt -w" 0 $st "$w/out"
check "fmt -w prints nothing" empty "$w/out"
check "fmt -w rewrites a file" same tests/tools/fmt/wrap.expect "$w/wrap.hlr"
check "fmt -w leaves a formatted file untouched" test -z "$(find "$w/formatted.hlr" -newer "$w/stamp")"
mode=$(ls -l "$w/wrap.hlr" | cut -c1-10)
check "fmt -w keeps the file's permissions" test "$mode" = "-rw-r-----"
check "fmt -w leaves no temporary file" test "$(ls "$w" | wc -l)" -eq 5
"$HLRC" fmt --check "$w/wrap.hlr" "$w/formatted.hlr" > "$w/out" 2>&1
st=$?
status "fmt --check: exit 0 when every file is formatted" 0 $st "$w/out"
check "fmt --check prints nothing when every file is formatted" empty "$w/out"
cp tests/tools/fmt/layout.hlr "$w/target.hlr"
ln -s target.hlr "$w/link.hlr"
"$HLRC" fmt -w "$w/link.hlr" > "$w/out" 2>&1
check "fmt -w through a symbolic link rewrites its target" same tests/tools/fmt/layout.expect "$w/target.hlr"
check "fmt -w keeps the symbolic link" test -h "$w/link.hlr"
"$HLRC" fmt - < tests/tools/fmt/layout.hlr > "$w/out" 2>&1
check "fmt - reads standard input" same tests/tools/fmt/layout.expect "$w/out"
"$HLRC" fmt > "$w/out" 2>&1; status "fmt without FILE" 2 $? "$w/out"
"$HLRC" fmt --bogus x.hlr > "$w/out" 2>&1; status "fmt --bogus" 2 $? "$w/out"
"$HLRC" fmt "$w/wrap.hlr" "$w/formatted.hlr" > "$w/out" 2>&1
status "fmt prints one FILE only" 2 $? "$w/out"
"$HLRC" fmt "$w/missing.hlr" > "$w/out" 2>&1; status "fmt a missing file" 1 $? "$w/out"
"$HLRC" fmt --help > "$w/out" 2>&1; status "fmt --help" 0 $? "$w/out"

# --- new --------------------------------------------------------------------

# new_case NAME SOURCE_FOLDER EXPECTED_FILE [ARGS...]: hlrc new on a copy
new_case() {
	case_name=$1 src=$2 file=$3
	shift 3
	name=$case_name
	w=$tmp/new/$name
	mkdir -p "$w"
	cp "$src"/*.hlr "$w/"
	"$HLRC" new "$@" "$w" > "$w.out" 2> "$w.err"
	st=$?
	status "new $name" 0 $st "$w.err"
	printf '%s\n' "$w/$file" > "$w.want"
	check "new $name prints the file written" same "$w.want" "$w.out"
	[ -f "$w/$file" ] || return
	name=$case_name
	golden "new $name golden" "tests/tools/new/$name.expect" "$w/$file"
	check "new $name: the series still checks" "$HLRC" check "$w"
	check "new $name: the new file is formatted" "$HLRC" fmt --check "$w/$file"
}
new_case covid examples/covid-weekly 2020-07-10.hlr
new_case monthly tests/tools/new/monthly 2021-01.hlr
new_case quarterly tests/tools/new/quarterly 2021-Q1.hlr
new_case fortnightly tests/tools/new/fortnightly 2020-07-17.hlr
new_case period examples/covid-weekly 2020-07-24.hlr --period "week ending 2020-07-24"
new_case period-month tests/tools/new/nocadence 2020-07.hlr --period=month\ 2020-07
new_case tables tests/series/table-carry 2020-07-03.hlr
# a series with logs: nothing written for the open entries, which carry themselves
new_case log tests/series/log-carry 2021-02-05.hlr
new_case parts tests/series/parts-workstreams 2020-12.hlr
new_case standing tests/series/standing 2020-07-03.hlr

# standing text: the new report does not write the series' standing comms
# section (every report shows it), and carries the report's own actions
w=$tmp/new/standing
check "new standing: no standing section is written" test -z "$(grep '^== comms' "$w/2020-07-03.hlr")"
"$HLRC" build --to md "$w/2020-07-03.hlr" > "$w.md" 2> /dev/null
check "new standing: the report shows the standing text" grep -q 'Press office: 01733 000000' "$w.md"

# tables: the new report writes no table of its own, and carries the last
# report's tables (the rows as they were, no change for diff to list)
w=$tmp/new/tables
check "new tables: no table row is copied" test -z "$(grep '^|' "$w/2020-07-03.hlr")"
"$HLRC" build --to md "$w/2020-07-03.hlr" > "$w.md" 2> /dev/null
"$HLRC" build --to md "$w/2020-06-26.hlr" > "$tmp/0626.md" 2> /dev/null
grep '^|' "$tmp/0626.md" > "$tmp/0626.rows"
grep '^|' "$w.md" > "$w.rows"
check "new tables: the tables are carried" same "$tmp/0626.rows" "$w.rows"
check "new tables: rows to carry" test -s "$w.rows"
"$HLRC" diff "$w/2020-07-03.hlr" > "$w.diff" 2>&1
printf 'No changes.\n' > "$w.want"
check "new tables: diff with 26 June finds no changes" same "$w.want" "$w.diff"

# the covid report of 10 July carries the content of 3 July, section by section
w=$tmp/new/covid
"$HLRC" build --to md "$w/2020-07-10.hlr" > "$w.md" 2> /dev/null
golden "new covid: Markdown of the new report" tests/tools/new/covid.expect.md "$w.md"
# (the status summary and the metrics tables compare with the period
# before: their rows differ, their words are checked by the diff below)
body() { grep -v -e '^#' -e '^\*\*' -e '^Unchanged since' -e '^$' -e '^|' "$1"; }
"$HLRC" build --to md examples/covid-weekly/2020-07-03.hlr > "$tmp/0703.md" 2> /dev/null
body "$tmp/0703.md" > "$tmp/0703.body"
body "$w.md" > "$tmp/0710.body"
check "new covid: 10 July shows the content of 3 July" same "$tmp/0703.body" "$tmp/0710.body"
check "new covid: every section says it is carried" \
	test "$(grep -c '^Unchanged since' "$w.md")" -eq "$(grep '^## ' "$w.md" | grep -vc 'id="status-summary"')"
"$HLRC" diff "$w/2020-07-10.hlr" > "$w.diff" 2>&1
printf 'No changes.\n' > "$w.want"
check "new covid: diff with 3 July finds no changes" same "$w.want" "$w.diff"

# never replaces a file
w=$tmp/new/exists
mkdir -p "$w"
cp examples/covid-weekly/*.hlr "$w/"
printf 'period week ending 2020-06-19\n\n== decisions\n\nnone\n' > "$w/2020-07-10.hlr"
cp "$w/2020-07-10.hlr" "$w.before"
"$HLRC" new "$w" > "$w.out" 2>&1
st=$?
status "new refuses to replace a file" 1 $st "$w.out"
check "new says the file exists" has "$w.out" "2020-07-10.hlr: error: already exists"
check "new leaves the existing file" same "$w.before" "$w/2020-07-10.hlr"
check "new leaves no temporary file" test "$(ls "$w" | wc -l)" -eq 4

# errors
w=$tmp/new/nocadence
mkdir -p "$w"
cp tests/tools/new/nocadence/*.hlr "$w/"
"$HLRC" new "$w" > "$w.out" 2>&1
st=$?
status "new without a cadence" 1 $st "$w.out"
check "new without a cadence asks for --period" has "$w.out" "give --period \[no-cadence\]"
w=$tmp/new/errors
mkdir -p "$w"
cp tests/tools/new/errors/*.hlr "$w/"
"$HLRC" new "$w" > "$w.out" 2>&1
st=$?
status "new after a report with errors" 1 $st "$w.out"
check "new shows the errors of the latest report" has "$w.out" "unknown section keyword 'guidanse'"
check "new writes nothing after errors" test "$(ls "$w" | wc -l)" -eq 3
w=$tmp/new/covid
"$HLRC" new --period "week ending 2020-07-03" "$w" > "$w.out2" 2>&1
status "new --period before the latest report" 1 $? "$w.out2"
check "new --period before the latest report says why" has "$w.out2" "does not end after the latest report"
"$HLRC" new --period "week ending 2020-02-30" "$w" > "$w.out2" 2>&1
status "new --period with an invalid date" 2 $? "$w.out2"
"$HLRC" new examples > "$w.out2" 2>&1
status "new in a folder that is not a series" 1 $? "$w.out2"
check "new says the folder is not a series" has "$w.out2" "not a series folder"
"$HLRC" new "$tmp/no-such-folder" > "$w.out2" 2>&1
status "new in a missing folder" 1 $? "$w.out2"
"$HLRC" new a b > "$w.out2" 2>&1
status "new with two folders" 2 $? "$w.out2"
"$HLRC" new --period > "$w.out2" 2>&1
status "new --period without a value" 2 $? "$w.out2"
(cd "$tmp/new/fortnightly" && "$HLRC" new > "$tmp/new/cwd.out" 2>&1)
status "new in the current folder" 0 $? "$tmp/new/cwd.out"
printf '2020-07-31.hlr\n' > "$tmp/new/cwd.want"
check "new in the current folder prints the file's name" same "$tmp/new/cwd.want" "$tmp/new/cwd.out"

# --- diff -------------------------------------------------------------------

for t in md text; do
	ext=$t
	[ $t = text ] && ext=txt
	"$HLRC" diff --to $t examples/covid-weekly/2020-06-26.hlr examples/covid-weekly/2020-07-03.hlr \
		> "$tmp/out" 2>&1
	golden "diff covid ($t)" tests/tools/diff/covid.expect.$ext "$tmp/out"
	"$HLRC" diff --to $t examples/covid-weekly/2020-07-03.hlr > "$tmp/out2" 2>&1
	check "diff FILE compares with the previous report ($t)" same "$tmp/out" "$tmp/out2"
done
for d in tests/tools/diff/*/; do
	d=${d%/}
	set --
	for a in $(cat "$d/args"); do set -- "$@" "$d/$a"; done
	for t in md text; do
		ext=$t
		[ $t = text ] && ext=txt
		"$HLRC" diff --to $t "$@" > "$tmp/out" 2>&1
		golden "diff $(basename "$d") ($t)" "$d/expect.$ext" "$tmp/out"
	done
done
"$HLRC" diff examples/covid-weekly/2020-07-03.hlr examples/covid-weekly/2020-07-03.hlr > "$tmp/out" 2>&1
printf 'No changes.\n' > "$tmp/want"
check "diff of a report with itself" same "$tmp/want" "$tmp/out"
"$HLRC" diff examples/covid-weekly/2020-06-26.hlr > "$tmp/out" 2>&1
status "diff FILE without a previous report" 1 $? "$tmp/out"
check "diff FILE without a previous report says so" has "$tmp/out" "no previous report"
"$HLRC" diff tests/errors/section-unknown.hlr examples/service-monthly/2020-11.hlr > "$tmp/out" 2>&1
status "diff with a report that has errors" 1 $? "$tmp/out"
check "diff shows the errors" has "$tmp/out" "error:"
"$HLRC" diff examples/covid-weekly/series.hlr examples/covid-weekly/2020-07-03.hlr > "$tmp/out" 2>&1
status "diff with a series file" 1 $? "$tmp/out"
"$HLRC" diff > "$tmp/out" 2>&1; status "diff without files" 2 $? "$tmp/out"
"$HLRC" diff a b c > "$tmp/out" 2>&1; status "diff with three files" 2 $? "$tmp/out"
"$HLRC" diff --to pdf a b > "$tmp/out" 2>&1; status "diff --to pdf" 2 $? "$tmp/out"
"$HLRC" diff --help > "$tmp/out" 2>&1; status "diff --help" 0 $? "$tmp/out"
"$HLRC" diff examples/covid-weekly/2020-06-26.hlr examples/covid-weekly/2020-07-03.hlr > "$tmp/a" 2>&1
"$HLRC" diff examples/covid-weekly/2020-06-26.hlr examples/covid-weekly/2020-07-03.hlr > "$tmp/b" 2>&1
check "diff is deterministic" same "$tmp/a" "$tmp/b"

# --- site: the metrics page --------------------------------------------------

"$HLRC" site examples/prince2-project -o "$tmp/site-m" > "$tmp/out" 2>&1
status "site of a series with metrics" 0 $? "$tmp/out"
check "site: metrics.html has a chart for each of the 4 metrics" \
	test "$(grep -c '<svg ' "$tmp/site-m/metrics.html")" -eq 4
check "site: each chart has a title, a description and its values" \
	test "$(grep -c '<title>.*trend over 6 reports</title>' "$tmp/site-m/metrics.html")" -eq 4
check "site: the index links the metrics page" grep -q 'href="metrics.html"' "$tmp/site-m/index.html"
"$HLRC" site tests/series/chain -o "$tmp/site-n" > "$tmp/out" 2>&1
check "site: no metrics page for a series without metrics" test ! -e "$tmp/site-n/metrics.html"
mkdir -p "$tmp/site-x"
cp examples/prince2-project/*.hlr "$tmp/site-x/"
cp "$tmp/site-x/2018-04-03.hlr" "$tmp/site-x/metrics.hlr"
sed -i 's/^period .*/period     fortnight ending 2018-04-17/' "$tmp/site-x/metrics.hlr"
"$HLRC" site "$tmp/site-x" -o "$tmp/site-xo" > "$tmp/out" 2>&1
st=$?
check "site: a report called metrics.hlr is an error" \
	test $st -eq 1 -a ! -e "$tmp/site-xo" -a "$(grep -c 'site-index-name' "$tmp/out")" -eq 1

# --- logs: the example series examples/programme-log ------------------------
# Nine monthly reports whose five logs (risks, issues, actions, decisions,
# changes) each open, update, carry, let lapse and close entries.

pl=examples/programme-log
"$HLRC" check "$pl" > "$tmp/out" 2>&1
status "check $pl (warnings only)" 0 $? "$tmp/out"
check "check $pl: seven overdue entries, no other diagnostic" \
	test "$(grep -c ': warning: .*\[overdue\]$' "$tmp/out")" -eq 7 -a \
	"$(grep -c -E ': (warning|error):' "$tmp/out")" -eq 7
mkdir -p "$tmp/pl"
for f in "$pl"/2021-*.hlr; do
	"$HLRC" build --to md "$f" > "$tmp/pl/$(basename "$f" .hlr).md" 2> /dev/null
done
# each log's section, over the nine reports: the states its entries show
awk '
/^## /     { sec = $0; sub(/.*<\/a>/, "", sec); sub(/ \(.*/, "", sec) }
/ · New$| · New · /             { s[sec "|New"] = 1 }
/ · Updated: /                  { s[sec "|Updated"] = 1 }
/ · Open since /                { s[sec "|Open since"] = 1 }
/^Closed since last report:$/   { s[sec "|Closed since last report"] = 1 }
/ · Closed$| · Closed: /        { s[sec "|Closed"] = 1 }
/ · Overdue$/                   { s[sec "|Overdue"] = 1 }
END { for (k in s) print k }' "$tmp"/pl/2021-*.md | LC_ALL=C sort > "$tmp/pl/states"
for sec in "ACTIONS AND NEXT STEPS" "DECISIONS MADE SINCE LAST REPORTING PERIOD" ISSUES \
           "REQUESTS FOR CHANGE" "RISKS AND ISSUES"; do
	for st in New Updated "Open since" "Closed since last report" Closed Overdue; do
		check "$pl: $sec shows an entry '$st'" grep -q -x -F "$sec|$st" "$tmp/pl/states"
	done
done
"$HLRC" build --to md --for PCC "$pl/2021-09.hlr" > "$tmp/pl/pcc.md" 2> /dev/null
"$HLRC" build --to md --for CCC "$pl/2021-09.hlr" > "$tmp/pl/ccc.md" 2> /dev/null
check "$pl --for PCC: the county's request for change is not shown" \
	test "$(grep -c 'phase 2 go-live' "$tmp/pl/pcc.md")" -eq 0 -a \
	"$(grep -c 'phase 2 go-live' "$tmp/pl/ccc.md")" -eq 1
"$HLRC" diff "$pl/2021-09.hlr" "$pl/2021-10.hlr" > "$tmp/pl/diff" 2>&1
check "diff $pl 2021-09 2021-10: opened, updated and closed entries" \
	test "$(grep -c -E '^- (Opened: a3|Updated \(owner\): d2|Closed: (i2|c2)):' "$tmp/pl/diff")" -eq 4
"$HLRC" build --to json "$pl/2021-12.hlr" > "$tmp/pl/12.json" 2> /dev/null
check "JSON of $pl/2021-12: an entry's history has its lapse" \
	grep -q '"action": "overdue"' "$tmp/pl/12.json"
"$HLRC" site "$pl" -o "$tmp/pl/site" > "$tmp/out" 2>&1
status "site $pl" 0 $? "$tmp/out"
for kw in risks issues actions decisions changes; do
	check "site $pl: log-$kw.html, linked from the index" \
		grep -q "href=\"log-$kw.html\"" "$tmp/pl/site/index.html"
done
check "site $pl: each report's log sections link their log pages" \
	grep -q 'href="log-changes.html"' "$tmp/pl/site/2021-06.html"
check "site $pl: a risk's history says when it lapsed, oldest first" \
	sh -c "grep -A5 '<li id=\"r3\">' '$tmp/pl/site/log-risks.html' | sed 's/<[^>]*>//g' |
		grep -E '^(Opened|Overdue|Updated|Closed) in' | cut -d' ' -f1 | tr '\n' ' ' |
		grep -q -x 'Opened Overdue Updated Closed '"
check "site $pl: a log page shows an entry's authority" \
	grep -q '<li id="r2"><strong>r2</strong> <span class="tags"><span class="tag" title="Peterborough City Council">' \
	"$tmp/pl/site/log-risks.html"

mkdir -p "$tmp/pl/named"
cp "$pl"/*.hlr "$tmp/pl/named/"
printf 'period month 2022-01\n\n== guidance\n\n- A quiet month.\n' > "$tmp/pl/named/LOG-Risks.hlr"
"$HLRC" site "$tmp/pl/named" -o "$tmp/pl/named-out" > "$tmp/out" 2>&1
st=$?
check "site: a report called LOG-Risks.hlr beside a risks log is an error, nothing written" \
	test $st -eq 1 -a ! -e "$tmp/pl/named-out" -a \
	"$(grep -c "error: a report called 'LOG-Risks.hlr': the site's page of the log 'risks'.*\[site-index-name\]" "$tmp/out")" -eq 1
mv "$tmp/pl/named/LOG-Risks.hlr" "$tmp/pl/named/log-lessons.hlr"
"$HLRC" site "$tmp/pl/named" -o "$tmp/pl/named-out" > "$tmp/out" 2>&1
status "site: a report called log-lessons.hlr, where no log is 'lessons', is a report" 0 $? "$tmp/out"

# --- attachments: linked from the text, listed, copied by the site -------------

br=examples/board-report
"$HLRC" site "$br" -o "$tmp/att-site" > "$tmp/out" 2>&1
status "site $br (with an attachment)" 0 $? "$tmp/out"
check "site $br: the attachment is copied beside the pages, byte for byte" \
	cmp "$br/appendix-a-phase-2-plan.csv" "$tmp/att-site/appendix-a-phase-2-plan.csv"
check "site $br: the text's link and the list of attachments go to it" \
	test "$(grep -c 'href="appendix-a-phase-2-plan.csv"' "$tmp/att-site/2012-03-16.html")" -eq 2
a=$tmp/att
mkdir -p "$a/s/appendices"
printf 'a,b\n1,2\n' > "$a/s/appendices/budget.csv"
printf 'Terms of reference\n' > "$a/s/terms.txt"
printf 'title T\ncadence monthly\nauthority CCC Cambridgeshire County Council\nauthority PCC Peterborough City Council\nattachment terms terms.txt Terms of reference\n' > "$a/s/series.hlr"
printf 'period month 2021-01\nattachment budget appendices/budget.csv Budget, January\n\n== guidance\n\n- @PCC The [budget](attachment:budget) and the [terms](attachment:terms).\n' > "$a/s/2021-01.hlr"
printf 'period month 2021-02\n\n== guidance\n\n- @CCC The [terms](attachment:terms) again.\n' > "$a/s/2021-02.hlr"
"$HLRC" site "$a/s" -o "$a/out" > "$tmp/out" 2>&1
status "site: a series whose reports attach files, one in a folder" 0 $? "$tmp/out"
check "site: a file in a folder is copied into the same folder" cmp "$a/s/appendices/budget.csv" "$a/out/appendices/budget.csv"
check "site: the series' attachment is copied once, and listed by every report" \
	test -f "$a/out/terms.txt" -a "$(grep -c 'href="terms.txt">Terms of reference</a>' "$a/out/2021-02.html")" -eq 1
check "site: a report's own attachment is not another report's" \
	test "$(grep -c 'appendices/budget.csv' "$a/out/2021-02.html")" -eq 0
"$HLRC" build --to md --for CCC "$a/s/2021-01.hlr" > "$tmp/out" 2>&1
check "--for CCC: the list of attachments is the report's whole list" \
	test "$(grep -c -E '^- \[(Budget, January|Terms of reference)\]' "$tmp/out")" -eq 2
"$HLRC" build --to json "$a/s/2021-01.hlr" > "$tmp/out" 2>&1
check "JSON: attachments, the series' first, and not as a section" \
	sh -c "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [x[\"key\"] for x in d[\"attachments\"]] == [\"terms\", \"budget\"], d[\"attachments\"]; assert all(s.get(\"keyword\") != \"attached-files\" for s in d[\"body\"])' '$tmp/out'"
"$HLRC" diff "$a/s/2021-01.hlr" "$a/s/2021-02.hlr" > "$tmp/out" 2>&1
check "diff: an attachment the new report no longer has is removed" \
	grep -q -x -F -- '- Removed: Budget, January (budget.csv)' "$tmp/out"
cp "$a/s/terms.txt" "$a/s/index.html"
printf 'period month 2021-03\nattachment page index.html The index\n\n== guidance\n\n- An item.\n' > "$a/s/2021-03.hlr"
"$HLRC" site "$a/s" -o "$a/out2" > "$tmp/out" 2>&1
st=$?
check "site: an attachment with the name of a page is an error, and nothing is written" \
	test $st -eq 1 -a ! -e "$a/out2" -a "$(grep -c "the attachment 'index.html' has the name of a page of the site" "$tmp/out")" -eq 1
"$HLRC" build --to docx -o "$a/d.docx" "$a/s/2021-01.hlr" > "$tmp/out" 2>&1
status "docx of a report with attachments" 0 $? "$tmp/out"
check "docx: the links go to the attached files" \
	sh -c "python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(\"word/_rels/document.xml.rels\").decode())' '$a/d.docx' | grep -q 'Target=\"appendices/budget.csv\" TargetMode=\"External\"'"

# a file name with spaces, as Word saves one: said so, with a name to give it
mkdir -p "$a/w"
printf 'Minutes\n' > "$a/w/Board Minutes March.txt"
printf 'title T\nperiod month 2021-03\nattachment minutes Board Minutes March.txt The minutes\n\n== guidance\n\n- See the [minutes](attachment:minutes).\n' > "$a/w/r.hlr"
"$HLRC" check "$a/w/r.hlr" > "$tmp/out" 2>&1
st=$?
check "an attachment's file name with spaces: one error, at the name, with a name without them" \
	test $st -eq 1 -a "$(grep -c 'error:' "$tmp/out")" -eq 1 -a \
	"$(grep -c "r.hlr:3:20: error: the attachment's path 'Board Minutes March.txt' has spaces; rename the file without them .*'Board-Minutes-March.txt' \[invalid-attachment\]" "$tmp/out")" -eq 1

# a symbolic link out of the folder (a file, or a folder on the way) is
# not attached: a site would publish what is not the series'; one that
# stays in the folder is
mkdir -p "$a/l" "$a/outside"
printf 'secret\n' > "$a/outside/secret.txt"
printf 'a,b\n' > "$a/l/plan.csv"
ln -s ../outside/secret.txt "$a/l/secret.txt"
ln -s ../outside "$a/l/out"
ln -s plan.csv "$a/l/plan-link.csv"
printf 'title T\nperiod month 2021-03\nattachment s secret.txt\nattachment o out/secret.txt\nattachment p plan-link.csv\n\n== guidance\n\n- An item.\n' > "$a/l/r.hlr"
"$HLRC" check "$a/l/r.hlr" > "$tmp/out" 2>&1
st=$?
check "attachments through symbolic links out of the folder are errors; one within it is not" \
	test $st -eq 1 -a "$(grep -c 'error:' "$tmp/out")" -eq 2 -a \
	"$(grep -c -E "r.hlr:(3:14|4:14): error: the attachment '(secret.txt|out/secret.txt)' leads, through a symbolic link, to a file outside" "$tmp/out")" -eq 2

# links in table cells and images are resolved and checked as an item's;
# an unknown key is found where it is written, not in a longer key before it
mkdir -p "$a/c"
printf 'x' > "$a/c/plans.csv"
printf 'x' > "$a/c/plam.csv"
printf 'title T\nperiod month 2021-01\nattachment plans plans.csv\nattachment plam plam.csv\n\n== guidance\n\n- See [a](attachment:plans) and [b](attachment:plan).\n- ![chart](attachment:plam)\n\n| One | Two |\n| --- | --- |\n| a | [c](attachment:plans) |\n| b | [d](attachment:nope) |\n' > "$a/c/r.hlr"
"$HLRC" check "$a/c/r.hlr" > "$tmp/out" 2>&1
check "unknown attachments: in an item after a longer key, and in a table cell, each where written" \
	test "$(grep -c 'error:' "$tmp/out")" -eq 2 -a \
	"$(grep -c -E "r.hlr:(8:37: error: the report has no attachment 'plan'; did you mean 'plans'\?|14:11: error: the report has no attachment 'nope')" "$tmp/out")" -eq 2
sed -i '/nope/d' "$a/c/r.hlr"
sed -i 's/(attachment:plan)/(attachment:plans)/' "$a/c/r.hlr"
"$HLRC" build --to html --fragment "$a/c/r.hlr" > "$tmp/out" 2>&1
check "a table cell's and an image's attachment links go to the files" \
	test "$(grep -c -E '<td><a href="plans.csv">c</a></td>|<img src="plam.csv"' "$tmp/out")" -eq 2
# a site into an OUTDIR whose folder an attachment goes into: the files
# hlrc did not write there are kept
mkdir -p "$a/k/s/d" "$a/k/out/d"
printf 'pdf' > "$a/k/s/d/in.pdf"
printf 'title T\nperiod month 2021-01\nattachment sub d/in.pdf\n\n== guidance\n\n- x\n' > "$a/k/s/r.hlr"
echo notes > "$a/k/out/d/user-notes.txt"
"$HLRC" site "$a/k/s" -o "$a/k/out" > "$tmp/out" 2>&1
check "site: an attachment's folder in OUTDIR keeps the files hlrc did not write" \
	test -f "$a/k/out/d/user-notes.txt" -a -f "$a/k/out/d/in.pdf"
# the name suggested for a Word file name is one a path may have
printf 'x' > "$a/w/Plan v2 (final).docx"
printf 'title T\nperiod month 2021-03\nattachment plan Plan v2 (final).docx\n\n== guidance\n\n- An item.\n' > "$a/w/r.hlr"
"$HLRC" check "$a/w/r.hlr" > "$tmp/out" 2>&1
check "a file name with spaces and brackets: the name suggested is 'Plan-v2-final.docx'" \
	grep -q "such as 'Plan-v2-final.docx' \[invalid-attachment\]" "$tmp/out"
# the list's anchor is the report's
printf 'title T\nperiod month 2021-01\nattachment plans plans.csv\n\n== guidance\n\n- x {#attached-files}\n' > "$a/c/r.hlr"
"$HLRC" check "$a/c/r.hlr" > "$tmp/out" 2>&1
check "an id 'attached-files' in a report with attachments is an error" \
	grep -q "r.hlr:7:7: error: 'attached-files' is the anchor of the report's list of attachments" "$tmp/out"

# fmt of an entry's fields line with an empty segment, or ',' for ';'
# (found by fuzz_fmt): its segments trimmed and joined by "; ", the same
# report, and idempotent
printf 'title t\nperiod month 2021-11\n\n== risks\n\n- Phase. {#c3}\n  owner A;;  due 2021-12-10\n- Other. {#c4}\n  owner Programme Manager;, due 2021-12-10\n' > "$tmp/fields-fmt.hlr"
"$HLRC" fmt "$tmp/fields-fmt.hlr" > "$tmp/fields-fmt.out" 2>&1
st=$?
check "fmt of a fields line with an empty segment: exit 0, segments joined by '; '" \
	test $st -eq 0 -a "$(grep -c -x -F -e '  owner A; ; due 2021-12-10' -e '  owner Programme Manager; , due 2021-12-10' "$tmp/fields-fmt.out")" -eq 2
cp "$tmp/fields-fmt.out" "$tmp/fields-fmt2.hlr"
check "fmt of it again: the same" sh -c "'$HLRC' fmt '$tmp/fields-fmt2.hlr' | cmp -s - '$tmp/fields-fmt.out'"

printf '%s passed, %s failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
