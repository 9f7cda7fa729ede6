/* compiler: what changed between two reports (authoring tools; the command
 * is compiler/cli/diff.c). What changed between two
 * reports of a series, section by section, as Markdown (a pull request's
 * summary) or plain text:
 *
 *   - sections are matched by keyword and listed in the new report's
 *     order, then the sections the new report no longer has;
 *   - a section's content is compared as the reader sees it, with what
 *     'unchanged' carries in place: its items (nested ones too),
 *     paragraphs and 'none';
 *   - a table is a block (its caption), and each row of it one more,
 *     nested in it: "| cell | cell |", so a changed row shows as an edit;
 *   - items are matched by id first, then by equal text, then by word
 *     overlap: a new item is an edit of an old one when it keeps at least
 *     half of the old one's words, in order (best pairs first; in a long
 *     section, among the old items near its place);
 *   - an edit shows the words that changed, [-old-]{+new+}; a section that
 *     is carried whole says since when.
 *
 * The output depends only on the two reports, so it is the same on every
 * run; when nothing but carried content differs it is "No changes." */
#define _POSIX_C_SOURCE 200809L
#include "compiler/tools.h"
#include "compiler/field.h"
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/emit.h"
#include "compiler/inline.h"
#include "compiler/log.h"
#include "compiler/resolve.h"
#include "compiler/series.h"
#include "compiler/track.h"
#include "runtime/buf.h"
#include "runtime/strmap.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest word table (cells) compared exactly; beyond it, a long text is
 * compared by its common start and end. */
#define DIFF_MAX_CELLS ((size_t)1 << 24)
/* Word tables of a whole run: this many cells, and 256 more per word of
 * the sections compared; past it, texts are compared by their common
 * start and end, so a diff costs time in proportion to its input. */
#define DIFF_BUDGET_CELLS ((size_t)1 << 26)
#define DIFF_BUDGET_PER_WORD 256
/* Edits are looked for among all pairs of unmatched new and old units of
 * a section up to this many pairs; beyond, each new unit is compared with
 * the DIFF_WINDOW old units either side of its place in the old order. */
#define DIFF_ALL_PAIRS ((size_t)1 << 16)
#define DIFF_WINDOW 16

/* One block of a section's content: an item, a paragraph or a 'none'. */
struct unit {
	const struct hlr_lnode *node; /* the block (own or carried) */
	int parent;                  /* unit of the item it is nested in, or -1 */
	const int *words;            /* its tags and words, as word numbers */
	size_t nwords;               /* count of words */
	int match;                   /* unit it matches on the other side, or -1 */
};

/* The content of one section, in reading order. */
struct units {
	struct unit *v;  /* the units */
	size_t n, cap;   /* count and capacity */
};

/* The state of one comparison. */
struct differ {
	struct hlr_arena *arena;  /* owns everything */
	struct hlr_strmap words;  /* word -> its number + 1 */
	const char **text;        /* word number -> the word */
	size_t nwords, capwords;  /* count and capacity of text */
	bool md;                  /* Markdown, else plain text */
	const char *sep;          /* between words: " ", or ", " in a list */
	struct hlr_buf out;       /* the summary */
	bool changed;             /* something besides carried content differs */
	size_t budget;            /* word-table cells left (DIFF_BUDGET_CELLS) */
};

/* Takes cells from the budget when there are that many left. */
static bool spend(struct differ *df, size_t cells)
{
	if (cells > DIFF_MAX_CELLS || cells > df->budget)
		return false;
	df->budget -= cells;
	return true;
}

/* --- words ------------------------------------------------------------- */

static int word_number(struct differ *df, const char *s, size_t n)
{
	void *v = hlr_strmap_get(&df->words, s, n);
	if (v)
		return (int)((uintptr_t)v - 1);
	if (df->nwords == df->capwords) {
		df->capwords = df->capwords ? df->capwords * 2 : 256;
		df->text = hlr_arena_grow(df->arena, df->text, df->nwords, df->capwords,
		                          sizeof *df->text);
	}
	char *w = hlr_arena_strndup(df->arena, s, n);
	df->text[df->nwords] = w;
	hlr_strmap_put(&df->words, w, n, (void *)(uintptr_t)(df->nwords + 1));
	return (int)df->nwords++;
}

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

/* A growing list of word numbers. */
struct wordvec {
	int *v;          /* word numbers */
	size_t n, cap;   /* count and capacity */
};

static void wordvec_add(struct differ *df, struct wordvec *w, const char *s, size_t n)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->v = hlr_arena_grow(df->arena, w->v, w->n, w->cap, sizeof *w->v);
	}
	w->v[w->n++] = word_number(df, s, n);
}

/* Adds the words of s[0..len) split at blanks. */
static void split_words(struct differ *df, struct wordvec *w, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		while (i < len && is_blank(s[i]))
			i++;
		size_t e = i;
		while (e < len && !is_blank(s[e]))
			e++;
		if (e > i)
			wordvec_add(df, w, s + i, e - i);
		i = e;
	}
}

