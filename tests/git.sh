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
	# the driver needs git's 7 arguments
	"$HLRC" diff --git a b > /dev/null 2>&1
	[ $? -eq 2 ] && ok || bad "diff --git with 2 arguments: usage error"
else
	printf 'skip: git not installed, tests/git.sh not run\n'
fi
