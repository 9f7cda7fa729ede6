/* grammar: the parser. A .hlr file is a sequence of lines, and this grammar
 * says what each line may hold. Structure (which section an item belongs to,
 * nesting by indentation, paragraphs) is built by the hlr_build_* calls in
 * compiler/ast.c; every check on names and values lives in the resolver.
 * A line that does not parse is reported and skipped, so one run reports
 * every syntax error in the file. */

%require "3.8"
%define api.pure full
%define api.prefix {hlr_yy}
%define api.location.type {struct hlr_span}
%define api.value.type {struct hlr_tok}
%define parse.error custom
%define parse.lac full
%locations
%expect 0

%param {yyscan_t scanner}
%parse-param {struct hlr_build *b}

%code requires {
#include "compiler/ast.h"
#include "compiler/parse.h"
}

%code provides {
int hlr_yylex(HLR_YYSTYPE *yylval, HLR_YYLTYPE *yylloc, yyscan_t scanner);
}

%code {
#include <stdio.h>

/* Bison's own errors (the parser stack is exhausted). */
static void hlr_yyerror(const HLR_YYLTYPE *loc, yyscan_t scanner, struct hlr_build *b,
                        const char *msg)
{
	(void)scanner;
	hlr_parse_syntax_error(b, *loc, msg, false, NULL);
}

/* An empty rule's location is the empty span where it would have been. */
#define YYLLOC_DEFAULT(cur, rhs, n) do {                     \
	if (n) {                                             \
		(cur).start = YYRHSLOC(rhs, 1).start;        \
		(cur).end = YYRHSLOC(rhs, n).end;            \
	} else {                                             \
		(cur).start = (cur).end = YYRHSLOC(rhs, 0).end; \
	}                                                    \
} while (0)
}

%token END 0        "end of file"
%token FIELD        "header field"
%token PART         "part line ('=')"
%token SECTION      "section line ('==')"
%token KEYWORD      "section keyword"
%token COLON        "':'"
%token BULLET       "item ('-')"
%token ORDINAL      "ordered item ('1.', 'a)')"
%token SUBHEAD      "sub-heading line ('===')"
%token TAG          "authority tag"
%token TEXT         "text"
%token ID           "id ('{#...}')"
%token NONE         "'none'"
%token UNCHANGED    "'unchanged'"
%token COMMENT      "comment"
%token EOL          "end of line"
%token BLANK        "blank line"
%token ROW          "table row ('|')"
%token BAR          "'|'"
%token CELL         "table cell"

%%

lines
	: %empty
	| lines line
	;

line
	: FIELD text_opt EOL                     { hlr_build_field(b, @$, @1, @2); }
	| PART text_opt id_opt EOL               { hlr_build_part(b, @$, @2, @3); }
	| SECTION KEYWORD heading_opt id_opt EOL { hlr_build_section(b, @$, @2, hlr_span_make(@2.end, @2.end), @3, @4); }
	| SECTION KEYWORD words heading_opt id_opt EOL { hlr_build_section(b, @$, @2, @3, @4, @5); }
	| SECTION KEYWORD error EOL              { hlr_build_section(b, @$, @2, hlr_span_make(@2.end, @2.end), hlr_span_make(@2.end, @2.end), hlr_span_make(@2.end, @2.end)); yyerrok; }
	| SECTION error EOL                      { hlr_build_section(b, @$, hlr_span_make(@1.end, @1.end), hlr_span_make(@1.end, @1.end), hlr_span_make(@1.end, @1.end), hlr_span_make(@1.end, @1.end)); yyerrok; }
	| BULLET tags text_opt id_opt EOL        { hlr_build_item(b, @$, @1, $1.indent, @3, @4); }
	| ORDINAL tags text_opt id_opt EOL       { hlr_build_ordinal(b, @$, @1, $1.indent, @3, @4); }
	| SUBHEAD text_opt id_opt EOL            { hlr_build_subhead(b, @$, @2, @3); }
	| tag_list text_opt id_opt EOL           { hlr_build_text(b, @$, $1.indent, @2, @3); }
	| text id_opt EOL                        { hlr_build_text(b, @$, $1.indent, @1, @2); }
	| ID EOL                                 { hlr_build_text(b, @$, $1.indent, hlr_span_make(@1.start, @1.start), @1); }
	| NONE text_opt EOL                      { hlr_build_keyword_line(b, HLR_NODE_NONE, @$, @2); }
	| UNCHANGED text_opt EOL                 { hlr_build_keyword_line(b, HLR_NODE_UNCHANGED, @$, @2); }
	| COMMENT text_opt EOL                   { hlr_build_comment(b, @$, $1.indent); }
	| BLANK                                  { hlr_build_blank(b); }
	| ROW tags cells EOL                     { hlr_build_row(b, @$, @1); }
	| error EOL                              { hlr_build_discard(b); yyerrok; }
	;

/* a table row after its first bar: bars and the words between them */
cells
	: %empty
	| cells BAR                              { hlr_build_bar(b, @2); }
	| cells CELL                             { hlr_build_cell(b, @2); }
	;

/* more words after a section keyword: a heading written after "==" (see
 * hlr_build_section), or else a syntax error */
words
	: KEYWORD
	| words KEYWORD
	;

heading_opt
	: %empty
	| COLON text_opt                         { @$ = @2; }
	;

tags
	: %empty
	| tag_list
	;

tag_list
	: TAG                                    { hlr_build_tag(b, @1, $1.follow); }
	| tag_list TAG                           { hlr_build_tag(b, @2, $2.follow); }
	;

text_opt
	: %empty
	| text
	;

text
	: TEXT
	| text TEXT
	;

id_opt
	: %empty
	| ID
	;

%%

/* "unexpected X, expected A or B": the token names are known here, the
 * message is finished and reported by hlr_parse_syntax_error. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner,
                                 struct hlr_build *b)
{
	(void)scanner;
	enum { MAX = 5 };
	yysymbol_kind_t expected[MAX];
	int n = yypcontext_expected_tokens(ctx, expected, MAX);
	yysymbol_kind_t got = yypcontext_token(ctx);
	char list[256] = "";
	size_t len = 0;
	for (int i = 0; i < n && len < sizeof list; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
		                        i == 0 ? "" : i == n - 1 ? " or " : ", ",
		                        yysymbol_name(expected[i]));
	hlr_parse_syntax_error(b, *yypcontext_location(ctx), yysymbol_name(got),
	                       got == YYSYMBOL_KEYWORD || got == YYSYMBOL_TEXT ||
	                       got == YYSYMBOL_TAG || got == YYSYMBOL_FIELD,
	                       n > 0 ? list : NULL);
	return 0;
}
