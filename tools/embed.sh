#!/bin/sh
# Embeds a text file as a C string: embed.sh NAME FILE > FILE.c
# Used at build time for the page stylesheet (runtime/style.css).
set -eu
name=$1
file=$2
printf '/* generated from %s by tools/embed.sh; do not edit */\n' "$file"
printf '#include <stddef.h>\n'
printf 'const char %s[] =\n' "$name"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/\\n"/' "$file"
printf ';\nconst size_t %s_len = sizeof %s - 1;\n' "$name" "$name"
