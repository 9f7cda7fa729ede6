/* compiler: the JSON emitter (emit stage). Writes the resolved document
 * model for other tools; the format is described in docs/json.md. Texts are
 * the author's inline Markdown as written, continuation lines joined with
 * "\n". */
#include "compiler/emit.h"

#include <string.h>

struct json {
	FILE *out;                      /* destination */
	struct hlr_buf b;               /* pending output */
	struct hlr_report *r;           /* report */
	struct hlr_arena *a;            /* for the line table */
	const struct hlr_emit_opts *o;  /* options */
	int err;                        /* a write failed */
};

static void str(struct json *j, const char *s, size_t n)
{
	hlr_buf_putc(&j->b, '"');
	hlr_buf_put_json(&j->b, s, n);
	hlr_buf_putc(&j->b, '"');
}

static void strz(struct json *j, const char *s)
{
	if (s)
		str(j, s, strlen(s));
	else
		hlr_buf_puts(&j->b, "null");
}

static void span_str(struct json *j, const struct hlr_source *src, struct hlr_span s)
{
	if (hlr_span_empty(s))
		hlr_buf_puts(&j->b, "null");
	else
		str(j, src->data + s.start, hlr_span_len(s));
}

static void pad(struct json *j, unsigned depth)
{
	hlr_buf_putc(&j->b, '\n');
	for (unsigned i = 0; i < depth; i++)
		hlr_buf_puts(&j->b, "  ");
}

static void key(struct json *j, unsigned depth, const char *k, bool first)
{
	if (!first)
		hlr_buf_putc(&j->b, ',');
	pad(j, depth);
	hlr_buf_printf(&j->b, "\"%s\": ", k);
}

static unsigned line_of(struct json *j, const struct hlr_node *n)
{
	unsigned line, col;
	hlr_source_position((struct hlr_source *)n->src, j->a, n->span.start, &line, &col);
	return line;
}

static void tag_list(struct json *j, uint64_t mask)
{
	hlr_buf_putc(&j->b, '[');
	bool first = true;
	for (unsigned i = 0; i < j->r->nauthorities; i++)
		if (mask >> i & 1) {
			if (!first)
				hlr_buf_puts(&j->b, ", ");
			strz(j, j->r->authorities[i].tag);
			first = false;
		}
	hlr_buf_putc(&j->b, ']');
}

static void blocks(struct json *j, const struct hlr_node *first, unsigned depth, bool items_only);

static void block(struct json *j, const struct hlr_node *n, unsigned depth)
{
	hlr_buf_putc(&j->b, '{');
	key(j, depth + 1, "type", true);
	strz(j, n->kind == HLR_NODE_PARA ? "paragraph" : hlr_node_kind_name(n->kind));
	key(j, depth + 1, "line", false);
	hlr_buf_printf(&j->b, "%u", line_of(j, n));
	if (n->origin && n->origin != j->r) {
		key(j, depth + 1, "from", false);
		strz(j, n->origin->name);
	}
	if (n->kind == HLR_NODE_UNCHANGED) {
		key(j, depth + 1, "since", false);
		if (n->since) {
			hlr_buf_puts(&j->b, "{\"report\": ");
			strz(j, n->since->name);
			hlr_buf_puts(&j->b, ", \"period\": ");
			strz(j, n->since->period.label);
			hlr_buf_putc(&j->b, '}');
		} else {
			hlr_buf_puts(&j->b, "null");
		}
		key(j, depth + 1, "content", false);
		blocks(j, n->first, depth + 1, false);
	} else if (n->kind == HLR_NODE_NONE) {
		key(j, depth + 1, "text", false);
		if (n->text.len) {
			hlr_buf_puts(&j->b, "\"None ");
			hlr_buf_put_json(&j->b, n->text.s, n->text.len);
			hlr_buf_putc(&j->b, '"');
		} else
			strz(j, "None");
	} else {
		key(j, depth + 1, "id", false);
		span_str(j, n->src, n->id);
		key(j, depth + 1, "tags", false);
		tag_list(j, n->tagmask);
		key(j, depth + 1, "text", false);
		str(j, hlr_text_join(j->a, (struct hlr_text *)&n->text), n->text.len);
	}
	if (n->kind == HLR_NODE_ITEM) {
		key(j, depth + 1, "items", false);
		blocks(j, n->first, depth + 1, true);
	}
	pad(j, depth);
	hlr_buf_putc(&j->b, '}');
	if (hlr_emit_flush(&j->b, j->out, false) != 0)
		j->err = -1;
}

static void blocks(struct json *j, const struct hlr_node *first, unsigned depth, bool items_only)
{
	hlr_buf_putc(&j->b, '[');
	bool any = false;
	for (const struct hlr_node *n = first; n; n = n->next) {
		if (n->kind == HLR_NODE_COMMENT || (items_only && n->kind != HLR_NODE_ITEM) ||
		    !hlr_emit_visible(n, j->o))
			continue;
		if (any)
			hlr_buf_putc(&j->b, ',');
		pad(j, depth + 1);
		block(j, n, depth + 1);
		any = true;
	}
	if (any)
		pad(j, depth);
	hlr_buf_putc(&j->b, ']');
}

