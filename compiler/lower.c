/* compiler: the lower stage (see lower.h). */
#include "compiler/lower.h"
#include "compiler/attach.h"
#include "compiler/field.h"
#include "compiler/log.h"
#include "compiler/resolve.h"
#include "compiler/track.h"

#include <string.h>

/* Line tables of the sources met while lowering (a report and the few it
 * carries content from), so JSON can give each block its line without
 * touching the sources. */
struct lines {
	const struct hlr_source *src; /* whose lines */
	uint32_t *start;              /* offset of each line's first byte */
	size_t n;                     /* count of lines */
	struct lines *next;
};

struct lower {
	struct hlr_arena *a;          /* owns the tree */
	const struct hlr_report *r;   /* report being lowered */
	const struct hlr_lower_opts *o;
	struct lines *lines;          /* line tables, when lines are asked for */
	const struct hlr_ltrack *track; /* statuses and metrics, or NULL */
	struct hlr_lnode *sec;        /* section being lowered */
	struct hlr_buf scratch;       /* for anchors made here */
};

/* A new node after prev, or first under parent (or in doc) when prev is
 * NULL. */
static struct hlr_lnode *add(struct lower *L, struct hlr_lnode **first, struct hlr_lnode *prev,
                             enum hlr_lkind kind)
{
	struct hlr_lnode *n = hlr_arena_alloc(L->a, sizeof *n);
	n->kind = (uint8_t)kind;
	if (prev)
		prev->next = n;
	else
		*first = n;
	return n;
}

static unsigned line_of(struct lower *L, const struct hlr_source *src, uint32_t off)
{
	struct lines *t = L->lines;
	while (t && t->src != src)
		t = t->next;
	if (!t) {
		t = hlr_arena_alloc(L->a, sizeof *t);
		t->src = src;
		t->n = hlr_source_line_starts(src, L->a, &t->start);
		t->next = L->lines;
		L->lines = t;
	}
	return (unsigned)hlr_line_find(t->start, t->n, off) + 1;
}

/* Whether the view shows n: untagged, tagged for the authority, or an item
 * kept as context for a nested item that is shown; 'unchanged' when
 * something it carries is shown. */
static bool visible(const struct hlr_node *n, int view)
{
	if (n->kind == HLR_NODE_UNCHANGED) {
		if (!n->first && n->since)
			return true; /* metric values carried (metric.c) */
		for (const struct hlr_node *c = n->first; c; c = c->next)
			if (visible(c, view))
				return true;
		return false;
	}
	if (view < 0 || n->kind == HLR_NODE_COMMENT)
		return true;
	if (n->kind == HLR_NODE_TABLE) {
		/* shown while one of its rows is, or when it has none */
		bool rows = false;
		for (const struct hlr_node *c = n->first; c; c = c->next)
			if (c->kind == HLR_NODE_ROW && c->row_role == HLR_ROW_BODY) {
				if (visible(c, view))
					return true;
				rows = true;
			}
		return !rows;
	}
	if (!n->tagmask || (n->tagmask >> view & 1))
		return true;
	for (const struct hlr_node *c = n->first; c; c = c->next)
		if (c->kind == HLR_NODE_ITEM && visible(c, view))
			return true;
	return false;
}

/* What a block shares: where it is, its id, tags, text and origin. */
static void content(struct lower *L, struct hlr_lnode *k, const struct hlr_node *n)
{
	if (!hlr_span_empty(n->id)) {
		k->anchor = n->src->data + n->id.start;
		k->anchor_len = (uint32_t)hlr_span_len(n->id);
	}
	unsigned char *tags = NULL;
	unsigned count = 0;
	/* a nested item's tags that are exactly those it inherits are
	 * redundant (the inherited-tag warning): no label, as when untagged */
	bool redundant = n->parent && n->parent->kind == HLR_NODE_ITEM &&
	                 n->tagmask == n->parent->tagmask;
	for (unsigned i = 0; i < n->ntags && !redundant; i++) {
		int au = n->tags[i].authority;
		bool seen = au < 0;
		for (unsigned j = 0; j < count && !seen; j++)
			seen = tags[j] == (unsigned char)au;
		if (seen)
			continue;
		if (!tags)
			tags = hlr_arena_alloc_raw(L->a, n->ntags * sizeof *tags);
		tags[count++] = (unsigned char)au;
	}
	k->tags = tags;
	k->ntags = (uint8_t)count;
	k->tagmask = n->tagmask;
	k->text = &n->text;
	k->inl = n->inl;
	k->verbatim = n->text_class == HLR_TEXT_VERBATIM;
	k->status = n->status;
	if (n->origin && n->origin != L->r)
		k->from = n->origin;
	if (L->o->lines)
		k->line = line_of(L, n->src, n->span.start);
}

