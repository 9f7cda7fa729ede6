# The CI kit (sourced from tests/run.sh): the steps of the GitHub Action
# (.github/actions/hlrc/action.yml) and of the GitLab CI template
# (.gitlab/hlrc.gitlab-ci.yml), as their YAML gives them, run on a scratch
# repository of reports; and the pre-commit hooks (.pre-commit-hooks.yaml)
# through `pre-commit try-repo`.
if command -v python3 > /dev/null 2>&1 && python3 -c 'import yaml' 2> /dev/null; then
	ch=$(cd "$(dirname "$HLRC")" && pwd)/$(basename "$HLRC")
	k=$tmp/cikit
	mkdir -p "$k/reports/weekly" "$k/steps"
	cp examples/covid-weekly/*.hlr "$k/reports/weekly/"
	# steps/github.N: the run lines of the action's steps, and their env
	python3 - "$top/.github/actions/hlrc/action.yml" "$k/steps" <<'PY'
import sys, yaml
a = yaml.safe_load(open(sys.argv[1]))
assert a["runs"]["using"] == "composite"
for i, st in enumerate(a["runs"]["steps"]):
    if "run" in st:
        open("%s/github.%d" % (sys.argv[2], i), "w").write(st["run"])
    else:
        assert st["uses"].split("@")[0] in ("github/codeql-action/upload-sarif",
                                            "actions/upload-artifact"), st["uses"]
PY
	[ $? -eq 0 ] && ok || bad "action.yml: composite, steps run or upload"
	# runs the action's step that calls hlrc-ci.sh STEP
	gh_step() {
		for f in "$k"/steps/github.*; do
			grep -q "hlrc-ci.sh\" $1\$" "$f" || continue
			(cd "$k" && GITHUB_ACTION_PATH=$top/.github/actions/hlrc GITHUB_PATH=$k/ghpath \
				HLRC=$ch HLRC_PATHS= HLRC_OUT=hlrc-out sh "$f")
			return
		done
		echo "no step $1" >&2
		return 99
	}
	gh_step check > "$tmp/ci.out" 2> "$tmp/ci.err"
	status=$?
	if [ $status -eq 0 ] && ! grep -q '::error' "$tmp/ci.out" &&
	   grep -q '"version": "2.1.0"' "$k/hlrc-out/hlrc.sarif"; then ok
	else cat "$tmp/ci.out" "$tmp/ci.err" > "$tmp/diff"; bad "action: check on clean reports ($status)"; fi
	gh_step previews > "$tmp/ci.out" 2>&1
	if [ $? -eq 0 ] && [ -f "$k/hlrc-out/previews/reports/weekly/2020-07-03.html" ] &&
	   grep -qx 'reports/weekly/2020-06-26.html' "$tmp/ci.out"; then ok
	else cp "$tmp/ci.out" "$tmp/diff"; bad "action: previews"; fi
	sed 's/^== challenges/== challengez/' examples/covid-weekly/2020-07-03.hlr > "$k/reports/weekly/2020-07-03.hlr"
	gh_step check > "$tmp/ci.out" 2> "$tmp/ci.err"
	status=$?
	if [ $status -eq 1 ] &&
	   grep -q '^::error file=reports/weekly/2020-07-03.hlr,line=21,col=4,.*title=unknown-section::' "$tmp/ci.out" &&
	   grep -qx '::group::hlrc check, with source lines' "$tmp/ci.out" &&
	   grep -q '"ruleId": "unknown-section"' "$k/hlrc-out/hlrc.sarif"; then ok
	else cat "$tmp/ci.out" "$tmp/ci.err" > "$tmp/diff"; bad "action: check on a broken report ($status)"; fi
	# warnings fail with fail-on warning only
	cp examples/covid-weekly/2020-07-03.hlr "$k/reports/weekly/"
	printf '\n== risks\n' >> "$k/reports/weekly/2020-07-03.hlr"
	gh_step check > /dev/null 2>&1 && ok || bad "action: a warning passes by default"
	(cd "$k" && HLRC=$ch HLRC_FAIL_ON=warning sh "$top/.github/actions/hlrc/hlrc-ci.sh" check) > "$tmp/ci.out" 2>&1
	[ $? -eq 1 ] && grep -q '^::warning file=reports/weekly/2020-07-03.hlr' "$tmp/ci.out" && ok ||
		bad "action: fail-on warning"
	grep -q "HLRC_FAIL_ON: \${{ inputs.werror == 'true' && 'warning' || inputs.fail-on }}" \
		.github/actions/hlrc/action.yml && ok || bad "action: werror and fail-on inputs"
	cp examples/covid-weekly/2020-07-03.hlr "$k/reports/weekly/"
	# the GitLab template: its script lines, run as the job would
	python3 - "$top/.gitlab/hlrc.gitlab-ci.yml" > "$k/steps/gitlab" <<'PY'
import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))["hlrc"]
assert job["artifacts"]["reports"]["codequality"] == job["variables"]["HLRC_OUT"] + "/gl-code-quality.json"
assert job["artifacts"]["paths"] == [job["variables"]["HLRC_OUT"] + "/previews/"]
for line in job["script"]:
    print(line)
PY
	[ $? -eq 0 ] && ok || bad "gitlab template: artifacts and script"
	# install and build are the machine's; the others run here
	grep -v -e ' install$' -e ' build$' "$k/steps/gitlab" > "$k/steps/gitlab.run"
	rm -rf "$k/hlrc-out"
	grep ' previews$' "$k/steps/gitlab.run" > "$k/steps/gitlab.previews"
	(cd "$k" && HLRC_SOURCE=$top HLRC=$ch HLRC_PATHS= HLRC_OUT=hlrc-out sh -e "$k/steps/gitlab.previews") > "$tmp/ci.out" 2>&1
	if [ $? -eq 0 ] && [ -s "$k/steps/gitlab.previews" ] && [ -f "$k/hlrc-out/previews/reports/weekly/2020-07-03.html" ]; then ok
	else cp "$tmp/ci.out" "$tmp/diff"; bad "gitlab template: previews"; fi
	if "$HLRC" check --diagnostics=gitlab examples/covid-weekly > /dev/null 2>&1; then
		rm -rf "$k/hlrc-out"
		(cd "$k" && HLRC_SOURCE=$top HLRC=$ch HLRC_PATHS= HLRC_OUT=hlrc-out sh -e "$k/steps/gitlab.run") > "$tmp/ci.out" 2>&1
		if [ $? -eq 0 ] && [ -f "$k/hlrc-out/previews/reports/weekly/2020-07-03.html" ] &&
		   python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == []' "$k/hlrc-out/gl-code-quality.json"; then ok
		else cp "$tmp/ci.out" "$tmp/diff"; bad "gitlab template: clean reports"; fi
		sed 's/^== challenges/== challengez/' examples/covid-weekly/2020-07-03.hlr > "$k/reports/weekly/2020-07-03.hlr"
		(cd "$k" && HLRC_SOURCE=$top HLRC=$ch HLRC_PATHS= HLRC_OUT=hlrc-out sh -e "$k/steps/gitlab.run") > "$tmp/ci.out" 2>&1
		if [ $? -ne 0 ] && grep -q 'unknown-section' "$k/hlrc-out/gl-code-quality.json" &&
		   grep -q '2020-07-03.hlr:21:4: error' "$tmp/ci.out"; then ok
		else cp "$tmp/ci.out" "$tmp/diff"; bad "gitlab template: a broken report"; fi
		cp examples/covid-weekly/2020-07-03.hlr "$k/reports/weekly/"
	else
		"$HLRC" check --diagnostics=gitlab examples/covid-weekly > "$tmp/diff" 2>&1
		bad "gitlab template: hlrc check --diagnostics=gitlab fails on the examples"
	fi
else
	printf 'skip: python3-yaml not installed, CI kit not tested\n'
fi

# pre-commit hooks, with Debian's pre-commit on a scratch repository
if command -v pre-commit > /dev/null 2>&1 && command -v git > /dev/null 2>&1; then
	ch=$(cd "$(dirname "$HLRC")" && pwd)/$(basename "$HLRC")
	p=$tmp/precommit
	mkdir -p "$p/weekly"
	git -C "$p" init -q
	cp examples/covid-weekly/*.hlr "$p/weekly/"
	git -C "$p" add -A
	# try-repo needs a repository: a copy of the hooks file, committed
	pr=$tmp/hooks
	mkdir -p "$pr"
	cp .pre-commit-hooks.yaml "$pr/"
	git -C "$pr" init -q && git -C "$pr" add -A &&
		git -C "$pr" -c user.name=t -c user.email=t@example.org commit -qm hooks
	hook() {
		(cd "$p" && PATH=$(dirname "$ch"):$PATH PRE_COMMIT_HOME=$tmp/pre-commit-home \
			pre-commit try-repo "$pr" "$1" --all-files) > "$tmp/pc.out" 2>&1
	}
	hook hlrc-check && hook hlrc-fmt && ok || { cp "$tmp/pc.out" "$tmp/diff"; bad "pre-commit: hooks pass on clean reports"; }
	sed 's/^== challenges/== challengez/' examples/covid-weekly/2020-07-03.hlr > "$p/weekly/2020-07-03.hlr"
	git -C "$p" add -A
	hook hlrc-check
	[ $? -ne 0 ] && grep -q 'unknown-section' "$tmp/pc.out" && ok || { cp "$tmp/pc.out" "$tmp/diff"; bad "pre-commit: hlrc-check fails on a broken report"; }
	sed 's/^period week ending/period   week ending/' examples/covid-weekly/2020-07-03.hlr > "$p/weekly/2020-07-03.hlr"
	git -C "$p" add -A
	if hook hlrc-check && ! hook hlrc-fmt && grep -q 'weekly/2020-07-03.hlr' "$tmp/pc.out"; then ok
	else cp "$tmp/pc.out" "$tmp/diff"; bad "pre-commit: hlrc-fmt fails on an unformatted report"; fi
else
	printf 'skip: pre-commit not installed, hooks not tested\n'
fi
