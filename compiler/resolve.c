/* compiler: the resolve stage (see resolve.h). Header fields are checked
 * through a table indexed by field name; sections, tags and ids by walking
 * the tree. Content carried forward from the previous report is cloned into
 * the report that carries it, with its tags checked again against this
 * report's authorities. Every problem is a diagnostic; nothing stops early. */
#include "compiler/resolve.h"
#include "compiler/attach.h"
#include "compiler/field.h"
#include "compiler/profile.h"
#include "compiler/table.h"
#include "compiler/diag.h"
#include "compiler/inline.h"
#include "compiler/log.h"
#include "compiler/series.h"
#include "compiler/track.h"
#include "runtime/utf8.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
	struct hlr_arena *a;        /* compilation arena */
	struct hlr_diags *d;        /* where problems go */
	struct hlr_report *r;       /* report being resolved */
	struct hlr_source *src;     /* its source */
	bool series_file;           /* resolving the fields of a series file */
	bool from_defaults;         /* the current field comes from the series file */
	bool services_own;          /* the report has set its own services */
	struct hlr_node *period;    /* the period field, read once the header's
	                               cadence and fiscal year are known */
};

/* --- did-you-mean ------------------------------------------------------ */

/* Edit distance between a[0..n) and b[0..m), letters compared without
 * case, a swap of two neighbours counting as one edit: exact up to bound,
 * bound + 1 beyond it (so a long candidate costs a few rows, not a table);
 * (size_t)-1 for words of 64 bytes or more. */
static size_t distance(const char *a, size_t n, const char *b, size_t m, size_t bound)
{
	enum { MAX = 64 };
	if (n >= MAX || m >= MAX)
		return (size_t)-1;
	if ((n > m ? n - m : m - n) > bound)
		return bound + 1;
	/* only cells near the diagonal can hold bound or less: the others
	 * count as bound + 1 */
	const size_t far = bound + 1;
	size_t rows[3][MAX];
	size_t *row = rows[0], *prev = rows[1], *prev2 = rows[2];
	size_t prevlow = 0; /* smallest value of prev */
	char fb[MAX]; /* b in lowercase */
	for (size_t j = 0; j < m; j++)
		fb[j] = b[j] >= 'A' && b[j] <= 'Z' ? (char)(b[j] - 'A' + 'a') : b[j];
	for (size_t j = 0; j <= m; j++)
		prev[j] = j <= bound ? j : far;
	for (size_t i = 1; i <= n; i++) {
		size_t lo = i > bound ? i - bound : 1, hi = i + bound < m ? i + bound : m;
		size_t low = row[lo - 1] = lo == 1 ? i : far;
		char ca = a[i - 1];
		if (ca >= 'A' && ca <= 'Z')
			ca = (char)(ca - 'A' + 'a');
		for (size_t j = lo; j <= hi; j++) {
			size_t cost = ca != fb[j - 1];
			size_t v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			/* a swap of two neighbours counts as one edit */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			row[j] = v;
			if (v < low)
				low = v;
		}
		if (hi < m)
			row[hi + 1] = far;
		/* every later value grows from one of the last two rows */
		if (low > bound && prevlow > bound)
			return far;
		prevlow = low;
		size_t *t = prev2;
		prev2 = prev;
		prev = row;
		row = t;
	}
	return prev[m] > bound ? far : prev[m];
}

/* Whether cand[0..m) starts with word[0..len) as strncmp sees it. */
static bool is_prefix(const char *word, size_t len, const char *cand, size_t m)
{
	size_t i = 0;
	while (i < len && i < m && word[i] == cand[i] && word[i])
		i++;
	return i == len || (i < m && word[i] == cand[i]);
}

/* How far word may be from a suggestion: 1 to 3 edits by its length. */
static size_t suggest_limit(size_t len)
{
	return len <= 3 ? 1 : len <= 6 ? 2 : 3;
}

/* The distance that ranks cand for word (a prefix of a long keyword, "fin"
 * for "finance", is a fair guess), exact up to the limit. */
static size_t suggest_distance(const char *word, size_t len, const char *cand, size_t m)
{
	size_t d = distance(word, len, cand, m, suggest_limit(len));
	if (len >= 3 && len < m && d > 1 && is_prefix(word, len, cand, m))
		d = 1;
	return d;
}

const char *hlr_suggest(const char *word, size_t len, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t d = suggest_distance(word, len, cands[i], strlen(cands[i]));
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return bestd <= suggest_limit(len) ? best : NULL;
}

/* One candidate of an index: its text and its place in the given order. */
struct cand {
	const char *s;     /* the word (not NUL-terminated) */
	uint32_t len, num; /* its length, and its position as added */
};

/* Up to SCAN_ALL candidates every one is compared, as hlr_suggest does.
 * Beyond, a suggestion looks at the WINDOW candidates nearest the word in
 * byte order and as many in the order of reversed bytes (a typo leaves
 * the start or the end of a word in place), and at the first candidate
 * the word is a prefix of: a bounded amount of work per diagnostic. */
enum { SCAN_ALL = 256, WINDOW = 32 };

struct hlr_suggest_index {
	struct cand *v;          /* candidates as added */
	size_t n, cap;           /* count and capacity */
	struct cand *fwd, *rev;  /* sorted by bytes, and by bytes read backwards */
	uint32_t *tree;          /* segment tree over fwd: smallest num in a range */
	bool sorted;             /* fwd, rev and tree are built */
};

struct hlr_suggest_index *hlr_suggest_index_new(struct hlr_arena *a)
{
	return hlr_arena_alloc(a, sizeof(struct hlr_suggest_index));
}

void hlr_suggest_index_add(struct hlr_arena *a, struct hlr_suggest_index *x, const char *s,
                           size_t len)
{
	if (x->n == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 16;
		x->v = hlr_arena_grow(a, x->v, x->n, cap, sizeof *x->v);
		x->cap = cap;
	}
	x->v[x->n] = (struct cand){s, (uint32_t)len, (uint32_t)x->n};
	x->n++;
}

/* Byte order of a and b forwards (back set: backwards), shorter first on
 * a tie. */
static int cand_cmp_dir(const char *a, size_t an, const char *b, size_t bn, bool back)
{
	size_t n = an < bn ? an : bn;
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)(back ? a[an - 1 - i] : a[i]);
		unsigned char y = (unsigned char)(back ? b[bn - 1 - i] : b[i]);
		if (x != y)
			return x < y ? -1 : 1;
	}
	return an < bn ? -1 : an > bn;
}

static int by_bytes(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	int k = cand_cmp_dir(a->s, a->len, b->s, b->len, false);
	return k ? k : a->num < b->num ? -1 : a->num > b->num;
}

static int by_bytes_back(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	int k = cand_cmp_dir(a->s, a->len, b->s, b->len, true);
	return k ? k : a->num < b->num ? -1 : a->num > b->num;
}

/* First position of v[0..n) (sorted, direction back) not before word. */
static size_t lower_bound(const struct cand *v, size_t n, const char *word, size_t len, bool back)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cand_cmp_dir(v[mid].s, v[mid].len, word, len, back) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void index_sort(struct hlr_arena *a, struct hlr_suggest_index *x)
{
	size_t n = x->n;
	x->fwd = hlr_arena_alloc_raw(a, n * sizeof *x->fwd);
	x->rev = hlr_arena_alloc_raw(a, n * sizeof *x->rev);
	memcpy(x->fwd, x->v, n * sizeof *x->fwd);
	memcpy(x->rev, x->v, n * sizeof *x->rev);
	qsort(x->fwd, n, sizeof *x->fwd, by_bytes);
	qsort(x->rev, n, sizeof *x->rev, by_bytes_back);
	x->tree = hlr_arena_alloc_raw(a, 2 * n * sizeof *x->tree);
	for (size_t i = 0; i < n; i++)
		x->tree[n + i] = x->fwd[i].num;
	for (size_t i = n; i-- > 1;)
		x->tree[i] = x->tree[2 * i] < x->tree[2 * i + 1] ? x->tree[2 * i] : x->tree[2 * i + 1];
	x->sorted = true;
}

/* The smallest num among fwd[l..r), or UINT32_MAX. */
static uint32_t index_min(const struct hlr_suggest_index *x, size_t l, size_t r)
{
	uint32_t m = UINT32_MAX;
	for (l += x->n, r += x->n; l < r; l /= 2, r /= 2) {
		if (l & 1) {
			if (x->tree[l] < m)
				m = x->tree[l];
			l++;
		}
		if (r & 1) {
			r--;
			if (x->tree[r] < m)
				m = x->tree[r];
		}
	}
	return m;
}

/* Keeps the better of *best and candidate k (nearer, then earlier). */
static void consider(const struct hlr_suggest_index *x, const char *word, size_t len,
                     uint32_t k, size_t *bestd, uint32_t *best)
{
	const struct cand *c = &x->v[k];
	size_t d = suggest_distance(word, len, c->s, c->len);
	if (d < *bestd || (d == *bestd && k < *best)) {
		*bestd = d;
		*best = k;
	}
}

const char *hlr_suggest_in(struct hlr_arena *a, struct hlr_suggest_index *x, const char *word,
                           size_t len, size_t *len_out)
{
	size_t bestd = (size_t)-1;
	uint32_t best = UINT32_MAX;
	if (x->n <= SCAN_ALL) {
		for (size_t i = 0; i < x->n; i++)
			consider(x, word, len, (uint32_t)i, &bestd, &best);
	} else {
		if (!x->sorted)
			index_sort(a, x);
		size_t n = x->n;
		for (int back = 0; back < 2; back++) {
			const struct cand *v = back ? x->rev : x->fwd;
			size_t p = lower_bound(v, n, word, len, back);
			size_t from = p > WINDOW ? p - WINDOW : 0, to = n - p > WINDOW ? p + WINDOW : n;
			for (size_t i = from; i < to; i++)
				consider(x, word, len, v[i].num, &bestd, &best);
		}
		if (len >= 3) {
			/* the words that start with word follow it in fwd: the first
			 * of them (by num) that is longer ranks at 1 */
			size_t lo = lower_bound(x->fwd, n, word, len, false), hi = n;
			while (lo < n && x->fwd[lo].len == len && !memcmp(x->fwd[lo].s, word, len))
				lo++;
			for (size_t l = lo; l < hi;) {
				size_t mid = l + (hi - l) / 2;
				if (x->fwd[mid].len > len && !memcmp(x->fwd[mid].s, word, len))
					l = mid + 1;
				else
					hi = mid;
			}
			if (lo < hi)
				consider(x, word, len, index_min(x, lo, hi), &bestd, &best);
		}
	}
	if (best == UINT32_MAX || bestd > suggest_limit(len))
		return NULL;
	*len_out = x->v[best].len;
	return x->v[best].s;
}

/* " (did you mean 'x'?)" or "" */
static const char *dym(struct ctx *c, const char *word, size_t len, const char *const *cands,
                       size_t n)
{
	if (hlr_diags_full(c->d))
		return ""; /* the diagnostic will not be kept */
	const char *s = hlr_suggest(word, len, cands, n);
	if (!s)
		return "";
	char buf[160];
	snprintf(buf, sizeof buf, "; did you mean '%s'?", s);
	return hlr_arena_strndup(c->a, buf, strlen(buf));
}

/* The same from an index built once (see hlr_suggest_in). */
static const char *dym_in(struct ctx *c, struct hlr_suggest_index *x, const char *word,
                          size_t len)
{
	size_t n = 0;
	const char *s = hlr_diags_full(c->d) ? NULL : hlr_suggest_in(c->a, x, word, len, &n);
	if (!s)
		return "";
	char buf[160];
	snprintf(buf, sizeof buf, "; did you mean '%.*s'?", (int)n, s);
	return hlr_arena_strndup(c->a, buf, strlen(buf));
}

/* The one candidate of x within edit distance of word (by suggest_limit,
 * not counting the prefix guess) when it is the did-you-mean too; NULL
 * when there is none or more than one, or x is too large to ask all: a
 * suggestion certain enough to be a fix-it. Its length goes in *len_out. */
static const char *certain_in(struct ctx *c, struct hlr_suggest_index *x, const char *word,
                              size_t len, size_t *len_out)
{
	if (hlr_diags_full(c->d) || x->n > SCAN_ALL)
		return NULL;
	size_t limit = suggest_limit(len);
	const struct cand *found = NULL;
	for (size_t i = 0; i < x->n; i++) {
		const struct cand *k = &x->v[i];
		if (distance(word, len, k->s, k->len, limit) > limit)
			continue;
		if (found && (found->len != k->len || memcmp(found->s, k->s, k->len)))
			return NULL; /* two words: not certain */
		found = k;
	}
	if (!found || (found->len == len && !memcmp(found->s, word, len)))
		return NULL;
	size_t n = 0; /* and it is the word the message suggests */
	const char *s = hlr_suggest_in(c->a, x, word, len, &n);
	if (!s || n != found->len || memcmp(s, found->s, n))
		return NULL;
	*len_out = found->len;
	return found->s;
}

