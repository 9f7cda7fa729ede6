/* compiler: logs (see log.h). */
#include "compiler/log.h"
#include "compiler/diag.h"
#include "compiler/profile.h"
#include "compiler/resolve.h"
#include "compiler/series.h"
#include "compiler/track.h"
#include "runtime/buf.h"

#include <stdio.h>
#include <string.h>

static const char *const builtin_logs[] = {"risks", "issues", "actions", "decisions", "changes"};
static const char *const entry_keys[] = {"owner", "due", "state"};

/* A close recorded for the reports after it: where an id was closed. */
struct closed_rec {
	const struct hlr_report *report;
	struct hlr_node *at;   /* the close line, or the item with a closed state */
	size_t index;          /* the report's index in its series */
};

static bool word_eq(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && !memcmp(s, w, n);
}

static bool blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Each word of a declaration line in turn: *at moves past it. */
static size_t next_word(const char *s, size_t n, size_t *at)
{
	size_t i = *at;
	while (i < n && blank(s[i]))
		i++;
	size_t w = i;
	while (i < n && !blank(s[i]))
		i++;
	*at = i;
	return i - w;
}

bool hlr_log_keyword(const struct hlr_report *r, const char *kw, size_t n)
{
	for (size_t i = 0; i < sizeof builtin_logs / sizeof builtin_logs[0]; i++)
		if (word_eq(kw, n, builtin_logs[i]))
			return true;
	for (unsigned i = 0; r && i < r->nlogdecls; i++) {
		const struct hlr_node *f = r->logdecls[i];
		if (!hlr_span_eq(f->src, f->key, "log") || !f->text.s)
			continue;
		size_t at = 0, w;
		while ((w = next_word(f->text.s, f->text.len, &at)) > 0)
			if (w == n && !memcmp(f->text.s + at - w, kw, n))
				return true;
	}
	return false;
}

static struct hlr_span text_span(const struct hlr_node *f, size_t off, size_t len)
{
	uint32_t at = hlr_text_source_offset(&f->text, off);
	return hlr_span_make(at, at + (uint32_t)len);
}

void hlr_log_check_decls(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r)
{
	(void)a;
	for (unsigned i = 0; i < r->nlogdecls; i++) {
		struct hlr_node *f = r->logdecls[i];
		if (f->src != r->src || !f->text.s)
			continue;
		const char *s = f->text.s;
		size_t n = f->text.len, at = 0, w;
		if (hlr_span_eq(f->src, f->key, "log")) {
			while ((w = next_word(s, n, &at)) > 0) {
				const char *kw = s + at - w;
				if (hlr_strmap_get(&r->sectionmap, kw, w) || hlr_profile_find(r->profile, kw, w))
					continue;
				hlr_diag(d, HLR_ERROR, HLR_C_UNKNOWN_SECTION, f->src, text_span(f, at - w, w),
				         "'log %.*s': a log is a section the reports can use (the catalogue, "
				         "the profile or a 'section' line); '%.*s' is none", (int)w, kw, (int)w,
				         kw);
			}
		} else if (hlr_span_eq(f->src, f->key, "entry-state")) {
			size_t w1 = next_word(s, n, &at);
			size_t w2 = next_word(s, n, &at);
			size_t w3 = next_word(s, n, &at);
			if (!w1 || (w2 && !word_eq(s + at - w2, w2, "closed")) || w3 ||
			    word_eq(s, w1, "open") || word_eq(s, w1, "closed"))
				hlr_diag(d, HLR_ERROR, HLR_C_ENTRY_FIELD, f->src, f->span,
				         "'entry-state' takes a word other than 'open' and 'closed', then "
				         "'closed' when the state closes an entry: 'entry-state withdrawn "
				         "closed'");
		}
	}
}

/* The text of t, joined (into a when it has several pieces) without
 * touching t: t may belong to an earlier report's arena. */
static const char *text_of(struct hlr_arena *a, const struct hlr_text *t, size_t *len)
{
	*len = t->len;
	if (t->s || !t->nsegs)
		return t->s ? t->s : "";
	char *o = hlr_arena_alloc(a, t->len + 1);
	size_t k = 0;
	for (unsigned i = 0; i < t->nsegs; i++) {
		if (i)
			o[k++] = '\n';
		memcpy(o + k, t->src_data + t->segs[i].src, t->segs[i].len);
		k += t->segs[i].len;
	}
	o[k] = 0;
	*len = k;
	return o;
}

static const char *id_of(struct hlr_arena *a, const struct hlr_node *n)
{
	return hlr_arena_strndup(a, hlr_span_ptr(n->src, n->id), hlr_span_len(n->id));
}

static const char *address_of(struct hlr_arena *a, const struct hlr_node *sec)
{
	if (sec->address)
		return sec->address;
	size_t need = hlr_span_len(sec->key) + 2 +
	              (sec->parent && sec->parent->kind == HLR_NODE_PART ? hlr_span_len(sec->parent->id)
	                                                                 : 0);
	char *s = hlr_arena_alloc(a, need);
	hlr_section_address(sec, s, need);
	return s;
}

