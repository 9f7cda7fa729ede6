# The CLI's behaviour; sourced by tests/run.sh (uses HLRC, tmp, ok, bad).
# cli_case NAME WANT_STATUS PATTERN -- ARGS: runs hlrc ARGS, checks the exit
# status and that stdout+stderr match the grep pattern (empty: no check).
cli_case() {
	name=$1 want=$2 pattern=$3
	shift 4
	"$HLRC" "$@" > "$tmp/cli.out" 2>&1
	status=$?
	if [ "$status" -ne "$want" ]; then
		{ printf 'exit status %s, expected %s\n' "$status" "$want"; cat "$tmp/cli.out"; } > "$tmp/diff"
		bad "cli: $name"
	elif [ -n "$pattern" ] && ! grep -q -- "$pattern" "$tmp/cli.out"; then
		{ printf 'output does not match: %s\n' "$pattern"; cat "$tmp/cli.out"; } > "$tmp/diff"
		bad "cli: $name"
	else
		ok
	fi
}

ex=examples/covid-weekly/2020-07-03.hlr
cli_case "no arguments" 2 "usage:" --
cli_case "--help" 0 "hlrc build" -- --help
cli_case "help command" 0 "hlrc check" -- help
cli_case "--version" 0 "^hlrc [0-9]" -- --version
cli_case "unknown command" 2 "unknown command 'frobnicate'" -- frobnicate
cli_case "unknown option" 2 "unknown option '--bogus'" -- build --bogus "$ex"
cli_case "unknown format" 2 "unknown format 'pdf'" -- build --to pdf "$ex"
cli_case "option without value" 2 "needs a value" -- build "$ex" --to
cli_case "build without file" 2 "build needs a FILE" -- build
cli_case "build with two files" 2 "build takes one FILE" -- build "$ex" "$ex"
cli_case "check without file" 2 "check needs at least one FILE" -- check
cli_case "--fragment without html" 2 "goes with HTML" -- build --fragment --to md "$ex"
cli_case "missing file" 1 "^missing.hlr: error: cannot read file: No such file or directory" -- check missing.hlr
cli_case "folder without reports" 1 "^examples: error: no .hlr reports in this folder" -- check examples
cli_case "folder build without -o" 2 "building a folder needs -o OUTDIR" -- build examples/covid-weekly
cli_case "series file is not a report" 1 "series.hlr: error: a series file holds shared header fields" -- build examples/covid-weekly/series.hlr
cli_case "check a series folder" 0 "" -- check examples/covid-weekly
cli_case "check a plain folder" 0 "" -- check examples/service-monthly
cli_case "--depfile without -o" 2 "--depfile needs -o OUT" -- build --depfile x.d "$ex"
printf 'hello\0world\n' > "$tmp/binary.hlr"
cli_case "binary file" 1 "binary.hlr: error: not a text file (NUL byte at offset 5)" -- check "$tmp/binary.hlr"
cli_case "check valid files" 0 "" -- check examples/covid-weekly/2020-07-03.hlr examples/service-monthly/2020-11.hlr
cli_case "check reports every file" 1 "missing.hlr: error" -- check missing.hlr "$ex"
cli_case "--for undeclared" 1 "declares no authority 'PCX'; did you mean 'PCC'" -- build --for PCX "$ex"
cli_case "--for=TAG form" 0 "" -- build --for=PCC "$ex"
cli_case "--to=html form" 0 "<!DOCTYPE html>" -- build --to=html "$ex"

# one line per problem for a missing file, a folder and a binary file
for f in missing.hlr examples "$tmp/binary.hlr"; do
	"$HLRC" check "$f" > /dev/null 2> "$tmp/cli.err"
	if [ "$(wc -l < "$tmp/cli.err")" -eq 1 ]; then ok; else cp "$tmp/cli.err" "$tmp/diff"; bad "cli: one line for $f"; fi
done

