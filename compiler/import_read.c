/* compiler: import, reading (see import.h). An input's bytes become a text
 * view: UTF-8 (a byte order mark dropped), UTF-16 with a byte order mark,
 * or Windows-1252 (Word's "Plain Text" default) decoded to UTF-8, line
 * ends made LF; a .docx through import_docx.c. Anything else (binary data,
 * control characters, a Word 97-2003 .doc) is refused with an error that
 * says what the file is and what to do. */
#include "compiler/diag.h"
#include "compiler/import.h"
#include "runtime/utf8.h"

#include <string.h>

/* Windows-1252's bytes 0x80 to 0x9F (0: not assigned). */
static const unsigned short cp1252[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static void put_cp(struct hlr_buf *b, unsigned long c)
{
	char u[4];
	size_t n;
	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	hlr_buf_put(b, u, n);
}

/* UTF-16 (big-endian when be) after its byte order mark into UTF-8.
 * false at an unpaired surrogate or an odd byte count. */
static bool from_utf16(const unsigned char *s, size_t n, bool be, struct hlr_buf *out)
{
	if (n % 2)
		return false;
	for (size_t i = 0; i < n; i += 2) {
		unsigned long c = be ? (unsigned long)(s[i] << 8 | s[i + 1])
		                     : (unsigned long)(s[i + 1] << 8 | s[i]);
		if (c >= 0xD800 && c < 0xDC00) {
			if (i + 3 >= n)
				return false;
			unsigned long lo = be ? (unsigned long)(s[i + 2] << 8 | s[i + 3])
			                      : (unsigned long)(s[i + 3] << 8 | s[i + 2]);
			if (lo < 0xDC00 || lo > 0xDFFF)
				return false;
			c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
			i += 2;
		} else if (c >= 0xDC00 && c <= 0xDFFF) {
			return false;
		}
		put_cp(out, c);
	}
	return true;
}

/* Windows-1252 into UTF-8; false at a byte the code page leaves out. */
static bool from_cp1252(const unsigned char *s, size_t n, struct hlr_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		unsigned c = s[i];
		if (c >= 0x80 && c < 0xA0) {
			if (!cp1252[c - 0x80])
				return false;
			put_cp(out, cp1252[c - 0x80]);
		} else {
			put_cp(out, c);
		}
	}
	return true;
}

/* Line ends made LF, a form feed a space; the offset of the first other
 * control character (or of a NUL), or (size_t)-1 when there is none. */
static size_t clean_lines(struct hlr_buf *b)
{
	size_t o = 0;
	for (size_t i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->data[i];
		if (c == '\r') {
			if (i + 1 < b->len && b->data[i + 1] == '\n')
				continue;
			c = '\n';
		} else if (c == '\f') {
			c = ' ';
		} else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
			return i;
		}
		b->data[o++] = (char)c;
	}
	b->len = o;
	hlr_buf_reserve(b, 3);
	b->data[o] = '\0';
	return (size_t)-1;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++) {
		char c = s[n - k + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suffix[i])
			return false;
	}
	return true;
}

bool hlr_import_view(struct hlr_arena *a, struct hlr_diags *d, const char *path,
                     const char *data, size_t len, struct hlr_import_view *v)
{
	const unsigned char *u = (const unsigned char *)data;
	memset(v, 0, sizeof *v);
	if (len > HLR_IMPORT_MAX_INPUT) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_LIMIT, path,
		              "is %zu bytes; hlrc import reads reports of at most %zu bytes (a highlight "
		              "report is a few kilobytes): is it the right file?", len,
		              HLR_IMPORT_MAX_INPUT);
		return false;
	}
	struct hlr_buf text = HLR_BUF_INIT, flags = HLR_BUF_INIT;
	bool ok = true;
	if (len >= 4 && u[0] == 'P' && u[1] == 'K' && (u[2] == 3 || u[2] == 5) && (u[3] == 4 || u[3] == 6)) {
		v->what = "a .docx document";
		ok = hlr_import_docx(a, d, path, data, len, &text, &flags);
	} else if (len >= 8 && !memcmp(u, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_FORMAT, path,
		              "is a Word 97-2003 document (.doc), which hlrc import does not read: open "
		              "it in Word or LibreOffice and save it as .docx or as plain text");
		ok = false;
	} else if (ends_with(path, ".docx")) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_FORMAT, path,
		              "is not a .docx document: a .docx is a zip archive, and this file is not "
		              "one (was it renamed, or cut short?)");
		ok = false;
	} else if (len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && !u[2] && !u[3]) ||
	                        (!u[0] && !u[1] && u[2] == 0xFE && u[3] == 0xFF))) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_FORMAT, path,
		              "is UTF-32 text, which hlrc import does not read: save it as UTF-8 or "
		              "UTF-16 (Notepad: Save As, Encoding UTF-8)");
		ok = false;
	} else if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		v->what = "UTF-16 text";
		if (!from_utf16(u + 2, len - 2, u[0] == 0xFE, &text)) {
			hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_FORMAT, path,
			              "starts with a UTF-16 byte order mark but is not UTF-16 text (an odd "
			              "number of bytes, or a broken surrogate pair)");
			ok = false;
		}
	} else if (memchr(data, '\0', len)) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_FORMAT, path,
		              "holds NUL bytes: it is binary data, or UTF-16 text without a byte order "
		              "mark; hlrc import reads plain text (UTF-8, UTF-16 with a byte order mark, "
		              "Windows-1252) and .docx");
		ok = false;
	} else if (hlr_utf8_invalid(data, len) == len) {
		v->what = "UTF-8 text";
		size_t bom = len >= 3 && !memcmp(u, "\xEF\xBB\xBF", 3) ? 3 : 0;
		hlr_buf_put(&text, data + bom, len - bom);
	} else {
		v->what = "Windows-1252 text";
		if (!from_cp1252(u, len, &text)) {
			hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_FORMAT, path,
			              "is neither UTF-8 nor Windows-1252 text (it holds bytes neither "
			              "uses): is it binary data? Save the report as plain text, UTF-8");
			ok = false;
		}
	}
	if (ok) {
		size_t bad = clean_lines(&text);
		if (bad != (size_t)-1) {
			hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_FORMAT, path,
			              "holds a control character (U+%04X, at byte %zu of its text): it is "
			              "binary data, not a report", (unsigned)(unsigned char)text.data[bad],
			              bad);
			ok = false;
		} else if (text.len > HLR_IMPORT_MAX_PART) {
			hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_LIMIT, path,
			              "has %zu bytes of text; hlrc import reads at most %zu", text.len,
			              HLR_IMPORT_MAX_PART);
			ok = false;
		}
	}
	if (ok) {
		v->src = hlr_source_from_memory(a, d, path, text.data ? text.data : "", text.len);
		ok = v->src != NULL;
	}
	if (ok) {
		size_t lines = 1;
		for (size_t i = 0; i < text.len; i++)
			lines += text.data[i] == '\n';
		v->nlines = lines;
		v->flags = hlr_arena_alloc(a, lines);
		memcpy(v->flags, flags.data ? flags.data : "", flags.len < lines ? flags.len : lines);
	}
	hlr_buf_free(&text);
	hlr_buf_free(&flags);
	return ok;
}