/* Whether item n, shown after the shown item before it (NULL if none),
 * starts a list of its own: another marker, or a number that does not
 * follow (as written, or because the view hides the items between). */
static bool starts_list(const struct hlr_node *before, const struct hlr_node *n)
{
	return !before || before->list_style != n->list_style ||
	       before->list_delim != n->list_delim ||
	       (n->list_style != HLR_LIST_BULLET && n->number != before->number + 1);
}

/* Plain text made here (a label, an entry's fields): one piece. */
static const struct hlr_text *plain_text(struct lower *L, const char *s, size_t n)
{
	struct hlr_text *t = hlr_arena_alloc(L->a, sizeof *t);
	struct hlr_seg *g = hlr_arena_alloc(L->a, sizeof *g);
	char *c = hlr_arena_strndup(L->a, s, n);
	g->len = (uint32_t)n;
	t->s = c;
	t->len = n;
	t->segs = g;
	t->nsegs = 1;
	t->src_data = c;
	return t;
}

/* An entry's line: its fields, then its state. */
static const struct hlr_text *entry_note(struct lower *L, const struct hlr_entry *e)
{
	struct hlr_buf b = HLR_BUF_INIT;
	hlr_entry_fields_line(&b, e);
	if (b.len)
		hlr_buf_puts(&b, " \xC2\xB7 ");
	hlr_entry_state_line(&b, e);
	const struct hlr_text *t = plain_text(L, b.data, b.len);
	hlr_buf_free(&b);
	return t;
}

static struct hlr_lnode *item(struct lower *L, struct hlr_lnode *list, struct hlr_lnode *prev,
                               const struct hlr_node *n, const struct hlr_node *before)
{
	struct hlr_lnode *k = add(L, &list->first, prev, HLR_L_ITEM);
	content(L, k, n);
	if (n->entry) {
		k->entry = n->entry;
		k->note = entry_note(L, n->entry);
		if (n->log_carried)
			k->from = NULL; /* its state line says since when it is open */
	}
	k->list_style = n->list_style;
	k->list_delim = n->list_delim;
	k->number = n->number;
	k->list_start = starts_list(before, n);
	struct hlr_lnode *last = NULL;
	const struct hlr_node *shown = NULL;
	for (const struct hlr_node *c = n->first; c; c = c->next)
		if (c->kind == HLR_NODE_ITEM && visible(c, L->o->view)) {
			last = item(L, k, last, c, shown);
			shown = c;
		}
	return k;
}

/* A sub-heading's anchor: its id, or the section's anchor and the words
 * ("finance-capital-programme"), made unique in the report. */
static void subhead_anchor(struct lower *L, struct hlr_lnode *k, const struct hlr_node *n)
{
	if (!hlr_span_empty(n->id)) {
		k->anchor = n->src->data + n->id.start;
		k->anchor_len = (uint32_t)hlr_span_len(n->id);
		return;
	}
	struct hlr_buf *b = &L->scratch;
	b->len = 0;
	hlr_buf_put(b, L->sec->anchor, L->sec->anchor_len);
	bool dash = true;
	size_t base = b->len;
	for (size_t i = 0; i < n->text.len; i++) {
		char ch = n->text.s[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
			if (dash)
				hlr_buf_putc(b, '-');
			hlr_buf_putc(b, ch);
			dash = false;
		} else {
			dash = true;
		}
		if (b->len - base > 48)
			break;
	}
	size_t stem = b->len;
	for (unsigned k2 = 2;; k2++) {
		bool taken = hlr_report_find_id(L->r, b->data, b->len) != NULL;
		for (const struct hlr_lnode *o = L->sec->first; o && !taken; o = o->next)
			taken = o->kind == HLR_L_SUBHEAD && o != k && o->anchor &&
			        o->anchor_len == b->len && !memcmp(o->anchor, b->data, b->len);
		if (!taken)
			break;
		b->len = stem;
		hlr_buf_printf(b, "-%u", k2);
	}
	k->anchor = hlr_arena_strndup(L->a, b->data, b->len);
	k->anchor_len = (uint32_t)b->len;
}

