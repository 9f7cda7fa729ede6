/* compiler: diagnostics (see diag.h). */
#include "compiler/diag.h"
#include "runtime/buf.h"
#include "runtime/utf8.h"

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

static struct hlr_diag *add(struct hlr_diags *d, enum hlr_level level)
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
	g->seq = d->n++;
	g->parent = g->seq;
	return g;
}

size_t hlr_diag(struct hlr_diags *d, enum hlr_level level, const char *code,
                struct hlr_source *src, struct hlr_span span, const char *fmt, ...)
{
	struct hlr_diag *g = add(d, level);
	if (!g)
		return (size_t)-1;
	g->code = code;
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
	struct hlr_diag *g = add(d, HLR_NOTE);
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

size_t hlr_diag_file(struct hlr_diags *d, enum hlr_level level, const char *code,
                     const char *path, const char *fmt, ...)
{
	struct hlr_diag *g = add(d, level);
	if (!g)
		return (size_t)-1;
	g->code = code;
	g->path = hlr_arena_strndup(d->arena, path, strlen(path));
	va_list ap;
	va_start(ap, fmt);
	g->msg = vformat(d->arena, fmt, ap);
	va_end(ap);
	return g->seq;
}

void hlr_diags_keep(struct hlr_diags *d, const struct hlr_source *const *srcs, size_t n)
{
	size_t *map = hlr_arena_alloc(d->arena, (d->n ? d->n : 1) * sizeof *map);
	size_t kept = 0;
	d->errors = d->warnings = 0;
	for (size_t i = 0; i < d->n; i++) {
		struct hlr_diag g = d->v[i];
		bool keep;
		if (g.parent != g.seq) {
			keep = map[g.parent] != (size_t)-1;
		} else {
			/* a whole-file message about a file of the set, or about no
			 * file of a series (the CLI's own) */
			keep = !g.src && !g.path;
			for (size_t k = 0; k < n && !keep; k++)
				keep = g.src ? g.src == srcs[k] : !strcmp(g.path, srcs[k]->path);
		}
		if (!keep) {
			map[i] = (size_t)-1;
			continue;
		}
		map[i] = kept;
		g.parent = g.parent == g.seq ? kept : map[g.parent];
		g.seq = kept;
		if (g.level == HLR_ERROR)
			d->errors++;
		else if (g.level == HLR_WARNING)
			d->warnings++;
		d->v[kept++] = g;
	}
	d->n = kept;
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

static const char *level_name(enum hlr_level l)
{
	return l == HLR_ERROR ? "error" : l == HLR_WARNING ? "warning" : "note";
}

/* The source line, with invalid bytes shown as U+FFFD and tabs kept, then a
 * caret line under the span (tabs repeated so the caret lines up). */
static void show_line(struct hlr_buf *out, struct hlr_diags *d, const struct hlr_diag *g)
{
	struct hlr_source *s = g->src;
	size_t start, len;
	hlr_source_line(s, d->arena, g->span.start, &start, &len);
	const char *line = s->data + start;
	enum { MAXSHOW = 400 };
	size_t shown = len;
	if (shown > MAXSHOW) {
		shown = MAXSHOW;
		while (shown > 0 && ((unsigned char)line[shown] & 0xC0) == 0x80)
			shown--;
	}
	hlr_buf_puts(out, " ");
	for (size_t i = 0; i < shown;) {
		unsigned char c = (unsigned char)line[i];
		size_t l = c < 0x80 ? 1 : hlr_utf8_seqlen((const unsigned char *)line + i, shown - i);
		if (c < 0x20 && c != '\t')
			hlr_buf_puts(out, "\xEF\xBF\xBD"), l = 1;
		else if (!l)
			hlr_buf_puts(out, "\xEF\xBF\xBD"), l = 1;
		else
			hlr_buf_put(out, line + i, l);
		i += l;
	}
	if (shown < len)
		hlr_buf_puts(out, " ...");
	hlr_buf_puts(out, "\n ");
	size_t caret = g->span.start - start;
	if (caret > shown)
		caret = shown;
	for (size_t i = 0; i < caret;) {
		unsigned char c = (unsigned char)line[i];
		size_t l = c < 0x80 ? 1 : hlr_utf8_seqlen((const unsigned char *)line + i, caret - i);
		hlr_buf_putc(out, c == '\t' ? '\t' : ' ');
		i += l ? l : 1;
	}
	hlr_buf_putc(out, '^');
	size_t end = g->span.end > start + shown ? shown : g->span.end - start;
	if (end > caret + 1) {
		size_t count = hlr_utf8_count(line + caret, end - caret);
		for (size_t i = 1; i < count; i++)
			hlr_buf_putc(out, '~');
	}
	hlr_buf_putc(out, '\n');
}

void hlr_diags_print(struct hlr_diags *d, FILE *fp)
{
	for (size_t i = 0; i < d->n; i++)
		set_key(d, &d->v[i]);
	if (d->n)
		qsort(d->v, d->n, sizeof *d->v, cmp);
	struct hlr_buf out = HLR_BUF_INIT;
	for (size_t i = 0; i < d->n; i++) {
		const struct hlr_diag *g = &d->v[i];
		if (g->has_span && g->src) {
			unsigned line, col;
			hlr_source_position(g->src, d->arena, g->span.start, &line, &col);
			hlr_buf_printf(&out, "%s:%u:%u: %s: %s", g->src->path, line, col,
			               level_name(g->level), g->msg);
		} else {
			const char *path = g->src ? g->src->path : g->path;
			hlr_buf_printf(&out, "%s: %s: %s", path ? path : "hlrc", level_name(g->level), g->msg);
		}
		if (g->code)
			hlr_buf_printf(&out, " [%s]", g->code);
		hlr_buf_putc(&out, '\n');
		if (g->has_span && g->src)
			show_line(&out, d, g);
	}
	if (d->dropped)
		hlr_buf_printf(&out, "hlrc: note: %zu more diagnostics not shown\n", d->dropped);
	fwrite(out.data ? out.data : "", 1, out.len, fp);
	fflush(fp);
	hlr_buf_free(&out);
	d->n = 0;
	d->dropped = 0;
}
