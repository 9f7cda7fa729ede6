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

#include "fuzz/series_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hlrc_workspace *ws = hlrc_workspace_new();
	if (!ws)
		return 0;
	size_t n = fuzz_series_load(ws, data, size);
	hlrc_result *r;
	for (size_t i = 1; i < n; i++) {
		for (size_t j = 1; j < n; j++)
			for (int text = 0; text < 2; text++)
				if (hlrc_diff(ws, fuzz_names[i], fuzz_names[j], text, &r) != HLRC_NOMEM)
					hlrc_result_free(r);
		if (hlrc_diff(ws, NULL, fuzz_names[i], 0, &r) != HLRC_NOMEM)
			hlrc_result_free(r);
	}
	hlrc_workspace_free(ws);
	return 0;
}