/* A table and the rows the view shows (the alignment row is the table's
 * columns). */
static void table(struct lower *L, struct hlr_lnode *k, const struct hlr_node *n)
{
	content(L, k, n);
	k->table = n->table;
	struct hlr_lnode *last = NULL;
	for (const struct hlr_node *c = n->first; c; c = c->next) {
		if (c->kind != HLR_NODE_ROW || c->row_role == HLR_ROW_ALIGN ||
		    (c->row_role == HLR_ROW_BODY && !visible(c, L->o->view)))
			continue;
		struct hlr_lnode *row = last = add(L, &k->first, last, HLR_L_ROW);
		content(L, row, c);
		row->text = NULL;
		row->header = c->row_role == HLR_ROW_HEADER;
		row->cells = c->cells;
		row->ncells = c->ncells < n->table->ncols ? c->ncells : n->table->ncols;
	}
}

/* The blocks of a section or of carried content: runs of items become
 * lists (a comment or a hidden block does not end a run). */
static void blocks(struct lower *L, struct hlr_lnode *parent, const struct hlr_node *first)
{
	struct hlr_lnode *list = NULL, *last = NULL, *last_item = NULL;
	const struct hlr_node *shown = NULL; /* the item last shown in list */
	for (const struct hlr_node *n = first; n; n = n->next) {
		/* a metrics table's values show as the section's metrics */
		if (n->kind == HLR_NODE_COMMENT || n->kind == HLR_NODE_CLOSE || hlr_metrics_table(n) ||
		    !visible(n, L->o->view))
			continue;
		if (n->kind != HLR_NODE_ITEM)
			list = NULL;
		struct hlr_lnode *k;
		switch (n->kind) {
		case HLR_NODE_ITEM:
			if (!list || starts_list(shown, n)) {
				list = last = add(L, &parent->first, last, HLR_L_LIST);
				list->list_style = n->list_style;
				list->list_delim = n->list_delim;
				list->number = n->number;
				last_item = NULL;
				shown = NULL;
			}
			last_item = item(L, list, last_item, n, shown);
			shown = n;
			break;
		case HLR_NODE_SUBHEAD:
			k = last = add(L, &parent->first, last, HLR_L_SUBHEAD);
			k->title = n->text.s ? n->text.s : "";
			k->title_len = (uint32_t)n->text.len;
			subhead_anchor(L, k, n);
			if (n->origin && n->origin != L->r)
				k->from = n->origin;
			if (L->o->lines)
				k->line = line_of(L, n->src, n->span.start);
			break;
		case HLR_NODE_PARA:
			last = add(L, &parent->first, last, HLR_L_PARA);
			content(L, last, n);
			break;
		case HLR_NODE_TABLE:
			last = add(L, &parent->first, last, HLR_L_TABLE);
			table(L, last, n);
			break;
		case HLR_NODE_NONE:
			k = last = add(L, &parent->first, last, HLR_L_NONE);
			k->text = &n->text;
			if (n->origin && n->origin != L->r)
				k->from = n->origin;
			if (L->o->lines)
				k->line = line_of(L, n->src, n->span.start);
			break;
		case HLR_NODE_UNCHANGED:
			if (!n->since)
				break;
			k = last = add(L, &parent->first, last, HLR_L_CARRIED);
			k->since = n->since;
			k->text = &n->text;
			if (L->o->lines)
				k->line = line_of(L, n->src, n->span.start);
			blocks(L, k, n->first);
			break;
		default:
			break;
		}
	}
}

/* A log section: its entries (JSON), then those closed since the last
 * report by a close line, as a list after a "Closed since last report"
 * line. */
