/* compiler: queries over the resolved model, for editors (hlrc.h: outline,
 * series symbols, the symbol at a position, references, completion). They
 * read a generation the workspace has built (hlrc.c, hlr_query_run) and
 * copy what they find into a list of their own; nothing is parsed again. */
#include "compiler/ast.h"
#include "compiler/hlrc.h"
#include "compiler/hlrc_impl.h"
#include "compiler/inline.h"
#include "compiler/resolve.h"
#include "compiler/series.h"
#include "compiler/tools.h"
#include "compiler/track.h"
#include "runtime/arena.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hlrc_symbols {
	struct hlr_arena arena;     /* owns the strings */
	struct hlrc_symbol *v;      /* malloc'd */
	size_t n, cap;
};

size_t hlrc_symbols_get(const hlrc_symbols *s, const struct hlrc_symbol **v)
{
	*v = s->v;
	return s->n;
}

void hlrc_symbols_free(hlrc_symbols *s)
{
	if (!s)
		return;
	hlr_arena_free(&s->arena);
	free(s->v);
	free(s);
}

static hlrc_symbols *symbols_new(void)
{
	hlrc_symbols *s = calloc(1, sizeof *s);
	if (s)
		hlr_arena_init(&s->arena);
	return s;
}

static char *sdup(hlrc_symbols *s, const char *p, size_t n)
{
	return hlr_arena_strndup(&s->arena, p ? p : "", p ? n : 0);
}

static struct hlrc_symbol *push(hlrc_symbols *s, enum hlrc_symbol_kind kind)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		s->v = hlr_xrealloc(s->v, cap * sizeof *s->v);
		s->cap = cap;
	}
	struct hlrc_symbol *y = &s->v[s->n++];
	memset(y, 0, sizeof *y);
	y->kind = kind;
	y->name = "";
	y->parent = -1;
	return y;
}

/* The period of r as a header writes it, or NULL. */
static const char *period_of(hlrc_symbols *s, const struct hlr_report *r)
{
	if (!r || !r->has_period)
		return NULL;
	char value[48], name[32];
	hlr_new_period_text(&r->period, value, name);
	return sdup(s, value, strlen(value));
}

static const char *text_of(hlrc_symbols *s, const struct hlr_text *t)
{
	return t->s ? sdup(s, t->s, t->len) : NULL;
}

static enum hlrc_symbol_kind kind_of(enum hlr_node_kind k)
{
	switch (k) {
	case HLR_NODE_FIELD: return HLRC_SYMBOL_FIELD;
	case HLR_NODE_PART: return HLRC_SYMBOL_PART;
	case HLR_NODE_SECTION: return HLRC_SYMBOL_SECTION;
	case HLR_NODE_ITEM: return HLRC_SYMBOL_ITEM;
	case HLR_NODE_PARA: return HLRC_SYMBOL_PARAGRAPH;
	case HLR_NODE_NONE: return HLRC_SYMBOL_NONE;
	case HLR_NODE_UNCHANGED: return HLRC_SYMBOL_UNCHANGED;
	case HLR_NODE_COMMENT: return HLRC_SYMBOL_COMMENT;
	case HLR_NODE_SUBHEAD: return HLRC_SYMBOL_SUBHEADING;
	case HLR_NODE_TABLE: return HLRC_SYMBOL_TABLE;
	case HLR_NODE_ROW: return HLRC_SYMBOL_ROW;
	case HLR_NODE_CLOSE: return HLRC_SYMBOL_PARAGRAPH;
	case HLR_NODE_REPORT: break;
	}
	return HLRC_SYMBOL_REPORT;
}

/* The bytes that name node n: its id, a section's keyword, a field's name. */
static struct hlr_span name_span(const struct hlr_node *n)
{
	if (!hlr_span_empty(n->id))
		return n->id;
	if (n->kind == HLR_NODE_SECTION || n->kind == HLR_NODE_FIELD)
		return n->key;
	return hlr_span_make(n->span.start, n->span.start);
}

