/* compiler: the write stage. A report is lowered (lower.h) for its view,
 * then one writer walks the lowered tree: Markdown (emit_md.c), an HTML
 * page or fragment (emit_html.c), the document as JSON (emit_json.c) or
 * a Word document (emit_docx.c).
 * Writers only format: what is shown, in which order and under which
 * label was decided by the lowering. Output goes into a buffer. */
#ifndef HLR_EMIT_H
#define HLR_EMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "compiler/ast.h"
#include "compiler/lower.h"
#include "runtime/buf.h"

enum hlr_format {
	HLR_FORMAT_MD,
	HLR_FORMAT_HTML,
	HLR_FORMAT_JSON,
	HLR_FORMAT_DOCX, /* a Word document (emit_docx.c) */
};

struct hlr_emit_opts {
	enum hlr_format format; /* what to write */
	bool fragment;          /* HTML: the report's <article> alone, no page */
	int authority;          /* audience view: index of the authority, or -1 */
	/* HTML pages of a site (hlrc site): links to the series index and to
	 * the reports before and after this one; NULL for none. */
	const char *index_href;           /* "index.html" */
	const struct hlr_report *prev;    /* previous report in the site */
	const struct hlr_report *next;    /* next report in the site */
};

/* Where a writer's output goes: a buffer, which a sink (when set) drains
 * as it fills, so a big report is never held whole in memory. */
typedef int hlr_sink_fn(void *ctx, const char *p, size_t n); /* 0, or -1 on error */
struct hlr_wout {
	struct hlr_buf *b;  /* pending output */
	hlr_sink_fn *sink;  /* drains b, or NULL to keep everything in b */
	void *ctx;          /* for sink */
	int err;            /* the sink failed (what follows is dropped) */
};
/* Hands b to the sink when it has grown (or always, when force is set). */
void hlr_wout_drain(struct hlr_wout *w, bool force);

/* Lowers r (resolved without errors) with the options' view and writes it
 * in their format, appending to out; the lowered tree goes into a.
 * Returns 0 (writing into memory cannot fail short of memory). */
int hlr_emit(struct hlr_buf *out, const struct hlr_report *r, struct hlr_arena *a,
             const struct hlr_emit_opts *o);
/* The same, handing the output to sink piece by piece. Returns 0, or -1
 * when the sink failed. */
int hlr_emit_to(hlr_sink_fn *sink, void *ctx, const struct hlr_report *r, struct hlr_arena *a,
                const struct hlr_emit_opts *o);

/* The writers. */
void hlr_write_md(struct hlr_wout *w, const struct hlr_doc *doc);
void hlr_write_html(struct hlr_wout *w, const struct hlr_doc *doc, bool fragment);
void hlr_write_json(struct hlr_wout *w, const struct hlr_doc *doc);
/* CSS that prints a protective marking s[0..n) in the top and bottom
 * margins of every printed page (paged media margin boxes). */
void hlr_html_marking_css(struct hlr_buf *b, const char *s, size_t n);
void hlr_write_docx(struct hlr_wout *w, const struct hlr_doc *doc);

#endif
