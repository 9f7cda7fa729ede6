/* compiler: the pages of a site (site.c), for hlrc_site. */
#ifndef HLR_SITE_H
#define HLR_SITE_H

#include <stddef.h>

#include "runtime/buf.h"

/* The index page's name, without ".html". */
#define HLR_SITE_INDEX "index"

struct hlr_diags;
struct hlr_report;
struct hlr_arena;

/* An error for a report whose page the index page would overwrite. */
void hlr_site_check_names(struct hlr_diags *d, struct hlr_report **v, size_t n);
/* A report called log-KEYWORD (in any case) for a log of the series. */
void hlr_site_check_log_names(struct hlr_diags *d, struct hlr_arena *a, struct hlr_report **v,
                              size_t n);
/* The index page: the reports v[0..n) (oldest first, n > 0) listed newest
 * first. */
void hlr_site_index(struct hlr_buf *b, struct hlr_arena *a, struct hlr_report **v, size_t n);

/* The log pages: the keywords of the logs that have entries (sorted; the
 * page of keyword KW is "log-KW.html"), and the page of one: every entry
 * of the series with its history, linking to the reports. */
#define HLR_SITE_LOG_PREFIX "log-"
size_t hlr_site_log_keywords(struct hlr_arena *a, struct hlr_report **v, size_t n,
                             const char ***out);
void hlr_site_log(struct hlr_buf *b, struct hlr_arena *a, struct hlr_report **v, size_t n,
                  const char *kw);

#endif
