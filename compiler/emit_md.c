/* compiler: the Markdown emitter (emit stage). Writes CommonMark laid out
 * like the report: the title, the header lines, parts and sections as
 * headings, items as lists, paragraphs, and "None". */
#include "compiler/emit.h"
#include "compiler/resolve.h"

#include <string.h>

struct md {
	FILE *out;                      /* destination */
	struct hlr_buf b;               /* pending output */
	const struct hlr_report *r;     /* report */
	const struct hlr_emit_opts *o;  /* options */
	int err;                        /* a write failed */
	struct hlr_arena *a;            /* joins multi-line texts */
};

static void flush(struct md *m, bool force)
{
	if (hlr_emit_flush(&m->b, m->out, force) != 0)
		m->err = -1;
}

static void tags(struct md *m, const struct hlr_node *n)
{
	if (!n->ntags)
		return;
	hlr_buf_puts(&m->b, "**");
	unsigned shown = 0;
	for (unsigned i = 0; i < n->ntags; i++) {
		const struct hlr_tagref *t = &n->tags[i];
		if (t->authority < 0 || !hlr_emit_first_tag(n, i))
			continue;
		hlr_buf_puts(&m->b, shown++ ? ", " : "");
		hlr_buf_puts(&m->b, m->r->authorities[t->authority].tag);
	}
	hlr_buf_puts(&m->b, n->text.len ? ":** " : ":**");
}

static void anchor(struct md *m, const struct hlr_node *n)
{
	if (hlr_span_empty(n->id))
		return;
	hlr_buf_puts(&m->b, "<a id=\"");
	hlr_buf_put(&m->b, n->src->data + n->id.start, hlr_span_len(n->id));
	hlr_buf_puts(&m->b, "\"></a>");
}

static void items(struct md *m, const struct hlr_node *first, unsigned depth);

static void item(struct md *m, const struct hlr_node *n, unsigned depth)
{
	char indent[2 * HLR_MAX_DEPTH + 1];
	memset(indent, ' ', 2 * depth);
	indent[2 * depth] = '\0';
	hlr_buf_puts(&m->b, indent);
	hlr_buf_puts(&m->b, "- ");
	anchor(m, n);
	tags(m, n);
	strcat(indent, "  ");
	hlr_inline_md(&m->b, hlr_text_join(m->a, (struct hlr_text *)&n->text), n->text.len, indent,
	              n->origin);
	hlr_buf_putc(&m->b, '\n');
	items(m, n->first, depth + 1);
}

static void items(struct md *m, const struct hlr_node *first, unsigned depth)
{
	for (const struct hlr_node *n = first; n; n = n->next)
		if (n->kind == HLR_NODE_ITEM && hlr_emit_visible(n, m->o))
			item(m, n, depth);
}

static void blocks(struct md *m, const struct hlr_node *first, bool first_block)
{
	const struct hlr_node *prev = NULL;
	for (const struct hlr_node *n = first; n; n = n->next) {
		if (n->kind == HLR_NODE_COMMENT || !hlr_emit_visible(n, m->o))
			continue;
		bool same_list = prev && prev->kind == HLR_NODE_ITEM && n->kind == HLR_NODE_ITEM;
		if (!same_list && !(first_block && !prev))
			hlr_buf_putc(&m->b, '\n');
		/* a list right after a carried list would join it: end that one */
		if (prev && prev->kind == HLR_NODE_UNCHANGED && n->kind == HLR_NODE_ITEM)
			hlr_buf_puts(&m->b, "<!-- -->\n\n");
		switch (n->kind) {
		case HLR_NODE_ITEM:
			item(m, n, 0);
			break;
		case HLR_NODE_PARA:
			anchor(m, n);
			tags(m, n);
			hlr_inline_md(&m->b, hlr_text_join(m->a, (struct hlr_text *)&n->text), n->text.len,
			              "", n->origin);
			hlr_buf_putc(&m->b, '\n');
			break;
		case HLR_NODE_NONE:
			hlr_buf_puts(&m->b, "None");
			if (n->text.len) {
				hlr_buf_putc(&m->b, ' ');
				hlr_md_escape(&m->b, n->text.s, n->text.len);
			}
			hlr_buf_putc(&m->b, '\n');
			break;
		case HLR_NODE_UNCHANGED:
			if (n->since) {
				char phrase[64];
				hlr_period_phrase(&n->since->period, phrase);
				hlr_buf_printf(&m->b, "Unchanged since [%s](", phrase);
				hlr_emit_href(&m->b, n->since, ".md", NULL, 0);
				hlr_buf_puts(&m->b, "):\n");
				blocks(m, n->first, false);
			}
			break;
		default:
			break;
		}
		prev = n;
		flush(m, false);
	}
}

