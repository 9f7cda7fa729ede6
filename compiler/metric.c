/* compiler: metrics (resolve and lower stages, see track.h). A metric is
 * declared once, `metric KEY "Label" unit U better higher|lower
 * [per-authority]`; a report states values in its `metrics` section, one
 * per line: `KEY VALUE`, or `KEY @TAG VALUE` for a per-authority metric.
 * Each value links to the latest earlier value of the same metric and
 * authority, taken from the previous report's table of latest values: a
 * report's metrics cost the same however long its series is, and the trend
 * is that chain of links, already resolved. */
#include "compiler/track.h"
#include "compiler/diag.h"
#include "compiler/resolve.h"
#include "runtime/buf.h"
#include "runtime/utf8.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

struct hlr_track *hlr_track_of(struct hlr_arena *a, struct hlr_report *r);
void hlr_metric_field(struct hlr_arena *a, struct hlr_diags *d, struct hlr_track *t,
                      struct hlr_node *f);

/* Largest value accepted, in whole units: exact in millionths in 64 bits. */
#define METRIC_MAX INT64_C(1000000000000)

static const struct unit {
	const char *name;  /* as declared */
	const char *what;  /* "a whole number", for messages */
	const char *pre;   /* written before the number ("£"), may be omitted */
	const char *post;  /* written after it ("%"), may be omitted */
	bool whole;        /* whole numbers only */
	bool negative;     /* may be below zero */
} units[] = {
	{"count", "a whole number of 0 or more, such as 412 or 1,204", "", "", true, false},
	{"number", "a number, such as 3.5 or -2", "", "", false, true},
	{"percent", "a percentage, such as 12.5 or 12.5%", "", "%", false, true},
	{"gbp", "an amount in pounds, such as 1,250 or \xC2\xA3" "1,250.50", "\xC2\xA3", "", false,
	 true},
	{"days", "a number of days, such as 3 or 2.5", "", "", false, false},
	{"hours", "a number of hours, such as 3 or 2.5", "", "", false, false},
};

static const struct unit *unit_of(const char *name)
{
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (!strcmp(units[i].name, name))
			return &units[i];
	return &units[1];
}

static bool blank(char c) { return c == ' ' || c == '\t'; }

static bool is_key(const char *s, size_t n)
{
	if (!n || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		      s[i] == '_'))
			return false;
	return true;
}

static struct hlr_span sub(const struct hlr_node *f, size_t off, size_t len)
{
	uint32_t at = hlr_text_source_offset(&f->text, off);
	return hlr_span_make(at, at + (uint32_t)len);
}

const struct hlr_metric_def *hlr_track_metric(const struct hlr_track *t, const char *key,
                                              size_t n)
{
	for (unsigned i = 0; t && i < t->nmetrics; i++)
		if (strlen(t->metrics[i]->key) == n && !memcmp(t->metrics[i]->key, key, n))
			return t->metrics[i];
	return NULL;
}

/* The next word of s[0..n) from *i: its start, and *i after it. */
static size_t next_word(const char *s, size_t n, size_t *i, size_t *len)
{
	while (*i < n && blank(s[*i]))
		(*i)++;
	size_t st = *i;
	while (*i < n && !blank(s[*i]))
		(*i)++;
	*len = *i - st;
	return st;
}

static void decl_error(struct hlr_diags *d, struct hlr_node *f, struct hlr_span at,
                       const char *msg)
{
	hlr_diag(d, HLR_ERROR, HLR_C_INVALID_TRACK_DECL, f->src, at,
	         "%s; write 'metric KEY \"Label\" unit UNIT better higher|lower [per-authority]'",
	         msg);
}

