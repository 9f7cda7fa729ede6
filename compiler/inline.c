/* compiler: inline Markdown through libcmark (see inline.h). A text is
 * parsed as a one-paragraph document: characters that would start a block
 * at the start of a line are escaped first, so item text is always inline
 * text. The parse is made safe while it is copied into the arena. */
#include "compiler/inline.h"
#include "compiler/ast.h"
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


/* Characters that start inline markup anywhere, and those that could open
 * a block at the start of a line (escaped before parsing, so such a line
 * is not its own rendering). */
static const unsigned char inline_mark[256] = {
	['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1, ['!'] = 1,
	['<'] = 1, ['&'] = 1,
};
static const unsigned char block_mark[256] = {
	['#'] = 1, ['>'] = 1, ['+'] = 1, ['-'] = 1, ['='] = 1, ['~'] = 1, ['|'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1,
	[' '] = 1, ['\t'] = 1,
};

/* The i-th piece of t and its length. */
static const char *piece(const struct hlr_text *t, unsigned i, size_t *len)
{
	*len = t->segs[i].len;
	return t->src_data + t->segs[i].src;
}

bool hlr_inline_is_plain(const struct hlr_text *t)
{
	for (unsigned i = 0; i < t->nsegs; i++) {
		size_t n;
		const unsigned char *s = (const unsigned char *)piece(t, i, &n);
		if (!n || block_mark[s[0]] || is_blank((char)s[n - 1]))
			return false;
		for (size_t k = 0; k < n; k++)
			if (inline_mark[s[k]])
				return false;
	}
	return true;
}

/* --- parsing ------------------------------------------------------------ */

static struct hlr_inline *in_new(struct hlr_arena *a, enum hlr_inline_kind kind,
                                 const char *lit)
{
	struct hlr_inline *in = hlr_arena_alloc(a, sizeof *in);
	in->kind = kind;
	if (lit) {
		in->len = strlen(lit);
		in->lit = hlr_arena_strndup(a, lit, in->len);
	}
	return in;
}

/* Appends child to parent (the last child is kept in a side array). */
struct tail {
	struct hlr_inline *node;  /* an open container */
	struct hlr_inline *last;  /* its last child so far */
	bool kept;                /* false: the cmark node was unwrapped */
};

static void in_append(struct tail *t, struct hlr_inline *child)
{
	if (t->last)
		t->last->next = child;
	else
		t->node->first = child;
	t->last = child;
}

/* Copies the paragraph para into the arena, made safe: raw HTML becomes its
 * text, unsafe links and images are replaced by their children. The walk
 * is iterative: emphasis can nest as deep as the text is long. */
static struct hlr_inline *convert(struct hlr_arena *a, cmark_node *para)
{
	struct hlr_inline *root = in_new(a, HLR_IN_TEXT, NULL); /* holds the children */
	size_t cap = 16, depth = 0;
	struct tail *stack = hlr_xmalloc(cap * sizeof *stack);
	stack[0] = (struct tail){root, NULL, true};
	cmark_iter *it = cmark_iter_new(para);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (n == para)
			continue;
		cmark_node_type type = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_EXIT) {
			depth--;
			continue;
		}
		struct hlr_inline *k = NULL;
		bool container = false;
		switch (type) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
			k = in_new(a, HLR_IN_TEXT, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_CODE:
			k = in_new(a, HLR_IN_CODE, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
			k = in_new(a, HLR_IN_SOFTBREAK, NULL);
			break;
		case CMARK_NODE_LINEBREAK:
			k = in_new(a, HLR_IN_LINEBREAK, NULL);
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			container = true;
			k = in_new(a, type == CMARK_NODE_EMPH ? HLR_IN_EMPH : HLR_IN_STRONG, NULL);
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			container = true;
			if (!unsafe_url(cmark_node_get_url(n), type == CMARK_NODE_IMAGE)) {
				k = in_new(a, type == CMARK_NODE_LINK ? HLR_IN_LINK : HLR_IN_IMAGE,
				           cmark_node_get_url(n));
				const char *title = cmark_node_get_title(n);
				if (title && *title)
					k->title = hlr_arena_strndup(a, title, strlen(title));
			}
			break;
		default:
			/* a paragraph holds nothing else; keep any other leaf's text */
			if (cmark_node_get_literal(n))
				k = in_new(a, HLR_IN_TEXT, cmark_node_get_literal(n));
			break;
		}
		/* an unwrapped container adds its children to the open one */
		struct tail *open = &stack[depth];
		while (!open->kept)
			open--;
		if (k)
			in_append(open, k);
		if (container) {
			if (++depth == cap) {
				cap *= 2;
				stack = hlr_xrealloc(stack, cap * sizeof *stack);
			}
			stack[depth] = (struct tail){k, NULL, k != NULL};
		}
	}
	cmark_iter_free(it);
	free(stack);
	return root->first ? root->first : in_new(a, HLR_IN_TEXT, "");
}

struct hlr_inline *hlr_inline_parse(struct hlr_arena *a, const struct hlr_text *t)
{
	struct hlr_buf raw = HLR_BUF_INIT, esc = HLR_BUF_INIT;
	for (unsigned i = 0; i < t->nsegs; i++) {
		size_t n;
		const char *s = piece(t, i, &n);
		if (i)
			hlr_buf_putc(&raw, '\n');
		hlr_buf_put(&raw, s, n);
	}
	escape_block_starts(&esc, raw.data ? raw.data : "", raw.len);
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &mem);
	cmark_parser_feed(parser, esc.data ? esc.data : "", esc.len);
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	hlr_buf_free(&esc);
	cmark_node *p = cmark_node_first_child(doc);
	struct hlr_inline *in;
	if (!p || cmark_node_next(p) || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH) {
		/* something still opened a block (an HTML block, say): the words
		 * are plain text */
		in = in_new(a, HLR_IN_TEXT, raw.data ? raw.data : "");
	} else {
		in = convert(a, p);
	}
	cmark_node_free(doc);
	hlr_buf_free(&raw);
	return in;
}

