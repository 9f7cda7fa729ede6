/* fuzz: hlrc fix on one file (libFuzzer), through the library
 * (compiler/hlrc.h). The input is a .hlr file, given from memory: its
 * fix-its are applied (hlrc_fix), the fixed text is checked, and fixing it
 * again must change nothing (abort otherwise). Built by `make fuzz`. */
#include "compiler/hlrc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A folder that is not on disk: the file is its only text. */
#define PATH "/nonexistent-hlrc-fuzz/fuzz.hlr"

/* The fixed text of r (malloc'd copy, *len set), or NULL when nothing
 * changed. */
static char *fixed(const hlrc_result *r, size_t *len)
{
	const struct hlrc_output *v;
	size_t n = hlrc_result_outputs(r, &v);
	for (size_t i = 0; i < n; i++)
		if (v[i].changed) {
			char *s = malloc(v[i].len + 1);
			if (!s)
				abort();
			memcpy(s, v[i].data, v[i].len + 1);
			*len = v[i].len;
			return s;
		}
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hlrc_workspace *ws = hlrc_workspace_new();
	if (!ws)
		return 0;
	hlrc_set_text(ws, PATH, (const char *)data, size);
	const char *paths[] = {PATH};
	hlrc_result *r;
	if (hlrc_fix(ws, paths, 1, &r) == HLRC_NOMEM) {
		hlrc_workspace_free(ws);
		return 0;
	}
	size_t len = 0;
	char *text = fixed(r, &len);
	hlrc_result_free(r);
	if (text) {
		hlrc_set_text(ws, PATH, text, len);
		if (hlrc_check(ws, paths, 1, &r) != HLRC_NOMEM)
			hlrc_result_free(r);
		if (hlrc_fix(ws, paths, 1, &r) != HLRC_NOMEM) {
			size_t again_len;
			char *again = fixed(r, &again_len);
			if (again)
				abort(); /* a second fix changed the fixed text */
			hlrc_result_free(r);
		}
		free(text);
	}
	hlrc_workspace_free(ws);
	return 0;
}
