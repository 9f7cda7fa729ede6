/* fuzz: a series in memory rendered as a site, and its next report
 * (libFuzzer), through the library. The input is split at lines "%%" into
 * series.hlr and up to four reports (a.hlr .. d.hlr), as in
 * fuzz_series.c; the folder is rendered by hlrc_site, and hlrc_new writes
 * the next report, with no period and with the period "2020-W27". Built by
 * `make fuzz`. */
#include "compiler/hlrc.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define DIR "/nonexistent-hlrc-fuzz/s"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *names[] = {DIR "/series.hlr", DIR "/a.hlr", DIR "/b.hlr", DIR "/c.hlr",
	                              DIR "/d.hlr"};
	hlrc_workspace *ws = hlrc_workspace_new();
	if (!ws)
		return 0;
	size_t n = 0, start = 0;
	const char *s = (const char *)data;
	for (size_t i = 0; i <= size && n < 5; i++) {
		bool cut = i == size || (i + 3 <= size && s[i] == '%' && s[i + 1] == '%' &&
		                         s[i + 2] == '\n' && (i == 0 || s[i - 1] == '\n'));
		if (!cut)
			continue;
		hlrc_set_text(ws, names[n], s + start, i - start);
		n++;
		start = i + 3;
		i += 2;
	}
	hlrc_result *r;
	if (hlrc_site(ws, DIR, &r) != HLRC_NOMEM)
		hlrc_result_free(r);
	if (hlrc_new(ws, DIR, NULL, &r) != HLRC_NOMEM)
		hlrc_result_free(r);
	if (hlrc_new(ws, DIR, "2020-W27", &r) != HLRC_NOMEM)
		hlrc_result_free(r);
	hlrc_workspace_free(ws);
	return 0;
}
