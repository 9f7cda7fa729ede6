/* compiler: printing diagnostics (see hlrc.h): the four formats over the
 * diagnostics of results, as data, so a program needs nothing else. */
#include "compiler/hlrc.h"
#include "compiler/diag.h"
#include "compiler/diagcodes.h"
#include "compiler/hlrc_impl.h"
#include "runtime/buf.h"
#include "runtime/utf8.h"

#include <setjmp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The address of docs/language.md for the helpUri of SARIF rules, when
 * given at build time (-DHLRC_DOCS_URL='"https://.../docs/language.md"');
 * SARIF wants an absolute URI there, so without one there is no helpUri and
 * the rule's help names the file instead. */
#ifndef HLRC_DOCS_URL
#define HLRC_DOCS_URL NULL
#endif

struct hlrc_printer {
	enum hlrc_diag_format format; /* how */
	struct hlr_buf out;           /* text not yet taken */
	size_t shown;                 /* diagnostics printed so far */
	size_t left_out;              /* GitHub annotations over the limit */
	size_t limit;                 /* GitHub: annotations shown at most */
	size_t dropped;               /* SARIF: diagnostics over the cap of a folder */
	bool begun;                   /* SARIF: the document's start is out */
};

static const char *level_name(enum hlrc_severity l)
{
	return l == HLRC_ERROR ? "error" : l == HLRC_WARNING ? "warning" : "note";
}

static const char *path_of(const struct hlrc_diagnostic *g)
{
	return g->path ? g->path : "hlrc";
}

/* The source line, with invalid bytes shown as U+FFFD and tabs kept, then a
 * caret line under the span (tabs repeated so the caret lines up). */
static void show_line(struct hlr_buf *out, const struct hlrc_diagnostic *g)
{
	const char *line = g->source_line;
	size_t len = g->source_line_len;
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
	size_t caret = g->span_start;
	if (caret > shown)
		caret = shown;
	for (size_t i = 0; i < caret;) {
		unsigned char c = (unsigned char)line[i];
		size_t l = c < 0x80 ? 1 : hlr_utf8_seqlen((const unsigned char *)line + i, caret - i);
		hlr_buf_putc(out, c == '\t' ? '\t' : ' ');
		i += l ? l : 1;
	}
	hlr_buf_putc(out, '^');
	size_t end = g->span_end > shown ? shown : g->span_end;
	if (end > caret + 1) {
		size_t count = hlr_utf8_count(line + caret, end - caret);
		for (size_t i = 1; i < count; i++)
			hlr_buf_putc(out, '~');
	}
	hlr_buf_putc(out, '\n');
}

int hlrc_diag_format_from_name(const char *name, enum hlrc_diag_format *f)
{
	static const char *names[] = {"gcc", "json", "sarif", "github"};
	for (int i = 0; i < 4; i++)
		if (!strcmp(name, names[i])) {
			*f = (enum hlrc_diag_format)i;
			return 1;
		}
	return 0;
}

hlrc_printer *hlrc_printer_new(enum hlrc_diag_format f)
{
	hlrc_printer *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->format = f;
	p->limit = 50;
	return p;
}

void hlrc_printer_free(hlrc_printer *p)
{
	if (!p)
		return;
	hlr_buf_free(&p->out);
	free(p);
}

static void begin(hlrc_printer *p)
{
	if (p->begun)
		return;
	p->begun = true;
	if (p->format == HLRC_DIAG_SARIF) {
		/* every code is a rule, so the rules come first, and a result's
		 * ruleIndex is its code */
		hlr_buf_puts(&p->out,
		             "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
		             "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
		             "      \"tool\": {\"driver\": {\"name\": \"hlrc\", \"rules\": ");
		hlr_diag_sarif_rules(&p->out, HLRC_DOCS_URL);
		hlr_buf_puts(&p->out, "}},\n      \"columnKind\": \"unicodeCodePoints\",\n"
		                      "      \"results\": [");
	}
}

static void json_str(struct hlr_buf *b, const char *s)
{
	hlr_buf_putc(b, '"');
	hlr_buf_put_json(b, s, strlen(s));
	hlr_buf_putc(b, '"');
}


/* A code's name in CamelCase, the SARIF rule's name: "unknown-section" is
 * "UnknownSection". */
static void camel_case(struct hlr_buf *b, const char *name)
{
	for (bool up = true; *name; name++) {
		if (*name == '-')
			up = true;
		else {
			hlr_buf_putc(b, up && *name >= 'a' && *name <= 'z' ? (char)(*name - 'a' + 'A') : *name);
			up = false;
		}
	}
}

