/* compiler: series (resolve stage). A series is a folder holding a
 * series.hlr file (shared header fields) and the reports of one service.
 * Building one parses every file once, orders the reports by period, links
 * each to its previous report, and resolves them oldest first, so that a chain
 * of carried content costs linear time in the length of the series. */
#ifndef HLR_SERIES_H
#define HLR_SERIES_H

#include <stdbool.h>

#include "compiler/ast.h"

#define HLR_SERIES_FILE "series.hlr"

struct hlr_diags;

struct hlr_series {
	const char *dir;             /* folder, as given */
	struct hlr_report *defaults; /* series.hlr */
	struct hlr_report **reports; /* reports ordered by period, then name */
	size_t n;                    /* count of reports */
	unsigned nwrong;             /* reports whose period is wrong (name, year,
	                                weekday): gaps are reported when none is */
	bool last_wrong;             /* the latest report's is */
	struct hlr_strmap *closed_entries; /* log entry id -> where it was closed
	                                    (log.c), for the reports before the
	                                    latest; NULL until one is */
	size_t latest_mark;          /* diagnostics reported before the latest
	                                report's body was resolved */
};

/* The names of the .hlr files of dir (not hidden ones), sorted: readdir's
 * order is not stable. NULL (and a diagnostic) when dir cannot be read. */
char **hlr_series_list(struct hlr_arena *a, struct hlr_diags *d, const char *dir, size_t *n);
/* For a file name that looks like a report's but is not read as one
 * (".HLR", ".hlr.txt", ".hlr.docx", ".hlr.bak"): the name it should have
 * (arena copy); "" for Word's lock file "~$NAME.hlr"; NULL otherwise. */
const char *hlr_report_look_alike(struct hlr_arena *a, const char *name, size_t len);
/* Sorts reports loaded alone into period order (those with no period last,
 * then by name), as a series orders its reports. */
void hlr_reports_sort(struct hlr_report **v, size_t n);
/* A series from sources already loaded (NULL entries are skipped); the one
 * called series.hlr holds the shared fields. Parses and resolves them. */
struct hlr_series *hlr_series_build(struct hlr_arena *a, struct hlr_diags *d, const char *dir,
                                    struct hlr_source **srcs, size_t n);
/* Puts r, the latest report parsed again and its header resolved (in
 * arena a, its diagnostics in d), in the place of the series' latest
 * report, and resolves its body. Nothing about the other reports changes
 * when r has the same name, period and cadence as the report it replaces
 * and neither names its previous report: then true, and d holds every
 * diagnostic of r's file that building the whole series would give.
 * Otherwise false, with s unchanged but for what only a new build uses. */
bool hlr_series_replace_latest(struct hlr_arena *a, struct hlr_diags *d, struct hlr_series *s,
                               struct hlr_report *r);
/* For a report read alone (no series.hlr): the error period-name when its
 * period disagrees with its date-like file name (no fix-it: no cadence
 * says which of the two is right). */
void hlr_check_period_name_alone(struct hlr_diags *d, const struct hlr_report *r);
/* Whether r is a series file rather than a report. */
bool hlr_report_is_series_file(const struct hlr_report *r);
/* The report whose file is called name (with or without ".hlr"), or NULL. */
struct hlr_report *hlr_series_find(const struct hlr_series *s, const char *name, size_t n);
/* dir/name ("name" when dir is "."); arena copy. */
char *hlr_path_join(struct hlr_arena *a, const char *dir, const char *name);
/* The folder part of path ("." when it has none); arena copy. */
const char *hlr_path_dir(struct hlr_arena *a, const char *path);
/* Files r's output depends on: itself, the series file, the previous
 * report, the reports its carried content and references come from.
 * Sets *out to an arena array and returns its length. */
size_t hlr_report_deps(const struct hlr_report *r, struct hlr_arena *a,
                       const struct hlr_source ***out);
/* Files that can change r's output: those of hlr_report_deps first, then
 * every other report of its series, since any report's period can change
 * which report is r's previous or which one a dated reference names. */
size_t hlr_report_output_deps(const struct hlr_report *r, struct hlr_arena *a,
                              const struct hlr_source ***out);

#endif