/* metric KEY "Label" unit U better higher|lower [per-authority] */
void hlr_metric_field(struct hlr_arena *a, struct hlr_diags *d, struct hlr_track *t,
                      struct hlr_node *f)
{
	const char *s = f->text.s;
	size_t n = f->text.len, i = 0, kl;
	size_t k = next_word(s, n, &i, &kl);
	if (!is_key(s + k, kl) || (kl == 6 && !memcmp(s + k, "status", 6))) {
		decl_error(d, f, kl ? sub(f, k, kl) : f->key,
		           kl == 6 && !memcmp(s + k, "status", 6)
		           ? "'status' is a status line's word, not a metric's"
		           : "a metric's key is a lowercase word of letters, digits, '-' and '_'");
		return;
	}
	const struct hlr_metric_def *old = hlr_track_metric(t, s + k, kl);
	if (old) {
		size_t e = hlr_diag(d, HLR_ERROR, HLR_C_INVALID_TRACK_DECL, f->src, sub(f, k, kl),
		                    "metric '%.*s' is declared twice", (int)kl, s + k);
		hlr_diag_note(d, e, old->decl->src, old->decl->span, "first declared here");
		return;
	}
	while (i < n && blank(s[i]))
		i++;
	if (i >= n || s[i] != '"') {
		decl_error(d, f, sub(f, i < n ? i : n, 0), "a metric needs a label in double quotes");
		return;
	}
	const char *q = memchr(s + i + 1, '"', n - i - 1);
	if (!q || q == s + i + 1) {
		decl_error(d, f, sub(f, i, n - i), "a metric's label is a non-empty text in double quotes");
		return;
	}
	struct hlr_metric_def *m = hlr_arena_alloc(a, sizeof *m);
	m->key = hlr_arena_strndup(a, s + k, kl);
	m->label = hlr_arena_strndup(a, s + i + 1, (size_t)(q - (s + i + 1)));
	m->decl = f;
	i = (size_t)(q - s) + 1;
	bool have_unit = false, have_better = false;
	for (;;) {
		size_t wl, w = next_word(s, n, &i, &wl);
		if (!wl)
			break;
		if (wl == 13 && !memcmp(s + w, "per-authority", 13) && !m->per_authority) {
			m->per_authority = true;
			continue;
		}
		bool is_unit = wl == 4 && !memcmp(s + w, "unit", 4) && !have_unit;
		bool is_better = wl == 6 && !memcmp(s + w, "better", 6) && !have_better;
		if (!is_unit && !is_better) {
			decl_error(d, f, sub(f, w, wl), "unexpected word in a metric declaration");
			return;
		}
		size_t vl, v = next_word(s, n, &i, &vl);
		if (is_unit) {
			const char *names[sizeof units / sizeof units[0]];
			size_t u = 0;
			for (; u < sizeof units / sizeof units[0]; u++) {
				names[u] = units[u].name;
				if (strlen(units[u].name) == vl && !memcmp(units[u].name, s + v, vl))
					break;
			}
			if (u == sizeof units / sizeof units[0]) {
				const char *best = vl ? hlr_suggest(s + v, vl, names, u) : NULL;
				char msg[200];
				snprintf(msg, sizeof msg, "'%.*s' is not a unit%s%s%s (count, number, percent, "
				         "gbp, days, hours)", (int)(vl > 40 ? 40 : vl), s + v,
				         best ? "; did you mean '" : "", best ? best : "", best ? "'?" : "");
				decl_error(d, f, vl ? sub(f, v, vl) : sub(f, w, wl), msg);
				return;
			}
			m->unit = units[u].name;
			have_unit = true;
		} else {
			if (vl == 6 && !memcmp(s + v, "higher", 6)) {
				m->better = 1;
			} else if (vl == 5 && !memcmp(s + v, "lower", 5)) {
				m->better = -1;
			} else {
				decl_error(d, f, vl ? sub(f, v, vl) : sub(f, w, wl),
				           "'better' is followed by 'higher' or 'lower'");
				return;
			}
			have_better = true;
		}
	}
	if (!have_unit || !have_better) {
		decl_error(d, f, f->key, !have_unit ? "a metric needs its unit"
		                                    : "a metric needs 'better higher' or 'better lower'");
		return;
	}
	m->index = t->nmetrics;
	t->metrics = hlr_arena_grow(a, t->metrics, t->nmetrics, t->nmetrics + 1, sizeof *t->metrics);
	t->metrics[t->nmetrics++] = m;
}

