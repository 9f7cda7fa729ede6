/* tests: the library (compiler/hlrc.h) driven in memory, as an editor
 * would drive it:
 *
 *   api [PASSES]
 *
 * PASSES (default 10000) check-and-render passes over examples/covid-weekly
 * with one file's text set from memory on every other pass, alternating two
 * versions; the output must follow the text set (a changed sentence appears
 * and disappears, in its own report and in the next one, which carries the
 * section), and resident memory after the last pass must be within a small
 * bound of what it was after pass 1,000. Then: texts are read from disk once
 * (until hlrc_forget), paths are one file however written, diagnostics come
 * as data and print in every format, a file is checked in its series (a
 * duplicate period held by another file), naming every file of a folder is
 * naming the folder, the authoring calls, and out of memory (a memory
 * limit, at every size up to what the series needs) is an error
 * returned, the workspace still usable and nothing left behind.
 *
 * Run from the top of the repository; prints "N passed, N failed". */
#define _POSIX_C_SOURCE 200809L
#include "compiler/hlrc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

/* AddressSanitizer keeps freed memory in quarantine: resident memory is
 * not the program's there. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

#define SERIES "examples/covid-weekly"
#define OLDER SERIES "/2020-06-26.hlr"
#define NEWER SERIES "/2020-07-03.hlr"
#define SENTENCE "A sentence set from memory by the API test"

static int passed, failed;

static void expect(bool ok, const char *what)
{
	if (ok) {
		passed++;
	} else {
		failed++;
		printf("FAIL: %s\n", what);
	}
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		perror(path);
		exit(2);
	}
	char *s = NULL;
	size_t cap = 0;
	*len = 0;
	for (;;) {
		if (cap - *len < 4096) {
			cap = cap ? cap * 2 : 8192;
			s = realloc(s, cap);
			if (!s)
				exit(2);
		}
		size_t n = fread(s + *len, 1, cap - *len - 1, fp);
		if (!n)
			break;
		*len += n;
	}
	fclose(fp);
	s[*len] = '\0';
	return s;
}

static void spit(const char *path, const char *s)
{
	FILE *fp = fopen(path, "wb");
	if (!fp || fputs(s, fp) < 0 || fclose(fp) != 0) {
		perror(path);
		exit(2);
	}
}

/* Resident memory in kB. */
static long rss_kb(void)
{
	FILE *fp = fopen("/proc/self/statm", "r");
	long size = 0, rss = 0;
	if (fp) {
		if (fscanf(fp, "%ld %ld", &size, &rss) != 2)
			rss = 0;
		fclose(fp);
	}
	return rss * (sysconf(_SC_PAGESIZE) / 1024);
}

static bool has(const hlrc_result *r, size_t i, const char *needle)
{
	const struct hlrc_output *v;
	size_t n = hlrc_result_outputs(r, &v);
	return i < n && strstr(v[i].data, needle) != NULL;
}

/* The text of r's diagnostics in format f. */
static char *printed(const hlrc_result *r, enum hlrc_diag_format f)
{
	hlrc_printer *p = hlrc_printer_new(f);
	if (!p || hlrc_printer_add(p, r) != HLRC_OK || hlrc_printer_end(p) != HLRC_OK)
		exit(2);
	size_t n;
	const char *s = hlrc_printer_take(p, &n);
	char *copy = malloc(n + 1);
	if (!copy)
		exit(2);
	memcpy(copy, s, n);
	copy[n] = '\0';
	hlrc_printer_free(p);
	return copy;
}

static int check1(hlrc_workspace *ws, const char *path, hlrc_result **r)
{
	const char *paths[] = {path};
	return hlrc_check(ws, paths, 1, r);
}

