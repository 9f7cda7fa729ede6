/* cli: hlrc lsp, a Language Server Protocol 3.17 server on standard input
 * and output (JSON-RPC 2.0, Content-Length framing). Messages are read and
 * written with jansson; every answer comes from the library (hlrc.h): the
 * open documents are texts set in one workspace (hlrc_set_text), their
 * diagnostics come from hlrc_check, and navigation, completion and symbols
 * from the library's queries. Nothing is written to disk. Positions are
 * byte offsets inside hlrc and UTF-16 code units on the wire, or UTF-8
 * bytes when the client offers them (positionEncoding). */
#include "compiler/cli/cli.h"
#include "runtime/buf.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* JSON-RPC and LSP error codes. */
enum {
	RPC_PARSE_ERROR = -32700,
	RPC_INVALID_REQUEST = -32600,
	RPC_METHOD_NOT_FOUND = -32601,
	RPC_INVALID_PARAMS = -32602,
	RPC_INTERNAL_ERROR = -32603,
	LSP_SERVER_NOT_INITIALIZED = -32002,
	LSP_REQUEST_FAILED = -32803,
};

/* Semantic token types, in the legend's order; editors/vscode/package.json
 * maps each to the scope the TextMate grammar gives the same words. */
static const char *const token_types[] = {
	"comment", "property", "namespace", "keyword", "type", "enumMember",
	"decorator", "macro", "modifier", "event",
};

/* The most bytes one message may hold. */
#define MAX_MESSAGE (1u << 30)

/* An open document. */
struct doc {
	char *uri;        /* as the client names it */
	char *path;       /* the file it stands for (hlrc's name for it) */
	char *text;       /* its text, as the client has it */
	size_t len;
	char *published;  /* the diagnostics last sent (JSON), or NULL */
};

struct server {
	hlrc_workspace *ws;
	struct doc *docs;
	size_t ndocs, capdocs;
	bool utf8;          /* positions in UTF-8 bytes, else UTF-16 units */
	bool initialized;   /* initialize has been answered */
	bool shutdown;      /* shutdown has been asked */
	bool exited;
	int status;         /* exit status */
};

static _Noreturn void out_of_memory(void)
{
	fputs("hlrc: fatal error: out of memory\n", stderr);
	exit(EXIT_INTERNAL);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* --- framing --------------------------------------------------------------- */

static void send(json_t *msg)
{
	char *s = json_dumps(msg, JSON_COMPACT);
	if (!s)
		out_of_memory();
	printf("Content-Length: %zu\r\n\r\n%s", strlen(s), s);
	fflush(stdout);
	free(s);
	json_decref(msg);
}

static void respond(json_t *id, json_t *result)
{
	send(json_pack("{s:s, s:O, s:o}", "jsonrpc", "2.0", "id", id ? id : json_null(),
	               "result", result ? result : json_null()));
}

static void respond_error(json_t *id, int code, const char *msg)
{
	send(json_pack("{s:s, s:O, s:{s:i, s:s}}", "jsonrpc", "2.0", "id", id ? id : json_null(),
	               "error", "code", code, "message", msg));
}

static void notify(const char *method, json_t *params)
{
	send(json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method, "params", params));
}

/* Reads one message's body (malloc'd) into *body; 1 on success, 0 at the
 * end of input, -1 for a header without a usable Content-Length (the
 * message is skipped). */
static int read_message(char **body, size_t *len)
{
	char line[1024];
	long long length = -1;
	bool any = false, bad = false;
	for (;;) {
		if (!fgets(line, sizeof line, stdin))
			return 0;
		any = true;
		size_t n = strlen(line);
		if (n && line[n - 1] != '\n') {
			bad = true; /* a header line too long: skip the rest of it */
			int ch;
			while ((ch = getchar()) != EOF && ch != '\n')
				;
			continue;
		}
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!n)
			break;
		if (!strncasecmp(line, "Content-Length:", 15)) {
			char *end;
			errno = 0;
			long long v = strtoll(line + 15, &end, 10);
			while (*end == ' ' || *end == '\t')
				end++;
			if (errno || *end || v < 0 || v > (long long)MAX_MESSAGE)
				bad = true;
			else
				length = v;
		}
	}
	(void)any;
	if (bad || length < 0)
		return -1;
	*body = xmalloc((size_t)length + 1);
	size_t got = fread(*body, 1, (size_t)length, stdin);
	if (got != (size_t)length) {
		free(*body);
		return 0;
	}
	(*body)[length] = '\0';
	*len = (size_t)length;
	return 1;
}

/* --- positions --------------------------------------------------------------- */

/* Bytes of the UTF-8 sequence that starts with byte b. */
static size_t seq_len(unsigned char b)
{
	return b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

/* The position of byte offset off of text. */
static json_t *position(const struct server *s, const char *text, size_t len, size_t off)
{
	if (off > len)
		off = len;
	size_t line = 0, ls = 0;
	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n'))) {
			line++;
			ls = i + 1;
		}
	}
	size_t ch = 0;
	for (size_t i = ls; i < off;) {
		size_t k = seq_len((unsigned char)text[i]);
		if (s->utf8)
			ch += k;
		else
			ch += k == 4 ? 2 : 1;
		i += k;
	}
	return json_pack("{s:I, s:I}", "line", (json_int_t)line, "character", (json_int_t)ch);
}

static json_t *range(const struct server *s, const char *text, size_t len, size_t start,
                     size_t end)
{
	return json_pack("{s:o, s:o}", "start", position(s, text, len, start), "end",
	                 position(s, text, len, end));
}

