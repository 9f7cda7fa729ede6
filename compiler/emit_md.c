/* compiler: the Markdown writer (write stage, see emit.h). CommonMark laid
 * out like the report: the title, the header lines, parts and sections as
 * headings, lists, paragraphs, "None" and carried content. */
#include "compiler/emit.h"
#include "compiler/emit_track.h"
#include "compiler/resolve.h"
#include "runtime/utf8.h"

#include <stdlib.h>
#include <string.h>

struct md {
	struct hlr_buf *b;          /* output */
	struct hlr_wout *w;         /* where it goes */
	const struct hlr_doc *doc;  /* what is written */
	const char *subhashes;      /* a sub-heading's "###" or "####" */
};

static void tags(struct md *m, const struct hlr_lnode *n)
{
	if (!n->ntags)
		return;
	hlr_buf_puts(m->b, "**");
	for (unsigned i = 0; i < n->ntags; i++) {
		hlr_buf_puts(m->b, i ? ", " : "");
		hlr_buf_puts(m->b, m->doc->report->authorities[n->tags[i]].tag);
	}
	hlr_buf_puts(m->b, n->text->len ? ":** " : ":**");
}

static void anchor(struct md *m, const char *id, size_t len)
{
	if (!id)
		return;
	hlr_buf_puts(m->b, "<a id=\"");
	hlr_buf_put(m->b, id, len);
	hlr_buf_puts(m->b, "\"></a>");
}

/* An item: its marker ("- ", "3. ", or for letters and Roman numerals,
 * which CommonMark does not number, "- c) "), text and nested items, at
 * indent (the content column of the item it is nested in). */
static void item(struct md *m, const struct hlr_lnode *n, const char *indent)
{
	char mark[24] = "";
	size_t mn = n->list_style != HLR_LIST_BULLET
	            ? hlr_list_marker(mark, (enum hlr_list_style)n->list_style, n->number,
	                              n->list_delim)
	            : 0;
	bool numbered = mn && n->list_style == HLR_LIST_DECIMAL;
	hlr_buf_puts(m->b, indent);
	hlr_buf_puts(m->b, numbered ? mark : "-");
	hlr_buf_putc(m->b, ' ');
	if (mn && !numbered) {
		hlr_buf_puts(m->b, mark);
		hlr_buf_putc(m->b, ' ');
	}
	anchor(m, n->anchor, n->anchor_len);
	tags(m, n);
	size_t in = strlen(indent), width = numbered ? mn + 1 : 2;
	char sub[HLR_MAX_DEPTH * 12 + 4]; /* a marker is at most 11 columns */
	if (in + width >= sizeof sub)
		width = 0;
	memcpy(sub, indent, in);
	memset(sub + in, ' ', width);
	sub[in + width] = '\0';
	hlr_inline_md(m->b, n->text, n->inl, n->verbatim, sub);
	if (n->status) {
		hlr_buf_printf(m->b, "%s\n%s", n->text->len ? "\\" : "", sub);
		hlr_md_status(m->b, n->status);
	}
	if (n->note) {
		hlr_buf_printf(m->b, "\\\n%s", sub);
		hlr_inline_md(m->b, n->note, NULL, false, sub);
	}
	hlr_buf_putc(m->b, '\n');
	for (const struct hlr_lnode *c = n->first; c; c = c->next) {
		/* a list right after another of the same kind would join it */
		if (c != n->first && c->list_start)
			hlr_buf_printf(m->b, "\n%s<!-- -->\n\n", sub);
		item(m, c, sub);
	}
}

/* A rendered cell, with a backslash before each bar that has none (a
 * bar after an even run of backslashes would end the cell). */
static void cell_md(struct hlr_buf *out, const struct hlr_buf *tmp)
{
	size_t run = 0;
	for (size_t i = 0; i < tmp->len; i++) {
		char c = tmp->data[i];
		if (c == '|' && run % 2 == 0)
			hlr_buf_putc(out, '\\');
		hlr_buf_putc(out, c == '\n' ? ' ' : c);
		run = c == '\\' ? run + 1 : 0;
	}
}

/* A GFM table, its columns padded: "Table: caption" above it when it has
 * one (as pandoc writes a caption), a row's tags first in its first cell. */
