/* compiler: the pages of a site (the command is compiler/cli/site.c, the
 * library's entry point hlrc_site). Every report of a folder is rendered
 * as an HTML page with links to the index and to the reports before and
 * after it in period order, and index.html lists the reports newest first.
 * Links are relative, so the site opens from the file system. */
#include "compiler/site.h"
#include "compiler/site_metrics.h"
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/emit.h"
#include "compiler/inline.h"
#include "compiler/log.h"
#include "compiler/lower.h"
#include "compiler/resolve.h"
#include "runtime/style.h"

size_t hlr_site_log_keywords(struct hlr_arena *a, struct hlr_report **v, size_t n,
                             const char ***out);

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A report called "index" would be overwritten by the index page. */
void hlr_site_check_names(struct hlr_diags *d, struct hlr_report **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i]->name && !strcasecmp(v[i]->name, HLR_SITE_INDEX))
			hlr_diag_file(d, HLR_ERROR, HLR_C_SITE_INDEX_NAME, v[i]->src->path,
			              "a report called %s.hlr would be overwritten by the site's "
			              "%s.html; rename the report", HLR_SITE_INDEX, HLR_SITE_INDEX);
}

/* A report called "log-KEYWORD" would be overwritten by that log's page. */
void hlr_site_check_log_names(struct hlr_diags *d, struct hlr_arena *a, struct hlr_report **v,
                              size_t n)
{
	const char **logs;
	size_t nlogs = hlr_site_log_keywords(a, v, n, &logs);
	size_t pre = strlen(HLR_SITE_LOG_PREFIX);
	for (size_t i = 0; i < n; i++) {
		const char *name = v[i]->name;
		if (!name || strncasecmp(name, HLR_SITE_LOG_PREFIX, pre))
			continue;
		for (size_t k = 0; k < nlogs; k++)
			if (!strcasecmp(name + pre, logs[k]))
				hlr_diag(d, HLR_ERROR, HLR_C_SITE_INDEX_NAME, v[i]->src, hlr_span_make(0, 0),
				         "a report called '%s.hlr': the site's page of the log '%s', "
				         "%s%s.html, would overwrite its page; rename the file", name, logs[k],
				         HLR_SITE_LOG_PREFIX, logs[k]);
	}
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

/* The header lines every report shows alike, for the index's <dl>: those
 * of the first report (but its period) that every other report has with
 * the same non-empty value, under the same label. */
static void shared_fields(struct hlr_buf *out, struct hlr_arena *a, struct hlr_report **v,
                          size_t n)
{
	struct hlr_lower_opts o = {.view = -1, .header_only = true};
	const struct hlr_doc **docs = hlr_arena_alloc(a, n * sizeof *docs);
	for (size_t i = 0; i < n; i++)
		docs[i] = hlr_lower(a, v[i], &o);
	for (unsigned f = 0; f < docs[0]->nfields; f++) {
		const struct hlr_lfield *x = &docs[0]->fields[f];
		bool ok = !x->datetime && *x->value;
		for (size_t i = 1; i < n && ok; i++) {
			ok = false;
			for (unsigned g = 0; g < docs[i]->nfields && !ok; g++)
				ok = !strcmp(docs[i]->fields[g].label, x->label) &&
				     !strcmp(docs[i]->fields[g].value, x->value);
		}
		if (ok) {
			hlr_buf_printf(out, "<dt>%s</dt><dd>", x->label);
			esc(out, x->value);
			hlr_buf_puts(out, "</dd>\n");
		}
	}
}

/* <time datetime> of a period, as the report page writes it: a month is
 * "2020-11", other periods give their last day. The label ("Week ending 3rd
 * July 2020"), or the phrase ("week ending 3rd July 2020") in a sentence. */
static void period_time(struct hlr_buf *b, const struct hlr_period *p, bool phrase)
{
	char iso[11];
	hlr_lower_datetime(p, iso);
	hlr_buf_printf(b, "<time datetime=\"%s\">", iso);
	char ph[64];
	if (phrase)
		hlr_period_phrase(p, ph);
	esc(b, phrase ? ph : p->label);
	hlr_buf_puts(b, "</time>");
}

/* The protective markings of the reports, each once, in the order first
 * met, joined by " / " (the index lists every report, so it carries
 * every marking); empty when no report has one. */
static void markings(struct hlr_buf *out, struct hlr_report **v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *m = v[i]->marking;
		bool seen = !m;
		for (size_t j = 0; j < i && !seen; j++)
			seen = v[j]->marking && !strcmp(v[j]->marking, m);
		if (seen)
			continue;
		if (out->len)
			hlr_buf_puts(out, " / ");
		hlr_buf_puts(out, m);
	}
}