# -o: the format follows the extension; the file is written whole
for ext in md html json; do
	"$HLRC" build -o "$tmp/out.$ext" "$ex" && "$HLRC" build --to $ext "$ex" > "$tmp/stdout.$ext"
	if cmp -s "$tmp/out.$ext" "$tmp/stdout.$ext"; then ok; else bad "cli: -o out.$ext matches --to $ext"; fi
done

# a failed build leaves the previous output as it was, and no temporary file
printf 'previous good output\n' > "$tmp/keep.md"
printf 'title x\nperiod month 2020-13\n== guidance\nnone\n' > "$tmp/broken.hlr"
"$HLRC" build -o "$tmp/keep.md" "$tmp/broken.hlr" 2> /dev/null
status=$?
if [ $status -eq 1 ] && [ "$(cat "$tmp/keep.md")" = "previous good output" ] &&
   [ -z "$(find "$tmp" -name 'keep.md.hlrc-*')" ]; then ok; else bad "cli: failed build keeps the old output"; fi
# no output file at all when there is an error
"$HLRC" build -o "$tmp/new.md" "$tmp/broken.hlr" 2> /dev/null
if [ ! -e "$tmp/new.md" ]; then ok; else bad "cli: failed build creates no file"; fi
# an unwritable destination is an error, not a crash
cli_case "unwritable output" 1 "cannot write output" -- build -o /nonexistent-dir/x.md "$ex"

# the same input gives the same bytes
"$HLRC" build --to html "$ex" > "$tmp/a.html"
"$HLRC" build --to html "$ex" > "$tmp/b.html"
if cmp -s "$tmp/a.html" "$tmp/b.html"; then ok; else bad "cli: output is deterministic"; fi

# a file with three different mistakes on three lines: three errors, exit 1
printf 'title T\nperiod week ending 2020-02-30\n== guidanse\n- @XYZ item\n' > "$tmp/three.hlr"
"$HLRC" check "$tmp/three.hlr" 2> "$tmp/cli.err"
status=$?
n=$(grep -c ': error: ' "$tmp/cli.err")
if [ $status -eq 1 ] && [ "$n" -eq 3 ] && grep -q 'three.hlr:2:20: error' "$tmp/cli.err" &&
   grep -q 'three.hlr:3:4: error' "$tmp/cli.err" && grep -q 'three.hlr:4:3: error' "$tmp/cli.err"; then
	ok
else
	cp "$tmp/cli.err" "$tmp/diff"
	bad "cli: three mistakes, three diagnostics"
fi

# a whole series in one run: every report, named after its file
"$HLRC" build --to html -o "$tmp/site" examples/covid-weekly 2> "$tmp/cli.err"
if [ -f "$tmp/site/2020-06-26.html" ] && [ -f "$tmp/site/2020-07-03.html" ] && [ ! -e "$tmp/site/series.html" ] &&
   "$HLRC" build --to html examples/covid-weekly/2020-07-03.hlr | cmp -s - "$tmp/site/2020-07-03.html"; then
	ok
else
	bad "cli: build a series folder"
fi

# the dependency listing names the report, the series file, every other
# report of the series (any one's period decides which is previous) and
# the folder (a report added or removed)
"$HLRC" build -o "$tmp/july.html" --depfile "$tmp/july.d" examples/covid-weekly/2020-07-03.hlr
printf '%s\n' "$tmp/july.html: examples/covid-weekly/2020-07-03.hlr examples/covid-weekly/series.hlr examples/covid-weekly/2020-06-26.hlr examples/covid-weekly" \
	"examples/covid-weekly/series.hlr:" "examples/covid-weekly/2020-06-26.hlr:" "examples/covid-weekly:" > "$tmp/july.d.want"
if diff -u "$tmp/july.d.want" "$tmp/july.d" > "$tmp/diff"; then rm -f "$tmp/diff"; ok; else bad "cli: --depfile"; fi