/* The byte offset of position (line, ch) in text, clamped to its line. */
static size_t offset_of(const struct server *s, const char *text, size_t len, size_t line,
                        size_t ch)
{
	size_t i = 0;
	for (size_t l = 0; l < line && i < len; i++)
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n')))
			l++;
	for (size_t c = 0; c < ch && i < len && text[i] != '\n' && text[i] != '\r';) {
		size_t k = seq_len((unsigned char)text[i]);
		c += s->utf8 ? k : k == 4 ? 2 : 1;
		i += k;
	}
	return i > len ? len : i;
}

/* The byte offset of 1-based line and column (code points), as hlrc
 * diagnostics give them. */
static size_t offset_of_column(const char *text, size_t len, unsigned line, unsigned col)
{
	size_t i = 0;
	for (unsigned l = 1; l < line && i < len; i++)
		if (text[i] == '\n')
			l++;
	for (unsigned c = 1; c < col && i < len && text[i] != '\n'; c++)
		i += seq_len((unsigned char)text[i]);
	return i > len ? len : i;
}

static bool get_position(const struct server *s, json_t *pos, const char *text, size_t len,
                         size_t *off)
{
	json_t *l = json_object_get(pos, "line"), *c = json_object_get(pos, "character");
	if (!json_is_integer(l) || !json_is_integer(c) || json_integer_value(l) < 0 ||
	    json_integer_value(c) < 0)
		return false;
	*off = offset_of(s, text, len, (size_t)json_integer_value(l), (size_t)json_integer_value(c));
	return true;
}

/* --- documents and paths ------------------------------------------------------ */

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The path a URI names (malloc'd): file:///a%20b/x.hlr is "/a b/x.hlr";
 * another scheme is kept whole, as a name of a file that is nowhere. */
static char *uri_path(const char *uri)
{
	const char *p = uri;
	if (!strncmp(p, "file://", 7)) {
		p += 7;
		if (!strncmp(p, "localhost/", 10))
			p += 9;
	} else {
		return xstrndup(uri, strlen(uri));
	}
	size_t n = strlen(p);
	char *out = xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		int h, l;
		if (p[i] == '%' && i + 2 < n + 1 && (h = hexval(p[i + 1])) >= 0 &&
		    (l = hexval(p[i + 2])) >= 0 && (h || l)) {
			out[o++] = (char)(h * 16 + l);
			i += 2;
		} else {
			out[o++] = p[i];
		}
	}
	out[o] = '\0';
	return out;
}

/* The URI of a path (malloc'd). */
static char *path_uri(const struct server *s, const char *path)
{
	for (size_t i = 0; i < s->ndocs; i++)
		if (!strcmp(s->docs[i].path, path))
			return xstrndup(s->docs[i].uri, strlen(s->docs[i].uri));
	struct hlr_buf b = HLR_BUF_INIT;
	hlr_buf_puts(&b, "file://");
	if (path[0] != '/') {
		char cwd[PATH_MAX];
		if (getcwd(cwd, sizeof cwd)) {
			hlr_buf_puts(&b, cwd);
			hlr_buf_putc(&b, '/');
		}
	}
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p))
			hlr_buf_putc(&b, (char)*p);
		else
			hlr_buf_printf(&b, "%%%02X", *p);
	}
	char *u = xstrndup(b.data, b.len);
	hlr_buf_free(&b);
	return u;
}

static struct doc *find_doc(struct server *s, const char *uri)
{
	for (size_t i = 0; i < s->ndocs; i++)
		if (!strcmp(s->docs[i].uri, uri))
			return &s->docs[i];
	return NULL;
}

static struct doc *doc_param(struct server *s, json_t *params)
{
	json_t *td = json_object_get(params, "textDocument");
	const char *uri = json_string_value(json_object_get(td, "uri"));
	return uri ? find_doc(s, uri) : NULL;
}

/* The text of path for positions: the open document's, else the library's. */
static const char *text_of(struct server *s, const char *path, size_t *len)
{
	for (size_t i = 0; i < s->ndocs; i++)
		if (!strcmp(s->docs[i].path, path)) {
			*len = s->docs[i].len;
			return s->docs[i].text;
		}
	const char *t = hlrc_text(s->ws, path, len);
	if (!t)
		*len = 0;
	return t ? t : "";
}

/* A Location of bytes [start, end) of path. */
static json_t *location(struct server *s, const char *path, size_t start, size_t end)
{
	size_t len;
	const char *text = text_of(s, path, &len);
	char *uri = path_uri(s, path);
	json_t *loc = json_pack("{s:s, s:o}", "uri", uri, "range", range(s, text, len, start, end));
	free(uri);
	return loc;
}

/* --- diagnostics --------------------------------------------------------------- */

static json_t *diag_range(struct server *s, const struct hlrc_diagnostic *d, const char *text,
                          size_t len)
{
	if (!d->line)
		return range(s, text, len, 0, 0);
	size_t a = offset_of_column(text, len, d->line, d->column);
	size_t b = offset_of_column(text, len, d->end_line, d->end_column);
	return range(s, text, len, a, b < a ? a : b);
}

static json_t *lsp_diagnostic(struct server *s, const struct hlrc_diagnostic *d)
{
	size_t len;
	const char *text = text_of(s, d->path, &len);
	int sev = d->severity == HLRC_ERROR ? 1 : d->severity == HLRC_WARNING ? 2 : 3;
	json_t *o = json_pack("{s:o, s:i, s:s, s:s}", "range", diag_range(s, d, text, len),
	                      "severity", sev, "source", "hlrc", "message", d->message);
	if (d->code)
		json_object_set_new(o, "code", json_string(d->code));
	if (d->nnotes) {
		json_t *rel = json_array();
		for (size_t i = 0; i < d->nnotes; i++) {
			const struct hlrc_diagnostic *n = &d->notes[i];
			if (!n->path)
				continue;
			size_t nl;
			const char *nt = text_of(s, n->path, &nl);
			char *uri = path_uri(s, n->path);
			json_array_append_new(rel, json_pack("{s:{s:s, s:o}, s:s}", "location", "uri", uri,
			                                     "range", diag_range(s, n, nt, nl), "message",
			                                     n->message));
			free(uri);
		}
		json_object_set_new(o, "relatedInformation", rel);
	}
	return o;
}

