#!/bin/sh
# Writes a weekly series of N project reports with 20 metrics and statuses
# into DIR:
#   gen-metrics.sh N DIR [plain]
# series.hlr declares the default scale's dimensions and 20 metrics (two of
# them per authority); each report gives a status per dimension, a status
# on its one section and on each of its four items, and states every
# metric. With "plain" the same reports are written without statuses and
# metrics, to measure what they cost.
set -eu
n=$1
dir=$2
plain=${3:-}
mkdir -p "$dir"
rm -f "$dir"/*.hlr
{
	printf 'title     Benchmark Project Report\nauthor    Bench Mark\ncadence   weekly\n'
	printf 'authority CCC Cambridgeshire County Council (Cambridgeshire)\n'
	printf 'authority PCC Peterborough City Council (Peterborough)\n'
	if [ -z "$plain" ]; then
		printf 'dimensions time cost scope quality\n'
		k=1
		while [ $k -le 18 ]; do
			printf 'metric    m%02d "Metric number %d" unit count better lower\n' $k $k
			k=$((k + 1))
		done
		printf 'metric    m19 "Rate" unit percent better higher per-authority\n'
		printf 'metric    m20 "Spend" unit gbp better lower per-authority\n'
	fi
} > "$dir/series.hlr"
awk -v n="$n" -v dir="$dir" -v plain="$plain" 'BEGIN {
	split("red amber green", sc, " ")
	z = 10963
	for (i = 1; i <= n; i++) {
		zz = z + 719468; era = int(zz / 146097); doe = zz - era * 146097
		yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
		doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100)); mp = int((5 * doy + 2) / 153)
		d = doy - int((153 * mp + 2) / 5) + 1; m = mp < 10 ? mp + 3 : mp - 9; y = yoe + era * 400 + (m <= 2)
		f = sprintf("%s/r%05d.hlr", dir, i)
		printf "period week ending %04d-%02d-%02d\n", y, m, d > f
		if (plain == "") {
			printf "status %s: report %d\n", sc[1 + i % 3], i > f
			printf "status time %s\nstatus cost %s\nstatus scope green\nstatus quality %s\n",
				sc[1 + (i + 1) % 3], sc[1 + (i + 2) % 3], sc[1 + int(i / 2) % 3] > f
		}
		printf "\n== challenges\n" > f
		if (plain == "")
			printf "status %s\n", sc[1 + (i + 1) % 3] > f
		for (k = 1; k <= 4; k++) {
			printf "- Work package %d of report %d moved on as planned this week. {#w%d}\n", k, i, k > f
			if (plain == "")
				printf "  status %s\n", sc[1 + (i + k) % 3] > f
		}
		if (plain == "") {
			printf "\n== metrics\n" > f
			for (k = 1; k <= 18; k++)
				printf "m%02d %d\n", k, 100 + (i * 7 + k * 13) % 50 > f
			printf "m19 @CCC %d.%d\nm19 @PCC %d.%d\n", 40 + i % 30, i % 10, 50 + i % 20, (i * 3) % 10 > f
			printf "m20 @CCC %d,%03d\nm20 @PCC %d,%03d.50\n", 10 + i, (i * 37) % 1000, 20 + i, (i * 53) % 1000 > f
		}
		close(f)
		z += 7
	}
}'
