/* compiler: the HTML writer (write stage, see emit.h). A complete page
 * (doctype, lang, charset, title, the stylesheet from runtime/, header and
 * main landmarks) or the report's <article> alone. Every text is escaped;
 * inline Markdown is rendered by libcmark from its safe tree (inline.c). */
#include "compiler/emit.h"
#include "compiler/emit_track.h"
#include "compiler/resolve.h"
#include "runtime/style.h"

#include <string.h>

struct html {
	struct hlr_buf *b;          /* output */
	struct hlr_wout *w;         /* where it goes */
	const struct hlr_doc *doc;  /* what is written */
	struct hlr_buf href;        /* scratch for links */
	int level;                  /* the heading level of the section written */
	const struct hlr_lnode *sec;/* the section being written */
	unsigned ntables;           /* tables written so far (their caption ids) */
};

static void esc(struct html *h, const char *s, size_t n)
{
	hlr_buf_put_html(h->b, s, n);
}

static void escs(struct html *h, const char *s)
{
	hlr_buf_put_html(h->b, s, strlen(s));
}

/* href="..." of report r's page, with an anchor. */
static void href(struct html *h, const struct hlr_report *r, const char *anchor, size_t len)
{
	h->href.len = 0;
	hlr_report_href(&h->href, r->name, ".html", anchor, len);
	esc(h, h->href.data, h->href.len);
}

/* Visible labels; the full names are there for screen readers. */
static void tags(struct html *h, const struct hlr_lnode *n)
{
	if (!n->ntags)
		return;
	hlr_buf_puts(h->b, "<span class=\"tags\">");
	for (unsigned k = 0; k < n->ntags; k++) {
		const struct hlr_authority *au = &h->doc->report->authorities[n->tags[k]];
		hlr_buf_puts(h->b, "<span class=\"tag\" title=\"");
		escs(h, au->name);
		hlr_buf_puts(h->b, "\"><span aria-hidden=\"true\">");
		escs(h, au->tag);
		hlr_buf_puts(h->b, "</span><span class=\"vh\">");
		escs(h, au->name);
		hlr_buf_puts(h->b, k + 1 < n->ntags ? ",</span></span> " : ":</span></span>");
	}
	hlr_buf_puts(h->b, "</span> ");
}

/* Carried content links to the report it was written in. */
static void from_link(struct html *h, const struct hlr_lnode *n)
{
	if (!n->from)
		return;
	char phrase[64];
	hlr_period_phrase(&n->from->period, phrase);
	hlr_buf_puts(h->b, " <a class=\"from\" href=\"");
	href(h, n->from, n->anchor, n->anchor_len);
	hlr_buf_puts(h->b, "\">from ");
	escs(h, phrase);
	hlr_buf_puts(h->b, "</a>");
}

static void open_tag(struct html *h, const char *tag, const struct hlr_lnode *n, const char *cls)
{
	hlr_buf_putc(h->b, '<');
	hlr_buf_puts(h->b, tag);
	if (n->anchor) {
		hlr_buf_puts(h->b, " id=\"");
		esc(h, n->anchor, n->anchor_len);
		hlr_buf_putc(h->b, '"');
	}
	if (cls || n->from) {
		hlr_buf_puts(h->b, " class=\"");
		if (cls)
			hlr_buf_puts(h->b, cls);
		if (cls && n->from)
			hlr_buf_putc(h->b, ' ');
		if (n->from)
			hlr_buf_puts(h->b, "carried");
		hlr_buf_putc(h->b, '"');
	}
	hlr_buf_putc(h->b, '>');
}

static void list(struct html *h, const struct hlr_lnode *first, bool top);

