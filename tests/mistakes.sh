# The mistakes corpus (issue 12); sourced by tests/run.sh (uses HLRC, tmp,
# ok, bad).
#
# README. Each case is a folder tests/mistakes/NAME/ holding a lone report or
# a small series (series.hlr plus reports), a file `case`, and
# REPORT.meant: the report under test as its author meant it, written
# correctly (for a report REPORT.hlr that is REPORT.hlr.meant). Lines of
# `case` (blank lines and lines starting with # are skipped):
#   file REPORT.hlr     the report under test (one, required)
#   class understood    hlrc reads the mistake as meant: check exits 0 and
#                       the build is byte-identical to the meant one
#   class diagnosed     hlrc points at the mistake:
#   at LINE:COL CODE    a diagnostic `hlrc check` prints at REPORT:LINE:COL
#                       with [CODE] (repeatable; at least one); `at file
#                       CODE` is one about the file as a whole (REPORT: ...)
#   fix yes|no          yes: after `hlrc fix` on a copy, `hlrc check` prints
#                       no error or warning, the build equals the meant one,
#                       and a second `hlrc fix` changes no byte
#   for TAG             also compare the build --for TAG (repeatable)
#   rename NAME         (optional) the name the author meant for the file,
#                       for mistakes in a file's name: the meant report is
#                       built as NAME instead of REPORT, and REPORT, which
#                       hlrc does not read as a report, is not built
# Every case runs in a copy of its folder. The meant report is built
# (--to md, and --for TAG each) in a copy where it replaces REPORT; it must
# check without an error or a warning. `hlrc check` runs on the folder when
# it is a series (it holds series.hlr), on REPORT otherwise, from inside the
# copy, so diagnostics name REPORT (or ./REPORT) as written in `case`.
# Name cases by the prefix of their owner: syn-, link-, file-, period-,
# tag-. One test per case; a failure says which step of the case failed.

mk_abs=$HLRC
case $mk_abs in /*) ;; *) mk_abs=$(pwd)/$HLRC ;; esac

# mk_build DIR REPORT OUT [TAG]: hlrc build --to md of REPORT inside DIR
mk_build() {
	if [ -n "${4:-}" ]; then
		(cd "$1" && "$mk_abs" build --to md --for "$4" "$2") > "$3" 2> "$3.err"
	else
		(cd "$1" && "$mk_abs" build --to md "$2") > "$3" 2> "$3.err"
	fi
}

# mk_check DIR TARGET OUT: hlrc check TARGET inside DIR; returns its status
mk_check() {
	(cd "$1" && "$mk_abs" check "$2") > "$3" 2>&1
}

# mk_case DIR: runs one case; prints why it failed into $tmp/diff, returns 1
mk_case() {
	src=$1
	name=${src##*/}
	file='' class='' fix='' rename='' ats='' tags=''
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		''|'#'*) continue ;;
		esac
		key=${line%% *}
		val=${line#* }
		[ "$key" = "$line" ] && val=''
		case $key in
		file) file=$val ;;
		class) class=$val ;;
		fix) fix=$val ;;
		rename) rename=$val ;;
		at) ats="$ats$val