/* Reads a value in unit u from s[0..n): false when it is none. */
static bool parse_value(const struct unit *u, const char *s, size_t n, int64_t *out,
                        unsigned *decimals)
{
	size_t i = 0;
	bool neg = false;
	if (i < n && (s[i] == '-' || (n - i >= 3 && !memcmp(s + i, "\xE2\x88\x92", 3)))) {
		neg = true;
		i += s[i] == '-' ? 1 : 3;
	}
	size_t pl = strlen(u->pre);
	if (pl && n - i >= pl && !memcmp(s + i, u->pre, pl))
		i += pl;
	int64_t whole = 0;
	size_t digits = 0, group = 0;
	bool commas = false;
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			whole = whole * 10 + (s[i] - '0');
			if (whole >= METRIC_MAX)
				return false;
			digits++;
			group++;
		} else if (s[i] == ',' && digits && (commas ? group == 3 : group <= 3)) {
			commas = true;
			group = 0;
		} else {
			break;
		}
	}
	if (!digits || (commas && group != 3))
		return false;
	int64_t frac = 0;
	unsigned nd = 0;
	if (i < n && s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			if (nd == 6)
				return false;
			frac = frac * 10 + (s[i] - '0');
			nd++;
		}
		if (!nd)
			return false;
	}
	size_t ql = strlen(u->post);
	if (ql && n - i >= ql && !memcmp(s + i, u->post, ql))
		i += ql;
	if (i != n || (neg && !u->negative) || (u->whole && nd))
		return false;
	for (unsigned k = nd; k < 6; k++)
		frac *= 10;
	*out = (whole * 1000000 + frac) * (neg ? -1 : 1);
	*decimals = nd;
	return true;
}

/* The latest-value table of r, from its previous report's. */
static void latest_from(struct hlr_arena *a, struct hlr_track *t, const struct hlr_report *r)
{
	unsigned per = r->nauthorities + 1;
	t->nslots = t->nmetrics * per;
	t->latest = hlr_arena_alloc(a, (t->nslots ? t->nslots : 1) * sizeof *t->latest);
	const struct hlr_report *p = r->previous && r->previous->state == 2 ? r->previous : NULL;
	const struct hlr_track *pt = p ? p->track : NULL;
	if (!pt || !pt->nslots)
		return;
	unsigned pper = p->nauthorities + 1;
	bool same = pt->nmetrics == t->nmetrics && pper == per;
	for (unsigned m = 0; same && m < t->nmetrics; m++)
		same = !strcmp(pt->metrics[m]->key, t->metrics[m]->key);
	for (unsigned au = 0; same && au < r->nauthorities; au++)
		same = !strcmp(p->authorities[au].tag, r->authorities[au].tag);
	if (same) {
		memcpy(t->latest, pt->latest, t->nslots * sizeof *t->latest);
		return;
	}
	for (unsigned m = 0; m < t->nmetrics; m++) {
		const struct hlr_metric_def *pm = hlr_track_metric(pt, t->metrics[m]->key,
		                                                   strlen(t->metrics[m]->key));
		if (!pm)
			continue;
		t->latest[m * per] = pt->latest[pm->index * pper];
		for (unsigned au = 0; au < r->nauthorities; au++) {
			const char *tag = r->authorities[au].tag;
			int pa = hlr_report_authority(p, tag, strlen(tag));
			if (pa >= 0)
				t->latest[m * per + au + 1] = pt->latest[pm->index * pper + (unsigned)pa + 1];
		}
	}
}

