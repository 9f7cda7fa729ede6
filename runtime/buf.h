/* runtime: growable byte buffer. The buffer owns its memory (malloc);
 * hlr_buf_free releases it. Out of memory ends the program. */
#ifndef HLR_BUF_H
#define HLR_BUF_H

#include <stddef.h>

struct hlr_buf {
	char *data; /* bytes, always NUL-terminated when data != NULL */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
};

#define HLR_BUF_INIT {NULL, 0, 0}

void hlr_buf_free(struct hlr_buf *b);
void hlr_buf_reserve(struct hlr_buf *b, size_t extra);
void hlr_buf_put(struct hlr_buf *b, const char *s, size_t n);
void hlr_buf_puts(struct hlr_buf *b, const char *s);
void hlr_buf_putc(struct hlr_buf *b, char c);
void hlr_buf_printf(struct hlr_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends s with &, <, >, " escaped as HTML entities. */
void hlr_buf_put_html(struct hlr_buf *b, const char *s, size_t n);
/* Appends s as the body of a JSON string (no quotes added). */
void hlr_buf_put_json(struct hlr_buf *b, const char *s, size_t n);

#endif
