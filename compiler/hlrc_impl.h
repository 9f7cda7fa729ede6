/* compiler: what the library's own files share about results (hlrc.c
 * builds them, diagprint.c prints them); not part of the public header. */
#ifndef HLR_HLRC_IMPL_H
#define HLR_HLRC_IMPL_H

#include <stddef.h>

#include "compiler/hlrc.h"
#include "runtime/arena.h"

/* A result's diagnostics come in groups, one per folder or lone file, in
 * the order they were named: each is sorted on its own, and has its own
 * count of diagnostics not kept. */
size_t hlr_result_groups(const hlrc_result *r);
/* Group k: *end is one past its last diagnostic, *dropped how many it did
 * not keep. */
void hlr_result_group(const hlrc_result *r, size_t k, size_t *end, size_t *dropped);

/* Prints one diagnostic g (and its notes) through p, as if a result held
 * it alone: for tests that build diagnostics by hand. HLRC_OK or
 * HLRC_NOMEM. */
int hlr_printer_add_diagnostic(hlrc_printer *p, const struct hlrc_diagnostic *g);

/* What a query (compiler/query.c) works on: the file at a path, its
 * group built, its texts joined. */
struct hlr_report;
struct hlr_query_target {
	struct hlr_report *report;    /* the file's report (series.hlr's too), or NULL */
	struct hlr_report **reports;  /* every report of its group, in period order */
	size_t n;
	struct hlr_report *defaults;  /* series.hlr's report, or NULL */
	struct hlr_arena *scratch;    /* freed when the call ends */
};
/* Calls fn(ctx, t) for the file at path, with a recovery point set;
 * returns what fn returns, or HLRC_NOMEM (after which memory fn took
 * outside the workspace is the caller's to free). */
int hlr_query_run(hlrc_workspace *ws, const char *path,
                  int (*fn)(void *ctx, const struct hlr_query_target *t), void *ctx);

#endif