/* The metric key names (key in src), or NULL after undeclared-metric. */
static const struct hlr_metric_def *find_metric(struct hlr_arena *a, struct hlr_diags *d,
                                                const struct hlr_track *t,
                                                struct hlr_source *src, struct hlr_span key)
{
	const char *k = hlr_span_ptr(src, key);
	size_t kn = hlr_span_len(key);
	const struct hlr_metric_def *m = hlr_track_metric(t, k, kn);
	if (m)
		return m;
	const char **names = hlr_arena_alloc(a, (t->nmetrics + 1) * sizeof *names);
	for (unsigned i = 0; i < t->nmetrics; i++)
		names[i] = t->metrics[i]->key;
	const char *best = hlr_suggest(k, kn, names, t->nmetrics);
	size_t close = 0;
	for (unsigned i = 0; best && i < t->nmetrics; i++)
		if (hlr_suggest(k, kn, &names[i], 1))
			close++;
	size_t e = hlr_diag(d, HLR_ERROR, HLR_C_UNDECLARED_METRIC, src, key,
	                    "metric '%.*s' is not declared%s%s%s", (int)kn, k,
	                    best ? "; did you mean '" : t->nmetrics ? ""
	                         : " (declare it in series.hlr: 'metric KEY \"Label\" unit "
	                           "UNIT better higher|lower')",
	                    best ? best : "", best ? "'?" : "");
	if (best && close == 1)
		hlr_diag_fixit(d, e, key, best);
	return NULL;
}

/* Where a value is stated: on a metric line, or in a cell of a metrics
 * table. The two forms mean the same, and are checked alike here. */
struct stated {
	struct hlr_node *node;  /* the line (a field node), or the table */
	struct hlr_span at;     /* the line, or the cell: the note of a duplicate */
	struct hlr_span here;   /* what an error names: the line's key, or the cell */
	struct hlr_span value;  /* the value's words (empty: none written) */
};

/* States m's value (for authority au, -1 for none) as st says. */
static void state_value(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                        const struct hlr_metric_def *m, int au, const struct stated *st,
                        const struct hlr_metric_value **mine)
{
	struct hlr_track *t = r->track;
	struct hlr_source *src = st->node->src;
	const struct unit *u = unit_of(m->unit);
	const char *s = hlr_span_ptr(src, st->value);
	size_t n = hlr_span_len(st->value);
	int64_t v;
	unsigned dec;
	if (!n || !parse_value(u, s, n, &v, &dec)) {
		hlr_diag(d, HLR_ERROR, HLR_C_INVALID_METRIC_VALUE, src, !n ? st->here : st->value,
		         !n ? "metric '%s' has no value (unit %s): write %s"
		            : "not a value of metric '%s' (unit %s): write %s", m->key, m->unit,
		         u->what);
		return;
	}
	unsigned slot = m->index * (r->nauthorities + 1) + (unsigned)(au + 1);
	if (mine[slot]) {
		size_t e = hlr_diag(d, HLR_ERROR, HLR_C_DUPLICATE_METRIC, src, st->here,
		                    "metric '%s'%s%s is stated twice", m->key, au >= 0 ? " for " : "",
		                    au >= 0 ? r->authorities[au].tag : "");
		hlr_diag_note(d, e, mine[slot]->decl->src, mine[slot]->at, "first stated here");
		return;
	}
	struct hlr_metric_value *mv = hlr_arena_alloc(a, sizeof *mv);
	mv->def = m;
	mv->authority = au;
	mv->v = v;
	mv->decimals = dec;
	mv->decl = st->node;
	mv->at = st->at;
	mv->report = r;
	mv->prev = t->latest[slot];
	mv->npoints = mv->prev ? mv->prev->npoints + 1 : 1;
	mine[slot] = mv;
}

