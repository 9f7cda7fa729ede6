#!/bin/sh
# The test suite: tests/run.sh HLRC [UNIT_BINARY]
#
# Golden cases: every tests/*/NAME.hlr is compiled and compared with the
# expectations beside it, each one a test:
#   NAME.md         hlrc build --to md            (stdout)
#   NAME.html       hlrc build --to html --fragment
#   NAME.page.html  hlrc build --to html          (the whole page)
#   NAME.json       hlrc build --to json
#   NAME.err        hlrc check: stderr, and exit 1 when it holds "error:"
# A first line "# args: ..." in NAME.hlr adds options to the build runs.
# Then the CLI checks (tests/cli.sh), the diagnostic code table against the
# docs and sources (tests/codes.sh), the seed sentence checks, HTML
# validation with tidy, and the unit tests.
#
# REGEN=1 rewrites the expectations from the current output instead of
# comparing, so a change in output shows up as a diff in git.
# Ends with "N passed, N failed"; exits 1 if anything failed.
set -u
HLRC=${1:-build/hlrc}
UNIT=${2:-}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hlrc-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$1"; [ -f "$tmp/diff" ] && head -40 "$tmp/diff"; rm -f "$tmp/diff"; }

# compare NAME EXPECTED ACTUAL
compare() {
	if [ "${REGEN:-}" = 1 ]; then
		cp "$3" "$2"
		ok
	elif diff -u "$2" "$3" > "$tmp/diff" 2>&1; then
		rm -f "$tmp/diff"
		ok
	else
		bad "$1"
	fi
}

