#!/bin/sh
# check-sentences.sh: does a compiled report say everything its seed says?
#
#   tests/seeds/check-sentences.sh SEED.txt OUTPUT_FILE FORMAT
#
# SEED.txt is one of the plain-text Word reports in ../shared/seeds/;
# OUTPUT_FILE is what `hlrc build ... --to FORMAT` wrote; FORMAT is md or html.
#
# The seed is cut into sentences:
#   - the header labels (SERVICE AREAS:, REPORT AUTHOR:, REPORTING PERIOD:,
#     LOCAL AUTHORITY:) are dropped and their values are checked;
#   - the body is cut into blocks by its line structure: a bullet line
#     ("- ", "* ", "+ " at any indent) or a numbered one ("1. ", "2) ",
#     "b) ": HTML numbers an ordered list itself) starts a block, its
#     marker dropped; a line that begins
#     with blanks continues the block above (Word's hard-wrapped lines), or
#     starts one after a blank line; consecutive column-1 lines form one
#     paragraph; a blank line ends a block;
#   - each block is cut after ". " and "; ";
#   - Word artefacts are mended: "3 rd" becomes "3rd" (ordinal split by
#     a superscript), a CR before LF and a BOM are dropped.
# The output is reduced to its text (see to_text below) and joined into one
# line, whitespace collapsed. A sentence is found if it is a substring of
# that text.
#
# Comparison is case-insensitive everywhere (ASCII letters only; all other
# bytes, such as the en dash and the apostrophe, must match exactly: the
# script runs with LC_ALL=C and compares bytes). Case is folded because the
# seeds write headings in capitals that an output may set in another case
# ("SERVICE AREAS:" / "Service areas:"); the words themselves must be the
# seed's. A sentence's trailing colon is not required, so that the Word
# reports' "Unchanged:" is found in the compiler's "Unchanged since ...:".
#
# Prints "MISSING: sentence" for each sentence not found and exits 1, or
# prints "all N sentences found" and exits 0. Exits 2 on a usage error.

LC_ALL=C
export LC_ALL

usage() {
	echo "usage: $0 SEED.txt OUTPUT_FILE md|html" >&2
	exit 2
}

[ $# -eq 3 ] || usage
seed=$1
out=$2
format=$3
case $format in
md | html) ;;
*) usage ;;
esac
for f in "$seed" "$out"; do
	if [ ! -r "$f" ]; then
		echo "$0: cannot read $f" >&2
		exit 2
	fi
done

bom=$(printf '\357\273\277')
cr=$(printf '\r')
tab=$(printf '\t')

# The seed's sentences, one a line, in the seed's order.
sentences() {
	sed -e "1s/^$bom//" -e "s/$cr\$//" -e "s/$tab/ /g" "$seed" | awk '
	function flush() {
		if (buf != "") {
			gsub(/\. /, ".\n", buf)
			gsub(/; /, ";\n", buf)
			print buf
		}
		buf = ""
		kind = ""
	}
	{
		# "3 rd July": the ordinal was a superscript in Word.
		s = $0
		while (match(s, /[0-9] (st|nd|rd|th)([^A-Za-z]|$)/))
			s = substr(s, 1, RSTART) substr(s, RSTART + 2)
		$0 = s
	}
	/^ *$/ { flush(); next }
	/^(SERVICE AREAS|REPORT AUTHOR|REPORTING PERIOD|LOCAL AUTHORITY):/ {
		flush()
		buf = $0
		sub(/^[^:]*: */, "", buf)
		flush()
		next
	}
	/^ *([-*+]|[0-9]+[.)]|[A-Za-z]+\)) / {
		flush()
		buf = $0
		sub(/^ *([-*+]|[0-9]+[.)]|[A-Za-z]+\)) +/, "", buf)
		kind = "item"
		next
	}
	/^ / {
		t = $0
		sub(/^ +/, "", t)
		if (kind != "")
			buf = buf " " t
		else {
			buf = t
			kind = "para"
		}
		next
	}
	{
		if (kind == "para")
			buf = buf " " $0
		else {
			flush()
			buf = $0
			kind = "para"
		}
	}
	END { flush() }
	' | awk '
	{
		gsub(/  +/, " ")
		sub(/^ /, "")
		sub(/ $/, "")
		sub(/:$/, "")
		if ($0 != "")
			print
	}'
}

