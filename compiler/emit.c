/* compiler: lower, then write (see emit.h). */
#include "compiler/emit.h"

int hlr_emit(struct hlr_buf *out, const struct hlr_report *r, struct hlr_arena *a,
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
	case HLR_FORMAT_MD: hlr_write_md(out, doc); break;
	case HLR_FORMAT_HTML: hlr_write_html(out, doc, o->fragment); break;
	case HLR_FORMAT_JSON: hlr_write_json(out, doc); break;
	}
	return 0;
}
