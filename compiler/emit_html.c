/* compiler: the HTML emitter (emit stage). A complete page (doctype, lang,
 * charset, title, the stylesheet from runtime/, header and main landmarks)
 * or, with --fragment, the report's <article> alone. Every text is escaped;
 * inline Markdown goes through libcmark's safe renderer (inline.c). */
#include "compiler/emit.h"
#include "compiler/resolve.h"
#include "runtime/style.h"

#include <string.h>

struct html {
	FILE *out;                      /* destination */
	struct hlr_buf b;               /* pending output */
	const struct hlr_report *r;     /* report */
	const struct hlr_emit_opts *o;  /* options */
	int err;                        /* a write failed */
	struct hlr_buf scratch;         /* a multi-line text joined for cmark */
};

static void flush(struct html *h, bool force)
{
	if (hlr_emit_flush(&h->b, h->out, force) != 0)
		h->err = -1;
}

static void esc(struct html *h, const char *s, size_t n)
{
	hlr_buf_put_html(&h->b, s, n);
}

static void escs(struct html *h, const char *s)
{
	hlr_buf_put_html(&h->b, s, strlen(s));
}

static void id_attr(struct html *h, const struct hlr_node *n)
{
	if (hlr_span_empty(n->id))
		return;
	hlr_buf_puts(&h->b, " id=\"");
	esc(h, n->src->data + n->id.start, hlr_span_len(n->id));
	hlr_buf_putc(&h->b, '"');
}

/* Visible labels; the full names are there for screen readers. */
static void tags(struct html *h, const struct hlr_node *n)
{
	unsigned shown[HLR_MAX_AUTHORITIES], count = 0;
	for (unsigned i = 0; i < n->ntags && count < HLR_MAX_AUTHORITIES; i++)
		if (n->tags[i].authority >= 0 && hlr_emit_first_tag(n, i))
			shown[count++] = i;
	if (!count)
		return;
	hlr_buf_puts(&h->b, "<span class=\"tags\">");
	for (unsigned k = 0; k < count; k++) {
		const struct hlr_authority *au = &h->r->authorities[n->tags[shown[k]].authority];
		hlr_buf_puts(&h->b, "<span class=\"tag\" title=\"");
		escs(h, au->name);
		hlr_buf_puts(&h->b, "\"><span aria-hidden=\"true\">");
		escs(h, au->tag);
		hlr_buf_puts(&h->b, "</span><span class=\"vh\">");
		escs(h, au->name);
		hlr_buf_puts(&h->b, k + 1 < count ? ",</span></span> " : ":</span></span>");
	}
	hlr_buf_puts(&h->b, "</span> ");
}

static void item_list(struct html *h, const struct hlr_node *first);

/* Carried content links to the report it was written in. */
static void from_link(struct html *h, const struct hlr_node *n)
{
	if (n->origin == h->r || !n->origin)
		return;

	char phrase[64];
	hlr_period_phrase(&n->origin->period, phrase);
	hlr_buf_puts(&h->b, " <a class=\"from\" href=\"");
	struct hlr_buf href = HLR_BUF_INIT;
	hlr_emit_href(&href, n->origin, ".html", hlr_span_empty(n->id) ? NULL : n->src->data + n->id.start,
	              hlr_span_len(n->id));
	esc(h, href.data, href.len);
	hlr_buf_free(&href);
	hlr_buf_puts(&h->b, "\">from ");
	escs(h, phrase);
	hlr_buf_puts(&h->b, "</a>");
}

static void open_tag(struct html *h, const char *tag, const struct hlr_node *n, const char *cls)
{
	hlr_buf_putc(&h->b, '<');
	hlr_buf_puts(&h->b, tag);
	id_attr(h, n);
	bool carried = n->origin && n->origin != h->r;
	if (cls || carried) {
		hlr_buf_puts(&h->b, " class=\"");
		if (cls)
			hlr_buf_puts(&h->b, cls);
		if (cls && carried)
			hlr_buf_putc(&h->b, ' ');
		if (carried)
			hlr_buf_puts(&h->b, "carried");
		hlr_buf_putc(&h->b, '"');
	}
	hlr_buf_putc(&h->b, '>');
}

static void item(struct html *h, const struct hlr_node *n)
{
	open_tag(h, "li", n, NULL);
	tags(h, n);
	hlr_inline_html_text(&h->b, &n->text, n->origin, &h->scratch);
	if (n->parent->kind != HLR_NODE_ITEM)
		from_link(h, n);
	for (const struct hlr_node *c = n->first; c; c = c->next)
		if (c->kind == HLR_NODE_ITEM && hlr_emit_visible(c, h->o)) {
			hlr_buf_putc(&h->b, '\n');
			item_list(h, n->first);
			break;
		}
	hlr_buf_puts(&h->b, "</li>\n");
}

