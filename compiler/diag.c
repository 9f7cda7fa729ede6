/* compiler: diagnostics (see diag.h). */
#include "compiler/diag.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_LIMIT 10000

void hlr_diags_init(struct hlr_diags *d, struct hlr_arena *a)
{
	memset(d, 0, sizeof *d);
	d->arena = a;
}

static char *vformat(struct hlr_arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *s = hlr_arena_alloc(a, (size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static struct hlr_diag *add(struct hlr_diags *d, enum hlr_level level, enum hlr_code code)
{
	if (level == HLR_ERROR)
		d->errors++;
	else if (level == HLR_WARNING)
		d->warnings++;
	size_t limit = d->limit ? d->limit : DEFAULT_LIMIT;
	if (d->n >= limit) {
		d->dropped++;
		return NULL;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		d->v = hlr_arena_grow(d->arena, d->v, d->n, cap, sizeof *d->v);
		d->cap = cap;
	}
	struct hlr_diag *g = &d->v[d->n];
	memset(g, 0, sizeof *g);
	g->level = level;
	g->code = code;
	g->seq = d->n++;
	g->parent = g->seq;
	return g;
}

void hlr_diag_fixit(struct hlr_diags *d, size_t seq, struct hlr_span span, const char *text)
{
	if (seq == (size_t)-1 || seq >= d->n)
		return;
	struct hlr_diag *g = &d->v[seq];
	g->fix = hlr_arena_grow(d->arena, g->fix, g->nfix, g->nfix + 1, sizeof *g->fix);
	g->fix[g->nfix].span = span;
	g->fix[g->nfix].text = hlr_arena_strndup(d->arena, text, strlen(text));
	g->nfix++;
}

bool hlr_diags_full(const struct hlr_diags *d)
{
	return d->n >= (d->limit ? d->limit : DEFAULT_LIMIT);
}

/* Whether the line before span holds "# hlrc-ignore: CODE" naming code. */
static bool ignored(struct hlr_diags *d, struct hlr_source *src, struct hlr_span span,
                    const char *code)
{
	size_t start, len;
	hlr_source_line(src, d->arena, span.start, &start, &len);
	if (start == 0 || start <= src->bom)
		return false;
	size_t pstart, plen;
	hlr_source_line(src, d->arena, start - 1, &pstart, &plen);
	const char *l = src->data + pstart, *end = l + plen;
	while (l < end && (*l == ' ' || *l == '\t'))
		l++;
	static const char tag[] = "# hlrc-ignore:";
	if ((size_t)(end - l) < sizeof tag - 1 || memcmp(l, tag, sizeof tag - 1) != 0)
		return false;
	size_t cn = strlen(code);
	for (l += sizeof tag - 1; l < end;) {
		while (l < end && (*l == ' ' || *l == '\t' || *l == ','))
			l++;
		const char *w = l;
		while (l < end && *l != ' ' && *l != '\t' && *l != ',')
			l++;
		if ((size_t)(l - w) == cn && memcmp(w, code, cn) == 0)
			return true;
	}
	return false;
}

size_t hlr_diag(struct hlr_diags *d, enum hlr_level level, enum hlr_code code,
                struct hlr_source *src, struct hlr_span span, const char *fmt, ...)
{
	/* a comment can silence a warning, never an error */
	const char *name = hlr_code_name(code);
	if (level == HLR_WARNING && name && src && ignored(d, src, span, name))
		return (size_t)-1;
	struct hlr_diag *g = add(d, level, code);
	if (!g)
		return (size_t)-1;
	g->src = src;
	g->span = span;
	g->has_span = true;
	va_list ap;
	va_start(ap, fmt);
	g->msg = vformat(d->arena, fmt, ap);
	va_end(ap);
	return g->seq;
}

void hlr_diag_note(struct hlr_diags *d, size_t parent, struct hlr_source *src,
                   struct hlr_span span, const char *fmt, ...)
{
	if (parent == (size_t)-1)
		return;
	struct hlr_diag *g = add(d, HLR_NOTE, HLR_C_NONE);
	if (!g)
		return;
	g->src = src;
	g->span = span;
	g->has_span = src != NULL;
	g->parent = parent;
	va_list ap;
	va_start(ap, fmt);
	g->msg = vformat(d->arena, fmt, ap);
	va_end(ap);
}

size_t hlr_diag_file(struct hlr_diags *d, enum hlr_level level, enum hlr_code code,
                     const char *path, const char *fmt, ...)
{
	struct hlr_diag *g = add(d, level, code);
	if (!g)
		return (size_t)-1;
	g->path = hlr_arena_strndup(d->arena, path, strlen(path));
	va_list ap;
	va_start(ap, fmt);
	g->msg = vformat(d->arena, fmt, ap);
	va_end(ap);
	return g->seq;
}

/* Diagnostics sort by the position of the one they belong to (a note goes
 * with its diagnostic), then by the order of reporting. */
static void set_key(struct hlr_diags *d, struct hlr_diag *g)
{
	const struct hlr_diag *o = g->parent == g->seq ? g : &d->v[g->parent];
	g->key_file = o->src ? o->src->index : 0;
	g->key_off = o->has_span ? o->span.start : 0;
	g->key_seq = o->seq;
}

static int cmp(const void *pa, const void *pb)
{
	const struct hlr_diag *a = pa, *b = pb;
	if (a->key_file != b->key_file)
		return a->key_file < b->key_file ? -1 : 1;
	if (a->key_off != b->key_off)
		return a->key_off < b->key_off ? -1 : 1;
	if (a->key_seq != b->key_seq)
		return a->key_seq < b->key_seq ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void hlr_diag_sort(struct hlr_diag *v, size_t n)
{
	struct hlr_diags d = {0};
	d.v = v;
	d.n = n;
	for (size_t i = 0; i < n; i++)
		set_key(&d, &v[i]);
	if (n)
		qsort(v, n, sizeof *v, cmp);
}

void hlr_diags_append(struct hlr_diags *to, const struct hlr_diags *from, const struct hlr_source *skip,
                      size_t from_seq)
{
	size_t *map = hlr_arena_alloc(to->arena, (from->n ? from->n : 1) * sizeof *map);
	for (size_t i = 0; i < from->n; i++) {
		const struct hlr_diag *g = &from->v[i];
		const struct hlr_diag *o = g->parent == g->seq ? g : &from->v[g->parent];
		if ((skip && (o->src == skip || o->seq >= from_seq)) ||
		    (g->parent != g->seq && map[g->parent] == (size_t)-1)) {
			map[i] = (size_t)-1;
			continue;
		}
		struct hlr_diag *n = add(to, g->level, g->code);
		if (!n) {
			map[i] = (size_t)-1;
			continue;
		}
		size_t seq = n->seq;
		*n = *g;
		n->seq = seq;
		n->parent = g->parent == g->seq ? seq : map[g->parent];
		map[i] = seq;
	}
	to->dropped += from->dropped;
}