/* Each section of r, in order (in parts too). */
static struct hlr_node *next_section(const struct hlr_report *r, struct hlr_node *s)
{
	struct hlr_node *n = s ? s->next : r->root->first;
	if (!n && s && s->parent->kind == HLR_NODE_PART)
		n = s->parent->next;
	for (; n; n = n->next) {
		if (n->kind == HLR_NODE_SECTION)
			return n;
		if (n->kind == HLR_NODE_PART) {
			for (struct hlr_node *k = n->first; k; k = k->next)
				if (k->kind == HLR_NODE_SECTION)
					return k;
		}
	}
	return NULL;
}

static bool is_log(const struct hlr_report *r, const struct hlr_node *sec)
{
	return hlr_log_keyword(r, hlr_span_ptr(sec->src, sec->key), hlr_span_len(sec->key));
}

/* A copy of an entry's item (and its nested items) under parent. */
static struct hlr_node *clone_item(struct hlr_arena *a, const struct hlr_node *n,
                                   struct hlr_node *parent)
{
	struct hlr_node *k = hlr_arena_alloc(a, sizeof *k);
	*k = *n;
	k->parent = parent;
	k->first = k->last = k->next = NULL;
	k->entry = NULL;
	if (n->ntags) {
		k->tags = hlr_arena_grow(a, NULL, 0, n->ntags, sizeof *k->tags);
		memcpy(k->tags, n->tags, n->ntags * sizeof *k->tags);
	}
	if (parent->last)
		parent->last->next = k;
	else
		parent->first = k;
	parent->last = k;
	/* nesting is bounded by HLR_MAX_DEPTH */
	for (const struct hlr_node *ch = n->first; ch; ch = ch->next)
		if (ch->kind == HLR_NODE_ITEM)
			clone_item(a, ch, k);
	return k;
}

/* A section of r for the log of prev's section ps, which r does not
 * have: after the section r has of those before ps in prev, in the part
 * of the same id. */
static struct hlr_node *add_section(struct hlr_arena *a, struct hlr_report *r,
                                    const struct hlr_node *ps, struct hlr_strmap *secs)
{
	struct hlr_node *parent = r->root;
	if (ps->parent->kind == HLR_NODE_PART && !hlr_span_empty(ps->parent->id)) {
		for (struct hlr_node *p = r->root->first; p; p = p->next)
			if (p->kind == HLR_NODE_PART && hlr_span_len(p->id) == hlr_span_len(ps->parent->id) &&
			    !memcmp(hlr_span_ptr(p->src, p->id), hlr_span_ptr(ps->src, ps->parent->id),
			            hlr_span_len(p->id)))
				parent = p;
	}
	struct hlr_node *k = hlr_arena_alloc(a, sizeof *k);
	*k = *ps;
	k->parent = parent;
	k->first = k->last = k->next = NULL;
	k->fields = NULL;
	k->status = NULL;
	k->id = hlr_span_make(0, 0);
	k->log_added = true;
	k->standing = false;
	/* after the nearest section before ps (in prev) that r has */
	struct hlr_node *after = NULL;
	for (const struct hlr_node *b = ps->parent->first; b && b != ps; b = b->next)
		if (b->kind == HLR_NODE_SECTION) {
			struct hlr_node *o = hlr_strmap_get(secs, b->address, strlen(b->address));
			if (o && o->parent == parent)
				after = o;
		}
	/* else before the nearest section after ps that r has */
	struct hlr_node *before = NULL;
	for (const struct hlr_node *b = ps->next; b && !after && !before; b = b->next)
		if (b->kind == HLR_NODE_SECTION && b->address) {
			struct hlr_node *o = hlr_strmap_get(secs, b->address, strlen(b->address));
			if (o && o->parent == parent)
				before = o;
		}
	if (after) {
		k->next = after->next;
		after->next = k;
		if (parent->last == after)
			parent->last = k;
	} else if (before) {
		struct hlr_node **p = &parent->first;
		while (*p != before)
			p = &(*p)->next;
		k->next = before;
		*p = k;
	} else {
		if (parent->last)
			parent->last->next = k;
		else
			parent->first = k;
		parent->last = k;
	}
	hlr_strmap_put(secs, k->address, strlen(k->address), k);
	return k;
}

