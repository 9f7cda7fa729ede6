/* compiler: import (before the source stage). Reports written in Word, or
 * as its text exports, become .hlr files. import_read.c turns an input's
 * bytes (UTF-8, Windows-1252 or UTF-16 text, or a .docx through
 * import_docx.c) into a text view: UTF-8 lines in the seeds' layout, which
 * diagnostics point into; import.c maps the views to the header fields,
 * parts, sections and items of .hlr files, a series of them when there are
 * several, then lays them out as hlrc fmt does and checks them. */
#ifndef HLR_IMPORT_H
#define HLR_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "compiler/source.h"
#include "runtime/arena.h"
#include "runtime/buf.h"

struct hlr_diags;

/* Limits on what an input may be (import-limit beyond them). */
#define HLR_IMPORT_MAX_INPUT ((size_t)16 << 20)  /* bytes of a file */
#define HLR_IMPORT_MAX_ENTRIES 2000              /* entries of a .docx */
#define HLR_IMPORT_MAX_PART ((size_t)32 << 20)   /* bytes of one XML part */
#define HLR_IMPORT_MAX_RATIO 200                 /* uncompressed / compressed */

/* Per line of a text view. */
enum {
	HLR_IMPORT_HEADING = 1, /* a paragraph in a Word heading or title style */
	HLR_IMPORT_TABLE = 2,   /* a table row, its cells joined by tabs */
	HLR_IMPORT_LIST = 4,    /* a numbered list paragraph, after the number
	                           Word shows ("3. ", "b) ") */
};

/* An input as UTF-8 lines. */
struct hlr_import_view {
	struct hlr_source *src; /* the lines, named by the input's path (for a
	                           .docx, a line per paragraph) */
	unsigned char *flags;   /* per line (0-based), HLR_IMPORT_* */
	size_t nlines;          /* entries in flags */
	const char *what;       /* "UTF-8 text", "Windows-1252 text", ... */
};

/* The text view of the bytes data[0..len) of the input path (arena).
 * false, with an error in d, when they are no text or .docx hlrc can read
 * (binary, a broken or oversized archive, XML with a document type). */
bool hlr_import_view(struct hlr_arena *a, struct hlr_diags *d, const char *path,
                     const char *data, size_t len, struct hlr_import_view *v);

/* The paragraphs of the .docx data[0..len) as lines into text, each line's
 * flags into flags (a byte a line). false, with an error in d, when it
 * cannot be read (import_docx.c). */
bool hlr_import_docx(struct hlr_arena *a, struct hlr_diags *d, const char *path,
                     const char *data, size_t len, struct hlr_buf *text, struct hlr_buf *flags);

/* An input of an import. */
struct hlr_import_input {
	const char *path; /* as named */
	const char *data; /* its bytes */
	size_t len;
};

/* A file an import writes. */
struct hlr_import_file {
	const char *path; /* DIR/NAME.hlr (arena) */
	struct hlr_buf text;
};

/* Imports the n inputs into the folder dir: one report per input, named
 * by its period, and series.hlr of their shared fields when n > 1; each
 * laid out by the formatter and the whole checked. Returns HLRC_OK,
 * HLRC_FAILED (errors in d; no files) or HLRC_INTERNAL (the imported text
 * does not check: a bug). *out (arena array; the buffers are the caller's
 * to free) and *nout are set on HLRC_OK. */
int hlr_import(struct hlr_arena *a, struct hlr_diags *d, const struct hlr_import_input *in,
               size_t n, const char *dir, struct hlr_import_file **out, size_t *nout);

#endif