/* The words of a block: "@TAG" for each tag shown, "none" for 'none',
 * then its text split at blanks, line by line. */
static void node_words(struct differ *df, const struct hlr_report *r, const struct hlr_lnode *n,
                       struct unit *u)
{
	struct wordvec w = {NULL, 0, 0};
	for (unsigned i = 0; i < n->ntags; i++) {
		const char *name = r->authorities[n->tags[i]].tag;
		size_t len = strlen(name);
		char *tag = hlr_arena_alloc(df->arena, len + 2);
		tag[0] = '@';
		memcpy(tag + 1, name, len);
		wordvec_add(df, &w, tag, len + 1);
	}
	if (n->kind == HLR_L_NONE)
		wordvec_add(df, &w, "none", 4);
	if (n->kind == HLR_L_SUBHEAD) {
		/* a sub-heading: "===" and its words */
		wordvec_add(df, &w, "===", 3);
		split_words(df, &w, n->title, n->title_len);
		u->words = w.v;
		u->nwords = w.n;
		return;
	}
	if (n->kind == HLR_L_TABLE)
		wordvec_add(df, &w, "Table:", 6);
	if (n->kind == HLR_L_ROW) {
		wordvec_add(df, &w, "|", 1);
		for (unsigned i = 0; i < n->ncells; i++) {
			if (n->cells[i].text.len)
				split_words(df, &w, n->cells[i].text.s, n->cells[i].text.len);
			wordvec_add(df, &w, "|", 1);
		}
		u->words = w.v;
		u->nwords = w.n;
		return;
	}
	if (n->kind == HLR_L_ITEM && n->list_style != HLR_LIST_BULLET) {
		/* an ordered item's number is read with its words */
		char mark[24];
		size_t mn = hlr_list_marker(mark, (enum hlr_list_style)n->list_style, n->number,
		                            n->list_delim);
		char *m = hlr_arena_alloc(df->arena, mn + 1);
		memcpy(m, mark, mn + 1);
		wordvec_add(df, &w, m, mn);
	}
	for (unsigned i = 0; i < n->text->nsegs; i++)
		split_words(df, &w, n->text->src_data + n->text->segs[i].src, n->text->segs[i].len);
	u->words = w.v;
	u->nwords = w.n;
}

/* --- a section's content ------------------------------------------------ */

static void add_unit(struct differ *df, struct units *us, const struct hlr_report *r,
                     const struct hlr_lnode *n, int parent)
{
	if (us->n == us->cap) {
		us->cap = us->cap ? us->cap * 2 : 32;
		us->v = hlr_arena_grow(df->arena, us->v, us->n, us->cap, sizeof *us->v);
	}
	struct unit *u = &us->v[us->n++];
	memset(u, 0, sizeof *u);
	u->node = n;
	u->parent = parent;
	u->match = -1;
	node_words(df, r, n, u);
}

/* The units below n (a section, a list, an item or carried content), in
 * reading order, with what is carried in place. */
static void collect(struct differ *df, struct units *us, const struct hlr_report *r,
                    const struct hlr_lnode *n, int parent)
{
	for (const struct hlr_lnode *c = n->first; c; c = c->next) {
		if (c->entry || c->log_closed)
			continue; /* a log's entries are compared as entries */
		switch (c->kind) {
		case HLR_L_ITEM:
			add_unit(df, us, r, c, parent);
			collect(df, us, r, c, (int)us->n - 1);
			break;
		case HLR_L_PARA:
		case HLR_L_NONE:
		case HLR_L_SUBHEAD:
		case HLR_L_ROW:
			add_unit(df, us, r, c, parent);
			break;
		case HLR_L_TABLE:
			add_unit(df, us, r, c, parent);
			collect(df, us, r, c, (int)us->n - 1);
			break;
		case HLR_L_LIST:
		case HLR_L_CARRIED:
			collect(df, us, r, c, parent);
			break;
		default:
			break;
		}
	}
}

/* --- matching ------------------------------------------------------------ */

static bool same_words(const struct unit *a, const struct unit *b)
{
	return a->nwords == b->nwords &&
	       (!a->nwords || !memcmp(a->words, b->words, a->nwords * sizeof *a->words));
}

/* 'none' matches only 'none', a table only a table, a row only a row, a
 * sub-heading only a sub-heading; items and paragraphs match each other. */
static int unit_class(const struct unit *u)
{
	unsigned k = u->node->kind;
	return k == HLR_L_NONE ? 1 : k == HLR_L_TABLE ? 2 : k == HLR_L_ROW ? 3
	     : k == HLR_L_SUBHEAD ? 4 : 0;
}

static bool comparable(const struct unit *a, const struct unit *b)
{
	return unit_class(a) == unit_class(b);
}

/* Length of the longest common subsequence of a[0..n) and b[0..m): exact
 * when the table is small enough, else the common start and end. The row
 * is malloc'd and freed at once: it may be large, and is needed briefly. */