/* A symbol for node n of report r. */
static struct hlrc_symbol *node_symbol(hlrc_symbols *s, const struct hlr_node *n,
                                       const struct hlr_report *r)
{
	struct hlrc_symbol *y = push(s, kind_of(n->kind));
	struct hlr_span ns = name_span(n);
	y->path = n->src->path;
	y->start = n->span.start;
	y->end = n->span.end;
	y->name_start = ns.start;
	y->name_end = ns.end;
	y->name = sdup(s, n->src->data + ns.start, hlr_span_len(ns));
	switch (n->kind) {
	case HLR_NODE_SECTION:
		y->detail = n->title ? sdup(s, n->title, strlen(n->title)) : NULL;
		break;
	case HLR_NODE_PART:
	case HLR_NODE_SUBHEAD:
	case HLR_NODE_TABLE:
		y->name = text_of(s, &n->text);
		if (!y->name)
			y->name = "";
		break;
	case HLR_NODE_UNCHANGED: {
		struct hlr_buf b = HLR_BUF_INIT;
		for (const struct hlr_node *k = n->first; k; k = k->next) {
			if (!k->text.s)
				continue;
			if (b.len)
				hlr_buf_putc(&b, '\n');
			if (k->kind == HLR_NODE_ITEM)
				hlr_buf_puts(&b, "- ");
			hlr_buf_put(&b, k->text.s, k->text.len);
		}
		y->detail = b.len ? sdup(s, b.data, b.len) : NULL;
		hlr_buf_free(&b);
		break;
	}
	default:
		y->detail = text_of(s, &n->text);
		break;
	}
	y->period = period_of(s, n->origin ? n->origin : r);
	return y;
}

/* --- outline ------------------------------------------------------------- */

struct q {
	hlrc_symbols *s;
	size_t offset;
};

static int outline(void *ctx, const struct hlr_query_target *t)
{
	struct q *q = ctx;
	const struct hlr_report *r = t->report;
	if (!r)
		return HLRC_OK;
	/* the index of each open node's symbol, by depth in the tree */
	long stack[HLR_MAX_DEPTH + 8];
	const struct hlr_node *nodes[HLR_MAX_DEPTH + 8];
	size_t top = 0;
	for (struct hlr_node *n = r->root->first; n; n = hlr_node_next(n)) {
		if (n->src != r->src)
			continue; /* carried from another report */
		while (top && n->parent != nodes[top - 1] && top--)
			;
		struct hlrc_symbol *y = node_symbol(q->s, n, r);
		y->parent = top ? stack[top - 1] : -1;
		if (n->first && top < sizeof stack / sizeof *stack) {
			stack[top] = (long)(q->s->n - 1);
			nodes[top++] = n;
		}
	}
	/* a section's span is its line: it holds what follows it too */
	for (size_t i = q->s->n; i-- > 0;) {
		struct hlrc_symbol *y = &q->s->v[i];
		if (y->parent >= 0 && q->s->v[y->parent].end < y->end)
			q->s->v[y->parent].end = y->end;
	}
	return HLRC_OK;
}

/* Runs fn on path's target into a new list. */
static int run(hlrc_workspace *ws, const char *path, size_t offset,
               int (*fn)(void *, const struct hlr_query_target *), hlrc_symbols **out)
{
	*out = NULL;
	struct q q = {symbols_new(), offset};
	if (!q.s)
		return HLRC_NOMEM;
	int rc = hlr_query_run(ws, path, fn, &q);
	if (rc == HLRC_NOMEM) {
		hlrc_symbols_free(q.s);
		return rc;
	}
	*out = q.s;
	return HLRC_OK;
}

int hlrc_outline(hlrc_workspace *ws, const char *path, hlrc_symbols **out)
{
	return run(ws, path, 0, outline, out);
}

/* --- series symbols -------------------------------------------------------- */

static void report_symbol(hlrc_symbols *s, const struct hlr_report *r)
{
	struct hlrc_symbol *y = push(s, HLRC_SYMBOL_REPORT);
	y->name = sdup(s, r->name, strlen(r->name));
	y->path = r->src->path;
	y->start = y->name_start = y->name_end = r->src->bom;
	y->end = r->src->len;
	y->period = period_of(s, r);
	y->detail = y->period;
}

static int series_symbols(void *ctx, const struct hlr_query_target *t)
{
	struct q *q = ctx;
	for (size_t i = 0; i < t->n; i++) {
		const struct hlr_report *r = t->reports[i];
		report_symbol(q->s, r);
		long parent = (long)q->s->n - 1;
		for (size_t k = 0; k < r->nids; k++) {
			const struct hlr_node *n = r->ids[k];
			if (n->src != r->src || hlr_span_empty(n->id))
				continue;
			node_symbol(q->s, n, r)->parent = parent;
		}
	}
	return HLRC_OK;
}

int hlrc_series_symbols(hlrc_workspace *ws, const char *path, hlrc_symbols **out)
{
	return run(ws, path, 0, series_symbols, out);
}

/* --- references in the text ---------------------------------------------- */

/* A reference "^target" found in a report's own text. */
struct ref_at {
	const struct hlr_report *in;   /* the report it is written in */
	const struct hlr_node *node;   /* the item or paragraph */
	const struct hlr_ref *ref;     /* what it resolved to, or NULL */
	struct hlr_span span;          /* "^target" in the source */
};

