/* compiler: diagnostics. Every stage reports through hlr_diag; messages are
 * collected, then sorted by file and position and handed to the library's
 * caller as data (compiler/hlrc.c), which prints them in one of four
 * formats (compiler/diagprint.c). */
#ifndef HLR_DIAG_H
#define HLR_DIAG_H

#include <stdarg.h>
#include <stdio.h>
#include <stdbool.h>

#include "compiler/diagcodes.h"
#include "compiler/source.h"

/* A machine-applicable edit: replace span (in the diagnostic's source) by
 * text. Fix-its change how a report is written, never its words. */
struct hlr_fixit {
	struct hlr_span span;    /* bytes replaced (empty: an insertion) */
	const char *text;        /* replacement (arena), NUL-terminated */
};

struct hlr_diag {
	enum hlr_level level;    /* note, warning or error */
	enum hlr_code code;      /* HLR_C_UNKNOWN_SECTION...; HLR_C_NONE for notes */
	struct hlr_source *src;  /* file it points into, or NULL */
	const char *path;        /* file name when src is NULL (unreadable file) */
	struct hlr_span span;    /* bytes it points at */
	bool has_span;           /* false: whole-file message, no line shown */
	char *msg;               /* message text (arena) */
	struct hlr_fixit *fix;   /* edits that fix it (arena), in order */
	size_t nfix;
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
size_t hlr_diag(struct hlr_diags *d, enum hlr_level level, enum hlr_code code,
                struct hlr_source *src, struct hlr_span span, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* A note explaining diagnostic parent, pointing at span of src. */
void hlr_diag_note(struct hlr_diags *d, size_t parent, struct hlr_source *src,
                   struct hlr_span span, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A whole-file diagnostic with no position (missing file, binary file). */
size_t hlr_diag_file(struct hlr_diags *d, enum hlr_level level, enum hlr_code code,
                     const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Attaches an edit to diagnostic seq (as returned by hlr_diag; ignored for
 * (size_t)-1): replace span of its source by text (copied). Edits of one
 * diagnostic must not overlap; they are applied together or not at all. */
void hlr_diag_fixit(struct hlr_diags *d, size_t seq, struct hlr_span span, const char *text);
/* Appends to `to` the diagnostics of from (their messages stay in from's
 * arena), but, when skip is not NULL, those at skip and those reported
 * from seq from_seq on, with their notes. */
void hlr_diags_append(struct hlr_diags *to, const struct hlr_diags *from,
                      const struct hlr_source *skip, size_t from_seq);
/* Sorts v[0..n) (each seq its index, notes after their diagnostic) by the
 * position of the diagnostic each belongs to, then by order of reporting:
 * a note stays right after what it explains. */
void hlr_diag_sort(struct hlr_diag *v, size_t n);
/* Appends the SARIF rules array, tool.driver.rules: one reportingDescriptor
 * per entry of the code table, in its order, so that rules[c] is code c.
 * docs_url is the absolute address of docs/language.md for each rule's
 * helpUri (its anchor appended), or NULL for none. */
struct hlr_buf;
void hlr_diag_sarif_rules(struct hlr_buf *b, const char *docs_url);
/* Whether the limit is reached: a diagnostic reported now is not kept, so
 * whatever would only go into its message need not be computed. */
bool hlr_diags_full(const struct hlr_diags *d);

#endif
