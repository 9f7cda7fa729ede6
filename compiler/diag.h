/* compiler: diagnostics. Every stage reports through hlr_diag; messages are
 * collected, sorted by file and position, and printed at the end as
 *   FILE:LINE:COL: LEVEL: MESSAGE [code]
 * followed by the source line and a caret under the span. The exit status
 * follows the worst level seen. */
#ifndef HLR_DIAG_H
#define HLR_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "compiler/source.h"

enum hlr_level {
	HLR_NOTE,
	HLR_WARNING,
	HLR_ERROR,
};

struct hlr_diag {
	enum hlr_level level;    /* note, warning or error */
	const char *code;        /* stable kebab-case code, e.g. "unknown-section" */
	struct hlr_source *src;  /* file it points into, or NULL */
	const char *path;        /* file name when src is NULL (unreadable file) */
	struct hlr_span span;    /* bytes it points at */
	bool has_span;           /* false: whole-file message, no line shown */
	char *msg;               /* message text (arena) */
	size_t seq;              /* order of reporting, keeps sorting stable */
	size_t parent;           /* for notes: seq of the diagnostic they explain */
	unsigned key_file;       /* sort key: file of the owning diagnostic */
	uint32_t key_off;        /* sort key: its offset */
	size_t key_seq;          /* sort key: its seq */
};

struct hlr_diags {
	struct hlr_arena *arena; /* owns messages */
	struct hlr_diag *v;      /* reported diagnostics */
	size_t n, cap;           /* count and capacity of v */
	size_t errors;           /* number of errors */
	size_t warnings;         /* number of warnings */
	size_t limit;            /* stop recording past this many (0 = 10000) */
	size_t dropped;          /* diagnostics not recorded because of limit */
	unsigned nsources;       /* sources loaded so far; numbers them in order */
};

void hlr_diags_init(struct hlr_diags *d, struct hlr_arena *a);
/* Reports a diagnostic at span of src. Returns its seq for notes. */
size_t hlr_diag(struct hlr_diags *d, enum hlr_level level, const char *code,
                struct hlr_source *src, struct hlr_span span, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* A note explaining diagnostic parent, pointing at span of src. */
void hlr_diag_note(struct hlr_diags *d, size_t parent, struct hlr_source *src,
                   struct hlr_span span, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A whole-file diagnostic with no position (missing file, binary file). */
size_t hlr_diag_file(struct hlr_diags *d, enum hlr_level level, const char *code,
                     const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Whether the limit is reached: a diagnostic reported now is not kept, so
 * whatever would only go into its message need not be computed. */
bool hlr_diags_full(const struct hlr_diags *d);
/* Keeps only the diagnostics about the n sources in srcs (and their notes,
 * and whole-file ones), recounting errors and warnings. */
void hlr_diags_keep(struct hlr_diags *d, const struct hlr_source *const *srcs, size_t n);
/* Sorts and prints everything to out (gcc format), then forgets it. */
void hlr_diags_print(struct hlr_diags *d, FILE *out);

/* Output formats for diagnostics. */
enum hlr_diag_format {
	HLR_DIAG_GCC,    /* FILE:LINE:COL: error: MESSAGE [code], line, caret */
	HLR_DIAG_JSON,   /* one JSON object per line */
	HLR_DIAG_SARIF,  /* one SARIF 2.1.0 document for the whole run */
	HLR_DIAG_GITHUB, /* workflow commands that annotate lines in CI */
};

/* Prints the diagnostics of a whole run, file after file. */
struct hlr_diag_printer {
	enum hlr_diag_format format; /* how */
	FILE *fp;                    /* where */
	size_t shown;                /* diagnostics printed so far */
	size_t left_out;             /* GitHub annotations over the limit */
	size_t limit;                /* GitHub: annotations shown at most */
	size_t dropped;              /* SARIF: diagnostics over the cap of a file */
};

/* "gcc", "json", "sarif" or "github"; false for anything else. */
bool hlr_diag_format_from_name(const char *name, enum hlr_diag_format *f);
void hlr_diag_printer_begin(struct hlr_diag_printer *p, enum hlr_diag_format f, FILE *fp);
/* Sorts and prints d's diagnostics, then forgets them. */
void hlr_diag_printer_add(struct hlr_diag_printer *p, struct hlr_diags *d);
void hlr_diag_printer_end(struct hlr_diag_printer *p);

#endif