/* Checks every open document and sends the diagnostics of each whose
 * diagnostics changed: an edit reaches every open report it affects. */
static void publish(struct server *s)
{
	if (!s->ndocs)
		return;
	const char **paths = xmalloc(s->ndocs * sizeof *paths);
	for (size_t i = 0; i < s->ndocs; i++)
		paths[i] = s->docs[i].path;
	hlrc_result *r;
	int rc = hlrc_check(s->ws, paths, s->ndocs, &r);
	free(paths);
	if (rc == HLRC_NOMEM) {
		notify("window/logMessage", json_pack("{s:i, s:s}", "type", 1, "message",
		                                      "hlrc: out of memory while checking"));
		return;
	}
	const struct hlrc_diagnostic *d;
	size_t n = hlrc_result_diagnostics(r, &d);
	for (size_t k = 0; k < s->ndocs; k++) {
		struct doc *doc = &s->docs[k];
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			if (d[i].path && !strcmp(d[i].path, doc->path))
				json_array_append_new(arr, lsp_diagnostic(s, &d[i]));
		char *dump = json_dumps(arr, JSON_COMPACT);
		if (!dump)
			out_of_memory();
		if (doc->published && !strcmp(doc->published, dump)) {
			free(dump);
			json_decref(arr);
			continue;
		}
		free(doc->published);
		doc->published = dump;
		notify("textDocument/publishDiagnostics",
		       json_pack("{s:s, s:o}", "uri", doc->uri, "diagnostics", arr));
	}
	hlrc_result_free(r);
}

/* --- text synchronisation ------------------------------------------------------ */

static void set_doc_text(struct server *s, struct doc *d)
{
	if (hlrc_set_text(s->ws, d->path, d->text, d->len) == HLRC_NOMEM)
		out_of_memory();
}

static void did_open(struct server *s, json_t *params)
{
	json_t *td = json_object_get(params, "textDocument");
	const char *uri = json_string_value(json_object_get(td, "uri"));
	json_t *text = json_object_get(td, "text");
	if (!uri || !json_is_string(text))
		return;
	struct doc *d = find_doc(s, uri);
	if (!d) {
		if (s->ndocs == s->capdocs) {
			s->capdocs = s->capdocs ? s->capdocs * 2 : 8;
			s->docs = realloc(s->docs, s->capdocs * sizeof *s->docs);
			if (!s->docs)
				out_of_memory();
		}
		d = &s->docs[s->ndocs++];
		memset(d, 0, sizeof *d);
		d->uri = xstrndup(uri, strlen(uri));
		d->path = uri_path(uri);
	}
	free(d->text);
	d->len = json_string_length(text);
	d->text = xstrndup(json_string_value(text), d->len);
	set_doc_text(s, d);
	publish(s);
}

static void did_change(struct server *s, json_t *params)
{
	struct doc *d = doc_param(s, params);
	json_t *changes = json_object_get(params, "contentChanges");
	if (!d || !json_is_array(changes))
		return;
	size_t i;
	json_t *ch;
	json_array_foreach(changes, i, ch) {
		json_t *text = json_object_get(ch, "text");
		if (!json_is_string(text))
			continue;
		const char *t = json_string_value(text);
		size_t tn = json_string_length(text);
		json_t *rg = json_object_get(ch, "range");
		if (!rg) {
			free(d->text);
			d->text = xstrndup(t, tn);
			d->len = tn;
			continue;
		}
		size_t a, b;
		if (!get_position(s, json_object_get(rg, "start"), d->text, d->len, &a) ||
		    !get_position(s, json_object_get(rg, "end"), d->text, d->len, &b))
			continue;
		if (b < a) {
			size_t x = a;
			a = b;
			b = x;
		}
		char *nt = xmalloc(d->len - (b - a) + tn + 1);
		memcpy(nt, d->text, a);
		memcpy(nt + a, t, tn);
		memcpy(nt + a + tn, d->text + b, d->len - b);
		d->len = d->len - (b - a) + tn;
		nt[d->len] = '\0';
		free(d->text);
		d->text = nt;
	}
	set_doc_text(s, d);
	publish(s);
}

static void did_close(struct server *s, json_t *params)
{
	struct doc *d = doc_param(s, params);
	if (!d)
		return;
	/* the file is what is on disk again */
	hlrc_drop_text(s->ws, d->path);
	notify("textDocument/publishDiagnostics",
	       json_pack("{s:s, s:[]}", "uri", d->uri, "diagnostics"));
	free(d->uri);
	free(d->path);
	free(d->text);
	free(d->published);
	*d = s->docs[--s->ndocs];
	publish(s);
}

/* Files changed on disk by another program (workspace/didChangeWatchedFiles):
 * what was read of them, and their folder's listing, is read again. */
static void files_changed(struct server *s, json_t *params)
{
	size_t i;
	json_t *ch;
	json_array_foreach(json_object_get(params, "changes"), i, ch) {
		const char *uri = json_string_value(json_object_get(ch, "uri"));
		if (!uri)
			continue;
		char *path = uri_path(uri);
		char *slash = strrchr(path, '/');
		hlrc_forget(s->ws, path);
		if (slash) {
			*slash = '\0';
			hlrc_forget(s->ws, *path ? path : "/");
		}
		free(path);
	}
	publish(s);
}

