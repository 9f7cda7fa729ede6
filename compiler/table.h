/* compiler: tables, the resolve stage's part (see table.c). The scanner
 * reads a table's lines (grammar/scan.l), the builder makes the table and
 * its rows (compiler/ast.c); here a table written in this report is
 * checked, and its cells' inline Markdown made ready. */
#ifndef HLR_TABLE_H
#define HLR_TABLE_H

#include "compiler/ast.h"

struct hlr_diags;

/* Checks a table of r written in r: its alignment row, the cells of every
 * row against the header row, tags on the header and alignment rows, and
 * block constructs in cells. Reports at the cell, with fix-its where they
 * change only how the table is written. */
void hlr_table_check(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                     const struct hlr_node *table);
/* After the cell's inline Markdown is parsed: "\|" in a code span is a bar
 * (as GFM reads it). */
void hlr_table_cell_parsed(struct hlr_arena *a, struct hlr_cell *cell);
/* Whether p[0..n) is an alignment cell: ":?-+:?". */
bool hlr_table_align_cell(const char *p, size_t n);
/* The name of an alignment for JSON: "left", "center", "right" or NULL. */
const char *hlr_table_align_name(unsigned align);

#endif
