/* compiler: source buffers (see source.h). Loading checks that the file is
 * text: valid UTF-8, no NUL bytes, no control characters but tab, CR before
 * LF and form feed. */
#define _POSIX_C_SOURCE 200809L
#include "compiler/source.h"
#include "compiler/diag.h"
#include "runtime/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The encoding of text that is not UTF-8 but UTF-16 or UTF-32, by its byte
 * order mark, or without one by where its NUL bytes fall in the first 512
 * bytes (ASCII text in UTF-16LE is "a\0b\0", in UTF-16BE "\0a\0b"); NULL
 * for anything else. A guess from NUL bytes alone needs no NUL on one side
 * and at least 7 in 8 NULs on the other (a curly quote, U+2019, has none),
 * so binary data is not taken for text. */
static const char *utf16_or_32(const unsigned char *u, size_t n)
{
	if (n >= 4 && !memcmp(u, "\xFF\xFE\0\0", 4))
		return "UTF-32 (little-endian, with a byte order mark)";
	if (n >= 4 && !memcmp(u, "\0\0\xFE\xFF", 4))
		return "UTF-32 (big-endian, with a byte order mark)";
	if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		return "UTF-16 (little-endian, with a byte order mark)";
	if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		return "UTF-16 (big-endian, with a byte order mark)";
	size_t m = n < 512 ? n : 512;
	m -= m % 4;
	if (m < 4)
		return NULL;
	size_t nul[4] = {0, 0, 0, 0};
	for (size_t i = 0; i < m; i++)
		nul[i % 4] += u[i] == 0;
	size_t q = m / 4, most = q - q / 8; /* bytes in each position; 7 in 8 */
	if (nul[0] == 0 && nul[1] >= most && nul[2] == q && nul[3] == q)
		return "UTF-32 (little-endian, no byte order mark)";
	if (nul[0] == q && nul[1] == q && nul[2] >= most && nul[3] == 0)
		return "UTF-32 (big-endian, no byte order mark)";
	if (nul[0] == 0 && nul[2] == 0 && nul[1] >= most && nul[3] >= most)
		return "UTF-16 (little-endian, no byte order mark)";
	if (nul[1] == 0 && nul[3] == 0 && nul[0] >= most && nul[2] >= most)
		return "UTF-16 (big-endian, no byte order mark)";
	return NULL;
}

/* Checks the bytes; reports the first problem and returns false. */
static bool validate(struct hlr_source *s, struct hlr_diags *d)
{
	const unsigned char *u = (const unsigned char *)s->data;
	size_t n = s->len;
	const char *enc = utf16_or_32(u, n);
	if (enc) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_WRONG_ENCODING, s->path,
		              "the file is %s text; .hlr files are UTF-8: save it again as UTF-8 "
		              "(Notepad: Save As, Encoding UTF-8; Word: Save As Plain Text, "
		              "Unicode (UTF-8))", enc);
		return false;
	}
	const char *nul = memchr(s->data, '\0', n);
	if (nul) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_NOT_TEXT, s->path,
		              "not a text file (NUL byte at offset %zu); .hlr files are UTF-8 text",
		              (size_t)(nul - s->data));
		return false;
	}
	for (size_t i = s->bom; i < n;) {
		/* eight bytes at a time while they are printable ASCII: no byte
		 * has its high bit set, and every byte b has (b | 0x80) - 0x20
		 * with the high bit still set, which is b >= 0x20 (no borrow
		 * crosses bytes, since b | 0x80 >= 0x80) */
		const uint64_t hi = 0x8080808080808080u, lo = 0x2020202020202020u;
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, u + i, 8);
			if ((w & hi) | (~((w | hi) - lo) & hi))
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned char c = u[i];
		if (c >= 0x20 && c < 0x80) {
			i++;
			continue;
		}
		if (c == '\n' || c == '\t' || c == '\f' || (c == '\r' && i + 1 < n && u[i + 1] == '\n')) {
			i++;
			continue;
		}
		if (c < 0x80) {
			hlr_diag(d, HLR_ERROR, HLR_C_NOT_TEXT, s, hlr_span_make((uint32_t)i, (uint32_t)i + 1),
			         c == '\r' ? "carriage return without a line feed; use LF or CRLF line ends"
			                   : "control character U+%04X is not allowed in a .hlr file", c);
			return false;
		}
		size_t l = hlr_utf8_seqlen(u + i, n - i);
		if (!l) {
			hlr_diag(d, HLR_ERROR, HLR_C_NOT_TEXT, s, hlr_span_make((uint32_t)i, (uint32_t)i + 1),
			         "invalid UTF-8 byte 0x%02X; .hlr files are UTF-8 text: a file saved as "
			         "Windows-1252 or Latin-1 (Word's Plain Text default) must be saved again "
			         "as UTF-8", c);
			return false;
		}
		i += l;
	}
	return true;
}

static struct hlr_source *finish(struct hlr_diags *d, struct hlr_source *s)
{
	s->index = d->nsources++;
	if (s->len >= 3 && memcmp(s->data, "\xEF\xBB\xBF", 3) == 0)
		s->bom = 3;
	s->scan_len = s->len;
	if (s->len > s->bom && s->data[s->len - 1] != '\n')
		s->data[s->scan_len++] = '\n';
	s->data[s->scan_len] = s->data[s->scan_len + 1] = '\0';
	return validate(s, d) ? s : NULL;
}

