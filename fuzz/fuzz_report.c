/* fuzz: the whole pipeline on one file (libFuzzer). The input is a .hlr
 * file: it is scanned, parsed, resolved and rendered as Markdown, HTML and
 * JSON; diagnostics are formatted too. Built by `make fuzz`. */
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/emit.h"
#include "compiler/parse.h"
#include "compiler/resolve.h"

#include <stdint.h>
#include <stdio.h>

static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!sink)
		sink = fopen("/dev/null", "w");
	struct hlr_arena arena;
	hlr_arena_init(&arena);
	struct hlr_diags d;
	hlr_diags_init(&d, &arena);
	struct hlr_source *src = hlr_source_from_memory(&arena, &d, "fuzz.hlr", (const char *)data, size);
	if (src) {
		struct hlr_report *r = hlr_parse(&arena, &d, src);
		hlr_resolve(&arena, &d, r);
		if (!d.errors) {
			for (int f = 0; f < 3; f++) {
				struct hlr_emit_opts o = {.format = (enum hlr_format)f, .fragment = f == 1 && size % 2, .authority = -1};
				{ struct hlr_buf out = HLR_BUF_INIT; hlr_emit(&out, r, &arena, &o); hlr_buf_free(&out); }
			}
			if (r->nauthorities) {
				struct hlr_emit_opts o = {.format = HLR_FORMAT_HTML, .authority = (int)(size % r->nauthorities)};
				{ struct hlr_buf out = HLR_BUF_INIT; hlr_emit(&out, r, &arena, &o); hlr_buf_free(&out); }
			}
		}
	}
	hlr_diags_print(&d, sink);
	hlr_arena_free(&arena);
	return 0;
}