struct refs_walk {
	const struct hlr_node *n;
	unsigned seg;
	size_t off;
	void (*fn)(const struct ref_at *ra, void *ctx);
	void *ctx;
	const struct hlr_report *r;
};

/* Where "^target" (url[0..n)) is written in the node's text, from the
 * previous one on (links come in text order), as the resolver finds it. */
static bool ref_span(struct refs_walk *w, const char *url, size_t n, struct hlr_span *out)
{
	const struct hlr_text *t = &w->n->text;
	for (unsigned i = w->seg; i < t->nsegs; i++) {
		const char *s = t->src_data + t->segs[i].src;
		size_t len = t->segs[i].len;
		for (size_t k = i == w->seg ? w->off : 0; k + n <= len; k++) {
			const char *p = memchr(s + k, '^', len - k);
			if (!p || (size_t)(p - s) + n > len)
				break;
			k = (size_t)(p - s);
			if (!memcmp(p, url, n)) {
				w->seg = i;
				w->off = k + n;
				uint32_t at = t->segs[i].src + (uint32_t)k;
				*out = hlr_span_make(at, at + (uint32_t)n);
				return true;
			}
		}
	}
	return false;
}

static void each_link(struct hlr_inline *link, void *ctx)
{
	struct refs_walk *w = ctx;
	struct ref_at ra = {w->r, w->n, link->ref, {0, 0}};
	if (ref_span(w, link->lit, link->len, &ra.span))
		w->fn(&ra, w->ctx);
}

/* Calls fn for every reference written in r's own text. */
static void each_ref(const struct hlr_report *r, void (*fn)(const struct ref_at *, void *),
                     void *ctx)
{
	for (struct hlr_node *n = r->root->first; n; n = hlr_node_next(n)) {
		if (n->src != r->src || !n->inl)
			continue;
		struct refs_walk w = {n, 0, 0, fn, ctx, r};
		hlr_inline_each_ref((struct hlr_inline *)n->inl, each_link, &w);
	}
}

/* --- the symbol at a position -------------------------------------------- */

static bool within(struct hlr_span s, size_t off)
{
	return off >= s.start && off <= s.end && s.end > s.start;
}

struct find_ref {
	size_t offset;
	struct ref_at found;
	bool ok;
};

static void find_ref_at(const struct ref_at *ra, void *ctx)
{
	struct find_ref *f = ctx;
	if (!f->ok && within(ra->span, f->offset)) {
		f->found = *ra;
		f->ok = true;
	}
}

/* The innermost node of r's own text whose span holds offset. */
static const struct hlr_node *node_at(const struct hlr_report *r, size_t offset)
{
	const struct hlr_node *best = NULL;
	for (struct hlr_node *n = r->root->first; n; n = hlr_node_next(n))
		if (n->src == r->src && offset >= n->span.start && offset <= n->span.end &&
		    n->span.end > n->span.start)
			best = n;
	return best;
}

/* The tag of node n at offset, or NULL. */
static const struct hlr_tagref *tag_at(const struct hlr_node *n, size_t offset)
{
	for (unsigned i = 0; i < n->ntags; i++)
		if (!n->tags[i].name && offset + 1 >= n->tags[i].span.start &&
		    offset <= n->tags[i].span.end)
			return &n->tags[i];
	return NULL;
}

/* The report a tag is declared in for r: r's own header, else series.hlr. */
static const struct hlr_authority *authority_of(const struct hlr_report *r, int k)
{
	return k >= 0 && (unsigned)k < r->nauthorities ? &r->authorities[k] : NULL;
}

/* The node an 'unchanged' line u of r points at: the section it carries,
 * or with "#id" the item. */
static const struct hlr_node *unchanged_target(const struct hlr_report *r, const struct hlr_node *u)
{
	const struct hlr_report *prev = r->previous;
	if (!prev)
		return NULL;
	if (u->text.len && u->text.s[0] == '#')
		return hlr_report_find_id(prev, u->text.s + 1, u->text.len - 1);
	const struct hlr_node *sec = u->parent;
	if (!sec || sec->kind != HLR_NODE_SECTION)
		return NULL;
	return hlr_report_section(prev, sec); /* the same part/keyword */
}