/* The edit loop: check the series, render both reports, every pass. */
static void passes(long n)
{
	size_t alen;
	char *a = slurp(OLDER, &alen);
	/* version b: a finance item more, in the section the newer report
	 * carries ('unchanged') */
	const char *at = strstr(a, "== finance\n\n");
	if (!at)
		exit(2);
	at += strlen("== finance\n\n");
	size_t blen = alen + strlen("- " SENTENCE "\n");
	char *b = malloc(blen + 1);
	if (!b)
		exit(2);
	size_t head = (size_t)(at - a);
	memcpy(b, a, head);
	strcpy(b + head, "- " SENTENCE "\n");
	strcpy(b + head + strlen("- " SENTENCE "\n"), at);

	hlrc_workspace *ws = hlrc_workspace_new();
	const char *dir[] = {SERIES};
	long rss1000 = 0, rss_end = 0;
	bool ok_status = true, ok_follow = true, ok_set = true;
	bool version_b = false;
	for (long pass = 1; pass <= n; pass++) {
		if (pass % 2 == 0) {
			version_b = !version_b;
			ok_set &= hlrc_set_text(ws, OLDER, version_b ? b : a, version_b ? blen : alen) ==
			          HLRC_OK;
		}
		hlrc_result *r;
		ok_status &= hlrc_check(ws, dir, 1, &r) == HLRC_OK && hlrc_result_errors(r) == 0;
		hlrc_result_free(r);
		struct hlrc_render_opts md = {.format = HLRC_FORMAT_MD};
		struct hlrc_render_opts html = {.format = HLRC_FORMAT_HTML, .fragment = 1};
		ok_status &= hlrc_render(ws, NEWER, &md, &r) == HLRC_OK;
		ok_follow &= has(r, 0, SENTENCE) == version_b;
		hlrc_result_free(r);
		ok_status &= hlrc_render(ws, OLDER, &html, &r) == HLRC_OK;
		ok_follow &= has(r, 0, SENTENCE) == version_b;
		hlrc_result_free(r);
		if (pass == 1000)
			rss1000 = rss_kb();
	}
	rss_end = rss_kb();
	expect(ok_set, "hlrc_set_text on every other pass");
	expect(ok_status, "every pass checks and renders without errors");
	expect(ok_follow, "the output follows the text set from memory, carried section too");
	if (n >= 10000 && SANITIZED) {
		printf("skip: resident memory under AddressSanitizer (freed memory is kept)\n");
	} else if (n >= 10000) {
		printf("rss after pass 1000: %ld kB, after pass %ld: %ld kB\n", rss1000, n, rss_end);
		expect(rss_end - rss1000 <= 256, "resident memory stays flat over the passes");
	}
	/* dropping the text reads the disk's again */
	hlrc_set_text(ws, OLDER, b, blen);
	hlrc_drop_text(ws, OLDER);
	hlrc_result *r;
	struct hlrc_render_opts md = {.format = HLRC_FORMAT_MD};
	expect(hlrc_render(ws, NEWER, &md, &r) == HLRC_OK && !has(r, 0, SENTENCE),
	       "hlrc_drop_text: the file's text is the disk's again");
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	free(a);
	free(b);
}

/* Texts are read once: a change on disk is seen only after hlrc_forget;
 * "./d/x.hlr" and "d//x.hlr" are one file. */
