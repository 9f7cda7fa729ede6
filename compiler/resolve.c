/* compiler: the resolve stage (see resolve.h). Header fields are checked
 * through a table indexed by field name; sections, tags and ids by walking
 * the tree. Every problem is a diagnostic; the walk never stops early. */
#include "compiler/resolve.h"
#include "compiler/diag.h"

#include <stdio.h>
#include <string.h>

struct ctx {
	struct hlr_arena *a;     /* compilation arena */
	struct hlr_diags *d;     /* where problems go */
	struct hlr_report *r;    /* report being resolved */
	struct hlr_source *src;  /* its source */
};

/* --- did-you-mean ------------------------------------------------------ */

static size_t distance(const char *a, size_t n, const char *b, size_t m)
{
	enum { MAX = 64 };
	if (n >= MAX || m >= MAX)
		return (size_t)-1;
	size_t row[MAX], prev[MAX], prev2[MAX];
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			char ca = a[i - 1], cb = b[j - 1];
			if (ca >= 'A' && ca <= 'Z')
				ca = (char)(ca - 'A' + 'a');
			if (cb >= 'A' && cb <= 'Z')
				cb = (char)(cb - 'A' + 'a');
			size_t cost = ca != cb;
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
		}
		memcpy(prev2, prev, sizeof prev);
		memcpy(prev, row, sizeof row);
	}
	return prev[m];
}

const char *hlr_suggest(const char *word, size_t len, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t m = strlen(cands[i]);
		size_t d = distance(word, len, cands[i], m);
		/* a prefix of a long keyword ("fin" for "finance") is a fair guess */
		if (len >= 3 && len < m && strncmp(word, cands[i], len) == 0 && d > 1)
			d = 1;
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	size_t limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
	return bestd <= limit ? best : NULL;
}

/* " (did you mean 'x'?)" or "" */
static const char *dym(struct ctx *c, const char *word, size_t len, const char *const *cands,
                       size_t n)
{
	const char *s = hlr_suggest(word, len, cands, n);
	if (!s)
		return "";
	char buf[160];
	snprintf(buf, sizeof buf, "; did you mean '%s'?", s);
	return hlr_arena_strndup(c->a, buf, strlen(buf));
}

static const char *str(struct ctx *c, const char *s, size_t n)
{
	return hlr_arena_strndup(c->a, s, n);
}

static const char *text_str(struct ctx *c, const struct hlr_text *t)
{
	return str(c, t->s ? t->s : "", t->len);
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
	r->services = hlr_arena_grow(c->a, r->services, r->nservices, r->nservices + 1,
	                             sizeof *r->services);
	r->services[r->nservices++] = text_str(c, &f->text);
}

static void field_period(struct ctx *c, struct hlr_node *f)
{
	const char *err;
	size_t off, len;
	if (hlr_period_parse(c->a, f->text.s, f->text.len, &c->r->period, &err, &off, &len)) {
		c->r->has_period = true;
		return;
	}
	uint32_t at = hlr_text_source_offset(&f->text, off);
	hlr_diag(c->d, HLR_ERROR, "invalid-period", c->src,
	         hlr_span_make(at, at + (uint32_t)(len ? len : 1)), "%s", err);
}

