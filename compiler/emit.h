/* compiler: the emit stage. Each emitter walks the resolved document model
 * and writes one format: Markdown (emit_md.c), an HTML page or fragment
 * (emit_html.c) or the model as JSON (emit_json.c). Inline Markdown inside
 * items and paragraphs goes through libcmark (inline.c). */
#ifndef HLR_EMIT_H
#define HLR_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "compiler/ast.h"
#include "runtime/buf.h"

enum hlr_format {
	HLR_FORMAT_MD,
	HLR_FORMAT_HTML,
	HLR_FORMAT_JSON,
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

/* Appends r to out. Returns 0, or -1 when writing failed (errno set). */
int hlr_emit(struct hlr_buf *out, struct hlr_report *r, struct hlr_arena *a,
             const struct hlr_emit_opts *o);

int hlr_emit_md(FILE *out, struct hlr_report *r, struct hlr_arena *a,
                const struct hlr_emit_opts *o);
int hlr_emit_html(FILE *out, struct hlr_report *r, struct hlr_arena *a,
                  const struct hlr_emit_opts *o);
int hlr_emit_json(FILE *out, struct hlr_report *r, struct hlr_arena *a,
                  const struct hlr_emit_opts *o);

/* Shared by the emitters (emit.c). */
/* Whether a node is shown in the view: untagged, tagged for the audience,
 * or an item with a nested item that is shown. */
bool hlr_emit_visible(const struct hlr_node *n, const struct hlr_emit_opts *o);
/* Whether tag i of n is the first one naming its authority (a repeated tag
 * is shown once). */
bool hlr_emit_first_tag(const struct hlr_node *n, unsigned i);
/* Whether a section has content shown in the view. */
bool hlr_emit_section_has_content(const struct hlr_node *sec, const struct hlr_emit_opts *o);
/* "A and B", "A, B and C" of the authorities' short names. */
void hlr_emit_authority_list(struct hlr_buf *b, const struct hlr_report *r);
/* "NAME.EXT" of report r's output, plus "#anchor" when anchor is set. */
void hlr_emit_href(struct hlr_buf *b, const struct hlr_report *r, const char *ext,
                   const char *anchor, size_t anchor_len);
/* Moves buffered output to out when it has grown; returns -1 on error. */
int hlr_emit_flush(struct hlr_buf *b, FILE *out, bool force);

/* Inline Markdown (inline.c): renders s[0..n) as HTML, or as CommonMark with
 * every line after the first prefixed by indent. Raw HTML is shown as text
 * and links to javascript:, vbscript:, file: and (except images) data: URLs
 * keep their text but lose the link. */
void hlr_inline_html(struct hlr_buf *out, const char *s, size_t n,
                     const struct hlr_report *from);
/* The same for a node's text, piece by piece where it is plain text, so it
 * needs no joined copy; scratch is reused for the texts that do. */
void hlr_inline_html_text(struct hlr_buf *out, const struct hlr_text *t,
                          const struct hlr_report *from, struct hlr_buf *scratch);
void hlr_inline_md(struct hlr_buf *out, const char *s, size_t n, const char *indent,
                   const struct hlr_report *from);
/* References "[text](^target)" written in report from become links to the
 * earlier report's output beside this one (NAME.html or NAME.md); from may
 * be NULL when the text has none. */
/* Plain text escaped for Markdown (headings, header values). */
void hlr_md_escape(struct hlr_buf *out, const char *s, size_t n);

#endif
