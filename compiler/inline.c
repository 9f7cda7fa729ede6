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
			else if (c == '[') {
				/* "[label]: url" would be a link reference definition: the
				 * line would vanish from the text */
				size_t k = 1;
				while (k < len && l[k] != ']' && l[k] != '[')
					k += l[k] == '\\' && k + 1 < len ? 2 : 1;
				esc = k + 1 < len && l[k] == ']' && l[k + 1] == ':';
			}
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


/* Characters that could open a block at the start of a line (escaped
 * before parsing, so such a line is not its own rendering). */
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

enum hlr_text_class hlr_inline_class(const struct hlr_text *t)
{
	/* A source holds no control character but tab and form feed
	 * (source.c), and every piece lies in a NUL-terminated source ending
	 * its line with '\n', so strcspn (vectorised by the C library) finds
	 * the next byte that matters without running past the line. Markup
	 * first (a form feed too: cmark trims it at a line's end), then what
	 * CommonMark would escape. */
	static const char markup[] = "\\`*_[]!<&\f\n";
	static const char escaped[] = "#>\t\x7f\n";
	enum hlr_text_class cls = HLR_TEXT_VERBATIM;
	for (unsigned i = 0; i < t->nsegs; i++) {
		size_t n;
		const char *s = piece(t, i, &n);
		if (!n || block_mark[(unsigned char)s[0]] || is_blank(s[n - 1]) ||
		    strcspn(s, markup) < n)
			return HLR_TEXT_MARKUP;
		if (cls == HLR_TEXT_VERBATIM && strcspn(s, escaped) < n)
			cls = HLR_TEXT_PLAIN;
	}
	return cls;
}

size_t hlr_inline_markup(const struct hlr_text *t)
{
	static const char markup[] = "\\`*_[]!<&\n";
	size_t count = t->nsegs ? t->nsegs - 1 : 0; /* the line ends between pieces */
	for (unsigned i = 0; i < t->nsegs && count <= HLR_INLINE_MAX_MARKUP; i++) {
		size_t n;
		const char *s = piece(t, i, &n);
		/* a piece ends its line in the source ('\n' or the NUL after it) */
		for (size_t k = strcspn(s, markup); k < n && count <= HLR_INLINE_MAX_MARKUP;
		     k += 1 + strcspn(s + k + 1, markup))
			count++;
	}
	return count;
}

/* --- parsing ------------------------------------------------------------ */

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
/* A parse in progress: where the text's words are (the joined text, and
 * its pieces in the source, so a literal that stands in the source as it
 * is can point there instead of being copied), and the memory held while
 * it is copied into the arena. */
struct words {
	struct hlr_arena *a;       /* where the tree goes */
	const struct hlr_text *t;  /* the pieces */
	struct hlr_buf raw;        /* joined with line ends */
	size_t cursor;             /* raw offset after the last literal found */
	cmark_node *doc;           /* libcmark's parse */
	cmark_iter *it;            /* convert's walk over it */
	struct tail *stack;        /* convert's open containers */
};

static void release(struct words *w)
{
	if (w->it)
		cmark_iter_free(w->it);
	w->it = NULL;
	if (w->doc)
		cmark_node_free(w->doc);
	w->doc = NULL;
	free(w->stack);
	w->stack = NULL;
	hlr_buf_free(&w->raw);
}

/* Memory from the arena while libcmark's tree and the joined text are
 * held: when the arena's limit refuses it, they are freed before out of
 * memory unwinds (hlr_oom), so nothing is left behind. */
static void *take(struct words *w, size_t n)
{
	if (!hlr_arena_fits(w->a, n)) {
		release(w);
		hlr_oom();
	}
	return hlr_arena_alloc(w->a, n);
}

static struct hlr_inline *in_new(struct words *w, enum hlr_inline_kind kind, const char *lit)
{
	struct hlr_inline *in = take(w, sizeof *in);
	in->kind = (uint8_t)kind;
	if (lit) {
		size_t n = strlen(lit);
		if (n > UINT32_MAX)
			n = UINT32_MAX; /* a source is at most 1 GiB (HLR_SOURCE_MAX) */
		char *copy = take(w, n + 1);
		memcpy(copy, lit, n);
		copy[n] = '\0';
		in->len = (uint32_t)n;
		in->lit = copy;
	}
	return in;
}

/* A text or code leaf: its literal points into the source when it is
 * found there a little after the previous one (markup lies between); else
 * it is copied. The search window is bounded, so this stays linear. */