# the July report carries the five finance items of 26 June, marked as carried
"$HLRC" build --to html examples/covid-weekly/2020-07-03.hlr > "$tmp/july.html"
n=$(grep -c '<li class="carried">' "$tmp/july.html")
if [ "$n" -eq 5 ] && grep -q 'Unchanged since <a href="2020-06-26.html">week ending 26th June 2020</a>:' "$tmp/july.html" &&
   ! grep -q 'access to resources team' examples/covid-weekly/2020-07-03.hlr; then
	ok
else
	bad "cli: July carries the five finance items ($n carried)"
fi

# warnings: exit 0, unless --werror or --fail-on=warning
printf 'title T\nperiod month 2020-11\n== guidance\n- x\n== challenges\n' > "$tmp/warn.hlr"
cli_case "warning alone exits 0" 0 "empty-section" -- check "$tmp/warn.hlr"
cli_case "--werror fails on a warning" 1 "empty-section" -- check --werror "$tmp/warn.hlr"
cli_case "--fail-on=warning fails on a warning" 1 "empty-section" -- check --fail-on=warning "$tmp/warn.hlr"
cli_case "--werror on build writes nothing" 1 "" -- build --werror -o "$tmp/warn.md" "$tmp/warn.hlr"
if [ ! -e "$tmp/warn.md" ]; then ok; else bad "cli: --werror build wrote a file"; fi
cli_case "--fail-on takes error or warning" 2 "--fail-on takes" -- check --fail-on=note "$tmp/warn.hlr"
cli_case "unknown diagnostics format" 2 "unknown diagnostics format 'xml'" -- check --diagnostics=xml "$tmp/warn.hlr"

# a comment silences one warning code on the next line, never an error
printf 'title T\nperiod month 2020-11\n== guidance\n- x\n# hlrc-ignore: empty-section\n== challenges\n' > "$tmp/quiet.hlr"
cli_case "hlrc-ignore silences a warning" 0 "" -- check --werror "$tmp/quiet.hlr"
"$HLRC" check "$tmp/quiet.hlr" 2> "$tmp/cli.err"
if [ ! -s "$tmp/cli.err" ]; then ok; else cp "$tmp/cli.err" "$tmp/diff"; bad "cli: hlrc-ignore leaves no output"; fi
printf 'title T\nperiod month 2020-11\n# hlrc-ignore: unknown-section\n== guidanse\n- x\n' > "$tmp/loud.hlr"
cli_case "hlrc-ignore does not silence errors" 1 "unknown-section" -- check "$tmp/loud.hlr"

# GitHub shows 10 annotations of each level a step: 10 errors, then the
# warning that says how many were left out (tests/diag/seventy.github: both)
{ printf 'title T\nperiod month 2020-11\n== guidance\n'; i=0; while [ $i -lt 60 ]; do printf -- '- @X%d item\n' $i; i=$((i + 1)); done; } > "$tmp/many.hlr"
"$HLRC" check --diagnostics=github "$tmp/many.hlr" > "$tmp/cli.out" 2>&1
n=$(grep -c '^::error ' "$tmp/cli.out")
if [ "$n" -eq 10 ] && [ "$(grep -c '^::warning' "$tmp/cli.out")" -eq 1 ] &&
	grep -q '^::warning title=hlrc::50 more diagnostics were left out .*: 50 errors;' "$tmp/cli.out"; then ok; else cp "$tmp/cli.out" "$tmp/diff"; bad "cli: github annotation limit ($n)"; fi