void hlr_log_prepare(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r)
{
	const struct hlr_report *p = r->previous;
	if (!p || p->state != 2 || !p->logs || !p->logs->nopen)
		return;
	struct hlr_strmap written, closes, secs, nones;
	hlr_strmap_init(&written, a);
	hlr_strmap_init(&closes, a);
	hlr_strmap_init(&secs, a);
	hlr_strmap_init(&nones, a);
	for (struct hlr_node *s = next_section(r, NULL); s; s = next_section(r, s)) {
		if (hlr_span_empty(s->key) || s->standing)
			continue;
		const char *addr = address_of(a, s);
		s->address = addr; /* (the resolver sets the same) */
		hlr_strmap_put(&secs, addr, strlen(addr), s);
		bool log = is_log(r, s);
		for (struct hlr_node *ch = s->first; ch; ch = ch->next) {
			if (!log && ch->kind != HLR_NODE_UNCHANGED)
				continue;
			if (ch->kind == HLR_NODE_ITEM && !hlr_span_empty(ch->id))
				hlr_strmap_put(&written, hlr_span_ptr(ch->src, ch->id), hlr_span_len(ch->id), ch);
			else if (ch->kind == HLR_NODE_CLOSE && !hlr_span_empty(ch->id))
				hlr_strmap_put(&closes, hlr_span_ptr(ch->src, ch->id), hlr_span_len(ch->id), ch);
			else if (ch->kind == HLR_NODE_UNCHANGED && ch->text.s && ch->text.len > 1 &&
			         ch->text.s[0] == '#')
				/* 'unchanged #id' shows the entry as carried */
				hlr_strmap_put(&written, ch->text.s + 1, ch->text.len - 1, ch);
		}
	}
	for (size_t i = 0; i < p->logs->nopen; i++) {
		const struct hlr_entry *e = p->logs->open[i];
		size_t idn = strlen(e->id);
		if (!e->node || hlr_strmap_get(&written, e->id, idn))
			continue;
		struct hlr_node *cl = hlr_strmap_get(&closes, e->id, idn);
		if (cl && !strcmp(address_of(a, cl->parent), e->log))
			continue;
		struct hlr_node *sec = hlr_strmap_get(&secs, e->log, strlen(e->log));
		if (!sec)
			sec = add_section(a, r, e->node->parent, &secs);
		const struct hlr_node *none = NULL;
		for (const struct hlr_node *ch = sec->first; ch && !none; ch = ch->next)
			if (ch->kind == HLR_NODE_NONE)
				none = ch;
		if (none) {
			size_t *k = hlr_strmap_get(&nones, e->log, strlen(e->log));
			if (!k) {
				k = hlr_arena_alloc(a, sizeof *k);
				*k = hlr_diag(d, HLR_ERROR, HLR_C_LOG_NONE_OPEN, none->src, none->span,
				              "'none' in the log '%s' while entries of it are open; close "
				              "them with 'close #id', or remove 'none'", e->log);
				hlr_strmap_put(&nones, e->log, strlen(e->log), k);
			}
			hlr_diag_note(d, *k, e->written->src, e->written->id, "'%s' is open", e->id);
			continue;
		}
		struct hlr_node *k = clone_item(a, e->node, sec);
		k->log_carried = true;
	}
}

/* --- reading entries --------------------------------------------------- */

struct fields {
	const char *owner, *due, *state;
	struct hlr_node *owner_at; /* the fields line each was given on */
	struct hlr_span owner_span, due_span, state_span;
	struct hlr_date due_date;
	bool closed;               /* the state closes the entry */
};

/* The words of a series' 'owner' lines or states ('entry-state'). */
static size_t decl_words(struct hlr_arena *a, const struct hlr_report *r, const char *key,
                         const char ***out)
{
	size_t n = 0;
	const char **v = hlr_arena_alloc(a, (r->nlogdecls + 2) * sizeof *v);
	for (unsigned i = 0; i < r->nlogdecls; i++) {
		const struct hlr_node *f = r->logdecls[i];
		if (!hlr_span_eq(f->src, f->key, key) || !f->text.s)
			continue;
		size_t len = f->text.len;
		if (!strcmp(key, "entry-state")) {
			size_t at = 0;
			len = next_word(f->text.s, f->text.len, &at);
		}
		v[n++] = hlr_arena_strndup(a, f->text.s, len);
	}
	*out = v;
	return n;
}

static bool state_closes(const struct hlr_report *r, const char *w, size_t n)
{
	if (word_eq(w, n, "closed"))
		return true;
	for (unsigned i = 0; i < r->nlogdecls; i++) {
		const struct hlr_node *f = r->logdecls[i];
		if (!hlr_span_eq(f->src, f->key, "entry-state") || !f->text.s)
			continue;
		size_t at = 0, w1 = next_word(f->text.s, f->text.len, &at);
		if (w1 == n && !memcmp(f->text.s, w, n)) {
			size_t w2 = next_word(f->text.s, f->text.len, &at);
			return w2 && word_eq(f->text.s + at - w2, w2, "closed");
		}
	}
	return false;
}

static const char *did_you_mean(struct hlr_arena *a, const char *w, size_t n,
                                const char *const *cands, size_t nc)
{
	const char *s = hlr_suggest(w, n, cands, nc);
	if (!s)
		return "";
	char buf[200];
	snprintf(buf, sizeof buf, "; did you mean '%s'?", s);
	return hlr_arena_strndup(a, buf, strlen(buf));
}

