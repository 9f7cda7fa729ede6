/* runtime: growable byte buffer (see buf.h). */
#include "buf.h"
#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hlr_buf_free(struct hlr_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void hlr_buf_reserve(struct hlr_buf *b, size_t extra)
{
	if (b->cap - b->len > extra)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->len <= extra) {
		if (cap > ((size_t)-1) / 2)
			hlr_oom();
		cap *= 2;
	}
	b->data = hlr_xrealloc(b->data, cap);
	b->cap = cap;
}

void hlr_buf_put(struct hlr_buf *b, const char *s, size_t n)
{
	hlr_buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void hlr_buf_puts(struct hlr_buf *b, const char *s)
{
	hlr_buf_put(b, s, strlen(s));
}

void hlr_buf_putc(struct hlr_buf *b, char c)
{
	hlr_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void hlr_buf_printf(struct hlr_buf *b, const char *fmt, ...)
{
	/* format once into the room there is; again only if it was too small */
	hlr_buf_reserve(b, 128);
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		hlr_buf_reserve(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void hlr_buf_put_html(struct hlr_buf *b, const char *s, size_t n)
{
	/* bytes that need an entity; the rest is copied in runs */
	static const unsigned char special[256] = {['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1};
	const unsigned char *u = (const unsigned char *)s;
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		while (i < n && !special[u[i]])
			i++;
		if (i == n)
			break;
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: continue;
		}
		hlr_buf_put(b, s + start, i - start);
		hlr_buf_puts(b, rep);
		start = i + 1;
	}
	hlr_buf_put(b, s + start, n - start);
}

void hlr_buf_put_json(struct hlr_buf *b, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		hlr_buf_put(b, s + start, i - start);
		switch (c) {
		case '"': hlr_buf_puts(b, "\\\""); break;
		case '\\': hlr_buf_puts(b, "\\\\"); break;
		case '\n': hlr_buf_puts(b, "\\n"); break;
		case '\t': hlr_buf_puts(b, "\\t"); break;
		case '\r': hlr_buf_puts(b, "\\r"); break;
		default: hlr_buf_printf(b, "\\u%04x", c); break;
		}
		start = i + 1;
	}
	hlr_buf_put(b, s + start, n - start);
}