/* The node after n in pre-order, given the stack of its ancestors. */
void hlr_inline_each_ref(struct hlr_inline *in, void (*fn)(struct hlr_inline *link, void *ctx),
                         void *ctx)
{
	size_t cap = 16, depth = 0;
	struct hlr_inline **stack = hlr_xmalloc(cap * sizeof *stack);
	struct hlr_inline *n = in;
	while (n) {
		if (n->kind == HLR_IN_LINK && n->lit && n->lit[0] == '^')
			fn(n, ctx);
		if (n->first) {
			if (depth == cap) {
				cap *= 2;
				stack = hlr_xrealloc(stack, cap * sizeof *stack);
			}
			stack[depth++] = n;
			n = n->first;
			continue;
		}
		while (n && !n->next)
			n = depth ? stack[--depth] : NULL;
		if (n)
			n = n->next;
	}
	free(stack);
}

/* --- rendering ---------------------------------------------------------- */

void hlr_report_href(struct hlr_buf *b, const char *name, const char *ext, const char *anchor,
                     size_t anchor_len)
{
	/* a file name is not a URL: "javascript:x.hlr" must stay a relative path */
	for (const char *p = name ? name : "report"; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~')
			hlr_buf_putc(b, (char)c);
		else
			hlr_buf_printf(b, "%%%02X", c);
	}
	hlr_buf_puts(b, ext);
	if (anchor) {
		hlr_buf_putc(b, '#');
		hlr_buf_put(b, anchor, anchor_len);
	}
}

static cmark_node *leaf(cmark_node_type type, const char *lit)
{
	cmark_node *n = node_new(type);
	if (lit)
		cmark_node_set_literal(n, lit);
	return n;
}

/* A cmark paragraph holding the inline tree in (or, when in is NULL, the
 * plain text t), with references made links to NAME.ext. The caller frees
 * it. Iterative, like the parse. */