/* --- requests -------------------------------------------------------------------- */

static json_t *initialize(struct server *s, json_t *params)
{
	json_t *encs = json_object_get(json_object_get(json_object_get(params, "capabilities"),
	                                               "general"),
	                               "positionEncodings");
	size_t i;
	json_t *e;
	json_array_foreach(encs, i, e)
		if (json_is_string(e) && !strcmp(json_string_value(e), "utf-8"))
			s->utf8 = true;
	json_t *caps = json_pack(
		"{s:s, s:{s:b, s:i}, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b,"
		" s:{s:[s]}, s:{s:[s,s,s,s,s]}}",
		"positionEncoding", s->utf8 ? "utf-8" : "utf-16",
		"textDocumentSync", "openClose", 1, "change", 2,
		"hoverProvider", 1, "definitionProvider", 1, "referencesProvider", 1,
		"renameProvider", 1, "documentSymbolProvider", 1, "workspaceSymbolProvider", 1,
		"foldingRangeProvider", 1, "documentFormattingProvider", 1,
		"codeActionProvider", "codeActionKinds", "quickfix",
		"completionProvider", "triggerCharacters", "@", "#", "^", " ", "=");
	json_t *types = json_array();
	for (size_t k = 0; k < sizeof token_types / sizeof *token_types; k++)
		json_array_append_new(types, json_string(token_types[k]));
	json_object_set_new(caps, "semanticTokensProvider",
	                    json_pack("{s:{s:o, s:[]}, s:b}", "legend", "tokenTypes", types,
	                              "tokenModifiers", "full", 1));
	return json_pack("{s:o, s:{s:s, s:s}}", "capabilities", caps, "serverInfo", "name", "hlrc",
	                 "version", hlrc_version());
}

/* The document and byte offset a request's position names. */
static struct doc *doc_at(struct server *s, json_t *params, size_t *off)
{
	struct doc *d = doc_param(s, params);
	if (!d || !get_position(s, json_object_get(params, "position"), d->text, d->len, off))
		return NULL;
	return d;
}

static const char *kind_word(enum hlrc_symbol_kind k)
{
	switch (k) {
	case HLRC_SYMBOL_SECTION: return "section";
	case HLRC_SYMBOL_ITEM: return "item";
	case HLRC_SYMBOL_PARAGRAPH: return "paragraph";
	case HLRC_SYMBOL_REPORT: return "report";
	default: return "text";
	}
}

/* The base name of a path. */
static const char *base_name(const char *path)
{
	const char *p = strrchr(path, '/');
	return p ? p + 1 : path;
}

static json_t *hover(struct server *s, json_t *params)
{
	size_t off;
	struct doc *d = doc_at(s, params, &off);
	hlrc_symbols *q;
	if (!d || hlrc_symbol_at(s->ws, d->path, off, &q) != HLRC_OK)
		return NULL;
	const struct hlrc_symbol *v;
	size_t n = hlrc_symbols_get(q, &v);
	struct hlr_buf b = HLR_BUF_INIT;
	if (n) {
		switch (v[0].kind) {
		case HLRC_SYMBOL_SECTION:
			if (v[0].detail)
				hlr_buf_printf(&b, "**%s**", v[0].detail);
			break;
		case HLRC_SYMBOL_TAG:
			hlr_buf_printf(&b, "**@%s**: %s", v[0].name,
			               v[0].detail ? v[0].detail : "not declared");
			break;
		case HLRC_SYMBOL_REFERENCE:
			if (n > 1) {
				hlr_buf_printf(&b, "%s in **%s** (%s)", kind_word(v[1].kind),
				               v[1].period ? v[1].period : v[1].name, base_name(v[1].path));
				if (v[1].detail)
					hlr_buf_printf(&b, "\n\n%s", v[1].detail);
			} else {
				hlr_buf_printf(&b, "reference `^%s` does not resolve", v[0].name);
			}
			break;
		case HLRC_SYMBOL_UNCHANGED:
			if (n > 1) {
				/* where the text was written: the oldest report it came from */
				const struct hlrc_symbol *w = &v[n - 1];
				hlr_buf_printf(&b, "Unchanged since **%s** (%s)",
				               w->period ? w->period : "?", base_name(w->path));
				if (v[0].detail)
					hlr_buf_printf(&b, "\n\n%s", v[0].detail);
			}
			break;
		case HLRC_SYMBOL_ID:
			hlr_buf_printf(&b, "id `%s`", v[0].name);
			break;
		default:
			break;
		}
	}
	json_t *res = NULL;
	if (b.len) {
		size_t len;
		const char *text = text_of(s, d->path, &len);
		res = json_pack("{s:{s:s, s:s%}, s:o}", "contents", "kind", "markdown", "value", b.data,
		                b.len, "range", range(s, text, len, v[0].start, v[0].end));
	}
	hlr_buf_free(&b);
	hlrc_symbols_free(q);
	return res;
}

static json_t *definition(struct server *s, json_t *params)
{
	size_t off;
	struct doc *d = doc_at(s, params, &off);
	hlrc_symbols *q;
	if (!d || hlrc_symbol_at(s->ws, d->path, off, &q) != HLRC_OK)
		return NULL;
	const struct hlrc_symbol *v;
	size_t n = hlrc_symbols_get(q, &v);
	json_t *res = NULL;
	if (n > 1 && v[1].path)
		res = location(s, v[1].path, v[1].name_start, v[1].name_end > v[1].name_start
		                                                   ? v[1].name_end
		                                                   : v[1].name_start);
	hlrc_symbols_free(q);
	return res;
}

