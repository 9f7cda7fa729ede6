/* compiler: statuses and metrics in each output format (write stage; the
 * writers emit_md.c, emit_html.c and emit_json.c call these). A status is a
 * text label, never a colour alone: in HTML a tag in the GOV.UK style with
 * a border, so it reads in black and white print too. A metric's trend is
 * an inline SVG line chart with a title, a description and its values as a
 * table: no script, nothing fetched. */
#include "compiler/emit_track.h"
#include "compiler/inline.h"
#include "compiler/resolve.h"

#include <stdio.h>
#include <string.h>

/* --- Markdown ------------------------------------------------------------ */

static void md_esc(struct hlr_buf *b, const char *s)
{
	hlr_md_escape(b, s, strlen(s));
}

/* "Amber (was Green): reason" */
static void md_status_text(struct hlr_buf *b, const struct hlr_status *s, bool reason)
{
	struct hlr_buf t = HLR_BUF_INIT;
	hlr_status_phrase(&t, s);
	hlr_md_escape(b, t.data, t.len);
	hlr_buf_free(&t);
	if (reason && s->reason) {
		hlr_buf_puts(b, ": ");
		md_esc(b, s->reason);
	}
}

void hlr_md_status(struct hlr_buf *b, const struct hlr_status *s)
{
	hlr_buf_puts(b, "**Status:** ");
	md_status_text(b, s, true);
}

static void md_cell_status(struct hlr_buf *b, const struct hlr_status *s)
{
	if (!s) {
		hlr_buf_puts(b, "\xE2\x80\x93");
		return;
	}
	md_esc(b, s->label);
	if (s->reason) {
		hlr_buf_puts(b, ": ");
		md_esc(b, s->reason);
	}
}

void hlr_md_track_summary(struct hlr_buf *b, const struct hlr_ltrack *t)
{
	if (!t || !t->nrows)
		return;
	hlr_buf_puts(b, "\n## <a id=\"status-summary\"></a>Status summary\n\n| Dimension | Last period");
	if (t->last_period) {
		hlr_buf_puts(b, " (");
		md_esc(b, t->last_period);
		hlr_buf_putc(b, ')');
	}
	hlr_buf_puts(b, " | This period (");
	md_esc(b, t->this_period);
	hlr_buf_puts(b, ") | Change |\n| --- | --- | --- | --- |\n");
	for (unsigned i = 0; i < t->nrows; i++) {
		const struct hlr_lstatus_row *r = &t->rows[i];
		hlr_buf_puts(b, "| ");
		md_esc(b, r->dimension);
		hlr_buf_puts(b, " | ");
		md_cell_status(b, r->was);
		hlr_buf_puts(b, " | ");
		md_cell_status(b, r->now);
		hlr_buf_printf(b, " | %s |\n", r->change);
	}
}

void hlr_md_metrics(struct hlr_buf *b, const struct hlr_ltrack *t)
{
	hlr_buf_puts(b, "| Metric | Value | Change |\n| --- | ---: | --- |\n");
	for (unsigned i = 0; i < t->nmetrics; i++) {
		const struct hlr_lmetric_row *m = &t->metrics[i];
		hlr_buf_puts(b, "| ");
		md_esc(b, m->name);
		hlr_buf_puts(b, " | ");
		md_esc(b, m->value);
		hlr_buf_puts(b, " | ");
		md_esc(b, m->change);
		if (m->direction && strcmp(m->direction, "same"))
			hlr_buf_printf(b, " (%s)", m->direction);
		hlr_buf_puts(b, " |\n");
	}
}

/* --- HTML ---------------------------------------------------------------- */

static void esc(struct hlr_buf *b, const char *s)
{
	hlr_buf_put_html(b, s, strlen(s));
}

/* The extra stylesheet of a page with statuses or metrics. Tag colours
 * are GOV.UK's (text on background at 7:1 or more); the border keeps the
 * tag's shape in black and white print, and the label is the text. */
