/* fuzz: hlrc diff (libFuzzer), through the library from memory. The input
 * is split at lines "%%" into series.hlr and up to four reports (a.hlr ..
 * d.hlr), as in fuzz_series.c; every pair of reports is compared, both
 * ways, as Markdown and as text, and each report with its previous one.
 * Two reports with empty items reach the word comparison with no words.
 * Built by `make fuzz`. */
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
	for (size_t i = 1; i < n; i++) {
		for (size_t j = 1; j < n; j++)
			for (int text = 0; text < 2; text++)
				if (hlrc_diff(ws, names[i], names[j], text, &r) != HLRC_NOMEM)
					hlrc_result_free(r);
		if (hlrc_diff(ws, NULL, names[i], 0, &r) != HLRC_NOMEM)
			hlrc_result_free(r);
	}
	hlrc_workspace_free(ws);
	return 0;
}
