/* compiler: what the emitters share (emit stage, see emit.h). */
#include "compiler/emit.h"

#include <stdlib.h>
#include <string.h>

bool hlr_emit_visible(const struct hlr_node *n, const struct hlr_emit_opts *o)
{
	if (n->kind == HLR_NODE_UNCHANGED) {
		/* shown when something it carries is */
		for (const struct hlr_node *c = n->first; c; c = c->next)
			if (hlr_emit_visible(c, o))
				return true;
		return false;
	}
	if (o->authority < 0 || n->kind == HLR_NODE_COMMENT)
		return true;
	if (!n->tagmask || (n->tagmask >> o->authority & 1))
		return true;
	/* a hidden item is kept as context for a nested item that is shown */
	for (const struct hlr_node *c = n->first; c; c = c->next)
		if (c->kind == HLR_NODE_ITEM && hlr_emit_visible(c, o))
			return true;
	return false;
}

bool hlr_emit_first_tag(const struct hlr_node *n, unsigned i)
{
	for (unsigned k = 0; k < i; k++)
		if (n->tags[k].authority == n->tags[i].authority)
			return false;
	return true;
}

bool hlr_emit_section_has_content(const struct hlr_node *sec, const struct hlr_emit_opts *o)
{
	for (const struct hlr_node *n = sec->first; n; n = n->next)
		if (n->kind != HLR_NODE_COMMENT && hlr_emit_visible(n, o))
			return true;
	return false;
}

void hlr_emit_authority_list(struct hlr_buf *b, const struct hlr_report *r)
{
	for (unsigned i = 0; i < r->nauthorities; i++) {
		if (i)
			hlr_buf_puts(b, i + 1 == r->nauthorities ? " and " : ", ");
		hlr_buf_puts(b, r->authorities[i].shortname);
	}
}

void hlr_emit_href(struct hlr_buf *b, const struct hlr_report *r, const char *ext,
                   const char *anchor, size_t anchor_len)
{
	/* a file name is not a URL: "javascript:x.hlr" must stay a relative path */
	for (const char *p = r->name ? r->name : "report"; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~')
			hlr_buf_putc(b, (char)c);
		else
			hlr_buf_printf(b, "%%%02X", c);
	}
	hlr_buf_puts(b, ext);
	if (anchor) {
		hlr_buf_putc(b, '#');
		hlr_buf_put(b, anchor, anchor_len);
	}
}

int hlr_emit_flush(struct hlr_buf *b, FILE *out, bool force)
{
	if (!force && b->len < 1 << 16)
		return 0;
	if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
		return -1;
	b->len = 0;
	return 0;
}

int hlr_emit(struct hlr_buf *out, struct hlr_report *r, struct hlr_arena *a,
             const struct hlr_emit_opts *o)
{
	/* the emitters write to a stream for now: a memory stream gives the
	 * bytes to the buffer */
	char *data = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&data, &len);
	if (!fp)
		hlr_oom();
	int rc = -1;
	switch (o->format) {
	case HLR_FORMAT_MD: rc = hlr_emit_md(fp, r, a, o); break;
	case HLR_FORMAT_HTML: rc = hlr_emit_html(fp, r, a, o); break;
	case HLR_FORMAT_JSON: rc = hlr_emit_json(fp, r, a, o); break;
	}
	if (fclose(fp) != 0)
		rc = -1;
	if (rc == 0 && data && !out->len) {
		/* the stream's buffer becomes the output: one copy of a big
		 * report in memory, not two (it ends with a NUL, as a buffer's) */
		free(out->data);
		out->data = data;
		out->len = len;
		out->cap = len + 1;
		return 0;
	}
	if (rc == 0)
		hlr_buf_put(out, data ? data : "", len);
	free(data);
	return rc;
}