static struct hlr_inline *leaf_node(struct words *w, enum hlr_inline_kind kind, const char *lit)
{
	size_t n = strlen(lit);
	if (n && n <= UINT32_MAX && w->cursor < w->raw.len) {
		/* the literal starts at most 256 bytes after the cursor */
		const char *p = NULL, *from = w->raw.data + w->cursor, *end = w->raw.data + w->raw.len;
		const char *last = from + 256 < end ? from + 256 : end;
		while (from < last && (from = memchr(from, lit[0], (size_t)(last - from)))) {
			if ((size_t)(end - from) >= n && !memcmp(from, lit, n)) {
				p = from;
				break;
			}
			from++;
		}
		if (p && !memchr(lit, '\n', n)) {
			size_t at = (size_t)(p - w->raw.data);
			const struct hlr_text *t = w->t;
			unsigned i = 0;
			while (i + 1 < t->nsegs && t->segs[i + 1].txt <= at)
				i++;
			if (at + n <= t->segs[i].txt + t->segs[i].len) {
				struct hlr_inline *k = take(w, sizeof *k);
				k->kind = (uint8_t)kind;
				k->len = (uint32_t)n;
				k->lit = t->src_data + t->segs[i].src + (at - t->segs[i].txt);
				w->cursor = at + n;
				return k;
			}
		}
	}
	return in_new(w, kind, lit);
}

/* The line ends in s made spaces: a soft line break is written as a
 * space wherever it falls (in a title, in raw HTML shown as text). */
static void unwrap(char *s, size_t n)
{
	for (char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))); p++)
		*p = ' ';
}

static struct hlr_inline *convert(cmark_node *para, struct words *w)
{
	struct hlr_inline *root = in_new(w, HLR_IN_TEXT, NULL); /* holds the children */
	size_t cap = 16, depth = 0;
	struct tail *stack = w->stack = hlr_xmalloc(cap * sizeof *stack);
	stack[0] = (struct tail){root, NULL, true};
	cmark_iter *it = w->it = cmark_iter_new(para);
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
			k = leaf_node(w, HLR_IN_TEXT, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_HTML_INLINE:
			/* shown as text; a line end inside it is where the author
			 * wrapped the line, written as a space (docs/language.md) */
			k = leaf_node(w, HLR_IN_TEXT, cmark_node_get_literal(n));
			if (memchr(k->lit, '\n', k->len)) {
				k = in_new(w, HLR_IN_TEXT, k->lit);
				unwrap((char *)k->lit, k->len);
			}
			break;
		case CMARK_NODE_CODE:
			k = leaf_node(w, HLR_IN_CODE, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
			k = in_new(w, HLR_IN_SOFTBREAK, NULL);
			break;
		case CMARK_NODE_LINEBREAK:
			k = in_new(w, HLR_IN_LINEBREAK, NULL);
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			container = true;
			k = in_new(w, type == CMARK_NODE_EMPH ? HLR_IN_EMPH : HLR_IN_STRONG, NULL);
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			container = true;
			if (!unsafe_url(cmark_node_get_url(n), type == CMARK_NODE_IMAGE)) {
				k = in_new(w, type == CMARK_NODE_LINK ? HLR_IN_LINK : HLR_IN_IMAGE,
				           cmark_node_get_url(n));
				const char *title = cmark_node_get_title(n);
				if (title && *title) {
					size_t tn = strlen(title);
					char *copy = take(w, tn + 1);
					memcpy(copy, title, tn + 1);
					unwrap(copy, tn); /* a title wrapped in the source */
					k->title = copy;
				}
			}
			break;
		default:
			/* a paragraph holds nothing else; keep any other leaf's text */
			if (cmark_node_get_literal(n))
				k = in_new(w, HLR_IN_TEXT, cmark_node_get_literal(n));
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
				stack = w->stack = hlr_xrealloc(stack, cap * sizeof *stack);
			}
			stack[depth] = (struct tail){k, NULL, k != NULL};
		}
	}
	cmark_iter_free(it);
	w->it = NULL;
	struct hlr_inline *first = root->first ? root->first : in_new(w, HLR_IN_TEXT, "");
	free(stack);
	w->stack = NULL;
	return first;
}

