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

#endif
