#!/bin/sh
# A real client: Neovim's built-in LSP client, headless, starts `hlrc lsp`
# through editors/nvim/hlrc.lua, opens a report of the weekly example
# series (a copy, with a misspelt keyword), reads its diagnostics and goes
# to a definition in the previous report (tests/lsp/nvim.lua).
#   sh tests/lsp/nvim.sh [build/hlrc]
# Prints "ok ..." or "FAIL ..." per check, then "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 1
root=$(pwd)
hlrc=$(cd "$(dirname "${1:-build/hlrc}")" && pwd)/$(basename "${1:-build/hlrc}")
if ! command -v nvim > /dev/null 2>&1; then
	echo "FAIL nvim: Neovim is not installed (apt-get install neovim)"
	echo "0 passed, 1 failed"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cp -r examples/covid-weekly "$tmp/weekly"
sed -i 's/^== guidance$/== guidanse/' "$tmp/weekly/2020-07-03.hlr"
HLRC_ROOT=$root HLRC_REPORT=$tmp/weekly/2020-07-03.hlr HOME=$tmp XDG_CONFIG_HOME=$tmp \
	XDG_DATA_HOME=$tmp XDG_STATE_HOME=$tmp \
	timeout 60 nvim --headless -n -i NONE -u NONE --noplugin \
	--cmd "let g:hlrc_program = '$hlrc'" -c "luafile tests/lsp/nvim.lua" > "$tmp/out" 2>&1
status=$?
tr '\r' '\n' < "$tmp/out" | grep -E '^(ok|FAIL) ' > "$tmp/lines"
cat "$tmp/lines"
pass=$(grep -c '^ok ' "$tmp/lines")
fail=$(grep -c '^FAIL ' "$tmp/lines")
if [ "$status" -ne 0 ] && [ "$fail" -eq 0 ]; then
	echo "FAIL nvim: exit status $status"
	cat "$tmp/out"
	fail=1
fi
[ "$pass" -eq 3 ] || { [ "$fail" -gt 0 ] || { echo "FAIL nvim: $pass checks ran, not 3"; fail=1; }; }
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
