#!/bin/sh
# Writes a weekly series of N reports whose logs open four entries each
# report into DIR (4N entries over the series' life: 2,000 for N = 500):
#   gen-logs.sh N DIR [plain]
# Each report opens one risk, one action, one issue and one decision or
# request for change (owner, due date, rating; 30% tagged @CCC, 10%
# @PCC), writes again the entries it opened three reports earlier (new
# text and rating, every fifth with a new owner), and closes those it
# opened eight reports earlier (half with a close line and its reason,
# half with a closing state), so about 32 entries are open and carried at
# any time. One entry in ten is due before it is closed, so it lapses
# (an overdue warning) for three reports. With "plain" the same items are
# written without ids, fields or close lines, as ordinary content, to
# measure what the logs cost.
set -eu
n=$1
dir=$2
plain=${3:-}
mkdir -p "$dir"
rm -f "$dir"/*.hlr
{
	printf 'title     Benchmark Programme Report\nauthor    Bench Mark\ncadence   weekly\n'
	printf 'authority CCC Cambridgeshire County Council\n'
	printf 'authority PCC Peterborough City Council\n'
	printf 'section   issues ISSUES\nsection   changes REQUESTS FOR CHANGE\n'
	if [ -z "$plain" ]; then
		for o in "Programme Manager" "Finance Lead" "Head of Service" "Information Governance Lead" "Training Lead"; do
			printf 'owner %s\n' "$o"
		done
		printf 'entry-state watching\nentry-state resolved closed\n'
	fi
} > "$dir/series.hlr"
awk -v n="$n" -v dir="$dir" -v plain="$plain" '
function ymd(z,   zz, era, doe, yoe, doy, mp, d, m, y) {
	zz = z + 719468; era = int(zz / 146097); doe = zz - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100)); mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1; m = mp < 10 ? mp + 3 : mp - 9; y = yoe + era * 400 + (m <= 2)
	return sprintf("%04d-%02d-%02d", y, m, d)
}
# the log of the k-th entry opened in report i
function kind(i, k) { return k < 3 ? kinds[k + 1] : (i % 2 ? "changes" : "decisions") }
function tag(i, k,   h) { h = (i * 7 + k * 13) % 10; return h < 3 ? "@CCC " : h < 4 ? "@PCC " : "" }
function words(i, k, v) {
	return sprintf("%sEntry %d of report %d, version %d: the %s of the programme board need %s.",
	               tag(i, k), k + 1, i, v, nouns[(i + k) % 5 + 1], verbs[(i * 3 + k + v) % 5 + 1])
}
BEGIN {
	split("risks actions issues", kinds, " ")
	split("Programme Manager|Finance Lead|Head of Service|Information Governance Lead|Training Lead", owners, "|")
	split("red amber green", sc, " ")
	split("plans|budgets|contracts|staff rotas|data flows", nouns, "|")
	split("a decision|a review|more time|a second supplier|a new owner", verbs, "|")
	split("risks actions issues decisions changes", order, " ")
	z = 10963
	for (i = 1; i <= n; i++) {
		f = sprintf("%s/r%05d.hlr", dir, i)
		end = z + 7 * (i - 1)
		printf "period week ending %s\n\n== guidance\n\n", ymd(end) > f
		printf "- Guidance item of report %d: the board met and agreed the plan.\n", i > f
		printf "- A second guidance item of report %d, with **emphasis**.\n", i > f
		for (s = 1; s <= 5; s++) {
			sec = order[s]; body = ""
			for (k = 0; k < 4; k++) {
				if (kind(i, k) == sec) {              # opened here
					id = sprintf("e%d-%d", i, k)
					body = body "- " words(i, k, 1) (plain ? "" : " {#" id "}") "\n"
					if (!plain) {
						due = (i + k) % 10 == 0 ? end + 7 * 4 : end + 7 * 20
						body = body "  owner " owners[(i + k) % 5 + 1] "; due " ymd(due) "\n"
						body = body "  status " sc[(i + k) % 3 + 1] "\n"
					}
				}
				j = i - 3
				if (j >= 1 && kind(j, k) == sec) {   # written again
					id = sprintf("e%d-%d", j, k)
					body = body "- " words(j, k, 2) (plain ? "" : " {#" id "}") "\n"
					if (!plain) {
						if ((j + k) % 5 == 0)
							body = body "  owner " owners[(j + k + 1) % 5 + 1] "\n"
						body = body "  status " sc[(j + k + 1) % 3 + 1] ": reviewed\n"
					}
				}
				j = i - 8
				if (j >= 1 && kind(j, k) == sec) {   # closed
					id = sprintf("e%d-%d", j, k)
					if (plain)
						body = body "- Closed: entry " k + 1 " of report " j ".\n"
					else if ((j + k) % 2)
						body = body "close #" id ": done in report " i "\n"
					else
						body = body "- " words(j, k, 3) " {#" id "}\n  state resolved\n"
				}
			}
			if (body != "")
				printf "\n== %s\n\n%s", sec, body > f
		}
		close(f)
	}
}'