/* The marking as the report pages show it (emit_html.c): a line at the
 * top and foot, and in the margins of every printed page. */
static void marking_line(struct hlr_buf *b, const struct hlr_buf *m)
{
	hlr_buf_puts(b, "<p class=\"marking\"><strong>");
	hlr_buf_put_html(b, m->data, m->len);
	hlr_buf_puts(b, "</strong></p>\n");
}

void hlr_site_index(struct hlr_buf *b, struct hlr_arena *a, struct hlr_report **v, size_t n)
{
	struct hlr_buf mk = HLR_BUF_INIT;
	markings(&mk, v, n);
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
	if (mk.len)
		hlr_html_marking_css(b, mk.data, mk.len);
	hlr_buf_puts(b, "</style>\n</head>\n<body class=\"site-index\">\n"
	                "<header class=\"report-header\">\n");
	if (mk.len)
		marking_line(b, &mk);
	hlr_buf_puts(b, "<h1>");
	esc(b, title);
	hlr_buf_puts(b, "</h1>\n<dl class=\"report-meta\">\n");
	shared_fields(b, a, v, n);
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
	hlr_buf_puts(b, "</ul>\n</section>\n");
	if (hlr_site_has_metrics(v, n))
		hlr_buf_puts(b, "<p class=\"site-metrics\"><a href=\"" HLR_SITE_METRICS ".html\">"
		                "Metrics across the series</a></p>\n");
	const char **logs;
	size_t nlogs = hlr_site_log_keywords(a, v, n, &logs);
	for (size_t i = 0; i < nlogs; i++) {
		hlr_buf_puts(b, i ? "" : "<ul class=\"site-logs\">\n");
		hlr_buf_puts(b, "<li><a href=\"" HLR_SITE_LOG_PREFIX);
		esc(b, logs[i]);
		hlr_buf_puts(b, ".html\">The ");
		esc(b, logs[i]);
		hlr_buf_puts(b, " log, every entry with its history</a></li>\n");
		hlr_buf_puts(b, i + 1 < nlogs ? "" : "</ul>\n");
	}
	hlr_buf_puts(b, "</main>\n");
	if (mk.len) {
		hlr_buf_puts(b, "<footer class=\"report-footer\">\n");
		marking_line(b, &mk);
		hlr_buf_puts(b, "</footer>\n");
	}
	hlr_buf_puts(b, "</body>\n</html>\n");
	hlr_buf_free(&mk);
}


/* --- log pages ------------------------------------------------------------ */

/* The latest report of v[0..n) whose logs were built, or NULL. */
static const struct hlr_report *log_report(struct hlr_report **v, size_t n)
{
	for (size_t i = n; i-- > 0;)
		if (v[i]->logs)
			return v[i];
	return NULL;
}

/* Each entry of the series, once: its last record (the latest report's
 * open entries, then those closed in each report, newest last); calls fn
 * for those of keyword kw (all when kw is NULL). Time in proportion to the
 * entries and the reports. */
