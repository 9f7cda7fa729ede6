/* compiler: the document model and the tree builder that the grammar's
 * actions call (see ast.h). The builder nests items by indentation, joins
 * continuation lines and groups text lines into paragraphs. */
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/parse.h"
#include "compiler/resolve.h"

#include <stdio.h>
#include <string.h>

bool hlr_span_eq(const struct hlr_source *src, struct hlr_span s, const char *str)
{
	size_t n = strlen(str);
	return hlr_span_len(s) == n && memcmp(src->data + s.start, str, n) == 0;
}

const char *hlr_node_kind_name(enum hlr_node_kind k)
{
	switch (k) {
	case HLR_NODE_REPORT: return "report";
	case HLR_NODE_FIELD: return "field";
	case HLR_NODE_PART: return "part";
	case HLR_NODE_SECTION: return "section";
	case HLR_NODE_ITEM: return "item";
	case HLR_NODE_PARA: return "paragraph";
	case HLR_NODE_NONE: return "none";
	case HLR_NODE_UNCHANGED: return "unchanged";
	case HLR_NODE_COMMENT: return "comment";
	case HLR_NODE_SUBHEAD: return "sub-heading";
	case HLR_NODE_TABLE: return "table";
	case HLR_NODE_ROW: return "table row";
	case HLR_NODE_CLOSE: return "close line";
	}
	return "?";
}

struct hlr_node *hlr_node_next(struct hlr_node *n)
{
	if (n->first)
		return n->first;
	while (n && !n->next)
		n = n->parent;
	return n ? n->next : NULL;
}

uint32_t hlr_text_source_offset(const struct hlr_text *t, size_t off)
{
	for (unsigned i = t->nsegs; i-- > 0;)
		if (t->segs[i].txt <= off)
			return t->segs[i].src + (uint32_t)(off - t->segs[i].txt);
	return t->nsegs ? t->segs[0].src : 0;
}

/* Bytes of the Unicode space at p (of n bytes), 0 if none: U+00A0,
 * U+2000-U+200A, U+202F, U+205F, U+3000 (the scanner's USP). */
static size_t usp_len(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && ((u[2] >= 0x80 && u[2] <= 0x8A) || u[2] == 0xAF))
		return 3;
	if (n >= 3 && ((u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F) ||
	               (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)))
		return 3;
	return 0;
}

/* Bytes of the Unicode space ending at p + n, 0 if none. */
static size_t usp_before(const char *p, size_t n)
{
	if (n >= 2 && usp_len(p + n - 2, 2) == 2)
		return 2;
	if (n >= 3 && usp_len(p + n - 3, 3) == 3)
		return 3;
	return 0;
}

/* The span without its line end and surrounding blanks (Unicode spaces
 * too). */
static struct hlr_span trim(const struct hlr_source *src, struct hlr_span s)
{
	const char *d = src->data;
	for (;;) {
		size_t u;
		if (s.start < s.end && (d[s.start] == ' ' || d[s.start] == '\t'))
			s.start++;
		else if ((u = usp_len(d + s.start, s.end - s.start)) > 0)
			s.start += (uint32_t)u;
		else
			break;
	}
	for (;;) {
		size_t u;
		if (s.end > s.start && (d[s.end - 1] == ' ' || d[s.end - 1] == '\t' ||
		                        d[s.end - 1] == '\n' || d[s.end - 1] == '\r'))
			s.end--;
		else if ((u = usp_before(d + s.start, s.end - s.start)) > 0)
			s.end -= (uint32_t)u;
		else
			break;
	}
	return s;
}

/* The start of the line holding offset off. */
static uint32_t line_start_of(const struct hlr_source *src, uint32_t off)
{
	while (off > 0 && src->data[off - 1] != '\n')
		off--;
	return off;
}

/* The end of the line holding offset off, after its line end. */
static uint32_t line_end_of(const struct hlr_source *src, uint32_t off)
{
	while (off < src->len && src->data[off] != '\n')
		off++;
	return off < src->len ? off + 1 : off;
}

/* Adds one line's piece to a node's text. Pieces go to one array for the
 * whole file (a node's lines are consecutive: nothing else's text comes
 * between them), and are joined only on demand, so a long text costs
 * linear time and no copy. */
static void text_add(struct hlr_build *b, struct hlr_text *t, struct hlr_span piece)
{
	piece = trim(b->src, piece);
	if (hlr_span_empty(piece))
		return;
	if (t->nsegs && t->seg0 + t->nsegs != b->nsegs) {
		/* not the latest pieces: move them to the end (does not happen in
		 * a well-formed file, but stays correct if it does) */
		unsigned old = t->seg0;
		t->seg0 = (unsigned)b->nsegs;
		for (unsigned i = 0; i < t->nsegs; i++) {
			struct hlr_seg sg = b->segs[old + i];
			if (b->nsegs == b->capsegs) {
				size_t cap = b->capsegs ? b->capsegs * 2 : 64;
				b->segs = hlr_arena_grow(b->arena, b->segs, b->nsegs, cap, sizeof *b->segs);
				b->capsegs = cap;
			}
			b->segs[b->nsegs++] = sg;
		}
	}
	if (b->nsegs == b->capsegs) {
		size_t cap = b->capsegs ? b->capsegs * 2 : 64;
		b->segs = hlr_arena_grow(b->arena, b->segs, b->nsegs, cap, sizeof *b->segs);
		b->capsegs = cap;
	}
	if (!t->nsegs)
		t->seg0 = (unsigned)b->nsegs;
	uint32_t txt = (uint32_t)(t->nsegs ? t->len + 1 : 0);
	b->segs[b->nsegs++] = (struct hlr_seg){piece.start, txt, (uint32_t)hlr_span_len(piece)};
	t->nsegs++;
	t->len = txt + hlr_span_len(piece);
	t->s = t->nsegs == 1 ? b->src->data + piece.start : NULL;
}

const char *hlr_text_join(struct hlr_arena *a, struct hlr_text *t)
{
	if (t->s || !t->nsegs)
		return t->s ? t->s : "";
	char *s = hlr_arena_alloc_raw(a, t->len + 1);
	for (unsigned i = 0; i < t->nsegs; i++) {
		if (i)
			s[t->segs[i].txt - 1] = '\n';
		memcpy(s + t->segs[i].txt, t->src_data + t->segs[i].src, t->segs[i].len);
	}
	s[t->len] = '\0';
	t->s = s;
	return s;
}

static struct hlr_node *node_new(struct hlr_build *b, enum hlr_node_kind kind,
                                 struct hlr_span span)
{
	struct hlr_node *n = hlr_arena_alloc(b->arena, sizeof *n);
	n->kind = kind;
	n->src = b->src;
	n->span = trim(b->src, span);
	return n;
}

