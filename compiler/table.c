/* compiler: tables, checked (resolve stage, see table.h). */
#include "compiler/table.h"
#include "compiler/diag.h"
#include "compiler/inline.h"

#include <stdio.h>
#include <string.h>

const char *hlr_table_align_name(unsigned align)
{
	switch (align) {
	case HLR_ALIGN_LEFT: return "left";
	case HLR_ALIGN_CENTER: return "center";
	case HLR_ALIGN_RIGHT: return "right";
	default: return NULL;
	}
}

/* The end of the line holding off, before its line end. */
static uint32_t line_end(const struct hlr_source *src, uint32_t off)
{
	while (off < src->len && src->data[off] != '\n' && src->data[off] != '\r')
		off++;
	return off;
}

/* A fix-it text in the arena: "what" n times, after a leading bar when the
 * row does not end with one. */
static const char *repeat(struct hlr_arena *a, bool bar, const char *what, unsigned n)
{
	size_t wl = strlen(what), len = (bar ? 2 : 0) + n * wl;
	char *s = hlr_arena_alloc_raw(a, len + 1), *p = s;
	if (bar) {
		memcpy(p, " |", 2);
		p += 2;
	}
	for (unsigned i = 0; i < n; i++, p += wl)
		memcpy(p, what, wl);
	*p = '\0';
	return s;
}

bool hlr_table_align_cell(const char *p, size_t n)
{
	size_t i = 0;
	if (i < n && p[i] == ':')
		i++;
	size_t dashes = i;
	while (i < n && p[i] == '-')
		i++;
	if (i == dashes)
		return false;
	if (i < n && p[i] == ':')
		i++;
	return i == n;
}

/* A cell whose words open a block: the offset of the byte a backslash
 * goes before, and what it is; -1 if none. */
static int block_start(const char *p, size_t n, const char **what)
{
	if (!n)
		return -1;
	char c = p[0];
	if ((c == '-' || c == '*' || c == '+') && (n == 1 || p[1] == ' ' || p[1] == '\t')) {
		*what = "a list marker";
		return 0;
	}
	if (c == '#') {
		size_t k = 0;
		while (k < n && p[k] == '#')
			k++;
		if (k <= 6 && (k == n || p[k] == ' ' || p[k] == '\t')) {
			*what = "a heading";
			return 0;
		}
	}
	if (c == '>') {
		*what = "a quotation";
		return 0;
	}
	if (c >= '0' && c <= '9') {
		size_t k = 0;
		while (k < n && k < 10 && p[k] >= '0' && p[k] <= '9')
			k++;
		if (k < n && (p[k] == '.' || p[k] == ')') && (k + 1 == n || p[k + 1] == ' ' ||
		                                             p[k + 1] == '\t')) {
			*what = "a numbered list marker";
			return (int)k;
		}
	}
	return -1;
}

static void check_row(struct hlr_arena *a, struct hlr_diags *d, const struct hlr_node *t,
                      const struct hlr_node *row)
{
	struct hlr_source *src = row->src;
	const char *data = src->data;
	unsigned ncols = t->table->ncols;
	if (row->ntags && row->row_role != HLR_ROW_BODY) {
		struct hlr_span s = {row->tags[0].span.start - 1, row->tags[row->ntags - 1].span.end};
		hlr_diag(d, HLR_ERROR, HLR_C_MISPLACED_TAG, src, s,
		         "authority tags on a table's %s row; tag the rows below it",
		         row->row_role == HLR_ROW_HEADER ? "header" : "alignment");
	}
	if (row->ncells < ncols) {
		uint32_t end = line_end(src, row->span.start);
		while (end > row->span.start && (data[end - 1] == ' ' || data[end - 1] == '\t'))
			end--;
		size_t k = hlr_diag(d, HLR_ERROR, HLR_C_RAGGED_ROW, src, hlr_span_make(end, end),
		                    "this row has %u cell%s, and the header row %u; add the missing "
		                    "cell%s", row->ncells, row->ncells == 1 ? "" : "s", ncols,
		                    ncols - row->ncells == 1 ? "" : "s");
		bool bar = end > row->span.start && data[end - 1] != '|';
		hlr_diag_fixit(d, k, hlr_span_make(end, end),
		               repeat(a, bar, row->row_role == HLR_ROW_ALIGN ? " --- |" : "  |",
		                      ncols - row->ncells));
	} else if (row->ncells > ncols) {
		const struct hlr_cell *x = &row->cells[ncols];
		bool empty = true;
		for (unsigned i = ncols; i < row->ncells; i++)
			empty &= hlr_span_empty(row->cells[i].span);
		size_t k = hlr_diag(d, HLR_ERROR, HLR_C_RAGGED_ROW, src,
		                    hlr_span_empty(x->span) ? x->bars : x->span,
		                    "this row has %u cells, and the header row %u; a cell past the "
		                    "last column would not be shown", row->ncells, ncols);
		if (empty && ncols > 0) {
			uint32_t from = row->cells[ncols - 1].bars.end;
			uint32_t to = line_end(src, row->span.start);
			while (to > from && (data[to - 1] == ' ' || data[to - 1] == '\t'))
				to--;
			hlr_diag_fixit(d, k, hlr_span_make(from, to), "");
		}
	}
	for (unsigned i = 0; i < row->ncells; i++) {
		const struct hlr_cell *c = &row->cells[i];
		const char *p = data + c->span.start;
		size_t n = hlr_span_len(c->span);
		if (row->row_role == HLR_ROW_ALIGN) {
			if (!hlr_table_align_cell(p, n))
				hlr_diag(d, HLR_ERROR, HLR_C_ALIGNMENT_ROW, src,
				         n ? c->span : c->bars,
				         "'%.*s' is no alignment cell: write '---' (or ':--' left, ':-:' "
				         "centred, '--:' right)", (int)n, p);
			continue;
		}
		if (t->table->metrics)
			continue; /* a key or a value (metric.c) */
		const char *what = NULL;
		int at = block_start(p, n, &what);
		if (at < 0)
			continue;
		size_t k = hlr_diag(d, HLR_WARNING, HLR_C_BLOCK_IN_CELL, src,
		                    hlr_span_make(c->span.start, c->span.start + (uint32_t)at + 1),
		                    "a table cell holds one line of text, not %s; read as text "
		                    "(write '\\%c' to say so)", what, p[at]);
		uint32_t o = c->span.start + (uint32_t)at;
		hlr_diag_fixit(d, k, hlr_span_make(o, o), "\\");
	}
}