/* "KEY VALUE" or "KEY @TAG VALUE" */
static void metric_line(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                        struct hlr_node *f, const struct hlr_metric_value **mine)
{
	const struct hlr_metric_def *m = find_metric(a, d, r->track, f->src, f->key);
	if (!m)
		return;
	const char *k = hlr_span_ptr(f->src, f->key);
	size_t kn = hlr_span_len(f->key);
	const char *s = hlr_text_join(a, &f->text);
	size_t n = f->text.len, i = 0;
	int au = -1;
	if (n && s[0] == '@') {
		size_t tl;
		size_t ts = next_word(s, n, &i, &tl);
		au = hlr_report_authority(r, s + ts + 1, tl - 1);
		if (au < 0 || !m->per_authority) {
			hlr_diag(d, HLR_ERROR, HLR_C_METRIC_AUTHORITY, f->src, sub(f, ts, tl),
			         au < 0 ? "authority tag '%.*s' is not declared"
			                : "metric '%.*s' is not per authority: give it once, without a tag",
			         au < 0 ? (int)tl : (int)kn, au < 0 ? s + ts : k);
			return;
		}
	} else if (m->per_authority) {
		hlr_diag(d, HLR_ERROR, HLR_C_METRIC_AUTHORITY, f->src, f->key,
		         "metric '%s' is per authority: write '%s @TAG VALUE' for each authority",
		         m->key, m->key);
		return;
	}
	while (i < n && blank(s[i]))
		i++;
	struct stated st = {f, f->span, f->key, i < n ? sub(f, i, n - i) : f->key};
	if (i == n)
		st.value.start = st.value.end;
	state_value(a, d, r, m, au, &st, mine);
}

/* ---- Metric values as a table: "| metric | value |", or for a
 * per-authority metric "| metric | @CCC | @PCC |" (both kinds of column
 * may stand in one table). Each row states the values of the metric its
 * first cell names, one per cell that is not empty: the same statements as
 * the lines "KEY VALUE" and "KEY @TAG VALUE", in the order written. */

#define COL_VALUE (-1) /* the "value" column */
#define COL_SKIP  (-2) /* a column already reported (an undeclared tag) */

static const char table_form[] =
	"'| metric | value |', or '| metric | @CCC | @PCC |' (one column per authority) for "
	"per-authority metrics";

/* A cell's place for a diagnostic: its words, or its bars when empty. */
static struct hlr_span cell_at(const struct hlr_cell *c)
{
	return hlr_span_empty(c->span) ? c->bars : c->span;
}

static bool cell_is(const struct hlr_source *src, const struct hlr_cell *c, const char *word)
{
	size_t n = hlr_span_len(c->span);
	return n == strlen(word) && hlr_ascii_prefix_ci(hlr_span_ptr(src, c->span), word);
}

/* The header row's columns (col[c]: an authority's index, COL_VALUE or
 * COL_SKIP); false, after metric-table, when the table cannot be read. */
static bool table_columns(struct hlr_diags *d, const struct hlr_report *r,
                          const struct hlr_node *header, int *col)
{
	struct hlr_source *src = header->src;
	bool ok = true;
	if (!header->ncells || !cell_is(src, &header->cells[0], "metric")) {
		hlr_diag(d, HLR_ERROR, HLR_C_METRIC_TABLE, src,
		         header->ncells ? cell_at(&header->cells[0]) : header->span,
		         "the first column of a table in the metrics section is headed 'metric': "
		         "write %s", table_form);
		return false;
	}
	if (header->ncells < 2) {
		hlr_diag(d, HLR_ERROR, HLR_C_METRIC_TABLE, src, header->cells[0].bars,
		         "a metrics table has a column of values after 'metric': write %s", table_form);
		return false;
	}
	for (unsigned c = 1; c < header->ncells; c++) {
		const struct hlr_cell *cell = &header->cells[c];
		const char *p = hlr_span_ptr(src, cell->span);
		size_t n = hlr_span_len(cell->span);
		int kind = COL_SKIP;
		if (cell_is(src, cell, "value")) {
			kind = COL_VALUE;
		} else if (n > 1 && p[0] == '@') {
			int au = hlr_report_authority(r, p + 1, n - 1);
			if (au < 0) {
				hlr_diag(d, HLR_ERROR, HLR_C_METRIC_AUTHORITY, src, cell->span,
				         "authority tag '%.*s' is not declared", (int)n, p);
				col[c] = COL_SKIP;
				continue;
			}
			kind = au;
		} else {
			hlr_diag(d, HLR_ERROR, HLR_C_METRIC_TABLE, src, cell_at(cell),
			         "'%.*s' is no column of a metrics table: head a column 'value', or with "
			         "an authority tag ('@CCC') for a per-authority metric; write %s",
			         (int)(n > 40 ? 40 : n), p, table_form);
			ok = false;
			continue;
		}
		for (unsigned o = 1; o < c; o++)
			if (col[o] == kind) {
				size_t e = hlr_diag(d, HLR_ERROR, HLR_C_METRIC_TABLE, src, cell->span,
				                    "a second column headed '%.*s'; a metrics table has one "
				                    "column for values without a tag, and one per authority",
				                    (int)n, p);
				hlr_diag_note(d, e, src, header->cells[o].span, "the first one");
				ok = false;
				break;
			}
		col[c] = kind;
	}
	return ok;
}