static void disk_once(void)
{
	char dir[] = "/tmp/hlrc-api.XXXXXX";
	if (!mkdtemp(dir))
		exit(2);
	char path[128], other[128], series[128];
	snprintf(path, sizeof path, "%s/2020-07-03.hlr", dir);
	snprintf(other, sizeof other, "%s/./2020-07-03.hlr", dir);
	snprintf(series, sizeof series, "%s/series.hlr", dir);
	spit(path, "title T\nperiod week ending 2020-07-03\n\n== guidance\n\nnone\n");
	hlrc_workspace *ws = hlrc_workspace_new();
	hlrc_result *r;
	expect(check1(ws, path, &r) == HLRC_OK, "a lone file checks");
	hlrc_result_free(r);
	spit(path, "title T\nperiod week ending 2020-07-03\n\n== guidanse\n\nnone\n");
	expect(check1(ws, other, &r) == HLRC_OK, "a file is read from disk once, however named");
	hlrc_result_free(r);
	hlrc_forget(ws, path);
	expect(check1(ws, path, &r) == HLRC_FAILED, "hlrc_forget reads the file again");
	const struct hlrc_diagnostic *v;
	size_t n = hlrc_result_diagnostics(r, &v);
	expect(n == 1 && v[0].severity == HLRC_ERROR && v[0].code &&
	       !strcmp(v[0].code, "unknown-section") && v[0].line == 4 && v[0].column == 4 &&
	       v[0].end_line == 4 && v[0].end_column == 12 && !strcmp(v[0].path, path) &&
	       v[0].source_line_len == strlen("== guidanse") && v[0].span_start == 3 &&
	       v[0].span_end == 11 && strstr(v[0].message, "guidanse"),
	       "a diagnostic as data: severity, code, path, line, column, end, the line");
	char *gcc = printed(r, HLRC_DIAG_GCC);
	expect(strstr(gcc, ":4:4: error: ") && strstr(gcc, "[unknown-section]\n == guidanse\n    ^~~~~~~~\n"),
	       "gcc format: the line and a caret under the span");
	free(gcc);
	char *json = printed(r, HLRC_DIAG_JSON);
	expect(strstr(json, "\"line\": 4, \"column\": 4, \"end_line\": 4, \"end_column\": 12") &&
	       strstr(json, "\"code\": \"unknown-section\""), "json format");
	free(json);
	char *sarif = printed(r, HLRC_DIAG_SARIF);
	expect(strstr(sarif, "\"version\": \"2.1.0\"") && strstr(sarif, "\"ruleId\": \"unknown-section\""),
	       "sarif format");
	free(sarif);
	char *gh = printed(r, HLRC_DIAG_GITHUB);
	expect(!strncmp(gh, "::error file=", 13) && strstr(gh, ",line=4,col=4,endColumn=12,"),
	       "github format");
	free(gh);
	hlrc_result_free(r);

	/* an unsaved series file makes the folder a series: a second report
	 * for the same period, held by another file, is the named file's */
	char second[128];
	snprintf(second, sizeof second, "%s/second.hlr", dir);
	hlrc_forget(ws, path);
	spit(path, "title T\nperiod week ending 2020-07-03\n\n== guidance\n\nnone\n");
	hlrc_forget(ws, path);
	hlrc_set_text(ws, series, "title T\ncadence weekly\n", 22);
	hlrc_set_text(ws, second, "period week ending 2020-07-03\n\n== guidance\n\nnone\n", 49);
	expect(check1(ws, path, &r) == HLRC_FAILED, "a file is checked in its series");
	n = hlrc_result_diagnostics(r, &v);
	expect(n == 1 && !strcmp(v[0].code, "duplicate-period") && !strcmp(v[0].path, second) &&
	       v[0].nnotes == 1 && !strcmp(v[0].notes[0].path, path),
	       "the duplicate period another file holds is reported for the file");
	hlrc_result_free(r);
	const char *both[] = {second, path};
	const char *folder[] = {dir};
	hlrc_result *rf;
	int rc1 = hlrc_check(ws, both, 2, &r), rc2 = hlrc_check(ws, folder, 1, &rf);
	expect(rc1 == HLRC_FAILED && rc2 == HLRC_FAILED, "checking the files and the folder");
	char *a = printed(r, HLRC_DIAG_GCC), *b = printed(rf, HLRC_DIAG_GCC);
	expect(!strcmp(a, b) && hlrc_result_errors(r) == 1,
	       "naming every file of a folder gives the folder's diagnostics, once");
	free(a);
	free(b);
	hlrc_result_free(r);
	hlrc_result_free(rf);
	/* the edit that fixes it: the series is resolved again from the
	 * cached texts, not from disk (a change there is not seen) */
	spit(path, "title T\nperiod week ending 2020-07-03\n\n== guidanse\n\nnone\n");
	hlrc_set_text(ws, second, "period week ending 2020-07-10\n\n== guidance\n\nunchanged\n", 51);
	expect(check1(ws, path, &r) == HLRC_OK && hlrc_result_diagnostics(r, &v) == 0,
	       "an edit from memory re-resolves the series from the cached texts");
	hlrc_result_free(r);
	spit(path, "title T\nperiod week ending 2020-07-03\n\n== guidance\n\nnone\n");

	/* the authoring calls */
	expect(hlrc_new(ws, dir, NULL, &r) == HLRC_OK, "hlrc_new");
	const struct hlrc_output *o;
	char want[160];
	snprintf(want, sizeof want, "%s/2020-07-17.hlr", dir);
	expect(hlrc_result_outputs(r, &o) == 1 && !strcmp(o->name, want) &&
	       strstr(o->data, "period week ending 2020-07-17\n") && strstr(o->data, "unchanged"),
	       "hlrc_new: the next report's path and text");
	hlrc_result_free(r);
	expect(hlrc_new(ws, dir, "month 2020-13", &r) == HLRC_BADARG, "hlrc_new: a bad period");
	hlrc_result_free(r);
	/* a new series: two outputs, nothing written; a profile's sections */
	char idir[200], iwant[2][240];
	snprintf(idir, sizeof idir, "%s/started", dir);
	snprintf(iwant[0], sizeof iwant[0], "%s/series.hlr", idir);
	snprintf(iwant[1], sizeof iwant[1], "%s/2018-02-20.hlr", idir);
	expect(hlrc_init(ws, idir, "prince2", "fortnight ending 2018-02-20", NULL, &r) == HLRC_OK &&
	       hlrc_result_outputs(r, &o) == 2 && !strcmp(o[0].name, iwant[0]) &&
	       !strcmp(o[1].name, iwant[1]) && strstr(o[0].data, "\nprofile prince2\n") &&
	       strstr(o[1].data, "\n== lessons\n\nnone\n"),
	       "hlrc_init: a series file and a first report with the profile's sections");
	hlrc_result_free(r);
	expect(hlrc_init(ws, idir, "council", NULL, "2020-07-03", &r) == HLRC_OK &&
	       hlrc_result_outputs(r, &o) == 2 && strstr(o[1].name, "/2020-07-03.hlr") &&
	       strstr(o[1].data, "period week ending 2020-07-03\n"),
	       "hlrc_init: the council's weekly period ending today");
	hlrc_result_free(r);
	expect(hlrc_init(ws, idir, "prince3", NULL, "2020-07-03", &r) == HLRC_BADARG &&
	       hlrc_result_outputs(r, &o) == 0, "hlrc_init: an unknown profile");
	hlrc_result_free(r);
	expect(hlrc_init(ws, dir, "council", NULL, "2020-07-03", &r) == HLRC_FAILED,
	       "hlrc_init: never over a series");
	hlrc_result_free(r);
	expect(hlrc_diff(ws, NULL, second, 1, &r) == HLRC_OK && hlrc_result_outputs(r, &o) == 1 &&
	       strstr(o->data, "Changes from"), "hlrc_diff with the previous report");
	hlrc_result_free(r);
	hlrc_set_text(ws, second, "period   week ending 2020-07-10\n== guidance\nunchanged\n", 53);
	expect(hlrc_fmt(ws, second, &r) == HLRC_OK && hlrc_result_outputs(r, &o) == 1 &&
	       o->changed && !strcmp(o->data, "period week ending 2020-07-10\n\n== guidance\n\nunchanged\n"),
	       "hlrc_fmt of a text set from memory");
	hlrc_result_free(r);
	expect(hlrc_site(ws, dir, &r) == HLRC_OK && hlrc_result_outputs(r, &o) == 3 &&
	       !strcmp(o[2].name, "index.html"), "hlrc_site: a page per report and the index");
	hlrc_result_free(r);
	expect(hlrc_reports(ws, dir, &r) == HLRC_OK && hlrc_result_outputs(r, &o) == 2 &&
	       !strcmp(o[0].name, path) && !strcmp(o[1].data, "second"),
	       "hlrc_reports: the reports in period order");
	hlrc_result_free(r);
	struct hlrc_render_opts ro = {.format = HLRC_FORMAT_MD};
	expect(hlrc_render(ws, dir, &ro, &r) == HLRC_OK && hlrc_result_outputs(r, &o) == 2 &&
	       !strcmp(o[1].name, "second.md") && o[1].ndeps >= 3 && !strcmp(o[1].deps[0], second),
	       "hlrc_render of a folder: outputs with their dependencies");
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	unlink(path);
	rmdir(dir);
}

