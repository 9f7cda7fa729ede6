#!/bin/sh
# Makes sure the Debian packages hlrc needs are installed:
#   tools/deps.sh build   compiler, make, flex, bison, pkg-config, libcmark,
#                         libjansson (the language server's JSON)
#                         libzip and libxml2 (the Word writer, and hlrc import reads .docx)
#   tools/deps.sh check   the above, tidy for HTML validation, valgrind and
#                         ninja-build (tests/incremental.sh) for tests,
#                         LibreOffice and python3-docx (tests/docx)
# As root it installs what is missing with apt-get; otherwise it prints the
# one command that would, and fails.
set -eu
need="gcc make flex bison pkg-config libcmark-dev libjansson-dev"
need="$need libzip-dev libxml2-dev"
[ "${1:-build}" = check ] && need="$need tidy valgrind ninja-build git pre-commit python3-yaml"
[ "${1:-build}" = check ] && need="$need libreoffice-writer-nogui python3-docx"
missing=
for p in $need; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null 2>&1; then
	echo "hlrc: installing missing packages:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq > /dev/null
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing > /dev/null
	exit 0
fi
echo "hlrc: missing packages:$missing" >&2
echo "hlrc: install them with: sudo apt-get install$missing" >&2
exit 1