static void metric_table(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                         struct hlr_node *tab, const struct hlr_metric_value **mine)
{
	struct hlr_source *src = tab->src;
	if (tab->text.len) {
		uint32_t at = hlr_text_source_offset(&tab->text, 0);
		hlr_diag(d, HLR_ERROR, HLR_C_METRIC_TABLE, src,
		         hlr_span_make(at, at + (uint32_t)tab->text.len),
		         "a table in the metrics section is not shown as a table, but as the report's "
		         "metrics: it takes no caption");
	}
	struct hlr_node *header = tab->first;
	while (header && header->kind != HLR_NODE_ROW)
		header = header->next;
	if (!header)
		return;
	unsigned ncols = header->ncells;
	int *col = hlr_arena_alloc(a, (ncols + 1) * sizeof *col);
	if (!table_columns(d, r, header, col))
		return;
	for (struct hlr_node *row = header->next; row; row = row->next) {
		if (row->kind != HLR_NODE_ROW || row->row_role != HLR_ROW_BODY)
			continue;
		if (row->ntags) {
			struct hlr_span ts = {row->tags[0].span.start - 1, row->tags[row->ntags - 1].span.end};
			hlr_diag(d, HLR_ERROR, HLR_C_METRIC_TABLE, src, ts,
			         "a row of a metrics table takes no authority tags: head a column with "
			         "the tag instead ('| metric | @CCC | @PCC |')");
			continue;
		}
		if (!row->ncells || hlr_span_empty(row->cells[0].span)) {
			hlr_diag(d, HLR_ERROR, HLR_C_METRIC_TABLE, src,
			         row->ncells ? row->cells[0].bars : row->span,
			         "a row of a metrics table starts with the key of a metric ('| spend | "
			         "1,250 |')");
			continue;
		}
		const struct hlr_cell *key = &row->cells[0];
		const struct hlr_metric_def *m = find_metric(a, d, r->track, src, key->span);
		if (!m)
			continue;
		bool any = false;
		for (unsigned c = 1; c < row->ncells && c < ncols; c++) {
			const struct hlr_cell *cell = &row->cells[c];
			if (hlr_span_empty(cell->span))
				continue;
			any = true;
			if (col[c] == COL_SKIP)
				continue;
			if (col[c] == COL_VALUE && m->per_authority) {
				hlr_diag(d, HLR_ERROR, HLR_C_METRIC_AUTHORITY, src, cell->span,
				         "metric '%s' is per authority: give its values in columns headed "
				         "with authority tags ('| metric | @CCC | @PCC |')", m->key);
				continue;
			}
			if (col[c] >= 0 && !m->per_authority) {
				hlr_diag(d, HLR_ERROR, HLR_C_METRIC_AUTHORITY, src, cell->span,
				         "metric '%s' is not per authority: give it once, in a column headed "
				         "'value'", m->key);
				continue;
			}
			struct stated st = {tab, cell->span, cell->span, cell->span};
			state_value(a, d, r, m, col[c] == COL_VALUE ? -1 : col[c], &st, mine);
		}
		if (!any) {
			const struct unit *u = unit_of(m->unit);
			hlr_diag(d, HLR_ERROR, HLR_C_INVALID_METRIC_VALUE, src, key->span,
			         "metric '%s' has no value in its row (unit %s): write %s, or leave the "
			         "row out", m->key, m->unit, u->what);
		}
	}
}

