# hlrc as git's diff driver and textconv (sourced from tests/run.sh):
# in a scratch repository with the covid-weekly series, `git diff` and
# `git log -p --ext-diff` show what changed in prose, section by section;
# `git log -p` shows the canonical layout with the section in hunk headers.
if command -v git > /dev/null 2>&1; then
	gh=$(cd "$(dirname "$HLRC")" && pwd)/$(basename "$HLRC")
	g=$tmp/git
	mkdir -p "$g/r"
	git_() { git -C "$g" -c user.name=t -c user.email=t@example.org "$@"; }
	git_ init -q
	cp examples/covid-weekly/series.hlr examples/covid-weekly/2020-06-26.hlr "$g/r/"
	printf '*.hlr diff=hlr\nseries.hlr !diff\n' > "$g/.gitattributes"
	git_ config diff.hlr.command "$gh diff --git"
	git_ config diff.hlr.textconv "$gh diff --textconv"
	git_ config diff.hlr.xfuncname '^== .*$'
	git_ add -A && git_ commit -qm first
	# an added report is compared with its previous one
	cp examples/covid-weekly/2020-07-03.hlr "$g/r/"
	git_ add -A
	git_ diff --cached > "$tmp/git.out" 2>&1
	if grep -qx 'hlrc diff /dev/null b/r/2020-07-03.hlr' "$tmp/git.out" &&
	   grep -qx 'New report.' "$tmp/git.out" &&
	   grep -q '^Changes from week ending 26th June 2020 (2020-06-26.hlr) to week ending 3rd July 2020' "$tmp/git.out" &&
	   grep -qx 'NEW CHALLENGES AND ACTIVITY' "$tmp/git.out"; then ok
	else cp "$tmp/git.out" "$tmp/diff"; bad "git diff: an added report, against its previous one"; fi
	git_ commit -qm second
	# an edit in the working tree: the words that changed, under their section
	sed 's/Grafham Water to/Grafham Water Centre to/' examples/covid-weekly/2020-07-03.hlr > "$g/r/2020-07-03.hlr"
	git_ diff > "$tmp/git.out" 2>&1
	cat > "$tmp/git.exp" <<'EXP'
hlrc diff a/r/2020-07-03.hlr b/r/2020-07-03.hlr
Changes from week ending 3rd July 2020 (2020-07-03.hlr) to week ending 3rd July 2020 (2020-07-03.hlr):

NEW CHALLENGES AND ACTIVITY

- Edited: @CCC Working with Education colleagues to utilise outdoor learning centre Grafham Water {+Centre+} to support children in and on the edge of care. The facility has helpfully provided accommodation and some day care [to support fragile placements] for a small number of Cambridgeshire children and young people in care.

NEW FINANCIAL IMPLICATIONS SINCE LAST REPORTING PERIOD