void hlr_html_track_css(struct hlr_buf *b, const struct hlr_doc *doc)
{
	if (!doc->track)
		return;
	hlr_buf_puts(b,
		"<style>\n"
		".status-tag { display: inline-block; padding: 0.05em 0.4em; border: 1px solid currentColor;"
		" font-weight: 700; line-height: 1.3; letter-spacing: 0.02em; }\n"
		".status-red { color: #2a0b06; background: #f4cdc6; }\n"
		".status-amber { color: #3d3500; background: #fff7bf; }\n"
		".status-green { color: #002d18; background: #cce2d8; }\n"
		".status-blue { color: #0c2d4a; background: #bbd4ea; }\n"
		".status-grey, .status-plain { color: #282d30; background: #eeefef; }\n"
		".status-line { margin: 0.5rem 0; }\n"
		".item-status { display: block; margin-top: 0.15rem; }\n"
		".track-table { border-collapse: collapse; width: 100%; margin: 0.75rem 0 1rem; }\n"
		".track-table th, .track-table td { border: 1px solid var(--rule); padding: 0.3rem 0.45rem;"
		" text-align: left; vertical-align: top; overflow-wrap: anywhere; }\n"
		".track-table thead th { background: var(--panel); }\n"
		".track-table td.num { text-align: right; white-space: nowrap; }\n"
		".trends { display: flex; flex-wrap: wrap; gap: 1rem; }\n"
		".trend { margin: 0; flex: 1 1 16rem; max-width: 100%; }\n"
		".trend svg { display: block; width: 100%; height: auto; color: var(--ink); }\n"
		".trend figcaption { font-weight: 700; }\n"
		"@media print {\n"
		"  .status-tag { color: #000 !important; background: #fff !important; }\n"
		"  .trend { break-inside: avoid; }\n"
		"}\n"
		"</style>\n");
}

static void html_tag(struct hlr_buf *b, const char *cls, const char *label)
{
	hlr_buf_printf(b, "<strong class=\"status-tag status-%s\">", cls);
	esc(b, label);
	hlr_buf_puts(b, "</strong>");
}

static void html_status_body(struct hlr_buf *b, const struct hlr_status *s)
{
	html_tag(b, s->cls, s->label);
	if (s->prev && strcmp(s->prev->key, s->key)) {
		hlr_buf_puts(b, " (was ");
		esc(b, s->prev->label);
		hlr_buf_putc(b, ')');
	}
	if (s->reason) {
		hlr_buf_puts(b, ": ");
		esc(b, s->reason);
	}
}

void hlr_html_status(struct hlr_buf *b, const struct hlr_status *s, bool item)
{
	hlr_buf_puts(b, item ? "<span class=\"item-status\">Status: " : "<p class=\"status-line\">Status: ");
	html_status_body(b, s);
	hlr_buf_puts(b, item ? "</span>" : "</p>\n");
}

/* The start of a cell of a table shown as cards on a narrow screen
 * (runtime/style.css): its column's heading as a label, shown only there
 * and hidden from assistive technology, which has the table's own headers
 * (the roles keep the table a table whatever its CSS display). */
