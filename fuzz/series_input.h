/* fuzz: one input as a small series in memory, shared by the targets that
 * need one. The input is cut at lines "%%" into series.hlr and up to four
 * reports, a.hlr to d.hlr, of a folder that is not on disk. */
#ifndef HLRC_FUZZ_SERIES_INPUT_H
#define HLRC_FUZZ_SERIES_INPUT_H

#include "compiler/hlrc.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DIR "/nonexistent-hlrc-fuzz/s"

static const char *const fuzz_names[] = {DIR "/series.hlr", DIR "/a.hlr", DIR "/b.hlr",
                                         DIR "/c.hlr", DIR "/d.hlr"};

/* Sets the texts of data into ws; returns how many files (1 to 5). */
static size_t fuzz_series_load(hlrc_workspace *ws, const uint8_t *data, size_t size)
{
	size_t n = 0, start = 0;
	const char *s = (const char *)data;
	for (size_t i = 0; i <= size && n < 5; i++) {
		bool cut = i == size || (i + 3 <= size && s[i] == '%' && s[i + 1] == '%' &&
		                         s[i + 2] == '\n' && (i == 0 || s[i - 1] == '\n'));
		if (!cut)
			continue;
		hlrc_set_text(ws, fuzz_names[n], s + start, i - start);
		n++;
		start = i + 3;
		i += 2;
	}
	return n;
}

#endif