static const char *str(struct ctx *c, const char *s, size_t n)
{
	return hlr_arena_strndup(c->a, s, n);
}

static const char *text_str(struct ctx *c, const struct hlr_text *t)
{
	return str(c, hlr_text_join(c->a, (struct hlr_text *)t), t->len);
}

static bool is_ident(const char *s, size_t n, bool dash)
{
	if (!n || !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		return false;
	for (size_t i = 1; i < n; i++) {
		char ch = s[i];
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		      ch == '_' || (dash && ch == '-')))
			return false;
	}
	return true;
}

/* --- header fields ----------------------------------------------------- */

static void field_title(struct ctx *c, struct hlr_node *f)
{
	c->r->title = text_str(c, &f->text);
}

static void field_author(struct ctx *c, struct hlr_node *f)
{
	c->r->author = text_str(c, &f->text);
}

static void field_service(struct ctx *c, struct hlr_node *f)
{
	struct hlr_report *r = c->r;
	if (!c->from_defaults && !c->services_own) {
		r->nservices = 0; /* the report's own list replaces the series' */
		c->services_own = true;
	}
	if ((r->nservices & (r->nservices - 1)) == 0) /* 0, 1, 2, 4, ...: double */
		r->services = hlr_arena_grow(c->a, r->services, r->nservices,
		                             r->nservices ? 2 * r->nservices : 1, sizeof *r->services);
	r->services[r->nservices++] = text_str(c, &f->text);
}

static void field_period(struct ctx *c, struct hlr_node *f)
{
	if (c->series_file) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_MISPLACED_FIELD, f->src, f->key,
		         "'period' belongs in each report, not in the series file");
		return;
	}
	c->period = f; /* read by read_period, after every other field */
}

static void read_period(struct ctx *c)
{
	struct hlr_node *f = c->period;
	if (!f)
		return;
	const char *err;
	size_t off, len;
	struct hlr_fiscal fy = {c->r->fy_start, c->r->cadence == HLR_CADENCE_FOURWEEKLY ? 13 : 12};
	if (hlr_period_parse_in(c->a, f->text.s, f->text.len, &fy, &c->r->period, &err, &off,
	                        &len)) {
		c->r->has_period = true;
		return;
	}
	char canon[48];
	bool unsure;
	if (hlr_period_from_words(f->text.s, f->text.len, canon, &unsure) &&
	    (strlen(canon) != f->text.len || memcmp(canon, f->text.s, f->text.len))) {
		/* as Word writes it: the canonical form is certain */
		uint32_t v = hlr_text_source_offset(&f->text, 0);
		struct hlr_span all = hlr_span_make(v, v + (uint32_t)f->text.len);
		size_t k = hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_PERIOD, f->src, all,
		                    "write the period as '%s': hlrc words it in the output", canon);
		hlr_diag_fixit(c->d, k, all, canon);
		return;
	}
	uint32_t at = hlr_text_source_offset(&f->text, off);
	hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_PERIOD, f->src,
	         hlr_span_make(at, at + (uint32_t)(len ? len : 1)), "%s%s", err,
	         unsure ? "; a date like 03/07/2020 could be 3rd July or 7th March: write it "
	                  "YYYY-MM-DD" : "");
}

static void field_previous(struct ctx *c, struct hlr_node *f)
{
	if (c->series_file) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_MISPLACED_FIELD, f->src, f->key,
		         "'previous' belongs in a report, not in the series file");
		return;
	}
	c->r->previous_field = f; /* followed by the series (series.c) */
}

static void field_cadence(struct ctx *c, struct hlr_node *f)
{
	static const char *names[] = {"weekly", "fortnightly", "monthly", "quarterly", "daily",
	                              "4-weekly"};
	for (size_t i = 0; i < 6; i++)
		if (f->text.len == strlen(names[i]) && !memcmp(f->text.s, names[i], f->text.len)) {
			c->r->cadence = (enum hlr_cadence)(i + 1);
			return;
		}
	hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_CADENCE, f->src, f->span,
	         "unknown cadence '%s'%s; expected daily, weekly, fortnightly, 4-weekly, monthly "
	         "or quarterly", text_str(c, &f->text), dym(c, f->text.s, f->text.len, names, 6));
}

static void field_fiscal_year_start(struct ctx *c, struct hlr_node *f)
{
	static const char *names[] = {"january", "february", "march", "april", "may", "june",
	                              "july", "august", "september", "october", "november",
	                              "december"};
	for (int i = 0; i < 12; i++)
		if (f->text.len == strlen(names[i]) && !memcmp(f->text.s, names[i], f->text.len)) {
			c->r->fy_start = i + 1;
			return;
		}
	hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_FISCAL_YEAR, f->src, f->span,
	         "'fiscal-year-start' takes the month the fiscal year starts in, in lower case, "
	         "such as 'fiscal-year-start april'%s", dym(c, f->text.s, f->text.len, names, 12));
}

static void field_require(struct ctx *c, struct hlr_node *f)
{
	c->r->require = f; /* checked against the sections in check_rules */
}

static void field_standing(struct ctx *c, struct hlr_node *f)
{
	if (!c->series_file) {
		if (!c->from_defaults)
			hlr_diag(c->d, HLR_ERROR, HLR_C_MISPLACED_FIELD, f->src, f->key,
			         "'standing' belongs in the series file, beside the standing text");
		return;
	}
	c->r->standing_field = f; /* checked with the text (hlr_resolve_series_file) */
}

/* attachment: files the report links to and lists (attach.c) */
static void field_attachment(struct ctx *c, struct hlr_node *f)
{
	hlr_attach_field(c->a, c->d, c->r, f);
}

/* log, entry-state, owner: the series' logs (log.c) */
static void field_log(struct ctx *c, struct hlr_node *f)
{
	struct hlr_report *r = c->r;
	if (r->nlogdecls == r->caplogdecls) {
		r->caplogdecls = r->caplogdecls ? r->caplogdecls * 2 : 8;
		r->logdecls = hlr_arena_grow(c->a, r->logdecls, r->nlogdecls, r->caplogdecls,
		                             sizeof *r->logdecls);
	}
	r->logdecls[r->nlogdecls++] = f;
}

static void field_stale_after(struct ctx *c, struct hlr_node *f)
{
	int n;
	if (!hlr_parse_digits(f->text.s, f->text.len, &n) || n < 1) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_RULE, f->src, f->span,
		         "'stale-after' takes a number of reports, such as 'stale-after 6'");
		return;
	}
	c->r->stale_after = (unsigned)n;
}

/* The first word of a one-line field value ("CCC" of "CCC Cambridgeshire
 * County Council"): its length, and its span in the source. */
static size_t first_word(const struct hlr_node *f, struct hlr_span *span)
{
	const char *s = f->text.s;
	size_t w = 0;
	while (w < f->text.len && s[w] != ' ' && s[w] != '\t')
		w++;
	uint32_t at = hlr_text_source_offset(&f->text, 0);
	*span = hlr_span_make(at, at + (uint32_t)w);
	return w;
}

static void field_authority(struct ctx *c, struct hlr_node *f)
{
	struct hlr_report *r = c->r;
	const char *s = f->text.s;
	struct hlr_span tag;
	size_t n = f->text.len, w = first_word(f, &tag);
	if (!is_ident(s, w, false)) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_AUTHORITY, f->src, tag,
		         "an authority tag is a letter followed by letters, digits or '_', "
		         "like 'CCC'");
		return;
	}
	size_t p = w;
	while (p < n && (s[p] == ' ' || s[p] == '\t'))
		p++;
	if (p == n) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_AUTHORITY, f->src, tag,
		         "authority '%.*s' needs a full name: 'authority %.*s Full Name (Short name)'",
		         (int)w, s, (int)w, s);
		return;
	}
	const char *name = s + p;
	size_t namelen = n - p, shortlen = 0;
	const char *shortname = NULL;
	if (namelen > 2 && name[namelen - 1] == ')') {
		for (size_t i = namelen - 1; i-- > 0;)
			if (name[i] == '(') {
				shortname = name + i + 1;
				shortlen = namelen - i - 2;
				namelen = i;
				while (namelen && name[namelen - 1] == ' ')
					namelen--;
				break;
			}
	}
	struct hlr_authority *au;
	int prev = hlr_report_authority(r, s, w);
	if (prev >= 0 && r->authorities[prev].decl->src == f->src) {
		size_t k = hlr_diag(c->d, HLR_ERROR, HLR_C_DUPLICATE_AUTHORITY, f->src, tag,
		                    "authority '%.*s' is declared twice", (int)w, s);
		hlr_diag_note(c->d, k, f->src, r->authorities[prev].tag_span, "first declared here");
		return;
	}
	if (prev >= 0) {
		au = &r->authorities[prev]; /* the report redefines the series' authority */
	} else {
		if (r->nauthorities == HLR_MAX_AUTHORITIES) {
			hlr_diag(c->d, HLR_ERROR, HLR_C_TOO_MANY_AUTHORITIES, f->src, tag,
			         "a report may declare at most %d authorities", HLR_MAX_AUTHORITIES);
			return;
		}
		r->authorities = hlr_arena_grow(c->a, r->authorities, r->nauthorities,
		                                r->nauthorities + 1, sizeof *r->authorities);
		au = &r->authorities[r->nauthorities++];
	}
	au->tag = str(c, s, w);
	au->tag_span = tag;
	au->name = str(c, name, namelen ? namelen : n - p);
	au->shortname = shortname && shortlen ? str(c, shortname, shortlen) : au->name;
	au->decl = f;
}

static void field_section(struct ctx *c, struct hlr_node *f)
{
	struct hlr_report *r = c->r;
	const char *s = f->text.s;
	struct hlr_span kw;
	size_t n = f->text.len, w = first_word(f, &kw);
	size_t p = w;
	while (p < n && (s[p] == ' ' || s[p] == '\t'))
		p++;
	bool lower = w > 0;
	for (size_t i = 0; i < w; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (i && ((s[i] >= '0' && s[i] <= '9') || s[i] == '-'))))
			lower = false;
	/* 'section KEY "Heading" [required]' */
	bool required = false;
	size_t hn = n;
	if (p < n && s[p] == '"') {
		const char *q = memchr(s + p + 1, '"', n - p - 1);
		size_t t = q ? (size_t)(q - s) + 1 : n;
		while (t < n && (s[t] == ' ' || s[t] == '\t'))
			t++;
		if (q && q > s + p + 1 && (t == n || (n - t == 8 && !memcmp(s + t, "required", 8)))) {
			required = t < n;
			hn = (size_t)(q - s);
			p++;
		} else if (lower) {
			uint32_t at = hlr_text_source_offset(&f->text, p);
			hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_SECTION_DECL, f->src,
			         hlr_span_make(at, at + (uint32_t)(n - p)),
			         "a quoted heading is 'section %.*s \"Heading\"', then 'required' or "
			         "nothing", (int)w, s);
			return;
		}
	}
	if (!lower || p == n) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_SECTION_DECL, f->src, kw,
		         "a section declaration is 'section keyword HEADING', with a lowercase "
		         "keyword of letters, digits and '-'");
		return;
	}
	if (hlr_profile_find(r->profile, s, w)) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_SECTION_DECL, f->src, kw,
		         "'%.*s' is already a catalogue keyword; override its heading with "
		         "'== %.*s: HEADING' instead", (int)w, s, (int)w, s);
		return;
	}
	struct hlr_section_def *def = hlr_strmap_get(&r->sectionmap, s, w);
	if (def && def->decl->src == f->src) {
		size_t k = hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_SECTION_DECL, f->src, kw,
		                    "section keyword '%.*s' is declared twice", (int)w, s);
		hlr_diag_note(c->d, k, f->src, def->decl->span, "first declared here");
		return;
	}
	if (!def) {
		def = hlr_arena_alloc(c->a, sizeof *def);
		if ((r->nsections & (r->nsections - 1)) == 0) /* 0, 1, 2, 4, ...: double */
			r->sections = hlr_arena_grow(c->a, r->sections, r->nsections,
			                             r->nsections ? 2 * r->nsections : 1,
			                             sizeof *r->sections);
		r->sections[r->nsections++] = def;
		def->keyword = str(c, s, w);
		hlr_strmap_put(&r->sectionmap, def->keyword, w, def);
	}
	def->heading = str(c, s + p, hn - p);
	def->decl = f;
	def->required = required;
}

/* Read before the other fields (read_fields): the catalogue decides
 * what a 'section' line may declare. */