void hlr_diag_sarif_rules(struct hlr_buf *b, const char *docs_url)
{
	hlr_buf_puts(b, "[");
	for (int c = 0; c < HLR_NCODES; c++) {
		const struct hlr_code_info *i = hlr_code_info((enum hlr_code)c);
		bool error = i->level == HLR_ERROR;
		hlr_buf_puts(b, c ? ",\n        {\"id\": " : "\n        {\"id\": ");
		json_str(b, i->name);
		hlr_buf_puts(b, ", \"name\": \"");
		camel_case(b, i->name);
		hlr_buf_puts(b, "\", \"shortDescription\": {\"text\": ");
		json_str(b, i->summary);
		hlr_buf_puts(b, "}, \"fullDescription\": {\"text\": \"");
		hlr_buf_put_json(b, i->summary, strlen(i->summary));
		if (error)
			hlr_buf_puts(b, ". An error: the run fails and writes no output. "
			                "Errors cannot be silenced.");
		else
			hlr_buf_printf(b, ". A warning: the run succeeds unless --werror is given. "
			                  "A comment '# hlrc-ignore: %s' on the line before silences it.",
			               i->name);
		hlr_buf_printf(b, "\"}, \"help\": {\"text\": \"See docs/language.md#%s in the hlrc "
		                  "documentation.\"}", i->anchor);
		if (docs_url) {
			struct hlr_buf uri = HLR_BUF_INIT;
			hlr_buf_printf(&uri, "%s#%s", docs_url, i->anchor);
			hlr_buf_puts(b, ", \"helpUri\": ");
			json_str(b, uri.data);
			hlr_buf_free(&uri);
		}
		hlr_buf_printf(b, ", \"defaultConfiguration\": {\"level\": \"%s\"}}",
		               error ? "error" : "warning");
	}
	hlr_buf_puts(b, "\n      ]");
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

static void print_gcc(struct hlr_buf *out, const struct hlrc_diagnostic *g)
{
	if (g->line)
		hlr_buf_printf(out, "%s:%u:%u: %s: %s", path_of(g), g->line, g->column,
		               level_name(g->severity), g->message);
	else
		hlr_buf_printf(out, "%s: %s: %s", path_of(g), level_name(g->severity), g->message);
	if (g->code)
		hlr_buf_printf(out, " [%s]", g->code);
	hlr_buf_putc(out, '\n');
	if (g->line)
		show_line(out, g);
}

static void json_where(struct hlr_buf *out, const struct hlrc_diagnostic *g)
{
	hlr_buf_puts(out, "\"file\": ");
	json_str(out, path_of(g));
	if (g->line)
		hlr_buf_printf(out, ", \"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": %u",
		               g->line, g->column, g->end_line, g->end_column);
}

/* One diagnostic and its notes. */
static void print_one(hlrc_printer *p, const struct hlrc_diagnostic *g)
{
	struct hlr_buf *out = &p->out;
	switch (p->format) {
	case HLRC_DIAG_GCC:
		print_gcc(out, g);
		for (size_t i = 0; i < g->nnotes; i++)
			print_gcc(out, &g->notes[i]);
		break;
	case HLRC_DIAG_JSON:
		hlr_buf_puts(out, "{");
		json_where(out, g);
		hlr_buf_printf(out, ", \"severity\": \"%s\", \"code\": ", level_name(g->severity));
		json_str(out, g->code ? g->code : "");
		hlr_buf_puts(out, ", \"message\": ");
		json_str(out, g->message);
		hlr_buf_puts(out, ", \"notes\": [");
		for (size_t i = 0; i < g->nnotes; i++) {
			hlr_buf_puts(out, i ? ", {" : "{");
			json_where(out, &g->notes[i]);
			hlr_buf_puts(out, ", \"message\": ");
			json_str(out, g->notes[i].message);
			hlr_buf_putc(out, '}');
		}
		hlr_buf_puts(out, "]}\n");
		break;
	case HLRC_DIAG_SARIF: {
		static const char *levels[] = {"note", "warning", "error"};
		hlr_buf_puts(out, p->shown ? ",\n        {" : "\n        {");
		hlr_buf_puts(out, "\"ruleId\": ");
		json_str(out, g->code ? g->code : "hlrc");
		enum hlr_code code;
		if (g->code && hlr_code_from_name(g->code, &code))
			hlr_buf_printf(out, ", \"ruleIndex\": %d", (int)code);
		hlr_buf_printf(out, ", \"level\": \"%s\", \"message\": {\"text\": ", levels[g->severity]);
		json_str(out, g->message);
		hlr_buf_puts(out, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
		uri_str(out, path_of(g));
		hlr_buf_puts(out, "}");
		if (g->line)
			hlr_buf_printf(out, ", \"region\": {\"startLine\": %u, \"startColumn\": %u, "
			                    "\"endLine\": %u, \"endColumn\": %u}",
			               g->line, g->column, g->end_line, g->end_column);
		hlr_buf_puts(out, "}}]");
		if (g->nnotes) {
			hlr_buf_puts(out, ", \"relatedLocations\": [");
			for (size_t i = 0; i < g->nnotes; i++) {
				const struct hlrc_diagnostic *n = &g->notes[i];
				hlr_buf_printf(out, "%s{\"id\": %zu, \"message\": {\"text\": ", i ? ", " : "", i);
				json_str(out, n->message);
				hlr_buf_puts(out, "}, \"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
				uri_str(out, path_of(n));
				hlr_buf_puts(out, "}");
				if (n->line)
					hlr_buf_printf(out, ", \"region\": {\"startLine\": %u, \"startColumn\": %u}",
					               n->line, n->column);
				hlr_buf_puts(out, "}}");
			}
			hlr_buf_puts(out, "]");
		}
		hlr_buf_puts(out, "}");
		break;
	}
	case HLRC_DIAG_GITHUB:
		if (p->shown >= p->limit) {
			p->left_out++;
			return;
		}
		hlr_buf_printf(out, "::%s file=", g->severity == HLRC_ERROR ? "error" :
		                                  g->severity == HLRC_WARNING ? "warning" : "notice");
		gh_escape(out, path_of(g), true);
		if (g->line) {
			hlr_buf_printf(out, ",line=%u,col=%u", g->line, g->column);
			if (g->end_line == g->line)
				hlr_buf_printf(out, ",endColumn=%u", g->end_column);
			else
				hlr_buf_printf(out, ",endLine=%u", g->end_line);
		}
		hlr_buf_puts(out, ",title=");
		gh_escape(out, g->code ? g->code : "hlrc", true);
		hlr_buf_puts(out, "::");
		gh_escape(out, g->message, false);
		for (size_t i = 0; i < g->nnotes; i++) {
			const struct hlrc_diagnostic *n = &g->notes[i];
			struct hlr_buf note = HLR_BUF_INIT;
			if (n->line)
				hlr_buf_printf(&note, "\n%s:%u:%u: note: %s", path_of(n), n->line, n->column,
				               n->message);
			else
				hlr_buf_printf(&note, "\nnote: %s", n->message);
			gh_escape(out, note.data, false);
			hlr_buf_free(&note);
		}
		hlr_buf_putc(out, '\n');
		break;
	}
	p->shown++;
}

static void add(hlrc_printer *p, const hlrc_result *r)
{
	begin(p);
	const struct hlrc_diagnostic *v;
	hlrc_result_diagnostics(r, &v);
	size_t ngroups = hlr_result_groups(r);
	for (size_t k = 0, i = 0; k < ngroups; k++) {
		size_t end, dropped;
		hlr_result_group(r, k, &end, &dropped);
		for (; i < end; i++)
			print_one(p, &v[i]);
		if (dropped && p->format == HLRC_DIAG_GCC)
			hlr_buf_printf(&p->out, "hlrc: note: %zu more diagnostics not shown\n", dropped);
		else if (dropped && p->format == HLRC_DIAG_JSON)
			hlr_buf_printf(&p->out, "{\"severity\": \"note\", \"code\": \"\", \"message\": \"%zu "
			                        "more diagnostics not shown\", \"notes\": []}\n", dropped);
		else if (dropped && p->format == HLRC_DIAG_GITHUB)
			p->left_out += dropped;
		else if (dropped && p->format == HLRC_DIAG_SARIF)
			p->dropped += dropped;
	}
}

static void end(hlrc_printer *p)
{
	begin(p);
	if (p->format == HLRC_DIAG_SARIF) {
		hlr_buf_puts(&p->out, p->shown ? "\n      ]" : "]");
		if (p->dropped)
			hlr_buf_printf(&p->out, ",\n      \"invocations\": [{\"executionSuccessful\": true, "
			                        "\"toolExecutionNotifications\": [{\"level\": \"note\", "
			                        "\"message\": {\"text\": \"%zu more diagnostics not "
			                        "shown\"}}]}]", p->dropped);
		hlr_buf_puts(&p->out, "\n    }\n  ]\n}\n");
	}
	if (p->format == HLRC_DIAG_GITHUB && p->left_out)
		hlr_buf_printf(&p->out, "::warning title=hlrc::%zu more diagnostics were left out; run "
		                        "hlrc check to see them all\n", p->left_out);
}

/* Runs step under a recovery point: out of memory leaves the text as it
 * was and returns HLRC_NOMEM. */
static int guarded(hlrc_printer *p, const hlrc_result *r,
                   void (*step)(hlrc_printer *, const hlrc_result *))
{
	size_t len = p->out.len;
	jmp_buf jb;
	jmp_buf *saved = hlr_oom_recovery(&jb);
	if (setjmp(jb)) {
		hlr_oom_recovery(saved);
		p->out.len = len;
		return HLRC_NOMEM;
	}
	step(p, r);
	hlr_oom_recovery(saved);
	return HLRC_OK;
}

static void end_step(hlrc_printer *p, const hlrc_result *r)
{
	(void)r;
	end(p);
}

int hlrc_printer_add(hlrc_printer *p, const hlrc_result *r)
{
	return guarded(p, r, add);
}

int hlrc_printer_end(hlrc_printer *p)
{
	return guarded(p, NULL, end_step);
}

const char *hlrc_printer_take(hlrc_printer *p, size_t *len)
{
	*len = p->out.len;
	p->out.len = 0;
	return p->out.data ? p->out.data : "";
}