static void item(struct html *h, const struct hlr_lnode *n, bool top)
{
	open_tag(h, "li", n, NULL);
	tags(h, n);
	hlr_inline_html(h->b, n->text, n->inl);
	if (n->status)
		hlr_html_status(h->b, n->status, true);
	if (n->note) {
		hlr_buf_puts(h->b, "<br><span class=\"entry-note\">");
		hlr_inline_html(h->b, n->note, NULL);
		hlr_buf_puts(h->b, "</span>");
	}
	if (top)
		from_link(h, n);
	if (n->first) {
		hlr_buf_putc(h->b, '\n');
		list(h, n->first, false);
	}
	hlr_buf_puts(h->b, "</li>\n");
}

/* "<ul>", or "<ol>" with the first number and the kind of numbering when
 * they are not "1" and digits. */
static const char *open_list(struct html *h, const struct hlr_lnode *first)
{
	static const char type[] = {[HLR_LIST_LOWER_ALPHA] = 'a', [HLR_LIST_UPPER_ALPHA] = 'A',
	                            [HLR_LIST_LOWER_ROMAN] = 'i', [HLR_LIST_UPPER_ROMAN] = 'I'};
	if (first->list_style == HLR_LIST_BULLET) {
		hlr_buf_puts(h->b, "<ul>\n");
		return "</ul>\n";
	}
	hlr_buf_puts(h->b, "<ol");
	if (first->number != 1)
		hlr_buf_printf(h->b, " start=\"%lu\"", (unsigned long)first->number);
	if (first->list_style != HLR_LIST_DECIMAL)
		hlr_buf_printf(h->b, " type=\"%c\"", type[first->list_style]);
	hlr_buf_puts(h->b, ">\n");
	return "</ol>\n";
}

/* Items, in as many lists as start among them (lowering says where). */
static void list(struct html *h, const struct hlr_lnode *first, bool top)
{
	const char *close = NULL;
	for (const struct hlr_lnode *n = first; n; n = n->next) {
		if (!close || n->list_start) {
			if (close)
				hlr_buf_puts(h->b, close);
			close = open_list(h, n);
		}
		item(h, n, top);
		if (top)
			hlr_wout_drain(h->w, false);
	}
	if (close)
		hlr_buf_puts(h->b, close);
}

static const char *const align_class[] = {"", " class=\"al-l\"", " class=\"al-c\"",
                                          " class=\"al-r\""};

/* A table in a region that scrolls sideways on a narrow screen: focusable
 * (so a keyboard can scroll it) and named by the caption, or else "Table
 * N, " and the section's heading. Header cells have a scope; a row's first cell heads
 * it when the header row's first cell is empty. */
static void table(struct html *h, const struct hlr_lnode *t)
{
	const struct hlr_table *tab = t->table;
	unsigned id = ++h->ntables;
	bool cap = t->text->len > 0;
	hlr_buf_puts(h->b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" ");
	if (cap) {
		hlr_buf_printf(h->b, "aria-labelledby=\"hlr-table-%u\">\n", id);
	} else {
		/* unique among the page's landmarks (the section is one) */
		hlr_buf_printf(h->b, "aria-label=\"Table %u", id);
		if (h->sec) {
			hlr_buf_puts(h->b, ", ");
			esc(h, h->sec->title, h->sec->title_len);
		}
		hlr_buf_puts(h->b, "\">\n");
	}
	open_tag(h, "table", t, NULL);
	hlr_buf_putc(h->b, '\n');
	if (cap) {
		hlr_buf_printf(h->b, "<caption id=\"hlr-table-%u\">", id);
		hlr_inline_html(h->b, t->text, t->inl);
		from_link(h, t);
		hlr_buf_puts(h->b, "</caption>\n");
	}
	for (const struct hlr_lnode *r = t->first; r; r = r->next) {
		if (r == t->first && r->header)
			hlr_buf_puts(h->b, "<thead>\n");
		else if (r == t->first || r == t->first->next)
			hlr_buf_puts(h->b, "<tbody>\n");
		hlr_buf_puts(h->b, "<tr>");
		for (unsigned c = 0; c < tab->ncols; c++) {
			const char *al = align_class[tab->align ? tab->align[c] & 3 : 0];
			const struct hlr_cell *cell = c < r->ncells ? &r->cells[c] : NULL;
			bool empty = !cell || !cell->text.len;
			if (r->header && c == 0 && tab->row_headers && empty)
				hlr_buf_printf(h->b, "<td%s>", al);
			else if (r->header)
				hlr_buf_printf(h->b, "<th scope=\"col\"%s>", al);
			else if (c == 0 && tab->row_headers)
				hlr_buf_printf(h->b, "<th scope=\"row\"%s>", al);
			else
				hlr_buf_printf(h->b, "<td%s>", al);
			if (c == 0)
				tags(h, r);
			if (cell)
				hlr_inline_html(h->b, &cell->text, cell->inl);
			bool th = r->header ? !(c == 0 && tab->row_headers && empty)
			                    : c == 0 && tab->row_headers;
			hlr_buf_puts(h->b, th ? "</th>" : "</td>");
		}
		hlr_buf_puts(h->b, "</tr>\n");
		if (r == t->first && r->header)
			hlr_buf_puts(h->b, "</thead>\n");
		if (!r->next && !(r == t->first && r->header))
			hlr_buf_puts(h->b, "</tbody>\n");
	}
	hlr_buf_puts(h->b, "</table>\n</div>\n");
}

