# Declared fields and the protective marking across a site; sourced by
# tests/run.sh (uses HLRC, tmp, ok, bad). The marking is at the top and
# foot of every page of the site, the index too, and in the margins of
# every printed page.
rm -rf "$tmp/fields-site"
if "$HLRC" site examples/board-report -o "$tmp/fields-site" > "$tmp/fields.out" 2>&1; then
	for page in "$tmp/fields-site"/*.html; do
		name=${page##*/}
		if [ "$(grep -c '^<p class="marking"><strong>OFFICIAL-SENSITIVE</strong></p>$' "$page")" = 2 ] &&
			grep -q '^@page { @top-center { content: "OFFICIAL-SENSITIVE"; [^}]*} @bottom-center { content: "OFFICIAL-SENSITIVE"; [^}]*} }$' "$page" &&
			grep -q '<footer class="report-footer">' "$page"; then
			ok
		else
			grep -n 'marking\|@page' "$page" > "$tmp/diff"
			bad "fields: the marking at the top and foot of $name and its printed pages"
		fi
	done
else
	cp "$tmp/fields.out" "$tmp/diff"
	bad "fields: hlrc site examples/board-report"
fi

# a marking is CSS-escaped in the page margins: no end of string, no markup
d=$tmp/fields-mark
rm -rf "$d" && mkdir -p "$d"
printf 'title T\nmarking A"B</style><x>\\\nperiod month 2020-11\n\n== guidance\n\nnone\n' > "$d/r.hlr"
"$HLRC" build --to html "$d/r.hlr" > "$tmp/fields.html" 2>&1
if grep -q 'content: "A\\22 B\\3c /style\\3e \\3c x\\3e \\5c "' "$tmp/fields.html" &&
	[ "$(grep -c '</style>' "$tmp/fields.html")" = 1 ]; then
	ok
else
	grep -n '@page\|</style>' "$tmp/fields.html" > "$tmp/diff"
	bad "fields: the marking is escaped in the page's CSS"
fi