struct hlr_inline *hlr_inline_parse(struct hlr_arena *a, const struct hlr_text *t)
{
	struct words w = {a, t, HLR_BUF_INIT, 0, NULL, NULL, NULL};
	struct hlr_buf esc = HLR_BUF_INIT;
	for (unsigned i = 0; i < t->nsegs; i++) {
		size_t n;
		const char *s = piece(t, i, &n);
		if (i)
			hlr_buf_putc(&w.raw, '\n');
		hlr_buf_put(&w.raw, s, n);
	}
	hlr_buf_reserve(&w.raw, 1);
	if (hlr_inline_markup(t) > HLR_INLINE_MAX_MARKUP) {
		struct hlr_inline *in = in_new(&w, HLR_IN_TEXT, w.raw.data);
		unwrap((char *)in->lit, in->len);
		release(&w);
		return in;
	}
	escape_block_starts(&esc, w.raw.data, w.raw.len);
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &mem);
	cmark_parser_feed(parser, esc.data ? esc.data : "", esc.len);
	w.doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	hlr_buf_free(&esc);
	cmark_node *p = cmark_node_first_child(w.doc);
	struct hlr_inline *in;
	if (!p || cmark_node_next(p) || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH) {
		/* something still opened a block (an HTML block, say): the words
		 * are plain text */
		in = in_new(&w, HLR_IN_TEXT, w.raw.data);
		unwrap((char *)in->lit, in->len);
	} else {
		in = convert(p, &w);
	}
	release(&w);
	return in;
}

/* A walk over an inline tree: enter a node, its children, exit it. */
struct walk {
	const struct hlr_inline **stack; /* open containers: first, or on the heap */
	size_t depth, cap;
	const struct hlr_inline *first[32];
};

#define WALK_INIT(w) ((w).stack = (w).first, (w).depth = 0, (w).cap = 32)

static void push(struct walk *w, const struct hlr_inline *n)
{
	if (w->depth == w->cap) {
		w->cap *= 2;
		if (w->stack == w->first) {
			w->stack = hlr_xmalloc(w->cap * sizeof *w->stack);
			memcpy(w->stack, w->first, sizeof w->first);
		} else {
			w->stack = hlr_xrealloc(w->stack, w->cap * sizeof *w->stack);
		}
	}
	w->stack[w->depth++] = n;
}

static void walk_free(struct walk *w)
{
	if (w->stack != w->first)
		free(w->stack);
}

static const struct hlr_inline *parent(const struct walk *w)
{
	return w->depth ? w->stack[w->depth - 1] : NULL;
}

void hlr_inline_each(struct hlr_inline *in,
                     void (*fn)(struct hlr_inline *n, struct hlr_inline *parent, void *ctx),
                     void *ctx)
{
	struct walk w;
	WALK_INIT(w);
	for (struct hlr_inline *n = in; n;) {
		fn(n, (struct hlr_inline *)parent(&w), ctx);
		if (n->first) {
			push(&w, n);
			n = n->first;
			continue;
		}
		while (n && !n->next)
			n = w.depth ? (struct hlr_inline *)w.stack[--w.depth] : NULL;
		if (n)
			n = n->next;
	}
	walk_free(&w);
}

