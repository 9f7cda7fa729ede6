# Profiles and hlrc init; sourced by tests/run.sh (uses HLRC, tmp, ok, bad).
# For every profile: hlrc init --profile NAME DIR, then hlrc new DIR and
# hlrc check DIR succeed, with no diagnostic, and init's files are laid
# out as hlrc fmt lays them out.

# prof_step NAME COMMAND...: runs it, which must exit 0 and print nothing
# on standard error
prof_step() {
	pname=$1
	shift
	"$HLRC" "$@" > "$tmp/prof.out" 2> "$tmp/prof.err"
	st=$?
	if [ $st -ne 0 ] || [ -s "$tmp/prof.err" ]; then
		{ printf 'hlrc %s: exit %s\n' "$*" "$st"; cat "$tmp/prof.err"; } > "$tmp/diff"
		bad "profiles: $pname: hlrc $1"
		return 1
	fi
	ok
}

# PROFILE FIRST-PERIOD FIRST-NAME NEXT-NAME (each profile's cadence)
for row in "council|week ending 2020-11-27|2020-11-27|2020-12-04" \
	"prince2|fortnight ending 2020-11-27|2020-11-27|2020-12-11" \
	"project-status|month 2020-11|2020-11|2020-12" "own|month 2020-11|2020-11|2020-12"; do
	IFS='|' read -r profile period first next <<ROW
$row
ROW
	d=$tmp/prof-$profile
	rm -rf "$d"
	prof_step "$profile" init --profile "$profile" --period "$period" "$d" || continue
	[ -f "$d/series.hlr" ] && [ -f "$d/$first.hlr" ] && ok || bad "profiles: $profile: init's files"
	grep -qx "profile $profile" "$d/series.hlr" && ok || bad "profiles: $profile: series.hlr names the profile"
	prof_step "$profile" fmt --check "$d" || continue
	prof_step "$profile" new "$d" || continue
	[ -f "$d/$next.hlr" ] && ok || bad "profiles: $profile: new writes the next report, $next.hlr"
	prof_step "$profile" check "$d"
done

# the default profile is the council's, its cadence weekly; today's period
d=$tmp/prof-default
rm -rf "$d"
if "$HLRC" init "$d" > "$tmp/prof.out" 2>&1 && grep -qx "profile council" "$d/series.hlr" &&
	grep -q '^period week ending [0-9-]*$' "$d"/[0-9]*.hlr && "$HLRC" check "$d" > /dev/null 2>&1; then
	ok
else
	cp "$tmp/prof.out" "$tmp/diff"
	bad "profiles: init without --profile"
fi

# each profile's sections, in order, are the first report's
d=$tmp/prof-prince2
if [ "$(grep '^== ' "$d/2020-11-27.hlr" | tr '\n' ' ')" = "== summary == this-period == next-period == tolerances == changes == issues == lessons " ]; then
	ok
else
	grep '^== ' "$d/2020-11-27.hlr" > "$tmp/diff"
	bad "profiles: prince2's seven sections in order"
fi

# an unknown profile is a usage error with a suggestion; nothing is made
rm -rf "$tmp/prof-bad"
"$HLRC" init --profile prince3 "$tmp/prof-bad" > "$tmp/prof.out" 2>&1
if [ $? -eq 2 ] && grep -q "did you mean 'prince2'" "$tmp/prof.out" && [ ! -e "$tmp/prof-bad" ]; then
	ok
else
	cp "$tmp/prof.out" "$tmp/diff"
	bad "profiles: init --profile prince3"
fi

# init never replaces a series
"$HLRC" init --profile own "$tmp/prof-own" > "$tmp/prof.out" 2>&1
if [ $? -eq 1 ] && grep -q "series.hlr: error: already exists" "$tmp/prof.out"; then
	ok
else
	cp "$tmp/prof.out" "$tmp/diff"
	bad "profiles: init on a series"
fi

# init needs a DIR
"$HLRC" init > "$tmp/prof.out" 2>&1
if [ $? -eq 2 ] && grep -q "init needs a DIR" "$tmp/prof.out"; then ok; else bad "profiles: init without DIR"; fi

