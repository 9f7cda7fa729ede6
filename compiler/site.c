/* compiler: the site command (CLI, see site.h).
 *
 *   hlrc site DIR -o OUTDIR
 *
 * DIR is a series folder (it holds series.hlr) or any folder of .hlr
 * reports. Every report is loaded and resolved first; if any file has an
 * error, the diagnostics are printed and nothing is written. Otherwise
 * OUTDIR/NAME.html is written for every report, each with links to the
 * index and to the reports before and after it in period order, and
 * OUTDIR/index.html lists the reports newest first. Links are relative, so
 * the site opens from the file system. Every file is written atomically. */
#include "compiler/site.h"
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/emit.h"
#include "compiler/parse.h"
#include "compiler/resolve.h"
#include "compiler/series.h"
#include "runtime/outfile.h"
#include "runtime/style.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

#define INDEX_NAME "index"

static const char site_usage_text[] = "usage: hlrc site DIR -o OUTDIR\n";

static const char site_help_text[] =
	"Renders every report of DIR (a series folder, or any folder of .hlr\n"
	"reports) as an HTML page in OUTDIR, with previous/next links, and writes\n"
	"OUTDIR/index.html listing the reports newest first. Nothing is written\n"
	"when any report has an error.\n";

static int site_usage(const char *fmt, const char *arg)
{
	fputs("hlrc: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(site_usage_text, stderr);
	return EXIT_USAGE;
}

/* A report called "index" would be overwritten by the index page. */
static void check_names(struct hlr_diags *d, struct hlr_report **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i]->name && !strcasecmp(v[i]->name, INDEX_NAME))
			hlr_diag_file(d, HLR_ERROR, HLR_C_SITE_INDEX_NAME, v[i]->src->path,
			              "a report called %s.hlr would be overwritten by the site's "
			              "%s.html; rename the report", INDEX_NAME, INDEX_NAME);
}

/* A relative URL for report r's page: the file name, percent-encoded
 * except for unreserved characters, so that a name holding ':', '#', '?'
 * or a space still links to the file beside the index. */
static void page_href(struct hlr_buf *b, const struct hlr_report *r)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *name = r->name ? r->name : "report";
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			hlr_buf_putc(b, (char)*p);
		} else {
			hlr_buf_putc(b, '%');
			hlr_buf_putc(b, hex[*p >> 4]);
			hlr_buf_putc(b, hex[*p & 15]);
		}
	}
	hlr_buf_puts(b, ".html");
}