void hlr_inline_each_ref(struct hlr_inline *in, void (*fn)(struct hlr_inline *link, void *ctx),
                         void *ctx)
{
	struct walk w;
	WALK_INIT(w);
	for (struct hlr_inline *n = in; n;) {
		if (n->kind == HLR_IN_LINK && n->lit[0] == '^')
			fn(n, ctx);
		if (n->first) {
			push(&w, n);
			n = n->first;
			continue;
		}
		while (n && !n->next)
			/* the tree is still the resolver's to change while it checks it */
			n = w.depth ? (struct hlr_inline *)w.stack[--w.depth] : NULL;
		if (n)
			n = n->next;
	}
	walk_free(&w);
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

/* --- rendering the tree -------------------------------------------------
 * Both renderers give the bytes libcmark's renderers give for the same tree
 * (cmark 0.30: html.c, and commonmark.c with render.c at width 0), without
 * building a cmark tree: tests/unit/unit.c compares them with libcmark on
 * generated texts. Both walk the tree without recursion. */

/* A reference as it is rendered: a link to the earlier report's output
 * beside this one, titled with its period. */
static void ref_link(const struct hlr_ref *ref, const char *ext, struct hlr_buf *href,
                     char title[96])
{
	char phrase[64];
	hlr_period_phrase(&ref->report->period, phrase);
	snprintf(title, 96, "reported in %s", phrase);
	href->len = 0;
	hlr_report_href(href, ref->report->name, ext, ref->anchor,
	                ref->anchor ? strlen(ref->anchor) : 0);
}

static bool is_ref(const struct hlr_inline *n)
{
	return n->kind == HLR_IN_LINK && n->lit[0] == '^';
}

/* houdini_escape_href: what may stand in an href as it is. */
static const unsigned char href_safe[256] = {
	['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['('] = 1, [')'] = 1, ['*'] = 1,
	['+'] = 1, [','] = 1, ['-'] = 1, ['.'] = 1, ['/'] = 1, [':'] = 1, [';'] = 1,
	['='] = 1, ['?'] = 1, ['@'] = 1, ['_'] = 1, ['~'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
	['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
	['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
	['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static void put_href(struct hlr_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (href_safe[c])
			hlr_buf_putc(out, (char)c);
		else if (c == '&')
			hlr_buf_puts(out, "&amp;");
		else if (c == '\'')
			hlr_buf_puts(out, "&#x27;");
		else {
			hlr_buf_putc(out, '%');
			hlr_buf_putc(out, hex[c >> 4]);
			hlr_buf_putc(out, hex[c & 15]);
		}
	}
}

/* HTML: what html.c writes for a paragraph's content. Inside an image,
 * only the words of its description are written (its alt text). */
static void html_enter(struct hlr_buf *out, const struct hlr_inline *n, bool plain,
                       struct hlr_buf *href)
{
	char title[96];
	if (plain) {
		if (n->kind == HLR_IN_TEXT || n->kind == HLR_IN_CODE)
			hlr_buf_put_html(out, n->lit, n->len);
		else if (n->kind == HLR_IN_SOFTBREAK || n->kind == HLR_IN_LINEBREAK)
			hlr_buf_putc(out, ' ');
		else if (is_ref(n) && n->ref && !n->first) {
			ref_link(n->ref, ".html", href, title);
			hlr_buf_put_html(out, title, strlen(title));
		}
		return;
	}
	switch (n->kind) {
	case HLR_IN_TEXT: hlr_buf_put_html(out, n->lit, n->len); break;
	case HLR_IN_SOFTBREAK: hlr_buf_putc(out, ' '); break; /* as cmark's NOBREAKS */
	case HLR_IN_LINEBREAK: hlr_buf_puts(out, "<br />\n"); break;
	case HLR_IN_CODE:
		hlr_buf_puts(out, "<code>");
		hlr_buf_put_html(out, n->lit, n->len);
		hlr_buf_puts(out, "</code>");
		break;
	case HLR_IN_EMPH: hlr_buf_puts(out, "<em>"); break;
	case HLR_IN_STRONG: hlr_buf_puts(out, "<strong>"); break;
	case HLR_IN_LINK:
		if (is_ref(n) && !n->ref)
			break; /* not resolved: the words alone */
		hlr_buf_puts(out, "<a href=\"");
		if (is_ref(n)) {
			ref_link(n->ref, ".html", href, title);
			put_href(out, href->data, href->len);
			hlr_buf_puts(out, "\" title=\"");
			hlr_buf_put_html(out, title, strlen(title));
			hlr_buf_puts(out, "\">");
			if (!n->first)
				hlr_buf_put_html(out, title, strlen(title));
			break;
		}
		put_href(out, n->lit, n->len);
		if (n->title) {
			hlr_buf_puts(out, "\" title=\"");
			hlr_buf_put_html(out, n->title, strlen(n->title));
		}
		hlr_buf_puts(out, "\">");
		break;
	case HLR_IN_IMAGE:
		hlr_buf_puts(out, "<img src=\"");
		put_href(out, n->lit, n->len);
		hlr_buf_puts(out, "\" alt=\"");
		break;
	}
}

static void html_exit(struct hlr_buf *out, const struct hlr_inline *n, bool plain)
{
	if (plain)
		return;
	switch (n->kind) {
	case HLR_IN_EMPH: hlr_buf_puts(out, "</em>"); break;
	case HLR_IN_STRONG: hlr_buf_puts(out, "</strong>"); break;
	case HLR_IN_LINK:
		if (!is_ref(n) || n->ref)
			hlr_buf_puts(out, "</a>");
		break;
	case HLR_IN_IMAGE:
		if (n->title) {
			hlr_buf_puts(out, "\" title=\"");
			hlr_buf_put_html(out, n->title, strlen(n->title));
		}
		hlr_buf_puts(out, "\" />");
		break;
	default:
		break;
	}
}

static void render_html(struct hlr_buf *out, const struct hlr_inline *n)
{
	struct walk w;
	WALK_INIT(w);
	struct hlr_buf href = HLR_BUF_INIT;
	size_t plain = 0; /* depth + 1 of the image whose alt text is being written */
	while (n) {
		html_enter(out, n, plain != 0, &href);
		if (n->first && (n->kind != HLR_IN_TEXT)) {
			push(&w, n);
			if (n->kind == HLR_IN_IMAGE && !plain)
				plain = w.depth;
			n = n->first;
			continue;
		}
		html_exit(out, n, plain != 0);
		while (n && !n->next) {
			if (!w.depth) {
				n = NULL;
				break;
			}
			n = w.stack[--w.depth];
			if (plain == w.depth + 1)
				plain = 0;
			html_exit(out, n, plain != 0);
		}
		if (n)
			n = n->next;
	}
	walk_free(&w);
	hlr_buf_free(&href);
}

/* CommonMark: the state of cmark's renderer (render.c) at width 0, with an
 * empty prefix: line starts, and line ends owed. */
struct cm {
	struct hlr_buf *b;     /* output; the paragraph starts at base */
	size_t base;
	bool begin_line;       /* nothing written on this line yet */
	bool begin_content;    /* only digits written on this line yet */
	int need_cr;           /* line ends owed before the next output */
	size_t lines;          /* line ends written */
};

enum cm_escape { CM_LITERAL, CM_NORMAL, CM_URL, CM_TITLE };

/* cmark_ctype: 1 space, 2 punctuation, 3 digit, 4 letter, 0 other. */
static const unsigned char ctype_class[256] = {
	['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
	['!'] = 2, ['"'] = 2, ['#'] = 2, ['$'] = 2, ['%'] = 2, ['&'] = 2, ['\''] = 2,
	['('] = 2, [')'] = 2, ['*'] = 2, ['+'] = 2, [','] = 2, ['-'] = 2, ['.'] = 2,
	['/'] = 2, [':'] = 2, [';'] = 2, ['<'] = 2, ['='] = 2, ['>'] = 2, ['?'] = 2,
	['@'] = 2, ['['] = 2, ['\\'] = 2, [']'] = 2, ['^'] = 2, ['_'] = 2, ['`'] = 2,
	['{'] = 2, ['|'] = 2, ['}'] = 2, ['~'] = 2,
	['0'] = 3, ['1'] = 3, ['2'] = 3, ['3'] = 3, ['4'] = 3, ['5'] = 3, ['6'] = 3,
	['7'] = 3, ['8'] = 3, ['9'] = 3,
	['A'] = 4, ['B'] = 4, ['C'] = 4, ['D'] = 4, ['E'] = 4, ['F'] = 4, ['G'] = 4,
	['H'] = 4, ['I'] = 4, ['J'] = 4, ['K'] = 4, ['L'] = 4, ['M'] = 4, ['N'] = 4,
	['O'] = 4, ['P'] = 4, ['Q'] = 4, ['R'] = 4, ['S'] = 4, ['T'] = 4, ['U'] = 4,
	['V'] = 4, ['W'] = 4, ['X'] = 4, ['Y'] = 4, ['Z'] = 4,
	['a'] = 4, ['b'] = 4, ['c'] = 4, ['d'] = 4, ['e'] = 4, ['f'] = 4, ['g'] = 4,
	['h'] = 4, ['i'] = 4, ['j'] = 4, ['k'] = 4, ['l'] = 4, ['m'] = 4, ['n'] = 4,
	['o'] = 4, ['p'] = 4, ['q'] = 4, ['r'] = 4, ['s'] = 4, ['t'] = 4, ['u'] = 4,
	['v'] = 4, ['w'] = 4, ['x'] = 4, ['y'] = 4, ['z'] = 4,
};

static int ctype(unsigned char c)
{
	return ctype_class[c];
}

/* What cm_outc may escape in NORMAL text (besides '-', '+', '=', '.' and
 * ')' at the start of a line): the rest is copied in runs. */
static const unsigned char cm_special[256] = {
	[0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
	[0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1,
	[0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1,
	[0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1,
	[0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
	['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1, ['#'] = 1, ['<'] = 1, ['>'] = 1,
	['\\'] = 1, ['`'] = 1, ['!'] = 1, ['&'] = 1,
};

/* commonmark.c's outc for one character c (a whole UTF-8 sequence at s of
 * len bytes), next being the byte after it in the same string. */
static void cm_outc(struct cm *r, enum cm_escape e, const char *s, size_t len, unsigned char next)
{
	unsigned char c = (unsigned char)s[0];
	bool follows_digit = r->b->len > r->base &&
	                     ctype((unsigned char)r->b->data[r->b->len - 1]) == 3;
	bool esc = false;
	if (c < 0x80) {
		if (e == CM_NORMAL)
			esc = (cm_special[c] && c != '&') || (c == '&' && ctype(next) == 4) ||
			      (r->begin_content && (c == '-' || c == '+' || c == '=') && !follows_digit) ||
			      (r->begin_content && (c == '.' || c == ')') && follows_digit &&
			       (next == 0 || ctype(next) == 1));
		else if (e == CM_URL)
			esc = strchr("`<>\\)(", c) || ctype(c) == 1;
		else if (e == CM_TITLE)
			esc = strchr("`<>\"\\", c);
		esc = esc && c != 0;
	}
	if (!esc)
		hlr_buf_put(r->b, s, len);
	else if (e == CM_URL && ctype(c) == 1)
		hlr_buf_printf(r->b, "%%%2X", c);
	else if (ctype(c) == 2) {
		hlr_buf_putc(r->b, '\\');
		hlr_buf_putc(r->b, (char)c);
	} else
		hlr_buf_printf(r->b, "&#%d;", c);
}

/* render.c's S_out: s written with escaping e. */
static void cm_out(struct cm *r, const char *s, size_t n, enum cm_escape e)
{
	size_t k = r->b->len;
	while (r->need_cr) {
		if (k == r->base || r->b->data[k - 1] == '\n') {
			if (k > r->base)
				k--;
		} else {
			hlr_buf_putc(r->b, '\n');
			r->lines++;
		}
		r->begin_line = r->begin_content = true;
		r->need_cr--;
	}
	for (size_t i = 0; i < n;) {
		/* past the start of a line, a run of ordinary bytes is itself */
		if (!r->begin_content && (e == CM_LITERAL || e == CM_NORMAL)) {
			const char *nl = e == CM_LITERAL ? memchr(s + i, '\n', n - i) : NULL;
			size_t j = i;
			if (e == CM_LITERAL)
				j = nl ? (size_t)(nl - s) : n;
			else
				while (j < n && !cm_special[(unsigned char)s[j]])
					j++;
			if (j > i) {
				/* texts are valid UTF-8 (sources are checked, and so
				 * is what cmark makes of them) */
				hlr_buf_put(r->b, s + i, j - i);
				r->begin_line = false;
				i = j;
				if (i >= n)
					break;
			}
		}
		size_t len = hlr_utf8_seqlen((const unsigned char *)s + i, n - i);
		if (!len)
			return; /* cmark stops at a byte that is not UTF-8 */
		unsigned char c = (unsigned char)s[i];
		unsigned char next = i + len < n ? (unsigned char)s[i + len] : 0;
		if (c == '\n' && e == CM_LITERAL) {
			hlr_buf_putc(r->b, '\n');
			r->lines++;
			r->begin_line = r->begin_content = true;
		} else {
			if (e == CM_LITERAL)
				hlr_buf_put(r->b, s + i, len);
			else
				cm_outc(r, e, s + i, len, next); /* a line end: "&#10;", or "% A" */
			/* a title keeps a line end as it is: the indent follows it */
			if (c == '\n' && e == CM_TITLE)
				r->lines++;
			r->begin_line = false;
			r->begin_content = r->begin_content && ctype(c) == 3;
		}
		i += len;
	}
}

/* Markup: short ASCII strings with no digit and no line end. */
static void cm_lit(struct cm *r, const char *s)
{
	if (r->need_cr) {
		cm_out(r, s, strlen(s), CM_LITERAL);
		return;
	}
	hlr_buf_puts(r->b, s);
	if (*s)
		r->begin_line = r->begin_content = false;
}

/* The length of a URL scheme and its colon at the start of url ("https:"),
 * or 0: [A-Za-z][A-Za-z0-9.+-]{1,31}: */
static size_t scheme(const char *url)
{
	if (!(ctype((unsigned char)url[0]) == 4))
		return 0;
	size_t i = 1;
	while (i < 32 && (ctype((unsigned char)url[i]) >= 3 || url[i] == '.' || url[i] == '+' ||
	                  url[i] == '-'))
		i++;
	return i >= 2 && url[i] == ':' ? i + 1 : 0;
}

/* cmark merges the text nodes at the start of a link's words when it asks
 * whether the link is an autolink (its URL has a scheme and no title); the
 * merged text is then written as one string. merge is that link, or NULL;
 * a first child that is not text has the runs inside it merged. */
static bool merges(const struct walk *w, const struct hlr_inline *n, const struct hlr_inline *merge)
{
	if (!merge || n->kind != HLR_IN_TEXT || !n->next || n->next->kind != HLR_IN_TEXT)
		return false;
	if (merge->first->kind == HLR_IN_TEXT)
		return n == merge->first;
	for (size_t i = 0; i < w->depth; i++)
		if (w->stack[i] == merge->first)
			return true;
	return false;
}

static void render_md(struct cm *r, const struct hlr_inline *n)
{
	struct walk w;
	WALK_INIT(w);
	struct hlr_buf href = HLR_BUF_INIT, run = HLR_BUF_INIT;
	const struct hlr_inline *merge = NULL; /* link whose first words cmark merged */
	char title[96];
	while (n) {
		bool skip = false; /* an autolink is written whole on entering */
		const struct hlr_inline *up = parent(&w);
		switch (n->kind) {
		case HLR_IN_TEXT:
			if (merges(&w, n, merge)) {
				run.len = 0;
				for (; n->next && n->next->kind == HLR_IN_TEXT; n = n->next)
					hlr_buf_put(&run, n->lit, n->len);
				hlr_buf_put(&run, n->lit, n->len);
				cm_out(r, run.data, run.len, CM_NORMAL);
			} else {
				cm_out(r, n->lit, n->len, CM_NORMAL);
			}
			break;
		case HLR_IN_SOFTBREAK: cm_out(r, " ", 1, CM_LITERAL); break; /* NOBREAKS */
		case HLR_IN_LINEBREAK:
			cm_lit(r, "  ");
			if (r->need_cr < 1)
				r->need_cr = 1;
			break;
		case HLR_IN_CODE: {
			/* the shortest run of backticks the code does not hold */
			unsigned used = 1, cur = 0;
			bool nonspace = false;
			for (size_t i = 0; i <= n->len; i++) {
				if (i < n->len && n->lit[i] == '`') {
					cur++;
				} else {
					if (cur > 0 && cur < 32)
						used |= 1u << cur;
					cur = 0;
				}
				if (i < n->len && n->lit[i] != ' ')
					nonspace = true;
			}
			unsigned ticks = 0;
			while (ticks < 32 && (used & 1)) {
				used >>= 1;
				ticks++;
			}
			bool pad = !n->len || n->lit[0] == '`' || n->lit[n->len - 1] == '`' ||
			           (nonspace && n->lit[0] == ' ' && n->lit[n->len - 1] == ' ');
			for (unsigned i = 0; i < ticks; i++)
				cm_lit(r, "`");
			if (pad)
				cm_lit(r, " ");
			cm_out(r, n->lit, n->len, CM_LITERAL);
			if (pad)
				cm_lit(r, " ");
			for (unsigned i = 0; i < ticks; i++)
				cm_lit(r, "`");
			break;
		}
		case HLR_IN_STRONG: cm_lit(r, "**"); break;
		case HLR_IN_EMPH:
			cm_lit(r, up && up->kind == HLR_IN_EMPH && up->first == n && !n->next ? "_" : "*");
			break;
		case HLR_IN_LINK:
			if (is_ref(n)) {
				if (n->ref)
					cm_lit(r, "[");
				if (n->ref && !n->first) {
					ref_link(n->ref, ".md", &href, title);
					cm_out(r, title, strlen(title), CM_NORMAL);
				}
				break;
			}
			if (!n->title && n->first && scheme(n->lit)) {
				merge = n;
				const char *url = n->lit;
				if (!strncmp(url, "mailto:", 7))
					url += 7;
				/* cmark compares the URL with its first child's literal:
				 * the merged words, or a code span alone */
				const struct hlr_inline *f = n->first;
				run.len = 0;
				if (f->kind == HLR_IN_CODE)
					hlr_buf_put(&run, f->lit, f->len);
				for (const struct hlr_inline *t = f; t && t->kind == HLR_IN_TEXT; t = t->next)
					hlr_buf_put(&run, t->lit, t->len);
				bool literal = f->kind == HLR_IN_TEXT || f->kind == HLR_IN_CODE;
				if (literal && strlen(url) == run.len && !memcmp(url, run.data, run.len)) {
					cm_lit(r, "<");
					cm_lit(r, url);
					cm_lit(r, ">");
					skip = true;
					break;
				}
			}
			cm_lit(r, "[");
			break;
		case HLR_IN_IMAGE: cm_lit(r, "!["); break;
		}
		if (n->first && !skip && n->kind != HLR_IN_TEXT) {
			push(&w, n);
			n = n->first;
			continue;
		}
		/* leave n and every container it closes */
		for (;;) {
			const char *url = NULL, *ttl = NULL;
			if (n->kind == HLR_IN_STRONG) {
				cm_lit(r, "**");
			} else if (n->kind == HLR_IN_EMPH) {
				const struct hlr_inline *p = parent(&w);
				cm_lit(r, p && p->kind == HLR_IN_EMPH && p->first == n && !n->next ? "_" : "*");
			} else if ((n->kind == HLR_IN_LINK && !skip) || n->kind == HLR_IN_IMAGE) {
				if (is_ref(n) && n->ref) {
					ref_link(n->ref, ".md", &href, title);
					url = href.data;
					ttl = title;
				} else if (!is_ref(n)) {
					url = n->lit;
					ttl = n->title;
				}
			}
			if (url) {
				cm_lit(r, "](");
				cm_out(r, url, strlen(url), CM_URL);
				if (ttl) {
					cm_lit(r, " \"");
					cm_out(r, ttl, strlen(ttl), CM_TITLE);
					cm_lit(r, "\"");
				}
				cm_lit(r, ")");
			}
			if (n == merge)
				merge = NULL;
			skip = false;
			if (n->next) {
				n = n->next;
				break;
			}
			if (!w.depth) {
				n = NULL;
				break;
			}
			n = w.stack[--w.depth];
		}
	}
	walk_free(&w);
	hlr_buf_free(&href);
	hlr_buf_free(&run);
}

void hlr_inline_html(struct hlr_buf *out, const struct hlr_text *t, const struct hlr_inline *in)
{
	if (!in) {
		/* a piece lies in its source's line (see hlr_inline_class):
		 * strcspn finds what needs an entity */
		for (unsigned i = 0; i < t->nsegs; i++) {
			size_t n;
			const char *s = piece(t, i, &n);
			if (i)
				hlr_buf_putc(out, ' '); /* a soft line break */
			hlr_buf_reserve(out, n + n / 8);
			for (size_t k = 0; k < n;) {
				size_t run = strcspn(s + k, "&<>\"\n");
				if (run > n - k)
					run = n - k;
				hlr_buf_put(out, s + k, run);
				k += run;
				if (k < n) {
					hlr_buf_put_html(out, s + k, 1);
					k++;
				}
			}
		}
		return;
	}
	render_html(out, in);
}

void hlr_inline_md(struct hlr_buf *out, const struct hlr_text *t, const struct hlr_inline *in,
                   bool verbatim, const char *indent)
{
	size_t in_len = strlen(indent);
	if (!in && verbatim) {
		/* the pieces joined by spaces: mid-line, none of them opens a
		 * block (a verbatim text holds nothing that needs an escape) */
		hlr_buf_reserve(out, t->len);
		char *d = out->data + out->len;
		for (unsigned i = 0; i < t->nsegs; i++) {
			size_t n;
			const char *s = piece(t, i, &n);
			if (i)
				*d++ = ' ';
			memcpy(d, s, n);
			d += n;
		}
		out->len = (size_t)(d - out->data);
		out->data[out->len] = '\0';
		return;
	}
	struct cm r = {out, out->len, true, true, 0, 0};
	if (in) {
		render_md(&r, in);
	} else {
		for (unsigned i = 0; i < t->nsegs; i++) {
			size_t n;
			const char *s = piece(t, i, &n);
			if (i)
				cm_out(&r, " ", 1, CM_LITERAL); /* a soft line break */
			cm_out(&r, s, n, CM_NORMAL);
		}
	}
	/* no line end after the text; indent before every line after the first */
	while (out->len > r.base && out->data[out->len - 1] == '\n') {
		out->data[--out->len] = '\0';
		r.lines--;
	}
	size_t lines = r.lines;
	if (!lines || !in_len)
		return;
	hlr_buf_reserve(out, lines * in_len);
	char *d = out->data;
	size_t end = out->len, to = out->len + lines * in_len;
	d[to] = '\0';
	/* from the last line back: move each line up, then its indent */
	for (size_t scan = end; lines; lines--) {
		size_t nl = scan; /* just after the line end */
		while (d[nl - 1] != '\n')
			nl--;
		to -= end - nl;
		memmove(d + to, d + nl, end - nl);
		to -= in_len;
		memcpy(d + to, indent, in_len);
		end = nl;      /* the line end moves with the line before it */
		scan = nl - 1;
	}
	out->len += r.lines * in_len;
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
