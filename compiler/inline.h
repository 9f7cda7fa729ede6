/* compiler: inline Markdown. The text of an item or paragraph is parsed
 * once, by libcmark, when the resolver reads it (hlr_inline_parse); the
 * result is a small tree of inline nodes owned by the compilation's arena,
 * already made safe (raw HTML is text, links to javascript:, vbscript:,
 * file: and non-image data: URLs keep their words but lose the link), in
 * which a link to "^target" points at the reference the resolver found.
 * The writers render that tree (hlr_inline_html, hlr_inline_md); a text
 * with no markup at all has no tree and is written as it is, escaped. */
#ifndef HLR_INLINE_H
#define HLR_INLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/arena.h"
#include "runtime/buf.h"

struct hlr_text;
struct hlr_ref;

enum hlr_inline_kind {
	HLR_IN_TEXT,      /* lit: words */
	HLR_IN_SOFTBREAK, /* a line end inside the text */
	HLR_IN_LINEBREAK, /* a hard line break */
	HLR_IN_CODE,      /* lit: code span */
	HLR_IN_EMPH,      /* children */
	HLR_IN_STRONG,    /* children */
	HLR_IN_LINK,      /* lit: URL (or the reference as written), title, children */
	HLR_IN_IMAGE,     /* lit: URL, title, children: the description */
};

struct hlr_inline {
	uint8_t kind;              /* enum hlr_inline_kind */
	uint32_t len;              /* bytes of lit */
	const char *lit;           /* text or code (len bytes, often in the source),
	                              or URL (NUL-terminated) */
	const char *title;         /* link or image title, or NULL */
	const struct hlr_ref *ref; /* link: the earlier report it points to */
	struct hlr_inline *first;  /* first child */
	struct hlr_inline *next;   /* next sibling */
};

/* How a text is written, found in one pass when the resolver reads it:
 * with markup (it holds a character that starts inline markup, or a line
 * that would open a block: it is parsed), plain (it is its own rendering,
 * escaped, lines joined by spaces), or verbatim (plain, and with
 * nothing CommonMark would escape either: it is its own Markdown too). */
enum hlr_text_class {
	HLR_TEXT_MARKUP = 0,
	HLR_TEXT_PLAIN = 1,
	HLR_TEXT_VERBATIM = 3,
};
enum hlr_text_class hlr_inline_class(const struct hlr_text *t);

/* The most markup characters one text (an item's or a paragraph's) may
 * hold: '\\', '`', '*', '_', '[', ']', '!', '<', '&' and line ends, each of
 * which may become a node of libcmark's tree (about 160 bytes each while
 * it parses). Past it the text is not parsed (the resolver reports
 * too-much-markup), so that parsing one text takes bounded memory. */
#define HLR_INLINE_MAX_MARKUP 65536
/* The markup characters of t, counted up to HLR_INLINE_MAX_MARKUP + 1. */
size_t hlr_inline_markup(const struct hlr_text *t);

/* Parses a text (its pieces joined by line ends) into a safe inline tree
 * owned by a. Links whose URL starts with '^' are kept as links with ref
 * NULL; the resolver sets ref or reports them. One deliberate difference
 * from libcmark's own rendering: a link or image whose title is written
 * empty ("") has no title attribute, like one with no title (cmark's API
 * cannot tell the two apart). A line end where the author wrapped a line
 * is a soft break node, and one inside a title or raw HTML (kept as text)
 * is a space: the writers write no line end for it (docs/language.md). */
struct hlr_inline *hlr_inline_parse(struct hlr_arena *a, const struct hlr_text *t);
/* (A text with more markup than HLR_INLINE_MAX_MARKUP is not parsed: its
 * tree is one text node, its words as written.) */
/* Calls fn for every link of the tree whose URL starts with '^', in order. */
/* Calls fn for every node of the tree (a parent before its children), in
 * order, with the node's parent (NULL at the top). */
void hlr_inline_each(struct hlr_inline *in,
                     void (*fn)(struct hlr_inline *n, struct hlr_inline *parent, void *ctx),
                     void *ctx);
void hlr_inline_each_ref(struct hlr_inline *in, void (*fn)(struct hlr_inline *link, void *ctx),
                         void *ctx);

/* Renders a text as HTML (no <p>), as cmark would: through its tree when
 * it has one, else escaped. References link to NAME.html. */
void hlr_inline_html(struct hlr_buf *out, const struct hlr_text *t, const struct hlr_inline *in);
/* The same as CommonMark, every line after the first prefixed by indent;
 * references link to NAME.md. verbatim: the text's class is verbatim. */
void hlr_inline_md(struct hlr_buf *out, const struct hlr_text *t, const struct hlr_inline *in,
                   bool verbatim, const char *indent);

/* Plain text escaped for Markdown (headings, header values). */
void hlr_md_escape(struct hlr_buf *out, const char *s, size_t n);

/* "NAME.EXT" of a report's output, percent-encoded so that a file name is
 * never read as a URL scheme, plus "#anchor" when anchor is set. */
void hlr_report_href(struct hlr_buf *b, const char *name, const char *ext, const char *anchor,
                     size_t anchor_len);

#endif