static void table(struct md *m, const struct hlr_lnode *t)
{
	unsigned ncols = t->table->ncols, nrows = 0;
	for (const struct hlr_lnode *r = t->first; r; r = r->next)
		nrows++;
	if (t->text->len || t->anchor) {
		anchor(m, t->anchor, t->anchor_len);
		hlr_buf_puts(m->b, "Table: ");
		hlr_inline_md(m->b, t->text, t->inl, t->verbatim, "");
		hlr_buf_puts(m->b, "\n\n");
	}
	/* every cell rendered once, then written padded to its column */
	struct hlr_buf cells = HLR_BUF_INIT, tmp = HLR_BUF_INIT;
	size_t *at = hlr_xmalloc(((size_t)nrows * ncols + 1) * sizeof *at);
	size_t *width = hlr_xmalloc(((size_t)ncols + 1) * sizeof *width);
	for (unsigned c = 0; c < ncols; c++)
		width[c] = 3;
	size_t k = 0;
	for (const struct hlr_lnode *r = t->first; r; r = r->next) {
		for (unsigned c = 0; c < ncols; c++) {
			at[k++] = cells.len;
			tmp.len = 0;
			if (c == 0 && r->ntags) {
				hlr_buf_puts(&tmp, "**");
				for (unsigned i = 0; i < r->ntags; i++) {
					hlr_buf_puts(&tmp, i ? ", " : "");
					hlr_buf_puts(&tmp, m->doc->report->authorities[r->tags[i]].tag);
				}
				hlr_buf_puts(&tmp, ":**");
				if (c < r->ncells && r->cells[c].text.len)
					hlr_buf_putc(&tmp, ' ');
			}
			if (c < r->ncells)
				hlr_inline_md(&tmp, &r->cells[c].text, r->cells[c].inl,
				              r->cells[c].text_class == HLR_TEXT_VERBATIM, "");
			cell_md(&cells, &tmp);
			/* (an empty cell may leave the buffer unallocated) */
			size_t w = cells.len > at[k - 1]
			                   ? hlr_utf8_count(cells.data + at[k - 1], cells.len - at[k - 1])
			                   : 0;
			if (w > width[c])
				width[c] = w;
		}
	}
	at[k] = cells.len;
	k = 0;
	for (const struct hlr_lnode *r = t->first; r; r = r->next) {
		hlr_buf_putc(m->b, '|');
		for (unsigned c = 0; c < ncols; c++, k++) {
			const char *s = cells.data ? cells.data + at[k] : "";
			size_t n = at[k + 1] - at[k], w = hlr_utf8_count(s, n);
			hlr_buf_putc(m->b, ' ');
			hlr_buf_put(m->b, s, n);
			for (; w < width[c]; w++)
				hlr_buf_putc(m->b, ' ');
			hlr_buf_puts(m->b, " |");
		}
		hlr_buf_putc(m->b, '\n');
		if (r != t->first)
			continue;
		hlr_buf_putc(m->b, '|');
		for (unsigned c = 0; c < ncols; c++) {
			unsigned al = t->table->align ? t->table->align[c] : HLR_ALIGN_NONE;
			hlr_buf_putc(m->b, ' ');
			hlr_buf_putc(m->b, al == HLR_ALIGN_LEFT || al == HLR_ALIGN_CENTER ? ':' : '-');
			for (size_t w = 2; w < width[c]; w++)
				hlr_buf_putc(m->b, '-');
			hlr_buf_putc(m->b, al == HLR_ALIGN_RIGHT || al == HLR_ALIGN_CENTER ? ':' : '-');
			hlr_buf_puts(m->b, " |");
		}
		hlr_buf_putc(m->b, '\n');
	}
	free(at);
	free(width);
	hlr_buf_free(&cells);
	hlr_buf_free(&tmp);
}

