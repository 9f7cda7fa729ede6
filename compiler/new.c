/* compiler: hlrc new (authoring tools, CLI). Starts the next report of a
 * series from its latest one:
 *
 *   - the header fields the latest report sets itself (the series file
 *     supplies the rest), with the period advanced by the series' cadence
 *     (or given with --period); a 'previous' line is left out, since the
 *     order of the series makes the latest report the previous one;
 *   - every part and section of the latest report, in its order, with its
 *     heading override and id, each holding one line, 'unchanged', so the
 *     author edits only what changed ('unchanged' carries a 'none' too);
 *   - comments are not carried: they were notes on that period.
 *
 * The file is named after its period (2020-07-10.hlr, 2020-11.hlr,
 * 2020-Q3.hlr), is checked with the whole series before it is written, and
 * never replaces an existing file: it is written to a temporary file and
 * linked into place, which fails if the name has been taken. */
#define _POSIX_C_SOURCE 200809L
#include "compiler/tools.h"
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/parse.h"
#include "compiler/resolve.h"
#include "compiler/series.h"
#include "runtime/buf.h"
#include "runtime/outfile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_INTERNAL = 70 };

static const char new_usage_text[] = "usage: hlrc new [--period PERIOD] [SERIES_DIR]\n";

static const char new_help_text[] =
	"Writes the next report of the series in SERIES_DIR (default: the current\n"
	"folder) from its latest report: the same header fields, the period advanced\n"
	"by the series' cadence, and every section 'unchanged'. Prints the file's\n"
	"name; never replaces an existing file.\n"
	"\n"
	"  --period PERIOD  the period of the new report, written as in a header:\n"
	"                   'week ending 2020-07-10', 'fortnight ending 2020-07-17',\n"
	"                   'month 2020-12' or 'quarter 2021-Q1'\n"
	"\n"
	"See docs/tools.md.\n";