/* Out of memory is an error returned, and the workspace stays usable. */
static void out_of_memory(void)
{
	hlrc_workspace *ws = hlrc_workspace_new();
	const char *dir[] = {SERIES};
	hlrc_result *r;
	struct hlrc_render_opts md = {.format = HLRC_FORMAT_MD};
	expect(hlrc_render(ws, NEWER, &md, &r) == HLRC_OK, "a render before the limit");
	const struct hlrc_output *o;
	hlrc_result_outputs(r, &o);
	char *want = strdup(o->data);
	hlrc_result_free(r);
	/* a change, so the next call builds the series again, under a limit
	 * too small for its first block */
	hlrc_set_text(ws, OLDER, "period week ending 2020-06-26\n", 30);
	hlrc_workspace_set_memory_limit(ws, 1024);
	r = (hlrc_result *)1;
	expect(hlrc_check(ws, dir, 1, &r) == HLRC_NOMEM && r == NULL,
	       "out of memory: HLRC_NOMEM and no result");
	expect(hlrc_render(ws, NEWER, &md, &r) == HLRC_NOMEM, "out of memory again: HLRC_NOMEM");
	hlrc_workspace_set_memory_limit(ws, 0);
	hlrc_drop_text(ws, OLDER);
	expect(hlrc_render(ws, NEWER, &md, &r) == HLRC_OK && hlrc_result_outputs(r, &o) == 1 &&
	       !strcmp(o->data, want), "after out of memory the workspace works as before");
	hlrc_result_free(r);
	/* a limit at every size up to what building the series needs:
	 * each check fails whole or works, and a render without the
	 * limit gives the same output (a limit is not set for the
	 * render: the emitters' buffers are malloc'd, and out of memory
	 * among them leaves them behind, as hlrc.h says) */
	bool ok = true;
	int fails = 0;
	for (size_t limit = 512; limit < 96 * 1024; limit += 512) {
		hlrc_set_text(ws, OLDER, "period week ending 2020-06-26\n", 30);
		hlrc_drop_text(ws, OLDER);
		hlrc_workspace_set_memory_limit(ws, limit);
		int rc = hlrc_check(ws, dir, 1, &r);
		ok &= rc == HLRC_NOMEM || (rc == HLRC_OK && hlrc_result_errors(r) == 0);
		fails += rc == HLRC_NOMEM;
		if (rc == HLRC_OK)
			hlrc_result_free(r);
		hlrc_workspace_set_memory_limit(ws, 0);
		ok &= hlrc_render(ws, NEWER, &md, &r) == HLRC_OK && hlrc_result_outputs(r, &o) == 1 &&
		      !strcmp(o->data, want);
		hlrc_result_free(r);
	}
	expect(ok && fails > 0, "a sweep of memory limits: each call fails whole or works");
	free(want);
	hlrc_workspace_free(ws);
}