static void read_profile(struct ctx *c, struct hlr_node *f)
{
	const struct hlr_profile *p = hlr_profile_named(f->text.s, f->text.len);
	if (p) {
		c->r->profile = p;
		c->r->profile_field = f;
		return;
	}
	size_t n;
	const char *const *names = hlr_profile_names(&n);
	hlr_diag(c->d, HLR_ERROR, HLR_C_UNKNOWN_PROFILE, f->src, f->span,
	         "unknown profile '%s'%s; expected council, prince2, project-status or own (the "
	         "series declares its sections)", text_str(c, &f->text),
	         dym(c, f->text.s, f->text.len, names, n));
}

static void field_declared(struct ctx *c, struct hlr_node *f)
{
	(void)c, (void)f; /* read before the other fields (read_fields) */
}

/* statuses, dimensions, metric, status: statuses and metrics (status.c) */
static void field_track(struct ctx *c, struct hlr_node *f)
{
	hlr_track_field(c->a, c->d, c->r, f, c->series_file);
}

static const struct field {
	const char *name;                            /* as written */
	bool repeat;                                 /* may appear more than once */
	bool required;                               /* a report must have it */
	void (*fn)(struct ctx *, struct hlr_node *); /* reads the value */
} fields[] = {
	{"title", false, true, field_title},
	{"service", true, false, field_service},
	{"author", false, false, field_author},
	{"period", false, true, field_period},
	{"authority", true, false, field_authority},
	{"section", true, false, field_section},
	{"cadence", false, false, field_cadence},
	{"previous", false, false, field_previous},
	{"require", false, false, field_require},
	{"stale-after", false, false, field_stale_after},
	{"standing", false, false, field_standing},
	{"fiscal-year-start", false, false, field_fiscal_year_start},
	{"field", true, false, field_declared},
	{"profile", false, false, field_declared},
	{"statuses", false, false, field_track},
	{"dimensions", false, false, field_track},
	{"metric", true, false, field_track},
	{"status", true, false, field_track},
	{"log", true, false, field_log},
	{"entry-state", true, false, field_log},
	{"owner", true, false, field_log},
	{"attachment", true, false, field_attachment},
};

enum { NFIELDS = sizeof fields / sizeof fields[0] };

/* Reads the fields of root (a report's or the series file's) into c->r;
 * seen collects which fields were given. */
static void read_fields(struct ctx *c, const struct hlr_node *root, bool seen[NFIELDS])
{
	struct hlr_node *first[NFIELDS] = {0};
	const char *names[NFIELDS];
	for (size_t i = 0; i < NFIELDS; i++)
		names[i] = fields[i].name;
	/* declared fields first: a value line may come before its declaration */
	for (struct hlr_node *f = root->first; f; f = f->next)
		if (f->kind == HLR_NODE_FIELD && hlr_span_eq(f->src, f->key, "field") && f->text.len)
			hlr_field_declare(c->a, c->d, c->r, f, names, NFIELDS);
	/* and the profile, whose catalogue 'section' lines are checked against
	 * (the first one: a second is an error below) */
	for (struct hlr_node *f = root->first; f; f = f->next)
		if (f->kind == HLR_NODE_FIELD && hlr_span_eq(f->src, f->key, "profile") && f->text.len) {
			read_profile(c, f);
			break;
		}
	for (struct hlr_node *f = root->first; f; f = f->next) {
		if (f->kind != HLR_NODE_FIELD)
			continue;
		const char *k = hlr_span_ptr(f->src, f->key);
		size_t kn = hlr_span_len(f->key);
		size_t i = 0;
		while (i < NFIELDS && !hlr_span_eq(f->src, f->key, fields[i].name))
			i++;
		const struct hlr_field_def *def = i == NFIELDS ? hlr_field_find(c->r, k, kn) : NULL;
		if (def) {
			if (!f->text.len)
				hlr_diag(c->d, HLR_ERROR, HLR_C_MISSING_VALUE, f->src, f->key,
				         "header field '%s' needs a value", def->key);
			else
				hlr_field_value(c->a, c->d, c->r, def, f);
			continue;
		}
		if (i == NFIELDS) {
			/* every name the header knows: the language's, the built-in
			 * fields and the declared ones */
			const struct hlr_field_def *bi;
			size_t nbi = hlr_field_builtins(&bi), nall = NFIELDS + nbi + c->r->nfielddefs;
			const char **all = hlr_arena_alloc(c->a, nall * sizeof *all);
			for (size_t j = 0; j < NFIELDS; j++)
				all[j] = names[j];
			for (size_t j = 0; j < nbi; j++)
				all[NFIELDS + j] = bi[j].key;
			for (size_t j = 0; j < c->r->nfielddefs; j++)
				all[NFIELDS + nbi + j] = c->r->fielddefs[j]->key;
			size_t base = kn && k[kn - 1] == ':' ? kn - 1 : kn;
			size_t e = hlr_diag(c->d, HLR_ERROR, HLR_C_UNKNOWN_FIELD, f->src, f->key,
			                    "unknown header field '%.*s'%s", (int)kn, k,
			                    dym(c, k, base, all, nall));
			/* "titel" or "Title:" is the field name, certainly */
			struct hlr_suggest_index *x = hlr_suggest_index_new(c->a);
			for (size_t j = 0; j < nall; j++)
				hlr_suggest_index_add(c->a, x, all[j], strlen(all[j]));
			size_t fn;
			const char *fix = certain_in(c, x, k, base, &fn);
			for (size_t j = 0; j < nall && !fix && base < kn; j++)
				if (strlen(all[j]) == base && !memcmp(all[j], k, base))
					fix = all[j], fn = base; /* "title:" */
			if (fix)
				hlr_diag_fixit(c->d, e, f->key, str(c, fix, fn));
			continue;
		}
		if (first[i] && !fields[i].repeat) {
			size_t d = hlr_diag(c->d, HLR_ERROR, HLR_C_DUPLICATE_FIELD, f->src, f->key,
			                    "'%s' is given twice", fields[i].name);
			hlr_diag_note(c->d, d, f->src, first[i]->key, "first given here");
			continue;
		}
		if (c->from_defaults && !c->series_file && !fields[i].repeat &&
		    (fields[i].fn == field_period || fields[i].fn == field_previous))
			continue; /* misplaced in the series file; reported there */
		if (!first[i])
			first[i] = f;
		seen[i] = true;
		if (!f->text.len) {
			hlr_diag(c->d, HLR_ERROR, HLR_C_MISSING_VALUE, f->src, f->key,
			         "header field '%s' needs a value", fields[i].name);
			continue;
		}
		fields[i].fn(c, f);
	}
}

static void resolve_standing(struct ctx *c);

void hlr_resolve_header(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                        const struct hlr_report *defaults)
{
	struct ctx c = {a, d, r, r->src, false, false, false, NULL};
	bool seen[NFIELDS] = {0};
	hlr_strmap_init(&r->sectionmap, a);
	hlr_strmap_init(&r->fieldmap, a);
	if (defaults) {
		/* the series file's own problems were reported when it was checked
		 * (hlr_resolve_series_file); here its values are only taken */
		struct hlr_diags quiet;
		hlr_diags_init(&quiet, a);
		c.d = &quiet;
		c.from_defaults = true;
		read_fields(&c, defaults->root, seen);
		c.from_defaults = false;
		c.d = d;
	}
	read_fields(&c, r->root, seen);
	hlr_log_check_decls(a, d, r);
	read_period(&c);
	for (size_t i = 0; i < NFIELDS; i++)
		if (fields[i].required && !seen[i])
			hlr_diag(d, HLR_ERROR, HLR_C_MISSING_FIELD, r->src,
			         hlr_span_make((uint32_t)r->src->bom, (uint32_t)r->src->bom),
			         "the report has no '%s' line in its header%s", fields[i].name,
			         defaults && i == 0 ? " or its series file" : "");
}

void hlr_resolve_series_file(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r)
{
	struct ctx c = {a, d, r, r->src, true, true, false, NULL};
	bool seen[NFIELDS] = {0};
	hlr_strmap_init(&r->sectionmap, a);
	hlr_strmap_init(&r->fieldmap, a);
	read_fields(&c, r->root, seen);
	hlr_log_check_decls(a, d, r);
	resolve_standing(&c);
}

/* --- lookups ----------------------------------------------------------- */

int hlr_report_authority(const struct hlr_report *r, const char *tag, size_t n)
{
	for (unsigned i = 0; i < r->nauthorities; i++)
		if (strlen(r->authorities[i].tag) == n && memcmp(r->authorities[i].tag, tag, n) == 0)
			return (int)i;
	return -1;
}

/* Where a node's id or anchor is written: its id, or a section's keyword. */
static struct hlr_span anchor_of(const struct hlr_node *n)
{
	return hlr_span_empty(n->id) ? n->key : n->id;
}

/* A node's id or anchor: its id, or a section's address ("keyword", or
 * "part/keyword" in a part with an id). */
static const char *anchor_str(const struct hlr_node *n, size_t *len)
{
	if (hlr_span_empty(n->id) && n->kind == HLR_NODE_SECTION && n->address) {
		*len = strlen(n->address);
		return n->address;
	}
	struct hlr_span sp = anchor_of(n);
	*len = hlr_span_len(sp);
	return n->src->data + sp.start;
}

struct hlr_node *hlr_report_find_id(const struct hlr_report *r, const char *id, size_t n)
{
	return hlr_strmap_get(&r->idmap, id, n);
}

/* The did-you-mean index of the ids of r (anchors set: and its section
 * anchors), built once r is resolved. */
static struct hlr_suggest_index *ids_index(struct ctx *c, const struct hlr_report *r, bool anchors)
{
	struct hlr_report *w = (struct hlr_report *)r; /* the cache is not the report */
	struct hlr_suggest_index *tmp = NULL;
	struct hlr_suggest_index **x = anchors ? &w->dym_anchors : &w->dym_ids;
	if (*x)
		return *x;
	if (w->frozen)
		x = &tmp; /* built for this use, in this arena */
	*x = hlr_suggest_index_new(c->a);
	for (size_t i = 0; i < r->nids; i++) {
		const struct hlr_node *n = r->ids[i];
		size_t len = hlr_span_len(n->id);
		const char *s = anchors ? anchor_str(n, &len) : n->src->data + n->id.start;
		if (len)
			hlr_suggest_index_add(c->a, *x, s, len);
	}
	return *x;
}

/* The did-you-mean index of the section keywords of r: the catalogue's,
 * then the ones r declares. */
static struct hlr_suggest_index *sections_index(struct ctx *c, struct hlr_report *r)
{
	if (r->dym_sections)
		return r->dym_sections;
	struct hlr_suggest_index *x = r->dym_sections = hlr_suggest_index_new(c->a);
	const struct hlr_catalog_entry *cat;
	size_t ncat = hlr_profile_catalog(r->profile, &cat);
	for (size_t i = 0; i < ncat; i++)
		hlr_suggest_index_add(c->a, x, cat[i].keyword, strlen(cat[i].keyword));
	for (unsigned i = 0; i < r->nsections; i++)
		hlr_suggest_index_add(c->a, x, r->sections[i]->keyword, strlen(r->sections[i]->keyword));
	return x;
}

const struct hlr_ref *hlr_report_find_ref(const struct hlr_report *r, const char *target)
{
	return hlr_strmap_get(&r->refmap, target, strlen(target));
}

/* --- body -------------------------------------------------------------- */

static bool is_content(const struct hlr_node *n)
{
	/* a metrics table's values are field lines written as a table (metric.c) */
	return n->kind == HLR_NODE_ITEM || n->kind == HLR_NODE_PARA || n->kind == HLR_NODE_NONE ||
	       n->kind == HLR_NODE_UNCHANGED || (n->kind == HLR_NODE_TABLE && !hlr_metrics_table(n));
}

/* The 'unchanged' line a carried node hangs from. */
static const struct hlr_node *carrier(const struct hlr_node *n)
{
	while (n && n->kind != HLR_NODE_UNCHANGED)
		n = n->parent;
	return n;
}

