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

size_t hlr_diag(struct hlr_diags *d, enum hlr_level level, const char *code,
                struct hlr_source *src, struct hlr_span span, const char *fmt, ...)
{
	/* a comment can silence a warning, never an error */
	if (level == HLR_WARNING && code && src && ignored(d, src, span, code))
		return (size_t)-1;
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

bool hlr_diag_format_from_name(const char *name, enum hlr_diag_format *f)
{
	static const char *names[] = {"gcc", "json", "sarif", "github"};
	for (int i = 0; i < 4; i++)
		if (!strcmp(name, names[i])) {
			*f = (enum hlr_diag_format)i;
			return true;
		}
	return false;
}

void hlr_diag_printer_begin(struct hlr_diag_printer *p, enum hlr_diag_format f, FILE *fp)
{
	memset(p, 0, sizeof *p);
	p->format = f;
	p->fp = fp;
	p->limit = 50;
	if (f == HLR_DIAG_SARIF)
		fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
		      "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
		      "      \"tool\": {\"driver\": {\"name\": \"hlrc\"}},\n"
		      "      \"columnKind\": \"unicodeCodePoints\",\n"
		      "      \"results\": [", fp);
}

void hlr_diag_printer_end(struct hlr_diag_printer *p)
{
	if (p->format == HLR_DIAG_SARIF) {
		fputs(p->shown ? "\n      ]" : "]", p->fp);
		if (p->dropped)
			fprintf(p->fp, ",\n      \"invocations\": [{\"executionSuccessful\": true, "
			               "\"toolExecutionNotifications\": [{\"level\": \"note\", \"message\": "
			               "{\"text\": \"%zu more diagnostics not shown\"}}]}]", p->dropped);
		fputs("\n    }\n  ]\n}\n", p->fp);
	}
	if (p->format == HLR_DIAG_GITHUB && p->left_out)
		fprintf(p->fp, "::warning title=hlrc::%zu more diagnostics were left out; run hlrc check "
		               "to see them all\n", p->left_out);
	fflush(p->fp);
}

/* Where a diagnostic is: line and column of its start and end. */
struct where {
	const char *path;
	unsigned line, col, end_line, end_col;
	bool has;
};

static struct where where_of(struct hlr_diags *d, const struct hlr_diag *g)
{
	struct where w = {g->src ? g->src->path : g->path ? g->path : "hlrc", 0, 0, 0, 0, false};
	if (g->has_span && g->src) {
		hlr_source_position(g->src, d->arena, g->span.start, &w.line, &w.col);
		hlr_source_position(g->src, d->arena, g->span.end, &w.end_line, &w.end_col);
		w.has = true;
	}
	return w;
}

static void json_str(struct hlr_buf *b, const char *s)
{
	hlr_buf_putc(b, '"');
	hlr_buf_put_json(b, s, strlen(s));
	hlr_buf_putc(b, '"');
}

/* A path as a relative URI reference in a JSON string (SARIF). */
static void uri_str(struct hlr_buf *b, const char *s)
{
	hlr_buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
			hlr_buf_putc(b, (char)c);
		else
			hlr_buf_printf(b, "%%%02X", c);
	}
	hlr_buf_putc(b, '"');
}

/* GitHub workflow commands: %, CR and LF escaped; in properties also : and ,. */
static void gh_escape(struct hlr_buf *b, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': hlr_buf_puts(b, "%25"); break;
		case '\r': hlr_buf_puts(b, "%0D"); break;
		case '\n': hlr_buf_puts(b, "%0A"); break;
		case ':': property ? hlr_buf_puts(b, "%3A") : hlr_buf_putc(b, ':'); break;
		case ',': property ? hlr_buf_puts(b, "%2C") : hlr_buf_putc(b, ','); break;
		default: hlr_buf_putc(b, *s); break;
		}
	}
}

static void print_gcc(struct hlr_buf *out, struct hlr_diags *d, const struct hlr_diag *g)
{
	struct where w = where_of(d, g);
	if (w.has)
		hlr_buf_printf(out, "%s:%u:%u: %s: %s", w.path, w.line, w.col, level_name(g->level), g->msg);
	else
		hlr_buf_printf(out, "%s: %s: %s", w.path, level_name(g->level), g->msg);
	if (g->code)
		hlr_buf_printf(out, " [%s]", g->code);
	hlr_buf_putc(out, '\n');
	if (w.has)
		show_line(out, d, g);
}

static void json_where(struct hlr_buf *out, const struct where *w)
{
	hlr_buf_puts(out, "\"file\": ");
	json_str(out, w->path);
	if (w->has)
		hlr_buf_printf(out, ", \"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": %u",
		               w->line, w->col, w->end_line, w->end_col);
}

