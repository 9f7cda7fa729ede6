/* compiler: statuses and metrics, the things a series tracks from one
 * report to the next (resolve and lower stages; status.c and metric.c).
 *
 * A series declares its scale of statuses (`statuses red amber green`),
 * the dimensions a report's status may be given for (`dimensions time
 * cost`) and its metrics (`metric KEY "Label" unit U better higher`). A
 * report states statuses (header, a section's first line, an item's
 * indented field line) and metric values (the `metrics` section). Each is
 * resolved once, when its report is, and linked to the previous report's
 * status or value for the same thing, so comparing with the last period
 * and drawing a trend read the resolved series and never a file again. */
#ifndef HLR_TRACK_H
#define HLR_TRACK_H

#include <stdbool.h>
#include <stdint.h>

#include "compiler/ast.h"

struct hlr_diags;
struct hlr_buf;

/* One value of a scale: "amber", or "blue:complete". */
struct hlr_scale_entry {
	const char *key;   /* as written before ':' ("blue") */
	const char *label; /* shown: "Amber", "Complete" */
	const char *word;  /* the label as a report may write it ("complete"), or NULL */
	const char *cls;   /* colour of its tag: a known colour key, else "plain" */
};

struct hlr_metric_def {
	const char *key;       /* "referrals" */
	const char *label;     /* "Referrals to children's social care" */
	const char *unit;      /* "count", "number", "percent", "gbp", "days", "hours" */
	int better;            /* +1: higher is better, -1: lower is better */
	bool per_authority;    /* stated once per authority tag */
	struct hlr_node *decl; /* declaring field */
	unsigned index;        /* position among the declared metrics */
};

/* A status as stated (or carried) in one report. */
struct hlr_status {
	const char *key;                   /* scale key ("amber") */
	const char *label;                 /* "Amber" */
	const char *cls;                   /* tag colour */
	int rank;                          /* position on the scale, worst first */
	const char *dimension;             /* a report's status: "overall" or a declared
	                                      dimension; NULL for a section or item */
	const char *reason;                /* the words after ':', or NULL */
	struct hlr_node *decl;             /* its line (in the report it was written in) */
	const struct hlr_report *report;   /* report it belongs to */
	const struct hlr_status *prev;     /* the previous report's status for the same
	                                      dimension, section or item, or NULL */
	bool carried;                      /* a section's status carried by 'unchanged' */
};

/* A metric value of one report. Values are exact decimals: v is in
 * millionths, decimals the digits written after the point. */
struct hlr_metric_value {
	const struct hlr_metric_def *def;
	int authority;                     /* index of its tag, -1 for none */
	int64_t v;                         /* value * 1e6 */
	unsigned decimals;                 /* digits after the point, as written */
	struct hlr_node *decl;             /* its line, or its table (a metrics table) */
	struct hlr_span at;                /* where it is stated: the line, or the cell */
	const struct hlr_report *report;   /* report it was stated in */
	const struct hlr_metric_value *prev; /* the latest earlier value of the same
	                                      metric and authority in the series */
	unsigned npoints;                  /* values in the chain ending here */
	bool carried;                      /* carried by 'unchanged' from prev */
};

/* What a report tracks; built while its header and body are resolved. */
struct hlr_track {
	struct hlr_scale_entry *scale;     /* declared, or the default red amber green */
	unsigned nscale;
	struct hlr_node *scale_decl;       /* the statuses field, or NULL */
	const char **dims;                 /* declared dimensions, in order */
	unsigned ndims;
	struct hlr_metric_def **metrics;   /* declared metrics, in order */
	unsigned nmetrics;
	struct hlr_node **status_lines;    /* the header's status lines, in order */
	unsigned nstatus_lines;
	struct hlr_status **statuses;      /* the report's statuses, by dimension: overall
	                                      first, then the declared order */
	unsigned nstatuses;
	struct hlr_metric_value **values;  /* this report's values, in the declared
	                                      metrics' order, then by authority */
	unsigned nvalues;
	/* the latest value at or before this report, per metric and authority
	 * (slot = metric * (authorities + 1) + authority + 1); a report copies its
	 * previous report's table and puts its own values in it */
	const struct hlr_metric_value **latest;
	unsigned nslots;
	bool used;                         /* the report states a status or a metric */
};

/* A header field of the track (statuses, dimensions, metric, status),
 * from a report or its series file (series_file: resolving the series
 * file itself). */
void hlr_track_field(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                     struct hlr_node *f, bool series_file);
/* Resolves the statuses and metric values of r's body, linking each to
 * the previous report's; r->previous is resolved already. */
void hlr_track_resolve(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r);
/* Metrics of r's body (metric.c; called by hlr_track_resolve). */
void hlr_metrics_resolve(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r);
/* The declared metric called key, or NULL. */
const struct hlr_metric_def *hlr_track_metric(const struct hlr_track *t, const char *key,
                                              size_t n);

/* ---- lowered: what the writers show --------------------------------- */

/* One row of the status summary. */
struct hlr_lstatus_row {
	const char *key;                 /* "overall", "time", ... */
	const char *dimension;           /* "Overall", "Time", ... */
	const struct hlr_status *now;    /* this period's, or NULL */
	const struct hlr_status *was;    /* last period's, or NULL */
	const char *change;              /* "Worse", "Better", "No change", "New", "Not given" */
};

/* One row of the metrics: a metric, for one authority or for all. */
struct hlr_lmetric_row {
	const struct hlr_metric_value *v;
	const char *name;                /* "Referrals (CCC)" */
	const char *value;               /* "412", "12.5%", "£1,200" */
	const char *change;              /* "up 12 since October 2020", "no earlier value" */
	const char *direction;           /* "better", "worse", "same" or NULL (first) */
	const struct hlr_metric_value **points; /* the trend, oldest first */
	unsigned npoints;
	const char *slug;                /* "referrals-CCC": ids in the page */
};

struct hlr_ltrack {
	const char *last_period;         /* the previous report's period label, or NULL */
	const char *this_period;         /* this report's period label */
	struct hlr_lstatus_row *rows;    /* the status summary (none: no statuses) */
	unsigned nrows;
	struct hlr_lmetric_row *metrics; /* the metrics the view shows */
	unsigned nmetrics;
};

/* The statuses and metrics of r as the view shows them (NULL when the
 * report states none). */
const struct hlr_ltrack *hlr_lower_track(struct hlr_arena *a, const struct hlr_report *r,
                                         int view);
/* The metric rows of r for the view (metric.c). */
void hlr_lower_metrics(struct hlr_arena *a, const struct hlr_report *r, int view,
                       struct hlr_ltrack *t);
/* A value as shown in its unit ("£1,200", "12.5%", "3 days"). */
void hlr_metric_format(struct hlr_buf *b, const struct hlr_metric_def *m, int64_t v,
                       unsigned decimals);
/* hlrc diff: the status and metric changes from or to nr, under the
 * headings "Status" and "Metrics" (Markdown when md). True when any. */
bool hlr_diff_track(struct hlr_buf *out, bool md, const struct hlr_report *or,
                    const struct hlr_report *nr);
/* "Amber (was Green)" or "Amber": the status with the change from last
 * period, when it changed. */
void hlr_status_phrase(struct hlr_buf *b, const struct hlr_status *s);

#endif