static json_t *references(struct server *s, json_t *params)
{
	size_t off;
	struct doc *d = doc_at(s, params, &off);
	hlrc_symbols *q;
	if (!d || hlrc_references(s->ws, d->path, off, &q) != HLRC_OK)
		return NULL;
	bool decl = json_is_true(
		json_object_get(json_object_get(params, "context"), "includeDeclaration"));
	const struct hlrc_symbol *v;
	size_t n = hlrc_symbols_get(q, &v);
	json_t *arr = json_array();
	for (size_t i = decl ? 0 : 1; i < n; i++)
		json_array_append_new(arr, location(s, v[i].path, v[i].name_start, v[i].name_end));
	hlrc_symbols_free(q);
	return arr;
}

/* Whether s is a valid id: letters, digits, '-' and '_'. */
static bool valid_id(const char *p)
{
	if (!*p)
		return false;
	for (; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			return false;
	return true;
}

static json_t *rename_id(struct server *s, json_t *id, json_t *params, bool *failed)
{
	size_t off;
	struct doc *d = doc_at(s, params, &off);
	const char *name = json_string_value(json_object_get(params, "newName"));
	if (!d || !name) {
		*failed = true;
		respond_error(id, RPC_INVALID_PARAMS, "rename needs a position and a newName");
		return NULL;
	}
	if (!valid_id(name)) {
		*failed = true;
		respond_error(id, LSP_REQUEST_FAILED,
		              "an id is letters, digits, '-' and '_'");
		return NULL;
	}
	hlrc_symbols *q;
	if (hlrc_references(s->ws, d->path, off, &q) != HLRC_OK)
		return NULL;
	const struct hlrc_symbol *v;
	size_t n = hlrc_symbols_get(q, &v);
	if (!n) {
		hlrc_symbols_free(q);
		*failed = true;
		respond_error(id, LSP_REQUEST_FAILED, "there is no id here to rename");
		return NULL;
	}
	json_t *changes = json_object();
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *text = text_of(s, v[i].path, &len);
		char *uri = path_uri(s, v[i].path);
		json_t *edits = json_object_get(changes, uri);
		if (!edits) {
			edits = json_array();
			json_object_set_new(changes, uri, edits);
		}
		json_array_append_new(edits, json_pack("{s:o, s:s}", "range",
		                                       range(s, text, len, v[i].name_start, v[i].name_end),
		                                       "newText", name));
		free(uri);
	}
	hlrc_symbols_free(q);
	return json_pack("{s:o}", "changes", changes);
}

/* A symbol's name as an editor lists it: an item without an id by its
 * first words. */
static char *display_name(const struct hlrc_symbol *y)
{
	const char *p = y->name;
	if (!*p && y->detail)
		p = y->detail;
	if (!*p)
		p = y->kind == HLRC_SYMBOL_NONE        ? "none"
		    : y->kind == HLRC_SYMBOL_UNCHANGED ? "unchanged"
		    : y->kind == HLRC_SYMBOL_TABLE     ? "table"
		    : y->kind == HLRC_SYMBOL_ROW       ? "row"
		                                       : "text";
	size_t n = 0, cut = 0;
	while (p[n] && p[n] != '\n' && n < 60) {
		n += seq_len((unsigned char)p[n]);
		cut = n;
	}
	return xstrndup(p, cut);
}

static int symbol_kind(enum hlrc_symbol_kind k)
{
	switch (k) {
	case HLRC_SYMBOL_REPORT: return 1;     /* File */
	case HLRC_SYMBOL_FIELD: return 7;      /* Property */
	case HLRC_SYMBOL_PART: return 3;       /* Namespace */
	case HLRC_SYMBOL_SECTION: return 2;    /* Module */
	case HLRC_SYMBOL_SUBHEADING: return 2; /* Module */
	case HLRC_SYMBOL_TABLE: return 23;     /* Struct */
	case HLRC_SYMBOL_ITEM: return 15;      /* String */
	case HLRC_SYMBOL_PARAGRAPH: return 15; /* String */
	case HLRC_SYMBOL_NONE: return 21;      /* Null */
	case HLRC_SYMBOL_UNCHANGED: return 24; /* Event */
	case HLRC_SYMBOL_ID: return 20;        /* Key */
	default: return 13;                    /* Variable */
	}
}

static json_t *document_symbols(struct server *s, json_t *params)
{
	struct doc *d = doc_param(s, params);
	hlrc_symbols *q;
	if (!d || hlrc_outline(s->ws, d->path, &q) != HLRC_OK)
		return NULL;
	const struct hlrc_symbol *v;
	size_t n = hlrc_symbols_get(q, &v);
	json_t **objs = xmalloc((n ? n : 1) * sizeof *objs);
	json_t *top = json_array();
	for (size_t i = 0; i < n; i++) {
		objs[i] = NULL;
		if (v[i].kind == HLRC_SYMBOL_COMMENT)
			continue;
		char *name = display_name(&v[i]);
		size_t end = v[i].end;
		while (end > v[i].start && (d->text[end - 1] == '\n' || d->text[end - 1] == '\r'))
			end--;
		json_t *o = json_pack("{s:s, s:i, s:o, s:o}", "name", name, "kind",
		                      symbol_kind(v[i].kind), "range",
		                      range(s, d->text, d->len, v[i].start, end), "selectionRange",
		                      range(s, d->text, d->len, v[i].name_start,
		                            v[i].name_end > v[i].name_start ? v[i].name_end
		                                                            : v[i].name_start));
		free(name);
		if (v[i].kind != HLRC_SYMBOL_ITEM && v[i].kind != HLRC_SYMBOL_PARAGRAPH && v[i].detail) {
			char *det = display_name(&(struct hlrc_symbol){.name = v[i].detail});
			json_object_set_new(o, "detail", json_string(det));
			free(det);
		}
		objs[i] = o;
		long p = v[i].parent;
		while (p >= 0 && !objs[p])
			p = v[p].parent;
		if (p >= 0) {
			json_t *ch = json_object_get(objs[p], "children");
			if (!ch) {
				ch = json_array();
				json_object_set_new(objs[p], "children", ch);
			}
			json_array_append_new(ch, o);
		} else {
			json_array_append_new(top, o);
		}
	}
	free(objs);
	hlrc_symbols_free(q);
	return top;
}