static int new_usage(const char *fmt, const char *arg)
{
	fputs("hlrc: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(new_usage_text, stderr);
	return EXIT_USAGE;
}

/* The sources of the .hlr files of dir, in name order (as hlr_series_load
 * reads them); NULL entries for files that cannot be read. */
static struct hlr_source **folder_sources(struct hlr_arena *a, struct hlr_diags *d,
                                          const char *dir, size_t *n)
{
	char **names = hlr_series_list(a, d, dir, n);
	if (!names)
		return NULL;
	/* one spare slot for the new report */
	struct hlr_source **srcs = hlr_arena_alloc(a, (*n + 1) * sizeof *srcs);
	for (size_t i = 0; i < *n; i++)
		srcs[i] = hlr_source_load(a, d, hlr_path_join(a, dir, names[i]));
	return srcs;
}


/* The period as a header writes it ("week ending 2020-07-10") into value,
 * and the report's file name without ".hlr" ("2020-07-10") into name. */
static void period_text(const struct hlr_period *p, char value[48], char name[32])
{
	char iso[11];
	hlr_date_format_iso(p->end, iso);
	switch (p->kind) {
	case HLR_PERIOD_WEEK:
	case HLR_PERIOD_FORTNIGHT:
		snprintf(value, 48, "%s ending %s", p->kind == HLR_PERIOD_WEEK ? "week" : "fortnight", iso);
		snprintf(name, 32, "%s", iso);
		break;
	case HLR_PERIOD_MONTH:
		snprintf(name, 32, "%.7s", iso);
		snprintf(value, 48, "month %s", name);
		break;
	case HLR_PERIOD_QUARTER:
		snprintf(name, 32, "%04d-Q%d", p->end.year, (p->end.month - 1) / 3 + 1);
		snprintf(value, 48, "quarter %s", name);
		break;
	}
}

static bool is_field(const struct hlr_node *n, const char *name)
{
	return n->kind == HLR_NODE_FIELD && hlr_span_eq(n->src, n->key, name);
}

static void put_span(struct hlr_buf *b, const struct hlr_node *n, struct hlr_span s)
{
	hlr_buf_put(b, hlr_span_ptr(n->src, s), hlr_span_len(s));
}

/* A node's text or heading (t), its lines joined with line ends. */
static void put_text(struct hlr_buf *b, struct hlr_arena *a, const struct hlr_text *t)
{
	(void)a;
	for (unsigned i = 0; i < t->nsegs; i++) {
		if (i)
			hlr_buf_putc(b, '\n');
		hlr_buf_put(b, t->src_data + t->segs[i].src, t->segs[i].len);
	}
}

/* The header: latest's own fields, aligned as hlrc fmt aligns them, the
 * period replaced and 'previous' left out. */
static void put_header(struct hlr_buf *b, struct hlr_arena *a, const struct hlr_report *latest,
                       const char *period)
{
	size_t width = 0;
	for (const struct hlr_node *n = latest->root->first; n; n = n->next)
		if (n->kind == HLR_NODE_FIELD && !is_field(n, "previous") &&
		    hlr_span_len(n->key) > width)
			width = hlr_span_len(n->key);
	for (const struct hlr_node *n = latest->root->first; n; n = n->next) {
		if (n->kind != HLR_NODE_FIELD || is_field(n, "previous"))
			continue;
		put_span(b, n, n->key);
		for (size_t i = hlr_span_len(n->key); i <= width; i++)
			hlr_buf_putc(b, ' ');
		if (is_field(n, "period"))
			hlr_buf_puts(b, period);
		else
			put_text(b, a, &n->text);
		hlr_buf_putc(b, '\n');
	}
}

static void put_section(struct hlr_buf *b, struct hlr_arena *a, const struct hlr_node *s)
{
	hlr_buf_puts(b, "\n== ");
	put_span(b, s, s->key);
	if (s->heading.len) {
		hlr_buf_puts(b, ": ");
		put_text(b, a, &s->heading);
	}
	if (!hlr_span_empty(s->id)) {
		hlr_buf_puts(b, " {#");
		put_span(b, s, s->id);
		hlr_buf_putc(b, '}');
	}
	hlr_buf_puts(b, "\n\nunchanged\n");
}

/* The new report's text. */
static void new_report(struct hlr_buf *b, struct hlr_arena *a, const struct hlr_report *latest,
                       const char *period)
{
	put_header(b, a, latest, period);
	for (const struct hlr_node *n = latest->root->first; n; n = n->next) {
		if (n->kind == HLR_NODE_SECTION) {
			put_section(b, a, n);
		} else if (n->kind == HLR_NODE_PART) {
			hlr_buf_puts(b, n->text.len ? "\n= " : "\n=");
			put_text(b, a, &n->text);
			hlr_buf_putc(b, '\n');
			for (const struct hlr_node *s = n->first; s; s = s->next)
				if (s->kind == HLR_NODE_SECTION)
					put_section(b, a, s);
		}
	}
}

/* Writes b to path, which must not exist: to a temporary file first, then
 * linked to path, which fails when path has been taken meanwhile. Returns
 * 0, or -1 with errno set (EEXIST when path exists). */
static int write_exclusive(const char *path, const struct hlr_buf *b)
{
	struct stat st;
	if (lstat(path, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	struct hlr_outfile out;
	if (hlr_outfile_open(&out, path) != 0)
		return -1;
	if (fwrite(b->data, 1, b->len, out.fp) != b->len || fflush(out.fp) != 0 ||
	    fsync(fileno(out.fp)) != 0) {
		int e = errno;
		hlr_outfile_abort(&out);
		errno = e;
		return -1;
	}
	if (link(out.tmp_path, path) == 0) {
		hlr_outfile_abort(&out); /* removes the temporary name only */
		return 0;
	}
	if (errno == EEXIST) {
		hlr_outfile_abort(&out);
		errno = EEXIST;
		return -1;
	}
	/* a file system without hard links: the name was free a moment ago */
	if (lstat(path, &st) == 0) {
		hlr_outfile_abort(&out);
		errno = EEXIST;
		return -1;
	}
	return hlr_outfile_commit(&out);
}

/* The latest report of s that has a period, or NULL. */
static struct hlr_report *latest_report(const struct hlr_series *s)
{
	for (size_t i = s->n; i-- > 0;)
		if (s->reports[i]->has_period)
			return s->reports[i];
	return NULL;
}

/* Checks the new report text with the whole series; prints what is found.
 * Returns 0, or EXIT_INTERNAL when the text does not compile. */
static int check_new(struct hlr_arena *a, struct hlr_diags *d, const char *dir,
                     struct hlr_source **srcs, size_t n, const char *path, const char *name,
                     const struct hlr_buf *text)
{
	srcs[n] = hlr_source_from_memory(a, d, path, text->data, text->len);
	struct hlr_diags d2;
	hlr_diags_init(&d2, a);
	struct hlr_series *s = srcs[n] ? hlr_series_build(a, &d2, dir, srcs, n + 1) : NULL;
	struct hlr_report *r = s ? hlr_series_find(s, name, strlen(name)) : NULL;
	if (r) {
		const struct hlr_source **deps;
		size_t nd = hlr_report_deps(r, a, &deps);
		hlr_diags_keep(&d2, deps, nd);
	}
	int status = !r || d2.errors ? EXIT_INTERNAL : 0;
	if (status)
		fprintf(stderr, "%s: internal error: the new report does not compile; nothing was "
		                "written (please report this with the series)\n", path);
	hlr_diags_print(&d2, stderr);
	return status;
}

/* Makes the report; returns the exit status. */
static int make_new(struct hlr_arena *a, struct hlr_diags *d, const char *dir,
                    const struct hlr_period *given)
{
	if (!hlr_series_is(dir)) {
		struct stat st;
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			hlr_diag_file(d, HLR_ERROR, HLR_C_CANNOT_READ, dir, "cannot read folder: %s",
			              stat(dir, &st) != 0 ? strerror(errno) : "not a folder");
		else
			hlr_diag_file(d, HLR_ERROR, HLR_C_NOT_SERIES, dir,
			              "not a series folder: it has no %s", HLR_SERIES_FILE);
		return EXIT_INPUT;
	}
	size_t n;
	struct hlr_source **srcs = folder_sources(a, d, dir, &n);
	struct hlr_series *s = srcs ? hlr_series_build(a, d, dir, srcs, n) : NULL;
	struct hlr_report *latest = s ? latest_report(s) : NULL;
	if (!latest) {
		if (s && s->n)
			hlr_diag_file(d, HLR_ERROR, HLR_C_NO_REPORTS, dir,
			              "no report of this series has a valid period to follow");
		return EXIT_INPUT;
	}
	const struct hlr_source **deps;
	size_t nd = hlr_report_deps(latest, a, &deps);
	hlr_diags_keep(d, deps, nd);
	if (d->errors) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_LATEST_HAS_ERRORS, latest->src->path,
		              "the new report would follow this one, which has errors; fix them first");
		return EXIT_INPUT;
	}
	struct hlr_period next;
	if (given) {
		next = *given;
	} else if (!hlr_period_after(&latest->period, latest->cadence, &next)) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_NO_CADENCE, dir,
		              "the series has no cadence to advance the period by; add a 'cadence' "
		              "line to %s or give --period", HLR_SERIES_FILE);
		return EXIT_INPUT;
	}
	char value[48], name[32], ph[64], lph[64];
	period_text(&next, value, name);
	if (hlr_date_cmp(next.end, latest->period.end) <= 0) {
		hlr_period_phrase(&next, ph);
		hlr_period_phrase(&latest->period, lph);
		hlr_diag_file(d, HLR_ERROR, HLR_C_PERIOD_NOT_LATER, dir,
		              "%s does not end after the latest report (%s.hlr, for %s); a new "
		              "report follows the latest one", ph, latest->name, lph);
		return EXIT_INPUT;
	}
	char file[40];
	snprintf(file, sizeof file, "%s.hlr", name);
	const char *path = hlr_path_join(a, dir, file);
	struct stat st;
	if (lstat(path, &st) == 0) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_REPORT_EXISTS, path,
		              "already exists; hlrc new never replaces a report");
		return EXIT_INPUT;
	}
	struct hlr_buf text = HLR_BUF_INIT;
	new_report(&text, a, latest, value);
	int status = check_new(a, d, dir, srcs, n, path, name, &text);
	if (!status && write_exclusive(path, &text) != 0) {
		if (errno == EEXIST)
			hlr_diag_file(d, HLR_ERROR, HLR_C_REPORT_EXISTS, path,
			              "already exists; hlrc new never replaces a report");
		else
			hlr_diag_file(d, HLR_ERROR, HLR_C_CANNOT_WRITE, path, "cannot write: %s",
			              strerror(errno));
		status = EXIT_INPUT;
	}
	if (!status)
		printf("%s\n", path);
	hlr_buf_free(&text);
	return status;
}