struct hlr_source *hlr_source_from_memory(struct hlr_arena *a, struct hlr_diags *d,
                                          const char *name, const char *data, size_t len)
{
	if (len > HLR_SOURCE_MAX) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_TOO_LARGE, name, "file is larger than 1 GiB");
		return NULL;
	}
	struct hlr_source *s = hlr_arena_alloc(a, sizeof *s);
	s->path = hlr_arena_strndup(a, name, strlen(name));
	s->data = hlr_arena_alloc_raw(a, len + 3);
	if (len)
		memcpy(s->data, data, len);
	s->len = len;
	return finish(d, s);
}

struct hlr_source *hlr_source_read(struct hlr_arena *a, struct hlr_diags *d, const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_CANNOT_READ, path, "cannot read file: %s", strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_CANNOT_READ, path, "cannot read file: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_CANNOT_READ, path, "is a directory, not a .hlr file");
		close(fd);
		return NULL;
	}
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > HLR_SOURCE_MAX) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_TOO_LARGE, path, "file is larger than 1 GiB");
		close(fd);
		return NULL;
	}
	/* Regular files are read in one go into the arena, with room for the
	 * added newline and the scanner's two NULs; pipes and devices grow a
	 * buffer in chunks. */
	bool regular = S_ISREG(st.st_mode);
	size_t cap = regular ? (size_t)st.st_size + 4 : 65536;
	char *buf = regular ? hlr_arena_alloc_raw(a, cap) : hlr_xmalloc(cap);
	size_t len = 0;
	for (;;) {
		if (cap - len < 4) {
			if (cap > HLR_SOURCE_MAX + 4 || regular) {
				if (!regular)
					free(buf);
				close(fd);
				hlr_diag_file(d, HLR_ERROR, regular ? HLR_C_CANNOT_READ : HLR_C_TOO_LARGE, path,
				              regular ? "the file grew while it was read; try again"
				                      : "file is larger than 1 GiB");
				return NULL;
			}
			cap *= 2;
			buf = hlr_xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + len, cap - len - 3);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			hlr_diag_file(d, HLR_ERROR, HLR_C_CANNOT_READ, path, "cannot read file: %s",
			              strerror(errno));
			if (!regular)
				free(buf);
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if (!regular) {
		if (len > HLR_SOURCE_MAX) {
			free(buf);
			hlr_diag_file(d, HLR_ERROR, HLR_C_TOO_LARGE, path, "file is larger than 1 GiB");
			return NULL;
		}
		char *copy = hlr_arena_alloc_raw(a, len + 3);
		memcpy(copy, buf, len);
		free(buf);
		buf = copy;
	}
	struct hlr_source *s = hlr_arena_alloc(a, sizeof *s);
	s->path = hlr_arena_strndup(a, path, strlen(path));
	s->data = buf;
	s->len = len;
	return s;
}

struct hlr_source *hlr_source_view(struct hlr_arena *a, struct hlr_diags *d, const char *path,
                                   char *data, size_t len)
{
	struct hlr_source *s = hlr_arena_alloc(a, sizeof *s);
	s->path = path;
	s->data = data;
	s->len = len;
	return finish(d, s);
}

size_t hlr_source_line_starts(const struct hlr_source *s, struct hlr_arena *a, uint32_t **out)
{
	/* one pass: room for a line per 40 bytes, grown when there are more */
	size_t cap = s->len / 40 + 16, n = 0;
	uint32_t *v = hlr_arena_alloc_raw(a, cap * sizeof *v);
	v[n++] = 0;
	for (const char *p = s->data, *end = s->data + s->len;
	     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
		if (n == cap) {
			v = hlr_arena_grow(a, v, n, cap * 2, sizeof *v);
			cap *= 2;
		}
		v[n++] = (uint32_t)(p - s->data + 1);
	}
	*out = v;
	return n;
}

size_t hlr_line_find(const uint32_t *starts, size_t n, size_t off)
{
	size_t lo = 0, hi = n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static size_t line_index(struct hlr_source *s, struct hlr_arena *a, size_t off)
{
	if (!s->lines)
		s->nlines = hlr_source_line_starts(s, a, &s->lines);
	return hlr_line_find(s->lines, s->nlines, off);
}

void hlr_source_position(struct hlr_source *s, struct hlr_arena *a, size_t off,
                         unsigned *line, unsigned *col)
{
	if (off > s->len)
		off = s->len;
	size_t i = line_index(s, a, off);
	size_t start = s->lines[i];
	if (i == 0 && s->bom && off >= 3)
		start = 3;
	*line = (unsigned)(i + 1);
	*col = (unsigned)(hlr_utf8_count(s->data + start, off - start) + 1);
}

void hlr_source_line(struct hlr_source *s, struct hlr_arena *a, size_t off,
                     size_t *start, size_t *len)
{
	if (off > s->len)
		off = s->len;
	size_t i = line_index(s, a, off);
	size_t b = s->lines[i];
	if (i == 0 && s->bom)
		b = 3;
	size_t e = i + 1 < s->nlines ? s->lines[i + 1] - 1 : s->len;
	if (e > b && s->data[e - 1] == '\r')
		e--;
	if (e < b)
		e = b;
	*start = b;
	*len = e - b;
}