/* Whether hay holds needle, letters in either case. */
static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return !n;
}

/* Every report and id of the series of each open document's folder whose
 * name (or period) holds the query. */
static json_t *workspace_symbols(struct server *s, json_t *params)
{
	const char *query = json_string_value(json_object_get(params, "query"));
	json_t *arr = json_array();
	char **seen = xmalloc((s->ndocs ? s->ndocs : 1) * sizeof *seen);
	size_t nseen = 0;
	for (size_t k = 0; k < s->ndocs; k++) {
		const char *path = s->docs[k].path;
		const char *slash = strrchr(path, '/');
		char *dir = xstrndup(path, slash ? (size_t)(slash - path) : 0);
		bool dup = false;
		for (size_t j = 0; j < nseen && !dup; j++)
			dup = !strcmp(seen[j], dir);
		if (dup) {
			free(dir);
			continue;
		}
		seen[nseen++] = dir;
		hlrc_symbols *q;
		if (hlrc_series_symbols(s->ws, path, &q) != HLRC_OK)
			continue;
		const struct hlrc_symbol *v;
		size_t n = hlrc_symbols_get(q, &v);
		for (size_t i = 0; i < n; i++) {
			if (query && *query && !contains(v[i].name, query) &&
			    !(v[i].period && contains(v[i].period, query)))
				continue;
			json_t *o = json_pack("{s:s, s:i, s:o}", "name", v[i].name, "kind",
			                      symbol_kind(v[i].kind == HLRC_SYMBOL_REPORT ? v[i].kind
			                                                                   : HLRC_SYMBOL_ID),
			                      "location",
			                      location(s, v[i].path, v[i].name_start, v[i].name_end));
			if (v[i].kind == HLRC_SYMBOL_REPORT && v[i].period)
				json_object_set_new(o, "containerName", json_string(v[i].period));
			else if (v[i].parent >= 0)
				json_object_set_new(o, "containerName", json_string(v[v[i].parent].name));
			json_array_append_new(arr, o);
		}
		hlrc_symbols_free(q);
	}
	for (size_t j = 0; j < nseen; j++)
		free(seen[j]);
	free(seen);
	return arr;
}

/* A fold for each part, section, item, paragraph and comment of more
 * than one line. */
static json_t *folding_ranges(struct server *s, json_t *params)
{
	struct doc *d = doc_param(s, params);
	hlrc_symbols *q;
	if (!d || hlrc_outline(s->ws, d->path, &q) != HLRC_OK)
		return NULL;
	const struct hlrc_symbol *v;
	size_t n = hlrc_symbols_get(q, &v);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		size_t end = v[i].end;
		while (end > v[i].start && (d->text[end - 1] == '\n' || d->text[end - 1] == '\r' ||
		                            d->text[end - 1] == ' '))
			end--;
		json_t *a = position(s, d->text, d->len, v[i].start);
		json_t *b = position(s, d->text, d->len, end);
		json_int_t la = json_integer_value(json_object_get(a, "line"));
		json_int_t lb = json_integer_value(json_object_get(b, "line"));
		json_decref(a);
		json_decref(b);
		if (lb <= la || v[i].kind == HLRC_SYMBOL_FIELD)
			continue;
		json_t *o = json_pack("{s:I, s:I}", "startLine", la, "endLine", lb);
		if (v[i].kind == HLRC_SYMBOL_COMMENT)
			json_object_set_new(o, "kind", json_string("comment"));
		json_array_append_new(arr, o);
	}
	hlrc_symbols_free(q);
	return arr;
}

static json_t *formatting(struct server *s, json_t *id, json_t *params, bool *failed)
{
	struct doc *d = doc_param(s, params);
	hlrc_result *r;
	if (!d)
		return NULL;
	int rc = hlrc_fmt_text(s->ws, d->path, d->text, d->len, &r);
	if (rc == HLRC_NOMEM)
		return NULL;
	const struct hlrc_output *o;
	json_t *res = NULL;
	if (rc != HLRC_OK || hlrc_result_outputs(r, &o) != 1) {
		*failed = true;
		respond_error(id, LSP_REQUEST_FAILED, "the report has errors: it is not formatted");
	} else if (!o->changed) {
		res = json_array();
	} else {
		res = json_pack("[{s:o, s:s%}]", "range", range(s, d->text, d->len, 0, d->len), "newText",
		                o->data, o->len);
	}
	hlrc_result_free(r);
	return res;
}

static bool ranges_meet(struct server *s, json_t *a, json_t *b, const struct doc *d)
{
	size_t as, ae, bs, be;
	if (!get_position(s, json_object_get(a, "start"), d->text, d->len, &as) ||
	    !get_position(s, json_object_get(a, "end"), d->text, d->len, &ae) ||
	    !get_position(s, json_object_get(b, "start"), d->text, d->len, &bs) ||
	    !get_position(s, json_object_get(b, "end"), d->text, d->len, &be))
		return false;
	return as <= be && bs <= ae;
}

