#!/bin/sh
# Writes one report-shaped .hlr file of about SIZE bytes: gen-report.sh SIZE FILE
# Sections, ten to a part, each with 8 to 15 items of 25 to 70 words (some
# nested, 30% tagged @CCC and some @PCC, continuation lines wrapped at 78
# columns) and sometimes a paragraph, like the seed reports; a link in 10%
# of the items, emphasis in 5%, code in 3% (the seeds themselves have none).
set -eu
# A report holds each keyword once, so a big one declares its own keywords
# (s0, s1, ...) in the header, ten sections to a part.
awk -v size="$1" 'BEGIN {
	srand(42)
	n = split("The priority for the service has remained the safeguarding and support of vulnerable children and young people while doing all we can to also ensure staff safety and we have continued to visit children in line with usual expectations throughout the period with exceptions made only for children in settled placements at some distance from either authority", w, " ")
	print "title     Benchmark Highlight Report"
	print "service   Children and Safeguarding"
	print "author    Bench Mark"
	print "period    month 2020-11"
	print "authority CCC Cambridgeshire County Council (Cambridgeshire)"
	print "authority PCC Peterborough City Council (Peterborough)"
	bytes = 250; sec = 0
	while (bytes < size) {
		if (sec % 10 == 0) { line = sprintf("\n= Part %d - Updates\n", sec / 10 + 1); printf "%s", line; bytes += length(line) }
		line = sprintf("\n== s%d\n\n", sec); printf "%s", line; bytes += length(line)
		items = 8 + int(rand() * 8)
		for (i = 0; i < items && bytes < size; i++) {
			tag = rand() < 0.3 ? "@CCC " : (rand() < 0.2 ? "@PCC " : "")
			text = "- " tag; col = length(text); len = 25 + int(rand() * 45)
			# inline Markdown in some items: a link (10%), emphasis (5%), code (3%)
			r = rand(); mk = r < 0.10 ? 1 : r < 0.15 ? 2 : r < 0.18 ? 3 : 0; mark = mk ? int(rand() * len) : -1
			for (j = 0; j < len; j++) {
				word = w[int(rand() * n) + 1]
				if (j == mark) word = mk == 1 ? "[" word "](https://example.org/" sec ")" : mk == 2 ? "*" word "*" : "`" word "`"
				if (col + length(word) + 1 > 78) { text = text "\n  "; col = 2 }
				else if (j) { text = text " "; col++ }
				text = text word; col += length(word)
			}
			text = text ";\n"
			if (rand() < 0.15) text = text "  - A nested point about " w[int(rand() * n) + 1] " and " w[int(rand() * n) + 1] ".\n"
			printf "%s", text; bytes += length(text)
		}
		if (rand() < 0.3) {
			text = "\nThese plans have been developed carefully and in accordance with the\ndeveloping guidance published by Government.\n"
			printf "%s", text; bytes += length(text)
		}
		sec++
	}
}' > "$2.body"
# custom section declarations go in the header, before the body
awk 'NR <= 6' "$2.body" > "$2"
grep -o '^== s[0-9]*' "$2.body" | awk '{ k = substr($2, 1); printf "section   %s SECTION %s\n", k, substr(k, 2) }' >> "$2"
awk 'NR > 6' "$2.body" >> "$2"
rm -f "$2.body"