/* The list of consecutive items starting at first (comments skipped). */
static void item_list(struct html *h, const struct hlr_node *first)
{
	hlr_buf_puts(&h->b, "<ul>\n");
	for (const struct hlr_node *n = first; n; n = n->next) {
		if (n->kind == HLR_NODE_COMMENT)
			continue;
		if (n->kind != HLR_NODE_ITEM) {
			if (hlr_emit_visible(n, h->o))
				break;
			continue; /* hidden in this view: the lists around it join */
		}
		if (hlr_emit_visible(n, h->o))
			item(h, n);
	}
	hlr_buf_puts(&h->b, "</ul>\n");
	flush(h, false);
}

static void section_anchor(struct html *h, const struct hlr_node *sec)
{
	struct hlr_span a = hlr_span_empty(sec->id) ? sec->key : sec->id;
	esc(h, sec->src->data + a.start, hlr_span_len(a));
}

static void blocks(struct html *h, const struct hlr_node *first);

/* "Unchanged since week ending 26th June 2020:" and what was carried. */
static void carried(struct html *h, const struct hlr_node *u)
{
	char phrase[64];
	hlr_period_phrase(&u->since->period, phrase);
	hlr_buf_puts(&h->b, "<div class=\"carried\">\n<p class=\"carried-note\">Unchanged since <a href=\"");
	struct hlr_buf href = HLR_BUF_INIT;
	hlr_emit_href(&href, u->since, ".html", NULL, 0);
	esc(h, href.data, href.len);
	hlr_buf_free(&href);
	hlr_buf_puts(&h->b, "\">");
	escs(h, phrase);
	hlr_buf_puts(&h->b, "</a>:</p>\n");
	blocks(h, u->first);
	hlr_buf_puts(&h->b, "</div>\n");
}

/* A section's content: runs of items become lists. */
static void blocks(struct html *h, const struct hlr_node *first)
{
	bool in_list = false;
	for (const struct hlr_node *n = first; n; n = n->next) {
		if (n->kind == HLR_NODE_COMMENT || !hlr_emit_visible(n, h->o))
			continue;
		if (n->kind != HLR_NODE_ITEM)
			in_list = false;
		switch (n->kind) {
		case HLR_NODE_ITEM:
			if (!in_list)
				item_list(h, n);
			in_list = true;
			break;
		case HLR_NODE_PARA:
			open_tag(h, "p", n, NULL);
			tags(h, n);
			hlr_inline_html_text(&h->b, &n->text, n->origin, &h->scratch);
			from_link(h, n);
			hlr_buf_puts(&h->b, "</p>\n");
			break;
		case HLR_NODE_NONE:
			open_tag(h, "p", n, "none");
			hlr_buf_puts(&h->b, "None");
			if (n->text.len) {
				hlr_buf_putc(&h->b, ' ');
				esc(h, n->text.s, n->text.len);
			}
			hlr_buf_puts(&h->b, "</p>\n");
			break;
		case HLR_NODE_UNCHANGED:
			if (n->since)
				carried(h, n);
			break;
		default:
			break;
		}
		flush(h, false);
	}
}

static void section(struct html *h, const struct hlr_node *sec, int level)
{
	hlr_buf_puts(&h->b, "<section class=\"section\" aria-labelledby=\"");
	section_anchor(h, sec);
	hlr_buf_printf(&h->b, "\">\n<h%d id=\"", level);
	section_anchor(h, sec);
	hlr_buf_puts(&h->b, "\">");
	escs(h, sec->title);
	hlr_buf_printf(&h->b, "</h%d>\n", level);
	if (!hlr_emit_section_has_content(sec, h->o))
		hlr_buf_puts(&h->b, "<p class=\"none\">None</p>\n");
	else
		blocks(h, sec->first);
	hlr_buf_puts(&h->b, "</section>\n");
}

static void meta(struct html *h, const char *label, const char *value, size_t n)
{
	hlr_buf_puts(&h->b, "<dt>");
	hlr_buf_puts(&h->b, label);
	hlr_buf_puts(&h->b, "</dt><dd>");
	esc(h, value, n);
	hlr_buf_puts(&h->b, "</dd>\n");
}

