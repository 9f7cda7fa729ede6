/* runtime: growable byte buffer. The buffer owns its memory (malloc);
 * hlr_buf_free releases it. Out of memory ends the program. */
#ifndef HLR_BUF_H
#define HLR_BUF_H

#include <stddef.h>
#include <string.h>

struct hlr_buf {
	char *data; /* bytes, always NUL-terminated when data != NULL */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
};

#define HLR_BUF_INIT {NULL, 0, 0}

void hlr_buf_free(struct hlr_buf *b);
/* Makes room for extra more bytes and the NUL. */
void hlr_buf_grow(struct hlr_buf *b, size_t extra);
static inline void hlr_buf_reserve(struct hlr_buf *b, size_t extra)
{
	if (b->cap - b->len <= extra)
		hlr_buf_grow(b, extra);
}
static inline void hlr_buf_put(struct hlr_buf *b, const char *s, size_t n)
{
	hlr_buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}
static inline void hlr_buf_puts(struct hlr_buf *b, const char *s)
{
	hlr_buf_put(b, s, strlen(s));
}
static inline void hlr_buf_putc(struct hlr_buf *b, char c)
{
	hlr_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
void hlr_buf_printf(struct hlr_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends s with &, <, >, " escaped as HTML entities. */
void hlr_buf_put_html(struct hlr_buf *b, const char *s, size_t n);
/* Appends s as the body of a JSON string (no quotes added). */
void hlr_buf_put_json(struct hlr_buf *b, const char *s, size_t n);

#endif