/* One "key value" segment of a fields line, at off (bytes) in the line. */
static void read_segment(struct hlr_arena *a, struct hlr_diags *d, const struct hlr_report *r,
                         struct hlr_node *f, const char *s, size_t n, uint32_t at,
                         struct fields *out)
{
	struct hlr_span whole = hlr_span_make(at, at + (uint32_t)n);
	if (!n) {
		hlr_diag(d, HLR_ERROR, HLR_C_ENTRY_FIELD, f->src, hlr_span_make(at, at),
		         "an empty field in the fields line; write 'key value' between the ';'");
		return;
	}
	size_t k = 0;
	while (k < n && !blank(s[k]))
		k++;
	size_t v = k;
	while (v < n && blank(s[v]))
		v++;
	struct hlr_span key = hlr_span_make(at, at + (uint32_t)k);
	struct hlr_span val = hlr_span_make(at + (uint32_t)v, at + (uint32_t)n);
	int which = -1;
	for (int i = 0; i < 3; i++)
		if (word_eq(s, k, entry_keys[i]))
			which = i;
	if (which < 0) {
		if (word_eq(s, k, "status") || word_eq(s, k, "rating"))
			hlr_diag(d, HLR_ERROR, HLR_C_ENTRY_FIELD, f->src, key,
			         "an entry's rating is its status line: write 'status %.*s' on a line of "
			         "its own under the entry", (int)(n - v), s + v);
		else
			hlr_diag(d, HLR_ERROR, HLR_C_ENTRY_FIELD, f->src, key,
			         "unknown field '%.*s' of an entry; the fields are owner, due and state%s",
			         (int)k, s, did_you_mean(a, s, k, entry_keys, 3));
		return;
	}
	const char **slot = which == 0 ? &out->owner : which == 1 ? &out->due : &out->state;
	struct hlr_span *sp = which == 0 ? &out->owner_span : which == 1 ? &out->due_span
	                                                                  : &out->state_span;
	if (*slot) {
		size_t e = hlr_diag(d, HLR_ERROR, HLR_C_ENTRY_FIELD, f->src, key,
		                    "'%s' is given twice for this entry", entry_keys[which]);
		hlr_diag_note(d, e, f->src, *sp, "given here");
		return;
	}
	if (v >= n) {
		hlr_diag(d, HLR_ERROR, HLR_C_ENTRY_FIELD, f->src, whole,
		         "'%s' needs a value: '%s %s'", entry_keys[which], entry_keys[which],
		         which == 0 ? "NAME" : which == 1 ? "YYYY-MM-DD" : "open");
		return;
	}
	const char *value = s + v;
	size_t vn = n - v;
	if (which == 1 && (!hlr_date_parse_iso(value, vn, &out->due_date) ||
	                   !hlr_date_valid(out->due_date))) {
		hlr_diag(d, HLR_ERROR, HLR_C_ENTRY_FIELD, f->src, val,
		         "'%.*s' is no date; a due date is written YYYY-MM-DD, as 'due 2021-01-31'",
		         (int)vn, value);
		return;
	}
	if (which == 2) {
		const char **words;
		size_t nw = decl_words(a, r, "entry-state", &words);
		words[nw++] = "open";
		words[nw++] = "closed";
		bool known = false;
		for (size_t i = 0; i < nw; i++)
			known = known || word_eq(value, vn, words[i]);
		if (!known) {
			hlr_diag(d, HLR_ERROR, HLR_C_ENTRY_FIELD, f->src, val,
			         "unknown state '%.*s'; an entry is open, closed or in a state the series "
			         "declares ('entry-state WORD')%s", (int)vn, value,
			         did_you_mean(a, value, vn, words, nw));
			return;
		}
		out->closed = state_closes(r, value, vn);
	}
	if (which == 0) {
		const char **owners;
		size_t no = decl_words(a, r, "owner", &owners);
		bool known = !no;
		for (size_t i = 0; i < no; i++)
			known = known || word_eq(value, vn, owners[i]);
		if (!known) {
			/* "Head of Housing, due 2021-03-31": a field after a comma */
			const char *comma = NULL;
			for (size_t i = 0; i + 1 < vn && !comma; i++)
				if (value[i] == ',') {
					size_t j = i + 1;
					while (j < vn && value[j] == ' ')
						j++;
					for (size_t w = 0; w < 3 && !comma; w++) {
						size_t kn = strlen(entry_keys[w]);
						if (j + kn < vn && !memcmp(value + j, entry_keys[w], kn) &&
						    value[j + kn] == ' ')
							comma = value + i;
					}
				}
			hlr_diag(d, HLR_ERROR, HLR_C_UNKNOWN_OWNER, f->src, val,
			         "'%.*s' is none of the series' owners (its 'owner' lines)%s", (int)vn,
			         value,
			         comma ? "; the fields of a fields line are separated by ';', not ','"
			               : did_you_mean(a, value, vn, owners, no));
			return;
		}
		out->owner_at = f;
	}
	*slot = hlr_arena_strndup(a, value, vn);
	*sp = val;
}

/* An item's fields lines: the entry's fields (entry), else an error. */
static void read_fields(struct hlr_arena *a, struct hlr_diags *d, const struct hlr_report *r,
                        struct hlr_node *item, struct fields *out)
{
	for (struct hlr_node *f = item->fields; f; f = f->next) {
		const char *k = hlr_span_ptr(f->src, f->key);
		if (!hlr_entry_field_name(k, hlr_span_len(f->key)))
			continue;
		if (!out) {
			hlr_diag(d, HLR_ERROR, HLR_C_ENTRY_FIELD, f->src, f->key,
			         "a fields line ('%.*s ...') belongs to a log entry: an item with an id at "
			         "the margin of a log section (risks, issues, actions, decisions, changes "
			         "or a 'log' of the series)", (int)hlr_span_len(f->key), k);
			continue;
		}
		const char *s = f->src->data + f->key.start;
		size_t n = f->span.end - f->key.start, i = 0;
		while (i <= n) {
			size_t j = i;
			while (j < n && s[j] != ';')
				j++;
			size_t b = i, e = j;
			while (b < e && blank(s[b]))
				b++;
			while (e > b && blank(s[e - 1]))
				e--;
			read_segment(a, d, r, f, s + b, e - b, f->key.start + (uint32_t)b, out);
			i = j + 1;
		}
	}
}