/* The fix-its of a diagnostic of text (a lone file from memory) with the
 * given code: returns the count, sets *f to the first. */
static size_t fixits_of(hlrc_workspace *ws, const char *text, const char *code,
                        hlrc_result **r, const struct hlrc_fixit **f)
{
	hlrc_set_text(ws, "fixit.hlr", text, strlen(text));
	const char *path = "fixit.hlr";
	*f = NULL;
	if (hlrc_check(ws, &path, 1, r) == HLRC_NOMEM)
		return 0;
	const struct hlrc_diagnostic *v;
	size_t n = hlrc_result_diagnostics(*r, &v);
	for (size_t i = 0; i < n; i++)
		if (v[i].code && !strcmp(v[i].code, code)) {
			*f = v[i].fixits;
			return v[i].nfixits;
		}
	return 0;
}

/* Fix-its: an unknown section keyword with one certain did-you-mean has an
 * edit to it; one with none or a doubtful one has none. */
static void fixits(void)
{
	hlrc_workspace *ws = hlrc_workspace_new();
	hlrc_result *r;
	const struct hlrc_fixit *f;
	size_t n = fixits_of(ws, "title T\nperiod week ending 2020-07-03\n\n== guidence\n\n- a\n",
	                     "unknown-section", &r, &f);
	expect(n == 1 && f->start == 42 && f->end == 50 && f->line == 4 && f->column == 4 &&
	       f->end_line == 4 && f->end_column == 12 && !strcmp(f->replacement, "guidance") &&
	       f->replacement_len == 8, "fix-it: 'guidence' becomes 'guidance'");
	hlrc_result_free(r);
	/* a keyword in capitals is a heading written as a keyword */
	n = fixits_of(ws, "title T\nperiod week ending 2020-07-03\n\n== Risks\n\n- a\n",
	              "heading-line", &r, &f);
	expect(n == 1 && !strcmp(f->replacement, "risks"), "fix-it: 'Risks' becomes 'risks'");
	hlrc_result_free(r);
	/* 'fin' is only a prefix of 'finance': suggested, not fixed */
	n = fixits_of(ws, "title T\nperiod week ending 2020-07-03\n\n== fin\n\n- a\n",
	              "unknown-section", &r, &f);
	expect(n == 0, "no fix-it for a prefix guess");
	hlrc_result_free(r);
	/* 'risk' is near both 'risks' and a declared 'disk' */
	n = fixits_of(ws, "title T\nperiod week ending 2020-07-03\nsection disk Disks\n\n"
	              "== risk\n\n- a\n", "unknown-section", &r, &f);
	expect(n == 0, "no fix-it when two keywords are as near");
	hlrc_result_free(r);
	/* hlrc_fix: the fixed text as an output, nothing left, and the
	 * workspace's text as it was */
	const char *text = "title T\nperiod week ending 2020-07-03\n\n== guidence\n\n- a\n";
	hlrc_set_text(ws, "fixit.hlr", text, strlen(text));
	const char *path = "fixit.hlr";
	const struct hlrc_output *o;
	expect(hlrc_fix(ws, &path, 1, &r) == HLRC_OK && hlrc_result_errors(r) == 0 &&
	       hlrc_result_outputs(r, &o) == 1 && o->changed && !strcmp(o->name, "fixit.hlr") &&
	       !strcmp(o->data, "title T\nperiod week ending 2020-07-03\n\n== guidance\n\n- a\n"),
	       "hlrc_fix: the fixed text");
	hlrc_result_free(r);
	expect(hlrc_check(ws, &path, 1, &r) == HLRC_FAILED && hlrc_result_errors(r) == 1,
	       "hlrc_fix leaves the workspace's text as it was");
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
}