# The output's text, on one or more lines (they are joined later).
to_text() {
	if [ "$format" = html ]; then
		# Join the lines (a tag may span them); drop comments, style and
		# script; drop inline tags without a trace and put a space for
		# every other tag, so that blocks do not run together; then decode
		# the entities, &amp; last.
		tr '\n' ' ' <"$out" | awk '
		{
			gsub(/<!--([^-]|-[^-])*-->/, "")
			gsub(/<[sS][tT][yY][lL][eE][^>]*>[^<]*<\/[sS][tT][yY][lL][eE]>/, " ")
			gsub(/<[sS][cC][rR][iI][pP][tT][^>]*>[^<]*<\/[sS][cC][rR][iI][pP][tT]>/, " ")
			gsub(/<\/?(a|abbr|b|cite|code|data|em|i|mark|q|small|span|strong|sub|sup|time|u)([ \t][^>]*)?>/, "")
			gsub(/<[^>]*>/, " ")
			gsub(/&nbsp;|&#160;|&#xa0;|&#xA0;/, " ")
			gsub(/&lt;|&#60;|&#x3[cC];/, "<")
			gsub(/&gt;|&#62;|&#x3[eE];/, ">")
			gsub(/&quot;|&#34;|&#x22;/, "\"")
			gsub(/&#39;|&#x27;|&apos;/, "\047")
			gsub(/&amp;|&#38;|&#x26;/, "\\&")
			print
		}'
	else
		# Per line: drop the heading and list markers (#, -, *, +, 1.)
		# and block quotes, a hard line break's trailing backslash, empty
		# anchors (<a id="x"></a>, how an id is written in Markdown), the
		# "**" of strong emphasis, [text](url) links to their text; then
		# undo the backslash escapes of ASCII punctuation and decode
		# the entities, &amp; last.
		sed -e "s/$cr\$//" "$out" | awk '
		BEGIN {
			# ASCII punctuation: what a backslash may escape.
			for (c = 33; c < 127; c++)
				if (c < 48 || (c > 57 && c < 65) ||
				    (c > 90 && c < 97) || c > 122)
					punct = punct sprintf("%c", c)
		}
		{
			sub(/^[ >]*(#+|[-*+]|[0-9]+[.)])[ \t]+/, "")
			sub(/\\$/, "")
			gsub(/<[aA][ \t][^>]*><\/[aA]>/, "")
			gsub(/\*\*/, "")
			# [text](url) -> text, unless the "[" is escaped.
			$0 = " " $0
			s = ""
			while (match($0, /[^\\]\[[^]]*\]\([^)]*\)/)) {
				link = substr($0, RSTART + 2, RLENGTH - 2)
				sub(/\]\(.*$/, "", link)
				s = s substr($0, 1, RSTART) link
				$0 = substr($0, RSTART + RLENGTH)
			}
			$0 = substr(s $0, 2)
			# \X -> X for ASCII punctuation X.
			s = ""
			while ((i = index($0, "\\")) > 0) {
				c = substr($0, i + 1, 1)
				if (c != "" && index(punct, c) > 0) {
					s = s substr($0, 1, i - 1) c
					$0 = substr($0, i + 2)
				} else {
					s = s substr($0, 1, i)
					$0 = substr($0, i + 1)
				}
			}
			$0 = s $0
			gsub(/&nbsp;|&#160;/, " ")
			gsub(/&lt;/, "<")
			gsub(/&gt;/, ">")
			gsub(/&quot;/, "\"")
			gsub(/&#39;|&#x27;|&apos;/, "\047")
			gsub(/&amp;/, "\\&")
			print
		}'
	fi
}

{
	to_text | sed 's/^/O /'
	sentences | sed 's/^/S /'
} | awk '
/^O / { text = text " " substr($0, 3); next }
/^S / {
	if (!joined) {
		gsub(/[ \t\r\f\v]+/, " ", text)
		text = tolower(text)
		joined = 1
	}
	s = substr($0, 3)
	n++
	if (index(text, tolower(s)) == 0) {
		print "MISSING: " s
		missing++
	}
}
END {
	if (n == 0) {
		print "no sentences in the seed" > "/dev/stderr"
		exit 2
	}
	if (missing) {
		print missing " of " n " sentences missing"
		exit 1
	}
	print "all " n " sentences found"
}'