static size_t lcs_length(struct differ *df, const int *a, size_t n, const int *b, size_t m)
{
	if (!n || !m)
		return 0;
	if (n > DIFF_MAX_CELLS / m || !spend(df, n * m)) {
		size_t p = 0, s = 0;
		while (p < n && p < m && a[p] == b[p])
			p++;
		while (s < n - p && s < m - p && a[n - 1 - s] == b[m - 1 - s])
			s++;
		return p + s;
	}
	size_t *row = calloc(m + 1, sizeof *row);
	if (!row)
		hlr_oom();
	for (size_t i = 1; i <= n; i++) {
		size_t diag = 0;
		for (size_t j = 1; j <= m; j++) {
			size_t up = row[j];
			row[j] = a[i - 1] == b[j - 1] ? diag + 1 : (row[j - 1] > up ? row[j - 1] : up);
			diag = up;
		}
	}
	size_t r = row[m];
	free(row);
	return r;
}

/* A candidate edit: new unit i keeps kept of old unit j's words. */
struct pair {
	size_t i, j;        /* new and old unit */
	size_t kept;        /* words of the old unit kept, in order */
	size_t nnew, nold;  /* words of the new and of the old unit */
};

/* Best pairs first: the larger share of the old unit kept, then of the
 * new one, then the reading order. The shares are compared by
 * cross-multiplication. */
static int by_score(const void *pa, const void *pb)
{
	const struct pair *a = pa, *b = pb;
	size_t x = a->kept * b->nold, y = b->kept * a->nold;
	if (x != y)
		return x > y ? -1 : 1;
	x = a->kept * b->nnew;
	y = b->kept * a->nnew;
	if (x != y)
		return x > y ? -1 : 1;
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

static void link_units(struct units *nu, size_t i, struct units *ou, size_t j)
{
	nu->v[i].match = (int)j;
	ou->v[j].match = (int)i;
}

/* A queue of old units with the same key (an id, or words), in order. */
struct same {
	int first; /* the first not yet passed */
};

/* Old units by key: map key -> struct same, next[j] the next unit after
 * j with the key of j, or -1. */
static void queue_add(struct hlr_arena *arena, struct hlr_strmap *m, int *next, int *last,
                      const char *key, size_t len, int j)
{
	struct same *q = hlr_strmap_get(m, key, len);
	next[j] = -1;
	if (!q) {
		q = hlr_arena_alloc(arena, sizeof *q);
		q->first = j;
		hlr_strmap_put(m, key, len, q);
	} else {
		next[last[q->first]] = j;
	}
	last[q->first] = j;
}

/* The first unmatched old unit in the queue of key, or -1. */
static int queue_take(const struct hlr_strmap *m, const int *next, const struct units *ou,
                      const char *key, size_t len)
{
	struct same *q = hlr_strmap_get(m, key, len);
	if (!q)
		return -1;
	while (q->first >= 0 && ou->v[q->first].match >= 0)
		q->first = next[q->first];
	return q->first;
}

/* The words of u as a key ('none' apart: it matches only 'none'). */
static const char *words_key(const struct unit *u, size_t *len)
{
	static const int empty[1];
	*len = u->nwords * sizeof *u->words;
	return u->nwords ? (const char *)u->words : (const char *)empty;
}

/* Pairs the new units with the old ones: by id, by equal words, by overlap.
 * Ids and words go through hash maps; the overlaps looked at are bounded
 * (DIFF_ALL_PAIRS, DIFF_WINDOW) and so are the word tables (the budget). */
static void match_units(struct differ *df, struct units *nu, struct units *ou)
{
	struct hlr_arena *arena = df->arena;
	size_t n = ou->n ? ou->n : 1;
	int *next = hlr_arena_alloc_raw(arena, n * sizeof *next);
	int *last = hlr_arena_alloc_raw(arena, n * sizeof *last);
	struct hlr_strmap ids, words[2];
	hlr_strmap_init(&ids, arena);
	for (size_t j = 0; j < ou->n; j++) {
		const struct hlr_lnode *b = ou->v[j].node;
		if (b->anchor)
			queue_add(arena, &ids, next, last, b->anchor, b->anchor_len, (int)j);
	}
	for (size_t i = 0; i < nu->n; i++) {
		const struct hlr_lnode *a = nu->v[i].node;
		if (!a->anchor)
			continue;
		int j = queue_take(&ids, next, ou, a->anchor, a->anchor_len);
		if (j >= 0)
			link_units(nu, i, ou, (size_t)j);
	}
	hlr_strmap_init(&words[0], arena);
	hlr_strmap_init(&words[1], arena);
	for (size_t j = 0; j < ou->n; j++) {
		size_t len;
		const char *key = words_key(&ou->v[j], &len);
		if (ou->v[j].match < 0)
			queue_add(arena, &words[ou->v[j].node->kind == HLR_L_NONE], next, last, key,
			          len, (int)j);
	}
	for (size_t i = 0; i < nu->n; i++) {
		if (nu->v[i].match >= 0)
			continue;
		size_t len;
		const char *key = words_key(&nu->v[i], &len);
		int j = queue_take(&words[nu->v[i].node->kind == HLR_L_NONE], next, ou, key, len);
		if (j >= 0)
			link_units(nu, i, ou, (size_t)j);
	}
	/* the units left on each side, in order; the section's words add to
	 * the budget */
	size_t nn = 0, no = 0;
	size_t *left_new = hlr_arena_alloc_raw(arena, (nu->n ? nu->n : 1) * sizeof *left_new);
	size_t *left_old = hlr_arena_alloc_raw(arena, n * sizeof *left_old);
	for (size_t i = 0; i < nu->n; i++) {
		if (nu->v[i].match < 0)
			left_new[nn++] = i;
		df->budget += DIFF_BUDGET_PER_WORD * nu->v[i].nwords;
	}
	for (size_t j = 0; j < ou->n; j++) {
		if (ou->v[j].match < 0)
			left_old[no++] = j;
		df->budget += DIFF_BUDGET_PER_WORD * ou->v[j].nwords;
	}
	bool all = !nn || no <= DIFF_ALL_PAIRS / nn;
	struct pair *pairs = NULL;
	size_t np = 0, cap = 0;
	for (size_t r = 0; r < nn; r++) {
		size_t i = left_new[r], from = 0, to = no;
		if (!all) {
			size_t at = r * no / nn; /* its place among the old units */
			from = at > DIFF_WINDOW ? at - DIFF_WINDOW : 0;
			to = no - at > DIFF_WINDOW ? at + DIFF_WINDOW + 1 : no;
		}
		for (size_t k = from; k < to; k++) {
			size_t j = left_old[k];
			const struct unit *a = &nu->v[i], *b = &ou->v[j];
			/* at least half of the old words must be kept */
			if (!comparable(a, b) || !b->nwords || 2 * a->nwords < b->nwords)
				continue;
			size_t kept = lcs_length(df, b->words, b->nwords, a->words, a->nwords);
			if (2 * kept < b->nwords || !kept)
				continue;
			if (np == cap) {
				cap = cap ? cap * 2 : 16;
				pairs = hlr_xrealloc(pairs, cap * sizeof *pairs);
			}
			pairs[np++] = (struct pair){i, j, kept, a->nwords, b->nwords};
		}
	}
	if (np)
		qsort(pairs, np, sizeof *pairs, by_score);
	for (size_t k = 0; k < np; k++)
		if (nu->v[pairs[k].i].match < 0 && ou->v[pairs[k].j].match < 0)
			link_units(nu, pairs[k].i, ou, pairs[k].j);
	free(pairs);
}

/* --- output ------------------------------------------------------------- */

static void put_plain(struct differ *df, const char *s, size_t n)
{
	if (df->md)
		hlr_md_escape(&df->out, s, n);
	else
		hlr_buf_put(&df->out, s, n);
}

/* Words v[0..n) joined by df->sep, escaped for Markdown. */
static void put_words(struct differ *df, const int *v, size_t n)
{
	struct hlr_buf b = HLR_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			hlr_buf_puts(&b, df->sep);
		hlr_buf_puts(&b, df->text[v[i]]);
	}
	put_plain(df, b.data ? b.data : "", b.len);
	hlr_buf_free(&b);
}