/* The queries an editor asks (hlrc_outline, hlrc_symbol_at, ...): byte
 * offsets into hlrc_text, across the series, and out of memory returned. */
static size_t offset_of(const char *text, const char *needle)
{
	const char *p = strstr(text, needle);
	return p ? (size_t)(p - text) : 0;
}

static void queries(void)
{
	hlrc_workspace *ws = hlrc_workspace_new();
	hlrc_symbols *q;
	const struct hlrc_symbol *v;
	size_t len, n;
	const char *text = hlrc_text(ws, NEWER, &len);
	expect(text && len > 0 && !strncmp(text, "# Weekly", 8), "hlrc_text: the file's text");
	size_t at = offset_of(text, "^previous#ppe") + 12;
	expect(hlrc_symbol_at(ws, NEWER, at, &q) == HLRC_OK, "hlrc_symbol_at");
	n = hlrc_symbols_get(q, &v);
	expect(n == 2 && v[0].kind == HLRC_SYMBOL_REFERENCE &&
	       !strcmp(v[0].name, "previous#ppe-guidance-released") && v[1].kind == HLRC_SYMBOL_ITEM &&
	       !strcmp(v[1].name, "ppe-guidance-released") && !strcmp(v[1].path, OLDER) &&
	       !strcmp(v[1].period, "week ending 2020-06-26"),
	       "a reference and the item it points to in the previous report");
	size_t id_at = v[1].name_start;
	hlrc_symbols_free(q);
	expect(hlrc_references(ws, OLDER, id_at, &q) == HLRC_OK, "hlrc_references");
	n = hlrc_symbols_get(q, &v);
	const char *old = hlrc_text(ws, OLDER, &len);
	expect(n == 2 && v[0].kind == HLRC_SYMBOL_ID && !strcmp(v[0].path, OLDER) &&
	       !strncmp(old + v[0].name_start, "ppe-guidance-released}", 22) &&
	       v[1].kind == HLRC_SYMBOL_REFERENCE && !strcmp(v[1].path, NEWER) &&
	       v[1].name_start == at - 2 && v[1].name_end == at + 19,
	       "the id, then its reference in the later report");
	hlrc_symbols_free(q);
	text = hlrc_text(ws, NEWER, &len);
	expect(hlrc_complete(ws, NEWER, offset_of(text, "== guidance") + 3, &q) == HLRC_OK,
	       "hlrc_complete");
	n = hlrc_symbols_get(q, &v);
	expect(n > 5 && v[0].kind == HLRC_SYMBOL_KEYWORD && !strcmp(v[0].name, "guidance") &&
	       !strcmp(v[0].detail, "NEW GUIDANCE AND IMPACT"), "section keywords with headings");
	hlrc_symbols_free(q);
	expect(hlrc_outline(ws, NEWER, &q) == HLRC_OK, "hlrc_outline");
	n = hlrc_symbols_get(q, &v);
	bool nested = false;
	for (size_t i = 0; i < n; i++)
		nested |= v[i].kind == HLRC_SYMBOL_ITEM && v[i].parent >= 0 &&
		          v[v[i].parent].kind == HLRC_SYMBOL_SECTION;
	expect(n > 10 && nested, "an outline with items under their sections");
	hlrc_symbols_free(q);
	expect(hlrc_series_symbols(ws, NEWER, &q) == HLRC_OK && hlrc_symbols_get(q, &v) > 2 &&
	       v[0].kind == HLRC_SYMBOL_REPORT && !strcmp(v[0].name, "2020-06-26"),
	       "hlrc_series_symbols: the reports in period order");
	hlrc_symbols_free(q);
	/* out of memory: HLRC_NOMEM, no list, and the workspace still works */
	hlrc_set_text(ws, NEWER, "period week ending 2020-07-03\n", 30);
	hlrc_workspace_set_memory_limit(ws, 1024);
	q = (hlrc_symbols *)1;
	expect(hlrc_outline(ws, NEWER, &q) == HLRC_NOMEM && q == NULL, "a query out of memory");
	hlrc_workspace_set_memory_limit(ws, 0);
	expect(hlrc_outline(ws, NEWER, &q) == HLRC_OK && hlrc_symbols_get(q, &v) == 1 &&
	       v[0].kind == HLRC_SYMBOL_FIELD, "and after it");
	hlrc_symbols_free(q);
	hlrc_workspace_free(ws);
}