void hlr_metrics_resolve(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r)
{
	struct hlr_track *t = r->track;
	latest_from(a, t, r);
	const struct hlr_metric_value **mine =
		hlr_arena_alloc(a, (t->nslots ? t->nslots : 1) * sizeof *mine);
	struct hlr_node *carrier = NULL;
	for (struct hlr_node *n = r->root->first; n; n = n->next) {
		struct hlr_node *s = n->kind == HLR_NODE_PART ? n->first : n;
		for (; s; s = n->kind == HLR_NODE_PART ? s->next : NULL) {
			if (s->kind != HLR_NODE_SECTION || !hlr_span_eq(s->src, s->key, HLR_METRICS_KEYWORD))
				continue;
			/* the lines and the tables, in the order written */
			struct hlr_node *f = s->fields, *c = s->first;
			while (f || c) {
				if (c && !hlr_metrics_table(c)) {
					if (c->kind == HLR_NODE_UNCHANGED && !c->text.len)
						carrier = c;
					c = c->next;
				} else if (f && (!c || f->span.start < c->span.start)) {
					if (!hlr_span_eq(f->src, f->key, "status"))
						metric_line(a, d, r, f, mine);
					f = f->next;
				} else {
					metric_table(a, d, r, c, mine);
					c = c->next;
				}
			}
		}
	}
	/* 'unchanged' in the metrics section: last period's values, for the
	 * metrics this report does not state again */
	const struct hlr_report *p = r->previous && r->previous->state == 2 ? r->previous : NULL;
	for (unsigned i = 0; carrier && p && p->track && i < p->track->nvalues; i++) {
		const struct hlr_metric_value *pv = p->track->values[i];
		const struct hlr_metric_def *m = hlr_track_metric(t, pv->def->key, strlen(pv->def->key));
		int au = -1;
		if (pv->authority >= 0) {
			const char *tag = p->authorities[pv->authority].tag;
			au = hlr_report_authority(r, tag, strlen(tag));
			if (au < 0)
				continue;
		}
		if (!m || m->per_authority != (au >= 0))
			continue;
		unsigned slot = m->index * (r->nauthorities + 1) + (unsigned)(au + 1);
		if (mine[slot])
			continue;
		struct hlr_metric_value *mv = hlr_arena_alloc(a, sizeof *mv);
		*mv = *pv;
		mv->def = m;
		mv->authority = au;
		mv->report = r;
		mv->prev = pv;
		mv->npoints = pv->npoints + 1;
		mv->carried = true;
		mine[slot] = mv;
		const struct hlr_metric_value *o = pv;
		while (o->carried && o->prev)
			o = o->prev;
		if (!carrier->since || hlr_date_cmp(o->report->period.end, carrier->since->period.end) > 0)
			carrier->since = o->report;
	}
	unsigned count = 0;
	for (unsigned i = 0; i < t->nslots; i++)
		count += mine[i] != NULL;
	if (!count)
		return;
	t->used = true;
	t->values = hlr_arena_alloc(a, count * sizeof *t->values);
	for (unsigned i = 0; i < t->nslots; i++)
		if (mine[i]) {
			t->values[t->nvalues++] = (struct hlr_metric_value *)mine[i];
			t->latest[i] = mine[i];
		}
}

/* --- lowered ------------------------------------------------------------- */

static void put_grouped(struct hlr_buf *b, uint64_t whole)
{
	char d[24];
	int n = snprintf(d, sizeof d, "%" PRIu64, whole);
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			hlr_buf_putc(b, ',');
		hlr_buf_putc(b, d[i]);
	}
}

