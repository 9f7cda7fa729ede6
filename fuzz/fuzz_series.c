/* fuzz: a small series (libFuzzer), through the library from memory. The
 * input is split at lines "%%" into series.hlr and up to four reports
 * (a.hlr .. d.hlr), so carry-forward, references, previous links and
 * cycles are fuzzed; the series is checked, every report is rendered as
 * Markdown and HTML, each file is checked alone, and the last one is
 * edited (its text dropped) and the series checked again. Built by
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
	size_t n = fuzz_series_load(ws, data, size);
	const char *dir[] = {DIR};
	hlrc_result *r;
	for (int pass = 0; pass < 2; pass++) {
		if (hlrc_check(ws, dir, 1, &r) != HLRC_NOMEM) {
			hlrc_printer *p = hlrc_printer_new(HLRC_DIAG_GCC);
			if (p) {
				hlrc_printer_add(p, r);
				hlrc_printer_end(p);
				hlrc_printer_free(p);
			}
			hlrc_result_free(r);
		}
		for (size_t i = 0; i < n; i++) {
			if (hlrc_check(ws, &fuzz_names[i], 1, &r) != HLRC_NOMEM)
				hlrc_result_free(r);
			for (int f = 0; f < 2; f++) {
				struct hlrc_render_opts o = {.format = (enum hlrc_format)f};
				if (hlrc_render(ws, fuzz_names[i], &o, &r) != HLRC_NOMEM)
					hlrc_result_free(r);
			}
		}
		if (n > 1)
			hlrc_drop_text(ws, fuzz_names[--n]);
	}
	hlrc_workspace_free(ws);
	return 0;
}