/* --- the latest report built again alone ------------------------------- */

/* What a workspace gives for dir: the diagnostics of checking it, and the
 * latest report and the one before it rendered, as one text. */
static char *everything(hlrc_workspace *ws, const char *dir, const char *latest,
                        const char *before)
{
	struct hlr_out {
		char *s;
		size_t n;
	} o = {NULL, 0};
	FILE *f = open_memstream(&o.s, &o.n);
	if (!f)
		exit(2);
	hlrc_result *r;
	const char *dirs[] = {dir};
	int rc = hlrc_check(ws, dirs, 1, &r);
	char *p = printed(r, HLRC_DIAG_GCC);
	fprintf(f, "check %d\n%s", rc, p);
	free(p);
	hlrc_result_free(r);
	const char *files[] = {latest, before};
	enum hlrc_format fmts[] = {HLRC_FORMAT_MD, HLRC_FORMAT_JSON, HLRC_FORMAT_HTML};
	for (size_t i = 0; i < 2; i++)
		for (size_t k = 0; k < 3; k++) {
			struct hlrc_render_opts ro = {.format = fmts[k], .fragment = 1};
			rc = hlrc_render(ws, files[i], &ro, &r);
			const struct hlrc_output *v;
			size_t n = hlrc_result_outputs(r, &v);
			fprintf(f, "render %s %zu: %d\n", files[i], k, rc);
			for (size_t j = 0; j < n; j++)
				fwrite(v[j].data, 1, v[j].len, f);
			p = printed(r, HLRC_DIAG_GCC);
			fputs(p, f);
			free(p);
			hlrc_result_free(r);
		}
	fclose(f);
	return o.s;
}

/* The text of t changed at random: a line deleted, doubled, swapped with
 * the next, or a byte replaced by one that means something in a report. */
static char *mutate(const char *t, size_t len, unsigned *seed, size_t *out)
{
	static const char bytes[] = " -=#@^{}:|\n0aZ*`[]()";
	char *m = malloc(len * 2 + 64);
	if (!m)
		exit(2);
	memcpy(m, t, len);
	size_t n = len;
	unsigned edits = 1 + (*seed = *seed * 1103515245u + 12345u) % 3;
	while (edits--) {
		*seed = *seed * 1103515245u + 12345u;
		unsigned what = (*seed >> 16) % 5;
		*seed = *seed * 1103515245u + 12345u;
		size_t at = n ? (*seed >> 8) % n : 0;
		size_t ls = at, le = at;
		while (ls > 0 && m[ls - 1] != '\n')
			ls--;
		while (le < n && m[le] != '\n')
			le++;
		if (le < n)
			le++;
		if (what == 0 && n) { /* delete the line */
			memmove(m + ls, m + le, n - le);
			n -= le - ls;
		} else if (what == 1 && le - ls + n <= len * 2) { /* double it */
			memmove(m + le, m + ls, n - ls);
			n += le - ls;
		} else if (what == 2 && le < n) { /* swap it with the next */
			size_t ne = le;
			while (ne < n && m[ne] != '\n')
				ne++;
			if (ne < n)
				ne++;
			char tmp[4096];
			size_t a = le - ls;
			if (a <= sizeof tmp) {
				memcpy(tmp, m + ls, a);
				memmove(m + ls, m + le, ne - le);
				memcpy(m + ls + (ne - le), tmp, a);
			}
		} else if (n) { /* a byte */
			m[at] = bytes[(*seed >> 4) % (sizeof bytes - 1)];
		}
	}
	m[n] = '\0';
	*out = n;
	return m;
}

