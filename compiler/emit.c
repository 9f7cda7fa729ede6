/* compiler: lower, then write (see emit.h). */
#include "compiler/emit.h"

void hlr_wout_drain(struct hlr_wout *w, bool force)
{
	if (!w->sink || (!force && w->b->len < 1 << 16))
		return;
	if (w->b->len && !w->err && w->sink(w->ctx, w->b->data, w->b->len) != 0)
		w->err = -1;
	w->b->len = 0;
}

static int emit(struct hlr_wout *w, const struct hlr_report *r, struct hlr_arena *a,
                const struct hlr_emit_opts *o)
{
	struct hlr_lower_opts lo = {
		.view = o->authority,
		.lines = o->format == HLR_FORMAT_JSON,
		.index_href = o->index_href,
		.prev = o->prev,
		.next = o->next,
	};
	const struct hlr_doc *doc = hlr_lower(a, r, &lo);
	switch (o->format) {
	case HLR_FORMAT_MD: hlr_write_md(w, doc); break;
	case HLR_FORMAT_HTML: hlr_write_html(w, doc, o->fragment); break;
	case HLR_FORMAT_JSON: hlr_write_json(w, doc); break;
	case HLR_FORMAT_DOCX: hlr_write_docx(w, doc); break;
	}
	hlr_wout_drain(w, true);
	return w->err;
}

int hlr_emit(struct hlr_buf *out, const struct hlr_report *r, struct hlr_arena *a,
             const struct hlr_emit_opts *o)
{
	struct hlr_wout w = {out, NULL, NULL, 0};
	return emit(&w, r, a, o);
}

int hlr_emit_to(hlr_sink_fn *sink, void *ctx, const struct hlr_report *r, struct hlr_arena *a,
                const struct hlr_emit_opts *o)
{
	struct hlr_buf b = HLR_BUF_INIT;
	struct hlr_wout w = {&b, sink, ctx, 0};
	int rc = emit(&w, r, a, o);
	hlr_buf_free(&b);
	return rc;
}