static void resolve_tags(struct ctx *c, struct hlr_node *n)
{
	uint64_t inherited = n->parent && n->parent->kind == HLR_NODE_ITEM ? n->parent->tagmask : 0;
	uint64_t own = 0;
	struct hlr_report *r = c->r;
	bool carried = n->origin != r;
	for (unsigned i = 0; i < n->ntags; i++) {
		struct hlr_tagref *t = &n->tags[i];
		const char *s = t->name ? t->name : hlr_span_ptr(n->src, t->span);
		size_t len = t->name ? strlen(t->name) : hlr_span_len(t->span);
		struct hlr_span at = t->name ? t->span : hlr_span_make(t->span.start - 1, t->span.end);
		int k = hlr_report_authority(r, s, len);
		if (k < 0) {
			t->authority = -1;
			if (carried) {
				const struct hlr_node *u = carrier(n);
				size_t e = hlr_diag(c->d, HLR_ERROR, HLR_C_UNDECLARED_TAG, c->src,
				                    u ? u->span : n->span,
				                    "carried content is tagged '@%.*s', which this report "
				                    "does not declare", (int)len, s);
				hlr_diag_note(c->d, e, n->src, at, "tagged here");
				continue;
			}
			const char *cands[HLR_MAX_AUTHORITIES];
			for (unsigned j = 0; j < r->nauthorities; j++)
				cands[j] = r->authorities[j].tag;
			if (r->nauthorities)
				hlr_diag(c->d, HLR_ERROR, HLR_C_UNDECLARED_TAG, n->src, at,
				         "authority tag '@%.*s' is not declared%s", (int)len, s,
				         dym(c, s, len, cands, r->nauthorities));
			else
				hlr_diag(c->d, HLR_ERROR, HLR_C_UNDECLARED_TAG, n->src, at,
				         "authority tag '@%.*s' is not declared; declare it in the header "
				         "with 'authority %.*s Full Name'", (int)len, s, (int)len, s);
			continue;
		}
		t->authority = k;
		uint64_t bit = (uint64_t)1 << k;
		if (own & bit) {
			if (!carried) {
				size_t e = hlr_diag(c->d, HLR_WARNING, HLR_C_REPEATED_TAG, n->src, at,
				                    "authority tag '@%.*s' is given twice", (int)len, s);
				/* the second '@TAG' and the blank after it: the same
				 * authorities see the item */
				uint32_t end = at.end;
				while (end < n->src->len && (n->src->data[end] == ' ' || n->src->data[end] == '\t'))
					end++;
				if (!t->name && n->src->data[at.start] == '@' && end > at.end)
					hlr_diag_fixit(c->d, e, hlr_span_make(at.start, end), "");
			}
			continue;
		}
		own |= bit;
	}
	/* tags that give the item exactly the authorities it inherits are
	 * redundant: the output shows no label for them (lower.c), as for an
	 * untagged nested item; tags that narrow or widen them are not */
	if (n->ntags && own == inherited && !carried)
		for (unsigned i = 0; i < n->ntags; i++) {
			const struct hlr_tagref *t = &n->tags[i];
			bool first = t->authority >= 0;
			for (unsigned j = 0; j < i && first; j++)
				first = n->tags[j].authority != t->authority;
			if (!first)
				continue;
			const char *s = t->name ? t->name : hlr_span_ptr(n->src, t->span);
			size_t len = t->name ? strlen(t->name) : hlr_span_len(t->span);
			struct hlr_span at = t->name ? t->span : hlr_span_make(t->span.start - 1, t->span.end);
			hlr_diag(c->d, HLR_WARNING, HLR_C_INHERITED_TAG, n->src, at,
			         "'@%.*s' is already inherited from the enclosing item", (int)len, s);
		}
	n->tagmask = n->ntags ? own : inherited;
}

static bool digits(const char *s, size_t n);

static void add_id(struct ctx *c, struct hlr_node *n)
{
	struct hlr_report *r = c->r;
	if (r->nids == r->capids) {
		r->capids = r->capids ? r->capids * 2 : 16;
		r->ids = hlr_arena_grow(c->a, r->ids, r->nids, r->capids, sizeof *r->ids);
	}
	r->ids[r->nids++] = n;
	size_t len;
	const char *s = anchor_str(n, &len);
	hlr_strmap_put(&r->idmap, s, len, n);
}

/* ids and section anchors share one namespace (a hash map). */
static void check_id(struct ctx *c, struct hlr_node *n)
{
	if (hlr_span_empty(n->id) && n->kind != HLR_NODE_SECTION)
		return;
	struct hlr_span id = anchor_of(n);
	size_t len;
	const char *s = anchor_str(n, &len);
	if (!hlr_span_empty(n->id) && len > 5 && !memcmp(s, "part-", 5) && digits(s + 5, len - 5)) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_ID, n->src, n->id,
		         "ids of the form 'part-N' are the anchors of parts; choose another id");
		return;
	}
	if ((!hlr_span_empty(n->id) || n->kind != HLR_NODE_SECTION) && !is_ident(s, len, true)) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_ID, n->src, n->id,
		         "invalid id '%.*s': an id is a letter followed by letters, digits, '-' or '_'",
		         (int)len, s);
		return;
	}
	struct hlr_node *o = hlr_report_find_id(c->r, s, len);
	if (o && (o->standing || n->standing) && !(o->standing && n->standing)) {
		/* at the report's own id: the standing text is every report's */
		const struct hlr_node *own = n->standing ? o : n, *st = n->standing ? n : o;
		size_t k = hlr_diag(c->d, HLR_ERROR, HLR_C_DUPLICATE_ID, own->src, anchor_of(own),
		                    "id '%.*s' is already used by the series' standing text, which "
		                    "this report shows", (int)len, s);
		hlr_diag_note(c->d, k, st->src, anchor_of(st), "%s in the standing text",
		              hlr_span_empty(st->id) ? "section anchor" : "used");
		return;
	}
	if (o) {
		const struct hlr_node *u = n->origin != c->r ? carrier(n) : NULL;
		size_t k = hlr_diag(c->d, HLR_ERROR, HLR_C_DUPLICATE_ID, u ? c->src : n->src,
		                    u ? u->span : id, "id '%.*s' is already used in this report%s",
		                    (int)len, s, u ? " (by carried content)" : "");
		hlr_diag_note(c->d, k, o->src, anchor_of(o), "%s here",
		              hlr_span_empty(o->id) ? "section anchor" : "first used");
		return;
	}
	add_id(c, n);
}

static bool has_since_last(const char *title)
{
	static const char phrase[] = "since last reporting period";
	size_t n = sizeof phrase - 1, len = strlen(title);
	for (size_t i = 0; i + n <= len; i++)
		if (hlr_ascii_prefix_ci(title + i, phrase))
			return true;
	return false;
}

/* "None specific" as a section's only content, written as a paragraph or
 * an item ("- None specific", as the Word reports write it): the section
 * has nothing to report, and it is read as the none line it means, with
 * the warning none-as-text whose fix-it writes it so. Not for "None of the
 * ..." (a sentence), nor a text with tags, an id, nested items or more
 * than one line; one with inline markup draws the warning only (a none
 * line's words are plain text). */
static void none_as_text(struct ctx *c, struct hlr_node *n)
{
	if ((n->kind != HLR_NODE_ITEM && n->kind != HLR_NODE_PARA) || (n->origin && n->origin != c->r) ||
	    n->first || n->ntags || !hlr_span_empty(n->id) || n->text.nsegs != 1)
		return;
	for (const struct hlr_node *o = n->next; o; o = o->next)
		if (is_content(o))
			return;
	uint32_t at = n->text.segs[0].src, len = n->text.segs[0].len;
	const char *p = c->src->data + at;
	if (len < 4 || !hlr_ascii_prefix_ci(p, "none") ||
	    (len > 4 && ((p[4] >= 'A' && p[4] <= 'Z') || (p[4] >= 'a' && p[4] <= 'z') ||
	                 (p[4] >= '0' && p[4] <= '9') || p[4] == '-' || p[4] == '_')) ||
	    (len >= 8 && hlr_ascii_prefix_ci(p + 4, " of ")))
		return;
	const char *what = n->kind == HLR_NODE_ITEM ? "an item" : "a paragraph";
	if (hlr_inline_class(&n->text) == HLR_TEXT_MARKUP) {
		/* a none line's words are plain text: they would show otherwise */
		hlr_diag(c->d, HLR_WARNING, HLR_C_NONE_AS_TEXT, c->src, hlr_span_make(at, at + 4),
		         "the only content of this section is %s saying '%.*s', shown as text; for a "
		         "section with nothing to report, write 'none' at column 1, then the words "
		         "without markup", what, 4, p);
		return;
	}
	size_t k = hlr_diag(c->d, HLR_WARNING, HLR_C_NONE_AS_TEXT, c->src,
	                    hlr_span_make(at, at + 4),
	                    "the only content of this section is %s saying '%.*s', read as a 'none' "
	                    "line; write 'none' at column 1, then the same words", what, 4, p);
	uint32_t from = at;
	while (from > 0 && c->src->data[from - 1] != '\n')
		from--;
	hlr_diag_fixit(c->d, k, hlr_span_make(from, at + 4), "none");
	/* read as the none line it means: its words are those after "None" */
	uint32_t skip = 4;
	while (skip < len && (p[skip] == ' ' || p[skip] == '\t'))
		skip++;
	n->kind = HLR_NODE_NONE;
	n->text.segs[0].src = at + skip;
	n->text.segs[0].len = len - skip;
	n->text.s = p + skip;
	n->text.len = len - skip;
}

/* What to do about a section keyword with no close match: the profile
 * that has it, or how to declare it. */
static const char *unknown_section_hint(struct ctx *c, const char *kw, size_t kn)
{
	size_t np;
	const char *const *names = hlr_profile_names(&np);
	char buf[200], low[64];
	/* a keyword is lowercase: "== Progress" is the keyword "progress" */
	if (kn >= sizeof low)
		kn = sizeof low - 1;
	for (size_t i = 0; i < kn; i++)
		low[i] = (char)(kw[i] >= 'A' && kw[i] <= 'Z' ? kw[i] - 'A' + 'a' : kw[i]);
	kw = low;
	for (size_t i = 0; i < np; i++) {
		const struct hlr_profile *p = hlr_profile_named(names[i], strlen(names[i]));
		if (!p || p == c->r->profile || (!c->r->profile && !strcmp(names[i], "council")))
			continue;
		if (hlr_profile_find(p, kw, kn)) {
			snprintf(buf, sizeof buf,
			         "; it is a section of the '%s' profile: write 'profile %s' in the "
			         "header or series.hlr, or declare it: 'section %.*s HEADING'",
			         names[i], names[i], (int)kn, kw);
			return hlr_arena_strndup(c->a, buf, strlen(buf));
		}
	}
	snprintf(buf, sizeof buf, "; declare it in the header or series.hlr: 'section %.*s HEADING'",
	         (int)kn, kw);
	return hlr_arena_strndup(c->a, buf, strlen(buf));
}