static void esc(struct hlr_buf *b, const char *s)
{
	hlr_buf_put_html(b, s, strlen(s));
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* The service areas of r, "A, B". */
static void services(struct hlr_buf *b, const struct hlr_report *r)
{
	for (unsigned i = 0; i < r->nservices; i++) {
		if (i)
			hlr_buf_puts(b, ", ");
		hlr_buf_puts(b, r->services[i]);
	}
}

/* A header field for the index's <dl>, when every report has the same
 * non-empty value. */
static void shared_field(struct hlr_buf *out, const char *label, struct hlr_report **v, size_t n,
                         void (*get)(struct hlr_buf *, const struct hlr_report *))
{
	struct hlr_buf first = HLR_BUF_INIT, other = HLR_BUF_INIT;
	get(&first, v[0]);
	bool ok = first.len > 0;
	for (size_t i = 1; i < n && ok; i++) {
		other.len = 0;
		get(&other, v[i]);
		ok = other.len == first.len && !memcmp(other.data, first.data, first.len);
	}
	if (ok) {
		hlr_buf_printf(out, "<dt>%s</dt><dd>", label);
		hlr_buf_put_html(out, first.data, first.len);
		hlr_buf_puts(out, "</dd>\n");
	}
	hlr_buf_free(&first);
	hlr_buf_free(&other);
}

static void author(struct hlr_buf *b, const struct hlr_report *r)
{
	if (r->author)
		hlr_buf_puts(b, r->author);
}

static void authorities(struct hlr_buf *b, const struct hlr_report *r)
{
	if (r->nauthorities)
		hlr_lower_authority_list(b, r);
}

/* <time datetime> of a period, as the report page writes it: a month is
 * "2020-11", other periods give their last day. The label ("Week ending 3rd
 * July 2020"), or the phrase ("week ending 3rd July 2020") in a sentence. */
static void period_time(struct hlr_buf *b, const struct hlr_period *p, bool phrase)
{
	char iso[11];
	hlr_date_format_iso(p->end, iso);
	if (p->kind == HLR_PERIOD_MONTH)
		iso[7] = '\0';
	hlr_buf_printf(b, "<time datetime=\"%s\">", iso);
	char ph[64];
	if (phrase)
		hlr_period_phrase(p, ph);
	esc(b, phrase ? ph : p->label);
	hlr_buf_puts(b, "</time>");
}

/* The index page: the reports v[0..n) (oldest first) listed newest first. */
static void index_page(struct hlr_buf *b, struct hlr_report **v, size_t n)
{
	/* The series' title when every report has the same one. */
	const char *title = v[n - 1]->title;
	for (size_t i = 0; i < n && title; i++)
		if (!same(v[i]->title, title))
			title = NULL;
	if (!title || !*title)
		title = "Highlight reports";

	hlr_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
	                "<meta charset=\"utf-8\">\n"
	                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                "<title>");
	esc(b, title);
	hlr_buf_puts(b, " \xE2\x80\x93 all reports</title>\n<style>\n");
	hlr_buf_put(b, hlr_style_css, hlr_style_css_len);
	hlr_buf_puts(b, "</style>\n</head>\n<body class=\"site-index\">\n"
	                "<header class=\"report-header\">\n<h1>");
	esc(b, title);
	hlr_buf_puts(b, "</h1>\n<dl class=\"report-meta\">\n");
	shared_field(b, "Service areas", v, n, services);
	shared_field(b, "Report author", v, n, author);
	shared_field(b, "Local authority", v, n, authorities);
	hlr_buf_printf(b, "<dt>Reports</dt><dd>%zu", n);
	if (v[0]->has_period && v[n - 1]->has_period && n > 1) {
		hlr_buf_puts(b, ", from ");
		period_time(b, &v[0]->period, true);
		hlr_buf_puts(b, " to ");
		period_time(b, &v[n - 1]->period, true);
	}
	hlr_buf_puts(b, "</dd>\n</dl>\n</header>\n<main class=\"report-body\">\n"
	                "<section class=\"section\" aria-labelledby=\"reports\">\n"
	                "<h2 id=\"reports\">Reports, newest first</h2>\n"
	                "<ul class=\"report-list\">\n");
	for (size_t k = n; k-- > 0;) {
		const struct hlr_report *r = v[k];
		hlr_buf_puts(b, "<li><a href=\"");
		struct hlr_buf href = HLR_BUF_INIT;
		page_href(&href, r);
		hlr_buf_put_html(b, href.data, href.len);
		hlr_buf_free(&href);
		hlr_buf_puts(b, "\"><span class=\"report-period\">");
		if (r->has_period)
			period_time(b, &r->period, false);
		else
			esc(b, r->name);
		hlr_buf_puts(b, "</span><span class=\"vh\">: </span> <span class=\"report-title\">");
		esc(b, r->title ? r->title : r->name);
		hlr_buf_puts(b, "</span></a></li>\n");
	}
	hlr_buf_puts(b, "</ul>\n</section>\n</main>\n</body>\n</html>\n");
}