static json_t *code_actions(struct server *s, json_t *params)
{
	struct doc *d = doc_param(s, params);
	json_t *want = json_object_get(params, "range");
	if (!d || !want)
		return NULL;
	hlrc_result *r;
	const char *path = d->path;
	if (hlrc_check(s->ws, &path, 1, &r) == HLRC_NOMEM)
		return NULL;
	const struct hlrc_diagnostic *v;
	size_t n = hlrc_result_diagnostics(r, &v);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		if (!v[i].nfixits || !v[i].path || strcmp(v[i].path, d->path))
			continue;
		json_t *diag = lsp_diagnostic(s, &v[i]);
		if (!ranges_meet(s, json_object_get(diag, "range"), want, d)) {
			json_decref(diag);
			continue;
		}
		json_t *edits = json_array();
		for (size_t k = 0; k < v[i].nfixits; k++) {
			const struct hlrc_fixit *f = &v[i].fixits[k];
			json_array_append_new(edits, json_pack("{s:o, s:s%}", "range",
			                                       range(s, d->text, d->len, f->start, f->end),
			                                       "newText", f->replacement,
			                                       f->replacement_len));
		}
		struct hlr_buf title = HLR_BUF_INIT;
		hlr_buf_printf(&title, "Fix: %s", v[i].message);
		json_array_append_new(arr, json_pack("{s:s%, s:s, s:[o], s:b, s:{s:{s:o}}}", "title",
		                                     title.data, title.len, "kind", "quickfix",
		                                     "diagnostics", diag, "isPreferred", 1, "edit",
		                                     "changes", d->uri, edits));
		hlr_buf_free(&title);
	}
	hlrc_result_free(r);
	return arr;
}

static int completion_kind(enum hlrc_symbol_kind k)
{
	switch (k) {
	case HLRC_SYMBOL_KEYWORD: return 14; /* Keyword */
	case HLRC_SYMBOL_FIELD: return 5;    /* Field */
	case HLRC_SYMBOL_TAG: return 21;     /* Constant */
	case HLRC_SYMBOL_ID: return 18;      /* Reference */
	case HLRC_SYMBOL_REPORT: return 17;  /* File */
	case HLRC_SYMBOL_PERIOD: return 12;  /* Value */
	case HLRC_SYMBOL_STATUS: return 20;  /* EnumMember */
	case HLRC_SYMBOL_DIMENSION: return 10; /* Property */
	case HLRC_SYMBOL_METRIC: return 6;   /* Variable */
	case HLRC_SYMBOL_ATTACHMENT: return 17; /* File */
	default: return 1;                   /* Text */
	}
}

static json_t *completion(struct server *s, json_t *params)
{
	size_t off;
	struct doc *d = doc_at(s, params, &off);
	hlrc_symbols *q;
	if (!d || hlrc_complete(s->ws, d->path, off, &q) != HLRC_OK)
		return NULL;
	const struct hlrc_symbol *v;
	size_t n = hlrc_symbols_get(q, &v);
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		char sort[24];
		snprintf(sort, sizeof sort, "%06zu", i);
		json_t *o = json_pack("{s:s, s:i, s:s, s:{s:o, s:s}}", "label", v[i].name, "kind",
		                      completion_kind(v[i].kind), "sortText", sort, "textEdit", "range",
		                      range(s, d->text, d->len, v[i].start, v[i].end), "newText",
		                      v[i].name);
		if (v[i].detail)
			json_object_set_new(o, "detail", json_string(v[i].detail));
		if (i == 0 && v[i].kind == HLRC_SYMBOL_PERIOD)
			json_object_set_new(o, "preselect", json_true());
		json_array_append_new(items, o);
	}
	hlrc_symbols_free(q);
	return json_pack("{s:b, s:o}", "isIncomplete", 0, "items", items);
}


static int token_type(enum hlrc_symbol_kind k)
{
	switch (k) {
	case HLRC_SYMBOL_COMMENT: return 0;
	case HLRC_SYMBOL_FIELD: return 1;
	case HLRC_SYMBOL_PART: return 2;
	case HLRC_SYMBOL_KEYWORD: return 3;
	case HLRC_SYMBOL_SECTION: return 4;
	case HLRC_SYMBOL_TAG: return 5;
	case HLRC_SYMBOL_ID: return 6;
	case HLRC_SYMBOL_REFERENCE: return 7;
	case HLRC_SYMBOL_NONE: return 8;
	case HLRC_SYMBOL_UNCHANGED: return 9;
	default: return -1;
	}
}

/* A cursor walking a text forwards: byte offset, line, and units into it. */
struct cursor {
	size_t off, line, ch;
};

static void advance(const struct server *s, const char *text, size_t len, struct cursor *c,
                    size_t to)
{
	while (c->off < to && c->off < len) {
		char b = text[c->off];
		if (b == '\n' || (b == '\r' && (c->off + 1 >= len || text[c->off + 1] != '\n'))) {
			c->line++;
			c->ch = 0;
			c->off++;
			continue;
		}
		size_t k = seq_len((unsigned char)b);
		c->ch += s->utf8 ? k : k == 4 ? 2 : 1;
		c->off += k;
	}
}