/* Returns false when the section repeats an earlier one's keyword. */
static bool resolve_section(struct ctx *c, struct hlr_node *sec, struct hlr_strmap *seen)
{
	struct hlr_report *r = c->r;
	const char *kw = hlr_span_ptr(c->src, sec->key);
	size_t kn = hlr_span_len(sec->key);
	const char *heading = NULL;
	const struct hlr_section_def *def = hlr_strmap_get(&r->sectionmap, kw, kn);
	if (def)
		heading = def->heading;
	if (!heading) {
		const struct hlr_catalog_entry *e = hlr_profile_find(r->profile, kw, kn);
		if (e)
			heading = e->heading;
	}
	if (!heading && kn == 4 && !memcmp(kw, "lead", 4)) {
		/* the lead: shown before the sections, with no heading */
		heading = "Lead";
		const struct hlr_node *first = r->root->first;
		while (first && first->kind != HLR_NODE_SECTION && first->kind != HLR_NODE_PART)
			first = first->next;
		if (first != sec)
			hlr_diag(c->d, HLR_ERROR, HLR_C_MISPLACED_LEAD, c->src, sec->key,
			         "the lead comes before every part and section; move '== lead' and its "
			         "text up, after the header");
		else if (sec->heading.len)
			hlr_diag(c->d, HLR_ERROR, HLR_C_MISPLACED_LEAD, c->src, sec->heading.segs
			         ? hlr_span_make(sec->heading.segs[0].src, sec->heading.segs[0].src +
			                         sec->heading.segs[0].len) : sec->span,
			         "the lead has no heading; write '== lead' alone");
	}
	if (!heading && kn) { /* no keyword at all is a syntax error, reported */
		const char *hint = dym_in(c, sections_index(c, r), kw, kn);
		if (!*hint)
			hint = unknown_section_hint(c, kw, kn);
		size_t e = hlr_diag(c->d, HLR_ERROR, HLR_C_UNKNOWN_SECTION, c->src, sec->key,
		                    "unknown section keyword '%.*s'%s", (int)kn, kw, hint);
		size_t fn;
		const char *fix = certain_in(c, sections_index(c, r), kw, kn, &fn);
		if (fix)
			hlr_diag_fixit(c->d, e, sec->key, str(c, fix, fn));
	}
	/* a keyword is once in a report, or once in each part with an id
	 * ("part/keyword"); the lead and the metrics are once in a report */
	bool unique = kn > 0;
	size_t need = kn + 2 + (sec->parent->kind == HLR_NODE_PART ? hlr_span_len(sec->parent->id) : 0);
	char *abuf = hlr_arena_alloc(c->a, need);
	size_t an = hlr_section_address(sec, abuf, need);
	const char *addr = abuf;
	bool once = hlr_span_eq(c->src, sec->key, HLR_METRICS_KEYWORD) ||
	            hlr_span_eq(c->src, sec->key, "lead");
	sec->address = addr;
	struct hlr_node *first = kn ? hlr_strmap_put(seen, addr, an, sec) : sec;
	bool in_parts = false; /* the lead or the metrics again, in a part with an id */
	if (first == sec && kn && once && an != kn) {
		first = hlr_strmap_put(seen, kw, kn, sec);
		in_parts = first != sec;
		addr = str(c, kw, kn);
		an = kn;
	}
	if (first == sec && kn && sec->parent->kind == HLR_NODE_PART) {
		/* "/keyword": the first section of the keyword in a part; in
		 * another part, it may be repeated only when both parts have ids */
		char *pk = hlr_arena_alloc(c->a, kn + 2);
		pk[0] = '/';
		memcpy(pk + 1, kw, kn);
		pk[kn + 1] = 0;
		struct hlr_node *o = hlr_strmap_put(seen, pk, kn + 1, sec);
		if (o != sec && (hlr_span_empty(o->parent->id) || hlr_span_empty(sec->parent->id))) {
			first = o;
			addr = str(c, kw, kn);
			an = kn;
		}
	}
	if (first != sec) {
		bool parts = first->parent != sec->parent &&
		             (first->parent->kind == HLR_NODE_PART || sec->parent->kind == HLR_NODE_PART);
		size_t k = hlr_diag(c->d, HLR_ERROR, HLR_C_DUPLICATE_SECTION, c->src, sec->key,
		                    "section '%.*s' appears twice in this report%s", (int)an, addr,
		                    in_parts ? "; it is once in a report, in or out of parts"
		                    : parts && !once ? "; a keyword may be repeated in parts that have "
		                                        "ids: give each part one, '= Heading {#id}'"
		                                      : "");
		hlr_diag_note(c->d, k, c->src, first->span, "first here");
		unique = false;
	}
	const char *title = sec->heading.len ? text_str(c, &sec->heading) : heading ? heading
	                                                                            : str(c, kw, kn);
	if (!sec->heading.len && sec->span.end > sec->key.end &&
	    memchr(c->src->data + sec->key.end, ':', sec->span.end - sec->key.end))
		hlr_diag(c->d, HLR_ERROR, HLR_C_MISSING_HEADING, c->src, sec->span,
		         "':' after a section keyword must be followed by a heading");
	sec->base_title = title;
	/* "... since last reporting period" says which period that was */
	if (r->previous && r->previous->has_period && has_since_last(title)) {
		char phrase[64], buf[512];
		hlr_period_phrase(&r->previous->period, phrase);
		snprintf(buf, sizeof buf, "%s (%s)", title, phrase);
		title = str(c, buf, strlen(buf));
	}
	sec->title = title;
	/* content rules: 'none' stands alone; a section says something */
	struct hlr_node *none = NULL, *other = NULL;
	for (struct hlr_node *n = sec->first; n; n = n->next) {
		if (!is_content(n))
			continue;
		if (n->kind == HLR_NODE_NONE && !none)
			none = n;
		else if (!other)
			other = n;
	}
	if (none && other) {
		struct hlr_node *late = none->span.start > other->span.start ? none : other;
		struct hlr_node *early = late == none ? other : none;
		size_t k = hlr_diag(c->d, HLR_ERROR, HLR_C_NONE_WITH_CONTENT, c->src, late->span,
		                    "a section that says 'none' can have no other content");
		hlr_diag_note(c->d, k, c->src, early->span, "%s here",
		              early == none ? "'none' given" : "content given");
	}
	if (!none && other)
		none_as_text(c, other);
	bool values = sec->fields != NULL;
	/* a metrics table says something when it has a row of values */
	for (const struct hlr_node *n = sec->first; n && !values; n = n->next)
		for (const struct hlr_node *row = hlr_metrics_table(n) ? n->first : NULL; row && !values;
		     row = row->next)
			values = row->kind == HLR_NODE_ROW && row->row_role == HLR_ROW_BODY;
	for (const struct hlr_node *n = sec->first; n && !values; n = n->next)
		values = n->kind == HLR_NODE_CLOSE; /* a log's close lines say something */
	if (!none && !other && kn && !values)
		hlr_diag(c->d, HLR_WARNING, HLR_C_EMPTY_SECTION, c->src, sec->key,
		         "section '%.*s' is empty; write 'none' if there is nothing to report",
		         (int)kn, kw);
	return unique;
}

/* --- carry-forward ----------------------------------------------------- */

static struct hlr_node *clone(struct ctx *c, const struct hlr_node *n, struct hlr_node *parent)
{
	struct hlr_node *k = hlr_arena_alloc(c->a, sizeof *k);
	*k = *n;
	k->parent = parent;
	k->first = k->last = k->next = NULL;
	if (n->ntags) {
		k->tags = hlr_arena_grow(c->a, NULL, 0, n->ntags, sizeof *k->tags);
		memcpy(k->tags, n->tags, n->ntags * sizeof *k->tags);
	}
	if (parent->last)
		parent->last->next = k;
	else
		parent->first = k;
	parent->last = k;
	/* nesting is bounded by HLR_MAX_DEPTH, so this recursion is too */
	for (const struct hlr_node *ch = n->first; ch; ch = ch->next)
		if (ch->kind == HLR_NODE_ITEM || ch->kind == HLR_NODE_ROW)
			clone(c, ch, k);
	return k;
}

static const char *period_phrase(struct ctx *c, const struct hlr_report *r)
{
	char p[64];
	hlr_period_phrase(&r->period, p);
	return str(c, p, strlen(p));
}

/* "unchanged": the section's content in the previous report, or with
 * "unchanged #id" one item of it, is cloned under the 'unchanged' node. */
static void carry(struct ctx *c, struct hlr_node *u)
{
	struct hlr_report *r = c->r, *prev = r->previous;
	struct hlr_node *sec = u->parent;
	if (!prev && r->previous_field && r->series)
		return; /* the 'previous' line is in error; reported there */
	if (!prev) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_NO_PREVIOUS, c->src, u->span,
		         r->series ? "'unchanged' needs a previous report, and this is the first "
		                     "report of its series"
		                   : "'unchanged' needs the previous report of a series; this file "
		                     "is not part of one (a series is a folder with a series.hlr file)");
		return;
	}
	if (prev->state != 2)
		return; /* the previous report could not be resolved; reported there */
	const char *t = u->text.s;
	size_t tn = u->text.len;
	if (tn && t[0] == '#') {
		struct hlr_node *item = hlr_report_find_id(prev, t + 1, tn - 1);
		if (!item || item->kind == HLR_NODE_SECTION || item->kind == HLR_NODE_PART) {
			size_t k = hlr_diag(c->d, HLR_ERROR, HLR_C_UNKNOWN_ID, c->src, u->span,
			                    "the previous report (%s) has no item with id '%.*s'%s",
			                    period_phrase(c, prev), (int)tn - 1, t + 1,
			                    dym_in(c, ids_index(c, prev, false), t + 1, tn - 1));
			hlr_diag_note(c->d, k, prev->src,
			              hlr_span_make((uint32_t)prev->src->bom, (uint32_t)prev->src->bom),
			              "the previous report");
			return;
		}
		if (item->standing) {
			hlr_diag(c->d, HLR_ERROR, HLR_C_UNKNOWN_ID, c->src, u->span,
			         "'%.*s' is in the series' standing text, which every report shows; there "
			         "is nothing to carry", (int)tn - 1, t + 1);
			return;
		}
		struct hlr_node *k = clone(c, item, u);
		if (!item->ntags && item->tagmask) {
			/* a nested item carried alone keeps the tags it inherited */
			const struct hlr_report *o = item->origin;
			k->tags = hlr_arena_alloc(c->a, HLR_MAX_AUTHORITIES * sizeof *k->tags);
			for (unsigned i = 0; i < o->nauthorities; i++)
				if (item->tagmask >> i & 1)
					k->tags[k->ntags++] = (struct hlr_tagref){item->span, -1,
					                                         o->authorities[i].tag};
			k->tagcap = k->ntags;
		}
		u->since = item->origin;
		return;
	}
	if (tn) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_SYNTAX, c->src, u->span,
		         "expected 'unchanged' alone (the whole section) or 'unchanged #id' (one item)");
		return;
	}
	const char *kw = hlr_span_ptr(c->src, sec->key);
	size_t kn = hlr_span_len(sec->key);
	if (!kn)
		return; /* a heading written out (heading-line, reported): no keyword to look for */
	const struct hlr_node *from = hlr_report_section(prev, sec);
	if (!from) {
		size_t k = hlr_diag(c->d, HLR_ERROR, HLR_C_UNCHANGED_MISSING_SECTION, c->src, u->span,
		                    "the previous report (%s) has no '%s' section to carry forward",
		                    period_phrase(c, prev), sec->address ? sec->address
		                                                         : str(c, kw, kn));
		hlr_diag_note(c->d, k, prev->src,
		              hlr_span_make((uint32_t)prev->src->bom, (uint32_t)prev->src->bom),
		              "the previous report");
		/* the keyword in another part there (a part that had no id, say) */
		for (const struct hlr_node *a = prev->root->first; a; a = a->next) {
			const struct hlr_node *o = a->kind == HLR_NODE_PART ? a->first : a;
			for (; o; o = a->kind == HLR_NODE_PART ? o->next : NULL)
				if (o->kind == HLR_NODE_SECTION && hlr_span_len(o->key) == kn &&
				    !memcmp(o->src->data + o->key.start, kw, kn))
					hlr_diag_note(c->d, k, o->src, o->key, "the previous report has '%s' here",
					              o->address ? o->address : str(c, kw, kn));
		}
		return;
	}
	if (from->standing) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_UNCHANGED_MISSING_SECTION, c->src, u->span,
		         "the '%.*s' section of the previous report (%s) is the series' standing "
		         "text, which every report shows; leave the section out to show it",
		         (int)kn, kw, period_phrase(c, prev));
		return;
	}
	/* "none" is carried only when the section says nothing else */
	bool alone = true;
	for (const struct hlr_node *n = sec->first; n; n = n->next)
		if (n != u && (n->kind == HLR_NODE_ITEM || n->kind == HLR_NODE_PARA ||
		               n->kind == HLR_NODE_UNCHANGED ||
		               (n->kind == HLR_NODE_TABLE && !hlr_metrics_table(n))))
			alone = false;
	for (const struct hlr_node *n = from->first; n; n = n->next) {
		if (n->kind == HLR_NODE_UNCHANGED) {
			for (const struct hlr_node *m = n->first; m; m = m->next)
				if (m->kind != HLR_NODE_NONE || alone)
					clone(c, m, u);
		} else if (n->entry) {
			/* a log entry carries itself (log.c) */
		} else if (n->kind == HLR_NODE_ITEM || n->kind == HLR_NODE_PARA ||
		           n->kind == HLR_NODE_SUBHEAD ||
		           (n->kind == HLR_NODE_TABLE && !hlr_metrics_table(n)) ||
		           (n->kind == HLR_NODE_NONE && alone)) {
			/* (metric values, lines or a table, are carried by metric.c) */
			clone(c, n, u);
		}
	}
	for (const struct hlr_node *n = u->first; n; n = n->next)
		if (!u->since || hlr_date_cmp(n->origin->period.end, u->since->period.end) > 0)
			u->since = n->origin;
}

/* --- references -------------------------------------------------------- */

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* The base of a reference as its author certainly meant it, into fix:
 * "previous" for a word that can only be it ("prev", "Previous",
 * "previus"), a date or month with its zeros ("2020-6-26" is
 * "2020-06-26"), a quarter in capitals ("2020-q3"). False when there is
 * none. */
static bool ref_base_fix(const char *b, size_t n, char fix[16])
{
	static const char prev[] = "previous";
	bool prefix = n >= 4 && n < 8;
	for (size_t i = 0; prefix && i < n; i++)
		prefix = (b[i] | 0x20) == prev[i];
	if (prefix || (n >= 5 && distance(b, n, prev, 8, 2) <= 2)) {
		memcpy(fix, prev, sizeof prev);
		return true;
	}
	/* YYYY-M[M][-D[D]] and YYYY-qN */
	if (n < 6 || n > 10 || !digits(b, 4) || b[4] != '-')
		return false;
	if (n == 7 && b[5] == 'q' && b[6] >= '1' && b[6] <= '4') {
		snprintf(fix, 16, "%.4s-Q%c", b, b[6]);
		return true;
	}
	const char *p = b + 5, *end = b + n, *dash = memchr(p, '-', (size_t)(end - p));
	size_t mn = (size_t)((dash ? dash : end) - p), dn = dash ? (size_t)(end - dash - 1) : 0;
	int m, d = 0;
	if (mn < 1 || mn > 2 || !digits(p, mn) || (dash && (dn < 1 || dn > 2 || !digits(dash + 1, dn))))
		return false;
	hlr_parse_digits(p, mn, &m);
	if (dash)
		hlr_parse_digits(dash + 1, dn, &d);
	if (m < 1 || m > 12 || (dash && (d < 1 || d > 31)) || (mn == 2 && (!dash || dn == 2)))
		return false;
	if (dash)
		snprintf(fix, 16, "%.4s-%02d-%02d", b, m, d);
	else
		snprintf(fix, 16, "%.4s-%02d", b, m);
	return true;
}