" ;;
		for) tags="$tags $val" ;;
		*) echo "case: unknown line '$line'"; return 1 ;;
		esac
	done < "$src/case"
	[ -n "$file" ] || { echo "case: no 'file' line"; return 1; }
	[ -f "$src/$file" ] || { echo "case: no file $file"; return 1; }
	[ -f "$src/$file.meant" ] || { echo "case: no $file.meant"; return 1; }
	case $class in
	understood)
		[ -z "$ats" ] || { echo "case: 'at' in an understood case"; return 1; } ;;
	diagnosed)
		[ -n "$ats" ] || { echo "case: diagnosed without an 'at' line"; return 1; }
		case $fix in yes|no) ;; *) echo "case: 'fix yes' or 'fix no' needed"; return 1 ;; esac ;;
	*) echo "case: class must be understood or diagnosed"; return 1 ;;
	esac
	work=$tmp/mistakes/$name
	rm -rf "$work"
	mkdir -p "$work"
	target=$file
	[ -f "$src/series.hlr" ] && target=.

	# the meant report, in its own copy of the folder
	cp -R "$src" "$work/meant"
	rm -f "$work/meant/case" "$work/meant"/*.meant
	meant=$file
	if [ -n "$rename" ]; then
		rm -f "$work/meant/$file"
		meant=$rename
	fi
	cp "$src/$file.meant" "$work/meant/$meant"
	mk_build "$work/meant" "$meant" "$work/meant.md" || {
		echo "the meant report does not build"; cat "$work/meant.md.err"; return 1; }
	for tag in $tags; do
		mk_build "$work/meant" "$meant" "$work/meant.$tag.md" "$tag" || {
			echo "the meant report does not build --for $tag"; cat "$work/meant.$tag.md.err"; return 1; }
	done
	mtarget=$meant
	[ "$target" = . ] && mtarget=.
	mk_check "$work/meant" "$mtarget" "$work/meant.check"
	if grep -q -e 'error:' -e 'warning:' "$work/meant.check"; then
		echo "the meant report does not check cleanly:"; cat "$work/meant.check"; return 1
	fi

	# the report under test
	cp -R "$src" "$work/test"
	rm -f "$work/test/case" "$work/test"/*.meant
	mk_check "$work/test" "$target" "$work/test.check"
	status=$?
	if [ "$class" = understood ]; then
		[ $status -eq 0 ] || { echo "check exits $status:"; cat "$work/test.check"; return 1; }
	else
		printf '%s' "$ats" > "$work/ats"
		while IFS=' ' read -r pos code; do
			where=$file:$pos
			[ "$pos" = file ] && where=$file
			if ! grep -F -- "$where: " "$work/test.check" | grep -q -F -- "[$code]"; then
				echo "no diagnostic [$code] at $file:$pos; check printed:"
				cat "$work/test.check"
				return 1
			fi
		done < "$work/ats"
	fi
	if [ -z "$rename" ] && { [ "$class" = understood ] || [ $status -eq 0 ]; }; then
		mk_compare "$work/test" "builds differently from the meant report" || return 1
	fi

	# fix yes: hlrc fix makes it the meant report, and a second run is a no-op
	[ "$fix" = yes ] || return 0
	cp -R "$src" "$work/fix"
	rm -f "$work/fix/case" "$work/fix"/*.meant
	(cd "$work/fix" && "$mk_abs" fix "$target") > "$work/fix.out" 2>&1
	mk_check "$work/fix" "$target" "$work/fix.check"
	if grep -q -e 'error:' -e 'warning:' "$work/fix.check"; then
		echo "after hlrc fix, check still prints:"; cat "$work/fix.out" "$work/fix.check"; return 1
	fi
	mk_compare "$work/fix" "after hlrc fix, builds differently from the meant report" || return 1
	cp -R "$work/fix" "$work/fix2"
	(cd "$work/fix2" && "$mk_abs" fix "$target") > "$work/fix2.out" 2>&1
	diff -r "$work/fix" "$work/fix2" || { echo "a second hlrc fix changes the files"; return 1; }
	return 0
}

# mk_compare DIR WHAT: the build of $file in DIR (and --for each tag)
# equals the meant one
mk_compare() {
	mk_build "$1" "$file" "$1.md" || { echo "$2: the build fails"; cat "$1.md.err"; return 1; }
	diff -u "$work/meant.md" "$1.md" || { echo "$2"; return 1; }
	for tag in $tags; do
		mk_build "$1" "$file" "$1.$tag.md" "$tag" || { echo "$2 (--for $tag): the build fails"; cat "$1.$tag.md.err"; return 1; }
		diff -u "$work/meant.$tag.md" "$1.$tag.md" || { echo "$2 (--for $tag)"; return 1; }
	done
}

for mk_dir in tests/mistakes/*/; do
	[ -f "$mk_dir/case" ] || continue
	mk_dir=${mk_dir%/}
	if mk_case "$mk_dir" > "$tmp/mistake.log" 2>&1; then
		ok
	else
		mv "$tmp/mistake.log" "$tmp/diff"
		bad "mistakes: ${mk_dir##*/}"
	fi
done
rm -rf "$tmp/mistakes" "$tmp/mistake.log"

# a report name with a control character in a folder: an error naming the
# file with the character escaped, in check of the folder and of any of its
# files (no case folder can hold such a name in git)
rm -rf "$tmp/mk-unsafe"
mkdir -p "$tmp/mk-unsafe"
printf 'title T\ncadence weekly\n' > "$tmp/mk-unsafe/series.hlr"
printf 'period week ending 2020-06-26\n\n== guidance\n- one {#one}\n' > "$tmp/mk-unsafe/$(printf '2020-06\t26').hlr"
printf 'period week ending 2020-07-03\n\n== guidance\nunchanged\n' > "$tmp/mk-unsafe/2020-07-03.hlr"
for mk_t in "$tmp/mk-unsafe" "$tmp/mk-unsafe/2020-07-03.hlr"; do
	"$HLRC" check "$mk_t" > "$tmp/mk-unsafe.out" 2>&1
	mk_st=$?
	if [ $mk_st -eq 1 ] && grep -q -F '/2020-06\t26.hlr: error: the file name holds a control character' "$tmp/mk-unsafe.out" &&
	   grep -q -F '[unsafe-file-name]' "$tmp/mk-unsafe.out"; then
		ok
	else
		{ echo "exit $mk_st"; cat "$tmp/mk-unsafe.out"; } > "$tmp/diff"
		bad "mistakes: a tab in a report's file name ($mk_t)"
	fi
done
rm -rf "$tmp/mk-unsafe"

# Word's lock file beside an open report: skipped with a warning, not read
rm -rf "$tmp/mk-lock"
mkdir -p "$tmp/mk-lock"
cp tests/series/warn-look-alike-files/series.hlr tests/series/warn-look-alike-files/2020-06-26.hlr "$tmp/mk-lock/"
printf '\0\0Lou Williams' > "$tmp/mk-lock/~\$2020-06-26.hlr"
"$HLRC" check "$tmp/mk-lock" > "$tmp/mk-lock.out" 2>&1
mk_st=$?
if [ $mk_st -eq 0 ] && grep -q -F "/~\$2020-06-26.hlr: warning: skipped: Word's lock file (~\$...), kept while a document of this folder is open" "$tmp/mk-lock.out"; then
	ok
else
	{ echo "exit $mk_st"; cat "$tmp/mk-lock.out"; } > "$tmp/diff"
	bad "mistakes: Word's lock file is skipped with a warning"
fi
rm -rf "$tmp/mk-lock"

# a look-alike named on the command line is read alone, and says why
"$HLRC" check tests/series/warn-look-alike-files/2020-07-10.HLR > "$tmp/mk-alone.out" 2>&1
if grep -q -F '2020-07-10.HLR: warning: read alone, not as a report of the series in its folder: a report'"'"'s file name ends in .hlr, in lower case; rename it to 2020-07-10.hlr [skipped-file]' "$tmp/mk-alone.out"; then
	ok
else
	cp "$tmp/mk-alone.out" "$tmp/diff"
	bad "mistakes: a look-alike named alone says to rename it"
fi
