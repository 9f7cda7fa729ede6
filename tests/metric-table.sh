# Metric values written as a table mean what the same values written as
# lines mean; sourced by tests/run.sh (uses HLRC, tmp, ok, bad).
# tests/series/metric-table/ states its values in tables (and a line),
# tests/series/metric-table-lines/ the same values as lines, with comments
# where the tables' header and alignment rows are, so that every other
# line keeps its number. Each report is built in every format, whole and
# for each authority, and the two builds must be the same bytes; so must
# the two sites.
mt_a=tests/series/metric-table
mt_b=tests/series/metric-table-lines
for mt_r in "$mt_a"/20*.hlr; do
	mt_r=${mt_r##*/}
	for mt_to in md html json; do
		for mt_view in "" CCC PCC; do
			set -- --to "$mt_to"
			[ "$mt_to" = html ] && set -- "$@" --fragment
			[ -n "$mt_view" ] && set -- "$@" --for "$mt_view"
			"$HLRC" build "$@" "$mt_a/$mt_r" > "$tmp/mt-a" 2> "$tmp/mt-a.err"
			mt_sa=$?
			"$HLRC" build "$@" "$mt_b/$mt_r" > "$tmp/mt-b" 2> "$tmp/mt-b.err"
			mt_sb=$?
			if [ $mt_sa -eq 0 ] && [ $mt_sb -eq 0 ] && [ -s "$tmp/mt-a" ] &&
				diff -u "$tmp/mt-b" "$tmp/mt-a" > "$tmp/diff" 2>&1; then
				rm -f "$tmp/diff"
				ok
			else
				cat "$tmp/mt-a.err" "$tmp/mt-b.err" >> "$tmp/diff"
				bad "metric-table: $mt_r as a table and as lines ($*)"
			fi
		done
	done
done
rm -rf "$tmp/mt-sa" "$tmp/mt-sb"
if "$HLRC" site "$mt_a" -o "$tmp/mt-sa" > "$tmp/mt.out" 2>&1 &&
	"$HLRC" site "$mt_b" -o "$tmp/mt-sb" >> "$tmp/mt.out" 2>&1 &&
	diff -r "$tmp/mt-sb" "$tmp/mt-sa" > "$tmp/diff" 2>&1; then
	rm -f "$tmp/diff"
	ok
else
	cat "$tmp/mt.out" >> "$tmp/diff"
	bad "metric-table: the sites of the series as tables and as lines"
fi
# the check of both folders: no errors, no warnings
if "$HLRC" check "$mt_a" "$mt_b" > "$tmp/diff" 2>&1 && [ ! -s "$tmp/diff" ]; then
	rm -f "$tmp/diff"
	ok
else
	bad "metric-table: both series check clean"
fi