# exactly 10 warnings and no more: all shown, no summary
{ printf 'title T\nperiod month 2020-11\nauthority CCC C C (C)\n== guidance\n'; i=0; while [ $i -lt 10 ]; do printf -- '- @CCC @CCC item\n'; i=$((i + 1)); done; } > "$tmp/ten.hlr"
"$HLRC" check --diagnostics=github "$tmp/ten.hlr" > "$tmp/cli.out" 2>&1
if [ "$(grep -c '^::warning file=' "$tmp/cli.out")" -eq 10 ] && ! grep -q 'left out' "$tmp/cli.out"; then ok; else cp "$tmp/cli.out" "$tmp/diff"; bad "cli: github, 10 warnings shown whole"; fi
# --source-root: SARIF and GitLab paths from it; not a folder is a usage error
"$HLRC" check --diagnostics=gitlab --source-root tests "$tmp/../$(basename "$tmp")/ten.hlr" tests/diag/notes.hlr > "$tmp/cli.out" 2>&1
if grep -q '"path": "diag/notes.hlr"' "$tmp/cli.out" && grep -q "\"path\": \"$tmp/ten.hlr\"" "$tmp/cli.out"; then ok; else cp "$tmp/cli.out" "$tmp/diff"; bad "cli: --source-root, paths inside it relative, outside absolute"; fi
cli_case "--source-root that is no folder" 2 "source-root" -- check --diagnostics=sarif --source-root tests/cli.sh tests/diag/notes.hlr

# every command has its help, from the one table: usage, what it does, options
for c in build check site fmt new diff; do
	cli_case "$c --help" 0 "^usage: hlrc $c" -- "$c" --help
	cli_case "help $c" 0 "^usage: hlrc $c" -- help "$c"
done
cli_case "--help names COMMAND --help" 0 "hlrc COMMAND --help" -- --help
cli_case "build --help lists its options" 0 "^  -o, --output OUT" -- build --help
cli_case "check --help lists its options" 0 "^  --werror" -- check --help
cli_case "usage error of a command shows its usage" 2 "^usage: hlrc check" -- check --bogus

# a file is checked in its series: a duplicate period held by another file
# of the folder is reported for either file
dup=tests/series/err-duplicate-period
for f in "$dup/2020-06-19.hlr" "$dup/second.hlr"; do
	cli_case "check $f sees the duplicate period" 1 "duplicate-period" -- check "$f"
done

