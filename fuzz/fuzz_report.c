/* fuzz: the whole pipeline on one file (libFuzzer), through the library
 * (compiler/hlrc.h). The input is a .hlr file, given from memory: it is
 * checked and rendered as Markdown, HTML and JSON (and as the view of its
 * first authority) and as a Word document; diagnostics are printed in
 * every format. Built by
 * `make fuzz`. */
#include "compiler/hlrc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A folder that is not on disk: the file is its only text. */
#define PATH "/nonexistent-hlrc-fuzz/fuzz.hlr"

static void print_all(const hlrc_result *r)
{
	for (int f = 0; f < 4; f++) {
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hlrc_workspace *ws = hlrc_workspace_new();
	if (!ws)
		return 0;
	hlrc_set_text(ws, PATH, (const char *)data, size);
	const char *paths[] = {PATH};
	hlrc_result *r;
	if (hlrc_check(ws, paths, 1, &r) != HLRC_NOMEM) {
		print_all(r);
		hlrc_result_free(r);
	}
	/* the tag of the first "authority TAG ..." line, for a view */
	char tag[16] = "";
	const char *s = (const char *)data, *end = s + size;
	for (const char *p = s; p && p < end; p = memchr(p, '\n', (size_t)(end - p)), p = p ? p + 1 : p)
		if ((size_t)(end - p) > 10 && !memcmp(p, "authority ", 10)) {
			size_t k = 0;
			for (p += 10; p < end && k + 1 < sizeof tag && *p != ' ' && *p != '\n'; p++)
				tag[k++] = *p;
			tag[k] = '\0';
			break;
		}
	for (int f = 0; f < 4; f++) {
		struct hlrc_render_opts o = {.format = f == 3 ? HLRC_FORMAT_HTML : (enum hlrc_format)f,
		                             .fragment = f == 1 && size % 2,
		                             .for_tag = f == 3 ? tag : NULL};
		if (f == 3 && !tag[0])
			break;
		if (hlrc_render(ws, PATH, &o, &r) == HLRC_NOMEM)
			continue;
		hlrc_result_free(r);
	}
	/* the Word writer, in the view when there is one */
	struct hlrc_render_opts docx = {.format = HLRC_FORMAT_DOCX, .for_tag = tag[0] ? tag : NULL};
	if (hlrc_render(ws, PATH, &docx, &r) != HLRC_NOMEM)
		hlrc_result_free(r);
	hlrc_workspace_free(ws);
	return 0;
}