/* Where the word diff is: at its start, after a deletion, or elsewhere. */
enum run_state { RUN_FIRST, RUN_DELETED, RUN_OTHER };

/* One run of the word diff: [-deleted-] or {+inserted+} (open and close
 * set), or words kept; an insertion follows its deletion directly. */
static void put_run(struct differ *df, const char *open, const char *close, const int *v,
                    size_t n, enum run_state *st)
{
	if (!n)
		return;
	bool insert = open && open[0] == '{';
	if (*st == RUN_OTHER || (*st == RUN_DELETED && !insert))
		hlr_buf_puts(&df->out, df->sep);
	*st = open && !insert ? RUN_DELETED : RUN_OTHER;
	if (open)
		hlr_buf_puts(&df->out, open);
	put_words(df, v, n);
	if (close)
		hlr_buf_puts(&df->out, close);
}

/* The new words b with the changes from the old words a marked. */
static void put_word_diff(struct differ *df, const int *a, size_t n, const int *b, size_t m)
{
	static const int none[1];
	if (!a)
		a = none; /* no words: a null vector, never offset */
	if (!b)
		b = none;
	size_t p = 0, s = 0;
	while (p < n && p < m && a[p] == b[p])
		p++;
	while (s < n - p && s < m - p && a[n - 1 - s] == b[m - 1 - s])
		s++;
	size_t an = n - p - s, bn = m - p - s;
	enum run_state first = RUN_FIRST;
	put_run(df, NULL, NULL, b, p, &first);
	if (an && bn && an + 1 <= DIFF_MAX_CELLS / (bn + 1) && spend(df, (an + 1) * (bn + 1))) {
		/* suffix table of the middle: L[i][j] = LCS(a[p+i..], b[p+j..]) */
		const int *x = a + p, *y = b + p;
		size_t w = bn + 1;
		uint32_t *L = calloc((an + 1) * w, sizeof *L);
		if (!L)
			hlr_oom();
		for (size_t i = an; i-- > 0;)
			for (size_t j = bn; j-- > 0;)
				L[i * w + j] = x[i] == y[j] ? L[(i + 1) * w + j + 1] + 1
				               : L[(i + 1) * w + j] > L[i * w + j + 1] ? L[(i + 1) * w + j]
				                                                         : L[i * w + j + 1];
		size_t i = 0, j = 0;
		while (i < an || j < bn) {
			size_t di = i, dj = j;
			while ((i < an || j < bn) && !(i < an && j < bn && x[i] == y[j])) {
				if (j >= bn || (i < an && L[(i + 1) * w + j] >= L[i * w + j + 1]))
					i++;
				else
					j++;
			}
			put_run(df, "[-", "-]", x + di, i - di, &first);
			put_run(df, "{+", "+}", y + dj, j - dj, &first);
			size_t ei = i;
			while (i < an && j < bn && x[i] == y[j]) {
				i++;
				j++;
			}
			put_run(df, NULL, NULL, x + ei, i - ei, &first);
		}
		free(L);
	} else {
		put_run(df, "[-", "-]", a + p, an, &first);
		put_run(df, "{+", "+}", b + p, bn, &first);
	}
	put_run(df, NULL, NULL, b + m - s, s, &first);
}