static void blocks(struct html *h, const struct hlr_lnode *first)
{
	for (const struct hlr_lnode *n = first; n; n = n->next) {
		switch (n->kind) {
		case HLR_L_LIST:
			list(h, n->first, true);
			break;
		case HLR_L_SUBHEAD:
			hlr_buf_printf(h->b, "<h%d id=\"", h->level + 1);
			esc(h, n->anchor, n->anchor_len);
			hlr_buf_puts(h->b, n->from ? "\" class=\"carried\">" : "\">");
			esc(h, n->title, n->title_len);
			hlr_buf_printf(h->b, "</h%d>\n", h->level + 1);
			break;
		case HLR_L_PARA:
			open_tag(h, "p", n, NULL);
			tags(h, n);
			hlr_inline_html(h->b, n->text, n->inl);
			from_link(h, n);
			hlr_buf_puts(h->b, "</p>\n");
			break;
		case HLR_L_TABLE:
			table(h, n);
			break;
		case HLR_L_NONE:
			open_tag(h, "p", n, "none");
			hlr_buf_puts(h->b, "None");
			if (n->text->len) {
				hlr_buf_putc(h->b, ' ');
				esc(h, n->text->s, n->text->len);
			}
			hlr_buf_puts(h->b, "</p>\n");
			break;
		case HLR_L_METRICS:
			hlr_html_metrics(h->b, h->doc->track);
			break;
		case HLR_L_CARRIED: {
			/* "Unchanged since week ending 26th June 2020:" and what was carried */
			char phrase[64];
			hlr_period_phrase(&n->since->period, phrase);
			hlr_buf_puts(h->b, "<div class=\"carried\">\n<p class=\"carried-note\">"
			                   "Unchanged since <a href=\"");
			href(h, n->since, NULL, 0);
			hlr_buf_puts(h->b, "\">");
			escs(h, phrase);
			hlr_buf_puts(h->b, "</a>:</p>\n");
			blocks(h, n->first);
			hlr_buf_puts(h->b, "</div>\n");
			break;
		}
		default:
			break;
		}
		hlr_wout_drain(h->w, false);
	}
}

/* part: the part with an id the section is in, else NULL: its sections,
 * whose keywords other parts repeat, are labelled by both headings, so
 * that each landmark's name is unique ("Workstream A Progress"). */
