#!/bin/sh
# hlrc's SARIF against Microsoft's SARIF SDK: sh tests/sarif/run.sh [HLRC [UNIT]]
#
# Prints `hlrc check --diagnostics=sarif` for the cases below and runs the
# SDK's validator on each (Sarif.Multitool validate, from the npm package
# @microsoft/sarif-multitool-linux) with the rule kinds Sarif, Gh (GitHub
# code scanning) and Ado (Azure DevOps), at the levels error and warning: a
# case passes when the validator reports nothing. HLRC must be built with
# HLRC_URL and HLRC_DOCS_URL (make check-sarif does so), since SARIF wants
# the tool's informationUri and each rule's helpUri.
#
# Installs what is missing: as root, Debian's nodejs and npm with apt-get,
# and the npm packages of tests/sarif/package-lock.json with `npm ci`;
# otherwise it prints the command to run.
#
# Prints one line per check, "ok ..." or "FAIL ...", then "N passed, N
# failed"; exits 1 if anything failed.
set -u
HLRC=${1:-build/hlrc}
case $HLRC in /*) ;; */*) HLRC=$(pwd)/$HLRC ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
here=tests/sarif
out=build/sarif
pass=0
fail=0
ok() { pass=$((pass + 1)); printf 'ok %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$1"; }
finish() {
	printf '%d passed, %d failed\n' "$pass" "$fail"
	[ "$fail" -eq 0 ] || exit 1
	exit 0
}
rm -rf "$out"
mkdir -p "$out"

# --- what the tests need ----------------------------------------------------
need_apt=
command -v node > /dev/null 2>&1 || need_apt="$need_apt nodejs"
command -v npm > /dev/null 2>&1 || need_apt="$need_apt npm"
if [ -n "$need_apt" ]; then
	if [ "$(id -u)" -eq 0 ]; then
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
mt=$here/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
stamp=$here/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ -n "$(find "$here/package-lock.json" -newer "$stamp")" ] || [ ! -f "$mt" ]; then
	echo "# npm ci in $here"
	if (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) > "$out/npm.log" 2>&1; then
		ok "npm ci (@microsoft/sarif-multitool-linux from package-lock.json)"
	else
		sed 's/^/# /' "$out/npm.log"
		bad "npm ci in $here failed"
		finish
	fi
fi
# the package's install script only makes the program executable; npm may
# not have run it
[ -x "$mt" ] || chmod u+x "$mt"
if ! "$mt" --version > "$out/version" 2>&1; then
	bad "the SARIF Multitool does not run: $(head -3 "$out/version")"
	finish
fi
echo "# $(head -1 "$out/version")"
if [ ! -x "$HLRC" ]; then
	bad "hlrc: $HLRC is not built (make check-sarif)"
	finish
fi

# --- the cases ----------------------------------------------------------------
# validate NAME [hlrc check arguments...]: the SARIF of the run, validated
validate() {
	name=$1
	shift
	"$HLRC" check --diagnostics=sarif "$@" > "$out/$name.sarif" 2> "$out/$name.err"
	if [ ! -s "$out/$name.sarif" ]; then
		bad "$name: no SARIF from hlrc check --diagnostics=sarif $*: $(head -3 "$out/$name.err")"
		return
	fi
	"$mt" validate --rule-kind "Sarif;Gh" --level "Error;Warning" \
		-o "$out/$name.log.sarif" "$out/$name.sarif" > "$out/$name.log" 2>&1
	judge "$name: SARIF SDK, Sarif and Gh rules" "$name"
	# the Ado rules are those of GitHub Advanced Security for Azure DevOps,
	# for a run in Azure Pipelines: the variables it sets (made up here)
	TF_BUILD=True SYSTEM_COLLECTIONURI=https://dev.azure.com/example-org/ \
		SYSTEM_TEAMPROJECT=reports SYSTEM_DEFINITIONID=42 BUILD_DEFINITIONNAME=reports-ci \
		SYSTEM_PHASEID=3dc8fd7e-4368-5a92-293e-d53cefc8c4c3 SYSTEM_PHASENAME=Check \
		BUILD_SOURCEBRANCH=refs/heads/main BUILD_BUILDID=1234 \
		"$HLRC" check --diagnostics=sarif "$@" > "$out/$name.ado.sarif" 2> /dev/null
	"$mt" validate --rule-kind "Sarif;Gh;Ado" --level "Error;Warning" \
		-o "$out/$name.ado.log.sarif" "$out/$name.ado.sarif" > "$out/$name.ado.log" 2>&1
	judge "$name: SARIF SDK in Azure Pipelines, Sarif, Gh and Ado rules" "$name.ado"
}