static void ref_symbol(hlrc_symbols *s, const struct ref_at *ra)
{
	struct hlrc_symbol *y = push(s, HLRC_SYMBOL_REFERENCE);
	y->path = ra->in->src->path;
	y->start = ra->span.start;
	y->end = ra->span.end;
	y->name = sdup(s, ra->in->src->data + ra->span.start + 1, hlr_span_len(ra->span) - 1);
	const char *hash = memchr(y->name, '#', strlen(y->name));
	y->name_start = hash ? ra->span.start + 1 + (size_t)(hash - y->name) + 1 : ra->span.end;
	y->name_end = ra->span.end;
	y->period = period_of(s, ra->in);
}

/* The target of reference ra: its item or section, or its report. */
static void ref_target(hlrc_symbols *s, const struct ref_at *ra)
{
	const struct hlr_ref *ref = ra->ref;
	if (!ref || !ref->report)
		return;
	const struct hlr_node *n =
		ref->anchor ? hlr_report_find_id(ref->report, ref->anchor, strlen(ref->anchor)) : NULL;
	if (n)
		node_symbol(s, n, ref->report);
	else
		report_symbol(s, ref->report);
}

static int symbol_at(void *ctx, const struct hlr_query_target *t)
{
	struct q *q = ctx;
	const struct hlr_report *r = t->report;
	if (!r)
		return HLRC_OK;
	struct find_ref f = {q->offset, {0}, false};
	each_ref(r, find_ref_at, &f);
	if (f.ok) {
		ref_symbol(q->s, &f.found);
		ref_target(q->s, &f.found);
		return HLRC_OK;
	}
	const struct hlr_node *n = node_at(r, q->offset);
	if (!n)
		return HLRC_OK;
	const struct hlr_tagref *tg = tag_at(n, q->offset);
	if (tg) {
		struct hlrc_symbol *y = push(q->s, HLRC_SYMBOL_TAG);
		y->path = n->src->path;
		y->start = y->name_start = tg->span.start;
		y->end = y->name_end = tg->span.end;
		y->name = sdup(q->s, n->src->data + tg->span.start, hlr_span_len(tg->span));
		const struct hlr_authority *au = authority_of(r, tg->authority);
		if (au) {
			y->detail = sdup(q->s, au->name, strlen(au->name));
			struct hlrc_symbol *d = push(q->s, HLRC_SYMBOL_FIELD);
			d->path = au->decl->src->path;
			d->start = au->decl->span.start;
			d->end = au->decl->span.end;
			d->name_start = au->tag_span.start;
			d->name_end = au->tag_span.end;
			d->name = sdup(q->s, au->tag, strlen(au->tag));
			d->detail = y->detail;
		}
		return HLRC_OK;
	}
	if (!hlr_span_empty(n->id) && within(n->id, q->offset)) {
		struct hlrc_symbol *y = node_symbol(q->s, n, r);
		y->kind = HLRC_SYMBOL_ID;
		return HLRC_OK;
	}
	struct hlrc_symbol *y = node_symbol(q->s, n, r);
	if (n->kind == HLR_NODE_UNCHANGED) {
		const struct hlr_node *to = unchanged_target(r, n);
		if (to) {
			node_symbol(q->s, to, r->previous);
			/* where its text was written, when further back */
			for (const struct hlr_node *k = n->first; k; k = k->next)
				if (k->src != to->src)
					node_symbol(q->s, k, k->origin);
		}
	} else if (n->kind == HLR_NODE_FIELD && hlr_span_eq(n->src, n->key, "previous") &&
	           r->previous) {
		report_symbol(q->s, r->previous);
	}
	(void)y;
	return HLRC_OK;
}

int hlrc_symbol_at(hlrc_workspace *ws, const char *path, size_t offset, hlrc_symbols **out)
{
	return run(ws, path, offset, symbol_at, out);
}

/* --- references ------------------------------------------------------------- */

struct refs_to {
	hlrc_symbols *s;
	const struct hlr_report *report; /* the report the id is in */
	const char *id;
	size_t len;
};

static void ref_to(const struct ref_at *ra, void *ctx)
{
	struct refs_to *w = ctx;
	if (ra->ref && ra->ref->report == w->report && ra->ref->anchor &&
	    strlen(ra->ref->anchor) == w->len && !memcmp(ra->ref->anchor, w->id, w->len))
		ref_symbol(w->s, ra);
}

