/* compiler: printing diagnostics (see hlrc.h): the five formats over the
 * diagnostics of results, as data, so a program needs nothing else. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "compiler/hlrc.h"
#include "compiler/diag.h"
#include "compiler/diagcodes.h"
#include "compiler/hlrc_impl.h"
#include "runtime/arena.h"
#include "runtime/buf.h"
#include "runtime/utf8.h"

#include <limits.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The address of docs/language.md for the helpUri of SARIF rules, when
 * given at build time (make HLRC_DOCS_URL=https://.../docs/language.md);
 * SARIF wants an absolute URI there, so without one there is no helpUri and
 * the rule's help names the file instead. */
#ifndef HLRC_DOCS_URL
#define HLRC_DOCS_URL NULL
#endif
/* The address of hlrc's home (make HLRC_URL=https://...), SARIF's
 * informationUri; none without it. */
#ifndef HLRC_URL
#define HLRC_URL NULL
#endif

/* GitHub shows at most this many annotations of each level in a step. */
enum { GH_LIMIT = 10 };

/* A fingerprint seen: its hash without the occurrence, and how many times. */
struct seen {
	uint64_t key;  /* 0: a free slot */
	size_t count;
};

/* GitHub annotations waiting for the end of the run, by level. */
struct gh_level {
	struct hlr_buf text;  /* the annotations kept */
	size_t kept, total;   /* annotations kept, and reported */
};

struct hlrc_printer {
	enum hlrc_diag_format format; /* how */
	struct hlr_buf out;           /* text not yet taken */
	size_t shown;                 /* diagnostics printed so far */
	size_t dropped;               /* diagnostics the library did not keep */
	bool begun;                   /* SARIF, GitLab: the document's start is out */
	char *root;                   /* the source root, absolute, no '/' at the end
	                                 ("" for "/"), or NULL until known */
	char *cwd;                    /* the current folder, absolute */
	struct seen *seen;            /* fingerprints so far (open addressing) */
	size_t nseen, capseen;
	struct gh_level gh[3];        /* GitHub: notes, warnings, errors */
};

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

/* The bytes of the first col - 1 code points of the line (its length when
 * shorter). */
static size_t line_bytes(const char *line, size_t len, unsigned col)
{
	size_t i = 0;
	for (unsigned c = 1; c < col && i < len; c++) {
		size_t l = hlr_utf8_seqlen((const unsigned char *)line + i, len - i);
		i += l ? l : 1;
	}
	return i;
}

/* Under the caret, as clang does, the fix-its on the diagnostic's line:
 * each replacement (or inserted text) starting at the column where the
 * edit starts, up to its first line end. A deletion shows nothing, nor an
 * edit that starts left of the text before it on that line. */
static void show_fixits(struct hlr_buf *out, const struct hlrc_diagnostic *g)
{
	struct hlr_buf l = HLR_BUF_INIT;
	size_t at = 0; /* bytes of the source line covered so far */
	for (size_t k = 0; k < g->nfixits; k++) {
		const struct hlrc_fixit *f = &g->fixits[k];
		size_t n = strcspn(f->replacement, "\r\n");
		if (f->line != g->line || !n)
			continue;
		size_t from = line_bytes(g->source_line, g->source_line_len, f->column);
		if (from < at)
			continue;
		if (!l.len)
			hlr_buf_putc(&l, ' ');
		while (at < from) {
			const char *line = g->source_line;
			size_t c = hlr_utf8_seqlen((const unsigned char *)line + at, from - at);
			hlr_buf_putc(&l, line[at] == '\t' ? '\t' : ' ');
			at += c ? c : 1;
		}
		hlr_buf_put(&l, f->replacement, n);
		/* what follows starts after the text shown and the span replaced */
		size_t to = line_bytes(g->source_line, g->source_line_len,
		                       f->end_line == f->line ? f->end_column : UINT_MAX);
		size_t shown = hlr_utf8_count(f->replacement, n);
		for (size_t i = 0; i < shown && at < g->source_line_len; i++) {
			size_t c = hlr_utf8_seqlen((const unsigned char *)g->source_line + at,
			                           g->source_line_len - at);
			at += c ? c : 1;
		}
		if (at < to)
			at = to;
	}
	if (l.len) {
		hlr_buf_put(out, l.data, l.len);
		hlr_buf_putc(out, '\n');
	}
	hlr_buf_free(&l);
}