/* A fiscal period's reference base, "2019-P2" (the year its fiscal year
 * starts in, the period), or a fiscal year's, "FY2019-20" or "FY2019"
 * (period 0). */
static bool fiscal_ref(const char *b, size_t n, int *year, int *period)
{
	if (n >= 7 && n <= 8 && b[4] == '-' && b[5] == 'P' && digits(b, 4) && digits(b + 6, n - 6) &&
	    b[6] != '0') {
		hlr_parse_digits(b, 4, year);
		hlr_parse_digits(b + 6, n - 6, period);
		return true;
	}
	if ((n == 6 || (n == 9 && b[6] == '-' && digits(b + 7, 2))) && b[0] == 'F' && b[1] == 'Y' &&
	    digits(b + 2, 4)) {
		hlr_parse_digits(b + 2, 4, year);
		*period = 0;
		return true;
	}
	return false;
}

/* The report a reference's base names: "previous", a date, a month, a
 * quarter or a file of the series. NULL (and a diagnostic) if none. */
static const struct hlr_report *ref_report(struct ctx *c, const char *b, size_t n,
                                           struct hlr_span at, struct hlr_source *src)
{
	struct hlr_report *r = c->r;
	if (n == 8 && !memcmp(b, "previous", 8)) {
		if (!r->previous && !(r->previous_field && r->series))
			hlr_diag(c->d, HLR_ERROR, HLR_C_NO_PREVIOUS, src, at,
			         "'previous' refers to the previous report, and this report has none");
		return r->previous;
	}
	if (!r->series) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_NO_PREVIOUS, src, at,
		         "references to other reports need a series (a folder with a series.hlr file)");
		return NULL;
	}
	if (memchr(b, '/', n) || memchr(b, '\\', n)) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_OUTSIDE_SERIES, src, at,
		         "a reference names a report of this series by its file name, with no folder");
		return NULL;
	}
	struct hlr_date day = {0, 0, 0};
	int quarter = 0, fiscal = -1; /* fiscal: a period (1..13) or a whole year (0) */
	bool is_file = n > 4 && !memcmp(b + n - 4, ".hlr", 4);
	if (!is_file && fiscal_ref(b, n, &day.year, &fiscal)) {
		/* "2019-P2", "FY2019-20" */
	} else if (!is_file) {
		if (n == 10 && hlr_date_parse_iso(b, n, &day)) {
			if (!hlr_date_valid(day)) {
				hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_PERIOD, src, at, "invalid date '%.*s'",
				         (int)n, b);
				return NULL;
			}
		} else if (n == 7 && b[4] == '-' && digits(b, 4) && digits(b + 5, 2)) {
			hlr_parse_digits(b, 4, &day.year);
			hlr_parse_digits(b + 5, 2, &day.month);
		} else if (n == 7 && b[4] == '-' && b[5] == 'Q' && digits(b, 4) && b[6] >= '1' &&
		           b[6] <= '4') {
			hlr_parse_digits(b, 4, &day.year);
			quarter = b[6] - '0';
		} else {
			char fix[16];
			bool certain = ref_base_fix(b, n, fix);
			size_t e = hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_REFERENCE, src, at,
			                    "a reference is '^previous#id', '^YYYY-MM-DD#id', '^YYYY-MM#id', "
			                    "'^YYYY-Qn#id', '^YYYY-Pn#id', '^FYyyyy-yy#id' or "
			                    "'^FILE.hlr#id'%s%s%s",
			                    certain ? "; did you mean '^" : "", certain ? fix : "",
			                    certain ? "'?" : "");
			/* only where the span is the reference as written */
			if (certain && hlr_span_len(at) > n)
				hlr_diag_fixit(c->d, e, hlr_span_make(at.start + 1, at.start + 1 + (uint32_t)n),
				               fix);
			return NULL;
		}
	}
	struct hlr_series *s = r->series;
	for (size_t i = 0; i < s->n; i++) {
		const struct hlr_report *o = s->reports[i];
		if (!o->has_period)
			continue;
		bool match;
		if (is_file)
			match = strlen(o->name) == n - 4 && !memcmp(o->name, b, n - 4);
		else if (fiscal >= 0)
			match = (o->period.kind == HLR_PERIOD_FISCAL ||
			         o->period.kind == HLR_PERIOD_FISCAL_YEAR) &&
			        o->period.fy_year == day.year && o->period.fy_period == fiscal;
		else if (day.day)
			match = hlr_date_cmp(o->period.start, day) <= 0 && hlr_date_cmp(day, o->period.end) <= 0;
		else if (quarter)
			match = o->period.kind == HLR_PERIOD_QUARTER && o->period.end.year == day.year &&
			        o->period.end.month == quarter * 3;
		else
			match = o->period.kind == HLR_PERIOD_MONTH && o->period.end.year == day.year &&
			        o->period.end.month == day.month;
		if (match)
			return o;
	}
	hlr_diag(c->d, HLR_ERROR, HLR_C_UNKNOWN_REPORT, src, at,
	         "no report of this series %s '%.*s'", is_file ? "is called" : "covers", (int)n, b);
	return NULL;
}

static const struct hlr_ref *add_ref(struct ctx *c, const char *target,
                                     const struct hlr_report *to, const char *anchor)
{
	struct hlr_report *r = c->r;
	if (r->nrefs == r->caprefs) {
		r->caprefs = r->caprefs ? r->caprefs * 2 : 8;
		r->refs = hlr_arena_grow(c->a, r->refs, r->nrefs, r->caprefs, sizeof *r->refs);
	}
	struct hlr_ref *ref = hlr_arena_alloc(c->a, sizeof *ref);
	*ref = (struct hlr_ref){target, to, anchor};
	r->refs[r->nrefs++] = ref;
	hlr_strmap_put(&r->refmap, target, strlen(target), ref);
	return ref;
}

/* The references of one item or paragraph, found on its inline parse (so
 * a reference inside a code span is code, not a reference). */
struct refs_in {
	struct ctx *c;
	struct hlr_node *n;
	unsigned seg;      /* piece of the text where the last one was found */
	size_t off;        /* and the offset after it in that piece */
};

/* Where the link destination "^target" is written: searched for from the
 * previous one onwards, since links come in text order. */
static struct hlr_span ref_span(struct refs_in *ri, const char *url, size_t n)
{
	const struct hlr_text *t = &ri->n->text;
	for (unsigned i = ri->seg; i < t->nsegs; i++) {
		const char *s = t->src_data + t->segs[i].src;
		size_t len = t->segs[i].len, from = i == ri->seg ? ri->off : 0;
		for (size_t k = from; k + n <= len; k++) {
			const char *p = memchr(s + k, '^', len - k);
			if (!p || (size_t)(p - s) + n > len)
				break;
			k = (size_t)(p - s);
			if (!memcmp(p, url, n)) {
				ri->seg = i;
				ri->off = k + n;
				uint32_t at = t->segs[i].src + (uint32_t)k;
				return hlr_span_make(at, at + (uint32_t)n);
			}
		}
	}
	/* written with escapes or entities: the start of the text */
	uint32_t at = t->nsegs ? t->segs[0].src : ri->n->span.start;
	return hlr_span_make(at, at + 1);
}

static void resolve_ref(struct hlr_inline *link, void *arg)
{
	struct refs_in *ri = arg;
	struct ctx *c = ri->c;
	struct hlr_node *n = ri->n;
	const char *url = link->lit;
	struct hlr_span at = ref_span(ri, url, link->len);
	const char *target = url + 1;
	size_t tn = link->len - 1;
	link->ref = hlr_report_find_ref(c->r, target);
	if (link->ref)
		return;
	const char *hash = memchr(target, '#', tn);
	size_t bn = hash ? (size_t)(hash - target) : tn;
	const struct hlr_report *to = ref_report(c, target, bn, at, n->src);
	if (!to)
		return;
	if (to == c->r || !to->has_period || !c->r->has_period ||
	    hlr_date_cmp(to->period.end, c->r->period.end) >= 0) {
		hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_REFERENCE, n->src, at,
		         "a reference points to an earlier report, and '%s' is not earlier", target);
		return;
	}
	if (to->state != 2)
		return; /* could not be resolved; reported there */
	const char *anchor = NULL;
	if (hash) {
		size_t an = (size_t)(target + tn - hash - 1);
		if (!hlr_report_find_id(to, hash + 1, an)) {
			size_t k = hlr_diag(c->d, HLR_ERROR, HLR_C_UNKNOWN_ID, n->src, at,
			                    "the report for %s has no item or section '%.*s'%s",
			                    period_phrase(c, to), (int)an, hash + 1,
			                    dym_in(c, ids_index(c, to, true), hash + 1, an));
			hlr_diag_note(c->d, k, to->src,
			              hlr_span_make((uint32_t)to->src->bom, (uint32_t)to->src->bom),
			              "that report");
			/* a certain did-you-mean of the id, where the span is the
			 * reference as written */
			size_t fn;
			const char *fix = certain_in(c, ids_index(c, to, true), hash + 1, an, &fn);
			if (fix && hlr_span_len(at) == link->len) {
				uint32_t from = at.start + 1 + (uint32_t)(hash + 1 - target);
				hlr_diag_fixit(c->d, k, hlr_span_make(from, at.end), str(c, fix, fn));
			}
			return;
		}
		anchor = str(c, hash + 1, an);
	}
	link->ref = add_ref(c, str(c, target, tn), to, anchor);
}

/* Where needle[0..len) is first written in the text of n (within one
 * piece of it): true and *at set, or false. */
static bool text_find(const struct hlr_node *n, const char *needle, size_t len,
                      struct hlr_span *at)
{
	const struct hlr_text *t = &n->text;
	for (unsigned i = 0; i < t->nsegs; i++) {
		const char *s = t->src_data + t->segs[i].src;
		size_t sl = t->segs[i].len;
		for (size_t k = 0; len && k + len <= sl; k++)
			if (s[k] == needle[0] && !memcmp(s + k, needle, len)) {
				uint32_t from = t->segs[i].src + (uint32_t)k;
				*at = hlr_span_make(from, from + (uint32_t)len);
				return true;
			}
	}
	return false;
}

/* The links of one item or paragraph checked once the report's ids are
 * all known: a link to "#id", and a run of text that was meant as a
 * reference and is not one. */
struct links_in {
	struct ctx *c;
	struct hlr_node *n;
	struct hlr_buf run;            /* text of consecutive text nodes */
	const struct hlr_inline *last; /* the last text node of the run */
};

static bool id_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       ch == '-' || ch == '_' || ch == '/';
}

/* "](^...)" in text: a reference cmark could not read as a link. */
static void check_run(struct links_in *li)
{
	struct ctx *c = li->c;
	if (!li->run.len)
		return;
	const char *s = li->run.data, *end = s + li->run.len;
	for (const char *p = s; p && p + 2 < end; p = memchr(p + 1, ']', (size_t)(end - p - 1))) {
		if (p[0] != ']' || p[1] != '(')
			continue;
		const char *q = p + 2;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q >= end || *q != '^')
			continue;
		const char *close = memchr(q, ')', (size_t)(end - q));
		const char *d = p + 2, *de = close ? close : end;
		/* the destination as meant: no space around '^', and a space
		 * between the report and one id is the '#' */
		char fix[256];
		size_t fn = 0;
		bool certain = close && de - d < (ptrdiff_t)sizeof fix;
		const char *r = q + 1;
		while (r < de && (*r == ' ' || *r == '\t'))
			r++;
		fix[fn++] = '^';
		bool hash = false;
		for (const char *x = r; certain && x < de; x++) {
			if (*x == ' ' && !hash && x + 1 < de && id_char(x[1]) && x > r) {
				fix[fn++] = '#';
				hash = true;
			} else if (id_char(*x) || *x == '.' || (*x == '#' && !hash)) {
				hash |= *x == '#';
				fix[fn++] = *x;
			} else {
				certain = false;
			}
		}
		certain &= hash && fn > 2;
		struct hlr_span at;
		char needle[300];
		size_t nn = (size_t)(de - d);
		bool found = nn < sizeof needle - 1 && text_find(li->n, d, nn, &at);
		if (!found)
			at = hlr_span_make(li->n->text.nsegs ? li->n->text.segs[0].src : li->n->span.start,
			                   (li->n->text.nsegs ? li->n->text.segs[0].src : li->n->span.start) + 1);
		size_t e = hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_REFERENCE, li->n->src, at,
		                    "'(%.*s)' is not a reference and shows as plain text: a reference "
		                    "is written '(^previous#id)', without spaces or anything after it%s%.*s%s",
		                    (int)nn, d, certain ? "; did you mean '(" : "", certain ? (int)fn : 0,
		                    fix, certain ? ")'?" : "");
		if (certain && found)
			hlr_diag_fixit(c->d, e, at, str(c, fix, fn));
	}
}