# a report missing a section its profile requires draws a warning naming it
d=$tmp/prof-prince2
sed '/^== lessons$/,$d' "$d/2020-12-11.hlr" > "$tmp/prof-lessons.hlr"
cp "$tmp/prof-lessons.hlr" "$d/2020-12-11.hlr"
"$HLRC" check "$d" > "$tmp/prof.out" 2>&1
if grep -q "no 'lessons' section, which the prince2 profile requires \[missing-section\]" "$tmp/prof.out"; then
	ok
else
	cp "$tmp/prof.out" "$tmp/diff"
	bad "profiles: a missing prince2 section"
fi

# hlrc new gives the next report the sections its profile requires that the
# latest report lacks, in the profile's order, each 'none'
"$HLRC" new "$d" > "$tmp/prof.out" 2>&1
if [ -f "$d/2020-12-25.hlr" ] &&
	[ "$(grep '^== ' "$d/2020-12-25.hlr" | tr '\n' ' ')" = "== summary == this-period == next-period == tolerances == changes == issues == lessons " ] &&
	sed -n '/^== lessons$/,$p' "$d/2020-12-25.hlr" | grep -qx none &&
	! "$HLRC" check "$d/2020-12-25.hlr" 2>&1 | grep -q "2020-12-25.hlr.*missing-section"; then
	ok
else
	{ cat "$tmp/prof.out"; cat "$d/2020-12-25.hlr"; } > "$tmp/diff" 2>&1
	bad "profiles: new adds the required section the latest report lacks"
fi

# and a required section the latest report lacks in the middle goes where
# the 'require' rule puts it; a standing section is not written (the
# series file shows it)
d=$tmp/prof-require
rm -rf "$d"
mkdir -p "$d"
printf 'title T\ncadence weekly\nrequire guidance comms decisions finance\nstanding comms\n\n== comms\n\n- Press office\n' > "$d/series.hlr"
printf 'period week ending 2020-06-19\n\n== decisions\n\n- D\n\n== risks\n\n- R\n' > "$d/2020-06-19.hlr"
"$HLRC" new "$d" > "$tmp/prof.out" 2>&1
if [ "$(grep '^== ' "$d/2020-06-26.hlr" | tr '\n' ' ')" = "== guidance == decisions == risks == finance " ] &&
	[ -z "$("$HLRC" check "$d" 2>&1 | grep '2020-06-26.hlr')" ]; then
	ok
else
	{ cat "$tmp/prof.out"; cat "$d/2020-06-26.hlr"; "$HLRC" check "$d"; } > "$tmp/diff" 2>&1
	bad "profiles: new adds the sections the 'require' rule lists, in its order"
fi

# the first report of a series that has none yet: hlrc new --period writes
# the sections the profile requires, each 'none' (and without --period it
# says what to give)
for row in "prince2|fortnight ending 2020-11-27|2020-11-27|== summary == this-period == next-period == tolerances == changes == issues == lessons " \
	"project-status|month 2020-11|2020-11|== summary == progress == next-steps "; do
	IFS='|' read -r profile period first want <<ROW
$row
ROW
	d=$tmp/prof-first-$profile
	rm -rf "$d"
	"$HLRC" init --profile "$profile" --period "$period" "$d" > /dev/null 2>&1
	rm -f "$d/$first.hlr"
	"$HLRC" new "$d" > "$tmp/prof.out" 2>&1
	if [ $? -eq 1 ] && grep -q "no report yet; give --period" "$tmp/prof.out"; then
		ok
	else
		cp "$tmp/prof.out" "$tmp/diff"
		bad "profiles: $profile: new in a series with no report asks for --period"
	fi
	prof_step "$profile" new --period "$period" "$d" || continue
	if [ "$(grep '^== ' "$d/$first.hlr" | tr '\n' ' ')" = "$want" ]; then
		ok
	else
		cat "$d/$first.hlr" > "$tmp/diff"
		bad "profiles: $profile: new writes the first report with the required sections"
	fi
	prof_step "$profile" check "$d"
done