/* Writes one page atomically: the emitted report r, or the bytes of text. */
static int write_file(struct hlr_diags *d, const char *path, struct hlr_report *r,
                      struct hlr_arena *a, const struct hlr_emit_opts *eo,
                      const struct hlr_buf *text)
{
	struct hlr_outfile out;
	if (hlr_outfile_open(&out, path) != 0) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_CANNOT_WRITE, path, "cannot write output: %s",
		              strerror(errno));
		return -1;
	}
	struct hlr_buf page = HLR_BUF_INIT;
	if (r)
		hlr_emit(&page, r, a, eo);
	else
		hlr_buf_put(&page, text->data ? text->data : "", text->len);
	int rc = !page.len || fwrite(page.data, 1, page.len, out.fp) == page.len ? 0 : -1;
	hlr_buf_free(&page);
	if (rc != 0) {
		int e = errno;
		hlr_outfile_abort(&out);
		hlr_diag_file(d, HLR_ERROR, HLR_C_CANNOT_WRITE, path, "cannot write output: %s", strerror(e));
		return -1;
	}
	if (hlr_outfile_commit(&out) != 0) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_CANNOT_WRITE, path, "cannot write output: %s",
		              strerror(errno));
		return -1;
	}
	return 0;
}

/* "-o VALUE", "--output VALUE" or "--output=VALUE"; *i is advanced past
 * it. NULL when the value is missing. */
static const char *out_value(int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	if (!strncmp(a, "--output=", 9))
		return a + 9;
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

int hlr_cmd_site(int argc, char **argv)
{
	const char *dir = NULL, *outdir = NULL;
	bool only_files = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_files || a[0] != '-' || !strcmp(a, "-")) {
			if (dir)
				return site_usage("site takes one folder (extra argument '%s')", a);
			dir = a;
		} else if (!strcmp(a, "--")) {
			only_files = true;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(site_usage_text, stdout);
			fputc('\n', stdout);
			fputs(site_help_text, stdout);
			return 0;
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strncmp(a, "--output=", 9)) {
			const char *v = out_value(argc, argv, &i);
			if (!v || !*v)
				return site_usage("option '%s' needs a value", a);
			outdir = v;
		} else {
			return site_usage("unknown option '%s'", a);
		}
	}
	if (!dir)
		return site_usage("%s", "site needs a folder of reports");
	if (!outdir)
		return site_usage("%s", "site needs -o OUTDIR");
	struct stat st;
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
		return site_usage("'%s' is not a folder; site takes a folder of reports", dir);

	struct hlr_arena arena;
	hlr_arena_init(&arena);
	struct hlr_diags d;
	hlr_diags_init(&d, &arena);
	size_t n = 0;
	struct hlr_report **v = hlr_series_load_folder(&arena, &d, dir, &n);
	if (v && n)
		check_names(&d, v, n);
	int status = 0;
	if (d.errors || !v || !n) {
		status = EXIT_INPUT;
	} else if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
		hlr_diag_file(&d, HLR_ERROR, HLR_C_CANNOT_WRITE, outdir, "cannot make folder: %s",
		              strerror(errno));
		status = EXIT_INPUT;
	} else {
		for (size_t i = 0; i < n && !status; i++) {
			struct hlr_emit_opts eo = {
				.format = HLR_FORMAT_HTML,
				.authority = -1,
				.index_href = INDEX_NAME ".html",
				.prev = i > 0 ? v[i - 1] : NULL,
				.next = i + 1 < n ? v[i + 1] : NULL,
			};
			size_t len = strlen(v[i]->name);
			char *file = hlr_arena_alloc(&arena, len + sizeof ".html");
			memcpy(file, v[i]->name, len);
			memcpy(file + len, ".html", sizeof ".html");
			const char *path = hlr_path_join(&arena, outdir, file);
			if (write_file(&d, path, v[i], &arena, &eo, NULL) != 0)
				status = EXIT_INPUT;
		}
		if (!status) {
			struct hlr_buf page = HLR_BUF_INIT;
			index_page(&page, v, n);
			char *path = hlr_path_join(&arena, outdir, INDEX_NAME ".html");
			if (write_file(&d, path, NULL, &arena, NULL, &page) != 0)
				status = EXIT_INPUT;
			hlr_buf_free(&page);
		}
	}
	hlr_diags_print(&d, stderr);
	hlr_arena_free(&arena);
	return status;
}
