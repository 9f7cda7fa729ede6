/* compiler: statuses and metrics in each output format (emit_track.c),
 * for the writers. */
#ifndef HLR_EMIT_TRACK_H
#define HLR_EMIT_TRACK_H

#include <stdbool.h>

#include "compiler/lower.h"
#include "compiler/track.h"
#include "runtime/buf.h"

/* Markdown: "**Status:** Amber (was Green): reason" */
void hlr_md_status(struct hlr_buf *b, const struct hlr_status *s);
/* Markdown: the status summary as a section with a table (nothing when
 * there are no statuses). */
void hlr_md_track_summary(struct hlr_buf *b, const struct hlr_ltrack *t);
/* Markdown: the metrics as a table of values and changes. */
void hlr_md_metrics(struct hlr_buf *b, const struct hlr_ltrack *t);

/* HTML: the extra stylesheet of a page that shows statuses or metrics. */
void hlr_html_track_css(struct hlr_buf *b, const struct hlr_doc *doc);
/* HTML: a section's status line (a paragraph) or an item's (a span). */
void hlr_html_status(struct hlr_buf *b, const struct hlr_status *s, bool item);
void hlr_html_track_summary(struct hlr_buf *b, const struct hlr_ltrack *t);
/* HTML: the metrics table, then each one's trend as a chart and a table. */
void hlr_html_metrics(struct hlr_buf *b, const struct hlr_ltrack *t);

/* JSON: a status as an object. */
void hlr_json_status(struct hlr_buf *b, const struct hlr_status *s);
/* JSON: the status summary as an array (at depth 1). */
void hlr_json_track_summary(struct hlr_buf *b, const struct hlr_ltrack *t);
/* JSON: the metric values as an array, at depth. */
void hlr_json_metrics(struct hlr_buf *b, const struct hlr_ltrack *t, const struct hlr_report *r,
                      unsigned depth);

#endif
