/* fuzz: the formatter (libFuzzer), through the library (compiler/hlrc.h).
 * The input is a lone .hlr file, given from memory. When it formats, the
 * formatted text must build, when the input builds, to the same Markdown
 * and HTML, byte for byte but for runs of spaces (fmt writes one space
 * between words; a soft line break is a space in every writer, so where
 * fmt wraps does not show), and format to itself (a report with
 * semantic errors is formatted too: only its syntax matters); fmt
 * never reports an internal error. Any difference aborts. JSON is not
 * compared: it carries line numbers, which fmt moves. Built by
 * `make fuzz`. */
#include "compiler/hlrc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A folder that is not on disk: the file is its only text. */
#define PATH "/nonexistent-hlrc-fuzz/fuzz.hlr"

/* The bytes of text with runs of spaces as one space (malloc'd), into
 * *n; line ends and tabs are kept. */
static char *squeeze(const char *s, size_t len, size_t *n)
{
	char *o = malloc(len + 1);
	if (!o)
		abort();
	size_t k = 0;
	int space = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ') {
			space = 1;
			continue;
		}
		if (space)
			o[k++] = ' ';
		space = 0;
		o[k++] = s[i];
	}
	*n = k;
	return o;
}

/* Renders text as PATH in format f; the squeezed output, or NULL when it
 * does not build. */
static char *build(const char *text, size_t len, enum hlrc_format f, size_t *n)
{
	hlrc_workspace *ws = hlrc_workspace_new();
	if (!ws)
		abort();
	hlrc_set_text(ws, PATH, text, len);
	struct hlrc_render_opts o = {.format = f};
	hlrc_result *r;
	char *out = NULL;
	int rc = hlrc_render(ws, PATH, &o, &r);
	if (rc == HLRC_NOMEM)
		abort();
	const struct hlrc_output *v;
	if (rc == HLRC_OK && hlrc_result_outputs(r, &v) == 1)
		out = squeeze(v->data, v->len, n);
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	return out;
}

/* fmt of text: HLRC_OK and the text (malloc'd) in *out, or another status. */
static int format(const char *text, size_t len, char **out, size_t *n)
{
	hlrc_workspace *ws = hlrc_workspace_new();
	if (!ws)
		abort();
	hlrc_set_text(ws, PATH, text, len);
	hlrc_result *r;
	int rc = hlrc_fmt(ws, PATH, &r);
	*out = NULL;
	const struct hlrc_output *v;
	if (rc == HLRC_OK && hlrc_result_outputs(r, &v) == 1) {
		*out = malloc(v->len + 1);
		if (!*out)
			abort();
		memcpy(*out, v->data, v->len + 1);
		*n = v->len;
	}
	if (rc == HLRC_INTERNAL) {
		fprintf(stderr, "fmt: internal error\n");
		abort();
	}
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	char *f1;
	size_t n1;
	if (format(text, size, &f1, &n1) != HLRC_OK || !f1)
		return 0;
	for (int f = 0; f < 2; f++) {
		enum hlrc_format fm = f ? HLRC_FORMAT_HTML : HLRC_FORMAT_MD;
		size_t a = 0, b = 0;
		char *x = build(text, size, fm, &a), *y = build(f1, n1, fm, &b);
		if (x && (!y || a != b || memcmp(x, y, a))) {
			fprintf(stderr, "fmt changed the %s output\n", f ? "HTML" : "Markdown");
			abort();
		}
		free(x);
		free(y);
	}
	char *f2;
	size_t n2;
	if (format(f1, n1, &f2, &n2) != HLRC_OK || !f2 || n2 != n1 || memcmp(f1, f2, n1)) {
		fprintf(stderr, "fmt is not idempotent\n");
		abort();
	}
	free(f1);
	free(f2);
	return 0;
}