static void field_authority(struct ctx *c, struct hlr_node *f)
{
	struct hlr_report *r = c->r;
	const char *s = f->text.s;
	size_t n = f->text.len, w = 0;
	while (w < n && s[w] != ' ' && s[w] != '\t')
		w++;
	uint32_t at = hlr_text_source_offset(&f->text, 0);
	struct hlr_span tag = hlr_span_make(at, at + (uint32_t)w);
	if (!is_ident(s, w, false)) {
		hlr_diag(c->d, HLR_ERROR, "invalid-authority", c->src, tag,
		         "an authority tag is a letter followed by letters, digits or '_', "
		         "like 'CCC'");
		return;
	}
	size_t p = w;
	while (p < n && (s[p] == ' ' || s[p] == '\t'))
		p++;
	if (p == n) {
		hlr_diag(c->d, HLR_ERROR, "invalid-authority", c->src, tag,
		         "authority '%.*s' needs a full name: 'authority %.*s Full Name (Short name)'",
		         (int)w, s, (int)w, s);
		return;
	}
	int prev = hlr_report_authority(r, s, w);
	if (prev >= 0) {
		size_t k = hlr_diag(c->d, HLR_ERROR, "duplicate-authority", c->src, tag,
		                    "authority '%.*s' is declared twice", (int)w, s);
		hlr_diag_note(c->d, k, c->src, r->authorities[prev].tag, "first declared here");
		return;
	}
	if (r->nauthorities == HLR_MAX_AUTHORITIES) {
		hlr_diag(c->d, HLR_ERROR, "too-many-authorities", c->src, tag,
		         "a report may declare at most %d authorities", HLR_MAX_AUTHORITIES);
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
	r->authorities = hlr_arena_grow(c->a, r->authorities, r->nauthorities, r->nauthorities + 1,
	                                sizeof *r->authorities);
	struct hlr_authority *au = &r->authorities[r->nauthorities++];
	au->tag = tag;
	au->name = str(c, name, namelen ? namelen : n - p);
	au->shortname = shortname && shortlen ? str(c, shortname, shortlen) : au->name;
	au->decl = f;
}

static void field_section(struct ctx *c, struct hlr_node *f)
{
	struct hlr_report *r = c->r;
	const char *s = f->text.s;
	size_t n = f->text.len, w = 0;
	while (w < n && s[w] != ' ' && s[w] != '\t')
		w++;
	uint32_t at = hlr_text_source_offset(&f->text, 0);
	struct hlr_span kw = hlr_span_make(at, at + (uint32_t)w);
	size_t p = w;
	while (p < n && (s[p] == ' ' || s[p] == '\t'))
		p++;
	if (!is_ident(s, w, true) || p == n) {
		hlr_diag(c->d, HLR_ERROR, "invalid-section-decl", c->src, kw,
		         "a section declaration is 'section keyword HEADING', with a lowercase "
		         "keyword of letters, digits and '-'");
		return;
	}
	if (hlr_catalog_find(s, w)) {
		hlr_diag(c->d, HLR_ERROR, "invalid-section-decl", c->src, kw,
		         "'%.*s' is already a catalogue keyword; override its heading with "
		         "'== %.*s: HEADING' instead", (int)w, s, (int)w, s);
		return;
	}
	for (unsigned i = 0; i < r->nsections; i++)
		if (strlen(r->sections[i].keyword) == w && memcmp(r->sections[i].keyword, s, w) == 0) {
			size_t k = hlr_diag(c->d, HLR_ERROR, "invalid-section-decl", c->src, kw,
			                    "section keyword '%.*s' is declared twice", (int)w, s);
			hlr_diag_note(c->d, k, c->src, r->sections[i].decl->span, "first declared here");
			return;
		}
	r->sections = hlr_arena_grow(c->a, r->sections, r->nsections, r->nsections + 1,
	                             sizeof *r->sections);
	struct hlr_section_def *def = &r->sections[r->nsections++];
	def->keyword = str(c, s, w);
	def->heading = str(c, s + p, n - p);
	def->decl = f;
}

static const struct field {
	const char *name;                            /* as written */
	bool repeat;                                 /* may appear more than once */
	bool required;                               /* must appear */
	void (*fn)(struct ctx *, struct hlr_node *); /* reads the value */
} fields[] = {
	{"title", false, true, field_title},
	{"service", true, false, field_service},
	{"author", false, false, field_author},
	{"period", false, true, field_period},
	{"authority", true, false, field_authority},
	{"section", true, false, field_section},
};

enum { NFIELDS = sizeof fields / sizeof fields[0] };

static void resolve_header(struct ctx *c)
{
	struct hlr_node *seen[NFIELDS] = {0};
	const char *names[NFIELDS];
	for (size_t i = 0; i < NFIELDS; i++)
		names[i] = fields[i].name;
	for (struct hlr_node *f = c->r->root->first; f; f = f->next) {
		if (f->kind != HLR_NODE_FIELD)
			continue;
		const char *k = hlr_span_ptr(c->src, f->key);
		size_t kn = hlr_span_len(f->key);
		size_t i = 0;
		while (i < NFIELDS && !hlr_span_eq(c->src, f->key, fields[i].name))
			i++;
		if (i == NFIELDS) {
			size_t base = kn && k[kn - 1] == ':' ? kn - 1 : kn;
			hlr_diag(c->d, HLR_ERROR, "unknown-field", c->src, f->key,
			         "unknown header field '%.*s'%s", (int)kn, k, dym(c, k, base, names, NFIELDS));
			continue;
		}
		if (seen[i] && !fields[i].repeat) {
			size_t d = hlr_diag(c->d, HLR_ERROR, "duplicate-field", c->src, f->key,
			                    "'%s' is given twice", fields[i].name);
			hlr_diag_note(c->d, d, c->src, seen[i]->key, "first given here");
			continue;
		}
		seen[i] = f;
		if (!f->text.len) {
			hlr_diag(c->d, HLR_ERROR, "missing-value", c->src, f->key,
			         "header field '%s' needs a value", fields[i].name);
			continue;
		}
		fields[i].fn(c, f);
	}
	for (size_t i = 0; i < NFIELDS; i++)
		if (fields[i].required && !seen[i])
			hlr_diag(c->d, HLR_ERROR, "missing-field", c->src,
			         hlr_span_make((uint32_t)c->src->bom, (uint32_t)c->src->bom),
			         "the report has no '%s' line in its header", fields[i].name);
}

/* --- body -------------------------------------------------------------- */

int hlr_report_authority(const struct hlr_report *r, const char *tag, size_t n)
{
	for (unsigned i = 0; i < r->nauthorities; i++) {
		struct hlr_span t = r->authorities[i].tag;
		if (hlr_span_len(t) == n && memcmp(r->src->data + t.start, tag, n) == 0)
			return (int)i;
	}
	return -1;
}

static bool is_content(const struct hlr_node *n)
{
	return n->kind == HLR_NODE_ITEM || n->kind == HLR_NODE_PARA || n->kind == HLR_NODE_NONE ||
	       n->kind == HLR_NODE_UNCHANGED;
}

static void resolve_tags(struct ctx *c, struct hlr_node *n)
{
	uint64_t inherited = n->parent && n->parent->kind == HLR_NODE_ITEM ? n->parent->tagmask : 0;
	uint64_t own = 0;
	struct hlr_report *r = c->r;
	for (unsigned i = 0; i < n->ntags; i++) {
		struct hlr_tagref *t = &n->tags[i];
		const char *s = hlr_span_ptr(c->src, t->span);
		size_t len = hlr_span_len(t->span);
		struct hlr_span at = hlr_span_make(t->span.start - 1, t->span.end);
		int k = hlr_report_authority(r, s, len);
		if (k < 0) {
			const char *cands[HLR_MAX_AUTHORITIES];
			for (unsigned j = 0; j < r->nauthorities; j++)
				cands[j] = str(c, hlr_span_ptr(c->src, r->authorities[j].tag),
				               hlr_span_len(r->authorities[j].tag));
			if (r->nauthorities)
				hlr_diag(c->d, HLR_ERROR, "undeclared-tag", c->src, at,
				         "authority tag '@%.*s' is not declared%s", (int)len, s,
				         dym(c, s, len, cands, r->nauthorities));
			else
				hlr_diag(c->d, HLR_ERROR, "undeclared-tag", c->src, at,
				         "authority tag '@%.*s' is not declared; declare it in the header "
				         "with 'authority %.*s Full Name'", (int)len, s, (int)len, s);
			continue;
		}
		t->authority = k;
		uint64_t bit = (uint64_t)1 << k;
		if (own & bit) {
			hlr_diag(c->d, HLR_WARNING, "repeated-tag", c->src, at,
			         "authority tag '@%.*s' is given twice", (int)len, s);
			continue;
		}
		if (inherited & bit)
			hlr_diag(c->d, HLR_WARNING, "inherited-tag", c->src, at,
			         "'@%.*s' is already inherited from the enclosing item", (int)len, s);
		own |= bit;
	}
	n->tagmask = n->ntags ? own : inherited;
}

struct idmap {
	struct hlr_node **v; /* nodes with ids, in order */
	size_t n, cap;
};

static void check_id(struct ctx *c, struct idmap *m, struct hlr_node *n)
{
	if (hlr_span_empty(n->id) && n->kind != HLR_NODE_SECTION)
		return;
	struct hlr_span id = hlr_span_empty(n->id) ? n->key : n->id;
	const char *s = hlr_span_ptr(c->src, id);
	size_t len = hlr_span_len(id);
	if (!hlr_span_empty(n->id) && !is_ident(s, len, true)) {
		hlr_diag(c->d, HLR_ERROR, "invalid-id", c->src, n->id,
		         "invalid id '%.*s': an id is a letter followed by letters, digits, '-' or '_'",
		         (int)len, s);
		return;
	}
	/* ids and section anchors share one namespace; a linear scan is fine for
	 * the handful of ids a report has, and a hash would buy nothing here */
	for (size_t i = 0; i < m->n; i++) {
		struct hlr_node *o = m->v[i];
		struct hlr_span oid = hlr_span_empty(o->id) ? o->key : o->id;
		if (hlr_span_len(oid) == len && memcmp(c->src->data + oid.start, s, len) == 0) {
			size_t k = hlr_diag(c->d, HLR_ERROR, "duplicate-id", c->src, id,
			                    "id '%.*s' is already used in this report", (int)len, s);
			hlr_diag_note(c->d, k, c->src, oid, "%s here",
			              hlr_span_empty(o->id) ? "section anchor" : "first used");
			return;
		}
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->v = hlr_arena_grow(c->a, m->v, m->n, m->cap, sizeof *m->v);
	}
	m->v[m->n++] = n;
}

static void resolve_section(struct ctx *c, struct hlr_node *sec, struct hlr_node **seen_secs,
                            size_t *nseen)
{
	struct hlr_report *r = c->r;
	const char *kw = hlr_span_ptr(c->src, sec->key);
	size_t kn = hlr_span_len(sec->key);
	const char *heading = NULL;
	for (unsigned i = 0; i < r->nsections && !heading; i++)
		if (strlen(r->sections[i].keyword) == kn && memcmp(r->sections[i].keyword, kw, kn) == 0)
			heading = r->sections[i].heading;
	if (!heading) {
		const struct hlr_catalog_entry *e = hlr_catalog_find(kw, kn);
		if (e)
			heading = e->heading;
	}
	if (!heading && hlr_span_empty(sec->key) == false) {
		size_t nc = hlr_catalog_len + r->nsections;
		const char **cands = hlr_arena_alloc(c->a, nc * sizeof *cands);
		for (size_t i = 0; i < hlr_catalog_len; i++)
			cands[i] = hlr_catalog[i].keyword;
		for (unsigned i = 0; i < r->nsections; i++)
			cands[hlr_catalog_len + i] = r->sections[i].keyword;
		hlr_diag(c->d, HLR_ERROR, "unknown-section", c->src, sec->key,
		         "unknown section keyword '%.*s'%s", (int)kn, kw, dym(c, kw, kn, cands, nc));
	}
	for (size_t i = 0; i < *nseen; i++)
		if (hlr_span_len(seen_secs[i]->key) == kn &&
		    memcmp(c->src->data + seen_secs[i]->key.start, kw, kn) == 0) {
			size_t k = hlr_diag(c->d, HLR_ERROR, "duplicate-section", c->src, sec->key,
			                    "section '%.*s' appears twice in this report", (int)kn, kw);
			hlr_diag_note(c->d, k, c->src, seen_secs[i]->span, "first here");
			break;
		}
	seen_secs[(*nseen)++] = sec;
	sec->title = sec->heading.len ? text_str(c, &sec->heading)
	             : heading       ? heading
	                             : str(c, kw, kn);
	if (sec->heading.nsegs == 0 && sec->heading.len == 0 && !hlr_span_empty(sec->key) &&
	    sec->span.end > sec->key.end) {
		/* "== kw:" with nothing after the colon */
		const char *rest = c->src->data + sec->key.end;
		size_t rn = sec->span.end - sec->key.end;
		if (memchr(rest, ':', rn))
			hlr_diag(c->d, HLR_ERROR, "missing-heading", c->src, sec->span,
			         "':' after a section keyword must be followed by a heading");
	}
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
		size_t k = hlr_diag(c->d, HLR_ERROR, "none-with-content", c->src, late->span,
		                    "a section that says 'none' can have no other content");
		hlr_diag_note(c->d, k, c->src, early->span, "%s here",
		              early == none ? "'none' given" : "content given");
	}
	if (!none && !other)
		hlr_diag(c->d, HLR_WARNING, "empty-section", c->src, sec->key,
		         "section '%.*s' is empty; write 'none' if there is nothing to report",
		         (int)kn, kw);
}