static void log_entries(struct lower *L, struct hlr_lnode *k)
{
	const struct hlr_logs *g = L->r->logs;
	if (!g)
		return;
	unsigned n = 0, cap = 8;
	const struct hlr_entry **v = hlr_arena_alloc(L->a, cap * sizeof *v);
	struct hlr_lnode *last = NULL;
	for (struct hlr_lnode *b = k->first; b; b = b->next) {
		last = b;
		/* the lists of the section, and those 'unchanged #id' carries */
		struct hlr_lnode *lists = b->kind == HLR_L_CARRIED ? b->first : b;
		for (struct hlr_lnode *l = lists; l; l = b->kind == HLR_L_CARRIED ? l->next : NULL)
			for (struct hlr_lnode *i = l->kind == HLR_L_LIST ? l->first : NULL; i; i = i->next)
				if (i->entry) {
					if (n == cap) {
						v = hlr_arena_grow(L->a, v, n, cap * 2, sizeof *v);
						cap *= 2;
					}
					v[n++] = i->entry;
				}
	}
	struct hlr_lnode *list = NULL, *li = NULL;
	for (size_t i = 0; i < g->nclosed; i++) {
		const struct hlr_entry *e = g->closed[i];
		if (e->node || strcmp(e->log, k->address) || !visible(e->written, L->o->view))
			continue;
		if (!list) {
			struct hlr_lnode *p = add(L, &k->first, last, HLR_L_PARA);
			static const char label[] = "Closed since last report:";
			p->text = plain_text(L, label, sizeof label - 1);
			p->log_closed = true;
			list = add(L, &k->first, p, HLR_L_LIST);
			list->log_closed = true;
		}
		li = add(L, &list->first, li, HLR_L_ITEM);
		content(L, li, e->written);
		li->anchor = NULL;
		li->anchor_len = 0;
		li->from = NULL;
		li->status = NULL;
		li->list_style = HLR_LIST_BULLET;
		li->list_start = li == list->first;
		li->entry = e;
		li->note = entry_note(L, e);
		if (n == cap) {
			v = hlr_arena_grow(L->a, v, n, cap * 2, sizeof *v);
			cap *= 2;
		}
		v[n++] = e;
	}
	k->entries = v;
	k->nentries = n;
}

static struct hlr_lnode *section(struct lower *L, struct hlr_lnode **first,
                                 struct hlr_lnode *prev, const struct hlr_node *sec)
{
	struct hlr_lnode *k = add(L, first, prev, HLR_L_SECTION);
	k->address = sec->address ? sec->address : hlr_arena_strndup(L->a, sec->src->data +
	                                                              sec->key.start,
	                                                              hlr_span_len(sec->key));
	k->address_len = (uint32_t)strlen(k->address);
	if (hlr_span_empty(sec->id)) {
		k->anchor = k->address;
		k->anchor_len = k->address_len;
	} else {
		k->anchor = sec->src->data + sec->id.start;
		k->anchor_len = (uint32_t)hlr_span_len(sec->id);
	}
	k->keyword = sec->src->data + sec->key.start;
	k->keyword_len = (uint32_t)hlr_span_len(sec->key);
	k->title = sec->title;
	k->title_len = (uint32_t)strlen(sec->title);
	k->base_title = sec->base_title ? sec->base_title : sec->title;
	k->lead = sec->parent && sec->parent->kind == HLR_NODE_REPORT &&
	          hlr_span_eq(sec->src, sec->key, "lead");
	k->standing = sec->standing;
	if (L->o->lines)
		k->line = line_of(L, sec->src, sec->span.start);
	L->sec = k;
	k->status = sec->status;
	struct hlr_lnode *m = NULL;
	if (L->track && L->track->nmetrics && hlr_span_eq(sec->src, sec->key, HLR_METRICS_KEYWORD)) {
		m = add(L, &k->first, NULL, HLR_L_METRICS);
		if (L->o->lines)
			m->line = line_of(L, sec->src, sec->span.start);
	}
	blocks(L, m ? m : k, sec->first);
	if (m && m->first) { /* blocks went after the metrics, not under them */
		m->next = m->first;
		m->first = NULL;
	}
	log_entries(L, k);
	return k;
}

static struct hlr_lfield *field(struct hlr_doc *doc, const char *label, const char *value,
                                const char *datetime)
{
	struct hlr_lfield *f = &doc->fields[doc->nfields++];
	*f = (struct hlr_lfield){label, value, datetime, NULL, 0};
	return f;
}

void hlr_lower_authority_list(struct hlr_buf *b, const struct hlr_report *r)
{
	for (unsigned i = 0; i < r->nauthorities; i++) {
		if (i)
			hlr_buf_puts(b, i + 1 == r->nauthorities ? " and " : ", ");
		hlr_buf_puts(b, r->authorities[i].shortname);
	}
}