static void section(struct html *h, const struct hlr_lnode *sec, int level,
                    const struct hlr_lnode *part)
{
	h->sec = sec;
	if (sec->lead) { /* the lead has no heading */
		hlr_buf_puts(h->b, "<div class=\"lead\" id=\"");
		esc(h, sec->anchor, sec->anchor_len);
		hlr_buf_puts(h->b, "\">\n");
		h->level = level;
		blocks(h, sec->first);
		hlr_buf_puts(h->b, "</div>\n");
		return;
	}
	hlr_buf_puts(h->b, "<section class=\"section\" aria-labelledby=\"");
	if (part && part->anchor) {
		esc(h, part->anchor, part->anchor_len);
		hlr_buf_putc(h->b, ' ');
	}
	esc(h, sec->anchor, sec->anchor_len);
	h->level = level;
	hlr_buf_printf(h->b, "\">\n<h%d id=\"", level);
	esc(h, sec->anchor, sec->anchor_len);
	hlr_buf_puts(h->b, "\">");
	esc(h, sec->title, sec->title_len);
	hlr_buf_printf(h->b, "</h%d>\n", level);
	if (sec->status)
		hlr_html_status(h->b, sec->status, false);
	if (!sec->first)
		hlr_buf_puts(h->b, "<p class=\"none\">None</p>\n");
	else
		blocks(h, sec->first);
	if (h->doc->nnav && sec->nentries) {
		/* a page of a site: the log's page (site.c) */
		hlr_buf_puts(h->b, "<p class=\"log-link\"><a href=\"log-");
		esc(h, sec->keyword, sec->keyword_len);
		hlr_buf_puts(h->b, ".html\">Every entry of this log, with its history</a></p>\n");
	}
	hlr_buf_puts(h->b, "</section>\n");
}

/* The protective marking, at the top of the header and in the footer. */
static void marking(struct html *h)
{
	if (!h->doc->marking)
		return;
	hlr_buf_puts(h->b, "<p class=\"marking\"><strong>");
	escs(h, h->doc->marking);
	hlr_buf_puts(h->b, "</strong></p>\n");
}

static void footer(struct html *h)
{
	if (!h->doc->marking)
		return;
	hlr_buf_puts(h->b, "<footer class=\"report-footer\">\n");
	marking(h);
	hlr_buf_puts(h->b, "</footer>\n");
}

void hlr_html_marking_css(struct hlr_buf *b, const char *s, size_t n)
{
	static const char *const where[] = {"top-center", "bottom-center"};
	hlr_buf_puts(b, "@page {");
	for (int k = 0; k < 2; k++) {
		hlr_buf_printf(b, " @%s { content: \"", where[k]);
		for (size_t i = 0; i < n; i++) {
			unsigned char ch = (unsigned char)s[i];
			if (ch == '"' || ch == '\\' || ch == '<' || ch == '>' || ch == '&' || ch < 0x20)
				hlr_buf_printf(b, "\\%x ", ch); /* no markup, no end of string */
			else
				hlr_buf_putc(b, (char)ch);
		}
		hlr_buf_puts(b, "\"; font: bold 10pt sans-serif; }");
	}
	hlr_buf_puts(b, " }\n.marking { text-align: center; }\n");
}

static void header(struct html *h)
{
	const struct hlr_doc *doc = h->doc;
	hlr_buf_puts(h->b, "<header class=\"report-header\">\n");
	marking(h);
	hlr_buf_puts(h->b, "<h1>");
	escs(h, doc->title);
	if (doc->view_name) {
		hlr_buf_puts(h->b, " <span class=\"view\">(");
		escs(h, doc->view_name);
		hlr_buf_puts(h->b, ")</span>");
	}
	hlr_buf_puts(h->b, "</h1>\n<dl class=\"report-meta\">\n");
	for (unsigned i = 0; i < doc->nfields; i++) {
		const struct hlr_lfield *f = &doc->fields[i];
		hlr_buf_puts(h->b, "<dt>");
		escs(h, f->label);
		hlr_buf_puts(h->b, "</dt><dd>");
		if (f->datetime)
			hlr_buf_printf(h->b, "<time datetime=\"%s\">", f->datetime);
		escs(h, f->value);
		hlr_buf_puts(h->b, f->datetime ? "</time></dd>\n" : "</dd>\n");
	}
	hlr_buf_puts(h->b, "</dl>\n</header>\n");
}

