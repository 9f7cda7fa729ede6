/* compiler: inline Markdown through libcmark (emit stage, see emit.h). Each
 * fragment is parsed as a one-paragraph document: characters that would
 * start a block at the start of a line are escaped first, so item text is
 * always inline text. The parsed tree is made safe before rendering. */
#include "compiler/emit.h"
#include "compiler/resolve.h"
#include "runtime/arena.h"
#include "runtime/utf8.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* cmark allocates through these, so running out of memory ends hlrc the
 * way its own allocations do (exit 70), not with cmark's abort. */
static void *mem_calloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p)
		hlr_oom();
	return p;
}

static void *mem_realloc(void *p, size_t size)
{
	return hlr_xrealloc(p, size);
}

/* cmark takes a non-const pointer; the table is never changed */
static cmark_mem mem = {mem_calloc, mem_realloc, free};

static cmark_node *node_new(cmark_node_type type)
{
	return cmark_node_new_with_mem(type, &mem);
}

/* Escapes what would open a block at the start of each line. */
static void escape_block_starts(struct hlr_buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i <= n) {
		size_t e = i;
		while (e < n && s[e] != '\n')
			e++;
		const char *l = s + i;
		size_t len = e - i;
		if (len) {
			char c = l[0];
			bool esc = false;
			size_t at = 0;
			if (c == '#' || c == '>' || c == '=' || c == '|')
				esc = true;
			else if (c == '-' || c == '+' || c == '*' || c == '_') {
				/* a list marker, or a thematic break such as "***" */
				bool rule = true;
				for (size_t k = 0; k < len; k++)
					if (l[k] != c && !is_blank(l[k]))
						rule = false;
				esc = (c != '_' && (len == 1 || is_blank(l[1]))) || rule;
			} else if ((c == '`' || c == '~') && len >= 3 && l[1] == c && l[2] == c)
				esc = true;
			else if (c >= '0' && c <= '9') {
				size_t k = 0;
				while (k < len && k < 10 && l[k] >= '0' && l[k] <= '9')
					k++;
				if (k < len && (l[k] == '.' || l[k] == ')') &&
				    (k + 1 == len || is_blank(l[k + 1]))) {
					esc = true;
					at = k;
				}
			}
			if (esc) {
				hlr_buf_put(b, l, at);
				hlr_buf_putc(b, '\\');
				hlr_buf_put(b, l + at, len - at);
			} else
				hlr_buf_put(b, l, len);
		}
		if (e < n)
			hlr_buf_putc(b, '\n');
		i = e + 1;
	}
}

/* The URL schemes that must never become links (cmark's list). */
static bool unsafe_url(const char *url, bool image)
{
	if (!url)
		return false;
	while (*url && (unsigned char)*url <= ' ')
		url++;
	if (hlr_ascii_prefix_ci(url, "javascript:") || hlr_ascii_prefix_ci(url, "vbscript:") ||
	    hlr_ascii_prefix_ci(url, "file:"))
		return true;
	if (hlr_ascii_prefix_ci(url, "data:")) {
		if (!image)
			return true;
		return !(hlr_ascii_prefix_ci(url + 5, "image/png") || hlr_ascii_prefix_ci(url + 5, "image/gif") ||
		         hlr_ascii_prefix_ci(url + 5, "image/jpeg") || hlr_ascii_prefix_ci(url + 5, "image/webp"));
	}
	return false;
}

/* Replaces node by its children (an unsafe link keeps its text). */
static void unwrap(cmark_node *node)
{
	cmark_node *child;
	while ((child = cmark_node_first_child(node)) != NULL)
		cmark_node_insert_before(node, child);
	cmark_node_free(node);
}