static cmark_node *rebuild(const struct hlr_text *t, const struct hlr_inline *in, const char *ext)
{
	cmark_node *para = node_new(CMARK_NODE_PARAGRAPH);
	if (!in) {
		for (unsigned i = 0; i < t->nsegs; i++) {
			size_t n;
			const char *s = piece(t, i, &n);
			if (i)
				cmark_node_append_child(para, node_new(CMARK_NODE_SOFTBREAK));
			char *lit = hlr_xmalloc(n + 1);
			memcpy(lit, s, n);
			lit[n] = '\0';
			cmark_node_append_child(para, leaf(CMARK_NODE_TEXT, lit));
			free(lit);
		}
		return para;
	}
	size_t cap = 16, depth = 0;
	struct frame {
		const struct hlr_inline *n; /* node whose children are being added */
		cmark_node *into;           /* where they go */
	} *stack = hlr_xmalloc(cap * sizeof *stack);
	const struct hlr_inline *n = in;
	cmark_node *into = para;
	struct hlr_buf href = HLR_BUF_INIT;
	while (n) {
		cmark_node *k = NULL, *children_into = NULL;
		switch (n->kind) {
		case HLR_IN_TEXT: k = leaf(CMARK_NODE_TEXT, n->lit); break;
		case HLR_IN_CODE: k = leaf(CMARK_NODE_CODE, n->lit); break;
		case HLR_IN_SOFTBREAK: k = node_new(CMARK_NODE_SOFTBREAK); break;
		case HLR_IN_LINEBREAK: k = node_new(CMARK_NODE_LINEBREAK); break;
		case HLR_IN_EMPH: k = children_into = node_new(CMARK_NODE_EMPH); break;
		case HLR_IN_STRONG: k = children_into = node_new(CMARK_NODE_STRONG); break;
		case HLR_IN_IMAGE:
			k = children_into = node_new(CMARK_NODE_IMAGE);
			cmark_node_set_url(k, n->lit);
			if (n->title)
				cmark_node_set_title(k, n->title);
			break;
		case HLR_IN_LINK:
			if (n->lit[0] != '^') {
				k = children_into = node_new(CMARK_NODE_LINK);
				cmark_node_set_url(k, n->lit);
				if (n->title)
					cmark_node_set_title(k, n->title);
			} else if (n->ref) {
				/* a reference: to the earlier report's output beside this one */
				const struct hlr_ref *ref = n->ref;
				char phrase[64], title[96];
				hlr_period_phrase(&ref->report->period, phrase);
				snprintf(title, sizeof title, "reported in %s", phrase);
				href.len = 0;
				hlr_report_href(&href, ref->report->name, ext, ref->anchor,
				                ref->anchor ? strlen(ref->anchor) : 0);
				k = children_into = node_new(CMARK_NODE_LINK);
				cmark_node_set_url(k, href.data);
				cmark_node_set_title(k, title);
				if (!n->first)
					cmark_node_append_child(k, leaf(CMARK_NODE_TEXT, title));
			} else {
				children_into = into; /* not resolved: the words alone */
			}
			break;
		}
		if (k)
			cmark_node_append_child(into, k);
		if (n->first && children_into) {
			if (depth == cap) {
				cap *= 2;
				stack = hlr_xrealloc(stack, cap * sizeof *stack);
			}
			stack[depth++] = (struct frame){n, into};
			into = children_into;
			n = n->first;
			continue;
		}
		while (n && !n->next) {
			if (!depth) {
				n = NULL;
				break;
			}
			depth--;
			n = stack[depth].n;
			into = stack[depth].into;
		}
		if (n)
			n = n->next;
	}
	hlr_buf_free(&href);
	free(stack);
	return para;
}

void hlr_inline_html(struct hlr_buf *out, const struct hlr_text *t, const struct hlr_inline *in)
{
	if (!in) {
		for (unsigned i = 0; i < t->nsegs; i++) {
			size_t n;
			const char *s = piece(t, i, &n);
			if (i)
				hlr_buf_putc(out, '\n');
			hlr_buf_put_html(out, s, n);
		}
		return;
	}
	cmark_node *para = rebuild(t, in, ".html");
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
	cmark_node_free(para);
}

/* Whether a plain text is its own CommonMark: nothing in it that cmark's
 * renderer escapes ('#', '>', control characters such as tab). */
static bool md_plain(const struct hlr_text *t)
{
	for (unsigned i = 0; i < t->nsegs; i++) {
		size_t n;
		const unsigned char *s = (const unsigned char *)piece(t, i, &n);
		for (size_t k = 0; k < n; k++)
			if (s[k] == '#' || s[k] == '>' || s[k] < 0x20 || s[k] == 0x7f)
				return false;
	}
	return true;
}

void hlr_inline_md(struct hlr_buf *out, const struct hlr_text *t, const struct hlr_inline *in,
                   const char *indent)
{
	if (!in && md_plain(t)) {
		for (unsigned i = 0; i < t->nsegs; i++) {
			size_t n;
			const char *s = piece(t, i, &n);
			if (i) {
				hlr_buf_putc(out, '\n');
				hlr_buf_puts(out, indent);
			}
			hlr_buf_put(out, s, n);
		}
		return;
	}
	cmark_node *para = rebuild(t, in, ".md");
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
	cmark_node_free(para);
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