static void put_bullet(struct differ *df, unsigned level, const char *label)
{
	for (unsigned i = 0; i < level; i++)
		hlr_buf_puts(&df->out, "  ");
	hlr_buf_puts(&df->out, "- ");
	if (label)
		hlr_buf_puts(&df->out, label);
}

/* Depth of unit k below the nearest ancestor that is not shown with it. */
static unsigned shown_depth(const struct units *us, int k)
{
	unsigned d = 0;
	for (int p = us->v[k].parent; p >= 0 && us->v[p].match < 0; p = us->v[p].parent)
		d++;
	return d;
}

/* A unit that matches nothing, as "Added:" or "Removed:", nested under
 * its parent when the parent is listed too. */
static void put_unmatched(struct differ *df, const struct units *us, size_t k, const char *label)
{
	const struct unit *u = &us->v[k];
	unsigned d = shown_depth(us, (int)k);
	put_bullet(df, d, d ? NULL : label);
	put_words(df, u->words, u->nwords);
	hlr_buf_putc(&df->out, '\n');
	df->changed = true;
}

/* The new units added or edited, in order, then the old units removed. */
static void put_changes(struct differ *df, const struct units *nu, const struct units *ou)
{
	for (size_t k = 0; k < nu->n; k++) {
		const struct unit *u = &nu->v[k];
		if (u->match < 0) {
			put_unmatched(df, nu, k, "Added: ");
			continue;
		}
		const struct unit *o = &ou->v[u->match];
		if (same_words(u, o))
			continue;
		put_bullet(df, 0, "Edited: ");
		put_word_diff(df, o->words, o->nwords, u->words, u->nwords);
		hlr_buf_putc(&df->out, '\n');
		df->changed = true;
	}
	for (size_t k = 0; k < ou->n; k++)
		if (ou->v[k].match < 0)
			put_unmatched(df, ou, k, "Removed: ");
}

/* --- log entries -------------------------------------------------------- */

