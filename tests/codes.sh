# The table of diagnostic codes against the documentation and the sources;
# sourced by tests/run.sh (uses UNIT, tmp, ok, bad). The table comes from
# the unit test binary (`unit --codes`: NAME, LEVEL, ANCHOR, SUMMARY a line),
# so what is checked is what hlrc is built from, compiler/diagcodes.def.
#  1. docs/language.md's "Diagnostic codes" tables list the same codes, in
#     the same order, with the same levels, and meanings equal to the
#     summaries once the Markdown (backticks, link targets) is taken out;
#  2. every anchor is the id of a heading of docs/language.md;
#  3. every code is used by some source file (HLR_C_NAME outside the table);
#  4. every call that reports a code reports it at the table's level.
# shellcheck disable=SC2154
codes_check() {
	doc=docs/language.md
	if ! "$UNIT" --codes > "$tmp/codes.tsv" 2> "$tmp/diff" || [ ! -s "$tmp/codes.tsv" ]; then
		bad "codes: $UNIT --codes prints the table"
		return
	fi

	# 1. the rows of the tables under "### Diagnostic codes", up to the next
	# heading of that level or above, as NAME, LEVEL, MEANING
	awk '
		/^```/ { fence = !fence; next }
		fence { next }
		/^### Diagnostic codes[ \t]*$/ { on = 1; next }
		on && /^##?#? / { on = 0 }
		on && /^\| *`[^`]*` *\|/ {
			n = split($0, f, "|")
			name = f[2]; level = f[3]; meaning = ""
			for (i = 4; i < n; i++) meaning = meaning (i > 4 ? "|" : "") f[i]
			gsub(/[ `]/, "", name); gsub(/ /, "", level)
			gsub(/`/, "", meaning)
			while (match(meaning, /\[[^]]*\]\([^)]*\)/)) {
				link = substr(meaning, RSTART, RLENGTH)
				sub(/\]\(.*/, "", link)
				meaning = substr(meaning, 1, RSTART - 1) substr(link, 2) substr(meaning, RSTART + RLENGTH)
			}
			sub(/^ +/, "", meaning); sub(/ +$/, "", meaning)
			printf "%s\t%s\t%s\n", name, level, meaning
		}
	' "$doc" > "$tmp/codes.doc"
	cut -f1,2,4 "$tmp/codes.tsv" > "$tmp/codes.table"
	if diff -u "$tmp/codes.table" "$tmp/codes.doc" > "$tmp/diff"; then
		rm -f "$tmp/diff"
		ok
	else
		{ printf -- '--- compiler/diagcodes.def, +++ %s (NAME, LEVEL, SUMMARY)\n' "$doc"; cat "$tmp/diff"; } > "$tmp/diff.2"
		mv "$tmp/diff.2" "$tmp/diff"
		bad "codes: the table and the code list of $doc disagree"
	fi

	# 2. heading ids as GitHub makes them (tags dropped, lower case, only
	# letters, digits, spaces, '-' and '_', spaces as '-'), and explicit ids
	awk '
		/^```/ { fence = !fence; next }
		fence || !/^#+ / { next }
		{
			h = $0
			while (match(h, /id="[^"]*"/)) { print substr(h, RSTART + 4, RLENGTH - 5); h = substr(h, RSTART + RLENGTH) }
			h = $0
			sub(/^#+ +/, "", h); gsub(/<[^>]*>/, "", h)
			h = tolower(h); gsub(/[^a-z0-9 _-]/, "", h); gsub(/ /, "-", h)
			print h
		}
	' "$doc" | sort -u > "$tmp/codes.anchors"
	cut -f3 "$tmp/codes.tsv" | sort -u | comm -23 - "$tmp/codes.anchors" > "$tmp/codes.missing"
	if [ -s "$tmp/codes.missing" ]; then
		{ printf 'anchors with no heading in %s:\n' "$doc"; cat "$tmp/codes.missing"; } > "$tmp/diff"
		bad "codes: every anchor is a heading of $doc"
	else
		rm -f "$tmp/diff"
		ok
	fi

	# 3. and 4. the sources that report, without the table itself
	srcs=
	for f in compiler/*.c compiler/*.h grammar/*.y grammar/*.l; do
		case $f in compiler/diagcodes.*) ;; *) [ -f "$f" ] && srcs="$srcs $f" ;; esac
	done
	: > "$tmp/diff"
	while IFS='	' read -r name _; do
		id=HLR_C_$(printf '%s' "$name" | tr 'a-z-' 'A-Z_')
		# shellcheck disable=SC2086
		grep -qw "$id" $srcs || printf '%s (%s) is used by no source file\n' "$name" "$id" >> "$tmp/diff"
	done < "$tmp/codes.tsv"
	if [ -s "$tmp/diff" ]; then
		bad "codes: every code in the table is used"
	else
		rm -f "$tmp/diff"
		ok
	fi
	# a level and the code(s) after it, "HLR_ERROR, HLR_C_SYNTAX" or
	# "HLR_ERROR, c ? HLR_C_A : HLR_C_B", checked against the table's level
	# (finding none means this pattern no longer fits the calls)
	# shellcheck disable=SC2086
	grep -owE 'HLR_(ERROR|WARNING|NOTE), [^,;]*HLR_C_[A-Z0-9_]*' $srcs > "$tmp/codes.calls"
	[ -s "$tmp/codes.calls" ] || printf 'no LEVEL, CODE pairs found in%s\n' "$srcs" > "$tmp/diff"
	sed 's/^\([^:]*\):HLR_\([A-Z]*\), /\2 \1 /' "$tmp/codes.calls" | while read -r level file rest; do
			for id in $(printf '%s\n' "$rest" | grep -o 'HLR_C_[A-Z0-9_]*' | grep -vx HLR_C_NONE); do
				name=$(printf '%s' "${id#HLR_C_}" | tr 'A-Z_' 'a-z-')
				want=$(awk -F'\t' -v n="$name" '$1 == n { print toupper($2) }' "$tmp/codes.tsv")
				[ "$want" = "$level" ] ||
					printf '%s: %s reported as %s, the table says %s\n' "$file" "$name" "$level" "${want:-nothing}"
			done
		done >> "$tmp/diff"
	if [ -s "$tmp/diff" ]; then
		bad "codes: every code is reported at its table's level"
	else
		rm -f "$tmp/diff"
		ok
	fi
}

if [ -n "$UNIT" ]; then
	codes_check
else
	printf 'skip: no unit binary, diagnostic codes not checked\n'
fi