void hlr_lower_datetime(const struct hlr_period *p, char out[11])
{
	hlr_date_format_iso(p->end, out);
	if (p->kind == HLR_PERIOD_MONTH)
		out[7] = '\0';
}

/* An arena copy of what b holds; b is emptied for reuse. */
static const char *take(struct lower *L, struct hlr_buf *b)
{
	const char *s = hlr_arena_strndup(L->a, b->data ? b->data : "", b->len);
	b->len = 0;
	return s;
}

/* The built-in fields (but the marking, shown apart) and then the declared
 * ones, in the order of their declarations. */
static void declared_fields(struct lower *L, struct hlr_doc *doc)
{
	const struct hlr_report *r = L->r;
	const struct hlr_field_def *bi;
	size_t nbi = hlr_field_builtins(&bi);
	doc->marking = r->marking;
	for (size_t i = 0; i < nbi + r->nfielddefs; i++) {
		const struct hlr_field_def *def = i < nbi ? &bi[i] : r->fielddefs[i - nbi];
		const struct hlr_field_value *v = hlr_field_get(r, def);
		if (!v || (i < nbi && !strcmp(def->key, "marking")))
			continue;
		field(doc, def->label, v->shown, v->iso[0] ? v->iso : NULL);
	}
}

static void header(struct lower *L, struct hlr_doc *doc)
{
	const struct hlr_report *r = L->r;
	struct hlr_buf b = HLR_BUF_INIT;
	doc->title = r->title ? r->title : "";
	doc->fields = hlr_arena_alloc(L->a, (5 + r->nfieldvals) * sizeof *doc->fields);
	if (r->nservices) {
		const char **parts = hlr_arena_alloc(L->a, (2 * r->nservices - 1) * sizeof *parts);
		for (unsigned i = 0; i < r->nservices; i++) {
			if (i)
				hlr_buf_puts(&b, parts[2 * i - 1] = ", ");
			hlr_buf_puts(&b, parts[2 * i] = r->services[i]);
		}
		struct hlr_lfield *f = field(doc, "Service areas", take(L, &b), NULL);
		f->parts = parts;
		f->nparts = 2 * r->nservices - 1;
	}
	if (r->author)
		field(doc, "Report author", r->author, NULL);
	char *iso = hlr_arena_alloc(L->a, 11);
	hlr_lower_datetime(&r->period, iso);
	field(doc, "Reporting period", r->period.label, iso);
	if (r->nauthorities) {
		hlr_lower_authority_list(&b, r);
		field(doc, "Local authority", take(L, &b), NULL);
	}
	declared_fields(L, doc);
	if (doc->view >= 0) {
		doc->view_name = r->authorities[doc->view].name;
		hlr_buf_printf(&b, "items for %s and items for everyone", doc->view_name);
		struct hlr_lfield *f = field(doc, "View", take(L, &b), NULL);
		const char **parts = hlr_arena_alloc(L->a, 3 * sizeof *parts);
		parts[0] = "items for ";
		parts[1] = doc->view_name;
		parts[2] = " and items for everyone";
		f->parts = parts;
		f->nparts = 3;
	}
	hlr_buf_printf(&b, "%s \xE2\x80\x93 %s", doc->title, r->period.label);
	if (doc->view_name)
		hlr_buf_printf(&b, " (%s)", doc->view_name);
	doc->page_title = take(L, &b);
	hlr_buf_free(&b);
}

static void nav(struct lower *L, struct hlr_doc *doc)
{
	const struct hlr_lower_opts *o = L->o;
	if (!o->index_href && !o->prev && !o->next)
		return;
	doc->nav = hlr_arena_alloc(L->a, 3 * sizeof *doc->nav);
	if (o->index_href)
		doc->nav[doc->nnav++] = (struct hlr_llink){NULL, "All reports", NULL, o->index_href};
	const struct hlr_report *links[2] = {o->prev, o->next};
	static const char *rel[2] = {"prev", "next"};
	static const char *word[2] = {"Previous", "Next"};
	struct hlr_buf b = HLR_BUF_INIT;
	for (int i = 0; i < 2; i++) {
		if (!links[i])
			continue;
		hlr_buf_printf(&b, "%s: %s", word[i], links[i]->period.label);
		doc->nav[doc->nnav++] = (struct hlr_llink){rel[i], take(L, &b), links[i], NULL};
	}
	hlr_buf_free(&b);
}