int hlrc_diag_format_from_name(const char *name, enum hlrc_diag_format *f)
{
	static const char *names[] = {"gcc", "json", "sarif", "github", "gitlab"};
	for (int i = 0; i < 5; i++)
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
	return p;
}

void hlrc_printer_free(hlrc_printer *p)
{
	if (!p)
		return;
	hlr_buf_free(&p->out);
	for (int i = 0; i < 3; i++)
		hlr_buf_free(&p->gh[i].text);
	free(p->root);
	free(p->cwd);
	free(p->seen);
	free(p);
}

/* --- paths relative to the source root ------------------------------------ */

/* path, absolute, with "." and ".." and repeated slashes taken out (".."
 * of "/" is "/"), into a malloc'd string without a '/' at the end ("" for
 * "/"); NULL when out of memory. Relative paths start from base. */
static char *normal_path(const char *base, const char *path)
{
	size_t n = (path[0] == '/' ? 0 : strlen(base)) + strlen(path) + 2;
	char *s = malloc(n);
	if (!s)
		return NULL;
	size_t len = 0;
	const char *parts[2] = {path[0] == '/' ? "" : base, path};
	for (int k = 0; k < 2; k++)
		for (const char *c = parts[k]; *c;) {
			while (*c == '/')
				c++;
			size_t l = strcspn(c, "/");
			if (!l)
				break;
			if (l == 2 && c[0] == '.' && c[1] == '.') {
				while (len && s[len - 1] != '/')
					len--;
				if (len)
					len--;
			} else if (!(l == 1 && c[0] == '.')) {
				s[len++] = '/';
				memcpy(s + len, c, l);
				len += l;
			}
			c += l;
		}
	s[len] = '\0';
	return s;
}

/* The current folder, absolute and without links, malloc'd; NULL when it
 * cannot be read. */
static char *current_dir(void)
{
	char *d = realpath(".", NULL);
	if (d && !strcmp(d, "/"))
		d[0] = '\0';
	return d;
}

int hlrc_printer_source_root(hlrc_printer *p, const char *dir)
{
	char *cwd = current_dir();
	if (!cwd)
		return HLRC_BADARG;
	char *root = NULL;
	if (dir) {
		root = realpath(dir, NULL);
		struct stat st;
		if (!root || stat(root, &st) || !S_ISDIR(st.st_mode)) {
			free(root);
			free(cwd);
			return HLRC_BADARG;
		}
		if (!strcmp(root, "/"))
			root[0] = '\0';
	} else {
		/* the nearest folder up from here that holds .git */
		root = malloc(strlen(cwd) + 6);
		if (!root) {
			free(cwd);
			return HLRC_NOMEM;
		}
		strcpy(root, cwd);
		for (;;) {
			size_t len = strlen(root);
			struct stat st;
			strcpy(root + len, "/.git");
			if (!stat(root, &st)) {
				root[len] = '\0';
				break;
			}
			root[len] = '\0';
			if (!len) {
				strcpy(root, cwd);
				break;
			}
			while (len && root[len - 1] != '/')
				len--;
			root[len ? len - 1 : 0] = '\0';
		}
	}
	free(p->root);
	free(p->cwd);
	p->root = root;
	p->cwd = cwd;
	return HLRC_OK;
}

/* The source root, found as hlrc_printer_source_root(p, NULL) does when not
 * set; false when the current folder cannot be read. */
static bool have_root(hlrc_printer *p)
{
	if (!p->root)
		hlrc_printer_source_root(p, NULL);
	return p->root != NULL;
}