/* "r12: the entry's text" */
static void put_entry(struct differ *df, const struct hlr_entry *e)
{
	put_plain(df, e->id, strlen(e->id));
	hlr_buf_puts(&df->out, ": ");
	const struct hlr_text *t = &e->written->text;
	for (unsigned i = 0; i < t->nsegs; i++) {
		if (i)
			hlr_buf_putc(&df->out, ' ');
		put_plain(df, t->src_data + t->segs[i].src, t->segs[i].len);
	}
	hlr_buf_putc(&df->out, '\n');
	df->changed = true;
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* What changed in an entry from o to e (HLR_CHANGED_*). */
static unsigned entry_changes(const struct hlr_entry *o, const struct hlr_entry *e)
{
	unsigned c = 0;
	if (o->written != e->written) {
		const struct hlr_text *a = &o->written->text, *b = &e->written->text;
		bool same = a->nsegs == b->nsegs;
		for (unsigned i = 0; same && i < a->nsegs; i++)
			same = a->segs[i].len == b->segs[i].len &&
			       !memcmp(a->src_data + a->segs[i].src, b->src_data + b->segs[i].src,
			               a->segs[i].len);
		if (!same)
			c |= HLR_CHANGED_TEXT;
	}
	if (!same_str(o->owner, e->owner))
		c |= HLR_CHANGED_OWNER;
	if (!same_str(o->due, e->due))
		c |= HLR_CHANGED_DUE;
	if (!same_str(o->state, e->state))
		c |= HLR_CHANGED_STATE;
	const struct hlr_status *so = o->node ? o->node->status : o->written->status;
	const struct hlr_status *se = e->node ? e->node->status : e->written->status;
	if ((so == NULL) != (se == NULL) || (so && strcmp(so->key, se->key)))
		c |= HLR_CHANGED_STATUS;
	return c;
}

/* A log section's entries: opened, updated (with what) and closed between
 * the two reports. */
static void diff_entries(struct differ *df, const struct hlr_lnode *ns, const struct hlr_lnode *os)
{
	struct hlr_strmap open, now;
	hlr_strmap_init(&open, df->arena);
	hlr_strmap_init(&now, df->arena);
	for (unsigned i = 0; os && i < os->nentries; i++)
		if (os->entries[i]->action != HLR_ENTRY_CLOSED)
			hlr_strmap_put(&open, os->entries[i]->id, strlen(os->entries[i]->id),
			               (void *)os->entries[i]);
	for (unsigned i = 0; ns && i < ns->nentries; i++) {
		const struct hlr_entry *e = ns->entries[i];
		hlr_strmap_put(&now, e->id, strlen(e->id), (void *)e);
		const struct hlr_entry *o = hlr_strmap_get(&open, e->id, strlen(e->id));
		if (e->action == HLR_ENTRY_CLOSED) {
			put_bullet(df, 0, o ? "Closed: " : "Opened and closed: ");
			put_entry(df, e);
		} else if (!o) {
			put_bullet(df, 0, "Opened: ");
			put_entry(df, e);
		} else {
			unsigned c = entry_changes(o, e);
			if (!c)
				continue;
			struct hlr_buf b = HLR_BUF_INIT;
			hlr_buf_puts(&b, "Updated (");
			hlr_entry_changes(&b, c);
			hlr_buf_puts(&b, "): ");
			put_bullet(df, 0, b.data);
			hlr_buf_free(&b);
			put_entry(df, e);
		}
	}
	for (unsigned i = 0; os && i < os->nentries; i++) {
		const struct hlr_entry *o = os->entries[i];
		if (o->action != HLR_ENTRY_CLOSED && !hlr_strmap_get(&now, o->id, strlen(o->id))) {
			put_bullet(df, 0, "Closed: ");
			put_entry(df, o);
		}
	}
}

/* --- sections ----------------------------------------------------------- */

/* The sections of a lowered report in reading order (arena array; *n set),
 * and in *parts the part each is in (NULL outside parts). */
static const struct hlr_lnode **sections_of(struct hlr_arena *a, const struct hlr_doc *doc,
                                            size_t *n, const struct hlr_lnode ***parts)
{
	size_t cap = 16;
	const struct hlr_lnode **v = hlr_arena_alloc(a, cap * sizeof *v);
	const struct hlr_lnode **p = hlr_arena_alloc(a, cap * sizeof *p);
	*n = 0;
	for (const struct hlr_lnode *x = doc->first; x; x = x->next) {
		const struct hlr_lnode *s = x->kind == HLR_L_PART ? x->first : x;
		for (; s; s = x->kind == HLR_L_PART ? s->next : NULL) {
			if (*n == cap) {
				v = hlr_arena_grow(a, v, *n, cap * 2, sizeof *v);
				p = hlr_arena_grow(a, p, *n, cap * 2, sizeof *p);
				cap *= 2;
			}
			p[*n] = x->kind == HLR_L_PART ? x : NULL;
			v[(*n)++] = s;
		}
	}
	*parts = p;
	return v;
}

/* The carried content when it is the whole content of section s. */
static const struct hlr_lnode *carried_whole(const struct hlr_lnode *s)
{
	const struct hlr_lnode *c = s->first;
	if (c && !c->next && c->kind == HLR_L_CARRIED && !c->text->len)
		return c;
	return NULL;
}

/* A section's heading; in a part with an id (where its keyword may be
 * repeated), after the part's heading: "Workstream A: RISKS AND ISSUES". */
static void put_heading(struct differ *df, const struct hlr_lnode *part, const char *heading)
{
	hlr_buf_puts(&df->out, df->md ? "\n## " : "\n");
	if (part && part->anchor) {
		put_plain(df, part->title, part->title_len);
		hlr_buf_puts(&df->out, ": ");
	}
	put_plain(df, heading, strlen(heading));
	hlr_buf_puts(&df->out, "\n\n");
}

static void put_line(struct differ *df, const char *s)
{
	hlr_buf_puts(&df->out, s);
	hlr_buf_putc(&df->out, '\n');
}

/* Compares section ns of nr (or none) with section os of or (or none). */
static void diff_section(struct differ *df, const struct hlr_report *nr, const struct hlr_lnode *ns,
                         const struct hlr_report *or, const struct hlr_lnode *os,
                         const struct hlr_lnode *part)
{
	struct units nu = {NULL, 0, 0}, ou = {NULL, 0, 0};
	if (ns)
		collect(df, &nu, nr, ns, -1);
	if (os)
		collect(df, &ou, or, os, -1);
	match_units(df, &nu, &ou);
	size_t start = df->out.len;
	put_heading(df, part, ns ? ns->base_title : os->base_title);
	size_t body = df->out.len;
	if (!os || !ns) {
		put_line(df, os ? "Section removed." : "New section.");
		df->changed = true;
	} else {
		const char *h = ns->base_title, *g = os->base_title;
		if (strcmp(h, g)) {
			hlr_buf_puts(&df->out, "Heading changed from \"");
			put_plain(df, g, strlen(g));
			hlr_buf_puts(&df->out, "\".\n");
			df->changed = true;
		}
	}
	const struct hlr_lnode *u = ns ? carried_whole(ns) : NULL;
	if (u && u->since->has_period) {
		char ph[64];
		hlr_period_phrase(&u->since->period, ph);
		hlr_buf_printf(&df->out, "Unchanged (carried from %s).\n", ph);
	}
	size_t list = df->out.len;
	if (list > body)
		hlr_buf_putc(&df->out, '\n');
	size_t items = df->out.len;
	put_changes(df, &nu, &ou);
	diff_entries(df, ns, os);
	if (df->out.len == items)
		df->out.len = list; /* no list after the notes */
	if (df->out.len == body)
		df->out.len = start; /* nothing to say about this section */
}

/* One header line of each report: a text compared word by word, or
 * (list set) a list compared entry by entry. */
struct header_line {
	const char *label;      /* "Title" */
	bool list;              /* entries, not words */
	const int *old, *new;   /* word or entry numbers */
	size_t nold, nnew;      /* their counts */
};

static void text_words(struct differ *df, const char *s, const int **v, size_t *n)
{
	struct wordvec w = {NULL, 0, 0};
	if (s)
		split_words(df, &w, s, strlen(s));
	*v = w.v;
	*n = w.n;
}

/* The services (list 0) or the authorities (list 1) of r, as entries. */
static void list_entries(struct differ *df, const struct hlr_report *r, int list, const int **v,
                         size_t *n)
{
	struct wordvec w = {NULL, 0, 0};
	unsigned count = list ? r->nauthorities : r->nservices;
	for (unsigned i = 0; i < count; i++) {
		struct hlr_buf b = HLR_BUF_INIT;
		if (list)
			hlr_buf_printf(&b, "@%s %s", r->authorities[i].tag, r->authorities[i].name);
		else
			hlr_buf_puts(&b, r->services[i]);
		wordvec_add(df, &w, b.data, b.len);
		hlr_buf_free(&b);
	}
	*v = w.v;
	*n = w.n;
}

static bool same_list(const int *a, size_t n, const int *b, size_t m)
{
	return n == m && (!n || !memcmp(a, b, n * sizeof *a));
}

/* The value of the field with def's key in r, or NULL. */
static const char *field_text(const struct hlr_report *r, const struct hlr_field_def *def)
{
	for (unsigned i = 0; i < r->nfieldvals; i++)
		if (!strcmp(r->fieldvals[i].def->key, def->key))
			return r->fieldvals[i].value;
	return NULL;
}

/* Built-in and declared fields that differ, by their labels, in the order
 * the header shows them: the built-in ones, the new report's declared
 * ones, then those only the old report declares. */
static void diff_fields(struct differ *df, const struct hlr_report *nr,
                        const struct hlr_report *or)
{
	const struct hlr_field_def *bi;
	size_t nbi = hlr_field_builtins(&bi);
	size_t n = nbi + nr->nfielddefs + or->nfielddefs;
	for (size_t i = 0; i < n; i++) {
		const struct hlr_field_def *def = i < nbi ? &bi[i]
		                                  : i < nbi + nr->nfielddefs ? nr->fielddefs[i - nbi]
		                                  : or->fielddefs[i - nbi - nr->nfielddefs];
		if (i >= nbi + nr->nfielddefs &&
		    hlr_strmap_get(&nr->fieldmap, def->key, strlen(def->key)))
			continue; /* compared as the new report's */
		struct header_line h = {def->label, false, NULL, NULL, 0, 0};
		text_words(df, field_text(or, def), &h.old, &h.nold);
		text_words(df, field_text(nr, def), &h.new, &h.nnew);
		if (same_list(h.old, h.nold, h.new, h.nnew))
			continue;
		put_bullet(df, 0, h.label);
		hlr_buf_puts(&df->out, ": ");
		put_word_diff(df, h.old, h.nold, h.new, h.nnew);
		hlr_buf_putc(&df->out, '\n');
	}
}

/* Header fields that differ: title, author, services, authorities, and
 * built-in and declared fields. */
static void diff_header(struct differ *df, const struct hlr_report *nr, const struct hlr_report *or)
{
	struct header_line h[4] = {
		{"Title", false, NULL, NULL, 0, 0},
		{"Author", false, NULL, NULL, 0, 0},
		{"Service areas", true, NULL, NULL, 0, 0},
		{"Authorities", true, NULL, NULL, 0, 0},
	};
	text_words(df, or->title, &h[0].old, &h[0].nold);
	text_words(df, nr->title, &h[0].new, &h[0].nnew);
	text_words(df, or->author, &h[1].old, &h[1].nold);
	text_words(df, nr->author, &h[1].new, &h[1].nnew);
	list_entries(df, or, 0, &h[2].old, &h[2].nold);
	list_entries(df, nr, 0, &h[2].new, &h[2].nnew);
	list_entries(df, or, 1, &h[3].old, &h[3].nold);
	list_entries(df, nr, 1, &h[3].new, &h[3].nnew);
	size_t start = df->out.len;
	put_heading(df, NULL, "Header");
	size_t body = df->out.len;
	for (int i = 0; i < 4; i++) {
		if (same_list(h[i].old, h[i].nold, h[i].new, h[i].nnew))
			continue;
		put_bullet(df, 0, h[i].label);
		hlr_buf_puts(&df->out, ": ");
		df->sep = h[i].list ? ", " : " ";
		put_word_diff(df, h[i].old, h[i].nold, h[i].new, h[i].nnew);
		df->sep = " ";
		hlr_buf_putc(&df->out, '\n');
	}
	diff_fields(df, nr, or);
	if (df->out.len == body)
		df->out.len = start;
	else
		df->changed = true;
}

static void put_report_name(struct differ *df, const struct hlr_report *r)
{
	char ph[64];
	if (r->has_period) {
		hlr_period_phrase(&r->period, ph);
		hlr_buf_puts(&df->out, ph);
		hlr_buf_puts(&df->out, " (");
	}
	put_plain(df, r->name, strlen(r->name));
	hlr_buf_puts(&df->out, r->has_period ? ".hlr)" : ".hlr");
}

/* The whole summary of the changes from or to nr into df->out. */
static void diff_reports(struct differ *df, const struct hlr_report *or, const struct hlr_report *nr)
{
	hlr_buf_puts(&df->out, "Changes from ");
	put_report_name(df, or);
	hlr_buf_puts(&df->out, " to ");
	put_report_name(df, nr);
	hlr_buf_puts(&df->out, ":\n");
	diff_header(df, nr, or);
	if (hlr_diff_track(&df->out, df->md, or, nr))
		df->changed = true;
	/* both as a reader sees them: the whole report, carried content in place */
	struct hlr_lower_opts lo = {.view = -1};
	size_t nn, no;
	const struct hlr_lnode **np, **op;
	const struct hlr_lnode **ns = sections_of(df->arena, hlr_lower(df->arena, nr, &lo), &nn, &np);
	const struct hlr_lnode **os = sections_of(df->arena, hlr_lower(df->arena, or, &lo), &no, &op);
	/* address ("keyword", or "part/keyword" in a part with an id) -> the
	 * first section with it, on each side */
	struct hlr_strmap nk, ok;
	hlr_strmap_init(&nk, df->arena);
	hlr_strmap_init(&ok, df->arena);
	for (size_t i = 0; i < nn; i++)
		if (!hlr_strmap_get(&nk, ns[i]->address, ns[i]->address_len))
			hlr_strmap_put(&nk, ns[i]->address, ns[i]->address_len, (void *)ns[i]);
	for (size_t j = 0; j < no; j++)
		if (!hlr_strmap_get(&ok, os[j]->address, os[j]->address_len))
			hlr_strmap_put(&ok, os[j]->address, os[j]->address_len, (void *)os[j]);
	for (size_t i = 0; i < nn; i++)
		diff_section(df, nr, ns[i], or, hlr_strmap_get(&ok, ns[i]->address, ns[i]->address_len),
		             np[i]);
	for (size_t j = 0; j < no; j++)
		if (!hlr_strmap_get(&nk, os[j]->address, os[j]->address_len))
			diff_section(df, nr, NULL, or, os[j], op[j]);
	if (!df->changed) {
		df->out.len = 0;
		hlr_buf_puts(&df->out, "No changes.\n");
	}
}

/* --- the entry point -------------------------------------------------- */

void hlr_diff(struct hlr_arena *a, const struct hlr_report *or, const struct hlr_report *nr,
              bool md, struct hlr_buf *out)
{
	struct differ df = {a, {0}, NULL, 0, 0, md, " ", HLR_BUF_INIT, false, DIFF_BUDGET_CELLS};
	hlr_strmap_init(&df.words, a);
	diff_reports(&df, or, nr);
	hlr_buf_put(out, df.out.data ? df.out.data : "", df.out.len);
	hlr_buf_free(&df.out);
}
