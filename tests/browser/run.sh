#!/bin/sh
# Real-browser tests of the HTML pages: sh tests/browser/run.sh [HLRC]
#
# Builds the examples with HLRC (default build/hlrc):
#   hlrc site examples/covid-weekly -o build/browser/covid-weekly
#   hlrc site examples/board-monthly -o build/browser/board-monthly
#   hlrc build --to html -o build/browser/service-monthly/2020-11.html \
#       examples/service-monthly/2020-11.hlr
#   hlrc site examples/programme-log -o build/browser/programme-log
#   hlrc site examples/EX -o build/browser/EX, for EX daily-sitrep,
#       rail-periods, board-report and board-workstreams (built to
#       Markdown and HTML too)
# and checks every page, and the negative fixtures in tests/browser/fixtures/,
# in Debian's Chromium driven by playwright-core (tests/browser/check.mjs
# says what is checked). Screenshots go to build/screenshots/.
#
# Installs what is missing: as root, Debian's chromium (and the fonts the
# expected page counts were measured with) with apt-get, and the npm
# packages of tests/browser/package-lock.json with `npm ci`; otherwise it
# prints the command to run.
#
# Prints one line per check, "ok ..." or "FAIL ...", then "N passed, N
# failed"; exits 1 if anything failed.
set -u
HLRC=${1:-build/hlrc}
case $HLRC in /*) ;; */*) HLRC=$(pwd)/$HLRC ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
here=tests/browser
out=build/browser
shots=build/screenshots
pass=0
fail=0
ok() { pass=$((pass + 1)); printf 'ok %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$1"; }
finish() {
	printf '%d passed, %d failed\n' "$pass" "$fail"
	[ "$fail" -eq 0 ] || exit 1
	exit 0
}
start=$(date +%s)
mkdir -p "$out"

# --- what the tests need ----------------------------------------------------
root=no
[ "$(id -u)" -eq 0 ] && root=yes
need_apt=
[ -x /usr/bin/chromium ] || need_apt="$need_apt chromium"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt="$need_apt fonts-dejavu-core"
[ -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || need_apt="$need_apt fonts-liberation"
command -v node > /dev/null 2>&1 || need_apt="$need_apt nodejs"
command -v npm > /dev/null 2>&1 || need_apt="$need_apt npm"
if [ -n "$need_apt" ]; then
	if [ $root = yes ]; then
		echo "# installing:$need_apt"
		export DEBIAN_FRONTEND=noninteractive
		# shellcheck disable=SC2086
		if apt-get update -qq > /dev/null && apt-get install -y -qq --no-install-recommends $need_apt > /dev/null; then
			ok "install:$need_apt"
		else
			bad "install:$need_apt (apt-get failed)"
			finish
		fi
	else
		bad "missing:$need_apt; run as root: apt-get install -y$need_apt"
		finish
	fi
fi

# npm ci when node_modules is missing or older than the lockfile
stamp=$here/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ -n "$(find "$here/package-lock.json" -newer "$stamp")" ] ||
	[ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
	echo "# npm ci in $here"
	if (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) > "$out/npm.log" 2>&1; then
		ok "npm ci (playwright-core, axe-core from package-lock.json)"
	else
		sed 's/^/# /' "$out/npm.log"
		bad "npm ci in $here failed"
		finish
	fi
fi

# --- the pages ----------------------------------------------------------------
if [ ! -x "$HLRC" ]; then
	bad "hlrc: $HLRC is not built (make)"
	finish
fi
rm -rf "$out/covid-weekly" "$out/service-monthly" "$out/prince2-project" "$out/board-monthly" "$out/pages"
mkdir -p "$out/service-monthly"
if "$HLRC" site examples/covid-weekly -o "$out/covid-weekly" 2> "$out/site.err"; then
	ok "hlrc site examples/covid-weekly -o $out/covid-weekly: $(cd "$out/covid-weekly" && echo *)"
else
	bad "hlrc site examples/covid-weekly: $(head -3 "$out/site.err")"
fi
if "$HLRC" build --to html -o "$out/service-monthly/2020-11.html" examples/service-monthly/2020-11.hlr 2> "$out/build.err"; then
	ok "hlrc build --to html examples/service-monthly/2020-11.hlr"
else
	bad "hlrc build --to html examples/service-monthly/2020-11.hlr: $(head -3 "$out/build.err")"
fi
# the board report: a lead, ordered lists, sub-headings, carried content
if "$HLRC" site examples/board-monthly -o "$out/board-monthly" 2> "$out/board.err"; then
	ok "hlrc site examples/board-monthly -o $out/board-monthly: $(cd "$out/board-monthly" && echo *)"
else
	bad "hlrc site examples/board-monthly: $(head -3 "$out/board.err")"
fi
b=$out/board-monthly/2020-11.html
if grep -q '^<div class="lead" id="lead">' "$b" && grep -q '^<ol type="a">' "$b" &&
	grep -q '^<h3 id="digital-next-period">Next period</h3>' "$b"; then
	ok "board report: the lead, a lettered list and a sub-heading are on the page"
else
	bad "board report: the lead, '<ol type=\"a\">' or the sub-heading is missing from $b"
fi

# the examples of other report shapes (a daily series, a 4-weekly fiscal
# series, a board report with declared fields and a protective marking, a
# board report with the same sections in each workstream's part):
# each builds to Markdown and HTML, and to a site whose pages are checked
# in the browser below
extra_pages=
for ex in daily-sitrep rail-periods board-report board-workstreams; do
	rm -rf "$out/$ex" "$out/$ex-files"
	if "$HLRC" build --to md -o "$out/$ex-files" "examples/$ex" 2> "$out/$ex.err" &&
		"$HLRC" build --to html -o "$out/$ex-files" "examples/$ex" 2>> "$out/$ex.err" &&
		"$HLRC" site "examples/$ex" -o "$out/$ex" 2>> "$out/$ex.err" && [ ! -s "$out/$ex.err" ]; then
		ok "hlrc build --to md, --to html and site examples/$ex: $(cd "$out/$ex" && echo *)"
		for f in "$out/$ex"/*.html; do
			extra_pages="$extra_pages --page $f"
		done
	else
		bad "examples/$ex: $(head -3 "$out/$ex.err")"
	fi
done
# a series with logs (tests/series/log-carry): its reports, whose log
# sections link to the log pages, and a page per log with every entry's
# history (log-risks.html, log-actions.html)
rm -rf "$out/log-carry"
if "$HLRC" site tests/series/log-carry -o "$out/log-carry" 2> "$out/log-carry.err" &&
	[ -f "$out/log-carry/log-risks.html" ] && [ -f "$out/log-carry/log-actions.html" ] &&
	grep -q 'href="log-risks.html"' "$out/log-carry/2021-01-15.html"; then
	ok "hlrc site tests/series/log-carry: $(cd "$out/log-carry" && echo *)"
	for f in "$out/log-carry"/*.html; do
		extra_pages="$extra_pages --page $f"
	done
else
	bad "site of tests/series/log-carry: log pages or links missing $(head -3 "$out/log-carry.err")"
fi
# the example with logs of every kind (examples/programme-log): nine
# monthly reports and five log pages; its check warns of seven overdue
# entries, and nothing else
rm -rf "$out/programme-log"
if "$HLRC" site examples/programme-log -o "$out/programme-log" 2> "$out/programme-log.err" &&
	[ "$(grep -c -E ': (warning|error):' "$out/programme-log.err")" = 7 ] &&
	[ "$(grep -c ': warning: .*\[overdue\]$' "$out/programme-log.err")" = 7 ]; then
	ok "hlrc site examples/programme-log: $(cd "$out/programme-log" && echo *)"
	for f in "$out/programme-log"/*.html; do
		extra_pages="$extra_pages --page $f"
	done
else
	bad "site of examples/programme-log: $(head -3 "$out/programme-log.err")"
fi
# the protective marking: at the top and foot of every page, and in the
# page margins of every printed page
m=$out/board-report/2012-03-16.html
if [ "$(grep -c '<p class="marking"><strong>OFFICIAL-SENSITIVE</strong></p>' "$m")" = 2 ] &&
	grep -q '@top-center { content: "OFFICIAL-SENSITIVE"' "$m" &&
	grep -q '@bottom-center { content: "OFFICIAL-SENSITIVE"' "$m"; then
	ok "board report: the marking at the top and foot, and on every printed page"
else
	bad "board report: the marking is not at the top and foot of $m"
fi
# the PRINCE2 example: statuses with dimensions, metrics and their charts
if "$HLRC" site examples/prince2-project -o "$out/prince2-project" 2> "$out/site2.err"; then
	ok "hlrc site examples/prince2-project -o $out/prince2-project: $(cd "$out/prince2-project" && echo *)"
else
	bad "hlrc site examples/prince2-project: $(head -3 "$out/site2.err")"
fi
prince2_pages=
for f in "$out"/prince2-project/*.html; do
	[ -f "$f" ] && prince2_pages="$prince2_pages --page $f"
done

mkdir -p "$out/pages"
if "$HLRC" build --to html -o "$out/pages/tables.html" "$here/pages/tables.hlr" 2> "$out/tables.err"; then
	ok "hlrc build --to html $here/pages/tables.hlr"
else
	bad "hlrc build --to html $here/pages/tables.hlr: $(head -3 "$out/tables.err")"
fi

# --- the site command, without a browser ------------------------------------------
s=$out/covid-weekly
# the index lists the reports newest first, each linked by a relative URL
order=$(grep -o 'href="2020-0[67]-[0-9]*\.html"' "$s/index.html" | tr '\n' ' ')
if [ "$order" = 'href="2020-07-03.html" href="2020-06-26.html" ' ]; then
	ok "site index: reports newest first ($order)"
else
	bad "site index: expected 2020-07-03 then 2020-06-26, got: $order"
fi
# previous/next links between neighbours, and a link to the index
if grep -q '<a rel="prev" href="2020-06-26.html"' "$s/2020-07-03.html" &&
	! grep -q '<a rel="next"' "$s/2020-07-03.html" &&
	grep -q '<a rel="next" href="2020-07-03.html"' "$s/2020-06-26.html" &&
	! grep -q '<a rel="prev"' "$s/2020-06-26.html" &&
	grep -q 'href="index.html"' "$s/2020-06-26.html" && grep -q 'href="index.html"' "$s/2020-07-03.html"; then
	ok "site pages: previous/next links between neighbours and to index.html"
else
	bad "site pages: previous/next/index links are not as expected"
fi
# the same bytes every time
rm -rf "$out/again"
if "$HLRC" site examples/covid-weekly -o "$out/again" 2> /dev/null && diff -r "$s" "$out/again" > /dev/null; then
	ok "site: the same input gives the same bytes"
else
	bad "site: a second run gave different output"
fi
# usage errors exit 2 with the usage line
for args in "" "examples/covid-weekly" "-o $out/x" "examples/covid-weekly examples/service-monthly -o $out/x" \
	"--bogus examples/covid-weekly -o $out/x" "examples/covid-weekly/series.hlr -o $out/x"; do
	# shellcheck disable=SC2086
	"$HLRC" site $args > /dev/null 2> "$out/usage.err"
	st=$?
	if [ $st -eq 2 ] && grep -q '^usage: hlrc site DIR -o OUTDIR' "$out/usage.err"; then
		ok "site usage error exits 2: hlrc site ${args:-(no arguments)}"
	else
		bad "site usage error: hlrc site $args exited $st: $(head -1 "$out/usage.err")"
	fi
done
# an error in any report: diagnostics, exit 1, nothing written
rm -rf "$out/broken" "$out/broken-site"
cp -r examples/covid-weekly "$out/broken"
sed 's/^== challenges$/== challengez/' examples/covid-weekly/2020-07-03.hlr > "$out/broken/2020-07-03.hlr"
"$HLRC" site "$out/broken" -o "$out/broken-site" 2> "$out/broken.err"
st=$?
if [ $st -eq 1 ] && grep -q '2020-07-03.hlr:[0-9]*:[0-9]*: error: .*\[unknown-section\]' "$out/broken.err" &&
	[ ! -e "$out/broken-site" ]; then
	ok "site with an error: exit 1, diagnostic shown, nothing written"
else
	bad "site with an error: exit $st, $(head -1 "$out/broken.err"), output: $(ls "$out/broken-site" 2>&1)"
fi

# --- the browser ----------------------------------------------------------------
# shellcheck disable=SC2086
node "$here/check.mjs" --site "$out/covid-weekly" --page "$out/service-monthly/2020-11.html" $prince2_pages \
	--page "$out/board-monthly/index.html" --page "$out/board-monthly/2020-10.html" \
	--page "$out/board-monthly/2020-11.html" \
	--page "$out/pages/tables.html" \
	$extra_pages --fixtures "$here/fixtures" --shots "$shots" > "$out/check.log" 2>&1
status=$?
while IFS= read -r line; do
	case $line in
	"ok "*) ok "${line#ok }" ;;
	"FAIL "*) bad "${line#FAIL }" ;;
	*) printf '%s\n' "$line" ;;
	esac
done < "$out/check.log"
if [ $status -ne 0 ] && [ $fail -eq 0 ]; then
	bad "check.mjs exited with status $status"
fi
echo "# browser tests took $(( $(date +%s) - start ))s"
finish
