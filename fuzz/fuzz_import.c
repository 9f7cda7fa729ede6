/* fuzz: hlrc import (libFuzzer), through the library (compiler/hlrc.h).
 * The first byte chooses what the rest is:
 *   0  a report as text (any encoding: UTF-8, UTF-16, Windows-1252, junk)
 *   1  a .docx file as it is (the zip reader and its limits)
 *   2  a word/document.xml, put into a .docx made here with libzip (the
 *      XML reader, styles and numbering, without first having to make a
 *      valid zip)
 *   3  two reports as text, split at the first form feed (a series:
 *      shared fields, sections made 'unchanged')
 * An import either fails on its input or gives files that format and check
 * clean: HLRC_INTERNAL (what it made does not check) is a crash. Diagnostics
 * are printed in every format. Built by `make fuzz`. */
#include "compiler/hlrc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* Folders that are not on disk: the inputs are texts set from memory. */
#define DIR "/nonexistent-hlrc-fuzz"
#define OUT DIR "/out"

static void print_all(const hlrc_result *r)
{
	for (int f = 0; f < 5; f++) {
		hlrc_printer *p = hlrc_printer_new((enum hlrc_diag_format)f);
		if (!p)
			return;
		hlrc_printer_add(p, r);
		hlrc_printer_end(p);
		size_t n;
		hlrc_printer_take(p, &n);
		hlrc_printer_free(p);
	}
}

/* A .docx holding data[0..size) as word/document.xml (malloc'd, *len), or
 * NULL. */
static char *docx_of(const uint8_t *data, size_t size, size_t *len)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	zip_error_fini(&err);
	if (!src)
		return NULL;
	zip_source_keep(src);
	zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	char *out = NULL;
	if (z) {
		zip_source_t *f = zip_source_buffer(z, data, size, 0);
		if (f && zip_file_add(z, "word/document.xml", f, ZIP_FL_OVERWRITE) < 0)
			zip_source_free(f);
		if (zip_close(z) < 0)
			zip_discard(z);
	}
	if (zip_source_open(src) == 0) {
		zip_source_seek(src, 0, SEEK_END);
		zip_int64_t n = zip_source_tell(src);
		zip_source_seek(src, 0, SEEK_SET);
		if (n > 0 && (out = malloc((size_t)n)) != NULL &&
		    zip_source_read(src, out, (zip_uint64_t)n) != n) {
			free(out);
			out = NULL;
		}
		*len = n > 0 ? (size_t)n : 0;
		zip_source_close(src);
	}
	zip_source_free(src);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	int mode = data[0] & 3;
	data++;
	size--;
	hlrc_workspace *ws = hlrc_workspace_new();
	if (!ws)
		return 0;
	const char *paths[2] = {DIR "/in.txt", DIR "/in2.txt"};
	size_t n = 1;
	if (mode == 0) {
		hlrc_set_text(ws, paths[0], (const char *)data, size);
	} else if (mode == 1) {
		paths[0] = DIR "/in.docx";
		hlrc_set_text(ws, paths[0], (const char *)data, size);
	} else if (mode == 2) {
		size_t len = 0;
		char *docx = docx_of(data, size, &len);
		if (!docx) {
			hlrc_workspace_free(ws);
			return 0;
		}
		paths[0] = DIR "/in.docx";
		hlrc_set_text(ws, paths[0], docx, len);
		free(docx);
	} else {
		const uint8_t *ff = memchr(data, '\f', size);
		size_t k = ff ? (size_t)(ff - data) : size;
		hlrc_set_text(ws, paths[0], (const char *)data, k);
		hlrc_set_text(ws, paths[1], ff ? (const char *)ff + 1 : "", ff ? size - k - 1 : 0);
		n = 2;
	}
	hlrc_result *r;
	int rc = hlrc_import(ws, paths, n, OUT, &r);
	if (rc != HLRC_NOMEM) {
		print_all(r);
		if (rc == HLRC_INTERNAL) {
			const struct hlrc_diagnostic *v;
			size_t nd = hlrc_result_diagnostics(r, &v);
			for (size_t i = 0; i < nd; i++)
				fprintf(stderr, "%s:%u:%u: %s\n", v[i].path ? v[i].path : "-", v[i].line,
				        v[i].column, v[i].message);
			abort(); /* the import made text that does not check */
		}
		hlrc_result_free(r);
	}
	hlrc_workspace_free(ws);
	return 0;
}