static size_t log_entries_of(struct hlr_arena *a, struct hlr_report **v, size_t n, const char *kw,
                             const struct hlr_entry ***out)
{
	size_t cap = 16, k = 0;
	const struct hlr_entry **e = hlr_arena_alloc(a, cap * sizeof *e);
	const struct hlr_report *last = log_report(v, n);
	for (size_t pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			const struct hlr_logs *g = v[i]->logs;
			if (!g)
				continue;
			struct hlr_entry *const *list = pass ? g->closed : g->open;
			size_t m = pass ? g->nclosed : g->nopen;
			if (!pass && v[i] != last)
				continue;
			for (size_t j = 0; j < m; j++) {
				if (kw && strcmp(list[j]->keyword, kw))
					continue;
				if (k == cap) {
					e = hlr_arena_grow(a, e, k, cap * 2, sizeof *e);
					cap *= 2;
				}
				e[k++] = list[j];
			}
		}
	}
	*out = e;
	return k;
}

/* The log keywords of the series, each once, in the order first met. */
size_t hlr_site_log_keywords(struct hlr_arena *a, struct hlr_report **v, size_t n,
                             const char ***out)
{
	const struct hlr_entry **e;
	size_t m = log_entries_of(a, v, n, NULL, &e), k = 0;
	const char **kw = hlr_arena_alloc(a, (m + 1) * sizeof *kw);
	for (size_t i = 0; i < m; i++) {
		bool seen = false;
		for (size_t j = 0; j < k && !seen; j++)
			seen = !strcmp(kw[j], e[i]->keyword);
		if (!seen)
			kw[k++] = e[i]->keyword;
	}
	/* sorted, so the order does not depend on which entry came first */
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 && strcmp(kw[j - 1], kw[j]) > 0; j--) {
			const char *t = kw[j];
			kw[j] = kw[j - 1];
			kw[j - 1] = t;
		}
	*out = kw;
	return k;
}

/* An entry's authority tags, as the reports show an item's: the label
 * seen, the authority's name for screen readers. */
static void entry_tags(struct hlr_buf *b, const struct hlr_entry *x)
{
	const struct hlr_node *n = x->written;
	unsigned shown = 0;
	for (unsigned k = 0; k < n->ntags; k++) {
		int i = n->tags[k].authority;
		if (i < 0 || !x->updated || (unsigned)i >= x->updated->nauthorities)
			continue;
		const struct hlr_authority *au = &x->updated->authorities[i];
		hlr_buf_puts(b, shown++ ? ",</span></span> " : "<span class=\"tags\">");
		hlr_buf_puts(b, "<span class=\"tag\" title=\"");
		esc(b, au->name);
		hlr_buf_puts(b, "\"><span aria-hidden=\"true\">");
		esc(b, au->tag);
		hlr_buf_puts(b, "</span><span class=\"vh\">");
		esc(b, au->name);
	}
	if (shown)
		hlr_buf_puts(b, ":</span></span></span> ");
}