static int references(void *ctx, const struct hlr_query_target *t)
{
	struct q *q = ctx;
	const struct hlr_report *r = t->report;
	if (!r)
		return HLRC_OK;
	const struct hlr_report *in = NULL;
	const struct hlr_node *def = NULL;
	struct find_ref f = {q->offset, {0}, false};
	each_ref(r, find_ref_at, &f);
	if (f.ok) {
		if (f.found.ref && f.found.ref->anchor) {
			in = f.found.ref->report;
			def = hlr_report_find_id(in, f.found.ref->anchor, strlen(f.found.ref->anchor));
		}
	} else {
		const struct hlr_node *n = node_at(r, q->offset);
		if (n && !hlr_span_empty(n->id) && within(n->id, q->offset)) {
			in = r;
			def = n;
		} else if (n && n->kind == HLR_NODE_UNCHANGED && n->text.len && n->text.s[0] == '#') {
			in = r->previous;
			def = unchanged_target(r, n);
		}
	}
	if (!def || def->src != in->src || hlr_span_empty(def->id))
		return HLRC_OK;
	node_symbol(q->s, def, in)->kind = HLRC_SYMBOL_ID;
	struct refs_to w = {q->s, in, def->src->data + def->id.start, hlr_span_len(def->id)};
	for (size_t i = 0; i < t->n; i++) {
		const struct hlr_report *o = t->reports[i];
		each_ref(o, ref_to, &w);
		if (o->previous != in)
			continue;
		for (struct hlr_node *n = o->root->first; n; n = hlr_node_next(n)) {
			if (n->src != o->src || n->kind != HLR_NODE_UNCHANGED || n->text.len != w.len + 1 ||
			    n->text.s[0] != '#' || memcmp(n->text.s + 1, w.id, w.len))
				continue;
			struct hlrc_symbol *y = node_symbol(q->s, n, o);
			uint32_t at = hlr_text_source_offset(&n->text, 1);
			y->name_start = at;
			y->name_end = at + w.len;
			y->name = sdup(q->s, w.id, w.len);
		}
	}
	return HLRC_OK;
}

int hlrc_references(hlrc_workspace *ws, const char *path, size_t offset, hlrc_symbols **out)
{
	return run(ws, path, offset, references, out);
}

/* --- completion ------------------------------------------------------------- */

static struct hlrc_symbol *cand(hlrc_symbols *s, enum hlrc_symbol_kind k, const char *name,
                                const char *detail, size_t start, size_t end)
{
	struct hlrc_symbol *y = push(s, k);
	y->name = sdup(s, name, strlen(name));
	y->detail = detail ? sdup(s, detail, strlen(detail)) : NULL;
	y->start = y->name_start = start;
	y->end = y->name_end = end;
	return y;
}

static bool word_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '-' || ch == '_' || ch == '.' || ch == '/';
}

/* The ids of report o, as candidates replacing [start, end). */
static void id_cands(hlrc_symbols *s, const struct hlr_report *o, size_t start, size_t end,
                     bool items)
{
	for (size_t i = 0; o && i < o->nids; i++) {
		const struct hlr_node *n = o->ids[i];
		if (items && (n->kind == HLR_NODE_SECTION || n->kind == HLR_NODE_PART))
			continue;
		struct hlr_span ns = name_span(n);
		char *name = n->kind == HLR_NODE_SECTION && hlr_span_empty(n->id) && n->address
		                     ? sdup(s, n->address, strlen(n->address)) /* "part/keyword" */
		                     : sdup(s, n->src->data + ns.start, hlr_span_len(ns));
		const char *detail = n->kind == HLR_NODE_SECTION ? n->title : text_of(s, &n->text);
		struct hlrc_symbol *y = cand(s, HLRC_SYMBOL_ID, name, detail, start, end);
		y->path = n->src->path;
		y->period = period_of(s, n->origin ? n->origin : o);
	}
}

/* The report a reference's base names from r ("previous", a file name,
 * a period as the file names it), or NULL. */
static const struct hlr_report *ref_base(const struct hlr_query_target *t,
                                         const struct hlr_report *r, const char *b, size_t n)
{
	if (n == 8 && !memcmp(b, "previous", 8))
		return r->previous;
	if (n > 4 && !memcmp(b + n - 4, ".hlr", 4))
		n -= 4;
	for (size_t i = 0; i < t->n; i++) {
		const struct hlr_report *o = t->reports[i];
		if (strlen(o->name) == n && !memcmp(o->name, b, n))
			return o;
		char value[48], name[32];
		if (o->has_period) {
			hlr_new_period_text(&o->period, value, name);
			if (strlen(name) == n && !memcmp(name, b, n))
				return o;
		}
	}
	return NULL;
}

static bool earlier(const struct hlr_report *o, const struct hlr_report *r)
{
	return o != r && o->has_period && r->has_period &&
	       hlr_date_cmp(o->period.end, r->period.end) < 0;
}

/* After "status": the words of r's scale (its declared one, or the default
 * red amber green), each with its label; with dims (the first word of a
 * header's status line), the declared dimensions too. After a dimension
 * (dim, a header's second word), the scale; after a value, nothing. */
