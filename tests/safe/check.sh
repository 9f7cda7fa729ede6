# Safe HTML; sourced by tests/run.sh (uses HLRC, tmp, ok, bad).
# Every tests/safe/*.hlr is rendered as a page, a fragment and each
# authority's view, in HTML and Markdown, and the output is checked:
# nothing but hlrc's own markup is live.

# The body of an HTML output must hold only the elements hlrc writes, with
# the attributes it writes, safe URLs and valid ids.
safe_html() {
	awk '
	BEGIN { bad = 0 }
	/<body>/ { inbody = 1 }
	!inbody && !/^<article/ { next }
	{ inbody = 1; line = $0
	  while (match(line, /<[^>]*>/)) {
		tag = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
		name = tag; sub(/^<\/?/, "", name); sub(/[ >].*/, "", name)
		if (name !~ /^(body|html|header|main|nav|article|section|div|h[1-6]|dl|dt|dd|ul|li|p|a|span|em|strong|code|img|time|br)$/) { print "element: " tag; bad = 1 }
		rest = tag; sub(/^<\/?[a-z0-9]+/, "", rest); sub(/\/?>$/, "", rest)
		while (match(rest, /^ +[a-z-]+="[^"]*"/)) {
			attr = substr(rest, RSTART, RLENGTH); rest = substr(rest, RSTART + RLENGTH)
			sub(/^ +/, "", attr); an = attr; sub(/=.*/, "", an); av = attr; sub(/^[^=]*="/, "", av); sub(/"$/, "", av)
			if (an !~ /^(class|id|href|src|alt|title|rel|datetime|aria-labelledby|aria-label|aria-hidden|lang)$/) { print "attribute: " tag; bad = 1 }
			if ((an == "href" || an == "src") && tolower(av) ~ /^[ \t]*(javascript|vbscript|file|data):/ && !(an == "src" && tolower(av) ~ /^data:image\/(png|gif|jpeg|webp)/)) { print "url: " tag; bad = 1 }
			if (an == "id" && av !~ /^[A-Za-z][A-Za-z0-9_-]*$/) { print "id: " tag; bad = 1 }
		}
		if (rest !~ /^ *$/) { print "unparsed attributes: " tag; bad = 1 }
	  }
	}
	END { exit bad }' "$1"
}

# Markdown may hold raw HTML only as hlrc's anchors and list separators,
# and no link to an unsafe URL. Code spans, http(s)/mailto autolinks and
# images of data:image/png|gif|jpeg|webp are not markup of that kind.
safe_md() {
	sed -e 's/<a id="[A-Za-z][A-Za-z0-9_-]*"><\/a>//g' -e 's/^<!-- -->$//' \
	    -e 's/`[^`]*`//g' -e 's/<\(https\{0,1\}\|mailto\):[^>]*>//g' \
	    -e 's/!\[[^]]*\](data:image\/\(png\|gif\|jpeg\|webp\)[^)]*)//g' "$1" |
		grep -n -i -E '(^|[^\\])<[A-Za-z/!?]|\]\( *(javascript|vbscript|file|data):|<(javascript|vbscript|data|file):' &&
		return 1
	return 0
}

for hlr in tests/safe/*.hlr; do
	[ -f "$hlr" ] || continue
	for args in "--to html" "--to html --fragment" "--to html --for CCC" "--to md" "--to md --for CCC"; do
		# shellcheck disable=SC2086
		if ! "$HLRC" build $args "$hlr" > "$tmp/safe.out" 2> "$tmp/safe.err"; then
			cp "$tmp/safe.err" "$tmp/diff"
			bad "safe: $hlr ($args) does not build"
			continue
		fi
		case $args in
		*html*) safe_html "$tmp/safe.out" > "$tmp/diff" ;;
		*) safe_md "$tmp/safe.out" > "$tmp/diff" ;;
		esac
		if [ $? -eq 0 ]; then rm -f "$tmp/diff"; ok; else bad "safe: $hlr ($args)"; fi
	done
done