/* path relative to the source root into b (true), or absolute (false)
 * when it is outside. The folder a file is in is read without links, as
 * the root is. */
static bool rel_path(hlrc_printer *p, struct hlr_buf *b, const char *path)
{
	if (!have_root(p)) {
		hlr_buf_puts(b, path);
		return path[0] != '/';
	}
	char *abs = normal_path(p->cwd, path);
	if (!abs) {
		hlr_buf_puts(b, path);
		return path[0] != '/';
	}
	char *slash = strrchr(abs, '/');
	if (slash && slash != abs) {
		*slash = '\0';
		char *dir = realpath(abs, NULL);
		*slash = '/';
		if (dir) {
			char *joined = malloc(strlen(dir) + strlen(slash) + 1);
			if (joined) {
				strcpy(joined, strcmp(dir, "/") ? dir : "");
				strcat(joined, slash);
				free(abs);
				abs = joined;
			}
			free(dir);
		}
	}
	size_t rl = strlen(p->root);
	bool inside = !strncmp(abs, p->root, rl) && abs[rl] == '/';
	hlr_buf_puts(b, inside ? abs + rl + 1 : abs[0] ? abs : "/");
	free(abs);
	return inside;
}

/* Appends s percent-encoded as a URI path (RFC 3986): unreserved
 * characters and '/' as they are, every other byte as %XX. */
static void uri_path(struct hlr_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
			hlr_buf_putc(b, (char)c);
		else
			hlr_buf_printf(b, "%%%02X", c);
	}
}

/* SARIF's artifactLocation of path: relative to %SRCROOT% inside the
 * source root, else an absolute file:// URI. */
static void artifact_location(hlrc_printer *p, struct hlr_buf *out, const char *path)
{
	struct hlr_buf rel = HLR_BUF_INIT;
	bool inside = rel_path(p, &rel, path);
	hlr_buf_puts(out, "{\"uri\": \"");
	if (!inside && rel.data[0] == '/')
		hlr_buf_puts(out, "file://");
	uri_path(out, rel.data);
	hlr_buf_puts(out, inside ? "\", \"uriBaseId\": \"%SRCROOT%\"}" : "\"}");
	hlr_buf_free(&rel);
}

/* --- fingerprints ----------------------------------------------------------- */

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
	return h;
}

/* A fingerprint of g that stays when unrelated lines are added or removed:
 * a hash of its code, its path from the source root, the text of its line
 * with runs of spaces and tabs as one space and none at the ends, and how
 * many diagnostics of the run had those three before it. 16 hex digits. */
static void fingerprint(hlrc_printer *p, struct hlr_buf *out, const struct hlrc_diagnostic *g)
{
	uint64_t h = 0xcbf29ce484222325u;
	const char *code = g->code ? g->code : "hlrc";
	h = fnv(h, code, strlen(code) + 1);
	struct hlr_buf rel = HLR_BUF_INIT;
	if (g->path)
		rel_path(p, &rel, g->path);
	h = fnv(h, rel.data ? rel.data : "", rel.len + 1);
	hlr_buf_free(&rel);
	bool space = false, any = false;
	for (size_t i = 0; g->source_line && i < g->source_line_len; i++) {
		char c = g->source_line[i];
		if (c == ' ' || c == '\t') {
			space = any;
			continue;
		}
		if (space)
			h = fnv(h, " ", 1);
		h = fnv(h, &c, 1);
		space = false;
		any = true;
	}
	if (!h)
		h = 1;
	if (p->nseen * 2 >= p->capseen) {
		size_t cap = p->capseen ? p->capseen * 2 : 64;
		struct seen *v = calloc(cap, sizeof *v);
		if (!v)
			hlr_oom();
		for (size_t i = 0; i < p->capseen; i++)
			if (p->seen[i].key) {
				size_t j = (size_t)p->seen[i].key & (cap - 1);
				while (v[j].key)
					j = (j + 1) & (cap - 1);
				v[j] = p->seen[i];
			}
		free(p->seen);
		p->seen = v;
		p->capseen = cap;
	}
	size_t j = (size_t)h & (p->capseen - 1);
	while (p->seen[j].key && p->seen[j].key != h)
		j = (j + 1) & (p->capseen - 1);
	if (!p->seen[j].key) {
		p->seen[j].key = h;
		p->nseen++;
	}
	size_t occurrence = p->seen[j].count++;
	char n[32];
	snprintf(n, sizeof n, "%zu", occurrence);
	h = fnv(h, n, strlen(n));
	hlr_buf_printf(out, "%016llx", (unsigned long long)h);
}