static void header(struct html *h)
{
	const struct hlr_report *r = h->r;
	hlr_buf_puts(&h->b, "<header class=\"report-header\">\n<h1>");
	escs(h, r->title);
	if (h->o->authority >= 0) {
		hlr_buf_puts(&h->b, " <span class=\"view\">(");
		escs(h, r->authorities[h->o->authority].name);
		hlr_buf_puts(&h->b, ")</span>");
	}
	hlr_buf_puts(&h->b, "</h1>\n<dl class=\"report-meta\">\n");
	if (r->nservices) {
		struct hlr_buf list = HLR_BUF_INIT;
		for (unsigned i = 0; i < r->nservices; i++) {
			if (i)
				hlr_buf_puts(&list, ", ");
			hlr_buf_puts(&list, r->services[i]);
		}
		meta(h, "Service areas", list.data, list.len);
		hlr_buf_free(&list);
	}
	if (r->author)
		meta(h, "Report author", r->author, strlen(r->author));
	/* a month is "2020-11" in HTML; weeks and quarters give their last day */
	char iso[11];
	hlr_date_format_iso(r->period.end, iso);
	if (r->period.kind == HLR_PERIOD_MONTH)
		iso[7] = '\0';
	hlr_buf_printf(&h->b, "<dt>Reporting period</dt><dd><time datetime=\"%s\">%s</time></dd>\n",
	               iso, r->period.label);
	if (r->nauthorities) {
		struct hlr_buf list = HLR_BUF_INIT;
		hlr_emit_authority_list(&list, r);
		meta(h, "Local authority", list.data, list.len);
		hlr_buf_free(&list);
	}
	if (h->o->authority >= 0) {
		const char *name = r->authorities[h->o->authority].name;
		struct hlr_buf v = HLR_BUF_INIT;
		hlr_buf_printf(&v, "items for %s and items for everyone", name);
		meta(h, "View", v.data, v.len);
		hlr_buf_free(&v);
	}
	hlr_buf_puts(&h->b, "</dl>\n</header>\n");
}

static void body(struct html *h)
{
	unsigned nparts = 0;
	for (const struct hlr_node *n = h->r->root->first; n; n = n->next) {
		if (n->kind == HLR_NODE_PART) {
			nparts++;
			hlr_buf_printf(&h->b, "<section class=\"part\" aria-labelledby=\"part-%u\">\n"
			                      "<h2 id=\"part-%u\">", nparts, nparts);
			esc(h, n->text.s, n->text.len);
			hlr_buf_puts(&h->b, "</h2>\n");
			for (const struct hlr_node *s = n->first; s; s = s->next)
				if (s->kind == HLR_NODE_SECTION)
					section(h, s, 3);
			hlr_buf_puts(&h->b, "</section>\n");
		} else if (n->kind == HLR_NODE_SECTION) {
			section(h, n, 2);
		}
	}
}

/* A site's navigation: the index, and the reports before and after. */
static void site_nav(struct html *h)
{
	const struct hlr_emit_opts *o = h->o;
	if (!o->index_href && !o->prev && !o->next)
		return;
	hlr_buf_puts(&h->b, "<nav class=\"series-nav\" aria-label=\"Reports in this series\">\n<ul>\n");
	if (o->index_href) {
		hlr_buf_puts(&h->b, "<li><a href=\"");
		escs(h, o->index_href);
		hlr_buf_puts(&h->b, "\">All reports</a></li>\n");
	}
	const struct hlr_report *links[2] = {o->prev, o->next};
	static const char *rel[2] = {"prev", "next"};
	static const char *word[2] = {"Previous", "Next"};
	for (int i = 0; i < 2; i++) {
		if (!links[i])
			continue;
		struct hlr_buf href = HLR_BUF_INIT;
		hlr_emit_href(&href, links[i], ".html", NULL, 0);
		hlr_buf_printf(&h->b, "<li><a rel=\"%s\" href=\"", rel[i]);
		esc(h, href.data, href.len);
		hlr_buf_printf(&h->b, "\">%s: ", word[i]);
		escs(h, links[i]->period.label);
		hlr_buf_puts(&h->b, "</a></li>\n");
		hlr_buf_free(&href);
	}
	hlr_buf_puts(&h->b, "</ul>\n</nav>\n");
}

int hlr_emit_html(FILE *out, struct hlr_report *r, struct hlr_arena *a,
                  const struct hlr_emit_opts *o)
{
	(void)a;
	struct html h = {out, HLR_BUF_INIT, r, o, 0, HLR_BUF_INIT};
	if (o->fragment) {
		hlr_buf_puts(&h.b, "<article class=\"hlr-report\">\n");
		header(&h);
		body(&h);
		hlr_buf_puts(&h.b, "</article>\n");
	} else {
		hlr_buf_puts(&h.b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
		                   "<meta charset=\"utf-8\">\n"
		                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		                   "<title>");
		escs(&h, r->title);
		hlr_buf_puts(&h.b, " \xE2\x80\x93 ");
		escs(&h, r->period.label);
		if (o->authority >= 0) {
			hlr_buf_puts(&h.b, " (");
			escs(&h, r->authorities[o->authority].name);
			hlr_buf_puts(&h.b, ")");
		}
		hlr_buf_puts(&h.b, "</title>\n<style>\n");
		hlr_buf_put(&h.b, hlr_style_css, hlr_style_css_len);
		hlr_buf_puts(&h.b, "</style>\n</head>\n<body>\n");
		site_nav(&h);
		header(&h);
		hlr_buf_puts(&h.b, "<main class=\"report-body\">\n");
		body(&h);
		hlr_buf_puts(&h.b, "</main>\n</body>\n</html>\n");
	}
	flush(&h, true);
	hlr_buf_free(&h.b);
	hlr_buf_free(&h.scratch);
	return h.err;
}