static void blocks(struct md *m, const struct hlr_lnode *first)
{
	const struct hlr_lnode *prev = NULL;
	for (const struct hlr_lnode *n = first; n; prev = n, n = n->next) {
		hlr_buf_putc(m->b, '\n');
		/* a list right after a carried list, or after another list,
		 * would join it: end that one */
		if (prev && (prev->kind == HLR_L_CARRIED || prev->kind == HLR_L_LIST) &&
		    n->kind == HLR_L_LIST)
			hlr_buf_puts(m->b, "<!-- -->\n\n");
		switch (n->kind) {
		case HLR_L_LIST:
			for (const struct hlr_lnode *i = n->first; i; i = i->next) {
				item(m, i, "");
				hlr_wout_drain(m->w, false);
			}
			break;
		case HLR_L_SUBHEAD:
			hlr_buf_puts(m->b, m->subhashes);
			hlr_buf_putc(m->b, ' ');
			anchor(m, n->anchor, n->anchor_len);
			hlr_md_escape(m->b, n->title, n->title_len);
			hlr_buf_putc(m->b, '\n');
			break;
		case HLR_L_PARA:
			anchor(m, n->anchor, n->anchor_len);
			tags(m, n);
			hlr_inline_md(m->b, n->text, n->inl, n->verbatim, "");
			hlr_buf_putc(m->b, '\n');
			break;
		case HLR_L_TABLE:
			table(m, n);
			break;
		case HLR_L_NONE:
			hlr_buf_puts(m->b, "None");
			if (n->text->len) {
				hlr_buf_putc(m->b, ' ');
				hlr_md_escape(m->b, n->text->s, n->text->len);
			}
			hlr_buf_putc(m->b, '\n');
			break;
		case HLR_L_METRICS:
			hlr_md_metrics(m->b, m->doc->track);
			break;
		case HLR_L_CARRIED: {
			char phrase[64];
			hlr_period_phrase(&n->since->period, phrase);
			hlr_buf_printf(m->b, "Unchanged since [%s](", phrase);
			hlr_report_href(m->b, n->since->name, ".md", NULL, 0);
			hlr_buf_puts(m->b, "):\n");
			blocks(m, n->first);
			break;
		}
		default:
			break;
		}
		hlr_wout_drain(m->w, false);
	}
}

static void section(struct md *m, const struct hlr_lnode *sec, const char *hashes)
{
	if (sec->lead) { /* the lead has no heading */
		blocks(m, sec->first);
		return;
	}
	m->subhashes = strlen(hashes) == 2 ? "###" : "####";
	hlr_buf_printf(m->b, "\n%s ", hashes);
	anchor(m, sec->anchor, sec->anchor_len);
	hlr_md_escape(m->b, sec->title, sec->title_len);
	hlr_buf_putc(m->b, '\n');
	if (sec->status) {
		hlr_buf_putc(m->b, '\n');
		hlr_md_status(m->b, sec->status);
		hlr_buf_putc(m->b, '\n');
	}
	if (!sec->first)
		hlr_buf_puts(m->b, "\nNone\n");
	else
		blocks(m, sec->first);
}

/* The protective marking, a paragraph of its own at the top and foot. */
static void marking(struct md *m)
{
	if (!m->doc->marking)
		return;
	hlr_buf_puts(m->b, "**");
	hlr_md_escape(m->b, m->doc->marking, strlen(m->doc->marking));
	hlr_buf_puts(m->b, "**\n\n");
}

static void header(struct md *m)
{
	const struct hlr_doc *doc = m->doc;
	marking(m);
	hlr_buf_puts(m->b, "# ");
	hlr_md_escape(m->b, doc->title, strlen(doc->title));
	if (doc->view_name) {
		hlr_buf_puts(m->b, " (");
		hlr_md_escape(m->b, doc->view_name, strlen(doc->view_name));
		hlr_buf_putc(m->b, ')');
	}
	hlr_buf_puts(m->b, "\n\n");
	for (unsigned i = 0; i < doc->nfields; i++) {
		const struct hlr_lfield *f = &doc->fields[i];
		hlr_buf_puts(m->b, i ? "\\\n**" : "**");
		hlr_md_escape(m->b, f->label, strlen(f->label));
		hlr_buf_puts(m->b, ":** ");
		if (!f->parts)
			hlr_md_escape(m->b, f->value, strlen(f->value));
		for (unsigned k = 0; k < f->nparts; k++)
			hlr_md_escape(m->b, f->parts[k], strlen(f->parts[k]));
	}
	hlr_buf_putc(m->b, '\n');
}

void hlr_write_md(struct hlr_wout *w, const struct hlr_doc *doc)
{
	struct hlr_buf *out = w->b;
	struct md m = {out, w, doc, "###"};
	header(&m);
	hlr_md_track_summary(out, doc->track);
	for (const struct hlr_lnode *n = doc->first; n; n = n->next) {
		if (n->kind == HLR_L_PART) {
			hlr_buf_puts(out, "\n## ");
			anchor(&m, n->anchor, n->anchor_len);
			hlr_md_escape(out, n->title, n->title_len);
			hlr_buf_putc(out, '\n');
			for (const struct hlr_lnode *s = n->first; s; s = s->next)
				section(&m, s, "###");
		} else {
			section(&m, n, "##");
		}
	}
	if (doc->marking) {
		hlr_buf_putc(out, '\n');
		marking(&m);
		out->len--; /* one line end, as after the last section */
	}
}