static void section(struct json *j, const struct hlr_node *s, unsigned depth)
{
	hlr_buf_putc(&j->b, '{');
	key(j, depth + 1, "type", true);
	strz(j, "section");
	key(j, depth + 1, "line", false);
	hlr_buf_printf(&j->b, "%u", line_of(j, s));
	key(j, depth + 1, "keyword", false);
	span_str(j, s->src, s->key);
	key(j, depth + 1, "heading", false);
	strz(j, s->title);
	key(j, depth + 1, "id", false);
	span_str(j, s->src, hlr_span_empty(s->id) ? s->key : s->id);
	key(j, depth + 1, "content", false);
	blocks(j, s->first, depth + 1, false);
	pad(j, depth);
	hlr_buf_putc(&j->b, '}');
}

static void header(struct json *j)
{
	struct hlr_report *r = j->r;
	key(j, 1, "title", false);
	strz(j, r->title);
	key(j, 1, "services", false);
	hlr_buf_putc(&j->b, '[');
	for (unsigned i = 0; i < r->nservices; i++) {
		if (i)
			hlr_buf_puts(&j->b, ", ");
		strz(j, r->services[i]);
	}
	hlr_buf_putc(&j->b, ']');
	key(j, 1, "author", false);
	strz(j, r->author);
	static const char *kinds[] = {"week", "fortnight", "month", "quarter"};
	char s[11], e[11];
	hlr_date_format_iso(r->period.start, s);
	hlr_date_format_iso(r->period.end, e);
	key(j, 1, "period", false);
	hlr_buf_printf(&j->b, "{\"kind\": \"%s\", \"start\": \"%s\", \"end\": \"%s\", \"label\": ",
	               kinds[r->period.kind], s, e);
	strz(j, r->period.label);
	hlr_buf_putc(&j->b, '}');
	key(j, 1, "authorities", false);
	hlr_buf_putc(&j->b, '[');
	for (unsigned i = 0; i < r->nauthorities; i++) {
		const struct hlr_authority *au = &r->authorities[i];
		hlr_buf_puts(&j->b, i ? ",\n    {\"tag\": " : "\n    {\"tag\": ");
		strz(j, au->tag);
		hlr_buf_puts(&j->b, ", \"name\": ");
		strz(j, au->name);
		hlr_buf_puts(&j->b, ", \"short\": ");
		strz(j, au->shortname);
		hlr_buf_putc(&j->b, '}');
	}
	hlr_buf_puts(&j->b, r->nauthorities ? "\n  ]" : "]");
	key(j, 1, "view", false);
	if (j->o->authority >= 0)
		strz(j, r->authorities[j->o->authority].tag);
	else
		hlr_buf_puts(&j->b, "null");
}

int hlr_emit_json(FILE *out, struct hlr_report *r, struct hlr_arena *a,
                  const struct hlr_emit_opts *o)
{
	struct json j = {out, HLR_BUF_INIT, r, a, o, 0};
	hlr_buf_putc(&j.b, '{');
	key(&j, 1, "hlrc", true);
	hlr_buf_puts(&j.b, "1");
	key(&j, 1, "source", false);
	strz(&j, r->src->path);
	key(&j, 1, "name", false);
	strz(&j, r->name);
	key(&j, 1, "previous", false);
	strz(&j, r->previous ? r->previous->name : NULL);
	header(&j);
	key(&j, 1, "body", false);
	hlr_buf_putc(&j.b, '[');
	bool any = false;
	for (const struct hlr_node *n = r->root->first; n; n = n->next) {
		if (n->kind != HLR_NODE_PART && n->kind != HLR_NODE_SECTION)
			continue;
		hlr_buf_puts(&j.b, any ? "," : "");
		pad(&j, 2);
		any = true;
		if (n->kind == HLR_NODE_SECTION) {
			section(&j, n, 2);
			continue;
		}
		hlr_buf_putc(&j.b, '{');
		key(&j, 3, "type", true);
		strz(&j, "part");
		key(&j, 3, "line", false);
		hlr_buf_printf(&j.b, "%u", line_of(&j, n));
		key(&j, 3, "heading", false);
		str(&j, n->text.s ? n->text.s : "", n->text.len);
		key(&j, 3, "sections", false);
		hlr_buf_putc(&j.b, '[');
		bool anys = false;
		for (const struct hlr_node *s = n->first; s; s = s->next) {
			if (s->kind != HLR_NODE_SECTION)
				continue;
			hlr_buf_puts(&j.b, anys ? "," : "");
			pad(&j, 4);
			section(&j, s, 4);
			anys = true;
		}
		if (anys)
			pad(&j, 3);
		hlr_buf_putc(&j.b, ']');
		pad(&j, 2);
		hlr_buf_putc(&j.b, '}');
	}
	if (any)
		pad(&j, 1);
	hlr_buf_puts(&j.b, "]\n}\n");
	if (hlr_emit_flush(&j.b, out, true) != 0)
		j.err = -1;
	hlr_buf_free(&j.b);
	return j.err;
}
