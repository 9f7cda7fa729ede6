/* compiler: source buffers. A source is one input file held in memory with
 * a lazily built line table; positions are byte offsets (spans) everywhere
 * and become line and column only when a diagnostic is printed. */
#ifndef HLR_SOURCE_H
#define HLR_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "runtime/arena.h"

/* Largest input accepted; spans are 32-bit byte offsets. */
#define HLR_SOURCE_MAX ((size_t)1 << 30)

/* A half-open byte range [start, end) in one source. */
struct hlr_span {
	uint32_t start; /* first byte */
	uint32_t end;   /* one past the last byte */
};

static inline struct hlr_span hlr_span_make(uint32_t s, uint32_t e)
{
	struct hlr_span sp = {s, e};
	return sp;
}
static inline int hlr_span_empty(struct hlr_span s) { return s.end <= s.start; }

struct hlr_source {
	const char *path; /* as named on the command line (arena copy) */
	char *data;       /* file bytes, then "\n" if missing, then two NULs */
	size_t len;       /* bytes in the file itself */
	size_t scan_len;  /* bytes given to the scanner (len + added newline) */
	size_t bom;       /* 3 when the file starts with a UTF-8 BOM, else 0 */
	uint32_t *lines;  /* offsets of line starts, built on first use */
	size_t nlines;    /* entries in lines */
	unsigned index;   /* order of loading, for sorting diagnostics */
};

struct hlr_diags;

/* The bytes of path, not yet checked (no line end added, not counted in
 * d): data has room for len + 3 bytes; at most limit bytes (see
 * hlr_source_read_fd). NULL (and a diagnostic) when path
 * cannot be read. */
struct hlr_source *hlr_source_read(struct hlr_arena *a, struct hlr_diags *d,
                                   const char *path, size_t limit);
/* The same from the open fd (a pipe, a device, standard input), shown as
 * path. Over limit bytes (0: HLR_SOURCE_MAX) is an error (too-large),
 * found before reading for a regular file, and after at most limit + 1
 * bytes for anything else. */
struct hlr_source *hlr_source_read_fd(struct hlr_arena *a, struct hlr_diags *d, int fd,
                                      const char *path, size_t limit);
/* A source over bytes owned by the caller (read by hlr_source_read, or
 * set from memory), checked as text: valid UTF-8, no NUL bytes, no control
 * characters but tab, CR before LF and form feed. data must hold len + 3 writable bytes (the line end and
 * the scanner's NULs are written after len) and outlive the source; path
 * is not copied. NULL (and a diagnostic) when the bytes are not text. */
struct hlr_source *hlr_source_view(struct hlr_arena *a, struct hlr_diags *d, const char *path,
                                   char *data, size_t len);
/* The same over a copy of data in the arena. */
struct hlr_source *hlr_source_from_memory(struct hlr_arena *a, struct hlr_diags *d,
                                          const char *name, const char *data,
                                          size_t len);
/* The offsets of the line starts of s, into an array in a (not kept in s,
 * so a stage that only reads s can have its own); returns their count. */
size_t hlr_source_line_starts(const struct hlr_source *s, struct hlr_arena *a, uint32_t **out);
/* The index of the line holding offset off, given n line starts. */
size_t hlr_line_find(const uint32_t *starts, size_t n, size_t off);
/* 1-based line and column (in code points) of byte offset off. */
void hlr_source_position(struct hlr_source *s, struct hlr_arena *a, size_t off,
                         unsigned *line, unsigned *col);
/* The line containing off, without its line end: *start and *len. */
void hlr_source_line(struct hlr_source *s, struct hlr_arena *a, size_t off,
                     size_t *start, size_t *len);

#endif