static void status_cands(hlrc_symbols *s, const struct hlr_report *r, bool dims, const char *dim,
                         size_t dimn, size_t words, size_t start, size_t end)
{
	static const char *const defaults[][2] = {{"red", "Red"}, {"amber", "Amber"}, {"green", "Green"}};
	const struct hlr_track *t = r->track;
	bool after_dim = false;
	for (unsigned i = 0; t && dim && i < t->ndims; i++)
		after_dim = after_dim || (strlen(t->dims[i]) == dimn && !memcmp(t->dims[i], dim, dimn));
	if (words > 1 || (words == 1 && !after_dim))
		return;
	if (t && t->nscale)
		for (unsigned i = 0; i < t->nscale; i++)
			cand(s, HLRC_SYMBOL_STATUS, t->scale[i].key, t->scale[i].label, start, end);
	else
		for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++)
			cand(s, HLRC_SYMBOL_STATUS, defaults[i][0], defaults[i][1], start, end);
	for (unsigned i = 0; dims && t && i < t->ndims; i++)
		cand(s, HLRC_SYMBOL_DIMENSION, t->dims[i], NULL, start, end);
}

static int complete(void *ctx, const struct hlr_query_target *t)
{
	struct q *q = ctx;
	const struct hlr_report *r = t->report;
	if (!r)
		return HLRC_OK;
	const char *text = r->src->data;
	size_t off = q->offset > r->src->len ? r->src->len : q->offset;
	size_t ls = off;
	while (ls > 0 && text[ls - 1] != '\n')
		ls--;
	size_t ws = off; /* start of the word being written */
	while (ws > ls && word_char(text[ws - 1]))
		ws--;
	size_t we = off;
	while (we < r->src->len && word_char(text[we]))
		we++;
	const char *line = text + ls;
	size_t before = off - ls;
	/* "== keyword" */
	if (before >= 2 && line[0] == '=' && line[1] == '=' && ws - ls <= 3 &&
	    (ws - ls == 2 || line[2] == ' ')) {
		for (unsigned i = 0; i < r->nsections; i++)
			cand(q->s, HLRC_SYMBOL_KEYWORD, r->sections[i]->keyword, r->sections[i]->heading, ws,
			     we);
		for (size_t i = 0; i < hlr_catalog_len; i++)
			cand(q->s, HLRC_SYMBOL_KEYWORD, hlr_catalog[i].keyword, hlr_catalog[i].heading, ws,
			     we);
		return HLRC_OK;
	}
	/* "@TAG" */
	if (ws > ls && text[ws - 1] == '@') {
		for (unsigned i = 0; i < r->nauthorities; i++)
			cand(q->s, HLRC_SYMBOL_TAG, r->authorities[i].tag, r->authorities[i].name, ws, we);
		return HLRC_OK;
	}
	/* "^BASE#id", "^BASE", "unchanged #id" */
	size_t h = ws;
	if (h > ls && text[h - 1] == '#') {
		size_t b = h - 1;
		while (b > ls && text[b - 1] != '^' && text[b - 1] != '(' && text[b - 1] != ' ')
			b--;
		if (b > ls && text[b - 1] == '^') {
			const struct hlr_report *o = ref_base(t, r, text + b, h - 1 - b);
			if (o && earlier(o, r))
				id_cands(q->s, o, ws, we, false);
			return HLRC_OK;
		}
		if (b - ls >= 10 && !memcmp(text + b - 10, "unchanged ", 10)) {
			id_cands(q->s, r->previous, ws, we, true);
			return HLRC_OK;
		}
	}
	/* "](attachment:KEY" */
	if (ws - ls >= 13 && !memcmp(text + ws - 13, "](attachment:", 13)) {
		for (unsigned i = 0; i < r->nattachments; i++)
			cand(q->s, HLRC_SYMBOL_ATTACHMENT, r->attachments[i].key, r->attachments[i].title,
			     ws, we);
		return HLRC_OK;
	}
	if (ws > ls && text[ws - 1] == '^') {
		if (r->previous)
			cand(q->s, HLRC_SYMBOL_REPORT, "previous", period_of(q->s, r->previous), ws, we);
		for (size_t i = t->n; i-- > 0;)
			if (earlier(t->reports[i], r))
				cand(q->s, HLRC_SYMBOL_REPORT, t->reports[i]->name,
				     period_of(q->s, t->reports[i]), ws, we);
		return HLRC_OK;
	}
	/* "period VALUE": the next period of the cadence first */
	if (before >= 7 && !memcmp(line, "period ", 7) && ws > ls + 6) {
		size_t vs = ls + 6;
		while (vs < off && text[vs] == ' ')
			vs++;
		size_t ve = vs;
		while (ve < r->src->len && text[ve] != '\n')
			ve++;
		const struct hlr_report *last = NULL;
		for (size_t i = 0; i < t->n; i++)
			if (t->reports[i] != r && t->reports[i]->has_period)
				last = t->reports[i];
		if (last && last->cadence != HLR_CADENCE_NONE) {
			struct hlr_period p = last->period;
			for (int k = 0; k < 3; k++) {
				struct hlr_period nx;
				if (!hlr_period_after(&p, last->cadence, &nx))
					break;
				char value[48], name[32];
				hlr_new_period_text(&nx, value, name);
				cand(q->s, HLRC_SYMBOL_PERIOD, value, nx.label, vs, ve);
				p = nx;
			}
		}
		return HLRC_OK;
	}
	bool body = false;
	for (const struct hlr_node *n = r->root->first; n && !body; n = n->next)
		body = (n->kind == HLR_NODE_SECTION || n->kind == HLR_NODE_PART) && n->span.start < ls;
	/* "status [DIMENSION] VALUE": the scale, and in the header the
	 * dimensions before it */
	size_t ind = ls;
	while (ind < off && (text[ind] == ' ' || text[ind] == '\t'))
		ind++;
	if (ws >= ind + 7 && !memcmp(text + ind, "status", 6) &&
	    (text[ind + 6] == ' ' || text[ind + 6] == '\t')) {
		size_t words = 0; /* whole words between "status" and the word being written */
		const char *dim = NULL;
		size_t dimn = 0;
		for (size_t k = ind + 6; k < ws;) {
			while (k < ws && (text[k] == ' ' || text[k] == '\t'))
				k++;
			size_t e = k;
			while (e < ws && text[e] != ' ' && text[e] != '\t')
				e++;
			if (e > k) {
				words++;
				dim = text + k;
				dimn = e - k;
			}
			k = e;
		}
		status_cands(q->s, r, !body && ind == ls && words == 0, words == 1 ? dim : NULL,
		             dimn, words, ws, we);
		return HLRC_OK;
	}
	/* a metric key at the start of a line (or the first cell of a table
	 * row) in the metrics section */
	const struct hlr_node *sec = NULL;
	for (struct hlr_node *n = r->root->first; n; n = hlr_node_next(n)) {
		if (n->src != r->src)
			continue; /* carried from another report (a log's entries) */
		if (n->span.start > ls)
			break;
		if (n->kind == HLR_NODE_SECTION)
			sec = n;
	}
	size_t cell = ls;
	if (cell < ws && text[cell] == '|') {
		cell++;
		while (cell < ws && text[cell] == ' ')
			cell++;
	}
	if (body && sec && ws == cell && hlr_span_len(sec->key) == strlen(HLR_METRICS_KEYWORD) &&
	    !memcmp(sec->src->data + sec->key.start, HLR_METRICS_KEYWORD,
	            strlen(HLR_METRICS_KEYWORD)) && r->track) {
		for (unsigned i = 0; i < r->track->nmetrics; i++)
			cand(q->s, HLRC_SYMBOL_METRIC, r->track->metrics[i]->key,
			     r->track->metrics[i]->label, ws, we);
		return HLRC_OK;
	}
	/* a header field at the start of a line before the body: built-in
	 * fields, then those the series declares */
	if (!body && ws == ls) {
		for (size_t i = 0; hlr_field_name(i); i++)
			cand(q->s, HLRC_SYMBOL_FIELD, hlr_field_name(i), NULL, ws, we);
		for (unsigned i = 0; i < r->nfielddefs; i++)
			if (r->fielddefs[i]->decl)
				cand(q->s, HLRC_SYMBOL_FIELD, r->fielddefs[i]->key, r->fielddefs[i]->label, ws,
				     we);
	}
	return HLRC_OK;
}

