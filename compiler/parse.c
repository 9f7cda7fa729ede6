/* compiler: the parse stage (see parse.h). Creates the scanner and the
 * parser for one source, runs them over the file in place, and frees them. */
#include "compiler/parse.h"
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "parse.tab.h"

#include <stddef.h>
#include <string.h>

/* From the flex scanner (reentrant, prefix hlr_yy). */
typedef struct yy_buffer_state *YY_BUFFER_STATE;
int hlr_yylex_init_extra(struct hlr_scan_extra *extra, yyscan_t *scanner);
int hlr_yylex_destroy(yyscan_t scanner);
YY_BUFFER_STATE hlr_yy_scan_buffer(char *base, size_t size, yyscan_t scanner);
struct hlr_scan_extra *hlr_yyget_extra(yyscan_t scanner);
void *hlr_yyalloc(size_t n, yyscan_t scanner);
void *hlr_yyrealloc(void *p, size_t n, yyscan_t scanner);
void hlr_yyfree(void *p, yyscan_t scanner);

/* The scanner allocates from the compilation's arena, so that when out of
 * memory stops a parse halfway (see runtime/arena.h) nothing of it is left
 * behind. Each block is preceded by its size, for hlr_yyrealloc. */
void *hlr_yyalloc(size_t n, yyscan_t scanner)
{
	struct hlr_arena *a = hlr_yyget_extra(scanner)->arena;
	size_t *p = hlr_arena_alloc_raw(a, sizeof(max_align_t) + n);
	*p = n;
	return (char *)p + sizeof(max_align_t);
}

void *hlr_yyrealloc(void *p, size_t n, yyscan_t scanner)
{
	void *q = hlr_yyalloc(n, scanner);
	if (p) {
		size_t old = *(size_t *)((char *)p - sizeof(max_align_t));
		memcpy(q, p, old < n ? old : n);
	}
	return q;
}

void hlr_yyfree(void *p, yyscan_t scanner)
{
	(void)p; /* the arena owns it */
	(void)scanner;
}

void hlr_parse_syntax_error(struct hlr_build *b, struct hlr_span loc, const char *got,
                            bool quote, const char *expected)
{
	char word[64] = "";
	if (quote) {
		size_t n = hlr_span_len(loc);
		const char *p = hlr_span_ptr(b->src, loc);
		while (n && (p[n - 1] == '\n' || p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		if (n > 40) {
			n = 40;
			while (n && ((unsigned char)p[n] & 0xC0) == 0x80)
				n--;
			snprintf(word, sizeof word, " '%.*s...'", (int)n, p);
		} else {
			snprintf(word, sizeof word, " '%.*s'", (int)n, p);
		}
	}
	struct hlr_span at = loc;
	/* point at the line end itself, not at the newline character */
	if (hlr_span_len(at) && b->src->data[at.start] == '\n')
		at.end = at.start;
	if (expected)
		hlr_diag(b->diags, HLR_ERROR, HLR_C_SYNTAX, b->src, at, "unexpected %s%s, expected %s",
		         got, word, expected);
	else
		hlr_diag(b->diags, HLR_ERROR, HLR_C_SYNTAX, b->src, at, "unexpected %s%s", got, word);
}

struct hlr_report *hlr_parse(struct hlr_arena *a, struct hlr_diags *d, struct hlr_source *src)
{
	struct hlr_build b;
	hlr_build_init(&b, a, d, src);
	struct hlr_scan_extra extra;
	memset(&extra, 0, sizeof extra);
	extra.arena = a;
	extra.off = src->bom;
	b.scan_body = &extra.body;
	yyscan_t scanner;
	if (hlr_yylex_init_extra(&extra, &scanner) != 0)
		hlr_oom();
	/* flex scans the buffer in place; it ends with two NULs (source.c) */
	hlr_yy_scan_buffer(src->data + src->bom, src->scan_len - src->bom + 2, scanner);
	hlr_yyparse(scanner, &b);
	hlr_yylex_destroy(scanner);
	hlr_build_finish(&b);
	return b.report;
}
