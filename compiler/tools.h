/* compiler: the authoring tools' logic: the formatter (fmt.c), the next
 * report of a series (new.c) and the changes between two reports (diff.c).
 * The library's entry points (hlrc.c) call these; the commands are in
 * compiler/cli/. */
#ifndef HLR_TOOLS_H
#define HLR_TOOLS_H

#include <stdbool.h>

#include "compiler/ast.h"
#include "runtime/buf.h"

/* Lays the parsed report r out canonically into out (LF or CRLF as the
 * file had, its byte order mark kept); r's comments are moved into place.
 * Returns 0, or -1 when the layout would not read as the same report, or
 * would change when formatted again; then *why is "" or a phrase that says
 * which. */
int hlr_fmt_report(struct hlr_arena *a, struct hlr_report *r, struct hlr_buf *out,
                   const char **why);

/* The period as a header writes it ("week ending 2020-07-10") into value,
 * and the report's file name without ".hlr" ("2020-07-10") into name. */
void hlr_new_period_text(const struct hlr_period *p, char value[48], char name[32]);
/* The text of the report after latest, for the period written as period. */
void hlr_new_report(struct hlr_buf *b, struct hlr_arena *a, const struct hlr_report *latest,
                    const char *period);
/* The first report of a series that has none yet: the period, then the
 * sections the series file's report rules require (not its standing
 * ones), each 'none'. */
void hlr_new_first_report(struct hlr_buf *b, struct hlr_arena *a, const struct hlr_report *sf,
                          const char *period);
/* The latest report of s that has a period, or NULL. */
struct hlr_report *hlr_series_latest(const struct hlr_series *s);

/* The cadence a new series of this profile starts with ("weekly"), or
 * NULL for an unknown profile (init.c). */
const char *hlr_init_cadence(const char *profile);
/* The series file and first report of a new series of the profile, the
 * report for period (as a header writes it); false for an unknown profile. */
bool hlr_init_texts(const char *profile, struct hlr_buf *series, struct hlr_buf *report,
                    const char *period);

/* Appends the changes from report or to report nr: Markdown when md is
 * set, else plain text. Texts of both must be joined already when a is
 * not the arena that owns them. */
void hlr_diff(struct hlr_arena *a, const struct hlr_report *or, const struct hlr_report *nr,
              bool md, struct hlr_buf *out);

#endif