/* Raw HTML becomes literal text; unsafe links and images lose the link. */
static void make_safe(cmark_node *para)
{
	cmark_node *bad[64];
	for (;;) {
		size_t nbad = 0;
		cmark_iter *it = cmark_iter_new(para);
		cmark_event_type ev;
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && nbad < 64) {
			if (ev != CMARK_EVENT_ENTER)
				continue;
			cmark_node *n = cmark_iter_get_node(it);
			cmark_node_type t = cmark_node_get_type(n);
			if (t == CMARK_NODE_HTML_INLINE ||
			    ((t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) &&
			     unsafe_url(cmark_node_get_url(n), t == CMARK_NODE_IMAGE)))
				bad[nbad++] = n;
		}
		cmark_iter_free(it);
		if (!nbad)
			return;
		for (size_t i = 0; i < nbad; i++) {
			cmark_node *n = bad[i];
			if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE) {
				cmark_node *t = node_new(CMARK_NODE_TEXT);
				cmark_node_set_literal(t, cmark_node_get_literal(n));
				cmark_node_replace(n, t);
				cmark_node_free(n);
			} else {
				unwrap(n);
			}
		}
	}
}

/* Links to "^target" become links to the report the resolver found. */
static void link_refs(cmark_node *para, const struct hlr_report *from, const char *ext)
{
	cmark_iter *it = cmark_iter_new(para);
	cmark_event_type ev;
	cmark_node *unknown[16];
	size_t nunknown = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_LINK)
			continue;
		const char *url = cmark_node_get_url(n);
		if (!url || url[0] != '^')
			continue;
		const struct hlr_ref *ref = from ? hlr_report_find_ref(from, url + 1) : NULL;
		if (!ref) {
			if (nunknown < 16)
				unknown[nunknown++] = n;
			continue;
		}
		char phrase[64], title[96];
		hlr_period_phrase(&ref->report->period, phrase);
		snprintf(title, sizeof title, "reported in %s", phrase);
		struct hlr_buf href = HLR_BUF_INIT;
		hlr_emit_href(&href, ref->report, ext, ref->anchor,
		              ref->anchor ? strlen(ref->anchor) : 0);
		cmark_node_set_url(n, href.data);
		cmark_node_set_title(n, title);
		hlr_buf_free(&href);
		if (!cmark_node_first_child(n)) {
			cmark_node *t = node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(t, title);
			cmark_node_append_child(n, t);
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < nunknown; i++)
		unwrap(unknown[i]);
}

/* A paragraph node holding the fragment's inline content; the caller frees
 * the returned document. */
static cmark_node *parse_fragment(const char *s, size_t n, cmark_node **para,
                                  const struct hlr_report *from, const char *ext)
{
	struct hlr_buf esc = HLR_BUF_INIT;
	escape_block_starts(&esc, s, n);
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &mem);
	cmark_parser_feed(parser, esc.data ? esc.data : "", esc.len);
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	hlr_buf_free(&esc);
	cmark_node *p = cmark_node_first_child(doc);
	if (!p || cmark_node_next(p) || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH) {
		/* something still opened a block (an HTML block, say): use the
		 * words as plain text */
		cmark_node_free(doc);
		doc = node_new(CMARK_NODE_DOCUMENT);
		p = node_new(CMARK_NODE_PARAGRAPH);
		cmark_node *t = node_new(CMARK_NODE_TEXT);
		char *lit = malloc(n + 1);
		if (!lit)
			abort();
		memcpy(lit, s, n);
		lit[n] = '\0';
		cmark_node_set_literal(t, lit);
		free(lit);
		cmark_node_append_child(p, t);
		cmark_node_append_child(doc, p);
	}
	make_safe(p);
	link_refs(p, from, ext);
	*para = p;
	return doc;
}

/* Writes s HTML-escaped, as cmark would render it, and returns true; or
 * returns false (having written nothing that stays) as soon as s holds a
 * character that starts inline markup anywhere, or one that could open a
 * block at the start of a line. s[0..n) must lie in a NUL-terminated
 * buffer (the source, a joined text or a scratch buffer): strcspn, which
 * the C library vectorises, finds the next character that matters. */
