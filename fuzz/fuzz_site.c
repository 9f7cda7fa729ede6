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

#include "fuzz/series_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hlrc_workspace *ws = hlrc_workspace_new();
	if (!ws)
		return 0;
	fuzz_series_load(ws, data, size);
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
