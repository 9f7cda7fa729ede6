#!/bin/sh
# Embeds a file as a C byte array: embed.sh NAME FILE > FILE.c
# (a string literal that long is beyond what ISO C promises compilers take).
# Used at build time for the page stylesheet (runtime/style.css).
set -eu
name=$1
file=$2
printf '/* generated from %s by tools/embed.sh; do not edit */\n' "$file"
printf '#include <stddef.h>\n'
printf 'const char %s[] = {\n' "$name"
od -An -v -tx1 "$file" | sed -e 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/\t/'
printf '\t0x00\n};\nconst size_t %s_len = sizeof %s - 1;\n' "$name" "$name"
