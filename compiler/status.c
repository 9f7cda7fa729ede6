/* compiler: statuses (resolve and lower stages, see track.h). The scale
 * and dimensions a series declares, the status lines of a report's header,
 * of a section (its first line) and of an item (an indented field line),
 * each linked to the previous report's status for the same dimension,
 * section address (part/keyword) or item id; and the status summary. */
#include "compiler/track.h"
#include "compiler/diag.h"
#include "compiler/resolve.h"
#include "runtime/buf.h"
#include "runtime/utf8.h"

#include <stdio.h>
#include <string.h>

static const char *const colours[] = {"red", "amber", "green", "blue", "grey"};

struct hlr_track *hlr_track_of(struct hlr_arena *a, struct hlr_report *r);

struct hlr_track *hlr_track_of(struct hlr_arena *a, struct hlr_report *r)
{
	if (!r->track)
		r->track = hlr_arena_alloc(a, sizeof *r->track);
	return r->track;
}

static bool is_word(const char *s, size_t n)
{
	if (!n || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return s[n - 1] != '-';
}

static bool blank(char c) { return c == ' ' || c == '\t'; }

/* "on-track" as a label: "On track". */
static const char *label_of(struct hlr_arena *a, const char *w, size_t n)
{
	char *s = hlr_arena_strndup(a, w, n);
	for (size_t i = 0; i < n; i++)
		if (s[i] == '-')
			s[i] = ' ';
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
}

static struct hlr_span sub(const struct hlr_node *f, size_t off, size_t len)
{
	uint32_t at = hlr_text_source_offset(&f->text, off);
	return hlr_span_make(at, at + (uint32_t)len);
}

static void set_default_scale(struct hlr_arena *a, struct hlr_track *t)
{
	if (t->nscale)
		return;
	t->scale = hlr_arena_alloc(a, 3 * sizeof *t->scale);
	static const char *const keys[] = {"red", "amber", "green"};
	for (unsigned i = 0; i < 3; i++)
		t->scale[i] = (struct hlr_scale_entry){keys[i], label_of(a, keys[i], strlen(keys[i])),
		                                       NULL, keys[i]};
	t->nscale = 3;
}

/* statuses WORD[:LABEL] ... */
static void field_statuses(struct hlr_arena *a, struct hlr_diags *d, struct hlr_track *t,
                           struct hlr_node *f)
{
	const char *s = f->text.s;
	size_t n = f->text.len;
	struct hlr_scale_entry *v = hlr_arena_alloc(a, (n / 2 + 1) * sizeof *v);
	unsigned nv = 0;
	for (size_t i = 0; i < n;) {
		while (i < n && blank(s[i]))
			i++;
		size_t w = i;
		while (i < n && !blank(s[i]))
			i++;
		if (w == i)
			break;
		const char *colon = memchr(s + w, ':', i - w);
		size_t kn = colon ? (size_t)(colon - (s + w)) : i - w;
		const char *lw = colon ? colon + 1 : NULL;
		size_t ln = colon ? (size_t)(s + i - lw) : 0;
		if (!is_word(s + w, kn) || (colon && !is_word(lw, ln))) {
			hlr_diag(d, HLR_ERROR, HLR_C_INVALID_TRACK_DECL, f->src, sub(f, w, i - w),
			         "a status is a lowercase word of letters, digits and '-', or "
			         "'key:label' ('blue:complete'), not '%.*s'", (int)(i - w), s + w);
			return;
		}
		for (unsigned k = 0; k < nv; k++)
			if ((strlen(v[k].key) == kn && !memcmp(v[k].key, s + w, kn)) ||
			    (v[k].word && colon && strlen(v[k].word) == ln && !memcmp(v[k].word, lw, ln))) {
				hlr_diag(d, HLR_ERROR, HLR_C_INVALID_TRACK_DECL, f->src, sub(f, w, i - w),
				         "status '%.*s' is on the scale twice", (int)(i - w), s + w);
				return;
			}
		struct hlr_scale_entry *e = &v[nv++];
		e->key = hlr_arena_strndup(a, s + w, kn);
		e->word = colon ? hlr_arena_strndup(a, lw, ln) : NULL;
		e->label = colon ? label_of(a, lw, ln) : label_of(a, s + w, kn);
		e->cls = "plain";
		for (size_t k = 0; k < sizeof colours / sizeof colours[0]; k++)
			if (!strcmp(colours[k], e->key))
				e->cls = colours[k];
	}
	if (nv < 2) {
		hlr_diag(d, HLR_ERROR, HLR_C_INVALID_TRACK_DECL, f->src, f->key,
		         "a scale needs two statuses or more, worst first: 'statuses red amber green'");
		return;
	}
	t->scale = v;
	t->nscale = nv;
	t->scale_decl = f;
}

/* dimensions WORD ... */
static void field_dimensions(struct hlr_arena *a, struct hlr_diags *d, struct hlr_track *t,
                             struct hlr_node *f)
{
	const char *s = f->text.s;
	size_t n = f->text.len;
	const char **v = hlr_arena_alloc(a, (n / 2 + 1) * sizeof *v);
	unsigned nv = 0;
	for (size_t i = 0; i < n;) {
		while (i < n && blank(s[i]))
			i++;
		size_t w = i;
		while (i < n && !blank(s[i]))
			i++;
		if (w == i)
			break;
		if (!is_word(s + w, i - w)) {
			hlr_diag(d, HLR_ERROR, HLR_C_INVALID_TRACK_DECL, f->src, sub(f, w, i - w),
			         "a dimension is a lowercase word of letters, digits and '-', not '%.*s'",
			         (int)(i - w), s + w);
			return;
		}
		bool twice = i - w == 7 && !memcmp(s + w, "overall", 7);
		for (unsigned k = 0; k < nv && !twice; k++)
			twice = strlen(v[k]) == i - w && !memcmp(v[k], s + w, i - w);
		if (twice) {
			hlr_diag(d, HLR_ERROR, HLR_C_INVALID_TRACK_DECL, f->src, sub(f, w, i - w),
			         "dimension '%.*s' is declared twice%s", (int)(i - w), s + w,
			         i - w == 7 && !memcmp(s + w, "overall", 7)
			         ? " ('overall' is always there: a status line without a dimension)" : "");
			return;
		}
		v[nv++] = hlr_arena_strndup(a, s + w, i - w);
	}
	t->dims = v;
	t->ndims = nv;
}

void hlr_metric_field(struct hlr_arena *a, struct hlr_diags *d, struct hlr_track *t,
                      struct hlr_node *f);

void hlr_track_field(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                     struct hlr_node *f, bool series_file)
{
	struct hlr_track *t = hlr_track_of(a, r);
	hlr_text_join(a, &f->text);
	if (hlr_span_eq(f->src, f->key, "statuses")) {
		field_statuses(a, d, t, f);
	} else if (hlr_span_eq(f->src, f->key, "dimensions")) {
		field_dimensions(a, d, t, f);
	} else if (hlr_span_eq(f->src, f->key, "metric")) {
		hlr_metric_field(a, d, t, f);
	} else if (series_file) {
		hlr_diag(d, HLR_ERROR, HLR_C_INVALID_STATUS, f->src, f->key,
		         "a status line belongs in a report, not in the series file");
	} else if (f->src == r->src) {
		/* status: checked against the scale once the header is read */
		t->status_lines = hlr_arena_grow(a, t->status_lines, t->nstatus_lines,
		                                 t->nstatus_lines + 1, sizeof *t->status_lines);
		t->status_lines[t->nstatus_lines++] = f;
	}
}

/* --- status lines -------------------------------------------------------- */

/* The scale entry a report's word names (its key or its label word, in any
 * case), or -1. */
static int scale_find(const struct hlr_track *t, const char *w, size_t n)
{
	for (unsigned i = 0; i < t->nscale; i++) {
		const struct hlr_scale_entry *e = &t->scale[i];
		if (strlen(e->key) == n && hlr_ascii_prefix_ci(w, e->key) == 1)
			return (int)i;
		if (e->word && strlen(e->word) == n && hlr_ascii_prefix_ci(w, e->word) == 1)
			return (int)i;
	}
	return -1;
}

/* A did-you-mean over the scale, and a fix-it when one word is close. */
static void unknown_value(struct hlr_arena *a, struct hlr_diags *d, const struct hlr_track *t,
                          struct hlr_node *f, struct hlr_span at, const char *w, size_t n)
{
	const char **cands = hlr_arena_alloc(a, 2 * t->nscale * sizeof *cands);
	size_t nc = 0;
	struct hlr_buf list = HLR_BUF_INIT;
	for (unsigned i = 0; i < t->nscale; i++) {
		cands[nc++] = t->scale[i].key;
		if (t->scale[i].word)
			cands[nc++] = t->scale[i].word;
		hlr_buf_printf(&list, "%s%s", i ? (i + 1 == t->nscale ? " or " : ", ") : "",
		               t->scale[i].key);
	}
	const char *best = hlr_suggest(w, n, cands, nc);
	size_t close = 0;
	for (size_t i = 0; i < nc; i++)
		if (hlr_suggest(w, n, &cands[i], 1))
			close++;
	size_t k;
	if (best)
		k = hlr_diag(d, HLR_ERROR, HLR_C_UNKNOWN_STATUS, f->src, at,
		             "'%.*s' is not on the scale; did you mean '%s'?", (int)n, w, best);
	else
		k = hlr_diag(d, HLR_ERROR, HLR_C_UNKNOWN_STATUS, f->src, at,
		             "'%.*s' is not on the scale (%s)", (int)n, w, list.data);
	if (best && close == 1)
		hlr_diag_fixit(d, k, at, best);
	if (t->scale_decl)
		hlr_diag_note(d, k, t->scale_decl->src, t->scale_decl->span, "the scale is declared here");
	hlr_buf_free(&list);
}

/* Reads "[DIMENSION] VALUE[: reason]" from a status field line f into a
 * new status, or NULL (and a diagnostic). dims: whether a dimension may be
 * given. */
static struct hlr_status *read_status(struct hlr_arena *a, struct hlr_diags *d,
                                      const struct hlr_track *t, struct hlr_report *r,
                                      struct hlr_node *f, bool dims)
{
	const char *s = hlr_text_join(a, &f->text);
	size_t n = f->text.len;
	const char *colon = memchr(s, ':', n);
	size_t head = colon ? (size_t)(colon - s) : n;
	size_t w[3][2];
	unsigned nw = 0;
	for (size_t i = 0; i < head;) {
		while (i < head && blank(s[i]))
			i++;
		size_t st = i;
		while (i < head && !blank(s[i]))
			i++;
		if (st == i)
			break;
		if (nw == 3) {
			nw++;
			break;
		}
		w[nw][0] = st;
		w[nw][1] = i - st;
		nw++;
	}
	const char *form = dims ? "'status [DIMENSION] VALUE[: reason]'" : "'status VALUE[: reason]'";
	if (nw == 0 || nw > 2 || (nw == 2 && !dims)) {
		hlr_diag(d, HLR_ERROR, HLR_C_INVALID_STATUS, f->src, f->span,
		         nw == 2 ? "a section's or item's status has no dimension; write %s"
		                 : "expected %s", form);
		return NULL;
	}
	const char *dim = "overall";
	if (nw == 2) {
		const char *dw = s + w[0][0];
		size_t dn = w[0][1];
		unsigned i = 0;
		while (i < t->ndims && !(strlen(t->dims[i]) == dn && !memcmp(t->dims[i], dw, dn)))
			i++;
		if (i < t->ndims) {
			dim = t->dims[i];
		} else if (!(dn == 7 && !memcmp(dw, "overall", 7))) {
			const char *best = t->ndims ? hlr_suggest(dw, dn, t->dims, t->ndims) : NULL;
			struct hlr_span at = sub(f, w[0][0], dn);
			size_t k;
			if (best) {
				k = hlr_diag(d, HLR_ERROR, HLR_C_UNKNOWN_DIMENSION, f->src, at,
				             "'%.*s' is not a declared dimension; did you mean '%s'?",
				             (int)dn, dw, best);
				size_t close = 0;
				for (unsigned j = 0; j < t->ndims; j++)
					if (hlr_suggest(dw, dn, &t->dims[j], 1))
						close++;
				if (close == 1)
					hlr_diag_fixit(d, k, at, best);
			} else {
				hlr_diag(d, HLR_ERROR, HLR_C_UNKNOWN_DIMENSION, f->src, at,
				         "'%.*s' is not a declared dimension%s", (int)dn, dw,
				         t->ndims ? "" : "; the series declares none ('dimensions time "
				                         "cost scope' in series.hlr)");
			}
			return NULL;
		}
	}
	const char *vw = s + w[nw - 1][0];
	size_t vn = w[nw - 1][1];
	int e = scale_find(t, vw, vn);
	if (e < 0) {
		unknown_value(a, d, t, f, sub(f, w[nw - 1][0], vn), vw, vn);
		return NULL;
	}
	struct hlr_status *st = hlr_arena_alloc(a, sizeof *st);
	st->key = t->scale[e].key;
	st->label = t->scale[e].label;
	st->cls = t->scale[e].cls;
	st->rank = e;
	st->dimension = dims ? dim : NULL;
	st->decl = f;
	st->report = r;
	if (colon) {
		size_t rs = head + 1;
		while (rs < n && blank(s[rs]))
			rs++;
		if (rs == n) {
			hlr_diag(d, HLR_ERROR, HLR_C_INVALID_STATUS, f->src, sub(f, head, 1),
			         "':' after a status must be followed by a reason");
			return NULL;
		}
		st->reason = hlr_arena_strndup(a, s + rs, n - rs);
	}
	return st;
}

/* The node's own status line (the first; a second is an error). */
static struct hlr_status *own_status(struct hlr_arena *a, struct hlr_diags *d,
                                     const struct hlr_track *t, struct hlr_report *r,
                                     struct hlr_node *n)
{
	struct hlr_node *first = NULL;
	struct hlr_status *st = NULL;
	for (struct hlr_node *f = n->fields; f; f = f->next) {
		if (!hlr_span_eq(f->src, f->key, "status"))
			continue;
		if (first) {
			size_t k = hlr_diag(d, HLR_ERROR, HLR_C_DUPLICATE_STATUS, f->src, f->key,
			                    "this %s has a status already", hlr_node_kind_name(n->kind));
			hlr_diag_note(d, k, first->src, first->span, "given here");
			continue;
		}
		first = f;
		st = read_status(a, d, t, r, f, false);
	}
	return st;
}

static void header_statuses(struct hlr_arena *a, struct hlr_diags *d, struct hlr_track *t,
                            struct hlr_report *r)
{
	struct hlr_status **by = hlr_arena_alloc(a, (t->ndims + 1) * sizeof *by);
	struct hlr_node **line = hlr_arena_alloc(a, (t->ndims + 1) * sizeof *line);
	for (unsigned i = 0; i < t->nstatus_lines; i++) {
		struct hlr_node *f = t->status_lines[i];
		if (!f->text.len)
			continue; /* missing-value, reported by the resolver */
		struct hlr_status *st = read_status(a, d, t, r, f, true);
		if (!st)
			continue;
		unsigned slot = 0;
		while (slot < t->ndims && strcmp(t->dims[slot], st->dimension))
			slot++;
		slot = slot < t->ndims ? slot + 1 : 0;
		if (by[slot]) {
			size_t k = hlr_diag(d, HLR_ERROR, HLR_C_DUPLICATE_STATUS, f->src, f->span,
			                    "the report has a status for '%s' already", st->dimension);
			hlr_diag_note(d, k, line[slot]->src, line[slot]->span, "given here");
			continue;
		}
		by[slot] = st;
		line[slot] = f;
	}
	t->statuses = hlr_arena_alloc(a, (t->ndims + 1) * sizeof *t->statuses);
	for (unsigned i = 0; i <= t->ndims; i++)
		if (by[i])
			t->statuses[t->nstatuses++] = by[i];
}

static const struct hlr_status *prev_dimension(const struct hlr_report *p, const char *dim)
{
	if (!p || !p->track)
		return NULL;
	for (unsigned i = 0; i < p->track->nstatuses; i++)
		if (!strcmp(p->track->statuses[i]->dimension, dim))
			return p->track->statuses[i];
	return NULL;
}

void hlr_track_resolve(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r)
{
	struct hlr_track *t = r->track;
	const struct hlr_report *p = r->previous && r->previous->state == 2 ? r->previous : NULL;
	bool any = t != NULL || (p && p->track);
	for (struct hlr_node *n = r->root->first; n && !any; n = hlr_node_next(n))
		any = n->fields != NULL || n->status != NULL;
	if (!any)
		return;
	t = hlr_track_of(a, r);
	set_default_scale(a, t);
	header_statuses(a, d, t, r);
	for (unsigned i = 0; i < t->nstatuses; i++)
		t->statuses[i]->prev = prev_dimension(p, t->statuses[i]->dimension);
	if (t->nstatuses)
		t->used = true;
	for (struct hlr_node *n = r->root->first; n; n = hlr_node_next(n)) {
		if (n->kind == HLR_NODE_SECTION) {
			struct hlr_status *st = own_status(a, d, t, r, n);
			const struct hlr_node *ps = p ? hlr_report_section(p, n) : NULL;
			if (!st && ps && ps->status) {
				/* 'unchanged' alone carries the section's status with it */
				for (const struct hlr_node *c = n->first; c; c = c->next)
					if (c->kind == HLR_NODE_UNCHANGED && !c->text.len &&
					    (c->since || hlr_report_section(p, n))) {
						st = hlr_arena_alloc(a, sizeof *st);
						*st = *ps->status;
						st->carried = true;
						st->report = r;
					}
			}
			if (st) {
				st->prev = ps ? ps->status : NULL;
				n->status = st;
				t->used = true;
			}
		} else if (n->kind == HLR_NODE_ITEM) {
			struct hlr_status *st = NULL;
			if ((n->origin == r || !n->origin) && !n->standing) {
				st = own_status(a, d, t, r, n);
				if (st && p && !hlr_span_empty(n->id)) {
					const struct hlr_node *pi = hlr_report_find_id(
						p, hlr_span_ptr(n->src, n->id), hlr_span_len(n->id));
					if (pi && pi->kind == HLR_NODE_ITEM)
						st->prev = pi->status;
				}
			} else if (n->status) {
				/* carried: the same status, compared with the report it came from */
				st = hlr_arena_alloc(a, sizeof *st);
				*st = *n->status;
				st->prev = n->status;
				st->report = r;
			}
			n->status = st;
			if (st)
				t->used = true;
		}
	}
	hlr_metrics_resolve(a, d, r);
}

/* --- lowered ------------------------------------------------------------- */

void hlr_status_phrase(struct hlr_buf *b, const struct hlr_status *s)
{
	hlr_buf_puts(b, s->label);
	if (s->prev && strcmp(s->prev->key, s->key))
		hlr_buf_printf(b, " (was %s)", s->prev->label);
}

static const char *change_of(const struct hlr_status *now, const struct hlr_status *was)
{
	if (!now)
		return "Not given";
	if (!was)
		return "New";
	if (!strcmp(now->key, was->key))
		return "No change";
	return now->rank > was->rank ? "Better" : "Worse";
}

const struct hlr_ltrack *hlr_lower_track(struct hlr_arena *a, const struct hlr_report *r,
                                         int view)
{
	const struct hlr_track *t = r->track;
	if (!t || !t->used)
		return NULL;
	struct hlr_ltrack *lt = hlr_arena_alloc(a, sizeof *lt);
	lt->this_period = r->period.label;
	const struct hlr_report *p = r->previous;
	if (p && p->has_period)
		lt->last_period = p->period.label;
	/* a row for each dimension this report or the last one gives */
	const struct hlr_track *pt = p ? p->track : NULL;
	lt->rows = hlr_arena_alloc(a, (t->ndims + 1) * sizeof *lt->rows);
	for (unsigned i = 0; i <= t->ndims; i++) {
		const char *dim = i ? t->dims[i - 1] : "overall";
		const struct hlr_status *now = NULL, *was = NULL;
		for (unsigned k = 0; k < t->nstatuses; k++)
			if (!strcmp(t->statuses[k]->dimension, dim))
				now = t->statuses[k];
		was = now ? now->prev : NULL;
		for (unsigned k = 0; pt && !now && k < pt->nstatuses; k++)
			if (!strcmp(pt->statuses[k]->dimension, dim))
				was = pt->statuses[k];
		if (!now && !was)
			continue;
		struct hlr_lstatus_row *row = &lt->rows[lt->nrows++];
		row->key = dim;
		row->dimension = label_of(a, dim, strlen(dim));
		row->now = now;
		row->was = was;
		row->change = change_of(now, was);
	}
	hlr_lower_metrics(a, r, view, lt);
	return lt;
}
