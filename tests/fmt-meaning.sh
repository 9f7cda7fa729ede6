# fmt keeps meaning; sourced by tests/run.sh (uses HLRC, tmp, ok, bad).
#
# For every folder of .hlr files under examples/ and tests/: a copy is
# formatted (fmt -w on the folder), and every report that builds in the
# original builds to the same md, html and json, and the same view for each
# authority tag (--for TAG). The outputs are compared line for line: the
# writers write a soft line break as a space, so where a text's lines end
# does not show (docs/language.md). Only two things are set aside: the
# numbers of the json "line" fields (where a block starts in its source)
# and the escape below. Then formatting the formatted copy changes no
# byte, and fmt never exits 70.

fm_hlrc=$(cd "$(dirname "$HLRC")" && pwd)/$(basename "$HLRC")

# (JSON gives a text as written: the escape fmt puts before a paragraph
# that would read as a section line, "\\==", is dropped)
fm_norm() {
	sed -e 's/"text": "\\\\==/"text": "==/' -e 's/^\( *"line": \)[0-9]*/\1N/' "$1"
}

# fm_build DIR FILE OUT ARGS...: hlrc build ARGS FILE, run in DIR
fm_build() {
	d=$1 f=$2 o=$3
	shift 3
	(cd "$d" && "$fm_hlrc" build "$@" "$f") > "$o" 2> /dev/null
}

