#!/bin/sh
# Writes a weekly series of N reports of about 5 kB into DIR:
#   gen-series.sh N DIR
# Each report has new guidance and challenges items, carries its finance
# section forward from the one before ('unchanged', so the chain runs back
# to the first report) and refers to an item of the previous report.
set -eu
n=$1
dir=$2
mkdir -p "$dir"
rm -f "$dir"/*.hlr
cat > "$dir/series.hlr" <<'SERIES'
title     Benchmark Highlight Report
service   Children and Safeguarding
author    Bench Mark
cadence   weekly
authority CCC Cambridgeshire County Council (Cambridgeshire)
authority PCC Peterborough City Council (Peterborough)
SERIES
awk -v n="$n" -v dir="$dir" 'BEGIN {
	# days since 1970-01-01 of Friday 2000-01-07, then a week per report
	z = 10963
	for (i = 1; i <= n; i++) {
		# civil_from_days
		zz = z + 719468; era = int(zz / 146097); doe = zz - era * 146097
		yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
		doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100)); mp = int((5 * doy + 2) / 153)
		d = doy - int((153 * mp + 2) / 5) + 1; m = mp < 10 ? mp + 3 : mp - 9; y = yoe + era * 400 + (m <= 2)
		f = sprintf("%s/r%05d.hlr", dir, i)
		printf "period week ending %04d-%02d-%02d\n\n== guidance\n", y, m, d > f
		# ten guidance items; two of them with inline Markdown
		for (k = 1; k <= 10; k++) {
			tag = (k % 3 == 0 ? "@PCC " : k % 3 == 1 ? "@CCC " : "")
			if (k == 1)
				printf "- %sItem %d of report %d: new guidance on safe working, including the\n  use of *personal protective equipment* in social care settings; colleagues\n  are reviewing it with [partners](https://example.org/%d). {#g%d}\n", tag, k, i, i, k > f
			else
				printf "- %sItem %d of report %d: the guidance does not appear to change any\n  current working practices, but Public Health colleagues are reviewing the\n  content to confirm that this is the case for every setting. {#g%d}\n", tag, k, i, k > f
		}
		printf "\n== challenges\n" > f
		for (k = 1; k <= 14; k++)
			printf "- Challenge %d: demand on early help services has grown across both\n  authorities; numbers of referrals remain broadly in line with other years.\n", k > f
		if (i > 1)
			printf "- As reported [previously](^previous#g1), the guidance is being reviewed.\n" > f
		printf "\nThese plans have been developed carefully and in accordance with the\ndeveloping guidance published by Government. We have liaised closely with\ncolleagues in property services, and have carried out extensive planning\naround the requirements for each building, and we are now moving to the\nimplementation phase.\n\n== workforce\n- Workforce availability is steady in both authorities and recruitment has\n  continued successfully; a new recruitment assessment centre will be held.\n- Morale remains very good, although staff are increasingly asking to\n  return to offices at least once a week.\n\n== decisions\nnone\n\n== finance\n" > f
		if (i == 1)
			for (k = 1; k <= 5; k++)
				printf "- Finance item %d: a few placements where additional costs have been\n  incurred, captured through our access to resources team.\n", k > f
		else
			printf "unchanged\n" > f
		close(f)
		z += 7
	}
}'
