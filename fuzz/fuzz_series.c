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
			if (hlrc_check(ws, &names[i], 1, &r) != HLRC_NOMEM)
				hlrc_result_free(r);
			for (int f = 0; f < 2; f++) {
				struct hlrc_render_opts o = {.format = (enum hlrc_format)f};
				if (hlrc_render(ws, names[i], &o, &r) != HLRC_NOMEM)
					hlrc_result_free(r);
			}
		}
		if (n > 1)
			hlrc_drop_text(ws, names[--n]);
	}
	hlrc_workspace_free(ws);
	return 0;
}
