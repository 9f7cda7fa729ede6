/* compiler: the parse stage. hlr_parse runs the flex scanner and the bison
 * parser (grammar/) over one source and returns the report tree built by
 * the grammar's actions. Syntax errors are reported and skipped line by line. */
#ifndef HLR_PARSE_H
#define HLR_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "compiler/source.h"

struct hlr_build;
struct hlr_report;
struct hlr_diags;

/* Semantic value of every token: the indentation of the line it is on. */
struct hlr_tok {
	unsigned indent; /* column of the line's first non-blank, tabs to 4 */
	unsigned follow; /* tags: what follows the word: 0 a blank or the line
	                    end, 2 U+00A0, 3 perhaps a space U+20xx (the
	                    builder checks its last bytes), 4 U+3000, 255
	                    anything else */
};

/* The scanner's state (its extra data). */
struct hlr_scan_extra {
	struct hlr_arena *arena; /* owns the scanner's own memory (parse.c) */
	size_t off;      /* byte offset of the next character */
	unsigned indent; /* indentation of the current line */
	int body;        /* a part or section line has been seen */
	int plain;       /* comment, field or part line: ids are plain text */
};

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif

/* Parses src. Returns the report (arena-owned); errors go to d. */
struct hlr_report *hlr_parse(struct hlr_arena *a, struct hlr_diags *d,
                             struct hlr_source *src);

/* Called by the parser on a syntax error: got names the token found (its
 * text is quoted when quote is set), expected lists what would have fitted
 * (or NULL when too many would). */
void hlr_parse_syntax_error(struct hlr_build *b, struct hlr_span loc, const char *got,
                            bool quote, const char *expected);

#endif