/* The report's attachments, after its sections: a list of links to the
 * files, each under its title, with the file's name when the title is
 * another. */
static void attachments(struct lower *L, struct hlr_lnode **first, struct hlr_lnode *prev)
{
	const struct hlr_report *r = L->r;
	struct hlr_lnode *k = add(L, first, prev, HLR_L_SECTION);
	k->attachments = true;
	k->anchor = k->address = k->keyword = HLR_ATTACH_ANCHOR;
	k->anchor_len = k->address_len = k->keyword_len = (uint32_t)strlen(k->anchor);
	k->title = k->base_title = "Attachments";
	k->title_len = (uint32_t)strlen(k->title);
	struct hlr_lnode *list = add(L, &k->first, NULL, HLR_L_LIST), *it = NULL;
	for (unsigned i = 0; i < r->nattachments; i++) {
		const struct hlr_attachment *x = &r->attachments[i];
		it = add(L, &list->first, it, HLR_L_ITEM);
		it->list_start = i == 0;
		it->anchor = NULL;
		struct hlr_inline *link = hlr_arena_alloc(L->a, sizeof *link);
		link->kind = HLR_IN_LINK;
		link->lit = x->path;
		link->len = (uint32_t)strlen(x->path);
		struct hlr_inline *words = hlr_arena_alloc(L->a, sizeof *words);
		words->kind = HLR_IN_TEXT;
		words->lit = x->title;
		words->len = (uint32_t)strlen(x->title);
		link->first = words;
		const char *base = strrchr(x->path, '/');
		base = base ? base + 1 : x->path;
		struct hlr_buf b = HLR_BUF_INIT;
		hlr_buf_puts(&b, x->title);
		if (strcmp(x->title, base)) {
			struct hlr_inline *file = hlr_arena_alloc(L->a, sizeof *file);
			file->kind = HLR_IN_TEXT;
			hlr_buf_puts(&b, " (");
			size_t at = b.len;
			hlr_buf_puts(&b, base);
			hlr_buf_puts(&b, ")");
			file->lit = hlr_arena_strndup(L->a, b.data + at - 2, b.len - at + 2);
			file->len = (uint32_t)(b.len - at + 2);
			link->next = file;
		}
		it->text = plain_text(L, b.data, b.len);
		it->inl = link;
		hlr_buf_free(&b);
		if (L->o->lines)
			it->line = line_of(L, x->decl->src, x->decl->span.start);
	}
	list->first->list_start = true;
}

struct hlr_doc *hlr_lower(struct hlr_arena *a, const struct hlr_report *r,
                          const struct hlr_lower_opts *o)
{
	struct lower L = {a, r, o, NULL, NULL, NULL, HLR_BUF_INIT};
	struct hlr_doc *doc = hlr_arena_alloc(a, sizeof *doc);
	doc->report = r;
	doc->view = o->view;
	header(&L, doc);
	if (o->header_only)
		return doc;
	doc->track = L.track = hlr_lower_track(a, r, o->view);
	nav(&L, doc);
	struct hlr_lnode *last = NULL;
	for (const struct hlr_node *n = r->root->first; n; n = n->next) {
		if (n->kind == HLR_NODE_PART) {
			struct hlr_lnode *p = last = add(&L, &doc->first, last, HLR_L_PART);
			p->title = n->text.len ? n->text.s : "";
			p->title_len = (uint32_t)n->text.len;
			if (!hlr_span_empty(n->id)) {
				p->anchor = n->src->data + n->id.start;
				p->anchor_len = (uint32_t)hlr_span_len(n->id);
			}
			if (o->lines)
				p->line = line_of(&L, n->src, n->span.start);
			struct hlr_lnode *ls = NULL;
			for (const struct hlr_node *s = n->first; s; s = s->next)
				if (s->kind == HLR_NODE_SECTION)
					ls = section(&L, &p->first, ls, s);
		} else if (n->kind == HLR_NODE_SECTION) {
			last = section(&L, &doc->first, last, n);
		}
	}
	if (r->nattachments)
		attachments(&L, &doc->first, last);
	hlr_buf_free(&L.scratch);
	return doc;
}