void hlr_site_log(struct hlr_buf *b, struct hlr_arena *a, struct hlr_report **v, size_t n,
                  const char *kw)
{
	const struct hlr_entry **e;
	size_t m = log_entries_of(a, v, n, kw, &e);
	const struct hlr_report *r = log_report(v, n);
	const char *title = r && r->title && *r->title ? r->title : "Highlight reports";
	/* the log's heading, as its section in the reports has it */
	const char *heading = kw;
	for (size_t i = 0; i < m; i++)
		if (e[i]->written && e[i]->written->parent && e[i]->written->parent->base_title) {
			heading = e[i]->written->parent->base_title;
			break;
		}
	hlr_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
	                "<meta charset=\"utf-8\">\n"
	                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                "<title>");
	esc(b, title);
	hlr_buf_puts(b, " \xE2\x80\x93 ");
	esc(b, heading);
	hlr_buf_puts(b, " log</title>\n<style>\n");
	hlr_buf_put(b, hlr_style_css, hlr_style_css_len);
	hlr_buf_puts(b, "</style>\n</head>\n<body>\n<nav class=\"series-nav\" aria-label=\"Reports in "
	                "this series\">\n<ul>\n<li><a href=\"" HLR_SITE_INDEX ".html\">All reports</a>"
	                "</li>\n</ul>\n</nav>\n<header class=\"report-header\">\n<h1>");
	esc(b, title);
	hlr_buf_puts(b, ": ");
	esc(b, heading);
	hlr_buf_printf(b, " log</h1>\n<dl class=\"report-meta\">\n<dt>Entries</dt><dd>%zu</dd>\n"
	                  "</dl>\n</header>\n<main class=\"report-body\">\n", m);
	for (int closed = 0; closed < 2; closed++) {
		size_t count = 0;
		for (size_t i = 0; i < m; i++)
			count += (e[i]->action == HLR_ENTRY_CLOSED) == (closed != 0);
		/* not an entry's id: those are written with letters and digits, and
		 * these have a dash an id may have too, so a word of two parts */
		const char *id = closed ? "closed-entries" : "open-entries";
		hlr_buf_printf(b, "<section class=\"section\" aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s "
		                  "entries</h2>\n", id, id, closed ? "Closed" : "Open");
		if (!count) {
			hlr_buf_puts(b, "<p class=\"none\">None</p>\n</section>\n");
			continue;
		}
		hlr_buf_puts(b, "<ul class=\"log-entries\">\n");
		for (size_t i = 0; i < m; i++) {
			const struct hlr_entry *x = e[i];
			if ((x->action == HLR_ENTRY_CLOSED) != (closed != 0))
				continue;
			hlr_buf_puts(b, "<li id=\"");
			esc(b, x->id);
			hlr_buf_puts(b, "\"><strong>");
			esc(b, x->id);
			hlr_buf_puts(b, "</strong> ");
			entry_tags(b, x);
			hlr_inline_html(b, &x->written->text, x->written->inl);
			struct hlr_buf f = HLR_BUF_INIT;
			hlr_entry_fields_line(&f, x);
			if (f.len) {
				hlr_buf_puts(b, "<br><span class=\"entry-note\">");
				hlr_buf_put_html(b, f.data, f.len);
				hlr_buf_puts(b, "</span>");
			}
			hlr_buf_free(&f);
			/* its history, oldest first */
			size_t h = 0;
			for (const struct hlr_entry_event *ev = x->history; ev; ev = ev->older)
				h++;
			const struct hlr_entry_event **hv = hlr_arena_alloc(a, (h + 1) * sizeof *hv);
			size_t k = h;
			for (const struct hlr_entry_event *ev = x->history; ev; ev = ev->older)
				hv[--k] = ev;
			hlr_buf_puts(b, "\n<ul class=\"entry-history\">\n");
			for (size_t j = 0; j < h; j++) {
				const struct hlr_entry_event *ev = hv[j];
				static const char *const what[] = {"Opened", "Updated", "Carried", "Closed",
				                                   "Overdue"};
				hlr_buf_printf(b, "<li>%s in <a href=\"", what[ev->action]);
				struct hlr_buf href = HLR_BUF_INIT;
				page_href(&href, ev->report);
				hlr_buf_put_html(b, href.data, href.len);
				hlr_buf_free(&href);
				if (ev->action != HLR_ENTRY_CLOSED) {
					hlr_buf_putc(b, '#');
					esc(b, x->id);
				}
				hlr_buf_puts(b, "\">");
				if (ev->report->has_period)
					period_time(b, &ev->report->period, true);
				else
					esc(b, ev->report->name);
				hlr_buf_puts(b, "</a>");
				if (ev->changed) {
					struct hlr_buf c = HLR_BUF_INIT;
					hlr_entry_changes(&c, ev->changed);
					hlr_buf_puts(b, " (");
					hlr_buf_put_html(b, c.data, c.len);
					hlr_buf_puts(b, ")");
					hlr_buf_free(&c);
				}
				if (ev->reason) {
					hlr_buf_puts(b, ": ");
					esc(b, ev->reason);
				}
				hlr_buf_puts(b, "</li>\n");
			}
			hlr_buf_puts(b, "</ul>\n</li>\n");
		}
		hlr_buf_puts(b, "</ul>\n</section>\n");
	}
	hlr_buf_puts(b, "</main>\n</body>\n</html>\n");
}