# fm_folder NAME DIR: the check above on a copy of DIR
fm_folder() {
	name=$1 src=$2
	rm -rf "$tmp/fm"
	mkdir -p "$tmp/fm/a" "$tmp/fm/b"
	# the folder whole: its reports and the files they attach
	cp -R "$src"/. "$tmp/fm/a/" 2> /dev/null
	cp -R "$src"/. "$tmp/fm/b/" 2> /dev/null
	"$HLRC" fmt -w "$tmp/fm/b" > "$tmp/fm/fmt.out" 2>&1
	if [ $? -eq 70 ]; then
		cp "$tmp/fm/fmt.out" "$tmp/diff"
		bad "fmt-meaning: $name: fmt exits 70"
		return
	fi
	tags=$(cat "$tmp/fm/a"/*.hlr | sed -n 's/^authority[ 	]*\([A-Za-z][A-Za-z0-9_]*\).*/\1/p' | sort -u)
	for f in "$tmp/fm/a"/*.hlr; do
		b=$(basename "$f")
		[ "$b" = series.hlr ] && continue
		fm_build "$tmp/fm/a" "$b" "$tmp/fm/x" --to md || continue
		for v in "--to md" "--to html --fragment" "--to html" "--to json" $(for t in $tags; do printf '%s ' "--for=$t"; done); do
			case $v in --for=*) set -- --to md --for "${v#--for=}" ;; *) set -- $v ;; esac
			fm_build "$tmp/fm/a" "$b" "$tmp/fm/x" "$@"
			sa=$?
			fm_build "$tmp/fm/b" "$b" "$tmp/fm/y" "$@"
			sb=$?
			fm_norm "$tmp/fm/x" > "$tmp/fm/xn"
			fm_norm "$tmp/fm/y" > "$tmp/fm/yn"
			if [ "$sa" -ne "$sb" ] || ! cmp -s "$tmp/fm/xn" "$tmp/fm/yn"; then
				{ printf '%s %s\n' "$b" "$*"; diff "$tmp/fm/x" "$tmp/fm/y" | head -20; } > "$tmp/diff"
				bad "fmt-meaning: $name/$b $*"
			else
				ok
			fi
		done
	done
	# idempotent: the formatted copy is in the canonical layout
	cp -R "$tmp/fm/b" "$tmp/fm/c"
	"$HLRC" fmt -w "$tmp/fm/c" > /dev/null 2>&1
	if diff -r "$tmp/fm/b" "$tmp/fm/c" > "$tmp/diff" 2>&1; then
		rm -f "$tmp/diff"
		ok
	else
		bad "fmt-meaning: $name: fmt is not idempotent"
	fi
}

for d in $(find examples tests -name '*.hlr' -exec dirname {} \; | sort -u); do
	fm_folder "$d" "$d"
done

# Targeted cases: each hazard where wrapping at 78 columns would start a
# line with it, in an item and in a paragraph, followed by markup that a
# raw-HTML block or a block start would turn into plain words.
fm_pad=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
rm -rf "$tmp/fmh"
mkdir -p "$tmp/fmh"
{
	printf 'title   Hazards\nperiod  month 2020-07\n\n== guidance\n\n'
	for h in '<script>' '<div>' '<!--' '<pre>' '#' '##' '>' '-' '+' '*' '1.' '2)' '=' '==' \
		'|' '[x]:' '```' '~~~' '***' '---' '___' '@CCC' 'none' 'unchanged' '<?php' '</p>' '10.' \
		'—' '–' '•' '———————' '–and'; do
		printf -- '- %s %s *emph* and [a link](https://example.org) end\n' "$fm_pad" "$h"
		printf -- '\n%s aa %s *emph* and [a link](https://example.org) end\n\n' "$fm_pad" "$h"
	done
	# a tab between words is kept (the writers keep it as "&#9;"): found by
	# fuzz/fuzz_fmt.c
	printf -- '- a tab\tbetween words, a tab\t and a space, %s end\n' "$fm_pad"
	printf -- '\n%s and\t \ta tab in a paragraph\n' "$fm_pad"
	# so is a run of spaces (the writers keep "a  b"), where a line would
	# otherwise be wrapped too
	printf -- '- a run of  two spaces and   three, %s  end\n' "$fm_pad"
	printf -- '\n%s  and two spaces in a  paragraph\n' "$fm_pad"
	# a paragraph whose first line, wrapped at 78 columns, would hold
	# capitals only: a heading look-alike (found by fuzz/fuzz_import.c)
	printf -- '\nANY RELEVANT/SIGNIFICANT PERFORMANCE INFORMATIONAL-BRIEFING-MATERIAL-LONG-WORD improving picture in Cambridgeshire.\n'
} > "$tmp/fmh/hazards.hlr"
fm_folder "wrap hazards" "$tmp/fmh"
# the reproducer: fmt -w exits 0 and the link and emphasis still render
{
	printf 'title   Hazards\nperiod  month 2020-07\n\n== guidance\n\n'
	for h in '<script>' '<div>' '<pre>' '#' '>' '1.' 'none' '@CCC'; do
		printf -- '- %s %s *emph* and [a link](https://example.org) end\n' "$fm_pad" "$h"
		printf -- '\n%s aa %s *emph* and [a link](https://example.org) end\n\n' "$fm_pad" "$h"
	done
} > "$tmp/fmh/w.hlr"
"$HLRC" fmt -w "$tmp/fmh/w.hlr" > /dev/null 2>&1
s=$?
n=$("$HLRC" build --to html --fragment "$tmp/fmh/w.hlr" 2> /dev/null | tr '\n' ' ' |
	grep -o '<em>emph</em> and <a href="https://example.org">a link</a>' | wc -l)
if [ "$s" -eq 0 ] && [ "$n" -eq 16 ] && ! grep -q '^ *<script>' "$tmp/fmh/w.hlr"; then
	ok
else
	printf 'fmt -w exit %s, %s rendered links\n' "$s" "$n" > "$tmp/diff"
	bad "fmt-meaning: a wrapped line does not start with <script>"
fi

# fmt needs only the syntax: a report copied out of its series (its
# 'unchanged' lines, references and tags unresolved) is formatted; a file
# that does not parse is left alone with its diagnostics.
rm -rf "$tmp/fml"
mkdir -p "$tmp/fml"
for f in examples/covid-weekly/*.hlr; do
	case $f in */series.hlr) continue ;; esac
	cp "$f" "$tmp/fml/lone.hlr"
	printf '\n\n' >> "$tmp/fml/lone.hlr"
	if "$HLRC" fmt "$tmp/fml/lone.hlr" > "$tmp/fml/out" 2> "$tmp/diff" &&
	   (cd "$(dirname "$f")" && "$fm_hlrc" fmt "$(basename "$f")") | cmp -s - "$tmp/fml/out"; then
		rm -f "$tmp/diff"
		ok
	else
		bad "fmt-meaning: $f formatted outside its series"
	fi
	"$HLRC" fmt --check "$tmp/fml/lone.hlr" > /dev/null 2>&1
	[ $? -eq 1 ] && ok || bad "fmt-meaning: fmt --check $f outside its series"
	"$HLRC" fmt -w "$tmp/fml/lone.hlr" > /dev/null 2>&1 && cmp -s "$tmp/fml/lone.hlr" "$tmp/fml/out" &&
		ok || bad "fmt-meaning: fmt -w $f outside its series"
done
printf 'title   Broken\nperiod  month 2020-07\n\n== guidance\n\n- an item {#a\n' > "$tmp/fml/broken.hlr"
printf 'title   Unresolved\nperiod  month 2020-07\n\n== guidance\n\n-   see [that](^2020-06#gone)\n' > "$tmp/fml/semantic.hlr"
"$HLRC" check "$tmp/fml/semantic.hlr" > /dev/null 2>&1
sc=$?
"$HLRC" fmt -w "$tmp/fml/semantic.hlr" > /dev/null 2>&1
sf=$?
if [ "$sc" -ne 0 ] && [ "$sf" -eq 0 ] && grep -q '^- see \[that\]' "$tmp/fml/semantic.hlr"; then
	ok
else
	printf 'check %s, fmt -w %s\n' "$sc" "$sf" > "$tmp/diff"
	cat "$tmp/fml/semantic.hlr" >> "$tmp/diff"
	bad "fmt-meaning: a semantic error does not block fmt"
fi

# A paragraph after an item indented further, whose text starts as a
# section line would: indented by fmt it would join the item,
# so fmt writes it at column 1 with its first character escaped (fmt used
# to refuse such a file with exit 70).
rm -rf "$tmp/fmp"
mkdir -p "$tmp/fmp"
{
	printf 'title   T\nperiod  month 2020-11\n\n== guidance\n'
	printf '            - deep item\n     == guidance 2020-06-26\n'
} > "$tmp/fmp/para.hlr"
if "$HLRC" fmt "$tmp/fmp/para.hlr" > "$tmp/fmp.out" 2> "$tmp/diff" && [ "$(grep -c '^\\== guidance' "$tmp/fmp.out")" -eq 1 ]; then
	rm -f "$tmp/diff"
	ok
else
	bad "fmt-meaning: a paragraph after a deeper item is escaped, not refused"
fi
fm_folder "paragraph after a deeper item" "$tmp/fmp"

# A "{#" left open at the end of a line keeps its line break (found by
# fuzz/fuzz_fmt.c: joined, fmt refused its own text with exit 70).
rm -rf "$tmp/fmo"
mkdir -p "$tmp/fmo"
printf 'title   T\nperiod  week ending 2020-06-19\n\n== guidance\n- Sec{#offi2020-07-03\n  s}\n- a{#o\n  }\n' > "$tmp/fmo/open.hlr"
fm_folder "an open {# at a line end" "$tmp/fmo"

# A nested item indented with no-break spaces (as Word pastes it) keeps its
# marker: fmt once wrote its text onto the item above without the '-',
# which changed the report (issue 19). Several such lines, after a lazy
# continuation line and after a nested item.
rm -rf "$tmp/fmn"
mkdir -p "$tmp/fmn"
{
	printf 'title   T\nperiod  month 2020-11\n\n== guidance\n'
	printf -- '- An item wrapped by Word, whose second line\nwas left at column 1.\n'
	printf '\302\240\302\240- A nested item indented with no-break spaces.\n'
	printf '\302\240\302\240\302\240\302\240- Nested deeper, with four.\n'
	printf '\342\200\257\342\200\257- With narrow no-break spaces.\n'
	printf -- '- Another item.\n'
} > "$tmp/fmn/nbsp.hlr"
if "$HLRC" fmt "$tmp/fmn/nbsp.hlr" > "$tmp/fmn.out" 2> "$tmp/diff" &&
   [ "$(grep -c '^  - A nested item indented with no-break spaces\.$' "$tmp/fmn.out")" -eq 1 ] &&
   [ "$(grep -c '^    - Nested deeper, with four\.$' "$tmp/fmn.out")" -eq 1 ] &&
   [ "$(grep -c '^  - With narrow no-break spaces\.$' "$tmp/fmn.out")" -eq 1 ]; then
	rm -f "$tmp/diff"
	ok
else
	cat "$tmp/fmn.out" >> "$tmp/diff"
	bad "fmt-meaning: nested items indented with no-break spaces keep their marker"
fi
fm_folder "nested items indented with no-break spaces" "$tmp/fmn"

# In the metrics section every line at column 1 is a metric line, so fmt
# keeps a note paragraph indented, its wrapped lines too (found by
# fuzz/fuzz_fmt.c: written at column 1, " 2" became a metric line and fmt
# exited 70).
rm -rf "$tmp/fmm"
mkdir -p "$tmp/fmm"
{
	printf 'title   T\nperiod  month 2020-11\n'
	printf 'metric  referrals "Referrals" unit count better lower\n\n== metrics\nreferrals 1\n 2\n'
	printf 'referrals2 3\n   A note on the referrals that is long enough to be wrapped by fmt at the\n'
	printf '   seventy-eighth column, so that its second line must stay indented too.\n'
	printf '   none of them were late\n'
} > "$tmp/fmm/metrics.hlr"
if "$HLRC" fmt "$tmp/fmm/metrics.hlr" > "$tmp/fmm.out" 2> "$tmp/diff" &&
   [ "$(grep -c '^  2$' "$tmp/fmm.out")" -eq 1 ] &&
   [ "$(sed -n '/^== metrics/,$p' "$tmp/fmm.out" | grep -c '^[^ ]')" -eq 3 ]; then
	rm -f "$tmp/diff"
	ok
else
	cat "$tmp/fmm.out" >> "$tmp/diff"
	bad "fmt-meaning: a note in the metrics section stays indented"
fi
fm_folder "notes in the metrics section" "$tmp/fmm"