static void html_card_cell(struct hlr_buf *b, const char *cls, const char *label,
                           const char *period)
{
	hlr_buf_printf(b, "<td role=\"cell\"%s%s%s><span class=\"cell-label\" aria-hidden=\"true\">",
	               cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
	esc(b, label);
	if (period) {
		hlr_buf_puts(b, " (");
		esc(b, period);
		hlr_buf_putc(b, ')');
	}
	hlr_buf_puts(b, "</span>");
}

/* A header cell of such a table. */
static void html_card_head(struct hlr_buf *b, const char *label, const char *period)
{
	hlr_buf_puts(b, "<th scope=\"col\" role=\"columnheader\">");
	esc(b, label);
	if (period) {
		hlr_buf_puts(b, " (");
		esc(b, period);
		hlr_buf_putc(b, ')');
	}
	hlr_buf_puts(b, "</th>");
}

static void html_cell_status(struct hlr_buf *b, const struct hlr_status *s, const char *label,
                             const char *period)
{
	html_card_cell(b, NULL, label, period);
	if (!s) {
		hlr_buf_puts(b, "<span aria-label=\"not given\">\xE2\x80\x93</span></td>");
		return;
	}
	html_tag(b, s->cls, s->label);
	if (s->reason) {
		hlr_buf_puts(b, ": ");
		esc(b, s->reason);
	}
	hlr_buf_puts(b, "</td>");
}

void hlr_html_track_summary(struct hlr_buf *b, const struct hlr_ltrack *t)
{
	if (!t || !t->nrows)
		return;
	hlr_buf_puts(b, "<section class=\"section status-summary\" aria-labelledby=\"status-summary\">\n"
	                "<h2 id=\"status-summary\">Status summary</h2>\n"
	                "<table class=\"track-table cards\" role=\"table\">\n"
	                "<thead role=\"rowgroup\"><tr role=\"row\">");
	html_card_head(b, "Dimension", NULL);
	html_card_head(b, "Last period", t->last_period);
	html_card_head(b, "This period", t->this_period);
	html_card_head(b, "Change", NULL);
	hlr_buf_puts(b, "</tr></thead>\n<tbody role=\"rowgroup\">\n");
	for (unsigned i = 0; i < t->nrows; i++) {
		const struct hlr_lstatus_row *r = &t->rows[i];
		hlr_buf_puts(b, "<tr role=\"row\"><th scope=\"row\" role=\"rowheader\">");
		esc(b, r->dimension);
		hlr_buf_puts(b, "</th>");
		html_cell_status(b, r->was, "Last period", t->last_period);
		html_cell_status(b, r->now, "This period", t->this_period);
		html_card_cell(b, NULL, "Change", NULL);
		hlr_buf_printf(b, "%s</td></tr>\n", r->change);
	}
	hlr_buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

/* Chart geometry, in SVG user units. */
enum { W = 320, H = 120, PADX = 44, PADR = 10, PADY = 12 };

/* v scaled into [0, span] between lo and hi, to a tenth, as "12.3". */
static void coord(struct hlr_buf *b, double x)
{
	long t = (long)(x * 10 + (x < 0 ? -0.5 : 0.5));
	hlr_buf_printf(b, "%ld.%ld", t / 10, (t < 0 ? -t : t) % 10);
}

static void value_text(struct hlr_buf *b, const struct hlr_metric_value *v)
{
	struct hlr_buf t = HLR_BUF_INIT;
	hlr_metric_format(&t, v->def, v->v, v->decimals);
	hlr_buf_put_html(b, t.data, t.len);
	hlr_buf_free(&t);
}

static void period_text(struct hlr_buf *b, const struct hlr_metric_value *v)
{
	char p[64];
	hlr_period_phrase(&v->report->period, p);
	esc(b, p);
}

/* The trend of one metric row: an SVG line chart and its values. */
static void trend(struct hlr_buf *b, const struct hlr_lmetric_row *m)
{
	unsigned n = m->npoints;
	int64_t lo = m->points[0]->v, hi = lo;
	for (unsigned i = 1; i < n; i++) {
		if (m->points[i]->v < lo)
			lo = m->points[i]->v;
		if (m->points[i]->v > hi)
			hi = m->points[i]->v;
	}
	const struct hlr_metric_value *first = m->points[0], *last = m->points[n - 1];
	const struct hlr_metric_value *plo = first, *phi = first;
	for (unsigned i = 0; i < n; i++) {
		if (m->points[i]->v == lo && plo->v != lo)
			plo = m->points[i];
		if (m->points[i]->v == hi && phi->v != hi)
			phi = m->points[i];
	}
	hlr_buf_printf(b, "<figure class=\"trend\" id=\"trend-%s\">\n"
	                  "<figcaption>", m->slug);
	esc(b, m->name);
	/* the chart's name is its <title>, its description its <desc> (SVG-AAM) */
	hlr_buf_printf(b, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
	                  " width=\"%d\" height=\"%d\" role=\"img\">\n<title>", W, H, W, H);
	esc(b, m->name);
	hlr_buf_printf(b, ": trend over %u report%s</title>\n<desc>", n, n == 1 ? "" : "s");
	if (n == 1) {
		value_text(b, first);
		hlr_buf_puts(b, " in ");
		period_text(b, first);
		hlr_buf_puts(b, ", the only value so far.");
	} else {
		hlr_buf_puts(b, "From ");
		value_text(b, first);
		hlr_buf_puts(b, " in ");
		period_text(b, first);
		hlr_buf_puts(b, " to ");
		value_text(b, last);
		hlr_buf_puts(b, " in ");
		period_text(b, last);
		hlr_buf_puts(b, "; lowest ");
		value_text(b, plo);
		hlr_buf_puts(b, ", highest ");
		value_text(b, phi);
		hlr_buf_printf(b, "; %s is better.", m->v->def->better > 0 ? "higher" : "lower");
	}
	hlr_buf_puts(b, "</desc>\n");
	/* axes: the lowest and highest values, labelled */
	double span = (double)(hi - lo);
	double top = PADY, bottom = H - PADY, left = PADX, right = W - PADR;
	hlr_buf_printf(b, "<g fill=\"none\" stroke=\"currentColor\" stroke-width=\"1\" "
	                  "stroke-dasharray=\"2 3\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
	                  "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></g>\n",
	               PADX, PADY, W - PADR, PADY, PADX, H - PADY, W - PADR, H - PADY);
	hlr_buf_printf(b, "<g fill=\"currentColor\" font-size=\"11\" text-anchor=\"end\">"
	                  "<text x=\"%d\" y=\"%d\">", PADX - 4, PADY + 4);
	value_text(b, phi);
	hlr_buf_printf(b, "</text><text x=\"%d\" y=\"%d\">", PADX - 4, H - PADY + 4);
	value_text(b, plo);
	hlr_buf_puts(b, "</text></g>\n");
	struct hlr_buf pts = HLR_BUF_INIT;
	for (unsigned i = 0; i < n; i++) {
		double x = n == 1 ? (left + right) / 2 : left + (right - left) * i / (n - 1);
		double y = span > 0 ? top + (bottom - top) * (double)(hi - m->points[i]->v) / span
		                    : (top + bottom) / 2;
		if (i)
			hlr_buf_putc(&pts, ' ');
		coord(&pts, x);
		hlr_buf_putc(&pts, ',');
		coord(&pts, y);
	}
	if (n > 1) {
		hlr_buf_puts(b, "<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" "
		                "points=\"");
		hlr_buf_put(b, pts.data, pts.len);
		hlr_buf_puts(b, "\"/>\n");
	}
	/* the last point marked, so one value shows too */
	const char *p = pts.data, *c = strrchr(pts.data, ' ');
	c = c ? c + 1 : p;
	const char *comma = strchr(c, ',');
	hlr_buf_puts(b, "<circle r=\"3.5\" fill=\"currentColor\" cx=\"");
	hlr_buf_put(b, c, (size_t)(comma - c));
	hlr_buf_puts(b, "\" cy=\"");
	hlr_buf_puts(b, comma + 1);
	hlr_buf_puts(b, "\"/>\n</svg>\n");
	hlr_buf_free(&pts);
	/* the text alternative: every value */
	hlr_buf_puts(b, "<details>\n<summary>Values by period<span class=\"vh\">: ");
	esc(b, m->name);
	hlr_buf_puts(b, "</span></summary>\n<table class=\"track-table\">\n<thead><tr>"
	                "<th scope=\"col\">Period</th><th scope=\"col\">Value</th></tr></thead>\n"
	                "<tbody>\n");
	for (unsigned i = 0; i < n; i++) {
		hlr_buf_puts(b, "<tr><th scope=\"row\">");
		esc(b, m->points[i]->report->period.label);
		hlr_buf_puts(b, "</th><td class=\"num\">");
		value_text(b, m->points[i]);
		hlr_buf_puts(b, "</td></tr>\n");
	}
	hlr_buf_puts(b, "</tbody>\n</table>\n</details>\n</figure>\n");
}

void hlr_html_metrics(struct hlr_buf *b, const struct hlr_ltrack *t)
{
	hlr_buf_puts(b, "<table class=\"track-table metrics cards\" role=\"table\">\n"
	                "<thead role=\"rowgroup\"><tr role=\"row\">");
	html_card_head(b, "Metric", NULL);
	html_card_head(b, "Value", NULL);
	html_card_head(b, "Change", NULL);
	hlr_buf_puts(b, "</tr></thead>\n<tbody role=\"rowgroup\">\n");
	for (unsigned i = 0; i < t->nmetrics; i++) {
		const struct hlr_lmetric_row *m = &t->metrics[i];
		hlr_buf_puts(b, "<tr role=\"row\"><th scope=\"row\" role=\"rowheader\">");
		esc(b, m->name);
		hlr_buf_puts(b, "</th>");
		html_card_cell(b, "num", "Value", NULL);
		esc(b, m->value);
		hlr_buf_puts(b, "</td>");
		html_card_cell(b, NULL, "Change", NULL);
		esc(b, m->change);
		if (m->direction && strcmp(m->direction, "same"))
			hlr_buf_printf(b, " (%s)", m->direction);
		hlr_buf_puts(b, "</td></tr>\n");
	}
	hlr_buf_puts(b, "</tbody>\n</table>\n<div class=\"trends\">\n");
	for (unsigned i = 0; i < t->nmetrics; i++)
		trend(b, &t->metrics[i]);
	hlr_buf_puts(b, "</div>\n");
}

/* --- JSON ---------------------------------------------------------------- */

static void jstr(struct hlr_buf *b, const char *s)
{
	if (!s) {
		hlr_buf_puts(b, "null");
		return;
	}
	hlr_buf_putc(b, '"');
	hlr_buf_put_json(b, s, strlen(s));
	hlr_buf_putc(b, '"');
}

/* An exact decimal as a JSON number. */
static void jnum(struct hlr_buf *b, int64_t v, unsigned decimals)
{
	uint64_t m = v < 0 ? (uint64_t)-v : (uint64_t)v;
	hlr_buf_printf(b, "%s%llu", v < 0 ? "-" : "", (unsigned long long)(m / 1000000));
	if (decimals) {
		char f[8];
		snprintf(f, sizeof f, "%06llu", (unsigned long long)(m % 1000000));
		hlr_buf_printf(b, ".%.*s", (int)decimals, f);
	}
}

void hlr_json_status(struct hlr_buf *b, const struct hlr_status *s)
{
	hlr_buf_puts(b, "{\"status\": ");
	jstr(b, s->key);
	hlr_buf_puts(b, ", \"label\": ");
	jstr(b, s->label);
	hlr_buf_puts(b, ", \"reason\": ");
	jstr(b, s->reason);
	if (s->dimension) {
		hlr_buf_puts(b, ", \"dimension\": ");
		jstr(b, s->dimension);
	}
	hlr_buf_puts(b, ", \"carried\": ");
	hlr_buf_puts(b, s->carried ? "true" : "false");
	hlr_buf_puts(b, ", \"previous\": ");
	if (s->prev) {
		hlr_buf_puts(b, "{\"status\": ");
		jstr(b, s->prev->key);
		hlr_buf_puts(b, ", \"label\": ");
		jstr(b, s->prev->label);
		hlr_buf_puts(b, ", \"report\": ");
		jstr(b, s->prev->report->name);
		hlr_buf_putc(b, '}');
	} else {
		hlr_buf_puts(b, "null");
	}
	hlr_buf_putc(b, '}');
}

static void pad(struct hlr_buf *b, unsigned depth)
{
	hlr_buf_putc(b, '\n');
	for (unsigned i = 0; i < depth; i++)
		hlr_buf_puts(b, "  ");
}

void hlr_json_track_summary(struct hlr_buf *b, const struct hlr_ltrack *t)
{
	hlr_buf_putc(b, '[');
	for (unsigned i = 0; t && i < t->nrows; i++) {
		const struct hlr_lstatus_row *r = &t->rows[i];
		hlr_buf_puts(b, i ? "," : "");
		pad(b, 2);
		hlr_buf_puts(b, "{\"dimension\": ");
		jstr(b, r->key);
		hlr_buf_puts(b, ", \"label\": ");
		jstr(b, r->dimension);
		hlr_buf_puts(b, ", \"now\": ");
		if (r->now)
			hlr_json_status(b, r->now);
		else
			hlr_buf_puts(b, "null");
		hlr_buf_puts(b, ", \"last\": ");
		jstr(b, r->was ? r->was->key : NULL);
		hlr_buf_puts(b, ", \"change\": \"");
		for (const char *c = r->change; *c; c++)
			hlr_buf_putc(b, *c == ' ' ? '-' : *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c);
		hlr_buf_putc(b, '"');
		hlr_buf_putc(b, '}');
	}
	if (t && t->nrows)
		pad(b, 1);
	hlr_buf_putc(b, ']');
}

void hlr_json_metrics(struct hlr_buf *b, const struct hlr_ltrack *t, const struct hlr_report *r,
                      unsigned depth)
{
	hlr_buf_putc(b, '[');
	for (unsigned i = 0; i < t->nmetrics; i++) {
		const struct hlr_lmetric_row *m = &t->metrics[i];
		const struct hlr_metric_value *v = m->v;
		hlr_buf_puts(b, i ? "," : "");
		pad(b, depth + 1);
		hlr_buf_puts(b, "{\"metric\": ");
		jstr(b, v->def->key);
		hlr_buf_puts(b, ", \"label\": ");
		jstr(b, v->def->label);
		hlr_buf_puts(b, ", \"unit\": ");
		jstr(b, v->def->unit);
		hlr_buf_puts(b, ", \"authority\": ");
		jstr(b, v->authority >= 0 ? r->authorities[v->authority].tag : NULL);
		hlr_buf_puts(b, ", \"value\": ");
		jnum(b, v->v, v->decimals);
		hlr_buf_puts(b, ", \"text\": ");
		jstr(b, m->value);
		hlr_buf_puts(b, ", \"period\": ");
		jstr(b, r->period.label);
		hlr_buf_printf(b, ", \"carried\": %s,", v->carried ? "true" : "false");
		pad(b, depth + 2);
		hlr_buf_puts(b, "\"previous\": ");
		if (v->prev) {
			hlr_buf_puts(b, "{\"value\": ");
			jnum(b, v->prev->v, v->prev->decimals);
			hlr_buf_puts(b, ", \"period\": ");
			jstr(b, v->prev->report->period.label);
			hlr_buf_puts(b, ", \"report\": ");
			jstr(b, v->prev->report->name);
			hlr_buf_puts(b, "}, \"change\": ");
			unsigned dec = v->decimals > v->prev->decimals ? v->decimals : v->prev->decimals;
			jnum(b, v->v - v->prev->v, dec);
		} else {
			hlr_buf_puts(b, "null, \"change\": null");
		}
		hlr_buf_puts(b, ", \"direction\": ");
		jstr(b, m->direction);
		hlr_buf_puts(b, ", \"points\": ");
		hlr_buf_printf(b, "%u}", m->npoints);
	}
	if (t->nmetrics)
		pad(b, depth);
	hlr_buf_putc(b, ']');
}