for hlr in tests/*/*.hlr; do
	[ -f "$hlr" ] || continue
	case $hlr in tests/seeds/*|tests/series/*|tests/diag/*) continue ;; esac
	base=${hlr%.hlr}
	args=$(sed -n '1s/^# args: //p' "$hlr")
	for kind in md html page.html json; do
		exp=$base.$kind
		[ -f "$exp" ] || continue
		case $kind in
		md) set -- --to md ;;
		html) set -- --to html --fragment ;;
		page.html) set -- --to html ;;
		json) set -- --to json ;;
		esac
		# shellcheck disable=SC2086
		"$HLRC" build "$@" $args "$hlr" > "$tmp/out" 2> "$tmp/err"
		status=$?
		if [ $status -ne 0 ]; then
			printf 'exit status %s\n' "$status" > "$tmp/diff"
			cat "$tmp/err" >> "$tmp/diff"
			bad "$exp"
			continue
		fi
		compare "$exp" "$exp" "$tmp/out"
	done
	exp=$base.err
	if [ -f "$exp" ]; then
		"$HLRC" check "$hlr" > "$tmp/out" 2> "$tmp/err"
		status=$?
		want=0
		grep -q 'error:' "$exp" && want=1
		[ "${REGEN:-}" = 1 ] && grep -q 'error:' "$tmp/err" && want=1
		if [ $status -ne $want ]; then
			printf 'exit status %s, expected %s\n' "$status" "$want" > "$tmp/diff"
			bad "$exp"
		else
			compare "$exp" "$exp" "$tmp/err"
		fi
	fi
done

# Series cases: tests/series/CASE/ is a series folder (series.hlr and
# reports). CASE/check.err is what `hlrc check CASE` prints (exit 1 when it
# holds "error:"); REPORT.expect.md, REPORT.expect.html (fragment) and
# REPORT.expect.json are what building REPORT.hlr gives, with the options of
# its "# args:" line.
for dir in tests/series/*/; do
	[ -d "$dir" ] || continue
	dir=${dir%/}
	if [ -f "$dir/check.err" ]; then
		"$HLRC" check "$dir" > "$tmp/out" 2> "$tmp/err"
		status=$?
		want=0
		grep -q 'error:' "$dir/check.err" && want=1
		[ "${REGEN:-}" = 1 ] && grep -q 'error:' "$tmp/err" && want=1
		if [ $status -ne $want ]; then
			{ printf 'exit status %s, expected %s\n' "$status" "$want"; cat "$tmp/err"; } > "$tmp/diff"
			bad "$dir/check.err"
		else
			compare "$dir/check.err" "$dir/check.err" "$tmp/err"
		fi
	fi
	for exp in "$dir"/*.expect.md "$dir"/*.expect.html "$dir"/*.expect.json; do
		[ -f "$exp" ] || continue
		report=${exp%.expect.*}.hlr
		case $exp in
		*.md) set -- --to md ;;
		*.json) set -- --to json ;;
		*) set -- --to html --fragment ;;
		esac
		args=$(sed -n '1s/^# args: //p' "$report")
		# shellcheck disable=SC2086
		"$HLRC" build "$@" $args "$report" > "$tmp/out" 2> "$tmp/err"
		status=$?
		if [ $status -ne 0 ]; then
			{ printf 'exit status %s\n' "$status"; cat "$tmp/err"; } > "$tmp/diff"
			bad "$exp"
			continue
		fi
		compare "$exp" "$exp" "$tmp/out"
	done
done

# Diagnostics formats: tests/diag/NAME.hlr beside NAME.FORMAT (json, sarif,
# github, gitlab; gcc: standard error) is what `hlrc check
# --diagnostics=FORMAT` prints on stdout, paths from this folder; in SARIF
# the folder's own file:// URI is written file:///ROOT/.
for hlr in tests/diag/*.hlr; do
	[ -f "$hlr" ] || continue
	for fmt in gcc json sarif github gitlab; do
		exp=${hlr%.hlr}.$fmt
		[ -f "$exp" ] || continue
		"$HLRC" check --diagnostics=$fmt --source-root . "$hlr" > "$tmp/out" 2> "$tmp/err"
		[ $fmt = gcc ] && cp "$tmp/err" "$tmp/out"
		sed 's|"%SRCROOT%": {"uri": "file://[^"]*"|"%SRCROOT%": {"uri": "file:///ROOT/"|' \
			"$tmp/out" > "$tmp/out.sed"
		compare "$exp" "$exp" "$tmp/out.sed"
	done
done

# periods and cadences: hlrc new advances each period form
if [ -f tests/periods.sh ]; then
	. tests/periods.sh
fi

# metric values as a table mean what they mean as lines
if [ -f tests/metric-table.sh ]; then
	. tests/metric-table.sh
fi

# declared fields and the protective marking across a site
if [ -f tests/fields.sh ]; then
	. tests/fields.sh
fi

# profiles: hlrc init, new and check for every profile
if [ -f tests/profiles.sh ]; then
	. tests/profiles.sh
fi

# the CLI's behaviour: exit codes, files, atomic output
if [ -f tests/cli.sh ]; then
	. tests/cli.sh
fi

# make and ninja, rebuilding from --depfile, equal a clean build
if [ -f tests/incremental.sh ]; then
	. tests/incremental.sh
fi

# git's diff driver and textconv (hlrc diff --git, --textconv)
if [ -f tests/git.sh ]; then
	. tests/git.sh
fi

# the CI kit: GitHub Action, GitLab CI template, pre-commit hooks
if [ -f tests/cikit.sh ]; then
	. tests/cikit.sh
fi

# the mistakes corpus: tests/mistakes/NAME/ (see tests/mistakes.sh)
if [ -f tests/mistakes.sh ]; then
	. tests/mistakes.sh
fi

# hlrc fix: fix-its applied in place, words kept
if [ -f tests/fix.sh ]; then
	. tests/fix.sh
fi

# the table of diagnostic codes against docs/language.md and the sources
# fmt keeps meaning: builds of formatted copies, idempotence, wrap hazards
if [ -f tests/fmt-meaning.sh ]; then
	. tests/fmt-meaning.sh
fi

if [ -f tests/codes.sh ]; then
	. tests/codes.sh
fi

# hostile report text never becomes live markup
if [ -f tests/safe/check.sh ]; then
	. tests/safe/check.sh
fi

# signals and leftover temporary files (slow under valgrind: skipped with
# the pathological sizes)
if [ -f tests/signals.sh ] && [ "${HLRC_PATHO:-}" != skip ]; then
	. tests/signals.sh
fi

# folder outputs whole or not at all: signals, a full disk, errors
if [ -f tests/faults.sh ] && [ "${HLRC_PATHO:-}" != skip ]; then
	. tests/faults.sh
fi

# pathological inputs: linear growth, huge and broken files
if [ -f tests/patho.sh ] && [ "${HLRC_PATHO:-}" != skip ]; then
	. tests/patho.sh
fi

# every sentence of each seed reaches both outputs of its example
seeds=${SEEDS:-../shared/seeds}
check_seed() {
	seed=$1 example=$2
	if [ ! -f "$seed" ]; then
		printf 'skip: %s not found\n' "$seed"
		return
	fi
	for fmt in md html; do
		"$HLRC" build --to $fmt "$example" > "$tmp/seed.$fmt" 2> "$tmp/err" || { bad "$example ($fmt) does not build"; continue; }
		if sh tests/seeds/check-sentences.sh "$seed" "$tmp/seed.$fmt" $fmt > "$tmp/diff" 2>&1; then
			rm -f "$tmp/diff"
			ok
		else
			bad "seed sentences of $seed in $example ($fmt)"
		fi
	done
}
check_seed "$seeds/002_60acec98ff9d3488.txt" examples/covid-weekly/2020-07-03.hlr
check_seed "$seeds/000_54add7a90519499e.txt" examples/service-monthly/2020-11.hlr

# hlrc import: Word reports, as text and .docx, into .hlr files
if [ -f tests/import/run.sh ]; then
	. tests/import/run.sh
fi

# every HTML output is valid HTML5 (tidy reports no errors and no warnings)
if command -v tidy > /dev/null 2>&1; then
	for hlr in examples/*/*.hlr tests/lang/*.hlr; do
		[ -f "$hlr" ] || continue
		case $hlr in */series.hlr) continue ;; esac
		args=$(sed -n '1s/^# args: //p' "$hlr")
		# shellcheck disable=SC2086
		"$HLRC" build --to html $args "$hlr" > "$tmp/page.html" 2> /dev/null || continue
		if tidy -errors -quiet -utf8 "$tmp/page.html" > "$tmp/diff" 2>&1; then
			rm -f "$tmp/diff"
			ok
		else
			bad "tidy: $hlr"
		fi
	done
else
	printf 'skip: tidy not installed, HTML not validated\n'
fi

# unit tests
if [ -n "$UNIT" ]; then
	"$UNIT" > "$tmp/unit.out" 2>&1
	status=$?
	n=$(grep -c '^ok ' "$tmp/unit.out")
	pass=$((pass + n))
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		bad "unit: ${line#FAIL }"
	done <<UNIT_FAILS
$(grep '^FAIL ' "$tmp/unit.out")
UNIT_FAILS
	if [ $status -ne 0 ] && ! grep -q '^FAIL ' "$tmp/unit.out"; then
		cp "$tmp/unit.out" "$tmp/diff"
		bad "unit: exit status $status"
	fi
fi

printf '%d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