static void check_link(struct hlr_inline *n, struct hlr_inline *parent, void *arg)
{
	(void)parent;
	struct links_in *li = arg;
	struct ctx *c = li->c;
	if (n->kind == HLR_IN_TEXT) {
		if (!(li->last && li->last->next == n)) {
			check_run(li);
			li->run.len = 0;
		}
		hlr_buf_put(&li->run, n->lit, n->len);
		li->last = n;
		return;
	}
	if ((n->kind == HLR_IN_LINK || n->kind == HLR_IN_IMAGE) &&
	    hlr_attach_is_link(n->lit, n->len)) {
		/* where it is written: "](URL" and the character after the URL,
		 * so that a key is not found inside a longer one */
		char needle[300];
		struct hlr_span at;
		bool found = false;
		for (const char *end = ") \"'\n"; *end && !found && n->len + 4 < sizeof needle; end++) {
			snprintf(needle, sizeof needle, "](%s%c", n->lit, *end);
			found = text_find(li->n, needle, strlen(needle), &at);
		}
		if (found)
			at = hlr_span_make(at.start + 2, at.end - 1);
		else
			at = hlr_span_make(li->n->text.nsegs ? li->n->text.segs[0].src : li->n->span.start,
			                   (li->n->text.nsegs ? li->n->text.segs[0].src : li->n->span.start) +
			                           1);
		hlr_attach_link(c->a, c->d, c->r, li->n, n, at);
		return;
	}
	if (n->kind != HLR_IN_LINK || n->len < 2 || n->lit[0] != '#')
		return;
	const char *id = n->lit + 1;
	size_t idn = n->len - 1;
	if (hlr_report_find_id(c->r, id, idn))
		return; /* a link to an item of this report: an anchor in the page */
	const struct hlr_report *prev = c->r->previous;
	bool in_prev = prev && prev->state == 2 && hlr_report_find_id(prev, id, idn);
	char needle[300];
	struct hlr_span at;
	bool found = idn + 3 < sizeof needle &&
	             (snprintf(needle, sizeof needle, "](%s", n->lit), text_find(li->n, needle,
	                                                                     strlen(needle), &at));
	if (found)
		at = hlr_span_make(at.start + 2, at.end);
	else
		at = hlr_span_make(li->n->text.nsegs ? li->n->text.segs[0].src : li->n->span.start,
		                   (li->n->text.nsegs ? li->n->text.segs[0].src : li->n->span.start) + 1);
	if (in_prev) {
		size_t e = hlr_diag(c->d, HLR_ERROR, HLR_C_UNKNOWN_ID, li->n->src, at,
		                    "'%s' is a link within this report, which has no item or section "
		                    "'%.*s'; the previous report has: a reference is written "
		                    "'^previous%s'", n->lit, (int)idn, id, n->lit);
		if (found)
			hlr_diag_fixit(c->d, e, hlr_span_make(at.start, at.start), "^previous");
	} else {
		hlr_diag(c->d, HLR_ERROR, HLR_C_UNKNOWN_ID, li->n->src, at,
		         "'%s' is a link within this report, which has no item or section '%.*s'",
		         n->lit, (int)idn, id);
	}
}

static void check_links(struct ctx *c, struct hlr_node *n)
{
	if (!n->inl)
		return;
	struct links_in li = {c, n, HLR_BUF_INIT, NULL};
	hlr_inline_each((struct hlr_inline *)n->inl, check_link, &li);
	check_run(&li);
	hlr_buf_free(&li.run);
}

/* Parses the inline Markdown of an item or paragraph written in this
 * report, once, and checks its references. */
static void resolve_inline(struct ctx *c, struct hlr_node *n)
{
	n->text_class = (uint8_t)hlr_inline_class(&n->text);
	if (n->text_class != HLR_TEXT_MARKUP)
		return;
	if (hlr_inline_markup(&n->text) > HLR_INLINE_MAX_MARKUP) {
		/* libcmark would hold a node for each: bounded memory per text */
		struct hlr_span at = n->text.nsegs ? hlr_span_make(n->text.segs[0].src,
		                                                   n->text.segs[0].src +
		                                                           n->text.segs[0].len)
		                                   : n->span;
		hlr_diag(c->d, HLR_ERROR, HLR_C_TOO_MUCH_MARKUP, n->src, at,
		         "this %s holds more than %d markup characters ('*', '_', '`', '[', ']', '!', "
		         "'<', '&', '\\' and line ends), the most one item or paragraph may hold; "
		         "split it into several, or escape the characters meant literally ('\\[')",
		         n->kind == HLR_NODE_ITEM ? "item" : "paragraph", HLR_INLINE_MAX_MARKUP);
		return;
	}
	struct hlr_inline *in = hlr_inline_parse(c->a, &n->text);
	struct refs_in ri = {c, n, 0, 0};
	hlr_inline_each_ref(in, resolve_ref, &ri);
	n->inl = in;
}

/* The links of a table row's cells, checked as an item's are. */
static void check_cell_links(struct ctx *c, struct hlr_node *row)
{
	struct hlr_node cell = *row;
	for (unsigned i = 0; i < row->ncells; i++) {
		cell.text = row->cells[i].text;
		cell.inl = row->cells[i].inl;
		check_links(c, &cell);
	}
}

/* The cells of a table row written in this report: each one's inline
 * Markdown, parsed once as an item's text is. */
static void resolve_cells(struct ctx *c, struct hlr_node *row)
{
	struct hlr_node cell = *row;
	for (unsigned i = 0; i < row->ncells; i++) {
		cell.text = row->cells[i].text;
		cell.inl = NULL;
		resolve_inline(c, &cell);
		row->cells[i].inl = cell.inl;
		row->cells[i].text_class = cell.text_class;
		hlr_table_cell_parsed(c->a, &row->cells[i]);
	}
}

/* --- report rules ------------------------------------------------------- */

/* "require kw ...": every keyword has a section, in that order; and
 * "stale-after N": nothing is carried unchanged for N reports or more. */
static void check_rules(struct ctx *c)
{
	struct hlr_report *r = c->r;
	struct hlr_node *req = r->require;
	/* without a 'require' rule, the profile's required sections and those
	 * declared 'required', in order */
	size_t nimplied = 0;
	const char **implied = NULL;
	struct hlr_node **implied_at = NULL;
	if (!req) {
		size_t cap = (r->profile ? r->profile->nrequired : 0) + r->nsections;
		implied = hlr_arena_alloc(c->a, (cap ? cap : 1) * sizeof *implied);
		implied_at = hlr_arena_alloc(c->a, (cap ? cap : 1) * sizeof *implied_at);
		for (size_t i = 0; r->profile && i < r->profile->nrequired; i++) {
			implied_at[nimplied] = r->profile_field;
			implied[nimplied++] = r->profile->required[i];
		}
		for (unsigned i = 0; i < r->nsections; i++)
			if (r->sections[i]->required) {
				implied_at[nimplied] = r->sections[i]->decl;
				implied[nimplied++] = r->sections[i]->keyword;
			}
	}
	if ((req && req->text.len) || nimplied) {
		size_t last = 0; /* position in the report of the last required section found */
		const char *after = NULL;
		const char *s = req ? req->text.s : "", *end = s + (req ? req->text.len : 0);
		for (size_t ii = 0; req ? s < end : ii < nimplied; ii++) {
			const char *w;
			struct hlr_node *rule = req;
			if (req) {
				while (s < end && (*s == ' ' || *s == '\t' || *s == ','))
					s++;
				w = s;
				while (s < end && *s != ' ' && *s != '\t' && *s != ',')
					s++;
				if (s == w)
					break;
			} else {
				w = implied[ii];
				s = w + strlen(w);
				rule = implied_at[ii];
			}
			char by[96];
			if (req)
				snprintf(by, sizeof by, "the 'require' rule");
			else if (rule == r->profile_field && r->profile && ii < r->profile->nrequired)
				snprintf(by, sizeof by, "the %s profile", r->profile->name);
			else
				snprintf(by, sizeof by, "the series' declaration");
			size_t wn = (size_t)(s - w), pos = 0, found = 0;
			struct hlr_node *node = NULL;
			for (struct hlr_node *a = r->root->first; a; a = a->next) {
				struct hlr_node *sec = a->kind == HLR_NODE_PART ? a->first : a;
				for (; sec; sec = a->kind == HLR_NODE_PART ? sec->next : NULL) {
					if (sec->kind != HLR_NODE_SECTION)
						continue;
					pos++;
					if (!found && hlr_span_len(sec->key) == wn &&
					    !memcmp(sec->src->data + sec->key.start, w, wn)) {
						found = pos;
						node = sec;
					}
				}
			}
			bool known = hlr_profile_find(r->profile, w, wn) ||
			             hlr_strmap_get(&r->sectionmap, w, wn);
			if (!known && req) {
				/* reported once, where the rule is written */
				if (req->src == r->src || r->index == 0) {
					uint32_t at = req->text.segs[0].src + (uint32_t)(w - req->text.s);
					hlr_diag(c->d, HLR_ERROR, HLR_C_INVALID_RULE, req->src,
					         hlr_span_make(at, at + (uint32_t)wn),
					         "'require' names '%.*s', which is not a section keyword%s", (int)wn,
					         w, dym_in(c, sections_index(c, r), w, wn));
				}
			} else if (!found) {
				/* at the period line, so a comment above it can silence it */
				struct hlr_span at = hlr_span_make((uint32_t)r->src->bom, (uint32_t)r->src->bom);
				for (struct hlr_node *f = r->root->first; f; f = f->next)
					if (f->kind == HLR_NODE_FIELD && hlr_span_eq(f->src, f->key, "period"))
						at = f->span;
				size_t k = hlr_diag(c->d, HLR_WARNING, HLR_C_MISSING_SECTION, r->src, at,
				                    req ? "the report has no '%.*s' section, which %s lists"
				                        : "the report has no '%.*s' section, which %s requires",
				                    (int)wn, w, by);
				if (rule)
					hlr_diag_note(c->d, k, rule->src, rule->span, "required here");
			} else if (found < last) {
				size_t k = hlr_diag(c->d, HLR_WARNING, HLR_C_SECTION_ORDER, r->src, node->key,
				                    "section '%.*s' comes before '%s'; %s puts it after",
				                    (int)wn, w, after, by);
				if (rule)
					hlr_diag_note(c->d, k, rule->src, rule->span, "the required order");
			} else {
				last = found;
				after = str(c, w, wn);
			}
		}
	}
	if (!r->stale_after || !r->has_period)
		return;
	for (struct hlr_node *a = r->root->first; a; a = a->next) {
		struct hlr_node *sec = a->kind == HLR_NODE_PART ? a->first : a;
		for (; sec; sec = a->kind == HLR_NODE_PART ? sec->next : NULL) {
			if (sec->kind != HLR_NODE_SECTION)
				continue;
			for (struct hlr_node *u = sec->first; u; u = u->next) {
				if (u->kind != HLR_NODE_UNCHANGED)
					continue;
				/* the oldest carried content decides */
				const struct hlr_report *oldest = NULL;
				for (struct hlr_node *n = u->first; n; n = n->next)
					if (!oldest || n->origin->index < oldest->index)
						oldest = n->origin;
				if (!oldest || r->index - oldest->index < r->stale_after)
					continue;
				char phrase[64];
				hlr_period_phrase(&oldest->period, phrase);
				hlr_diag(c->d, HLR_WARNING, HLR_C_STALE, r->src, u->span,
				         "carried unchanged since %s, %zu reports ago; 'stale-after' warns "
				         "from %u", phrase, r->index - oldest->index, r->stale_after);
			}
		}
	}
}

/* --- the walk ---------------------------------------------------------- */

