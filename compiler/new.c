/* compiler: the next report of a series (authoring tools; the command is
 * compiler/cli/new.c). Starts the next report of a
 * series from its latest one:
 *
 *   - the header fields the latest report sets itself (the series file
 *     supplies the rest), with the period advanced by the series' cadence
 *     (or given with --period); a 'previous' line is left out, since the
 *     order of the series makes the latest report the previous one;
 *   - every part and section of the latest report, in its order, with its
 *     heading override and id, each holding one line, 'unchanged', so the
 *     author edits only what changed ('unchanged' carries a 'none' too);
 *   - comments are not carried: they were notes on that period.
 *
 * The file is named after its period (2020-07-10.hlr, 2020-11.hlr,
 * 2020-Q3.hlr, 2019-P2.hlr for a fiscal period, a day, "as at" or range
 * by its last day), is checked with the whole series before it is written, and
 * never replaces an existing file: it is written to a temporary file and
 * linked into place, which fails if the name has been taken. */
#define _POSIX_C_SOURCE 200809L
#include "compiler/tools.h"
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/parse.h"
#include "compiler/resolve.h"
#include "compiler/series.h"
#include "runtime/buf.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The period as a header writes it ("week ending 2020-07-10") into value,
 * and the report's file name without ".hlr" ("2020-07-10") into name. */
void hlr_new_period_text(const struct hlr_period *p, char value[48], char name[32])
{
	char iso[11];
	hlr_date_format_iso(p->end, iso);
	switch (p->kind) {
	case HLR_PERIOD_WEEK:
	case HLR_PERIOD_FORTNIGHT:
		snprintf(value, 48, "%s ending %s", p->kind == HLR_PERIOD_WEEK ? "week" : "fortnight", iso);
		snprintf(name, 32, "%s", iso);
		break;
	case HLR_PERIOD_MONTH:
		snprintf(name, 32, "%.7s", iso);
		snprintf(value, 48, "month %s", name);
		break;
	case HLR_PERIOD_QUARTER:
		snprintf(name, 32, "%04d-Q%d", p->end.year, (p->end.month - 1) / 3 + 1);
		snprintf(value, 48, "quarter %s", name);
		break;
	case HLR_PERIOD_DAY:
	case HLR_PERIOD_AS_AT:
		snprintf(value, 48, "%s %s", p->kind == HLR_PERIOD_DAY ? "day" : "as at", iso);
		snprintf(name, 32, "%s", iso);
		break;
	case HLR_PERIOD_RANGE: {
		char first[11];
		hlr_date_format_iso(p->start, first);
		snprintf(value, 48, "%s to %s", first, iso);
		snprintf(name, 32, "%s", iso);
		break;
	}
	case HLR_PERIOD_FISCAL:
	case HLR_PERIOD_FISCAL_YEAR: {
		char fy[16];
		if (p->fy_start == 1)
			snprintf(fy, sizeof fy, "FY%04d", p->fy_year % 10000);
		else
			snprintf(fy, sizeof fy, "FY%04d-%02d", p->fy_year % 10000, (p->fy_year + 1) % 100);
		if (p->kind == HLR_PERIOD_FISCAL_YEAR) {
			snprintf(value, 48, "%s", fy);
			snprintf(name, 32, "%s", fy);
		} else {
			snprintf(value, 48, "P%d %s", p->fy_period % 100, fy);
			snprintf(name, 32, "%04d-P%d", p->fy_year % 10000, p->fy_period % 100);
		}
		break;
	}
	}
}

static bool is_field(const struct hlr_node *n, const char *name)
{
	return n->kind == HLR_NODE_FIELD && hlr_span_eq(n->src, n->key, name);
}

static void put_span(struct hlr_buf *b, const struct hlr_node *n, struct hlr_span s)
{
	hlr_buf_put(b, hlr_span_ptr(n->src, s), hlr_span_len(s));
}

/* A node's text or heading (t), its lines joined with line ends. */
static void put_text(struct hlr_buf *b, struct hlr_arena *a, const struct hlr_text *t)
{
	(void)a;
	for (unsigned i = 0; i < t->nsegs; i++) {
		if (i)
			hlr_buf_putc(b, '\n');
		hlr_buf_put(b, t->src_data + t->segs[i].src, t->segs[i].len);
	}
}

/* The header: latest's own fields, aligned as hlrc fmt aligns them, the
 * period replaced and 'previous' left out. */
static void put_header(struct hlr_buf *b, struct hlr_arena *a, const struct hlr_report *latest,
                       const char *period)
{
	size_t width = 0;
	for (const struct hlr_node *n = latest->root->first; n; n = n->next)
		if (n->kind == HLR_NODE_FIELD && !is_field(n, "previous") &&
		    hlr_span_len(n->key) > width)
			width = hlr_span_len(n->key);
	for (const struct hlr_node *n = latest->root->first; n; n = n->next) {
		if (n->kind != HLR_NODE_FIELD || is_field(n, "previous"))
			continue;
		put_span(b, n, n->key);
		for (size_t i = hlr_span_len(n->key); i <= width; i++)
			hlr_buf_putc(b, ' ');
		if (is_field(n, "period"))
			hlr_buf_puts(b, period);
		else
			put_text(b, a, &n->text);
		hlr_buf_putc(b, '\n');
	}
}

static void put_section(struct hlr_buf *b, struct hlr_arena *a, const struct hlr_node *s)
{
	hlr_buf_puts(b, "\n== ");
	put_span(b, s, s->key);
	if (s->heading.len) {
		hlr_buf_puts(b, ": ");
		put_text(b, a, &s->heading);
	}
	if (!hlr_span_empty(s->id)) {
		hlr_buf_puts(b, " {#");
		put_span(b, s, s->id);
		hlr_buf_putc(b, '}');
	}
	hlr_buf_puts(b, "\n\nunchanged\n");
}

void hlr_new_report(struct hlr_buf *b, struct hlr_arena *a, const struct hlr_report *latest,
                       const char *period)
{
	put_header(b, a, latest, period);
	for (const struct hlr_node *n = latest->root->first; n; n = n->next) {
		if (n->kind == HLR_NODE_SECTION) {
			put_section(b, a, n);
		} else if (n->kind == HLR_NODE_PART) {
			hlr_buf_puts(b, n->text.len ? "\n= " : "\n=");
			put_text(b, a, &n->text);
			if (!hlr_span_empty(n->id)) {
				hlr_buf_puts(b, " {#");
				put_span(b, n, n->id);
				hlr_buf_putc(b, '}');
			}
			hlr_buf_putc(b, '\n');
			for (const struct hlr_node *s = n->first; s; s = s->next)
				if (s->kind == HLR_NODE_SECTION)
					put_section(b, a, s);
		}
	}
}

struct hlr_report *hlr_series_latest(const struct hlr_series *s)
{
	for (size_t i = s->n; i-- > 0;)
		if (s->reports[i]->has_period)
			return s->reports[i];
	return NULL;
}

