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
#include "compiler/profile.h"
#include "compiler/resolve.h"
#include "compiler/series.h"
#include "runtime/arena.h"
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

/* The sections a report must have, in order: its 'require' rule's words,
 * else its profile's required sections and those the series declares
 * 'required' (as resolve.c checks them). */
struct required {
	const char **w;
	size_t *n;
	bool *have;   /* the latest report has it (its own, or standing text) */
	size_t count;
};

static void add_required(struct required *q, struct hlr_arena *a, const char *w, size_t n)
{
	if ((q->count & (q->count - 1)) == 0) { /* 0, 1, 2, 4, ...: double */
		size_t cap = q->count ? 2 * q->count : 1;
		q->w = hlr_arena_grow(a, q->w, q->count, cap, sizeof *q->w);
		q->n = hlr_arena_grow(a, q->n, q->count, cap, sizeof *q->n);
		q->have = hlr_arena_grow(a, q->have, q->count, cap, sizeof *q->have);
	}
	q->w[q->count] = w;
	q->n[q->count] = n;
	q->have[q->count++] = false;
}

static void required_of(struct required *q, struct hlr_arena *a, const struct hlr_report *r)
{
	memset(q, 0, sizeof *q);
	if (r->require) {
		const char *s = r->require->text.s, *end = s + r->require->text.len;
		while (s < end) {
			while (s < end && (*s == ' ' || *s == '\t' || *s == ','))
				s++;
			const char *w = s;
			while (s < end && *s != ' ' && *s != '\t' && *s != ',')
				s++;
			if (s > w)
				add_required(q, a, w, (size_t)(s - w));
		}
		return;
	}
	for (size_t i = 0; r->profile && i < r->profile->nrequired; i++)
		add_required(q, a, r->profile->required[i], strlen(r->profile->required[i]));
	for (unsigned i = 0; i < r->nsections; i++)
		if (r->sections[i]->required)
			add_required(q, a, r->sections[i]->keyword, strlen(r->sections[i]->keyword));
}

static long required_index(const struct required *q, const struct hlr_node *s)
{
	for (size_t i = 0; i < q->count; i++)
		if (hlr_span_len(s->key) == q->n[i] && !memcmp(hlr_span_ptr(s->src, s->key), q->w[i], q->n[i]))
			return (long)i;
	return -1;
}

/* The required sections before position upto that the latest report
 * lacks, each 'none' for the author to fill in. */
static void put_missing(struct hlr_buf *b, struct required *q, size_t upto)
{
	for (size_t i = 0; i < upto && i < q->count; i++)
		if (!q->have[i]) {
			q->have[i] = true;
			hlr_buf_puts(b, "\n== ");
			hlr_buf_put(b, q->w[i], q->n[i]);
			hlr_buf_puts(b, "\n\nnone\n");
		}
}

void hlr_new_report(struct hlr_buf *b, struct hlr_arena *a, const struct hlr_report *latest,
                       const char *period)
{
	put_header(b, a, latest, period);
	struct required q;
	required_of(&q, a, latest);
	/* a section of an unknown keyword is not required (invalid-rule) */
	for (size_t i = 0; i < q.count; i++)
		q.have[i] = !hlr_profile_find(latest->profile, q.w[i], q.n[i]) &&
		            !hlr_strmap_get(&latest->sectionmap, q.w[i], q.n[i]);
	for (const struct hlr_node *n = hlr_node_next(latest->root); n; n = hlr_node_next((struct hlr_node *)n)) {
		long k = n->kind == HLR_NODE_SECTION ? required_index(&q, n) : -1;
		if (k >= 0)
			q.have[k] = true;
	}
	for (const struct hlr_node *n = latest->root->first; n; n = n->next) {
		if (n->kind == HLR_NODE_SECTION) {
			long k = required_index(&q, n);
			if (k > 0)
				put_missing(b, &q, (size_t)k);
			if (!n->standing) /* every report shows it */
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
				if (s->kind == HLR_NODE_SECTION) {
					long k = required_index(&q, s);
					if (k > 0)
						put_missing(b, &q, (size_t)k);
					if (!s->standing)
						put_section(b, a, s);
				}
		}
	}
	put_missing(b, &q, q.count);
}

void hlr_new_first_report(struct hlr_buf *b, struct hlr_arena *a, const struct hlr_report *sf,
                          const char *period)
{
	hlr_buf_printf(b, "period %s\n", period);
	struct required q;
	required_of(&q, a, sf);
	for (size_t i = 0; i < q.count; i++) {
		/* an unknown keyword is the series file's error; a standing
		 * section is shown from the series file */
		q.have[i] = !hlr_profile_find(sf->profile, q.w[i], q.n[i]) &&
		            !hlr_strmap_get(&sf->sectionmap, q.w[i], q.n[i]);
		for (unsigned j = 0; j < sf->nstanding && !q.have[i]; j++)
			q.have[i] = hlr_span_len(sf->standing[j]->key) == q.n[i] &&
			            !memcmp(hlr_span_ptr(sf->standing[j]->src, sf->standing[j]->key),
			                    q.w[i], q.n[i]);
	}
	put_missing(b, &q, q.count);
}

struct hlr_report *hlr_series_latest(const struct hlr_series *s)
{
	for (size_t i = s->n; i-- > 0;)
		if (s->reports[i]->has_period)
			return s->reports[i];
	return NULL;
}