/* One node of the walk: its section, tags, id, text, carried content. */
static void resolve_node(struct ctx *c, struct hlr_node *n, struct hlr_strmap *secs)
{
	struct hlr_report *r = c->r;
	struct hlr_diags *d = c->d;
	if (!n->origin)
		n->origin = r;
	bool own = n->origin == r && !n->standing;
	switch (n->kind) {
	case HLR_NODE_PART:
		if (!n->text.len)
			hlr_diag(d, HLR_ERROR, HLR_C_MISSING_HEADING, r->src, n->span,
			         "a part line needs a heading: '= Part 1 - Title'");
		check_id(c, n);
		break;
	case HLR_NODE_SECTION:
		if (n->standing || n->log_added) {
			/* resolved in the series file; the heading names this
			 * report's last period */
			const char *title = n->base_title;
			if (r->previous && r->previous->has_period && has_since_last(title)) {
				char phrase[64], buf[512];
				hlr_period_phrase(&r->previous->period, phrase);
				snprintf(buf, sizeof buf, "%s (%s)", title, phrase);
				title = str(c, buf, strlen(buf));
			}
			n->title = title;
			check_id(c, n);
		} else if (resolve_section(c, n, secs) || !hlr_span_empty(n->id)) {
			check_id(c, n);
		}
		break;
	case HLR_NODE_ITEM:
	case HLR_NODE_PARA:
		resolve_tags(c, n);
		check_id(c, n);
		if (own)
			resolve_inline(c, n);
		if (own && n->kind == HLR_NODE_ITEM && !n->text.len && !n->first)
			hlr_diag(d, HLR_WARNING, HLR_C_EMPTY_ITEM, n->src, n->span, "empty item");
		break;
	case HLR_NODE_UNCHANGED:
		if (c->series_file)
			hlr_diag(d, HLR_ERROR, HLR_C_STANDING_TEXT, n->src, n->span,
			         "standing text is written out in full in the series file; 'unchanged' "
			         "has no previous report to carry from");
		else
			carry(c, n);
		break;
	case HLR_NODE_SUBHEAD:
		check_id(c, n);
		break;
	case HLR_NODE_TABLE:
		check_id(c, n);
		if (own) {
			if (!hlr_metrics_table(n))
				resolve_inline(c, n);
			hlr_table_check(c->a, d, r, n);
		}
		break;
	case HLR_NODE_ROW:
		/* a metrics table's cells are keys and values (metric.c) */
		if (hlr_metrics_table(n->parent))
			break;
		resolve_tags(c, n);
		if (own)
			resolve_cells(c, n);
		break;
	default:
		break;
	}
}

/* --- standing text ------------------------------------------------------ */

/* The series file: 'standing kw ...' names the sections every report
 * shows, and the series file holds their text, resolved here once (its
 * tags against the series' authorities, its inline text, its ids). Any
 * other part or section is series-content. */
static void resolve_standing(struct ctx *c)
{
	struct hlr_report *r = c->r;
	struct hlr_node *f = r->standing_field;
	struct hlr_strmap words, secs;
	hlr_strmap_init(&words, c->a);
	hlr_strmap_init(&secs, c->a);
	hlr_strmap_init(&r->idmap, c->a);
	hlr_strmap_init(&r->refmap, c->a);
	const char *s = f ? f->text.s : "", *end = s + (f ? f->text.len : 0);
	while (s < end) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == ','))
			s++;
		const char *w = s;
		while (s < end && *s != ' ' && *s != '\t' && *s != ',')
			s++;
		size_t wn = (size_t)(s - w);
		if (!wn)
			break;
		uint32_t at = hlr_text_source_offset(&f->text, (size_t)(w - f->text.s));
		struct hlr_span sp = hlr_span_make(at, at + (uint32_t)wn);
		if (!hlr_profile_find(r->profile, w, wn) && !hlr_strmap_get(&r->sectionmap, w, wn)) {
			hlr_diag(c->d, HLR_ERROR, HLR_C_UNKNOWN_SECTION, f->src, sp,
			         "'standing' names '%.*s', which is not a section keyword%s", (int)wn, w,
			         dym_in(c, sections_index(c, r), w, wn));
			continue;
		}
		if (wn == strlen(HLR_METRICS_KEYWORD) && !memcmp(w, HLR_METRICS_KEYWORD, wn)) {
			hlr_diag(c->d, HLR_ERROR, HLR_C_STANDING_TEXT, f->src, sp,
			         "the metrics section holds each report's own values; it cannot be "
			         "standing");
			continue;
		}
		if (hlr_strmap_get(&words, w, wn)) {
			hlr_diag(c->d, HLR_ERROR, HLR_C_STANDING_TEXT, f->src, sp,
			         "'%.*s' is named twice in 'standing'", (int)wn, w);
			continue;
		}
		struct hlr_node *sec = NULL;
		for (struct hlr_node *n = r->root->first; n && !sec; n = n->next)
			if (n->kind == HLR_NODE_SECTION && hlr_span_len(n->key) == wn &&
			    !memcmp(hlr_span_ptr(n->src, n->key), w, wn))
				sec = n;
		hlr_strmap_put(&words, w, wn, sec ? sec : f);
		if (!sec)
			hlr_diag(c->d, HLR_ERROR, HLR_C_STANDING_TEXT, f->src, sp,
			         "'%.*s' is declared standing, but the series file has no '== %.*s' "
			         "section holding its text", (int)wn, w, (int)wn, w);
	}
	bool reported = false;
	for (struct hlr_node *n = r->root->first; n; n = n->next) {
		if (n->kind != HLR_NODE_PART && n->kind != HLR_NODE_SECTION)
			continue;
		const char *kw = hlr_span_ptr(n->src, n->key);
		size_t kn = hlr_span_len(n->key);
		struct hlr_node *sec = n->kind == HLR_NODE_SECTION && kn ? hlr_strmap_get(&words, kw, kn)
		                                                         : NULL;
		if (sec && sec != n && sec->kind == HLR_NODE_SECTION) {
			size_t k = hlr_diag(c->d, HLR_ERROR, HLR_C_DUPLICATE_SECTION, n->src, n->key,
			                    "section '%.*s' appears twice in the series file", (int)kn, kw);
			hlr_diag_note(c->d, k, n->src, sec->span, "first here");
			continue;
		}
		if (!sec) {
			if (!reported)
				hlr_diag(c->d, HLR_ERROR, HLR_C_SERIES_CONTENT, n->src, n->span,
				         n->kind == HLR_NODE_SECTION && kn
				                 ? "a series file holds header fields and standing text only; "
				                   "write this section in the reports, or declare it "
				                   "'standing %.*s' to show it in every report"
				                 : "a series file holds header fields and standing text only; "
				                   "write parts and sections in the reports",
				         (int)kn, kw);
			reported = true;
			continue;
		}
		for (struct hlr_node *m = n; m && m != n->next; m = hlr_node_next(m))
			if (m->fields)
				hlr_diag(c->d, HLR_ERROR, HLR_C_STANDING_TEXT, m->fields->src,
				         m->fields->span,
				         "standing text holds items, paragraphs and tables; a status or "
				         "field line belongs in each report");
		if ((r->nstanding & (r->nstanding - 1)) == 0)
			r->standing = hlr_arena_grow(c->a, r->standing, r->nstanding,
			                             r->nstanding ? 2 * r->nstanding : 1,
			                             sizeof *r->standing);
		r->standing[r->nstanding++] = n;
		struct hlr_node *stop = n->next;
		for (struct hlr_node *m = n; m && m != stop; m = hlr_node_next(m))
			resolve_node(c, m, &secs);
		for (struct hlr_node *m = n; m && m != stop; m = hlr_node_next(m))
			if ((m->kind == HLR_NODE_ITEM || m->kind == HLR_NODE_PARA) && m->origin == r)
				check_links(c, m);
			else if (m->kind == HLR_NODE_ROW && m->origin == r)
				check_cell_links(c, m);
	}
	if (r->nstanding)
		hlr_check_untagged(c->a, c->d, r);
}

/* A copy of standing text n for report r: every block but comments. */
static struct hlr_node *clone_standing(struct ctx *c, const struct hlr_node *n,
                                       struct hlr_node *parent)
{
	struct hlr_node *k = hlr_arena_alloc(c->a, sizeof *k);
	*k = *n;
	k->parent = parent;
	k->first = k->last = k->next = NULL;
	k->standing = true;
	k->origin = c->r;
	k->fields = NULL;
	k->status = NULL;
	if (n->ntags) {
		k->tags = hlr_arena_grow(c->a, NULL, 0, n->ntags, sizeof *k->tags);
		memcpy(k->tags, n->tags, n->ntags * sizeof *k->tags);
	}
	for (const struct hlr_node *ch = n->first; ch; ch = ch->next)
		if (ch->kind != HLR_NODE_COMMENT && ch->kind != HLR_NODE_UNCHANGED) {
			struct hlr_node *x = clone_standing(c, ch, k);
			if (k->last)
				k->last->next = x;
			else
				k->first = x;
			k->last = x;
		}
	return k;
}

/* Where a required keyword w is in the rule's order, or -1. */
static long rule_index(const struct hlr_report *r, const char *w, size_t wn)
{
	long i = 0;
	if (r->require) {
		const char *s = r->require->text.s, *end = s + r->require->text.len;
		while (s < end) {
			while (s < end && (*s == ' ' || *s == '\t' || *s == ','))
				s++;
			const char *x = s;
			while (s < end && *s != ' ' && *s != '\t' && *s != ',')
				s++;
			if (s == x)
				break;
			if ((size_t)(s - x) == wn && !memcmp(x, w, wn))
				return i;
			i++;
		}
		return -1;
	}
	for (size_t j = 0; r->profile && j < r->profile->nrequired; j++, i++)
		if (strlen(r->profile->required[j]) == wn && !memcmp(r->profile->required[j], w, wn))
			return i;
	for (unsigned j = 0; j < r->nsections; j++)
		if (r->sections[j]->required) {
			if (strlen(r->sections[j]->keyword) == wn &&
			    !memcmp(r->sections[j]->keyword, w, wn))
				return i;
			i++;
		}
	return -1;
}

/* A section of r with keyword kw (in any part), or NULL. */
static const struct hlr_node *find_section(const struct hlr_report *r, const char *kw, size_t n)
{
	for (const struct hlr_node *a = r->root->first; a; a = a->next) {
		const struct hlr_node *s = a->kind == HLR_NODE_PART ? a->first : a;
		for (; s; s = a->kind == HLR_NODE_PART ? s->next : NULL) {
			if (s->kind == HLR_NODE_SECTION && hlr_span_len(s->key) == n &&
			    !memcmp(s->src->data + s->key.start, kw, n))
				return s;
		}
	}
	return NULL;
}

/* The series' standing sections that report r does not write itself go
 * into its tree: before the first section the report rules order after
 * it, else at the end. A section the report writes replaces it. */
static void add_standing(struct ctx *c)
{
	struct hlr_report *r = c->r;
	const struct hlr_report *sf = r->series ? r->series->defaults : NULL;
	if (!sf || sf == r)
		return;
	for (unsigned i = 0; i < sf->nstanding; i++) {
		const struct hlr_node *st = sf->standing[i];
		const char *kw = hlr_span_ptr(st->src, st->key);
		size_t kn = hlr_span_len(st->key);
		if (find_section(r, kw, kn))
			continue; /* the report's own */
		long at = rule_index(r, kw, kn);
		struct hlr_node *parent = r->root, *before = NULL;
		for (struct hlr_node *a = r->root->first; a && at >= 0 && !before; a = a->next) {
			struct hlr_node *sec = a->kind == HLR_NODE_PART ? a->first : a;
			for (; sec && !before; sec = a->kind == HLR_NODE_PART ? sec->next : NULL) {
				if (sec->kind != HLR_NODE_SECTION || sec->standing)
					continue;
				long k = rule_index(r, hlr_span_ptr(sec->src, sec->key), hlr_span_len(sec->key));
				if (k > at) {
					before = sec;
					parent = sec->parent;
				}
			}
		}
		struct hlr_node *k = clone_standing(c, st, parent);
		if (!before) {
			if (parent->last)
				parent->last->next = k;
			else
				parent->first = k;
			parent->last = k;
			continue;
		}
		struct hlr_node **p = &parent->first;
		while (*p != before)
			p = &(*p)->next;
		k->next = before;
		*p = k;
	}
}

void hlr_resolve_body(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r)
{
	struct ctx c = {a, d, r, r->src, false, false, false, NULL};
	r->state = 1;
	struct hlr_strmap secs;
	hlr_strmap_init(&secs, a);
	hlr_strmap_init(&r->idmap, a);
	hlr_strmap_init(&r->refmap, a);
	add_standing(&c);
	hlr_log_prepare(a, d, r);
	for (struct hlr_node *n = r->root->first; n; n = hlr_node_next(n))
		resolve_node(&c, n, &secs);
	for (struct hlr_node *n = r->root->first; n; n = hlr_node_next(n))
		if ((n->kind == HLR_NODE_ITEM || n->kind == HLR_NODE_PARA) && n->origin == r &&
		    !n->standing)
			check_links(&c, n);
		else if (n->kind == HLR_NODE_ROW && n->origin == r && !n->standing)
			check_cell_links(&c, n);
	check_rules(&c);
	hlr_attach_check_anchor(d, r);
	hlr_check_untagged(a, d, r);
	hlr_track_resolve(a, d, r);
	hlr_log_resolve(a, d, r);
	r->state = 2;
}

void hlr_resolve(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r)
{
	hlr_resolve_header(a, d, r, NULL);
	hlr_resolve_body(a, d, r);
}

/* The header field names, for completion (compiler/query.c). */
const char *hlr_field_name(size_t i)
{
	return i < NFIELDS ? fields[i].name : NULL;
}
