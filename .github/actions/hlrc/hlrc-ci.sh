#!/bin/sh
# The steps of hlrc's CI kit: the GitHub Action (action.yml beside this
# file) and the GitLab CI template (.gitlab/hlrc.gitlab-ci.yml) run them;
# tests/cikit.sh runs them here.
#
#   hlrc-ci.sh install   the Debian packages hlrc is built with (as root or
#                        with sudo; nothing when they are there)
#   hlrc-ci.sh build     builds hlrc from HLRC_SOURCE into HLRC_SOURCE/build
#   hlrc-ci.sh check     annotations (--diagnostics=github) on standard
#                        output, OUT/hlrc.sarif, and on failure the
#                        diagnostics with source lines; exit 1 on failure
#   hlrc-ci.sh gitlab    OUT/gl-code-quality.json (--diagnostics=gitlab),
#                        then the diagnostics with source lines; exit 1 on
#                        failure
#   hlrc-ci.sh previews  OUT/previews/FOLDER/NAME.html for every report of
#                        a folder without errors
#
# Environment: HLRC_SOURCE (hlrc's source; default: this repository),
# HLRC (the compiler; default HLRC_SOURCE/build/hlrc), HLRC_PATHS (report
# folders or files, separated by spaces; default: every folder holding a
# .hlr file, hidden folders and OUT left out), HLRC_FAIL_ON (error, the
# default, or warning), HLRC_OUT (default hlrc-out).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=${HLRC_SOURCE:-$(cd "$here/../../.." && pwd)}
hlrc=${HLRC:-$src/build/hlrc}
out=${HLRC_OUT:-hlrc-out}
fail_on=${HLRC_FAIL_ON:-error}
case $fail_on in
error|warning) ;;
*) echo "hlrc-ci: HLRC_FAIL_ON is 'error' or 'warning', not '$fail_on'" >&2; exit 2 ;;
esac

# The report folders or files, one a line, into $out/paths.
paths() {
	mkdir -p "$out"
	if [ -n "${HLRC_PATHS:-}" ]; then
		# shellcheck disable=SC2086
		printf '%s\n' $HLRC_PATHS
	else
		o=${out#./}
		find . -name '.?*' -prune -o -path "./$o" -prune -o -type f -name '*.hlr' -print |
			sed 's|/[^/]*$||; s|^\./||; s|^\.$|.|' | LC_ALL=C sort -u
	fi > "$out/paths"
	if [ ! -s "$out/paths" ]; then
		echo "hlrc-ci: no .hlr reports found" >&2
		exit 1
	fi
}

# hlrc check --fail-on=LEVEL [ARGS] over every path; hlrc's exit status
# (xargs gives 123 for 1).
run_check() {
	rc=0
	xargs -d '\n' -a "$out/paths" "$hlrc" check --fail-on="$fail_on" "$@" || rc=$?
	[ "$rc" -eq 123 ] && rc=1
	return "$rc"
}

case ${1:-} in
install)
	need="gcc make flex bison pkg-config libcmark-dev libjansson-dev libzip-dev libxml2-dev"
	missing=
	for p in $need; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && exit 0
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $missing
	;;
build)
	make -C "$src" -j2 -s
	"$src/build/hlrc" --version
	;;
check)
	paths
	status=0
	run_check --diagnostics=github || status=$?
	run_check --diagnostics=sarif > "$out/hlrc.sarif" || true
	if [ "$status" -ne 0 ]; then
		echo "::group::hlrc check, with source lines"
		run_check 2>&1 || true
		echo "::endgroup::"
	fi
	exit "$status"
	;;
gitlab)
	paths
	run_check --diagnostics=gitlab > "$out/gl-code-quality.json" || true
	run_check
	;;
previews)
	# a folder with an error has no previews (check says why); the others do
	paths
	while IFS= read -r p; do
		if [ -d "$p" ]; then
			dest=$out/previews/${p#./}
			mkdir -p "$dest"
			"$hlrc" build --to html -o "$dest" "$p" 2> /dev/null ||
				echo "hlrc-ci: $p has errors: no previews" >&2
		else
			dest=$out/previews/$(dirname "${p#./}")
			mkdir -p "$dest"
			name=$(basename "$p" .hlr)
			"$hlrc" build --to html -o "$dest/$name.html" "$p" 2> /dev/null ||
				echo "hlrc-ci: $p has errors: no preview" >&2
		fi
	done < "$out/paths"
	(cd "$out/previews" && find . -name '*.html' | LC_ALL=C sort | sed 's|^\./||')
	;;
*)
	echo "usage: hlrc-ci.sh install|build|check|gitlab|previews" >&2
	exit 2
	;;
esac