/* A series whose latest report is edited over and over (the editor's
 * case: the library builds that report again alone) gives what a new
 * workspace gives, for every series under examples/ and tests/series/. */
static void latest_alone(int rounds)
{
	const char *roots[] = {"examples", "tests/series"};
	size_t series = 0, cases = 0, same = 0;
	char first_diff[1024] = "";
	for (size_t ri = 0; ri < 2; ri++) {
		DIR *dd = opendir(roots[ri]);
		if (!dd)
			exit(2);
		struct dirent *e;
		char **names = NULL;
		size_t nn = 0;
		while ((e = readdir(dd))) {
			if (e->d_name[0] == '.')
				continue;
			names = realloc(names, (nn + 1) * sizeof *names);
			names[nn++] = strdup(e->d_name);
		}
		closedir(dd);
		for (size_t di = 0; di < nn; di++) {
			char dir[512], sf[600];
			snprintf(dir, sizeof dir, "%s/%s", roots[ri], names[di]);
			snprintf(sf, sizeof sf, "%s/series.hlr", dir);
			free(names[di]);
			if (access(sf, R_OK))
				continue;
			/* the reports in period order: the last two */
			hlrc_workspace *ws = hlrc_workspace_new();
			hlrc_symbols *q;
			if (hlrc_series_symbols(ws, sf, &q) != HLRC_OK)
				exit(2);
			const struct hlrc_symbol *v;
			size_t nq = hlrc_symbols_get(q, &v);
			const char *rep[2] = {NULL, NULL};
			for (size_t i = 0; i < nq; i++)
				if (v[i].kind == HLRC_SYMBOL_REPORT && v[i].path &&
				    !strstr(v[i].path, "series.hlr")) {
					rep[0] = rep[1];
					rep[1] = v[i].path;
				}
			if (!rep[0]) {
				hlrc_symbols_free(q);
				hlrc_workspace_free(ws);
				continue;
			}
			char latest[600], before[600];
			snprintf(latest, sizeof latest, "%s", rep[1]);
			snprintf(before, sizeof before, "%s", rep[0]);
			hlrc_symbols_free(q);
			series++;
			size_t len;
			char *orig = slurp(latest, &len);
			unsigned seed = 1u + (unsigned)series;
			free(everything(ws, dir, latest, before)); /* built whole once */
			for (int k = 0; k < rounds; k++) {
				size_t mlen;
				char *m = k == rounds - 1 ? strdup(orig) : mutate(orig, len, &seed, &mlen);
				if (k == rounds - 1)
					mlen = len;
				hlrc_set_text(ws, latest, m, mlen);
				char *inc = everything(ws, dir, latest, before);
				hlrc_workspace *fresh = hlrc_workspace_new();
				hlrc_set_text(fresh, latest, m, mlen);
				char *whole = everything(fresh, dir, latest, before);
				hlrc_workspace_free(fresh);
				cases++;
				if (!strcmp(inc, whole))
					same++;
				else if (!first_diff[0]) {
					spit("/tmp/hlrc-api-latest.hlr", m);
					spit("/tmp/hlrc-api-latest.inc", inc);
					spit("/tmp/hlrc-api-latest.whole", whole);
					snprintf(first_diff, sizeof first_diff,
					         "%s, edit %d (text in /tmp/hlrc-api-latest.hlr, outputs "
					         "in .inc and .whole)", latest, k);
				}
				free(inc);
				free(whole);
				free(m);
			}
			free(orig);
			hlrc_workspace_free(ws);
		}
		free(names);
	}
	printf("latest report edited: %zu series, %zu edits, %zu the same as a new workspace%s%s\n",
	       series, cases, same, first_diff[0] ? "; first difference: " : "", first_diff);
	expect(series >= 10 && same == cases,
	       "editing the latest report gives what a new workspace gives");
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10000;
	passes(n);
	disk_once();
	out_of_memory();
	fixits();
	queries();
	latest_alone(n >= 10000 ? 60 : 20);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