/* --- SARIF -------------------------------------------------------------- */

static void json_str(struct hlr_buf *b, const char *s)
{
	hlr_buf_putc(b, '"');
	hlr_buf_put_json(b, s, strlen(s));
	hlr_buf_putc(b, '"');
}

/* In Azure Pipelines (TF_BUILD set), the run's automationDetails that
 * GitHub Advanced Security for Azure DevOps reads, from the pipeline's
 * variables; nothing when one of them is missing. */
static void azure_details(struct hlr_buf *out)
{
	static const char *vars[] = {"SYSTEM_COLLECTIONURI", "SYSTEM_TEAMPROJECT",
	                             "SYSTEM_DEFINITIONID", "SYSTEM_PHASEID", "BUILD_SOURCEBRANCH",
	                             "BUILD_BUILDID", "BUILD_DEFINITIONNAME", "SYSTEM_PHASENAME"};
	const char *v[8];
	if (!getenv("TF_BUILD"))
		return;
	for (int i = 0; i < 8; i++)
		if (!(v[i] = getenv(vars[i])) || !*v[i])
			return;
	/* the organisation is the last part of the collection's address */
	size_t n = strlen(v[0]);
	while (n && v[0][n - 1] == '/')
		n--;
	size_t o = n;
	while (o && v[0][o - 1] != '/')
		o--;
	struct hlr_buf id = HLR_BUF_INIT;
	hlr_buf_puts(&id, "azuredevops/pipeline/build/");
	hlr_buf_put(&id, v[0] + o, n - o);
	for (int i = 1; i < 6; i++)
		hlr_buf_printf(&id, "/%s", v[i]);
	hlr_buf_puts(out, "      \"automationDetails\": {\"id\": ");
	json_str(out, id.data);
	hlr_buf_free(&id);
	static const char *keys[] = {"buildDefinitionId", "buildDefinitionName", "phaseId",
	                             "phaseName"};
	const char *vals[] = {v[2], v[6], v[3], v[7]};
	hlr_buf_puts(out, ", \"properties\": {");
	for (int i = 0; i < 4; i++) {
		hlr_buf_printf(out, "%s\"azuredevops/pipeline/build/%s\": ", i ? ", " : "", keys[i]);
		json_str(out, vals[i]);
	}
	hlr_buf_puts(out, "}},\n");
}

