/* compiler: the metrics page of a site (site_metrics.c), for hlrc_site. */
#ifndef HLR_SITE_METRICS_H
#define HLR_SITE_METRICS_H

#include <stdbool.h>
#include <stddef.h>

#include "compiler/site.h"
#include "compiler/track.h"
#include "runtime/buf.h"

/* The metrics page's name, without ".html". */
#define HLR_SITE_METRICS "metrics"
#define HLR_SITE_INDEX_HTML HLR_SITE_INDEX ".html"

/* Whether a report of v[0..n) states metrics (the site has the page). */
bool hlr_site_has_metrics(struct hlr_report **v, size_t n);
/* An error for a report whose page the metrics page would overwrite. */
void hlr_site_check_metrics_name(struct hlr_diags *d, struct hlr_report **v, size_t n);
/* The metrics page: the latest report's metrics, each with its trend
 * across the series; only when hlr_site_has_metrics. */
void hlr_site_metrics(struct hlr_buf *b, struct hlr_arena *a, struct hlr_report **v, size_t n);

#endif