/* The number alone: "1,204", "12.50". */
static void put_number(struct hlr_buf *b, int64_t v, unsigned decimals)
{
	uint64_t m = v < 0 ? (uint64_t)-v : (uint64_t)v;
	put_grouped(b, m / 1000000);
	if (decimals) {
		char f[8];
		snprintf(f, sizeof f, "%06" PRIu64, m % 1000000);
		hlr_buf_putc(b, '.');
		hlr_buf_put(b, f, decimals);
	}
}

void hlr_metric_format(struct hlr_buf *b, const struct hlr_metric_def *m, int64_t v,
                       unsigned decimals)
{
	const struct unit *u = unit_of(m->unit);
	if (v < 0)
		hlr_buf_putc(b, '-');
	hlr_buf_puts(b, u->pre);
	put_number(b, v, decimals);
	hlr_buf_puts(b, u->post);
	if (!strcmp(u->name, "days") || !strcmp(u->name, "hours")) {
		bool one = v == 1000000 || v == -1000000;
		hlr_buf_printf(b, " %.*s", (int)strlen(u->name) - (one ? 1 : 0), u->name);
	}
}

/* The change from p to v: "up 12 since October 2020". */
static const char *change_text(struct hlr_arena *a, const struct hlr_metric_value *v,
                               const char **direction)
{
	struct hlr_buf b = HLR_BUF_INIT;
	const struct hlr_metric_value *p = v->prev;
	char phrase[64];
	hlr_period_phrase(&p->report->period, phrase);
	int64_t delta = v->v - p->v;
	unsigned dec = v->decimals > p->decimals ? v->decimals : p->decimals;
	if (!delta) {
		hlr_buf_printf(&b, "no change since %s", phrase);
		*direction = "same";
	} else {
		hlr_buf_puts(&b, delta > 0 ? "up " : "down ");
		if (!strcmp(v->def->unit, "percent")) {
			put_number(&b, delta < 0 ? -delta : delta, dec);
			hlr_buf_puts(&b, " percentage points");
		} else {
			hlr_metric_format(&b, v->def, delta < 0 ? -delta : delta, dec);
		}
		hlr_buf_printf(&b, " since %s", phrase);
		*direction = (delta > 0) == (v->def->better > 0) ? "better" : "worse";
	}
	const char *s = hlr_arena_strndup(a, b.data, b.len);
	hlr_buf_free(&b);
	return s;
}

void hlr_lower_metrics(struct hlr_arena *a, const struct hlr_report *r, int view,
                       struct hlr_ltrack *lt)
{
	const struct hlr_track *t = r->track;
	if (!t->nvalues)
		return;
	lt->metrics = hlr_arena_alloc(a, t->nvalues * sizeof *lt->metrics);
	struct hlr_buf b = HLR_BUF_INIT;
	for (unsigned i = 0; i < t->nvalues; i++) {
		const struct hlr_metric_value *v = t->values[i];
		if (view >= 0 && v->authority >= 0 && v->authority != view)
			continue;
		struct hlr_lmetric_row *row = &lt->metrics[lt->nmetrics++];
		row->v = v;
		const char *tag = v->authority >= 0 ? r->authorities[v->authority].tag : NULL;
		hlr_buf_puts(&b, v->def->label);
		if (tag)
			hlr_buf_printf(&b, " (%s)", tag);
		row->name = hlr_arena_strndup(a, b.data, b.len);
		b.len = 0;
		hlr_buf_puts(&b, v->def->key);
		if (tag)
			hlr_buf_printf(&b, "-%s", tag);
		row->slug = hlr_arena_strndup(a, b.data, b.len);
		b.len = 0;
		hlr_metric_format(&b, v->def, v->v, v->decimals);
		row->value = hlr_arena_strndup(a, b.data, b.len);
		b.len = 0;
		row->change = v->prev ? change_text(a, v, &row->direction) : "no earlier value";
		row->npoints = v->npoints;
		row->points = hlr_arena_alloc(a, v->npoints * sizeof *row->points);
		unsigned k = v->npoints;
		for (const struct hlr_metric_value *p = v; p && k; p = p->prev)
			row->points[--k] = p;
	}
	hlr_buf_free(&b);
}