/* Entry fields written where no entry is: nested items, items without an
 * id, items of sections that are no log. */
static void stray_fields(struct hlr_arena *a, struct hlr_diags *d, const struct hlr_report *r,
                         struct hlr_node *n)
{
	if (n->kind != HLR_NODE_ITEM)
		return;
	if (n->origin == r)
		read_fields(a, d, r, n, NULL);
	/* nesting is bounded by HLR_MAX_DEPTH */
	for (struct hlr_node *m = n->first; m; m = m->next)
		stray_fields(a, d, r, m);
}

static struct hlr_logs *logs_new(struct hlr_arena *a)
{
	struct hlr_logs *l = hlr_arena_alloc(a, sizeof *l);
	hlr_strmap_init(&l->map, a);
	return l;
}

static void push(struct hlr_arena *a, struct hlr_entry ***v, size_t *n, size_t *cap,
                 struct hlr_entry *e)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = hlr_arena_grow(a, *v, *n, *cap, sizeof **v);
	}
	(*v)[(*n)++] = e;
}

static struct hlr_entry_event *event(struct hlr_arena *a, const struct hlr_report *r,
                                     const struct hlr_entry *e)
{
	struct hlr_entry_event *ev = hlr_arena_alloc(a, sizeof *ev);
	ev->report = r;
	ev->action = e->action;
	ev->changed = e->changed;
	ev->reason = e->reason;
	ev->older = e->history;
	return ev;
}

static struct hlr_span period_line(const struct hlr_report *r)
{
	for (const struct hlr_node *f = r->root->first; f; f = f->next)
		if (f->kind == HLR_NODE_FIELD && hlr_span_eq(f->src, f->key, "period") &&
		    f->src == r->src)
			return f->span;
	return hlr_span_make((uint32_t)r->src->bom, (uint32_t)r->src->bom);
}

/* Where a warning about carried entry e goes in r: its section line when
 * r writes one, else the period line. */
static struct hlr_span carried_at(const struct hlr_report *r, const struct hlr_entry *e)
{
	const struct hlr_node *sec = e->node ? e->node->parent : NULL;
	if (sec && !sec->log_added && sec->src == r->src)
		return sec->key;
	return period_line(r);
}

static void check_open(struct hlr_arena *a, struct hlr_diags *d, const struct hlr_report *r,
                       struct hlr_entry *e)
{
	bool here = e->action != HLR_ENTRY_CARRIED;
	if (e->due && r->has_period && hlr_date_cmp(e->due_date, r->period.end) < 0) {
		e->overdue = true;
		if (!e->lapsed || strcmp(e->lapsed, e->due)) {
			/* once for each due date that passes */
			struct hlr_entry_event *ev = hlr_arena_alloc(a, sizeof *ev);
			ev->report = r;
			ev->action = HLR_ENTRY_LAPSED;
			ev->older = e->history;
			e->history = ev;
			e->lapsed = e->due;
		}
		if (here) {
			hlr_diag(d, HLR_WARNING, HLR_C_OVERDUE, e->written->src, e->written->id,
			         "'%s' was due on %s, before the end of this period", e->id, e->due);
		} else {
			size_t k = hlr_diag(d, HLR_WARNING, HLR_C_OVERDUE, r->src, carried_at(r, e),
			                    "the open entry '%s' of '%s' was due on %s, before the end of "
			                    "this period", e->id, e->log, e->due);
			hlr_diag_note(d, k, e->written->src, e->written->id, "'%s' written here", e->id);
		}
	}
	if (!here && r->stale_after && e->updated && r->index >= e->updated->index &&
	    r->index - e->updated->index >= r->stale_after) {
		size_t k = hlr_diag(d, HLR_WARNING, HLR_C_STALE, r->src, carried_at(r, e),
		                    "the entry '%s' of '%s' has not been updated for %zu reports "
		                    "(stale-after %u)", e->id, e->log, r->index - e->updated->index,
		                    r->stale_after);
		hlr_diag_note(d, k, e->written->src, e->written->id, "last written here");
	}
}

static struct hlr_strmap *closed_map(struct hlr_arena *a, struct hlr_series *s)
{
	if (!s->closed_entries) {
		s->closed_entries = hlr_arena_alloc(a, sizeof *s->closed_entries);
		hlr_strmap_init(s->closed_entries, a);
	}
	return s->closed_entries;
}

/* Where id was closed before r in its series, or NULL. */
static const struct closed_rec *closed_before(const struct hlr_report *r, const char *id)
{
	if (!r->series || !r->series->closed_entries)
		return NULL;
	const struct closed_rec *c = hlr_strmap_get(r->series->closed_entries, id, strlen(id));
	return c && c->index < r->index ? c : NULL;
}