int hlrc_complete(hlrc_workspace *ws, const char *path, size_t offset, hlrc_symbols **out)
{
	return run(ws, path, offset, complete, out);
}


/* --- tokens -------------------------------------------------------------- */

/* A token over [start, end) of r's text, cut at the end of its line. */
static void token(hlrc_symbols *s, const struct hlr_report *r, enum hlrc_symbol_kind k,
                  size_t start, size_t end)
{
	const char *nl = memchr(r->src->data + start, '\n', end > start ? end - start : 0);
	if (nl)
		end = (size_t)(nl - r->src->data);
	while (end > start && (r->src->data[end - 1] == '\r' || r->src->data[end - 1] == ' ' ||
	                       r->src->data[end - 1] == '\t'))
		end--;
	if (end <= start)
		return;
	struct hlrc_symbol *y = push(s, k);
	y->path = r->src->path;
	y->start = y->name_start = start;
	y->end = y->name_end = end;
}

static void ref_token(const struct ref_at *ra, void *ctx)
{
	hlrc_symbols *s = ctx;
	token(s, ra->in, HLRC_SYMBOL_REFERENCE, ra->span.start, ra->span.end);
}

static int by_start(const void *pa, const void *pb)
{
	const struct hlrc_symbol *a = pa, *b = pb;
	return a->start < b->start ? -1 : a->start > b->start;
}

