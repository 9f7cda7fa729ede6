/* fuzz: a small series (libFuzzer). The input is split at lines "%%" into
 * series.hlr and up to four reports (a.hlr .. d.hlr), so carry-forward,
 * references, previous links and cycles are fuzzed; every report is
 * rendered as Markdown and HTML. Built by `make fuzz`. */
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/emit.h"
#include "compiler/series.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *names[] = {"s/series.hlr", "s/a.hlr", "s/b.hlr", "s/c.hlr", "s/d.hlr"};
	if (!sink)
		sink = fopen("/dev/null", "w");
	struct hlr_arena arena;
	hlr_arena_init(&arena);
	struct hlr_diags d;
	hlr_diags_init(&d, &arena);
	struct hlr_source *srcs[5];
	size_t n = 0, start = 0;
	const char *s = (const char *)data;
	for (size_t i = 0; i <= size && n < 5; i++) {
		bool cut = i == size || (i + 3 <= size && s[i] == '%' && s[i + 1] == '%' &&
		                         s[i + 2] == '\n' && (i == 0 || s[i - 1] == '\n'));
		if (!cut)
			continue;
		srcs[n] = hlr_source_from_memory(&arena, &d, names[n], s + start, i - start);
		n++;
		start = i + 3;
		i += 2;
	}
	struct hlr_series *series = hlr_series_build(&arena, &d, "s", srcs, n);
	if (!d.errors) {
		for (size_t i = 0; i < series->n; i++)
			for (int f = 0; f < 2; f++) {
				struct hlr_emit_opts o = {.format = (enum hlr_format)f, .authority = -1};
				{ struct hlr_buf out = HLR_BUF_INIT; hlr_emit(&out, series->reports[i], &arena, &o); hlr_buf_free(&out); }
			}
	}
	for (size_t i = 0; i < series->n; i++) {
		const struct hlr_source **deps;
		hlr_report_deps(series->reports[i], &arena, &deps);
	}
	hlr_diags_print(&d, sink);
	hlr_arena_free(&arena);
	return 0;
}