static void append(struct hlr_node *parent, struct hlr_node *child)
{
	child->parent = parent;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

static void take_tags(struct hlr_build *b, struct hlr_node *n)
{
	if (!b->npending)
		return;
	n->tags = hlr_arena_grow(b->arena, NULL, 0, b->npending, sizeof *n->tags);
	memcpy(n->tags, b->pending, b->npending * sizeof *n->tags);
	n->ntags = n->tagcap = b->npending;
	b->npending = 0;
}

static void drop_tags(struct hlr_build *b, const char *where)
{
	if (!b->npending)
		return;
	struct hlr_span s = {b->pending[0].span.start - 1, b->pending[b->npending - 1].span.end};
	hlr_diag(b->diags, HLR_ERROR, HLR_C_MISPLACED_TAG, b->src, s,
	         "authority tags must come first on %s", where);
	b->npending = 0;
}

static void set_id(struct hlr_build *b, struct hlr_node *n, struct hlr_span id)
{
	if (hlr_span_empty(id))
		return;
	/* strip "{#", "}" and trailing blanks */
	struct hlr_span inner = trim(b->src, id);
	inner.start += 2;
	inner.end -= 1;
	if (hlr_span_empty(inner)) {
		hlr_diag(b->diags, HLR_ERROR, HLR_C_INVALID_ID, b->src, trim(b->src, id),
		         "empty id: write '{#name}'");
		return;
	}
	if (!hlr_span_empty(n->id)) {
		size_t k = hlr_diag(b->diags, HLR_ERROR, HLR_C_DUPLICATE_ID, b->src, trim(b->src, id),
		                    "this %s already has an id", hlr_node_kind_name(n->kind));
		hlr_diag_note(b->diags, k, b->src, n->id, "first id given here");
		return;
	}
	n->id = inner;
}

/* The container new blocks go into, or NULL (and an error) outside sections. */
static struct hlr_node *container(struct hlr_build *b, struct hlr_span line, const char *what)
{
	if (b->section)
		return b->section;
	hlr_diag(b->diags, HLR_ERROR, HLR_C_OUTSIDE_SECTION, b->src, trim(b->src, line),
	         "%s before the first section; start a section with '== keyword'", what);
	return NULL;
}

static void close_blocks(struct hlr_build *b)
{
	b->nitems = 0;
	b->para = NULL;
}

/* ---- What authors type out of habit (docs/language.md, "Writing as in
 * Word"): headings, markers, tags and header lines in the wrong place. */

/* s (n bytes) upper-cased into out: runs of blanks and Unicode spaces as
 * one space, dashes as '-', without blanks, ':' or '.' at either end.
 * Returns the length, or 0 when it does not fit. */
static size_t heading_norm(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0, i = 0;
	bool space = false;
	while (i < n) {
		const unsigned char *u = (const unsigned char *)s + i;
		size_t sp = usp_len(s + i, n - i);
		if (*u == ' ' || *u == '\t' || sp) {
			i += sp ? sp : 1;
			space = o > 0;
			continue;
		}
		char c = (char)*u;
		size_t w = 1;
		if (n - i >= 3 && u[0] == 0xE2 && ((u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x95) ||
		                                   (u[1] == 0x88 && u[2] == 0x92))) {
			c = '-';
			w = 3;
		} else if (c >= 'a' && c <= 'z') {
			c = (char)(c - 'a' + 'A');
		}
		if (o + 2 >= cap)
			return 0;
		if (space)
			out[o++] = ' ';
		space = false;
		out[o++] = c;
		i += w;
	}
	while (o && (out[o - 1] == ':' || out[o - 1] == '.' || out[o - 1] == ' '))
		o--;
	out[o] = '\0';
	return o;
}

/* Whether the words w (normalised) name heading, or keyword kw when
 * keywords is set. */
static bool heading_is(const char *w, size_t wn, const char *heading, size_t hlen,
                       const char *kw, size_t kwlen, bool keywords)
{
	static const char since[] = " SINCE LAST REPORTING PERIOD";
	const size_t sl = sizeof since - 1;
	char h[256];
	size_t hn = heading_norm(heading, hlen, h, sizeof h);
	if (hn && hn == wn && !memcmp(h, w, wn))
		return true;
	if (hn > sl && wn == hn - sl && !memcmp(h + wn, since, sl) && !memcmp(h, w, wn))
		return true;
	if (!keywords)
		return false;
	hn = heading_norm(kw, kwlen, h, sizeof h);
	return hn && hn == wn && !memcmp(h, w, wn);
}

/* The section keyword whose heading (or, when keywords is set, whose
 * keyword) s spells, in any case: the catalogue's, and those the report's
 * header declares. NULL if none. */
static const char *heading_keyword(struct hlr_build *b, const char *s, size_t n, bool keywords)
{
	char w[256];
	size_t wn = heading_norm(s, n, w, sizeof w);
	if (!wn)
		return NULL;
	for (size_t i = 0; i < hlr_catalog_len; i++) {
		const struct hlr_catalog_entry *e = &hlr_catalog[i];
		if (heading_is(w, wn, e->heading, strlen(e->heading), e->keyword, strlen(e->keyword),
		               keywords))
			return e->keyword;
	}
	/* the header comes first: stop at the body (sections may be many) */
	for (struct hlr_node *f = b->report->root->first;
	     f && f->kind != HLR_NODE_SECTION && f->kind != HLR_NODE_PART; f = f->next) {
		if (f->kind != HLR_NODE_FIELD || !hlr_span_eq(b->src, f->key, "section") ||
		    f->text.nsegs != 1)
			continue;
		const char *v = f->text.s;
		size_t vn = f->text.len, k = 0;
		while (k < vn && v[k] != ' ' && v[k] != '\t')
			k++;
		size_t h = k;
		while (h < vn && (v[h] == ' ' || v[h] == '\t'))
			h++;
		if (k && h < vn && heading_is(w, wn, v + h, vn - h, v, k, keywords))
			return hlr_arena_strndup(b->arena, v, k);
	}
	return NULL;
}

static bool has_lower(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return true;
	return false;
}

/* Whether s has a capital letter (a keyword is written in lower case). */
static bool has_upper(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			return true;
	return false;
}

static void enter_body(struct hlr_build *b, uint32_t line_start)
{
	if (!b->in_body)
		b->body_start = line_start;
	b->in_body = true;
	if (b->scan_body)
		*b->scan_body = 1;
}

/* A section written as its heading (the words at what, on the line line):
 * an error whose fix-it writes "== keyword" over the line up to the end of
 * what, and a section with no keyword that the lines below go into, so
 * that they draw no errors of their own. */
static void heading_section(struct hlr_build *b, struct hlr_span line, struct hlr_span what,
                            const char *kw, const char *as)
{
	uint32_t from = line_start_of(b->src, what.start);
	size_t k = hlr_diag(b->diags, HLR_ERROR, HLR_C_HEADING_LINE, b->src, what,
	                    "'%.*s' is the heading of section '%s'%s; write '== %s'",
	                    (int)hlr_span_len(what), hlr_span_ptr(b->src, what), kw, as, kw);
	char fix[160];
	snprintf(fix, sizeof fix, "== %s", kw);
	hlr_diag_fixit(b->diags, k, hlr_span_make(from, what.end), fix);
	close_blocks(b);
	b->lazy = NULL;
	b->npending = 0;
	struct hlr_node *n = node_new(b, HLR_NODE_SECTION, line);
	n->key = hlr_span_make(from, from);
	append(b->part ? b->part : b->report->root, n);
	b->section = n;
	enter_body(b, from);
}

/* ---- Lines that only resemble a heading: "NEW GUIDENCE AND IMPACT",
 * "FINANCE UPDATE", "## Decsions", "== Finance Update". */

/* The edit distance of a and b (Levenshtein), or max + 1 when above max. */
static size_t edit_distance(const char *a, size_t an, const char *b, size_t bn, size_t max)
{
	if (an > bn + max || bn > an + max || bn > 255)
		return max + 1;
	size_t row[256];
	for (size_t j = 0; j <= bn; j++)
		row[j] = j;
	for (size_t i = 1; i <= an; i++) {
		size_t diag = row[0], best = i;
		row[0] = i;
		for (size_t j = 1; j <= bn; j++) {
			size_t up = row[j];
			size_t v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
	}
	return row[bn] <= max ? row[bn] : max + 1;
}

/* Whether word w (normalised) says nothing of which heading it is. */
static bool stop_word(const char *w, size_t n)
{
	static const char *const stop[] = {"AND", "THE", "OF", "FOR", "SINCE", "LAST", "REPORTING",
	                                   "PERIOD", "NEW", "ANY", "TO", "IN", "ON", "AT"};
	if (n < 3)
		return true;
	for (size_t i = 0; i < sizeof stop / sizeof stop[0]; i++)
		if (strlen(stop[i]) == n && !memcmp(stop[i], w, n))
			return true;
	return false;
}

/* The words of a normalised string: start and length of each, at most
 * cap; letters, digits and '-' only ("KEY SERVICE UPDATES - INTERNAL /
 * EXTERNAL" has five). */
static size_t words_of(const char *s, size_t n, size_t *at, size_t *len, size_t cap)
{
	size_t k = 0, i = 0;
	while (i < n && k < cap) {
		while (i < n && !((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			i++;
		size_t st = i;
		while (i < n && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			i++;
		if (i > st) {
			at[k] = st;
			len[k++] = i - st;
		}
	}
	return k;
}

/* How many of the line's words (w, normalised) name a word of heading h
 * or of keyword kw (letters compared without case; a word of five letters
 * or more may be one edit away), and how many it has that say anything. */
static size_t words_shared(const char *w, size_t wn, const char *h, size_t hn, const char *kw,
                           size_t *said)
{
	size_t wa[16], wl[16], ha[24], hl[24];
	size_t nw = words_of(w, wn, wa, wl, 16), nh = words_of(h, hn, ha, hl, 20);
	char up[64];
	size_t kn = strlen(kw) < sizeof up ? strlen(kw) : sizeof up - 1;
	for (size_t i = 0; i < kn; i++)
		up[i] = kw[i] >= 'a' && kw[i] <= 'z' ? (char)(kw[i] - 'a' + 'A') : kw[i];
	size_t from_heading = nh;
	nh += words_of(up, kn, ha + nh, hl + nh, 24 - nh);
	size_t shared = 0;
	*said = 0;
	for (size_t i = 0; i < nw; i++) {
		if (stop_word(w + wa[i], wl[i]))
			continue;
		(*said)++;
		for (size_t j = 0; j < nh; j++) {
			size_t max = wl[i] >= 5 ? 1 : 0;
			const char *hw = (j < from_heading ? h : up) + ha[j];
			if (edit_distance(w + wa[i], wl[i], hw, hl[j], max) <= max) {
				shared++;
				break;
			}
		}
	}
	return shared;
}

/* The section whose heading (or keyword) the words s (n bytes) resemble:
 * a typo of it (a few edits; *typo set) or, failing that, most of their
 * words are its words. Fills best and second (NULL when none, or no second
 * as near); returns whether there is a best. The catalogue's and the
 * header's declared sections. */
struct lookalike {
	const char *kw, *heading; /* the section's keyword and heading */
	size_t score;             /* edits for a typo (lower is nearer); else words shared */
};

static void lookalike_consider(struct lookalike *best, struct lookalike *second, bool *typo,
                               const char *w, size_t wn, const char *kw, const char *heading,
                               size_t hlen)
{
	char h[256];
	size_t hn = heading_norm(heading, hlen, h, sizeof h);
	if (!hn)
		return;
	static const char since[] = " SINCE LAST REPORTING PERIOD";
	const size_t sl = sizeof since - 1;
	size_t max = wn / 6 < 1 ? 1 : wn / 6 > 6 ? 6 : wn / 6;
	size_t d = edit_distance(w, wn, h, hn, max);
	if (hn > sl && !memcmp(h + hn - sl, since, sl)) {
		size_t d2 = edit_distance(w, wn, h, hn - sl, max);
		d = d2 < d ? d2 : d;
	}
	char up[64];
	size_t kn = strlen(kw);
	if (kn < sizeof up) {
		for (size_t i = 0; i < kn; i++)
			up[i] = kw[i] >= 'a' && kw[i] <= 'z' ? (char)(kw[i] - 'a' + 'A') : kw[i];
		size_t kmax = kn >= 5 ? 2 : 1;
		size_t d3 = edit_distance(w, wn, up, kn, kmax);
		if (d3 <= kmax && d3 < d)
			d = d3;
	}
	struct lookalike c = {kw, heading, 0};
	if (d <= max) {
		c.score = d;
		if (!*typo || d < best->score) {
			*second = *typo && best->kw ? *best : (struct lookalike){NULL, NULL, 0};
			*best = c;
		} else if (d == best->score) {
			*second = c;
		}
		*typo = true;
		return;
	}
	if (*typo)
		return;
	size_t said;
	size_t shared = words_shared(w, wn, h, hn, kw, &said);
	if (!shared || shared * 2 < said)
		return;
	c.score = shared;
	if (!best->kw || shared > best->score) {
		*second = (struct lookalike){NULL, NULL, 0};
		*best = c;
	} else if (shared == best->score && !second->kw) {
		*second = c;
	}
}

/* When the words s (n bytes, at what on the line line) only resemble a
 * section's heading, the error heading-line with a did-you-mean (a fix-it
 * "== keyword" for a typo of one heading), and true. When start is set, a
 * section with no keyword is started, as heading_section does. */
static bool heading_lookalike(struct hlr_build *b, struct hlr_span line, struct hlr_span what,
                              const char *s, size_t n, bool start)
{
	char w[256];
	size_t wn = n < 120 ? heading_norm(s, n, w, sizeof w) : 0;
	/* bounded work: a few lines are compared, never a whole file of them */
	if (wn < 4 || b->lookalikes >= 64)
		return false;
	b->lookalikes++;
	struct lookalike best = {NULL, NULL, 0}, second = {NULL, NULL, 0};
	bool typo = false;
	for (size_t i = 0; i < hlr_catalog_len; i++)
		lookalike_consider(&best, &second, &typo, w, wn, hlr_catalog[i].keyword,
		                   hlr_catalog[i].heading, strlen(hlr_catalog[i].heading));
	for (struct hlr_node *f = b->report->root->first;
	     f && f->kind != HLR_NODE_SECTION && f->kind != HLR_NODE_PART; f = f->next) {
		if (f->kind != HLR_NODE_FIELD || !hlr_span_eq(b->src, f->key, "section") ||
		    f->text.nsegs != 1)
			continue;
		const char *v = f->text.s;
		size_t vn = f->text.len, k = 0;
		while (k < vn && v[k] != ' ' && v[k] != '\t')
			k++;
		size_t h = k;
		while (h < vn && (v[h] == ' ' || v[h] == '\t'))
			h++;
		if (k && h < vn)
			lookalike_consider(&best, &second, &typo, w, wn, hlr_arena_strndup(b->arena, v, k),
			                   hlr_arena_strndup(b->arena, v + h, vn - h), vn - h);
	}
	if (!best.kw)
		return false;
	uint32_t from = line_start_of(b->src, what.start);
	size_t k;
	if (second.kw)
		k = hlr_diag(b->diags, HLR_ERROR, HLR_C_HEADING_LINE, b->src, what,
		             "'%.*s' is no section's heading; did you mean '%s' (%s) or '%s' (%s)? "
		             "Write '== KEYWORD', or declare a section of your own in the header: "
		             "'section KEYWORD %.*s'",
		             (int)n, s, best.kw, best.heading, second.kw, second.heading, (int)n, s);
	else
		k = hlr_diag(b->diags, HLR_ERROR, HLR_C_HEADING_LINE, b->src, what,
		             "'%.*s' is no section's heading; did you mean '%s' (%s)? Write '== %s'%s%.*s%s",
		             (int)n, s, best.kw, best.heading, best.kw,
		             typo ? "" : ", or declare a section of your own in the header: 'section KEYWORD ",
		             typo ? 0 : (int)n, s, typo ? "" : "'");
	if (typo && !second.kw) {
		char fix[160];
		snprintf(fix, sizeof fix, "== %s", best.kw);
		hlr_diag_fixit(b->diags, k, hlr_span_make(from, what.end), fix);
	}
	if (start) {
		close_blocks(b);
		b->lazy = NULL;
		b->npending = 0;
		struct hlr_node *sec = node_new(b, HLR_NODE_SECTION, line);
		sec->key = hlr_span_make(from, from);
		append(b->part ? b->part : b->report->root, sec);
		b->section = sec;
		enter_body(b, from);
	}
	return true;
}

/* The header fields, for a header line written among the sections. */
static const char *const header_fields[] = {
	"title", "service", "author", "period", "authority", "section", "cadence", "previous",
	"require", "stale-after", "attachment",
};
/* the fields that may be given any number of times */
static bool field_repeats(const char *f)
{
	return !strcmp(f, "service") || !strcmp(f, "authority") || !strcmp(f, "section") ||
	       !strcmp(f, "attachment");
}

/* A text line starting a new block at column 1 that is a header field
 * ("author Lou Williams"): an error whose fix-it moves the line into the
 * header. Returns true when it was one. */
static bool late_field(struct hlr_build *b, struct hlr_span text)
{
	const char *p = hlr_span_ptr(b->src, text);
	size_t n = hlr_span_len(text), k = 0;
	while (k < n && p[k] != ' ' && p[k] != '\t' && !usp_len(p + k, n - k))
		k++;
	if (k == n)
		return false;
	const char *field = NULL;
	for (size_t i = 0; i < sizeof header_fields / sizeof header_fields[0]; i++)
		if (strlen(header_fields[i]) == k && !memcmp(p, header_fields[i], k))
			field = header_fields[i];
	if (!field)
		return false;
	struct hlr_node *given = NULL;
	for (struct hlr_node *f = b->report->root->first;
	     f && f->kind != HLR_NODE_SECTION && f->kind != HLR_NODE_PART; f = f->next)
		if (f->kind == HLR_NODE_FIELD && hlr_span_eq(b->src, f->key, field))
			given = f;
	struct hlr_span key = hlr_span_make(text.start, text.start + (uint32_t)k);
	if (given && !field_repeats(field)) {
		size_t d = hlr_diag(b->diags, HLR_ERROR, HLR_C_LATE_FIELD, b->src, key,
		                    "header field '%s' after the sections; the header already has one",
		                    field);
		hlr_diag_note(b->diags, d, b->src, given->key, "given here");
		return true;
	}
	size_t d = hlr_diag(b->diags, HLR_ERROR, HLR_C_LATE_FIELD, b->src, key,
	                    "header field '%s' after the sections; move it into the header, before "
	                    "the first part or section", field);
	uint32_t from = line_start_of(b->src, text.start), to = line_end_of(b->src, text.start);
	uint32_t at = b->has_header_end ? b->header_end : b->body_start;
	size_t len = to - from;
	bool nl = len && b->src->data[to - 1] == '\n';
	char *line = hlr_arena_alloc_raw(b->arena, len + 2);
	memcpy(line, b->src->data + from, len);
	if (!nl)
		line[len++] = '\n';
	line[len] = '\0';
	if (at < from) {
		hlr_diag_fixit(b->diags, d, hlr_span_make(at, at), line);
		hlr_diag_fixit(b->diags, d, hlr_span_make(from, to), "");
	}
	return true;
}

/* An item's or paragraph's text starting with an '@' word the scanner did
 * not read as a tag ("@CCC-only"). */
static void malformed_tag(struct hlr_build *b, struct hlr_span text)
{
	const char *p = hlr_span_ptr(b->src, text);
	size_t n = hlr_span_len(text);
	if (n < 2 || p[0] != '@' || !((p[1] >= 'A' && p[1] <= 'Z') || (p[1] >= 'a' && p[1] <= 'z')))
		return;
	size_t k = 1;
	while (k < n && p[k] != ' ' && p[k] != '\t' && !usp_len(p + k, n - k))
		k++;
	hlr_diag(b->diags, HLR_ERROR, HLR_C_MALFORMED_TAG, b->src,
	         hlr_span_make(text.start, text.start + (uint32_t)k),
	         "'%.*s' is not a tag word: write the tag, then a space ('@CCC text'), or '\\@' for "
	         "a literal '@'", (int)k, p);
}

/* ---- Field lines: "name value" lines that belong to a section (its
 * status line, first; in the metrics section every line) or, indented, to
 * an item. They hang on the node's fields, not among its children. */

/* The names an item's indented field line may have: its status, and the
 * keys of a log entry's fields line (compiler/log.c), which are field
 * lines only under an item that has an id. */
static const char *const item_fields[] = {"status", "owner", "due", "state"};

bool hlr_item_field_name(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof item_fields / sizeof item_fields[0]; i++)
		if (strlen(item_fields[i]) == n && !memcmp(item_fields[i], s, n))
			return true;
	return false;
}

bool hlr_entry_field_name(const char *s, size_t n)
{
	return hlr_item_field_name(s, n) && !(n == 6 && !memcmp(s, "status", 6));
}

/* "Owner: Head of Housing" (as Word writes a labelled line) under an item
 * with an id: meant as its fields line, which is 'owner Head of Housing';
 * an error whose fix-it writes the key so. True when it was one (the line
 * is then the item's text, as written). */
static bool labelled_field(struct hlr_build *b, const struct hlr_node *item, struct hlr_span t)
{
	if (hlr_span_empty(item->id))
		return false;
	const char *p = hlr_span_ptr(b->src, t);
	size_t n = hlr_span_len(t), k = 0;
	while (k < n && ((p[k] >= 'a' && p[k] <= 'z') || (p[k] >= 'A' && p[k] <= 'Z')))
		k++;
	if (k == 0 || k >= n || p[k] != ':')
		return false;
	char word[8];
	if (k >= sizeof word)
		return false;
	for (size_t i = 0; i < k; i++)
		word[i] = (char)(p[i] | 0x20);
	word[k] = '\0';
	if (!hlr_item_field_name(word, k))
		return false;
	struct hlr_span key = hlr_span_make(t.start, t.start + (uint32_t)k + 1);
	size_t e = hlr_diag(b->diags, HLR_ERROR, HLR_C_ENTRY_FIELD, b->src, key,
	                    "'%.*s' is not a field of the item: a fields line is written '%s VALUE' "
	                    "(the key in lower case, no colon; several separated by ';'), else the "
	                    "line is the item's text", (int)k + 1, p, word);
	char *fix = hlr_arena_alloc_raw(b->arena, k + 1);
	memcpy(fix, word, k + 1);
	hlr_diag_fixit(b->diags, e, key, fix);
	return true;
}

/* "close #id" or "close #id: reason" at the margin: the id's span and the
 * reason's (empty when none). */
static bool close_line(const struct hlr_source *src, struct hlr_span t, struct hlr_span *id,
                       struct hlr_span *reason)
{
	const char *p = hlr_span_ptr(src, t);
	size_t n = hlr_span_len(t);
	if (n < 7 || memcmp(p, "close", 5) || (p[5] != ' ' && p[5] != '\t'))
		return false;
	size_t h = 5;
	while (h < n && (p[h] == ' ' || p[h] == '\t'))
		h++;
	if (h + 1 >= n || p[h] != '#')
		return false;
	size_t k = ++h;
	while (k < n && p[k] != ':' && p[k] != ' ' && p[k] != '\t')
		k++;
	*id = hlr_span_make(t.start + (uint32_t)h, t.start + (uint32_t)k);
	size_t r = k;
	while (r < n && (p[r] == ' ' || p[r] == '\t'))
		r++;
	if (r < n && p[r] == ':')
		r++;
	else if (r < n)
		r = k; /* words after the id without ':': kept, reported by log.c */
	*reason = hlr_span_make(t.start + (uint32_t)r, t.end);
	return true;
}

/* Bytes of the first word of text (up to a blank), and whether a blank
 * follows it (or it ends the text). */
static size_t field_word(const struct hlr_source *src, struct hlr_span text)
{
	const char *p = hlr_span_ptr(src, text);
	size_t n = hlr_span_len(text), k = 0;
	while (k < n && p[k] != ' ' && p[k] != '\t' && !usp_len(p + k, n - k))
		k++;
	return k;
}

/* A field node for the line: key the first word of text, value the rest. */
static struct hlr_node *field_line(struct hlr_build *b, struct hlr_node *owner,
                                   struct hlr_span line, struct hlr_span text, struct hlr_span id,
                                   unsigned indent)
{
	text = trim(b->src, text);
	size_t k = field_word(b->src, text);
	struct hlr_node *n = node_new(b, HLR_NODE_FIELD, line);
	n->indent = indent;
	n->key = hlr_span_make(text.start, text.start + (uint32_t)k);
	text_add(b, &n->text, hlr_span_make(n->key.end, text.end));
	n->parent = owner;
	if (!hlr_span_empty(id))
		hlr_diag(b->diags, HLR_ERROR, HLR_C_MISPLACED_ID, b->src, trim(b->src, id),
		         "a field line ('%.*s ...') takes no id; give the id on the %s's text",
		         (int)k, hlr_span_ptr(b->src, text),
		         owner->kind == HLR_NODE_ITEM ? "item" : "section line");
	struct hlr_node **at = &owner->fields;
	while (*at)
		at = &(*at)->next;
	*at = n;
	return n;
}

/* Whether the line (text at column 1) is a field line of the current
 * section: its first line "status ...", or any line of the metrics
 * section. */
static bool section_field(struct hlr_build *b, struct hlr_span text)
{
	struct hlr_node *s = b->section;
	if (!s || b->npending)
		return false;
	text = trim(b->src, text);
	size_t k = field_word(b->src, text);
	if (!k)
		return false;
	if (hlr_span_eq(b->src, s->key, HLR_METRICS_KEYWORD)) {
		close_blocks(b);
		return true;
	}
	if (b->nitems || b->para || k != 6 || memcmp(hlr_span_ptr(b->src, text), "status", 6))
		return false;
	for (struct hlr_node *c = s->first; c; c = c->next)
		if (c->kind != HLR_NODE_COMMENT)
			return false;
	return true;
}

/* "status amber" at column 1 that is not the section's status line: as
 * written in Word under an item, it would join the item's text (or make a
 * paragraph), and the status would be lost. Under an item, the fix-it
 * indents it under the item's text, where it is the item's status. */
static bool misplaced_status(struct hlr_build *b, const struct hlr_node *c, struct hlr_span line,
                             struct hlr_span text)
{
	text = trim(b->src, text);
	size_t k = field_word(b->src, text);
	if (k != 6 || k == hlr_span_len(text) || memcmp(hlr_span_ptr(b->src, text), "status", 6))
		return false;
	const struct hlr_node *last = NULL;
	for (const struct hlr_node *n = c->first; n; n = n->next)
		if (n->kind != HLR_NODE_COMMENT)
			last = n;
	struct hlr_node *item = b->nitems && last && last->kind == HLR_NODE_ITEM && !b->para
	                            ? b->items[b->nitems]
	                            : NULL;
	struct hlr_span key = hlr_span_make(text.start, text.start + (uint32_t)k);
	b->lazy = NULL;
	b->para = NULL;
	if (!item) {
		hlr_diag(b->diags, HLR_ERROR, HLR_C_MISPLACED_STATUS, b->src, key,
		         "a section's status line is its first line, and an item's is indented under "
		         "its text; move this line to the top of the section, or under its item");
		return true;
	}
	/* "status VALUE[: reason]": one word before any ':' */
	const char *p = hlr_span_ptr(b->src, text) + k;
	size_t n = hlr_span_len(text) - k, w = 0;
	while (w < n && (p[w] == ' ' || p[w] == '\t'))
		w++;
	size_t v = w;
	while (v < n && p[v] != ' ' && p[v] != '\t' && p[v] != ':')
		v++;
	if (v < n && p[v] != ':') {
		hlr_diag(b->diags, HLR_ERROR, HLR_C_MISPLACED_STATUS, b->src, key,
		         "a line at column 1 after an item cannot start with 'status': it would "
		         "join the item's text; reflow the text, or write the item's status "
		         "('status VALUE') indented under its text");
		return true;
	}
	size_t d = hlr_diag(b->diags, HLR_ERROR, HLR_C_MISPLACED_STATUS, b->src, key,
	                    "'status' at column 1 is not the item's status: it would join its text; "
	                    "indent it under the item's text");
	unsigned col = item->indent + 2;
	if (item->list_style)
		col = item->indent + (unsigned)hlr_span_len(item->marker) + 1;
	char *pad = hlr_arena_alloc_raw(b->arena, col + 1);
	memset(pad, ' ', col);
	pad[col] = '\0';
	uint32_t at = line_start_of(b->src, line.start);
	hlr_diag_fixit(b->diags, d, hlr_span_make(at, at), pad);
	return true;
}

void hlr_build_init(struct hlr_build *b, struct hlr_arena *a, struct hlr_diags *d,
                    struct hlr_source *src)
{
	memset(b, 0, sizeof *b);
	b->arena = a;
	b->diags = d;
	b->src = src;
	b->report = hlr_arena_alloc(a, sizeof *b->report);
	b->report->src = src;
	const char *base = strrchr(src->path, '/');
	base = base ? base + 1 : src->path;
	size_t bn = strlen(base);
	if (bn > 4 && !strcmp(base + bn - 4, ".hlr"))
		bn -= 4;
	b->report->name = hlr_arena_strndup(a, base, bn);
	b->report->root = node_new(b, HLR_NODE_REPORT, hlr_span_make(0, (uint32_t)src->len));
}

void hlr_build_field(struct hlr_build *b, struct hlr_span line, struct hlr_span key,
                     struct hlr_span value)
{
	/* "NEW GUIDANCE AND IMPACT" on a line of its own ends the header */
	struct hlr_span all = trim(b->src, hlr_span_make(key.start, line.end));
	const char *kw;
	if (!has_lower(hlr_span_ptr(b->src, all), hlr_span_len(all)) &&
	    (kw = heading_keyword(b, hlr_span_ptr(b->src, all), hlr_span_len(all), true))) {
		heading_section(b, line, all, kw, "");
		return;
	}
	if (!has_lower(hlr_span_ptr(b->src, all), hlr_span_len(all)) &&
	    heading_lookalike(b, line, all, hlr_span_ptr(b->src, all), hlr_span_len(all), true))
		return;
	b->has_header_end = true;
	b->header_end = line.end;
	struct hlr_node *n = node_new(b, HLR_NODE_FIELD, line);
	n->key = key;
	text_add(b, &n->text, value);
	append(b->report->root, n);
}

/* A part line or heading override that ends with an escaped id,
 * "Workstream \{#draft}", reads as the text "Workstream {#draft}" (docs/
 * language.md, "Ids"): the backslash goes. The text stays one piece of
 * the source for every position but its last bytes. */
static void unescape_end_id(struct hlr_build *b, struct hlr_text *t)
{
	if (t->nsegs != 1 || !t->s || t->len < 5 || t->s[t->len - 1] != '}')
		return;
	size_t k = t->len - 1;
	while (k > 0 && t->s[k] != '{')
		k--;
	if (k < 1 || t->s[k - 1] != '\\' || t->s[k + 1] != '#' ||
	    memchr(t->s + k + 1, '{', t->len - k - 1))
		return;
	char *s = hlr_arena_alloc_raw(b->arena, t->len);
	memcpy(s, t->s, k - 1);
	memcpy(s + k - 1, t->s + k, t->len - k);
	s[t->len - 1] = '\0';
	t->s = s;
	t->len--;
}

void hlr_build_part(struct hlr_build *b, struct hlr_span line, struct hlr_span text,
                    struct hlr_span id)
{
	drop_tags(b, "an item or paragraph");
	close_blocks(b);
	b->lazy = NULL;
	enter_body(b, line.start);
	struct hlr_node *n = node_new(b, HLR_NODE_PART, line);
	text_add(b, &n->text, text);
	unescape_end_id(b, &n->text);
	set_id(b, n, id);
	append(b->report->root, n);
	b->part = n;
	b->section = NULL;
}

void hlr_build_section(struct hlr_build *b, struct hlr_span line, struct hlr_span keyword,
                       struct hlr_span more, struct hlr_span heading, struct hlr_span id)
{
	close_blocks(b);
	b->lazy = NULL;
	enter_body(b, line.start);
	/* "== NEW GUIDANCE AND IMPACT", "== Decisions": the heading, or the
	 * keyword in capitals, where the keyword goes */
	struct hlr_span words = hlr_span_make(keyword.start, hlr_span_empty(more) ? keyword.end
	                                                                         : more.end);
	const char *p = hlr_span_ptr(b->src, words);
	size_t wn = hlr_span_len(words);
	bool upper = false;
	for (size_t i = 0; i < wn; i++)
		upper |= p[i] >= 'A' && p[i] <= 'Z';
	/* a lowercase keyword is one or is unknown (the resolver says which) */
	const char *kw = wn && (upper || !hlr_span_empty(more)) ? heading_keyword(b, p, wn, true)
	                                                        : NULL;
	if (kw && (!hlr_span_empty(more) || strlen(kw) != wn || memcmp(kw, p, wn))) {
		size_t k = hlr_diag(b->diags, HLR_ERROR, HLR_C_HEADING_LINE, b->src, words,
		                    "'%.*s' is the heading of section '%s'; write '== %s'", (int)wn, p,
		                    kw, kw);
		hlr_diag_fixit(b->diags, k, words, kw);
		keyword = hlr_span_make(keyword.start, keyword.start);
	} else if (!hlr_span_empty(more) &&
	           !(!has_upper(hlr_span_ptr(b->src, keyword), hlr_span_len(keyword)) &&
	             heading_keyword(b, hlr_span_ptr(b->src, keyword), hlr_span_len(keyword), true)) &&
	           heading_lookalike(b, line, words, p, wn, false)) {
		/* "== Finance Update": no keyword, and no more errors for it */
		keyword = hlr_span_make(keyword.start, keyword.start);
	} else if (!hlr_span_empty(more)) {
		/* what the grammar would have said: the first word is unexpected */
		struct hlr_span w = more;
		const char *q = hlr_span_ptr(b->src, w);
		size_t k = 0;
		while (k < hlr_span_len(w) && q[k] != ' ' && q[k] != '\t' &&
		       !usp_len(q + k, hlr_span_len(w) - k))
			k++;
		w.end = w.start + (uint32_t)k;
		hlr_parse_syntax_error(b, w, "section keyword", true,
		                       "':', id ('{#...}') or end of line");
	}
	struct hlr_node *n = node_new(b, HLR_NODE_SECTION, line);
	n->key = keyword;
	text_add(b, &n->heading, heading);
	unescape_end_id(b, &n->heading);
	set_id(b, n, id);
	append(b->part ? b->part : b->report->root, n);
	b->section = n;
}

void hlr_build_tag(struct hlr_build *b, struct hlr_span tag, unsigned follow)
{
	if (b->npending == HLR_MAX_AUTHORITIES) {
		if (!b->too_many_tags)
			hlr_diag(b->diags, HLR_ERROR, HLR_C_TOO_MANY_TAGS, b->src, tag,
			         "more than %d authority tags on one line", HLR_MAX_AUTHORITIES);
		b->too_many_tags = true;
		return;
	}
	/* "@CCC:" and "@CCC" then a Unicode space: the tag, with a warning */
	const char *d = b->src->data;
	char last = d[tag.end - 1];
	uint32_t after = tag.end;
	/* the byte at after is flex's (held): the rest tells the space */
	size_t sp = follow == 2 ? 2 : follow == 4 ? 3 : 0;
	if (follow == 3 && after + 2 < b->src->len) {
		unsigned char c1 = (unsigned char)d[after + 1], c2 = (unsigned char)d[after + 2];
		if ((c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xAF)) ||
		    (c1 == 0x81 && c2 == 0x9F))
			sp = 3;
		else
			follow = 255;
	}
	if (last == ':' || last == ';' || last == ',' || last == '.') {
		tag.end--;
		size_t k = hlr_diag(b->diags, HLR_WARNING, HLR_C_TAG_PUNCTUATION, b->src,
		                    hlr_span_make(tag.end, tag.end + 1),
		                    "'%c' after the tag '%.*s' read as the tag; write the tag, then a space",
		                    last, (int)hlr_span_len(tag), d + tag.start);
		hlr_diag_fixit(b->diags, k, hlr_span_make(tag.end, tag.end + 1), "");
		if (sp)
			hlr_diag_fixit(b->diags, k, hlr_span_make(after, after + (uint32_t)sp), " ");
	} else if (sp) {
		size_t k = hlr_diag(b->diags, HLR_WARNING, HLR_C_TAG_PUNCTUATION, b->src,
		                    hlr_span_make(after, after + (uint32_t)sp),
		                    "a Unicode space (not a plain space) after the tag '%.*s'; write a "
		                    "space", (int)hlr_span_len(tag), d + tag.start);
		hlr_diag_fixit(b->diags, k, hlr_span_make(after, after + (uint32_t)sp), " ");
	} else if (follow == 255) {
		hlr_diag(b->diags, HLR_ERROR, HLR_C_MALFORMED_TAG, b->src, hlr_span_make(tag.start, after),
		         "'%.*s' is followed by a character that is no space: write the tag, then a "
		         "space ('@CCC text'), or '\\@' for a literal '@'", (int)(after - tag.start),
		         d + tag.start);
	}
	tag.start++; /* drop the '@' */
	b->pending[b->npending++] = (struct hlr_tagref){tag, -1, NULL};
}

void hlr_build_discard(struct hlr_build *b)
{
	b->npending = 0;
	b->nrowparts = 0;
	b->lazy = NULL;
	b->too_many_tags = false;
}

/* An item marker other than "- ": a warning with the fix-its that write
 * "- " (marker: the line's indentation and the marker). */
static void check_marker(struct hlr_build *b, struct hlr_span marker)
{
	const char *d = b->src->data;
	uint32_t m = marker.start;
	for (size_t u;;) {
		if (m < marker.end && (d[m] == ' ' || d[m] == '\t'))
			m++;
		else if ((u = usp_len(d + m, marker.end - m)) > 0)
			m += (uint32_t)u;
		else
			break;
	}
	struct hlr_span mk = hlr_span_make(m, marker.end);
	bool word = hlr_span_len(mk) > 1;
	uint32_t after = marker.end;
	size_t sp = usp_len(d + after, b->src->len - after);
	bool nospace = !sp && after < b->src->len && d[after] != ' ' && d[after] != '\t' &&
	               d[after] != '\r' && d[after] != '\n';
	if (!word && !sp && !nospace)
		return;
	size_t k;
	if (word)
		k = hlr_diag(b->diags, HLR_WARNING, HLR_C_WORD_MARKER, b->src, mk,
		             "'%.*s' read as an item marker; write '-'", (int)hlr_span_len(mk),
		             d + m);
	else if (sp)
		k = hlr_diag(b->diags, HLR_WARNING, HLR_C_WORD_MARKER, b->src,
		             hlr_span_make(after, after + (uint32_t)sp),
		             "a Unicode space (not a plain space) after the item marker; write a space");
	else
		k = hlr_diag(b->diags, HLR_WARNING, HLR_C_WORD_MARKER, b->src, mk,
		             "no space after the item marker; write '- ' before the text");
	if (word)
		hlr_diag_fixit(b->diags, k, mk, "-");
	if (sp)
		hlr_diag_fixit(b->diags, k, hlr_span_make(after, after + (uint32_t)sp), " ");
	else if (nospace)
		hlr_diag_fixit(b->diags, k, hlr_span_make(after, after), " ");
}

/* An item at indent in its place (NULL, and an error, outside sections). */
static struct hlr_node *add_item(struct hlr_build *b, struct hlr_span line, unsigned indent,
                                 struct hlr_span text, struct hlr_span id);

void hlr_build_item(struct hlr_build *b, struct hlr_span line, struct hlr_span marker,
                    unsigned indent, struct hlr_span text, struct hlr_span id)
{
	b->too_many_tags = false;
	check_marker(b, marker);
	add_item(b, line, indent, text, id);
}

static struct hlr_node *add_item(struct hlr_build *b, struct hlr_span line, unsigned indent,
                                 struct hlr_span text, struct hlr_span id)
{
	struct hlr_node *c = container(b, line, "an item");
	if (!c) {
		b->npending = 0;
		return NULL;
	}
	malformed_tag(b, text);
	b->para = NULL;
	while (b->nitems && b->items[b->nitems]->indent >= indent)
		b->nitems--;
	if (b->nitems == HLR_MAX_DEPTH) {
		if (!b->depth_reported)
			hlr_diag(b->diags, HLR_ERROR, HLR_C_NESTING_TOO_DEEP, b->src, trim(b->src, line),
			         "items nested more than %d levels deep", HLR_MAX_DEPTH);
		b->depth_reported = true;
		b->nitems--;
	}
	struct hlr_node *n = node_new(b, HLR_NODE_ITEM, line);
	n->indent = indent;
	n->depth = b->nitems + 1;
	take_tags(b, n);
	text_add(b, &n->text, text);
	set_id(b, n, id);
	if (b->nitems)
		b->items[b->nitems]->has_items = true;
	append(b->nitems ? b->items[b->nitems] : c, n);
	b->items[++b->nitems] = n;
	b->lazy = n;
	return n;
}

size_t hlr_list_marker(char out[24], enum hlr_list_style style, uint32_t number, char delim)
{
	static const char *const ones[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
	static const char *const tens[] = {"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"};
	static const char *const hundreds[] = {"", "c", "cc", "ccc"};
	int k = 0;
	switch (style) {
	case HLR_LIST_DECIMAL:
		k = snprintf(out, 24, "%lu%c", (unsigned long)number, delim);
		break;
	case HLR_LIST_LOWER_ALPHA:
	case HLR_LIST_UPPER_ALPHA:
		if (number >= 1 && number <= 26)
			k = snprintf(out, 24, "%c%c",
			             (char)((style == HLR_LIST_UPPER_ALPHA ? 'A' : 'a') + (int)number - 1),
			             delim);
		break;
	case HLR_LIST_LOWER_ROMAN:
	case HLR_LIST_UPPER_ROMAN:
		if (number >= 1 && number < 400) {
			k = snprintf(out, 24, "%s%s%s%c", hundreds[number / 100], tens[number / 10 % 10],
			             ones[number % 10], delim);
			for (int i = 0; style == HLR_LIST_UPPER_ROMAN && i < k - 1; i++)
				out[i] = (char)(out[i] - 'a' + 'A');
		}
		break;
	default:
		break;
	}
	if (k <= 0 || k >= 24)
		k = 0;
	out[k] = '\0';
	return (size_t)k;
}

/* The value of the Roman numeral s (n letters, one case), 0 if it is not
 * one written the usual way ("iv", not "iiii"). */
static unsigned roman_value(const char *s, size_t n)
{
	static const char *const ones[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
	static const char *const tens[] = {"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"};
	static const char *const hundreds[] = {"", "c", "cc", "ccc"};
	char low[16];
	if (n == 0 || n >= sizeof low)
		return 0;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	for (unsigned v = 1; v < 400; v++) {
		char w[16];
		int k = snprintf(w, sizeof w, "%s%s%s", hundreds[v / 100], tens[v / 10 % 10], ones[v % 10]);
		if ((size_t)k == n && !memcmp(w, low, n))
			return v;
	}
	return 0;
}

/* The item before the one about to be added at indent: the last content
 * of the same parent, when it is an item (comments between do not count). */
static struct hlr_node *item_before(struct hlr_build *b, unsigned indent)
{
	unsigned d = b->nitems;
	while (d && b->items[d]->indent >= indent)
		d--;
	if (d + 1 > HLR_MAX_DEPTH || d + 1 > b->nitems || b->para)
		return NULL;
	struct hlr_node *prev = b->items[d + 1];
	struct hlr_node *parent = d ? b->items[d] : b->section;
	if (!prev || prev->parent != parent)
		return NULL;
	for (struct hlr_node *n = prev->next; n; n = n->next)
		if (n->kind != HLR_NODE_COMMENT)
			return NULL;
	return prev;
}

bool hlr_is_list_marker(const char *s, size_t n)
{
	if (n < 2 || (s[n - 1] != '.' && s[n - 1] != ')'))
		return false;
	size_t k = n - 1, d = 0;
	while (d < k && s[d] >= '0' && s[d] <= '9')
		d++;
	if (d == k)
		return k <= 9;
	if (s[n - 1] != ')')
		return false;
	if (k == 1)
		return (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z');
	bool lower = s[0] >= 'a';
	for (size_t i = 0; i < k; i++)
		if ((s[i] >= 'a') != lower)
			return false;
	return roman_value(s, k) != 0;
}

void hlr_build_ordinal(struct hlr_build *b, struct hlr_span line, struct hlr_span marker,
                       unsigned indent, struct hlr_span text, struct hlr_span id)
{
	b->too_many_tags = false;
	const char *d = b->src->data;
	uint32_t m = marker.start;
	while (m < marker.end && !((d[m] >= '0' && d[m] <= '9') || (d[m] >= 'a' && d[m] <= 'z') ||
	                           (d[m] >= 'A' && d[m] <= 'Z')))
		m++;
	struct hlr_span mk = hlr_span_make(m, marker.end);
	const char *p = d + m;
	size_t n = hlr_span_len(mk) - 1; /* without the delimiter */
	struct hlr_node *prev = b->section ? item_before(b, indent) : NULL;
	enum hlr_list_style style;
	unsigned value = 0;
	if (p[0] >= '0' && p[0] <= '9') {
		style = HLR_LIST_DECIMAL;
		for (size_t i = 0; i < n; i++)
			value = value * 10 + (unsigned)(p[i] - '0');
	} else {
		bool upper = p[0] >= 'A' && p[0] <= 'Z';
		unsigned letter = (unsigned)(upper ? p[0] - 'A' : p[0] - 'a') + 1;
		unsigned roman = roman_value(p, n);
		enum hlr_list_style alpha = upper ? HLR_LIST_UPPER_ALPHA : HLR_LIST_LOWER_ALPHA;
		enum hlr_list_style rom = upper ? HLR_LIST_UPPER_ROMAN : HLR_LIST_LOWER_ROMAN;
		/* "i)" starts a Roman list, and goes on a lettered one after "h)";
		 * "v)" and "x)" go on a Roman list */
		if (n == 1 && !(roman && prev && prev->list_style == rom) &&
		    !(roman == 1 && !(prev && prev->list_style == alpha))) {
			style = alpha;
			value = letter;
		} else if (roman) {
			style = rom;
			value = roman;
		} else {
			/* "ill) ..." is no numeral: the line is text */
			b->npending = 0;
			hlr_build_text(b, line, indent,
			               hlr_span_make(mk.start, hlr_span_empty(id) ? line.end : id.start), id);
			return;
		}
	}
	struct hlr_node *it = add_item(b, line, indent, text, id);
	if (!it)
		return;
	it->list_style = (uint8_t)style;
	it->list_delim = p[n];
	it->marker = mk;
	it->number = value;
	if (!prev || prev->list_style != style || prev->list_delim != it->list_delim ||
	    value == prev->number + 1)
		return;
	/* "1. 1. 1.": every item of the list repeats the first number,
	 * counted on */
	bool repeat = true;
	size_t ml = hlr_span_len(mk);
	for (const struct hlr_node *q = prev->parent->first; q && q != it; q = q->next) {
		if (q->kind == HLR_NODE_COMMENT)
			continue;
		if (q->kind != HLR_NODE_ITEM || q->list_style != style ||
		    q->list_delim != it->list_delim) {
			repeat = true; /* a list before this one */
			continue;
		}
		repeat = repeat && hlr_span_len(q->marker) == ml &&
		         !memcmp(d + q->marker.start, p, ml);
	}
	if (repeat) {
		it->number = prev->number + 1;
		return;
	}
	char want[24];
	int wn = (int)hlr_list_marker(want, style, prev->number + 1, it->list_delim);
	size_t k = hlr_diag(b->diags, HLR_WARNING, HLR_C_LIST_NUMBERING, b->src, mk,
	                    "'%.*s' after '%.*s' skips or goes back; the output keeps the number "
	                    "as written, starting a new list%s%.*s%s",
	                    (int)hlr_span_len(mk), p, (int)hlr_span_len(prev->marker),
	                    d + prev->marker.start, wn > 0 ? " (to go on counting, write '" : "",
	                    wn > 0 ? wn : 0, want, wn > 0 ? "')" : "");
	hlr_diag_note(b->diags, k, b->src, prev->marker, "the item before");
}

void hlr_build_subhead(struct hlr_build *b, struct hlr_span line, struct hlr_span text,
                       struct hlr_span id)
{
	drop_tags(b, "an item or paragraph");
	close_blocks(b);
	b->lazy = NULL;
	struct hlr_node *c = container(b, line, "a sub-heading ('===')");
	if (!c)
		return;
	struct hlr_node *n = node_new(b, HLR_NODE_SUBHEAD, line);
	text_add(b, &n->text, text);
	if (!n->text.nsegs)
		hlr_diag(b->diags, HLR_ERROR, HLR_C_SYNTAX, b->src, n->span,
		         "a sub-heading needs its words: write '=== Heading'");
	set_id(b, n, id);
	append(c, n);
}

/* A text line continues the innermost open item it is indented under. */
static struct hlr_node *item_for(struct hlr_build *b, unsigned indent)
{
	while (b->nitems && b->items[b->nitems]->indent >= indent)
		b->nitems--;
	return b->nitems ? b->items[b->nitems] : NULL;
}

void hlr_build_text(struct hlr_build *b, struct hlr_span line, unsigned indent,
                    struct hlr_span text, struct hlr_span id)
{
	b->too_many_tags = false;
	/* a heading written as in Word: "NEW GUIDANCE AND IMPACT" on a line of
	 * its own, or "## Decisions" */
	if (indent == 0 && !b->npending && !hlr_span_empty(text)) {
		struct hlr_span t = trim(b->src, text);
		const char *p = hlr_span_ptr(b->src, t);
		size_t n = hlr_span_len(t), h = 0;
		while (h < n && p[h] == '#')
			h++;
		size_t w = h;
		while (w < n && (p[w] == ' ' || p[w] == '\t'))
			w++;
		const char *kw = NULL;
		if (h >= 2 && w > h)
			kw = heading_keyword(b, p + w, n - w, true);
		else if (h == 0 && !has_lower(p, n))
			kw = heading_keyword(b, p, n, false);
		if (kw) {
			heading_section(b, line, t, kw, h ? " (a Markdown heading)" : "");
			return;
		}
		/* one that only resembles a heading: "NEW GUIDENCE AND IMPACT",
		 * "FINANCE UPDATE" alone on a line, "## Decsions" */
		char last = n ? p[n - 1] : '.';
		if (h >= 2 && w > h && heading_lookalike(b, line, t, p + w, n - w, true))
			return;
		/* (nor is a line its author set in bold or italics: "**STAFFING
		 * UPDATE**" is emphasis written on purpose, as hlrc import keeps a
		 * heading that is no section's) */
		bool emphasis = n && (p[0] == '*' || p[0] == '_');
		if (h == 0 && !emphasis && !b->lazy && !b->para && !has_lower(p, n) && last != '.' &&
		    last != ',' && last != ';' && last != '!' && last != '?' &&
		    heading_lookalike(b, line, t, p, n, true))
			return; /* (a line that continues a text is no heading of its own) */
	}
	struct hlr_node *c = container(b, line, "text");
	if (!c) {
		b->npending = 0;
		return;
	}
	struct hlr_span cid, creason;
	if (indent == 0 && !b->npending && hlr_span_empty(id) &&
	    close_line(b->src, trim(b->src, text), &cid, &creason)) {
		close_blocks(b);
		b->lazy = NULL;
		struct hlr_node *n = node_new(b, HLR_NODE_CLOSE, line);
		n->key = hlr_span_make(n->span.start, n->span.start + 5);
		n->id = cid;
		text_add(b, &n->text, creason);
		append(c, n);
		return;
	}
	if (indent == 0 && section_field(b, text)) {
		b->lazy = NULL;
		field_line(b, c, line, text, id, 0);
		return;
	}
	if (indent == 0 && !b->npending && misplaced_status(b, c, line, text))
		return;
	/* lazy continuation, as in CommonMark: a line at column 1 right after
	 * an item's text continues it */
	if (indent == 0 && b->lazy && !b->npending) {
		struct hlr_node *item = b->lazy;
		text_add(b, &item->text, text);
		set_id(b, item, id);
		item->span.end = trim(b->src, line).end;
		return;
	}
	if (indent == 0 && !b->npending && !b->para && late_field(b, text)) {
		b->nitems = 0;
		return;
	}
	if (!b->para || b->nitems || indent > 0)
		malformed_tag(b, text);
	struct hlr_node *item = indent > 0 ? item_for(b, indent) : NULL;
	if (item && !b->npending) {
		struct hlr_span t = trim(b->src, text);
		size_t k = field_word(b->src, t);
		if (k < hlr_span_len(t) && hlr_item_field_name(hlr_span_ptr(b->src, t), k) &&
		    (!hlr_span_empty(item->id) || !hlr_entry_field_name(hlr_span_ptr(b->src, t), k))) {
			field_line(b, item, line, text, id, indent);
			b->lazy = NULL;
			return;
		}
		if (!item->fields)
			labelled_field(b, item, t);
		if (item->fields) {
			hlr_diag(b->diags, HLR_ERROR, HLR_C_FIELD_LINE_ORDER, b->src, trim(b->src, line),
			         "text after an item's field lines continues no text; move it above "
			         "the '%.*s' line", (int)hlr_span_len(item->fields->key),
			         hlr_span_ptr(b->src, item->fields->key));
			return;
		}
	}
	if (item) {
		if (item->has_items) {
			hlr_diag(b->diags, HLR_ERROR, HLR_C_MISPLACED_CONTINUATION, b->src,
			         trim(b->src, line),
			         "text after nested items continues no item; indent it under "
			         "the last nested item, or move it above them");
			b->npending = 0;
			return;
		}
		drop_tags(b, "an item's first line");
		text_add(b, &item->text, text);
		set_id(b, item, id);
		item->span.end = trim(b->src, line).end;
		b->lazy = item;
		return;
	}
	b->lazy = NULL;
	if (indent > 0 && !b->para && hlr_span_eq(b->src, c->key, HLR_METRICS_KEYWORD)) {
		/* a note indented less than the item above it, in the metrics
		 * section: at column 1 it would be a metric line, indented as
		 * far as the item it would continue it */
		const struct hlr_node *last = NULL;
		for (const struct hlr_node *k = c->first; k; k = k->next)
			if (k->kind != HLR_NODE_COMMENT)
				last = k;
		if (last && last->kind == HLR_NODE_ITEM) {
			hlr_diag(b->diags, HLR_ERROR, HLR_C_MISPLACED_CONTINUATION, b->src,
			         trim(b->src, line),
			         "in the metrics section, a note after an item continues no item and, "
			         "at column 1, would be a metric line; indent it under the item, or "
			         "move it above the items");
			b->npending = 0;
			return;
		}
	}
	if (indent == 0)
		b->nitems = 0;
	if (b->para && !b->nitems) {
		drop_tags(b, "a paragraph's first line");
		text_add(b, &b->para->text, text);
		set_id(b, b->para, id);
		b->para->span.end = trim(b->src, line).end;
		return;
	}
	b->nitems = 0;
	if (hlr_span_empty(text) && !b->npending) {
		hlr_diag(b->diags, HLR_ERROR, HLR_C_MISPLACED_ID, b->src, trim(b->src, line),
		         "an id alone on a line must follow the text of its item or paragraph");
		return;
	}
	struct hlr_node *n = node_new(b, HLR_NODE_PARA, line);
	n->indent = indent;
	take_tags(b, n);
	text_add(b, &n->text, text);
	set_id(b, n, id);
	append(c, n);
	b->para = n;
}

void hlr_build_keyword_line(struct hlr_build *b, enum hlr_node_kind kind,
                            struct hlr_span line, struct hlr_span text)
{
	struct hlr_node *c = container(b, line, kind == HLR_NODE_NONE ? "'none'" : "'unchanged'");
	close_blocks(b);
	b->lazy = NULL;
	if (!c)
		return;
	struct hlr_node *n = node_new(b, kind, line);
	text_add(b, &n->text, text);
	append(c, n);
}

void hlr_build_comment(struct hlr_build *b, struct hlr_span line, unsigned indent)
{
	/* "# NEW GUIDANCE AND IMPACT": a heading in capitals, not a comment */
	struct hlr_span t = trim(b->src, line);
	const char *p = hlr_span_ptr(b->src, t);
	size_t tn = hlr_span_len(t);
	if (indent == 0 && tn > 2 && !has_lower(p, tn)) {
		const char *kw = heading_keyword(b, p + 2, tn - 2, false);
		if (kw) {
			heading_section(b, line, t, kw, " (a Markdown heading, not a comment)");
			return;
		}
		if ((p[1] == ' ' || p[1] == '\t') && heading_lookalike(b, line, t, p + 2, tn - 2, true))
			return;
	}
	struct hlr_node *n = node_new(b, HLR_NODE_COMMENT, line);
	n->indent = indent;
	struct hlr_node *at = b->section ? b->section : b->part ? b->part : b->report->root;
	for (unsigned i = b->nitems; i > 0; i--)
		if (b->items[i]->indent < indent) {
			at = b->items[i];
			break;
		}
	append(at, n);
}

void hlr_build_blank(struct hlr_build *b)
{
	b->para = NULL;
	b->lazy = NULL;
}

/* ---- Tables: "| a | b |" lines at the left margin. The grammar hands
 * over each bar and each cell's words; the row is built at its line end. */

static void rowpart(struct hlr_build *b, struct hlr_span s)
{
	if (b->nrowparts == b->caprowparts) {
		unsigned cap = b->caprowparts ? b->caprowparts * 2 : 32;
		b->rowparts = hlr_arena_grow(b->arena, b->rowparts, b->nrowparts, cap,
		                             sizeof *b->rowparts);
		b->caprowparts = cap;
	}
	b->rowparts[b->nrowparts++] = s;
}

void hlr_build_bar(struct hlr_build *b, struct hlr_span bar) { rowpart(b, bar); }

void hlr_build_cell(struct hlr_build *b, struct hlr_span words) { rowpart(b, words); }

/* Whether a cell's words could be an alignment cell: '-', ':' and blanks,
 * with a '-' ("---", ":-:"); the resolver checks the form. */
static bool align_like(const char *p, size_t n)
{
	bool dash = false;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '-')
			dash = true;
		else if (p[i] != ':' && p[i] != ' ' && p[i] != '\t')
			return false;
	}
	return dash;
}

/* A paragraph of one line "Table: words" directly above a table's first
 * row: its caption. */
static bool caption_line(struct hlr_build *b, struct hlr_node *c, struct hlr_span line)
{
	struct hlr_node *p = b->para;
	if (!p || p != c->last || p->ntags || p->text.nsegs != 1 ||
	    line_end_of(b->src, p->span.end) != line.start)
		return false;
	struct hlr_seg *sg = &b->segs[p->text.seg0];
	const char *w = b->src->data + sg->src;
	size_t k = 6;
	if (sg->len <= k + 1 || memcmp(w, "Table:", k) || (w[k] != ' ' && w[k] != '\t'))
		return false;
	while (k < sg->len && (w[k] == ' ' || w[k] == '\t'))
		k++;
	sg->src += (uint32_t)k;
	sg->len -= (uint32_t)k;
	p->text.len = sg->len;
	p->text.s = b->src->data + sg->src;
	p->kind = HLR_NODE_TABLE;
	return true;
}

void hlr_build_row(struct hlr_build *b, struct hlr_span line, struct hlr_span first)
{
	unsigned np = b->nrowparts;
	b->nrowparts = 0;
	b->too_many_tags = false;
	/* a table before the first section: reported at its first row */
	bool reported = !b->section && b->table_end == line.start && line.start;
	struct hlr_node *c = reported ? NULL : container(b, line, "a table");
	if (!c) {
		b->npending = 0;
		b->table_end = line.end;
		return;
	}
	struct hlr_node *t = b->table;
	if (!t || b->table_end != line.start || t->parent != c || t != c->last) {
		if (caption_line(b, c, line)) {
			t = c->last;
		} else {
			t = node_new(b, HLR_NODE_TABLE, line);
			append(c, t);
		}
		t->table = hlr_arena_alloc(b->arena, sizeof *t->table);
		t->table->metrics = c->kind == HLR_NODE_SECTION &&
		                    hlr_span_eq(b->src, c->key, HLR_METRICS_KEYWORD);
	}
	close_blocks(b);
	b->lazy = NULL;
	b->table = t;
	b->table_end = line.end;
	struct hlr_node *row = node_new(b, HLR_NODE_ROW, line);
	take_tags(b, row);
	/* the cells: the words between each bar and the next, and after the
	 * last bar when there are any */
	const char *d = b->src->data;
	unsigned ncells = 0;
	for (unsigned i = 0; i < np; i++)
		ncells += d[b->rowparts[i].start] == '|';
	row->cells = hlr_arena_alloc(b->arena, (ncells + 1) * sizeof *row->cells);
	struct hlr_span bar = first, words = hlr_span_make(first.end, first.end);
	for (unsigned i = 0; i <= np; i++) {
		bool end = i == np;
		struct hlr_span s = end ? hlr_span_make(line.end, line.end) : b->rowparts[i];
		if (!end && d[s.start] != '|') {
			words = s;
			continue;
		}
		struct hlr_span w = trim(b->src, words);
		if (end && hlr_span_empty(w))
			break;
		struct hlr_cell *cell = &row->cells[row->ncells++];
		cell->span = hlr_span_empty(w) ? hlr_span_make(bar.end, bar.end) : w;
		cell->bars = hlr_span_make(bar.start, end ? trim(b->src, line).end : s.end);
		if (!hlr_span_empty(w)) {
			struct hlr_seg *sg = hlr_arena_alloc(b->arena, sizeof *sg);
			*sg = (struct hlr_seg){w.start, 0, (uint32_t)hlr_span_len(w)};
			cell->text = (struct hlr_text){d + w.start, hlr_span_len(w), sg, 1, 0, d};
		} else {
			cell->text.src_data = d;
		}
		bar = s;
		words = hlr_span_make(s.end, s.end);
	}
	/* the first row heads the columns; the second, when it looks like one,
	 * is the alignment row (checked by the resolver, compiler/table.c) */
	struct hlr_table *tab = t->table;
	if (!t->first) {
		row->row_role = HLR_ROW_HEADER;
		tab->ncols = row->ncells;
		tab->row_headers = row->ncells > 1 && hlr_span_empty(row->cells[0].span);
	} else if (t->first == t->last && !tab->has_align) {
		bool like = row->ncells > 0;
		for (unsigned i = 0; i < row->ncells && like; i++)
			like = align_like(d + row->cells[i].span.start, hlr_span_len(row->cells[i].span));
		if (like) {
			row->row_role = HLR_ROW_ALIGN;
			tab->has_align = true;
			tab->align = hlr_arena_alloc(b->arena, tab->ncols + 1);
			for (unsigned i = 0; i < row->ncells && i < tab->ncols; i++) {
				struct hlr_span w = row->cells[i].span;
				bool l = d[w.start] == ':', r = d[w.end - 1] == ':' && hlr_span_len(w) > 1;
				tab->align[i] = l && r ? HLR_ALIGN_CENTER : l ? HLR_ALIGN_LEFT
				                          : r ? HLR_ALIGN_RIGHT : HLR_ALIGN_NONE;
			}
		}
	}
	append(t, row);
	t->span.end = trim(b->src, line).end;
}

/* Points every node's text at its pieces once the array stops moving. */
void hlr_build_finish(struct hlr_build *b)
{
	struct hlr_node *n = b->report->root;
	while (n) {
		if (n->text.nsegs)
			n->text.segs = b->segs + n->text.seg0;
		n->text.src_data = b->src->data;
		if (n->heading.nsegs)
			n->heading.segs = b->segs + n->heading.seg0;
		n->heading.src_data = b->src->data;
		for (struct hlr_node *f = n->fields; f; f = f->next) {
			if (f->text.nsegs)
				f->text.segs = b->segs + f->text.seg0;
			f->text.src_data = b->src->data;
		}
		n = hlr_node_next(n);
	}
}

/* The id of the part a section is in: empty when the part has none, or
 * the section is in no part. */
static struct hlr_span section_part_id(const struct hlr_node *sec)
{
	const struct hlr_node *p = sec->parent;
	if (p && p->kind == HLR_NODE_PART)
		return p->id;
	return hlr_span_make(0, 0);
}

size_t hlr_section_address(const struct hlr_node *sec, char *out, size_t cap)
{
	struct hlr_span pid = section_part_id(sec);
	size_t pn = hlr_span_len(pid), kn = hlr_span_len(sec->key);
	size_t n = (pn ? pn + 1 : 0) + kn;
	if (n + 1 > cap)
		return 0;
	if (pn) {
		memcpy(out, sec->parent->src->data + pid.start, pn);
		out[pn] = '/';
	}
	memcpy(out + (pn ? pn + 1 : 0), sec->src->data + sec->key.start, kn);
	out[n] = 0;
	return n;
}

bool hlr_section_same(const struct hlr_node *a, const struct hlr_node *b)
{
	struct hlr_span pa = section_part_id(a), pb = section_part_id(b);
	return hlr_span_len(a->key) == hlr_span_len(b->key) &&
	       !memcmp(a->src->data + a->key.start, b->src->data + b->key.start,
	               hlr_span_len(a->key)) &&
	       hlr_span_len(pa) == hlr_span_len(pb) &&
	       (!hlr_span_len(pa) || !memcmp(a->parent->src->data + pa.start,
	                                      b->parent->src->data + pb.start, hlr_span_len(pa)));
}

const struct hlr_node *hlr_report_section(const struct hlr_report *r,
                                          const struct hlr_node *sec)
{
	for (const struct hlr_node *a = r->root->first; a; a = a->next) {
		const struct hlr_node *s = a->kind == HLR_NODE_PART ? a->first : a;
		for (; s; s = a->kind == HLR_NODE_PART ? s->next : NULL)
			if (s->kind == HLR_NODE_SECTION && hlr_section_same(s, sec))
				return s;
	}
	return NULL;
}