static json_t *semantic_tokens(struct server *s, json_t *params)
{
	struct doc *d = doc_param(s, params);
	hlrc_symbols *q;
	if (!d || hlrc_tokens(s->ws, d->path, &q) != HLRC_OK)
		return NULL;
	const struct hlrc_symbol *v;
	size_t n = hlrc_symbols_get(q, &v);
	json_t *data = json_array();
	struct cursor c = {0, 0, 0};
	size_t line = 0, ch = 0;
	for (size_t i = 0; i < n; i++) {
		int type = token_type(v[i].kind);
		if (type < 0 || v[i].start < c.off)
			continue;
		advance(s, d->text, d->len, &c, v[i].start);
		struct cursor e = c;
		advance(s, d->text, d->len, &e, v[i].end);
		if (e.line != c.line || e.ch <= c.ch)
			continue;
		json_array_append_new(data, json_integer((json_int_t)(c.line - line)));
		json_array_append_new(data, json_integer((json_int_t)(c.line == line ? c.ch - ch : c.ch)));
		json_array_append_new(data, json_integer((json_int_t)(e.ch - c.ch)));
		json_array_append_new(data, json_integer(type));
		json_array_append_new(data, json_integer(0));
		line = c.line;
		ch = c.ch;
	}
	hlrc_symbols_free(q);
	return json_pack("{s:o}", "data", data);
}

/* --- dispatch ----------------------------------------------------------------------- */

static void handle(struct server *s, json_t *msg)
{
	json_t *id = json_object_get(msg, "id");
	const char *method = json_string_value(json_object_get(msg, "method"));
	json_t *params = json_object_get(msg, "params");
	bool request = id != NULL;
	if (!json_is_object(msg) || !method ||
	    (id && !json_is_integer(id) && !json_is_string(id) && !json_is_null(id))) {
		if (json_is_object(msg) && !method && (json_object_get(msg, "result") ||
		                                       json_object_get(msg, "error")))
			return; /* a response to a request of ours: there are none */
		respond_error(json_is_object(msg) && json_is_integer(id) ? id : NULL,
		              RPC_INVALID_REQUEST, "not a JSON-RPC 2.0 request or notification");
		return;
	}
	if (!strcmp(method, "exit")) {
		s->exited = true;
		s->status = s->shutdown ? 0 : 1;
		return;
	}
	if (!s->initialized && strcmp(method, "initialize")) {
		if (request)
			respond_error(id, LSP_SERVER_NOT_INITIALIZED, "the server is not initialized");
		return;
	}
	if (s->shutdown) {
		if (request)
			respond_error(id, RPC_INVALID_REQUEST, "the server is shutting down");
		return;
	}
	if (!request) {
		if (!strcmp(method, "textDocument/didOpen"))
			did_open(s, params);
		else if (!strcmp(method, "textDocument/didChange"))
			did_change(s, params);
		else if (!strcmp(method, "textDocument/didClose"))
			did_close(s, params);
		else if (!strcmp(method, "workspace/didChangeWatchedFiles"))
			files_changed(s, params);
		/* initialized, didSave, $/cancelRequest, ...: nothing to do */
		return;
	}
	bool failed = false;
	json_t *res = NULL;
	if (!strcmp(method, "initialize")) {
		if (s->initialized) {
			respond_error(id, RPC_INVALID_REQUEST, "initialize was already sent");
			return;
		}
		res = initialize(s, params);
		s->initialized = true;
	} else if (!strcmp(method, "shutdown")) {
		s->shutdown = true;
	} else if (!strcmp(method, "textDocument/hover")) {
		res = hover(s, params);
	} else if (!strcmp(method, "textDocument/definition")) {
		res = definition(s, params);
	} else if (!strcmp(method, "textDocument/references")) {
		res = references(s, params);
	} else if (!strcmp(method, "textDocument/rename")) {
		res = rename_id(s, id, params, &failed);
	} else if (!strcmp(method, "textDocument/documentSymbol")) {
		res = document_symbols(s, params);
	} else if (!strcmp(method, "workspace/symbol")) {
		res = workspace_symbols(s, params);
	} else if (!strcmp(method, "textDocument/foldingRange")) {
		res = folding_ranges(s, params);
	} else if (!strcmp(method, "textDocument/formatting")) {
		res = formatting(s, id, params, &failed);
	} else if (!strcmp(method, "textDocument/codeAction")) {
		res = code_actions(s, params);
	} else if (!strcmp(method, "textDocument/semanticTokens/full")) {
		res = semantic_tokens(s, params);
	} else if (!strcmp(method, "textDocument/completion")) {
		res = completion(s, params);
	} else {
		respond_error(id, RPC_METHOD_NOT_FOUND, "method not supported");
		return;
	}
	if (!failed)
		respond(id, res);
}

int cli_lsp(const struct cli_args *a)
{
	if (a->nfiles)
		return cli_usage(a->cmd, "unexpected argument '%s'", a->files[0]);
	struct server s = {0};
	s.ws = cli_workspace();
	while (!s.exited) {
		char *body;
		size_t len;
		int got = read_message(&body, &len);
		if (!got) {
			s.status = s.shutdown ? 0 : 1;
			break;
		}
		if (got < 0) {
			respond_error(NULL, RPC_PARSE_ERROR, "a message header without a valid Content-Length");
			continue;
		}
		json_error_t err;
		json_t *msg = json_loadb(body, len, JSON_REJECT_DUPLICATES, &err);
		free(body);
		if (!msg) {
			char m[256];
			snprintf(m, sizeof m, "not JSON: %s", err.text);
			respond_error(NULL, RPC_PARSE_ERROR, m);
			continue;
		}
		handle(&s, msg);
		json_decref(msg);
	}
	for (size_t i = 0; i < s.ndocs; i++) {
		free(s.docs[i].uri);
		free(s.docs[i].path);
		free(s.docs[i].text);
		free(s.docs[i].published);
	}
	free(s.docs);
	hlrc_workspace_free(s.ws);
	return s.status;
}
