/* runtime: growable byte buffer (see buf.h). */
#include "buf.h"
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hlr_buf_free(struct hlr_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void hlr_buf_grow(struct hlr_buf *b, size_t extra)
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
	/* 0: as it is; 1: a short escape; 2: \u00XX */
	static const unsigned char special[256] = {
		[0x00] = 2, [0x01] = 2, [0x02] = 2, [0x03] = 2, [0x04] = 2, [0x05] = 2, [0x06] = 2,
		[0x07] = 2, [0x08] = 2, ['\t'] = 1, ['\n'] = 1, [0x0b] = 2, [0x0c] = 2, ['\r'] = 1,
		[0x0e] = 2, [0x0f] = 2, [0x10] = 2, [0x11] = 2, [0x12] = 2, [0x13] = 2, [0x14] = 2,
		[0x15] = 2, [0x16] = 2, [0x17] = 2, [0x18] = 2, [0x19] = 2, [0x1a] = 2, [0x1b] = 2,
		[0x1c] = 2, [0x1d] = 2, [0x1e] = 2, [0x1f] = 2, ['"'] = 1, ['\\'] = 1,
	};
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		/* a run that needs no escape, copied at once; eight bytes at a
		 * time while none of them is a control character, '"' or '\\' */
		size_t start = i;
		for (; i + 8 <= n; i += 8) {
			uint64_t w;
			memcpy(&w, u + i, 8);
			const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
			uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
			if (((w - ones * 0x20) | (q - ones) | (b - ones)) & ~w & high)
				break;
		}
		while (i < n && !special[u[i]])
			i++;
		hlr_buf_put(b, s + start, i - start);
		if (i == n)
			break;
		hlr_buf_reserve(b, 6);
		char *d = b->data + b->len;
		unsigned char c = u[i++];
		d[0] = '\\';
		if (special[c] == 2) {
			d[1] = 'u';
			d[2] = '0';
			d[3] = '0';
			d[4] = hex[c >> 4];
			d[5] = hex[c & 15];
			b->len += 6;
		} else {
			d[1] = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : (char)c;
			b->len += 2;
		}
		b->data[b->len] = '\0';
	}
}