static void resolve_body(struct ctx *c)
{
	struct idmap ids = {0};
	size_t nsec = 0, cap = 0;
	struct hlr_node **secs = NULL;
	for (struct hlr_node *n = c->r->root->first; n;) {
		switch (n->kind) {
		case HLR_NODE_PART:
			if (!n->text.len)
				hlr_diag(c->d, HLR_ERROR, "missing-heading", c->src, n->span,
				         "a part line needs a heading: '= Part 1 - Title'");
			check_id(c, &ids, n);
			break;
		case HLR_NODE_SECTION:
			if (nsec == cap) {
				cap = cap ? cap * 2 : 16;
				secs = hlr_arena_grow(c->a, secs, nsec, cap, sizeof *secs);
			}
			resolve_section(c, n, secs, &nsec);
			check_id(c, &ids, n);
			break;
		case HLR_NODE_ITEM:
		case HLR_NODE_PARA:
			resolve_tags(c, n);
			check_id(c, &ids, n);
			if (n->kind == HLR_NODE_ITEM && !n->text.len && !n->first)
				hlr_diag(c->d, HLR_WARNING, "empty-item", c->src, n->span, "empty item");
			break;
		case HLR_NODE_UNCHANGED:
			hlr_diag(c->d, HLR_ERROR, "no-previous", c->src, n->span,
			         "'unchanged' needs the previous report of a series; this file "
			         "is not part of one");
			break;
		default:
			break;
		}
		/* pre-order walk; depth is bounded by HLR_MAX_DEPTH */
		if (n->first) {
			n = n->first;
			continue;
		}
		while (n && !n->next)
			n = n->parent;
		if (n)
			n = n->next;
	}
}

void hlr_resolve(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r)
{
	struct ctx c = {a, d, r, r->src};
	resolve_header(&c);
	resolve_body(&c);
}