static void record_close(struct hlr_arena *a, struct hlr_report *r, const char *id,
                         struct hlr_node *at)
{
	/* only for the reports after r: the latest report, resolved again
	 * alone in another arena, records nothing */
	if (!r->series || r->index + 1 >= r->series->n)
		return;
	struct hlr_strmap *m = closed_map(a, r->series);
	if (hlr_strmap_get(m, id, strlen(id)))
		return;
	struct closed_rec *c = hlr_arena_alloc(a, sizeof *c);
	c->report = r;
	c->at = at;
	c->index = r->index;
	hlr_strmap_put(m, id, strlen(id), c);
}

static void period_of(const struct hlr_report *r, char out[64])
{
	if (r->has_period)
		hlr_period_phrase(&r->period, out);
	else
		snprintf(out, 64, "%s", r->name ? r->name : "an earlier report");
}

static bool same_status(const struct hlr_status *a, const struct hlr_status *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a->key, b->key);
}

/* A written entry: read, checked, merged with the open one of the same id. */
static void written_entry(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                          struct hlr_logs *L, const struct hlr_logs *P, struct hlr_node *item,
                          const char *log)
{
	const char *id = id_of(a, item);
	size_t idn = strlen(id);
	struct fields fv = {0};
	read_fields(a, d, r, item, &fv);
	if (hlr_strmap_get(&L->map, id, idn))
		return; /* twice in this report: duplicate-id, reported */
	struct hlr_entry *pe = P ? hlr_strmap_get(&P->map, id, idn) : NULL;
	if (pe && strcmp(pe->log, log)) {
		size_t k = hlr_diag(d, HLR_ERROR, HLR_C_ENTRY_MOVED, item->src, item->id,
		                    "'%s' is open in the log '%s', not '%s'; update it there, or close "
		                    "it there and open a new entry here", id, pe->log, log);
		hlr_diag_note(d, k, pe->written->src, pe->written->id, "written in '%s' here", pe->log);
		pe = NULL;
	}
	if (!pe) {
		const struct closed_rec *c = closed_before(r, id);
		if (c) {
			char ph[64];
			period_of(c->report, ph);
			size_t k = hlr_diag(d, HLR_ERROR, HLR_C_ENTRY_REOPENED, item->src, item->id,
			                    "'%s' was closed in %s; an entry is not reopened: give the new "
			                    "entry another id", id, ph);
			hlr_diag_note(d, k, c->at->src, c->at->kind == HLR_NODE_CLOSE ? c->at->span
			                                                               : c->at->id,
			              "closed here");
		}
	}
	struct hlr_entry *e = hlr_arena_alloc(a, sizeof *e);
	e->id = id;
	e->log = log;
	e->keyword = hlr_arena_strndup(a, hlr_span_ptr(item->parent->src, item->parent->key),
	                               hlr_span_len(item->parent->key));
	e->node = item;
	e->written = item;
	e->updated = r;
	e->opened = pe ? pe->opened : r;
	e->history = pe ? pe->history : NULL;
	e->lapsed = pe ? pe->lapsed : NULL;
	e->owner = fv.owner ? fv.owner : pe ? pe->owner : NULL;
	if (fv.due) {
		e->due = fv.due;
		e->due_date = fv.due_date;
	} else if (pe) {
		e->due = pe->due;
		e->due_date = pe->due_date;
	}
	e->state = fv.state ? fv.state : pe ? pe->state : "open";
	if (pe && !item->status && pe->node && pe->node->status) {
		/* the rating not written keeps its value */
		struct hlr_status *st = hlr_arena_alloc(a, sizeof *st);
		*st = *pe->node->status;
		st->prev = pe->node->status;
		st->report = r;
		item->status = st;
	}
	if (pe) {
		size_t tn, pn;
		const char *t = text_of(a, &item->text, &tn), *pt = text_of(a, &pe->written->text, &pn);
		if (tn != pn || memcmp(t, pt, tn))
			e->changed |= HLR_CHANGED_TEXT;
		if ((e->owner == NULL) != (pe->owner == NULL) ||
		    (e->owner && strcmp(e->owner, pe->owner)))
			e->changed |= HLR_CHANGED_OWNER;
		if ((e->due == NULL) != (pe->due == NULL) || (e->due && strcmp(e->due, pe->due)))
			e->changed |= HLR_CHANGED_DUE;
		if (strcmp(e->state, pe->state))
			e->changed |= HLR_CHANGED_STATE;
		if (!same_status(item->status, pe->node ? pe->node->status : NULL))
			e->changed |= HLR_CHANGED_STATUS;
	}
	e->action = fv.closed ? HLR_ENTRY_CLOSED : pe ? HLR_ENTRY_UPDATED : HLR_ENTRY_NEW;
	e->history = event(a, r, e);
	item->entry = e;
	hlr_strmap_put(&L->map, id, idn, e);
	if (fv.closed) {
		push(a, &L->closed, &L->nclosed, &L->capclosed, e);
		record_close(a, r, id, item);
	} else {
		push(a, &L->open, &L->nopen, &L->capopen, e);
	}
}