void hlr_table_check(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                     const struct hlr_node *t)
{
	(void)r;
	const struct hlr_node *header = t->first;
	while (header && header->kind != HLR_NODE_ROW)
		header = header->next;
	if (!header)
		return;
	if (!t->table->has_align) {
		const struct hlr_node *second = header->next;
		uint32_t end = line_end(header->src, header->span.start);
		size_t k;
		bool some = false;
		for (unsigned i = 0; second && i < second->ncells; i++)
			some |= hlr_table_align_cell(second->src->data + second->cells[i].span.start,
			                   hlr_span_len(second->cells[i].span));
		if (some) {
			/* an alignment row with a mistake: at each cell that is wrong */
			for (unsigned i = 0; i < second->ncells; i++) {
				const struct hlr_cell *c = &second->cells[i];
				const char *p = second->src->data + c->span.start;
				size_t n = hlr_span_len(c->span);
				if (!hlr_table_align_cell(p, n))
					hlr_diag(d, HLR_ERROR, HLR_C_ALIGNMENT_ROW, second->src,
					         n ? c->span : c->bars,
					         "'%.*s' is no alignment cell: write '---' (or ':--' left, "
					         "':-:' centred, '--:' right)", (int)n, p);
			}
			k = (size_t)-1;
		} else if (second)
			k = hlr_diag(d, HLR_ERROR, HLR_C_ALIGNMENT_ROW, header->src,
			             second->ncells ? second->cells[0].bars : second->span,
			             "a table's second line is its alignment row; add '|---|' under the "
			             "header row");
		else
			k = hlr_diag(d, HLR_ERROR, HLR_C_ALIGNMENT_ROW, header->src,
			             hlr_span_make(end, end),
			             "a table needs an alignment row ('|---|') under its header row");
		/* "\n|---|---|" after the header line */
		const char *nl = end < header->src->len && header->src->data[end] == '\r' ? "\r\n"
		                                                                            : "\n";
		char *fix = hlr_arena_alloc_raw(a, 3 + 5 * (size_t)t->table->ncols + 1);
		size_t o = 0;
		for (const char *q = nl; *q; q++)
			fix[o++] = *q;
		fix[o++] = '|';
		for (unsigned i = 0; i < t->table->ncols; i++) {
			memcpy(fix + o, "---|", 4);
			o += 4;
		}
		fix[o] = '\0';
		if (t->table->ncols)
			hlr_diag_fixit(d, k, hlr_span_make(end, end), fix);
	}
	for (const struct hlr_node *row = header; row; row = row->next)
		if (row->kind == HLR_NODE_ROW)
			check_row(a, d, t, row);
}

static void unescape_code(struct hlr_inline *n, struct hlr_inline *parent, void *ctx)
{
	(void)parent;
	if (n->kind != HLR_IN_CODE || !n->len || !memchr(n->lit, '|', n->len))
		return;
	char *s = hlr_arena_alloc_raw(ctx, n->len + 1);
	uint32_t o = 0;
	for (uint32_t i = 0; i < n->len; i++) {
		if (n->lit[i] == '\\' && i + 1 < n->len && n->lit[i + 1] == '|')
			continue;
		s[o++] = n->lit[i];
	}
	s[o] = '\0';
	n->lit = s;
	n->len = o;
}

void hlr_table_cell_parsed(struct hlr_arena *a, struct hlr_cell *cell)
{
	if (cell->inl)
		hlr_inline_each((struct hlr_inline *)cell->inl, unescape_code, a);
}