static void body(struct html *h)
{
	unsigned nparts = 0;
	for (const struct hlr_lnode *n = h->doc->first; n; n = n->next) {
		if (n->kind != HLR_L_PART) {
			section(h, n, 2, NULL);
			continue;
		}
		nparts++;
		if (n->anchor) {
			/* a part with an id: the id is its anchor */
			hlr_buf_puts(h->b, "<section class=\"part\" aria-labelledby=\"");
			esc(h, n->anchor, n->anchor_len);
			hlr_buf_puts(h->b, "\">\n<h2 id=\"");
			esc(h, n->anchor, n->anchor_len);
			hlr_buf_puts(h->b, "\">");
		} else {
			hlr_buf_printf(h->b, "<section class=\"part\" aria-labelledby=\"part-%u\">\n"
			                     "<h2 id=\"part-%u\">", nparts, nparts);
		}
		esc(h, n->title, n->title_len);
		hlr_buf_puts(h->b, "</h2>\n");
		for (const struct hlr_lnode *s = n->first; s; s = s->next)
			section(h, s, 3, n);
		hlr_buf_puts(h->b, "</section>\n");
	}
}

/* A site's navigation: the index, and the reports before and after. */
static void nav(struct html *h)
{
	const struct hlr_doc *doc = h->doc;
	if (!doc->nnav)
		return;
	hlr_buf_puts(h->b, "<nav class=\"series-nav\" aria-label=\"Reports in this series\">\n<ul>\n");
	for (unsigned i = 0; i < doc->nnav; i++) {
		const struct hlr_llink *l = &doc->nav[i];
		hlr_buf_puts(h->b, "<li><a ");
		if (l->rel)
			hlr_buf_printf(h->b, "rel=\"%s\" ", l->rel);
		hlr_buf_puts(h->b, "href=\"");
		if (l->report)
			href(h, l->report, NULL, 0);
		else
			escs(h, l->href);
		hlr_buf_puts(h->b, "\">");
		escs(h, l->label);
		hlr_buf_puts(h->b, "</a></li>\n");
	}
	hlr_buf_puts(h->b, "</ul>\n</nav>\n");
}

void hlr_write_html(struct hlr_wout *w, const struct hlr_doc *doc, bool fragment)
{
	struct hlr_buf *out = w->b;
	struct html h = {out, w, doc, HLR_BUF_INIT, 2, NULL, 0};
	if (fragment) {
		hlr_buf_puts(out, "<article class=\"hlr-report\">\n");
		header(&h);
		hlr_html_track_summary(out, doc->track);
		body(&h);
		footer(&h);
		hlr_buf_puts(out, "</article>\n");
	} else {
		hlr_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
		                  "<meta charset=\"utf-8\">\n"
		                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		                  "<title>");
		escs(&h, doc->page_title);
		hlr_buf_puts(out, "</title>\n<style>\n");
		hlr_buf_put(out, hlr_style_css, hlr_style_css_len);
		if (doc->marking)
			hlr_html_marking_css(out, doc->marking, strlen(doc->marking));
		hlr_buf_puts(out, "</style>\n");
		hlr_html_track_css(out, doc);
		hlr_buf_puts(out, "</head>\n<body>\n");
		nav(&h);
		header(&h);
		hlr_buf_puts(out, "<main class=\"report-body\">\n");
		hlr_html_track_summary(out, doc->track);
		body(&h);
		hlr_buf_puts(out, "</main>\n");
		footer(&h);
		hlr_buf_puts(out, "</body>\n</html>\n");
	}
	hlr_buf_free(&h.href);
}