static void close_entry(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                        struct hlr_logs *L, const struct hlr_logs *P, struct hlr_node *cl,
                        bool log, struct hlr_strmap *done)
{
	if (!log) {
		hlr_diag(d, HLR_ERROR, HLR_C_CLOSE_UNKNOWN, cl->src, cl->span,
		         "a 'close' line closes an entry of a log section (risks, issues, actions, "
		         "decisions, changes or a 'log' of the series); this section is no log");
		return;
	}
	const char *id = id_of(a, cl);
	size_t idn = strlen(id);
	const char *addr = address_of(a, cl->parent);
	struct hlr_node *first = hlr_strmap_get(done, id, idn);
	if (first) {
		size_t k = hlr_diag(d, HLR_ERROR, HLR_C_CLOSE_UNKNOWN, cl->src, cl->span,
		                    "'%s' is closed twice in this report", id);
		hlr_diag_note(d, k, first->src, first->span, "closed here");
		return;
	}
	hlr_strmap_put(done, id, idn, cl);
	struct hlr_entry *e = hlr_strmap_get(&L->map, id, idn);
	struct hlr_entry *pe = P ? hlr_strmap_get(&P->map, id, idn) : NULL;
	if (e && e->action == HLR_ENTRY_CLOSED)
		e = NULL;
	if ((e && strcmp(e->log, addr)) || (!e && pe && strcmp(pe->log, addr)) || (!e && !pe)) {
		const struct closed_rec *c = closed_before(r, id);
		const char *in = e ? e->log : pe ? pe->log : NULL;
		if (in) {
			hlr_diag(d, HLR_ERROR, HLR_C_CLOSE_UNKNOWN, cl->src, cl->id,
			         "'%s' is open in the log '%s', not '%s'; close it there", id, in, addr);
		} else if (c) {
			char ph[64];
			period_of(c->report, ph);
			size_t k = hlr_diag(d, HLR_ERROR, HLR_C_CLOSE_UNKNOWN, cl->src, cl->id,
			                    "'%s' was closed in %s already", id, ph);
			hlr_diag_note(d, k, c->at->src,
			              c->at->kind == HLR_NODE_CLOSE ? c->at->span : c->at->id,
			              "closed in %s", ph);
		} else {
			/* did-you-mean over the ids open in this log */
			size_t n = 0;
			const char **ids = hlr_arena_alloc(a, ((P ? P->nopen : 0) + L->nopen + 1) *
			                                          sizeof *ids);
			for (size_t i = 0; P && i < P->nopen; i++)
				if (!strcmp(P->open[i]->log, addr))
					ids[n++] = P->open[i]->id;
			for (size_t i = 0; i < L->nopen; i++)
				if (!strcmp(L->open[i]->log, addr))
					ids[n++] = L->open[i]->id;
			hlr_diag(d, HLR_ERROR, HLR_C_CLOSE_UNKNOWN, cl->src, cl->id,
			         "no entry '%s' is open in the log '%s'%s", id, addr,
			         did_you_mean(a, id, idn, ids, n));
		}
		return;
	}
	if (!e) {
		e = hlr_arena_alloc(a, sizeof *e);
		*e = *pe;
		e->node = NULL;
		e->changed = 0;
		hlr_strmap_put(&L->map, id, idn, e);
	}
	e->action = HLR_ENTRY_CLOSED;
	if (cl->text.len) {
		size_t rn;
		const char *rs = text_of(a, &cl->text, &rn);
		e->reason = hlr_arena_strndup(a, rs, rn);
	} else {
		e->reason = NULL;
	}
	e->overdue = false;
	e->history = event(a, r, e);
	push(a, &L->closed, &L->nclosed, &L->capclosed, e);
	record_close(a, r, id, cl);
}

/* An open entry of the previous report shown in this one (by the
 * carrying of logs, or by 'unchanged #id'). */
static void carried_entry(struct hlr_arena *a, struct hlr_logs *L, const struct hlr_logs *P,
                          struct hlr_node *n)
{
	const struct hlr_entry *pe = P ? hlr_strmap_get(&P->map, hlr_span_ptr(n->src, n->id),
	                                                hlr_span_len(n->id))
	                               : NULL;
	if (!pe || hlr_strmap_get(&L->map, pe->id, strlen(pe->id)))
		return;
	struct hlr_entry *e = hlr_arena_alloc(a, sizeof *e);
	*e = *pe;
	e->node = n;
	e->action = HLR_ENTRY_CARRIED;
	e->changed = 0;
	e->overdue = false;
	n->entry = e;
	hlr_strmap_put(&L->map, e->id, strlen(e->id), e);
	push(a, &L->open, &L->nopen, &L->capopen, e);
}