static void section(struct md *m, const struct hlr_node *sec, const char *hashes)
{
	/* every section has an anchor, as in HTML, for references to it */
	struct hlr_span a = hlr_span_empty(sec->id) ? sec->key : sec->id;
	hlr_buf_printf(&m->b, "%s <a id=\"", hashes);
	hlr_buf_put(&m->b, sec->src->data + a.start, hlr_span_len(a));
	hlr_buf_puts(&m->b, "\"></a>");
	hlr_md_escape(&m->b, sec->title, strlen(sec->title));
	hlr_buf_puts(&m->b, "\n");
	if (!hlr_emit_section_has_content(sec, m->o)) {
		hlr_buf_puts(&m->b, "\nNone\n");
		return;
	}
	blocks(m, sec->first, false);
}

static void header(struct md *m)
{
	const struct hlr_report *r = m->r;
	struct hlr_buf *b = &m->b;
	hlr_buf_puts(b, "# ");
	hlr_md_escape(b, r->title, strlen(r->title));
	if (m->o->authority >= 0) {
		const char *name = r->authorities[m->o->authority].name;
		hlr_buf_puts(b, " (");
		hlr_md_escape(b, name, strlen(name));
		hlr_buf_puts(b, ")");
	}
	hlr_buf_puts(b, "\n\n");
	const char *sep = "";
	if (r->nservices) {
		hlr_buf_puts(b, "**Service areas:** ");
		for (unsigned i = 0; i < r->nservices; i++) {
			if (i)
				hlr_buf_puts(b, ", ");
			hlr_md_escape(b, r->services[i], strlen(r->services[i]));
		}
		sep = "\\\n";
	}
	if (r->author) {
		hlr_buf_printf(b, "%s**Report author:** ", sep);
		hlr_md_escape(b, r->author, strlen(r->author));
		sep = "\\\n";
	}
	hlr_buf_printf(b, "%s**Reporting period:** %s", sep, r->period.label);
	if (r->nauthorities) {
		hlr_buf_puts(b, "\\\n**Local authority:** ");
		struct hlr_buf list = HLR_BUF_INIT;
		hlr_emit_authority_list(&list, r);
		hlr_md_escape(b, list.data, list.len);
		hlr_buf_free(&list);
	}
	if (m->o->authority >= 0) {
		const char *name = r->authorities[m->o->authority].name;
		hlr_buf_puts(b, "\\\n**View:** items for ");
		hlr_md_escape(b, name, strlen(name));
		hlr_buf_puts(b, " and items for everyone");
	}
	hlr_buf_putc(b, '\n');
}

int hlr_emit_md(FILE *out, struct hlr_report *r, struct hlr_arena *a,
                const struct hlr_emit_opts *o)
{
	struct md m = {out, HLR_BUF_INIT, r, o, 0, a};
	header(&m);
	for (const struct hlr_node *n = r->root->first; n; n = n->next) {
		if (n->kind == HLR_NODE_PART) {
			hlr_buf_puts(&m.b, "\n## ");
			hlr_md_escape(&m.b, n->text.s, n->text.len);
			hlr_buf_putc(&m.b, '\n');
			for (const struct hlr_node *s = n->first; s; s = s->next)
				if (s->kind == HLR_NODE_SECTION) {
					hlr_buf_putc(&m.b, '\n');
					section(&m, s, "###");
				}
		} else if (n->kind == HLR_NODE_SECTION) {
			hlr_buf_putc(&m.b, '\n');
			section(&m, n, "##");
		}
	}
	flush(&m, true);
	hlr_buf_free(&m.b);
	return m.err;
}