# naming every file of a folder is naming the folder: the same diagnostics,
# once each, and the same exit status
for d in examples/covid-weekly tests/series/*; do
	[ -f "$d/series.hlr" ] || continue
	"$HLRC" check "$d" > "$tmp/dir.out" 2>&1
	s1=$?
	"$HLRC" check "$d"/*.hlr > "$tmp/files.out" 2>&1
	s2=$?
	if [ $s1 -eq $s2 ] && cmp -s "$tmp/dir.out" "$tmp/files.out"; then
		ok
	else
		diff -u "$tmp/dir.out" "$tmp/files.out" > "$tmp/diff"
		bad "cli: check $d/*.hlr is check $d"
	fi
done

# one file however it is named: "./D/x.hlr" and "D//x.hlr" are "D/x.hlr"
"$HLRC" check "$dup/second.hlr" > "$tmp/one.out" 2>&1
"$HLRC" check "$dup/second.hlr" "./$dup/second.hlr" "$dup//second.hlr" > "$tmp/three.out" 2>&1
if cmp -s "$tmp/one.out" "$tmp/three.out"; then ok; else diff -u "$tmp/one.out" "$tmp/three.out" > "$tmp/diff"; bad "cli: one file however named"; fi

# the command is a client of the library alone: compiler/hlrc.h, its own
# header, and runtime helpers that know nothing of the language
others=$(grep -h '^#include "' compiler/cli/*.[ch] | grep -v -e '"compiler/hlrc.h"' -e '"compiler/cli/cli.h"' -e '"runtime/buf.h"' -e '"runtime/outfile.h"')
if [ -z "$others" ]; then ok; else printf '%s\n' "$others" > "$tmp/diff"; bad "cli: includes only compiler/hlrc.h"; fi

# an output that names a pipe or a device is written to, never replaced by
# a renamed file (-o /dev/null once turned /dev/null into a plain file)
rm -f "$tmp/pipe" "$tmp/piped"
if mkfifo "$tmp/pipe" 2>/dev/null; then
	# the reader gives up after a while: a renamed file would leave it waiting
	timeout 20 cat "$tmp/pipe" > "$tmp/piped" &
	reader=$!
	"$HLRC" build -o "$tmp/pipe" examples/service-monthly/2020-11.hlr 2> "$tmp/cli.err"
	st=$?
	wait $reader
	if [ $st -eq 0 ] && [ -p "$tmp/pipe" ] &&
	   "$HLRC" build examples/service-monthly/2020-11.hlr | cmp -s - "$tmp/piped"; then
		ok
	else
		cp "$tmp/cli.err" "$tmp/diff"
		bad "cli: -o a pipe writes into it and leaves it a pipe"
	fi
fi
mkdir -p "$tmp/adir"
cli_case "-o an existing folder for one report is an error" 1 "cannot-write" -- build -o "$tmp/adir" examples/service-monthly/2020-11.hlr

# outputs never touch inputs: -o or --depfile naming a file the build reads
# is a usage error before anything is written
rm -rf "$tmp/ow"
mkdir -p "$tmp/ow"
cp -r examples/covid-weekly "$tmp/ow/s"
cp "$tmp/ow/s/2020-07-03.hlr" "$tmp/ow/keep"
for o in "-o $tmp/ow/s/2020-07-03.hlr" "-o $tmp/ow/s/../s/2020-07-03.hlr" \
         "-o $tmp/ow/out.md --depfile $tmp/ow/s/2020-06-26.hlr"; do
	# shellcheck disable=SC2086
	"$HLRC" build $o "$tmp/ow/s/2020-07-03.hlr" > "$tmp/cli.out" 2>&1
	st=$?
	if [ $st -eq 2 ] && grep -q "is an input of this build" "$tmp/cli.out" &&
	   cmp -s "$tmp/ow/keep" "$tmp/ow/s/2020-07-03.hlr" && cmp -s examples/covid-weekly/2020-06-26.hlr "$tmp/ow/s/2020-06-26.hlr"; then
		ok
	else
		{ echo "exit $st"; cat "$tmp/cli.out"; } > "$tmp/diff"
		bad "cli: build $o refuses to overwrite an input"
	fi
done

# a file name that would put a recipe into a depfile is an error, found
# before anything is written: no output, no depfile
rm -rf "$tmp/evil"
mkdir -p "$tmp/evil"
printf 'title T\ncadence weekly\n' > "$tmp/evil/series.hlr"
evil=$(printf 'x=1\nall:\n\ttouch\tPWNED\nz')
printf 'period week ending 2020-06-26\n\n== guidance\n- one {#one}\n' > "$tmp/evil/$evil.hlr"
printf 'period week ending 2020-07-03\n\n== guidance\nunchanged\n' > "$tmp/evil/2020-07-03.hlr"
"$HLRC" build -o "$tmp/evil/out.md" --depfile "$tmp/evil/out.d" "$tmp/evil/2020-07-03.hlr" > "$tmp/cli.out" 2>&1
st=$?
if [ $st -eq 1 ] && [ ! -e "$tmp/evil/out.d" ] && [ ! -e "$tmp/evil/out.md" ] &&
   grep -q "rename the file" "$tmp/cli.out"; then
	ok
else
	{ echo "exit $st"; cat "$tmp/cli.out"; ls "$tmp/evil"; } > "$tmp/diff"
	bad "cli: a control character in a dependency's name is an error, not a recipe"
fi

# names with a space, '$', '#' and ':' are escaped so that make reads them:
# the output is up to date, then out of date once such a dependency changes
if command -v make > /dev/null 2>&1; then
	rm -rf "$tmp/odd"
	mkdir -p "$tmp/odd/a b"
	printf 'title T\ncadence weekly\n' > "$tmp/odd/a b/series.hlr"
	printf 'period week ending 2020-06-26\n\n== guidance\n- one\n' > "$tmp/odd/a b/p\$1#x:y.hlr"
	printf 'period week ending 2020-07-03\n\n== guidance\nunchanged\n' > "$tmp/odd/a b/2020-07-03.hlr"
	case $HLRC in /*) hlrc_abs=$HLRC ;; *) hlrc_abs=$(pwd)/$HLRC ;; esac
	(
		cd "$tmp/odd" &&
		"$hlrc_abs" build -o out.md --depfile out.d "a b/2020-07-03.hlr" &&
		printf 'include out.d\nout.md:\n\ttouch out.md\n' > test.mk &&
		make -s -q -f test.mk out.md &&
		sleep 1 && touch "a b/p\$1#x:y.hlr" &&
		! make -s -q -f test.mk out.md
	) > "$tmp/cli.out" 2>&1
	if [ $? -eq 0 ]; then ok; else cp "$tmp/cli.out" "$tmp/diff"; bad "cli: make reads depfile names with space, \$, # and :"; fi
fi

# a folder reads regular files inside it only: a link to a file outside and
# a pipe named like a report are skipped with a warning, never opened (the
# pipe used to block every command for ever)
rm -rf "$tmp/conf"
cp -r examples/covid-weekly "$tmp/conf"
ln -s /etc/passwd "$tmp/conf/p.hlr"
if mkfifo "$tmp/conf/f.hlr" 2>/dev/null; then
	timeout 60 "$HLRC" check "$tmp/conf" > "$tmp/cli.out" 2>&1
	st=$?
	if [ $st -eq 0 ] && [ "$(grep -c 'skipped-file' "$tmp/cli.out")" -eq 2 ] &&
	   ! grep -q 'root:' "$tmp/cli.out"; then
		ok
	else
		{ echo "exit $st"; cat "$tmp/cli.out"; } > "$tmp/diff"
		bad "cli: check skips a link outside the folder and a pipe, with warnings"
	fi
	cli_case "a skipped file fails --werror" 1 "skipped-file" -- check --werror "$tmp/conf"
	timeout 60 "$HLRC" build --to html -o "$tmp/conf-out" "$tmp/conf" > "$tmp/cli.out" 2>&1
	st=$?
	if [ $st -eq 0 ] && [ -f "$tmp/conf-out/2020-07-03.html" ] && [ ! -e "$tmp/conf-out/p.html" ]; then
		ok
	else
		{ echo "exit $st"; cat "$tmp/cli.out"; } > "$tmp/diff"
		bad "cli: build of a folder with a link outside publishes nothing from outside"
	fi
fi

# JSON names the source by its file name in its folder, not by the path the
# build was given: the same report gives the same bytes however it is named
rm -rf "$tmp/jsrc"
mkdir -p "$tmp/jsrc"
cp examples/covid-weekly/*.hlr "$tmp/jsrc/"
case $HLRC in /*) hlrc_abs=$HLRC ;; *) hlrc_abs=$(pwd)/$HLRC ;; esac
"$HLRC" build --to json -o "$tmp/jsrc.1" "$tmp/jsrc/2020-07-03.hlr" &&
"$HLRC" build --to json -o "$tmp/jsrc.2" "/$tmp/./jsrc//2020-07-03.hlr" &&
(cd "$tmp/jsrc" && "$hlrc_abs" build --to json -o ../jsrc.3 2020-07-03.hlr) &&
"$HLRC" build --to json -o "$tmp/jsrc.d" "$tmp/jsrc" > "$tmp/cli.out" 2>&1
if cmp -s "$tmp/jsrc.1" "$tmp/jsrc.2" && cmp -s "$tmp/jsrc.1" "$tmp/jsrc.3" &&
   cmp -s "$tmp/jsrc.1" "$tmp/jsrc.d/2020-07-03.json" &&
   grep -q '"source": "2020-07-03.hlr"' "$tmp/jsrc.1"; then
	ok
else
	{ diff "$tmp/jsrc.1" "$tmp/jsrc.2"; diff "$tmp/jsrc.1" "$tmp/jsrc.3"; cat "$tmp/cli.out"; } > "$tmp/diff" 2>&1
	bad "cli: JSON's source is the same however the report is named"
fi