void hlr_log_resolve(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r)
{
	const struct hlr_report *p = r->previous;
	const struct hlr_logs *P = p && p->state == 2 ? p->logs : NULL;
	struct hlr_logs *L = logs_new(a);
	struct hlr_strmap done;
	hlr_strmap_init(&done, a);
	/* entries written and carried, section by section */
	for (struct hlr_node *s = next_section(r, NULL); s; s = next_section(r, s)) {
		if (s->standing)
			continue;
		bool log = !hlr_span_empty(s->key) && is_log(r, s);
		const char *addr = log ? address_of(a, s) : NULL;
		for (struct hlr_node *ch = s->first; ch; ch = ch->next) {
			if (ch->kind == HLR_NODE_UNCHANGED) {
				for (struct hlr_node *m = ch->first; m; m = m->next)
					if (m->kind == HLR_NODE_ITEM && !hlr_span_empty(m->id) && P &&
					    hlr_strmap_get(&P->map, hlr_span_ptr(m->src, m->id), hlr_span_len(m->id)))
						carried_entry(a, L, P, m);
				continue;
			}
			if (ch->kind != HLR_NODE_ITEM)
				continue;
			if (ch->log_carried) {
				carried_entry(a, L, P, ch);
				continue;
			}
			if (ch->origin != r)
				continue;
			if (!log || hlr_span_empty(ch->id)) {
				stray_fields(a, d, r, ch);
				continue;
			}
			for (struct hlr_node *m = ch->first; m; m = m->next)
				stray_fields(a, d, r, m);
			written_entry(a, d, r, L, P, ch, addr);
		}
	}
	/* close lines */
	for (struct hlr_node *s = next_section(r, NULL); s; s = next_section(r, s))
		for (struct hlr_node *ch = s->first; ch; ch = ch->next)
			if (ch->kind == HLR_NODE_CLOSE && ch->origin == r && !s->standing)
				close_entry(a, d, r, L, P, ch,
				            !hlr_span_empty(s->key) && is_log(r, s), &done);
	/* the open entries the report neither shows nor closes ('none' in
	 * their log, reported): still open */
	for (size_t i = 0; P && i < P->nopen; i++) {
		struct hlr_entry *pe = P->open[i];
		if (hlr_strmap_get(&L->map, pe->id, strlen(pe->id)))
			continue;
		struct hlr_entry *e = hlr_arena_alloc(a, sizeof *e);
		*e = *pe;
		e->node = NULL;
		e->action = HLR_ENTRY_CARRIED;
		e->changed = 0;
		hlr_strmap_put(&L->map, e->id, strlen(e->id), e);
		push(a, &L->open, &L->nopen, &L->capopen, e);
	}
	/* closed ones leave; the open ones are checked */
	size_t k = 0;
	for (size_t i = 0; i < L->nopen; i++)
		if (L->open[i]->action != HLR_ENTRY_CLOSED) {
			L->open[k++] = L->open[i];
			check_open(a, d, r, L->open[i]);
		}
	L->nopen = k;
	/* the map holds the open ones only */
	struct hlr_strmap open;
	hlr_strmap_init(&open, a);
	for (size_t i = 0; i < L->nopen; i++)
		hlr_strmap_put(&open, L->open[i]->id, strlen(L->open[i]->id), L->open[i]);
	L->map = open;
	r->logs = L;
}

/* --- shown ------------------------------------------------------------- */

void hlr_entry_changes(struct hlr_buf *b, unsigned changed)
{
	static const char *const names[] = {"text", "owner", "due date", "state", "rating"};
	bool first = true;
	for (unsigned i = 0; i < 5; i++)
		if (changed >> i & 1) {
			hlr_buf_puts(b, first ? "" : ", ");
			hlr_buf_puts(b, names[i]);
			first = false;
		}
}

void hlr_entry_state_line(struct hlr_buf *b, const struct hlr_entry *e)
{
	char ph[64];
	switch (e->action) {
	case HLR_ENTRY_NEW:
		hlr_buf_puts(b, "New");
		break;
	case HLR_ENTRY_UPDATED:
		if (e->changed) {
			hlr_buf_puts(b, "Updated: ");
			hlr_entry_changes(b, e->changed);
		} else {
			hlr_buf_puts(b, "Written again, no change");
		}
		break;
	case HLR_ENTRY_CARRIED:
		period_of(e->opened, ph);
		hlr_buf_printf(b, "Open since %s", ph);
		break;
	case HLR_ENTRY_CLOSED:
		hlr_buf_puts(b, "Closed");
		if (e->reason)
			hlr_buf_printf(b, ": %s", e->reason);
		break;
	}
	if (e->overdue)
		hlr_buf_puts(b, " \xC2\xB7 Overdue");
}

void hlr_entry_fields_line(struct hlr_buf *b, const struct hlr_entry *e)
{
	const char *sep = "";
	if (e->owner) {
		hlr_buf_printf(b, "Owner: %s", e->owner);
		sep = " \xC2\xB7 ";
	}
	if (e->due) {
		hlr_buf_printf(b, "%sDue %d%s %s %d", sep, e->due_date.day,
		               hlr_ordinal_suffix(e->due_date.day), hlr_month_name(e->due_date.month),
		               e->due_date.year);
		sep = " \xC2\xB7 ";
	}
	if (e->state && strcmp(e->state, "open") && e->action != HLR_ENTRY_CLOSED)
		hlr_buf_printf(b, "%sState: %s", sep, e->state);
}
