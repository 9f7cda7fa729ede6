# hlrc fix; sourced by tests/run.sh (uses HLRC, tmp, ok, bad, cli_case).
# Each fix is applied in place with the file's permissions kept, --dry-run
# prints a unified diff and writes nothing, a second fix changes no byte,
# and the words of a report (runs of letters and digits) are kept, those
# of the lines a fix-it edits aside (a section keyword is not a word of the
# report: it names the heading).

# words FILE: one word a line, section lines left out
fix_words() {
	grep -v '^ *==' "$1" | tr -cs 'A-Za-z0-9' '\n'
}

fx=$tmp/fix
rm -rf "$fx"
mkdir -p "$fx"
cp -R examples/covid-weekly "$fx/series"
cp -R "$fx/series" "$fx/orig"
# mistakes with one certain fix: a misspelt and a capitalised keyword
sed -i.bak -e 's/^== guidance$/== guidence/' -e 's/^== challenges$/== Challenges/' \
	"$fx/series/2020-07-03.hlr" && rm -f "$fx/series/2020-07-03.hlr.bak"
cp "$fx/series/2020-07-03.hlr" "$fx/broken.hlr"
chmod 640 "$fx/series/2020-07-03.hlr"
cli_case "fix --dry-run: a diff" 0 "^+== guidance" -- fix --dry-run "$fx/series"
if cmp -s "$fx/series/2020-07-03.hlr" "$fx/broken.hlr"; then ok; else
	printf 'the file changed\n' > "$tmp/diff"; bad "fix --dry-run writes nothing"; fi
cli_case "fix: the fixed files listed" 0 "^fixed $fx/series/2020-07-03.hlr" -- fix "$fx/series"
if cmp -s "$fx/series/2020-07-03.hlr" "$fx/orig/2020-07-03.hlr"; then ok; else
	diff -u "$fx/orig/2020-07-03.hlr" "$fx/series/2020-07-03.hlr" > "$tmp/diff"; bad "fix: the report as meant"; fi
case $(ls -l "$fx/series/2020-07-03.hlr") in
-rw-r-----*) ok ;;
*) ls -l "$fx/series/2020-07-03.hlr" > "$tmp/diff"; bad "fix keeps the file's permissions" ;;
esac
cp -R "$fx/series" "$fx/again"
cli_case "fix again: nothing to fix" 0 "" -- fix "$fx/again"
if diff -r "$fx/series" "$fx/again" > "$tmp/diff"; then rm -f "$tmp/diff"; ok; else bad "a second fix changes nothing"; fi
cli_case "fix --dry-run with nothing to fix: no diff" 0 "" -- fix --dry-run "$fx/again"
if [ ! -s "$tmp/cli.out" ]; then ok; else cp "$tmp/cli.out" "$tmp/diff"; bad "fix --dry-run with nothing to fix prints nothing"; fi
# every word kept, in every example
for f in examples/*/*.hlr "$fx/broken.hlr"; do
	cp "$f" "$fx/w.hlr"
	"$HLRC" fix "$fx/w.hlr" > /dev/null 2>&1
	fix_words "$f" > "$fx/w.before"
	fix_words "$fx/w.hlr" > "$fx/w.after"
	if diff "$fx/w.before" "$fx/w.after" > "$tmp/diff"; then rm -f "$tmp/diff"; ok; else bad "fix keeps the words of $f"; fi
done
# what remains is printed, and the status is check's
printf 'title T\nperiod week ending 2020-07-03\n\n== fin\n\n- a\n' > "$fx/rest.hlr"
cli_case "fix: what remains is printed" 1 "did you mean 'finance'" -- fix "$fx/rest.hlr"
cli_case "fix without file" 2 "fix needs at least one FILE" -- fix
cli_case "fix --help" 0 "dry-run" -- fix --help
# header field names: a misspelt one, and one written with a colon
printf 'titel T\nPeriod: week ending 2020-07-03\n\n== guidance\n\n- a\n' > "$fx/fields.hlr"
printf 'title T\nperiod week ending 2020-07-03\n\n== guidance\n\n- a\n' > "$fx/fields.meant"
cli_case "fix: header field names" 0 "" -- fix "$fx/fields.hlr"
if cmp -s "$fx/fields.hlr" "$fx/fields.meant"; then ok; else
	diff -u "$fx/fields.meant" "$fx/fields.hlr" > "$tmp/diff"; bad "fix: header field names as meant"; fi
# a tag given twice: the second goes, the views are the same
printf 'title T\nperiod week ending 2020-07-03\nauthority CCC Cambridgeshire\n\n== guidance\n\n- @CCC @CCC An item.\n' > "$fx/tags.hlr"
printf 'title T\nperiod week ending 2020-07-03\nauthority CCC Cambridgeshire\n\n== guidance\n\n- @CCC An item.\n' > "$fx/tags.meant"
cli_case "fix: a repeated tag" 0 "" -- fix "$fx/tags.hlr"
if cmp -s "$fx/tags.hlr" "$fx/tags.meant"; then ok; else
	diff -u "$fx/tags.meant" "$fx/tags.hlr" > "$tmp/diff"; bad "fix: a repeated tag removed"; fi
# tables: the missing alignment row added, missing cells added, empty extra
# cells taken away, a cell's list marker and heading escaped; the words kept
printf 'title T\nperiod week ending 2020-07-03\n\n== finance\n\n| Placement | Cost |\n| Residential | 340 |\n| Fostering |\n| Shared | 10 | |\n| - Agency | # 40 |\n' > "$fx/table.hlr"
printf 'title T\nperiod week ending 2020-07-03\n\n== finance\n\n| Placement | Cost |\n|---|---|\n| Residential | 340 |\n| Fostering |  |\n| Shared | 10 |\n| \\- Agency | \\# 40 |\n' > "$fx/table.meant"
cli_case "fix: a table" 0 "" -- fix "$fx/table.hlr"
if cmp -s "$fx/table.hlr" "$fx/table.meant"; then ok; else
	diff -u "$fx/table.meant" "$fx/table.hlr" > "$tmp/diff"; bad "fix: a table as meant"; fi
printf 'title T\nperiod week ending 2020-07-03\n\n== finance\n\n| Placement | Cost |\n|---|---|\n| Shared | 10 | 12 |\n' > "$fx/table-words.hlr"
cli_case "fix: a cell with words is not dropped" 1 "ragged-row" -- fix "$fx/table-words.hlr"