# judge WHAT NAME: the validator's log $out/NAME.log has no error or warning
judge() {
	log=$out/$2.log
	if ! grep -q '^Analysis completed successfully' "$log"; then
		bad "$1: the validator did not complete: $(tail -3 "$log")"
	elif grep -Eq ': (error|warning) [A-Za-z]+[0-9]+:' "$log"; then
		bad "$1: problems in $out/$2.sarif:"
		grep -E ': (error|warning) [A-Za-z]+[0-9]+:' "$log" | cut -c1-300 | sed 's/^/#   /'
	else
		ok "$1: no error or warning"
	fi
}

abs=$(mktemp -d)
trap 'rm -rf "$abs"' EXIT
cp tests/errors/section-empty.hlr "$abs/outside root.hlr"

validate errors-and-warnings tests/diag/three-mistakes.hlr tests/diag/notes.hlr tests/errors/section-empty.hlr
validate clean examples/service-monthly/2020-11.hlr
validate series tests/series/rules
validate missing-file tests/sarif/no-such-report.hlr
validate absolute-path "$top/tests/diag/three-mistakes.hlr" "$abs/outside root.hlr"
# fix-its as SARIF fixes: two diagnostics built by hand (UNIT --sarif-fixits)
UNIT=${2:-}
if [ -n "$UNIT" ]; then
	"$UNIT" --sarif-fixits > "$out/fixits.sarif" 2> /dev/null
	"$mt" validate --rule-kind "Sarif;Gh" --level "Error;Warning" \
		-o "$out/fixits.log.sarif" "$out/fixits.sarif" > "$out/fixits.log" 2>&1
	judge "fixits (by hand): SARIF SDK, Sarif and Gh rules" fixits
	grep -q '"insertedContent": {"text": "guidance"}' "$out/fixits.sarif" &&
		ok "fixits (by hand): the document has the fixes" || bad "fixits (by hand): no fixes"
fi
for f in tests/diag/*fixit*.hlr; do
	[ -f "$f" ] || continue
	validate "fixits-$(basename "$f" .hlr)" "$f"
	if grep -q '"fixes": \[{"description"' "$out/fixits-$(basename "$f" .hlr).sarif"; then
		ok "fixits-$(basename "$f" .hlr): the fix-its are SARIF fixes"
	else
		bad "fixits-$(basename "$f" .hlr): no fixes in the SARIF"
	fi
done

# what each case is meant to show is in it: a check that cannot pass with
# a document the validator was not given
grep -q '"level": "warning"' "$out/errors-and-warnings.sarif" &&
	grep -q '"level": "error"' "$out/errors-and-warnings.sarif" &&
	grep -q '"relatedLocations"' "$out/errors-and-warnings.sarif" &&
	ok "errors-and-warnings: has errors, warnings and notes" ||
	bad "errors-and-warnings: errors, warnings or notes missing"
grep -q '"results": \[\]' "$out/clean.sarif" && ok "clean: no results" || bad "clean: has results"
grep -q '"uri": "file://[^"]*/outside%20root.hlr"' "$out/absolute-path.sarif" &&
	grep -q '"uri": "tests/diag/three-mistakes.hlr", "uriBaseId": "%SRCROOT%"' "$out/absolute-path.sarif" &&
	ok "absolute-path: relative to %SRCROOT% inside the root, a file:// URI outside" ||
	bad "absolute-path: URIs not as expected"
grep -q '"ruleId": "cannot-read".*"region": {"startLine": 1' "$out/missing-file.sarif" &&
	ok "missing-file: cannot-read with the region at the file's start" ||
	bad "missing-file: no cannot-read result with a region"
finish