static bool put_plain(struct hlr_buf *out, const char *s, size_t n)
{
	static const unsigned char block_mark[256] = {
		['#'] = 1, ['>'] = 1, ['+'] = 1, ['-'] = 1, ['='] = 1, ['~'] = 1, ['|'] = 1,
		['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
		['7'] = 1, ['8'] = 1, ['9'] = 1,
	};
	const unsigned char *u = (const unsigned char *)s;
	size_t mark = out->len, start = 0;
	if (n && block_mark[u[0]]) /* s starts a line */
		return false;
	hlr_buf_reserve(out, n + n / 8);
	for (size_t i = 0;;) {
		i += strcspn(s + i, "\\`*_[]!<&\n>\"");
		if (i >= n)
			break;
		char c = s[i];
		if (c == '>' || c == '"') {
			hlr_buf_put(out, s + start, i - start);
			hlr_buf_puts(out, c == '>' ? "&gt;" : "&quot;");
			start = i + 1;
		} else if (c != '\n' || (i + 1 < n && block_mark[u[i + 1]])) {
			out->len = mark;
			out->data[mark] = '\0';
			return false;
		}
		i++;
	}
	hlr_buf_put(out, s + start, n - start);
	return true;
}

/* The cmark path: s[0..n) parsed, made safe, rendered. */
static void put_markdown(struct hlr_buf *out, const char *s, size_t n,
                         const struct hlr_report *from);

void hlr_inline_html(struct hlr_buf *out, const char *s, size_t n,
                     const struct hlr_report *from)
{
	if (!put_plain(out, s, n))
		put_markdown(out, s, n, from);
}

static void put_markdown(struct hlr_buf *out, const char *s, size_t n,
                         const struct hlr_report *from)
{
	cmark_node *para;
	cmark_node *doc = parse_fragment(s, n, &para, from, ".html");
	char *html = cmark_render_html(para, CMARK_OPT_DEFAULT);
	size_t len = strlen(html);
	size_t b = 0;
	if (len >= 3 && memcmp(html, "<p>", 3) == 0)
		b = 3;
	while (len > b && html[len - 1] == '\n')
		len--;
	if (len >= b + 4 && memcmp(html + len - 4, "</p>", 4) == 0)
		len -= 4;
	hlr_buf_put(out, html + b, len - b);
	free(html);
	cmark_node_free(doc);
}

void hlr_inline_html_text(struct hlr_buf *out, const struct hlr_text *t,
                          const struct hlr_report *from, struct hlr_buf *scratch)
{
	if (t->s) {
		hlr_inline_html(out, t->s, t->len, from);
		return;
	}
	size_t mark = out->len;
	bool plain = true;
	for (unsigned i = 0; i < t->nsegs && plain; i++) {
		if (i)
			hlr_buf_putc(out, '\n');
		plain = put_plain(out, t->src_data + t->segs[i].src, t->segs[i].len);
	}
	if (plain)
		return;
	out->len = mark;
	out->data[mark] = '\0';
	scratch->len = 0;
	for (unsigned i = 0; i < t->nsegs; i++) {
		if (i)
			hlr_buf_putc(scratch, '\n');
		hlr_buf_put(scratch, t->src_data + t->segs[i].src, t->segs[i].len);
	}
	put_markdown(out, scratch->data, scratch->len, from);
}

void hlr_inline_md(struct hlr_buf *out, const char *s, size_t n, const char *indent,
                   const struct hlr_report *from)
{
	cmark_node *para;
	cmark_node *doc = parse_fragment(s, n, &para, from, ".md");
	char *md = cmark_render_commonmark(para, CMARK_OPT_DEFAULT, 0);
	size_t len = strlen(md);
	while (len && md[len - 1] == '\n')
		len--;
	size_t start = 0;
	for (size_t i = 0; i < len; i++)
		if (md[i] == '\n') {
			hlr_buf_put(out, md + start, i + 1 - start);
			hlr_buf_puts(out, indent);
			start = i + 1;
		}
	hlr_buf_put(out, md + start, len - start);
	free(md);
	cmark_node_free(doc);
}

void hlr_md_escape(struct hlr_buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool esc = false;
		switch (c) {
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '<': case '>': case '!': case '|':
			esc = true;
			break;
		case '#': case '+': case '-': case '=':
			esc = i == 0;
			break;
		case '&':
			esc = i + 1 < n && (s[i + 1] == '#' || (s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
			                    (s[i + 1] >= 'A' && s[i + 1] <= 'Z'));
			break;
		default:
			break;
		}
		if (esc)
			hlr_buf_putc(out, '\\');
		hlr_buf_putc(out, c);
	}
}
