# Incremental builds equal clean ones; sourced by tests/run.sh (uses HLRC,
# tmp, ok, bad). A series whose folder and file names hold a space, '$',
# '#' and ':' is built by make (rules as in docs/ci.md "A Makefile", one
# per report since make's wildcard cannot hold a space) and by ninja
# (depfile, deps = gcc); after each kind of change, the pages make or ninja
# rebuilt must equal, byte for byte, those of a clean build.
case $HLRC in /*) inc_hlrc=$HLRC ;; *) inc_hlrc=$(pwd)/$HLRC ;; esac
inc=$tmp/inc
inc_dir='s $1#x:y'

# names of the reports, one a line, and their page names
inc_reports() { (cd "$inc/$inc_dir" && ls | grep '\.hlr$' | grep -v '^series\.hlr$'); }

# make: a path escaped for a rule, and for a recipe (single-quoted)
inc_mk() { printf '%s' "$1" | sed 's/\$/$$/g; s/[ #:]/\\&/g'; }
inc_sh() { printf '%s' "$1" | sed 's/\$/$$/g'; }
# ninja: a path escaped for a build line
inc_nj() { printf '%s' "$1" | sed 's/\$/$$/g; s/[ :]/$&/g'; }

inc_gen() {
	{
		printf 'HLRC = %s\n\nall:\n\n' "$inc_hlrc"
		n=0
		inc_reports | while IFS= read -r f; do
			n=$((n + 1))
			p=out/${f%.hlr}.html s=$inc_dir/$f
			printf 'all: %s\n%s: %s | out\n' "$(inc_mk "$p")" "$(inc_mk "$p")" "$(inc_mk "$s")"
			printf "\t\$(HLRC) build -o '%s' --depfile out/d%s.d '%s'\n" "$(inc_sh "$p")" "$n" "$(inc_sh "$s")"
			printf -- '-include out/d%s.d\n\n' "$n"
		done
		printf 'out:\n\tmkdir -p $@\n'
	} > "$inc/Makefile"
	{
		# ninja quotes $in and $out for the shell itself
		printf 'rule hlr\n  command = %s build -o $out --depfile $out.d $in\n' "$inc_hlrc"
		printf '  depfile = $out.d\n  deps = gcc\n\n'
		inc_reports | while IFS= read -r f; do
			printf 'build %s: hlr %s\n' "$(inc_nj "nout/${f%.hlr}.html")" "$(inc_nj "$inc_dir/$f")"
		done
	} > "$inc/build.ninja"
}

# every input and the folder dated in the past, every page later, so an
# edit made now is newer than the pages (no sleep, no timing)
inc_age() {
	find "$inc/$inc_dir" -exec touch -d '2001-01-01 00:00:00' {} +
	find "$inc/out" "$inc/nout" -type f -exec touch -d '2002-01-01 00:00:00' {} + 2>/dev/null
	touch -d '2002-01-01 00:00:00' "$inc/.ninja_log" 2>/dev/null
}

# STEP: rebuild incrementally, build cleanly, compare each report's page
inc_check() {
	inc_gen
	rm -rf "$inc/clean"
	mkdir -p "$inc/clean"
	: > "$inc/log"
	inc_reports | while IFS= read -r f; do
		"$HLRC" build -o "$inc/clean/${f%.hlr}.html" "$inc/$inc_dir/$f" >> "$inc/log" 2>&1
	done
	(cd "$inc" && make -s) >> "$inc/log" 2>&1 || echo "make failed" >> "$inc/log"
	if command -v ninja > /dev/null 2>&1; then
		(cd "$inc" && ninja -j1 > /dev/null) >> "$inc/log" 2>&1 || echo "ninja failed" >> "$inc/log"
	fi
	inc_reports | while IFS= read -r f; do
		h=${f%.hlr}.html
		cmp "$inc/clean/$h" "$inc/out/$h" >> "$inc/log" 2>&1 || echo "make: $h differs" >> "$inc/log"
		if command -v ninja > /dev/null 2>&1; then
			cmp "$inc/clean/$h" "$inc/nout/$h" >> "$inc/log" 2>&1 || echo "ninja: $h differs" >> "$inc/log"
		fi
	done
	# warnings (a week that now ends on a Saturday) are not failures
	if grep -qE 'differs$|failed$|No such file|error:' "$inc/log"; then
		cp "$inc/log" "$tmp/diff"
		bad "incremental: $1: make/ninja equal a clean build"
	else
		ok
	fi
	inc_age
}

if command -v make > /dev/null 2>&1; then
	rm -rf "$inc"
	mkdir -p "$inc/$inc_dir"
	s=$inc/$inc_dir
	printf 'title T\ncadence weekly\nauthor A\n' > "$s/series.hlr"
	printf 'period week ending 2020-06-26\n\n== guidance\n- one {#one}\n- two {#two}\n\n== challenges\n- hard {#hard}\n' \
		> "$s/first.hlr"
	printf 'period week ending 2020-07-03\n\n== guidance\nunchanged\n\n== challenges\nunchanged #hard\n' \
		> "$s/p \$1#x:y.hlr"
	printf 'period week ending 2020-07-10\n\n== guidance\nunchanged\n\n== challenges\n- see [two](^2020-06-26#two)\n' \
		> "$s/2020-07-10.hlr"
	inc_check "first build"
	printf '\n== risks\n- a risk\n' >> "$s/2020-07-10.hlr"
	inc_check "a report's text"
	printf 'title T2\ncadence weekly\nauthor B\n' > "$s/series.hlr"
	inc_check "series.hlr"
	sed 's/two {#two}/two, changed {#two}/' "$s/first.hlr" > "$inc/t" && cat "$inc/t" > "$s/first.hlr"
	inc_check "a report reached through a carried reference"
	sed 's/period week ending 2020-06-26/period week ending 2020-06-27/' "$s/first.hlr" > "$inc/t" &&
		cat "$inc/t" > "$s/first.hlr"
	inc_check "the period of an earlier report"
	printf 'period week ending 2020-07-07\n\n== guidance\n- new {#one}\n\n== challenges\n- new {#hard}\n' \
		> "$s/2020-07-07.hlr"
	inc_check "a new report that becomes another's previous"
	rm "$s/2020-07-07.hlr"
	inc_check "a report removed"
fi
