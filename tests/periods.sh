# Periods and cadences across a series: hlrc new advances each form by its
# cadence and names the file after it; sourced by tests/run.sh (uses HLRC,
# tmp, ok, bad).

# new_case NAME SERIES_FILE_TEXT LATEST_NAME LATEST_PERIOD WANT_NAME WANT_PERIOD [--period P]
new_case() {
	name=$1 series=$2 latest=$3 period=$4 want=$5 wantp=$6
	shift 6
	d=$tmp/periods-new
	rm -rf "$d" && mkdir -p "$d"
	printf '%s\n' "$series" > "$d/series.hlr"
	printf 'period  %s\n\n== guidance\n- One item.\n' "$period" > "$d/$latest.hlr"
	"$HLRC" new "$@" "$d" > "$tmp/new.out" 2>&1
	if [ ! -f "$d/$want.hlr" ]; then
		{ printf 'no %s.hlr\n' "$want"; ls "$d"; cat "$tmp/new.out"; } > "$tmp/diff"
		bad "periods: new: $name"
	elif ! grep -qx "period *$wantp" "$d/$want.hlr"; then
		{ printf 'period is not %s\n' "$wantp"; cat "$d/$want.hlr"; } > "$tmp/diff"
		bad "periods: new: $name"
	elif ! "$HLRC" check "$d" > "$tmp/new.out" 2>&1; then
		{ printf 'the new series does not check\n'; cat "$tmp/new.out"; } > "$tmp/diff"
		bad "periods: new: $name"
	else
		ok
	fi
}

fy='title T
fiscal-year-start april'
new_case "daily" "title T
cadence daily" 2020-04-30 "day 2020-04-30" 2020-05-01 "day 2020-05-01"
new_case "daily across a month" "title T
cadence daily" 2020-04-30 "day 2020-04-30" 2020-05-01 "day 2020-05-01"
new_case "as at, weekly" "title T
cadence weekly" 2012-03-16 "as at 2012-03-16" 2012-03-23 "as at 2012-03-23"
new_case "as at, monthly, end of month" "title T
cadence monthly" 2012-01-31 "as at 2012-01-31" 2012-02-29 "as at 2012-02-29"
new_case "range, 4-weekly" "title T
cadence 4-weekly" 2019-04-12 "2019-03-16 to 2019-04-12" 2019-05-10 "2019-04-13 to 2019-05-10"
new_case "fiscal month" "$fy
cadence monthly" 2019-P2 "P2 FY2019-20" 2019-P3 "P3 FY2019-20"
new_case "fiscal month into the next year" "$fy
cadence monthly" 2019-P12 "P12 FY2019-20" 2020-P1 "P1 FY2020-21"
new_case "four-week period 13 into the next year" "$fy
cadence 4-weekly" 2019-P13 "P13 FY2019-20" 2020-P1 "P1 FY2020-21"
new_case "fiscal period given" "$fy
cadence 4-weekly" 2019-P2 "P2 FY2019-20" 2019-P5 "P5 FY2019-20" --period "P5 FY2019-20"
new_case "day given" "title T" 2020-04-30 "day 2020-04-30" 2020-05-04 "day 2020-05-04" --period "day 2020-05-04"

# a fiscal period given to new is read by the series' fiscal year
d=$tmp/periods-new
rm -rf "$d" && mkdir -p "$d"
printf 'title T\ncadence monthly\nfiscal-year-start april\n' > "$d/series.hlr"
printf 'period  P2 FY2019-20\n\n== guidance\n- One item.\n' > "$d/2019-P2.hlr"
"$HLRC" new --period "P13 FY2019-20" "$d" > "$tmp/new.out" 2>&1
if [ $? -eq 1 ] && grep -q "no period 13 in a 12-period year" "$tmp/new.out" && [ ! -f "$d/2019-P13.hlr" ]; then
	ok
else
	cp "$tmp/new.out" "$tmp/diff"
	bad "periods: new --period P13 in a 12-period year"
fi
