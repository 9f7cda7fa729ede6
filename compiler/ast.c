/* compiler: the document model and the tree builder that the grammar's
 * actions call (see ast.h). The builder nests items by indentation, joins
 * continuation lines and groups text lines into paragraphs. */
#include "compiler/ast.h"
#include "compiler/diag.h"

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

/* The span without its line end and surrounding blanks. */
static struct hlr_span trim(const struct hlr_source *src, struct hlr_span s)
{
	const char *d = src->data;
	while (s.start < s.end && (d[s.start] == ' ' || d[s.start] == '\t'))
		s.start++;
	while (s.end > s.start && (d[s.end - 1] == ' ' || d[s.end - 1] == '\t' ||
	                           d[s.end - 1] == '\n' || d[s.end - 1] == '\r'))
		s.end--;
	return s;
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
	struct hlr_node *n = node_new(b, HLR_NODE_FIELD, line);
	n->key = key;
	text_add(b, &n->text, value);
	append(b->report->root, n);
}

void hlr_build_part(struct hlr_build *b, struct hlr_span line, struct hlr_span text)
{
	drop_tags(b, "an item or paragraph");
	close_blocks(b);
	struct hlr_node *n = node_new(b, HLR_NODE_PART, line);
	text_add(b, &n->text, text);
	append(b->report->root, n);
	b->part = n;
	b->section = NULL;
}

void hlr_build_section(struct hlr_build *b, struct hlr_span line, struct hlr_span keyword,
                       struct hlr_span heading, struct hlr_span id)
{
	close_blocks(b);
	struct hlr_node *n = node_new(b, HLR_NODE_SECTION, line);
	n->key = keyword;
	text_add(b, &n->heading, heading);
	set_id(b, n, id);
	append(b->part ? b->part : b->report->root, n);
	b->section = n;
}

void hlr_build_tag(struct hlr_build *b, struct hlr_span tag)
{
	if (b->npending == HLR_MAX_AUTHORITIES) {
		if (!b->too_many_tags)
			hlr_diag(b->diags, HLR_ERROR, HLR_C_TOO_MANY_TAGS, b->src, tag,
			         "more than %d authority tags on one line", HLR_MAX_AUTHORITIES);
		b->too_many_tags = true;
		return;
	}
	tag.start++; /* drop the '@' */
	b->pending[b->npending++] = (struct hlr_tagref){tag, -1, NULL};
}

void hlr_build_discard(struct hlr_build *b)
{
	b->npending = 0;
	b->too_many_tags = false;
}

void hlr_build_item(struct hlr_build *b, struct hlr_span line, unsigned indent,
                    struct hlr_span text, struct hlr_span id)
{
	b->too_many_tags = false;
	struct hlr_node *c = container(b, line, "an item");
	if (!c) {
		b->npending = 0;
		return;
	}
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
	struct hlr_node *c = container(b, line, "text");
	if (!c) {
		b->npending = 0;
		return;
	}
	struct hlr_node *item = indent > 0 ? item_for(b, indent) : NULL;
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
		return;
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
	if (!c)
		return;
	struct hlr_node *n = node_new(b, kind, line);
	text_add(b, &n->text, text);
	append(c, n);
}

void hlr_build_comment(struct hlr_build *b, struct hlr_span line, unsigned indent)
{
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
		n = hlr_node_next(n);
	}
}