static void begin(hlrc_printer *p)
{
	if (p->begun)
		return;
	p->begun = true;
	if (p->format == HLRC_DIAG_GITLAB)
		hlr_buf_puts(&p->out, "[");
	if (p->format != HLRC_DIAG_SARIF)
		return;
	/* every code is a rule, so the rules come first, and a result's
	 * ruleIndex is its code */
	struct hlr_buf *out = &p->out;
	hlr_buf_printf(out,
	               "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	               "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
	               "      \"tool\": {\"driver\": {\"name\": \"hlrc\", \"fullName\": \"hlrc, the "
	               "highlight report compiler\", \"version\": \"%s\", \"semanticVersion\": "
	               "\"%s\", ", hlrc_version(), hlrc_version());
	if (HLRC_URL) {
		hlr_buf_puts(out, "\"informationUri\": ");
		json_str(out, HLRC_URL);
		hlr_buf_puts(out, ", ");
	}
	hlr_buf_puts(out, "\"rules\": ");
	hlr_diag_sarif_rules(out, HLRC_DOCS_URL);
	hlr_buf_puts(out, "}},\n");
	azure_details(out);
	if (have_root(p)) {
		hlr_buf_puts(out, "      \"originalUriBaseIds\": {\"%SRCROOT%\": {\"uri\": \"file://");
		uri_path(out, p->root);
		hlr_buf_puts(out, "/\"}},\n");
	}
	hlr_buf_puts(out, "      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [");
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
		/* SARIF wants a name that differs from the id in more than case:
		 * a one-word code has its level after it ("SyntaxError") */
		hlr_buf_puts(b, ", \"name\": \"");
		camel_case(b, i->name);
		if (!strchr(i->name, '-'))
			hlr_buf_puts(b, error ? "Error" : "Warning");
		hlr_buf_puts(b, "\"");
		hlr_buf_puts(b, ", \"shortDescription\": {\"text\": ");
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

/* A SARIF region: where g (or a fix-it) is; a problem with a whole file
 * is the empty region at its start. */
static void sarif_region(struct hlr_buf *out, unsigned line, unsigned col, unsigned eline,
                         unsigned ecol)
{
	if (!line)
		line = col = eline = ecol = 1;
	hlr_buf_printf(out, "\"region\": {\"startLine\": %u, \"startColumn\": %u, \"endLine\": %u, "
	                    "\"endColumn\": %u}", line, col, eline, ecol);
}

static void print_sarif(hlrc_printer *p, const struct hlrc_diagnostic *g)
{
	static const char *levels[] = {"note", "warning", "error"};
	struct hlr_buf *out = &p->out;
	hlr_buf_puts(out, p->shown ? ",\n        {" : "\n        {");
	hlr_buf_puts(out, "\"ruleId\": ");
	json_str(out, g->code ? g->code : "hlrc");
	enum hlr_code code;
	if (g->code && hlr_code_from_name(g->code, &code))
		hlr_buf_printf(out, ", \"ruleIndex\": %d", (int)code);
	hlr_buf_printf(out, ", \"level\": \"%s\", \"message\": {\"text\": ", levels[g->severity]);
	json_str(out, g->message);
	hlr_buf_puts(out, "}");
	if (g->path) {
		hlr_buf_puts(out, ", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": ");
		artifact_location(p, out, g->path);
		hlr_buf_puts(out, ", ");
		sarif_region(out, g->line, g->column, g->end_line, g->end_column);
		hlr_buf_puts(out, "}}]");
	}
	hlr_buf_puts(out, ", \"partialFingerprints\": {\"hlrcLineHash/v1\": \"");
	fingerprint(p, out, g);
	hlr_buf_puts(out, "\"}");
	if (g->nnotes) {
		hlr_buf_puts(out, ", \"relatedLocations\": [");
		for (size_t i = 0; i < g->nnotes; i++) {
			const struct hlrc_diagnostic *n = &g->notes[i];
			hlr_buf_printf(out, "%s{\"id\": %zu, \"message\": {\"text\": ", i ? ", " : "", i);
			json_str(out, n->message);
			hlr_buf_puts(out, "}");
			if (n->path) {
				hlr_buf_puts(out, ", \"physicalLocation\": {\"artifactLocation\": ");
				artifact_location(p, out, n->path);
				hlr_buf_puts(out, ", ");
				sarif_region(out, n->line, n->column, n->end_line, n->end_column);
				hlr_buf_puts(out, "}");
			}
			hlr_buf_puts(out, "}");
		}
		hlr_buf_puts(out, "]");
	}
	if (g->nfixits && g->path) {
		hlr_buf_puts(out, ", \"fixes\": [{\"description\": {\"text\": ");
		json_str(out, g->message);
		hlr_buf_puts(out, "}, \"artifactChanges\": [{\"artifactLocation\": ");
		artifact_location(p, out, g->path);
		hlr_buf_puts(out, ", \"replacements\": [");
		for (size_t i = 0; i < g->nfixits; i++) {
			const struct hlrc_fixit *f = &g->fixits[i];
			hlr_buf_puts(out, i ? ", {\"deletedRegion\": {" : "{\"deletedRegion\": {");
			hlr_buf_printf(out, "\"startLine\": %u, \"startColumn\": %u, \"endLine\": %u, "
			                    "\"endColumn\": %u}, \"insertedContent\": {\"text\": \"",
			               f->line, f->column, f->end_line, f->end_column);
			hlr_buf_put_json(out, f->replacement, f->replacement_len);
			hlr_buf_puts(out, "\"}}");
		}
		hlr_buf_puts(out, "]}]}]");
	}
	hlr_buf_puts(out, "}");
}

/* --- GitHub, GitLab ----------------------------------------------------------- */

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

static const char *level_name(enum hlrc_severity l)
{
	return l == HLRC_ERROR ? "error" : l == HLRC_WARNING ? "warning" : "note";
}

static const char *path_of(const struct hlrc_diagnostic *g)
{
	return g->path ? g->path : "hlrc";
}

/* An annotation, kept for the end of the run when its level has room. */
static void print_github(hlrc_printer *p, const struct hlrc_diagnostic *g)
{
	struct gh_level *lv = &p->gh[g->severity];
	lv->total++;
	if (lv->kept >= GH_LIMIT)
		return;
	lv->kept++;
	struct hlr_buf *out = &lv->text;
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
}

/* The annotations, errors first, at most GH_LIMIT of each level; when some
 * are left out, the last warning says how many, in place of one. */
static void end_github(hlrc_printer *p)
{
	struct gh_level *e = &p->gh[HLRC_ERROR], *w = &p->gh[HLRC_WARNING], *n = &p->gh[HLRC_NOTE];
	bool more = p->dropped || e->total > e->kept || w->total > w->kept || n->total > n->kept;
	size_t warnings = w->kept;
	if (more && warnings == GH_LIMIT)
		warnings--;
	hlr_buf_put(&p->out, e->text.data, e->text.len);
	size_t bytes = 0;
	for (size_t i = 0; i < warnings; i++)
		bytes += strcspn(w->text.data + bytes, "\n") + 1;
	hlr_buf_put(&p->out, w->text.data, bytes);
	hlr_buf_put(&p->out, n->text.data, n->text.len);
	if (more) {
		size_t left[3];
		for (int i = 0; i < 3; i++)
			left[i] = p->gh[i].total - p->gh[i].kept;
		left[HLRC_WARNING] += w->kept - warnings;
		size_t all = left[0] + left[1] + left[2] + p->dropped;
		hlr_buf_printf(&p->out, "::warning title=hlrc::%zu more diagnostic%s left out (GitHub "
		                        "shows %d errors and %d warnings a step):", all,
		               all == 1 ? " was" : "s were", GH_LIMIT, GH_LIMIT);
		static const char *names[] = {"note", "warning", "error"};
		const char *sep = " ";
		for (int i = 2; i >= 0; i--)
			if (left[i]) {
				hlr_buf_printf(&p->out, "%s%zu %s%s", sep, left[i], names[i],
				               left[i] == 1 ? "" : "s");
				sep = ", ";
			}
		if (p->dropped)
			hlr_buf_printf(&p->out, "%s%zu not kept", sep, p->dropped);
		hlr_buf_puts(&p->out, "; run hlrc check to see them all\n");
	}
}

static void print_gitlab(hlrc_printer *p, const struct hlrc_diagnostic *g)
{
	struct hlr_buf *out = &p->out;
	hlr_buf_puts(out, p->shown ? ",\n  {" : "\n  {");
	hlr_buf_puts(out, "\"description\": ");
	json_str(out, g->message);
	hlr_buf_puts(out, ", \"check_name\": ");
	json_str(out, g->code ? g->code : "hlrc");
	hlr_buf_puts(out, ", \"fingerprint\": \"");
	fingerprint(p, out, g);
	hlr_buf_printf(out, "\", \"severity\": \"%s\", \"location\": {\"path\": ",
	               g->severity == HLRC_ERROR ? "major" : g->severity == HLRC_WARNING ? "minor"
	                                                                                : "info");
	struct hlr_buf rel = HLR_BUF_INIT;
	rel_path(p, &rel, path_of(g));
	json_str(out, rel.data);
	hlr_buf_free(&rel);
	hlr_buf_printf(out, ", \"lines\": {\"begin\": %u}}}", g->line ? g->line : 1);
}

/* --- gcc, JSON ---------------------------------------------------------------- */

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
	if (g->line) {
		show_line(out, g);
		show_fixits(out, g);
	}
}

static void json_where(struct hlr_buf *out, const struct hlrc_diagnostic *g)
{
	hlr_buf_puts(out, "\"file\": ");
	json_str(out, path_of(g));
	if (g->line)
		hlr_buf_printf(out, ", \"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": %u",
		               g->line, g->column, g->end_line, g->end_column);
}

static void print_json(struct hlr_buf *out, const struct hlrc_diagnostic *g)
{
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
	hlr_buf_puts(out, "], \"fixits\": [");
	for (size_t i = 0; i < g->nfixits; i++) {
		const struct hlrc_fixit *f = &g->fixits[i];
		hlr_buf_printf(out, "%s{\"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": "
		                    "%u, \"replacement\": \"", i ? ", " : "", f->line, f->column,
		               f->end_line, f->end_column);
		hlr_buf_put_json(out, f->replacement, f->replacement_len);
		hlr_buf_puts(out, "\"}");
	}
	hlr_buf_puts(out, "]}\n");
}

/* One diagnostic and its notes. */
static void print_one(hlrc_printer *p, const struct hlrc_diagnostic *g)
{
	switch (p->format) {
	case HLRC_DIAG_GCC:
		print_gcc(&p->out, g);
		for (size_t i = 0; i < g->nnotes; i++)
			print_gcc(&p->out, &g->notes[i]);
		break;
	case HLRC_DIAG_JSON: print_json(&p->out, g); break;
	case HLRC_DIAG_SARIF: print_sarif(p, g); break;
	case HLRC_DIAG_GITHUB: print_github(p, g); break;
	case HLRC_DIAG_GITLAB: print_gitlab(p, g); break;
	}
	p->shown++;
}

static void add(hlrc_printer *p, const void *arg)
{
	const hlrc_result *r = arg;
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
			                        "more diagnostics not shown\", \"notes\": [], \"fixits\": "
			                        "[]}\n", dropped);
		else
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
	if (p->format == HLRC_DIAG_GITLAB)
		hlr_buf_puts(&p->out, p->shown ? "\n]\n" : "]\n");
	if (p->format == HLRC_DIAG_GITHUB)
		end_github(p);
}

/* Runs step under a recovery point: out of memory leaves the text as it
 * was and returns HLRC_NOMEM. */
static int guarded(hlrc_printer *p, const void *arg, void (*step)(hlrc_printer *, const void *))
{
	size_t len = p->out.len;
	jmp_buf jb;
	jmp_buf *saved = hlr_oom_recovery(&jb);
	if (setjmp(jb)) {
		hlr_oom_recovery(saved);
		p->out.len = len;
		return HLRC_NOMEM;
	}
	step(p, arg);
	hlr_oom_recovery(saved);
	return HLRC_OK;
}

static void end_step(hlrc_printer *p, const void *arg)
{
	(void)arg;
	end(p);
}

int hlrc_printer_add(hlrc_printer *p, const hlrc_result *r)
{
	return guarded(p, r, add);
}

static void add_one(hlrc_printer *p, const void *arg)
{
	begin(p);
	print_one(p, arg);
}

int hlr_printer_add_diagnostic(hlrc_printer *p, const struct hlrc_diagnostic *g)
{
	return guarded(p, g, add_one);
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