/* The first byte of word w (n bytes) at or after from on its line, or from. */
static size_t word_at(const struct hlr_report *r, size_t from, const char *w, size_t n)
{
	const char *p = r->src->data + from, *end = r->src->data + r->src->len;
	for (; p + n <= end && *p != '\n'; p++)
		if (!memcmp(p, w, n))
			return (size_t)(p - r->src->data);
	return from;
}

static int tokens(void *ctx, const struct hlr_query_target *t)
{
	struct q *q = ctx;
	const struct hlr_report *r = t->report;
	if (!r)
		return HLRC_OK;
	for (struct hlr_node *n = r->root->first; n; n = hlr_node_next(n)) {
		if (n->src != r->src)
			continue;
		switch (n->kind) {
		case HLR_NODE_COMMENT:
			token(q->s, r, HLRC_SYMBOL_COMMENT, n->span.start, n->span.end);
			break;
		case HLR_NODE_FIELD:
			token(q->s, r, HLRC_SYMBOL_FIELD, n->key.start, n->key.end);
			break;
		case HLR_NODE_PART:
			if (n->text.nsegs)
				token(q->s, r, HLRC_SYMBOL_PART, n->text.segs[0].src,
				      n->text.segs[0].src + n->text.segs[0].len);
			break;
		case HLR_NODE_SECTION:
			token(q->s, r, HLRC_SYMBOL_KEYWORD, n->key.start, n->key.end);
			if (n->heading.nsegs)
				token(q->s, r, HLRC_SYMBOL_SECTION, n->heading.segs[0].src,
				      n->heading.segs[0].src + n->heading.segs[0].len);
			break;
		case HLR_NODE_NONE: {
			size_t at = word_at(r, n->span.start, "none", 4);
			token(q->s, r, HLRC_SYMBOL_NONE, at, at + 4);
			break;
		}
		case HLR_NODE_UNCHANGED: {
			size_t at = word_at(r, n->span.start, "unchanged", 9);
			token(q->s, r, HLRC_SYMBOL_UNCHANGED, at, at + 9);
			if (n->text.len > 1 && n->text.s[0] == '#') {
				size_t id = hlr_text_source_offset(&n->text, 1);
				token(q->s, r, HLRC_SYMBOL_ID, id, id + n->text.len - 1);
			}
			break;
		}
		default:
			break;
		}
		for (unsigned i = 0; i < n->ntags; i++)
			if (!n->tags[i].name && n->tags[i].span.start > 0)
				token(q->s, r, HLRC_SYMBOL_TAG, n->tags[i].span.start - 1, n->tags[i].span.end);
		if (!hlr_span_empty(n->id))
			token(q->s, r, HLRC_SYMBOL_ID, n->id.start, n->id.end);
	}
	for (unsigned i = 0; i < r->nauthorities; i++)
		if (r->authorities[i].decl && r->authorities[i].decl->src == r->src)
			token(q->s, r, HLRC_SYMBOL_TAG, r->authorities[i].tag_span.start,
			      r->authorities[i].tag_span.end);
	each_ref(r, ref_token, q->s);
	if (q->s->n > 1)
		qsort(q->s->v, q->s->n, sizeof *q->s->v, by_start);
	return HLRC_OK;
}

int hlrc_tokens(hlrc_workspace *ws, const char *path, hlrc_symbols **out)
{
	return run(ws, path, 0, tokens, out);
}

/* --- texts ----------------------------------------------------------------- */

struct text_q {
	const char *data;
	size_t len;
};

static int text_of_target(void *ctx, const struct hlr_query_target *t)
{
	struct text_q *x = ctx;
	if (t->report) {
		x->data = t->report->src->data;
		x->len = t->report->src->len;
	}
	return HLRC_OK;
}

const char *hlrc_text(hlrc_workspace *ws, const char *path, size_t *len)
{
	struct text_q x = {NULL, 0};
	if (hlr_query_run(ws, path, text_of_target, &x) != HLRC_OK)
		return NULL;
	*len = x.len;
	return x.data;
}