Unchanged (carried from week ending 26th June 2020).
EXP
	compare "git diff: an edited report in prose" "$tmp/git.exp" "$tmp/git.out"
	git_ commit -qam third
	# git log -p --ext-diff: the same prose from two blobs
	git_ log -p --ext-diff -1 > "$tmp/git.out" 2>&1
	if grep -q 'Grafham Water {+Centre+} to support' "$tmp/git.out"; then ok
	else cp "$tmp/git.out" "$tmp/diff"; bad "git log -p --ext-diff: prose from two blobs"; fi
	# git log -p: textconv, the canonical layout, the section in the hunk header
	git_ log -p -1 > "$tmp/git.out" 2>&1
	if grep -q '^@@ .* @@ == ' "$tmp/git.out" && grep -q '^+  Grafham Water Centre to support' "$tmp/git.out"; then ok
	else cp "$tmp/git.out" "$tmp/diff"; bad "git log -p: textconv"; fi
	# textconv of a file that does not parse: its text as it is
	printf 'title  x\n==\n- a\n' > "$tmp/broken.hlr"
	if "$HLRC" diff --textconv "$tmp/broken.hlr" | cmp -s - "$tmp/broken.hlr"; then ok
	else bad "diff --textconv: a broken file as it is"; fi
	# a version with errors shows its diagnostics; a deleted report is said so
	sed 's/^== challenges/== challengez/' examples/covid-weekly/2020-07-03.hlr > "$g/r/2020-07-03.hlr"
	git_ rm -q r/2020-06-26.hlr
	git_ diff HEAD > "$tmp/git.out" 2>&1
	status=$?
	if [ $status -eq 0 ] && grep -qx 'hlrc diff a/r/2020-06-26.hlr /dev/null' "$tmp/git.out" &&
	   grep -qx 'Report deleted.' "$tmp/git.out" &&
	   grep -q '^b/r/2020-07-03.hlr:21:4: error: .*\[unknown-section\]' "$tmp/git.out"; then ok
	else cp "$tmp/git.out" "$tmp/diff"; bad "git diff: deleted report, errors shown"; fi
	# a series at the top of the repository: a/NAME and b/NAME
	mkdir -p "$g/top"
	cp examples/covid-weekly/*.hlr "$g/top/"
	sed 's/Grafham Water to/Grafham Water Centre to/' examples/covid-weekly/2020-07-03.hlr > "$tmp/new.hlr"
	(cd "$g/top" && "$gh" diff --git 2020-07-03.hlr 2020-07-03.hlr 0 100644 "$tmp/new.hlr" 0 100644) > "$tmp/git.out" 2>&1
	if grep -qx 'hlrc diff a/2020-07-03.hlr b/2020-07-03.hlr' "$tmp/git.out" &&
	   grep -q 'Grafham Water {+Centre+} to' "$tmp/git.out"; then ok
	else cp "$tmp/git.out" "$tmp/diff"; bad "diff --git: a report at the top"; fi
	rm -rf "$g/top"
	# the driver needs git's 7 arguments
	"$HLRC" diff --git a b > /dev/null 2>&1
	[ $? -eq 2 ] && ok || bad "diff --git with 2 arguments: usage error"
	# check --changed: what a commit touched, and the reports depending on it
	git_ reset -q --hard
	c=$g/changed
	mkdir -p "$c/lone"
	cp examples/covid-weekly/series.hlr examples/covid-weekly/2020-06-26.hlr \
	   examples/covid-weekly/2020-07-03.hlr "$c/"
	printf 'title   A\nperiod  month 2020-11\n\n== guidance\n- An item.\n' > "$c/lone/a.hlr"
	cp tests/errors/section-empty.hlr "$c/lone/b.hlr"
	git_ add -A && git_ commit -qm changed
	printf '\n== risks\n' >> "$c/2020-07-03.hlr"
	git_ add -A && git_ commit -qm changed
	# an edit of a report: the next report, which carries from it, is
	# checked too (its warning is shown), though check alone leaves it out
	sed 's/A few placements/Some placements/' "$c/2020-06-26.hlr" > "$tmp/x" && cp "$tmp/x" "$c/2020-06-26.hlr"
	"$HLRC" check --werror "$c/2020-06-26.hlr" > /dev/null 2>&1
	[ $? -eq 0 ] && ok || bad "check: the edited report is fine by itself"
	(cd "$g" && git diff --name-only | xargs "$gh" check --werror --changed) > /dev/null 2> "$tmp/git.out"
	status=$?
	if [ $status -eq 123 ] && grep -q '^changed/2020-07-03.hlr:.*warning: .*\[empty-section\]' "$tmp/git.out"; then ok
	else cp "$tmp/git.out" "$tmp/diff"; bad "check --changed: a report depending on a changed one ($status)"; fi
	git_ checkout -q -- .
	# a deleted report: its folder is checked (the next report lost its previous)
	git_ rm -q changed/2020-06-26.hlr
	(cd "$g" && git diff --cached --name-only | xargs "$gh" check --changed) > /dev/null 2> "$tmp/git.out"
	status=$?
	if [ $status -eq 123 ] && grep -q '^changed/2020-07-03.hlr:.*\[no-previous\]' "$tmp/git.out"; then ok
	else cp "$tmp/git.out" "$tmp/diff"; bad "check --changed: a deleted report's dependents ($status)"; fi
	git_ reset -q --hard
	# a report nothing depends on: only it is checked, not its neighbours
	"$HLRC" check --changed "$c/lone/a.hlr" "$c/README" > "$tmp/git.out" 2>&1
	status=$?
	if [ $status -eq 0 ] && [ ! -s "$tmp/git.out" ]; then ok
	else cp "$tmp/git.out" "$tmp/diff"; bad "check --changed: an independent report alone"; fi
	"$HLRC" check --werror --changed "$c/lone/./b.hlr" > /dev/null 2> "$tmp/git.out"
	[ $? -eq 1 ] && grep -q 'empty-section' "$tmp/git.out" && ok || bad "check --changed: the changed report's warnings"
	# series.hlr: every report of the series; no report among the files: nothing
	"$HLRC" check --changed "$c/series.hlr" Makefile > /dev/null 2>&1 && ok || bad "check --changed series.hlr"
	grep -v '^authority PCC' "$c/series.hlr" > "$tmp/x" && cp "$tmp/x" "$c/series.hlr"
	"$HLRC" check --changed "$c/series.hlr" > /dev/null 2> "$tmp/git.out"
	[ $? -eq 1 ] && grep -q '2020-07-03.hlr:.*\[undeclared-tag\]' "$tmp/git.out" && ok ||
		bad "check --changed: series.hlr loses a tag its reports use"
	"$HLRC" check --changed Makefile > "$tmp/git.out" 2>&1 && [ ! -s "$tmp/git.out" ] && ok || bad "check --changed with no report"
else
	printf 'skip: git not installed, tests/git.sh not run\n'
fi