int hlr_cmd_new(int argc, char **argv)
{
	const char *dir = NULL, *period = NULL;
	bool only_args = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_args || a[0] != '-' || !strcmp(a, "-")) {
			if (dir)
				return new_usage("new takes one SERIES_DIR (extra argument '%s')", a);
			dir = a;
		} else if (!strcmp(a, "--")) {
			only_args = true;
		} else if (!strcmp(a, "--period") || !strncmp(a, "--period=", 9)) {
			if (a[8] == '=')
				period = a + 9;
			else if (i + 1 < argc)
				period = argv[++i];
			else
				return new_usage("option '%s' needs a value", a);
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(new_usage_text, stdout);
			fputc('\n', stdout);
			fputs(new_help_text, stdout);
			return 0;
		} else {
			return new_usage("unknown option '%s'", a);
		}
	}
	struct hlr_arena arena;
	hlr_arena_init(&arena);
	struct hlr_diags d;
	hlr_diags_init(&d, &arena);
	struct hlr_period given;
	int status;
	if (period) {
		const char *err;
		size_t eo, el;
		if (!hlr_period_parse(&arena, period, strlen(period), &given, &err, &eo, &el)) {
			fprintf(stderr, "hlrc: error: --period '%s': %s\n", period, err);
			fputs(new_usage_text, stderr);
			hlr_arena_free(&arena);
			return EXIT_USAGE;
		}
	}
	status = make_new(&arena, &d, dir ? dir : ".", period ? &given : NULL);
	hlr_diags_print(&d, stderr);
	hlr_arena_free(&arena);
	fflush(stdout);
	return status;
}