/* One diagnostic and its notes (notes[0..nnotes)). */
static void print_one(struct hlr_diag_printer *p, struct hlr_buf *out, struct hlr_diags *d,
                      const struct hlr_diag *g, const struct hlr_diag *notes, size_t nnotes)
{
	struct where w = where_of(d, g);
	switch (p->format) {
	case HLR_DIAG_GCC:
		print_gcc(out, d, g);
		for (size_t i = 0; i < nnotes; i++)
			print_gcc(out, d, &notes[i]);
		break;
	case HLR_DIAG_JSON:
		hlr_buf_puts(out, "{");
		json_where(out, &w);
		hlr_buf_printf(out, ", \"severity\": \"%s\", \"code\": ", level_name(g->level));
		json_str(out, g->code ? g->code : "");
		hlr_buf_puts(out, ", \"message\": ");
		json_str(out, g->msg);
		hlr_buf_puts(out, ", \"notes\": [");
		for (size_t i = 0; i < nnotes; i++) {
			struct where nw = where_of(d, &notes[i]);
			hlr_buf_puts(out, i ? ", {" : "{");
			json_where(out, &nw);
			hlr_buf_puts(out, ", \"message\": ");
			json_str(out, notes[i].msg);
			hlr_buf_putc(out, '}');
		}
		hlr_buf_puts(out, "]}\n");
		break;
	case HLR_DIAG_SARIF: {
		static const char *levels[] = {"note", "warning", "error"};
		hlr_buf_puts(out, p->shown ? ",\n        {" : "\n        {");
		hlr_buf_puts(out, "\"ruleId\": ");
		json_str(out, g->code ? g->code : "hlrc");
		hlr_buf_printf(out, ", \"level\": \"%s\", \"message\": {\"text\": ", levels[g->level]);
		json_str(out, g->msg);
		hlr_buf_puts(out, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
		uri_str(out, w.path);
		hlr_buf_puts(out, "}");
		if (w.has)
			hlr_buf_printf(out, ", \"region\": {\"startLine\": %u, \"startColumn\": %u, "
			                    "\"endLine\": %u, \"endColumn\": %u}",
			               w.line, w.col, w.end_line, w.end_col);
		hlr_buf_puts(out, "}}]");
		if (nnotes) {
			hlr_buf_puts(out, ", \"relatedLocations\": [");
			for (size_t i = 0; i < nnotes; i++) {
				struct where nw = where_of(d, &notes[i]);
				hlr_buf_printf(out, "%s{\"id\": %zu, \"message\": {\"text\": ", i ? ", " : "", i);
				json_str(out, notes[i].msg);
				hlr_buf_puts(out, "}, \"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
				uri_str(out, nw.path);
				hlr_buf_puts(out, "}");
				if (nw.has)
					hlr_buf_printf(out, ", \"region\": {\"startLine\": %u, \"startColumn\": %u}",
					               nw.line, nw.col);
				hlr_buf_puts(out, "}}");
			}
			hlr_buf_puts(out, "]");
		}
		hlr_buf_puts(out, "}");
		break;
	}
	case HLR_DIAG_GITHUB:
		if (p->shown >= p->limit) {
			p->left_out++;
			return;
		}
		hlr_buf_printf(out, "::%s file=", g->level == HLR_ERROR ? "error" :
		                                  g->level == HLR_WARNING ? "warning" : "notice");
		gh_escape(out, w.path, true);
		if (w.has) {
			hlr_buf_printf(out, ",line=%u,col=%u", w.line, w.col);
			if (w.end_line == w.line)
				hlr_buf_printf(out, ",endColumn=%u", w.end_col);
			else
				hlr_buf_printf(out, ",endLine=%u", w.end_line);
		}
		hlr_buf_puts(out, ",title=");
		gh_escape(out, g->code ? g->code : "hlrc", true);
		hlr_buf_puts(out, "::");
		gh_escape(out, g->msg, false);
		for (size_t i = 0; i < nnotes; i++) {
			struct where nw = where_of(d, &notes[i]);
			struct hlr_buf note = HLR_BUF_INIT;
			if (nw.has)
				hlr_buf_printf(&note, "\n%s:%u:%u: note: %s", nw.path, nw.line, nw.col, notes[i].msg);
			else
				hlr_buf_printf(&note, "\nnote: %s", notes[i].msg);
			gh_escape(out, note.data, false);
			hlr_buf_free(&note);
		}
		hlr_buf_putc(out, '\n');
		break;
	}
	p->shown++;
}

void hlr_diag_printer_add(struct hlr_diag_printer *p, struct hlr_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		set_key(d, &d->v[i]);
	if (d->n)
		qsort(d->v, d->n, sizeof *d->v, cmp);
	struct hlr_buf out = HLR_BUF_INIT;
	for (size_t i = 0; i < d->n;) {
		size_t j = i + 1;
		while (j < d->n && d->v[j].level == HLR_NOTE && d->v[j].key_seq == d->v[i].key_seq &&
		       d->v[j].parent != d->v[j].seq)
			j++;
		print_one(p, &out, d, &d->v[i], &d->v[i + 1], j - i - 1);
		i = j;
	}
	if (d->dropped && p->format == HLR_DIAG_GCC)
		hlr_buf_printf(&out, "hlrc: note: %zu more diagnostics not shown\n", d->dropped);
	else if (d->dropped && p->format == HLR_DIAG_JSON)
		hlr_buf_printf(&out, "{\"severity\": \"note\", \"code\": \"\", \"message\": \"%zu more "
		                     "diagnostics not shown\", \"notes\": []}\n", d->dropped);
	else if (d->dropped && p->format == HLR_DIAG_GITHUB)
		p->left_out += d->dropped;
	else if (d->dropped && p->format == HLR_DIAG_SARIF)
		p->dropped += d->dropped;
	fwrite(out.data ? out.data : "", 1, out.len, p->fp);
	fflush(p->fp);
	hlr_buf_free(&out);
	d->n = 0;
	d->dropped = 0;
}

void hlr_diags_print(struct hlr_diags *d, FILE *fp)
{
	struct hlr_diag_printer p;
	hlr_diag_printer_begin(&p, HLR_DIAG_GCC, fp);
	hlr_diag_printer_add(&p, d);
	hlr_diag_printer_end(&p);
}
