/* compiler: the formatter (authoring tools; the command is compiler/cli/fmt.c). Writes a report in its one
 * canonical layout, as gofmt does for Go:
 *
 *   - header fields aligned, the name padded to the longest name + 1;
 *   - one blank line between the header and the body, and before and after
 *     each part and section line;
 *   - "== keyword[: heading] [{#id}]" and "= heading";
 *   - items "- ", two spaces per nesting level, their text wrapped at 78
 *     columns with continuation lines under the text; paragraphs wrapped
 *     at 78 from column 1; tags first, the id at the end of the last line;
 *   - tables: "Table: caption {#id}" above, one line a row, "| " and " |"
 *     around the cells and " | " between them, each column padded to its
 *     widest cell (right-aligned columns to the right), the alignment row
 *     as dashes the width of its column;
 *   - "none" and "unchanged" lines, and comments, as written; comments stay
 *     where they are (inside a list at the indentation of its items), and
 *     keep the blank lines written around them.
 *
 * The layout is written from the document model, which keeps every text,
 * tag, id and comment with its place. Wrapping changes only the spaces and
 * line ends between words: a word, an inline code span, a link or an id is
 * never broken, and a line never starts with what would change its meaning
 * (an item marker, "#", an @TAG, "none" at column 1, ...). Before writing,
 * the result is parsed again and compared with the tree, and formatted
 * again to check that nothing moves; a difference is an internal error
 * and nothing is written. */
#define _POSIX_C_SOURCE 200809L
#include "compiler/tools.h"
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/inline.h"
#include "compiler/parse.h"
#include "compiler/resolve.h"
#include "compiler/series.h"
#include "compiler/table.h"
#include "runtime/buf.h"
#include "runtime/utf8.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Columns a wrapped line may fill. */
#define FMT_WIDTH 78
/* Bytes looked ahead for the end of a code span or a link. */
#define FMT_LOOKAHEAD 4096

/* --- atoms: what wrapping never breaks ---------------------------------- */



/* A word of a text, with the spaces inside a code span or a link. */
struct atom {
	const char *s; /* bytes; a '\n' in them is written as a space */
	size_t len;    /* bytes of s */
	size_t width;  /* columns (code points) */
	bool glue;     /* stays on the line of the atom before it (a tag) */
	bool noend;    /* must not end a line: it would read as an id, or as a
	                  backslash line break */
	bool hard;     /* a backslash line break follows it: it ends a line */
	bool keep;     /* it started a line in the source and would read
	                  otherwise elsewhere: it starts a line here too */
};

/* A growing list of atoms. */
struct atoms {
	struct hlr_arena *arena; /* owns v */
	struct atom *v;          /* the atoms */
	size_t n, cap;           /* count and capacity */
};

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n'; }

static void atoms_add(struct atoms *as, const char *s, size_t len, bool glue)
{
	if (as->n == as->cap) {
		size_t cap = as->cap ? as->cap * 2 : 32;
		as->v = hlr_arena_grow(as->arena, as->v, as->n, cap, sizeof *as->v);
		as->cap = cap;
	}
	as->v[as->n++] = (struct atom){s, len, hlr_utf8_count(s, len), glue, false, false, false};
}

/* End of the code span whose opening backticks start at s[i], or 0. */
static size_t code_span_end(const char *s, size_t n, size_t i)
{
	size_t k = 0;
	while (i + k < n && s[i + k] == '`')
		k++;
	size_t limit = n - i > FMT_LOOKAHEAD ? i + FMT_LOOKAHEAD : n;
	for (size_t j = i + k; j < limit;) {
		if (s[j] != '`') {
			j++;
			continue;
		}
		size_t m = 0;
		while (j + m < n && s[j + m] == '`')
			m++;
		if (m == k)
			return j + m;
		j += m;
	}
	return 0;
}

/* End of the quoted link title opening at s[i], or 0. */
static size_t title_end(const char *s, size_t n, size_t i, size_t limit)
{
	for (size_t j = i + 1; j < limit && j < n; j++) {
		if (s[j] == '\\')
			j++;
		else if (s[j] == '"')
			return j + 1;
	}
	return 0;
}

/* End of the link "[text](destination)" whose '[' is at s[i], or 0. */
static size_t link_end(const char *s, size_t n, size_t i)
{
	size_t limit = n - i > FMT_LOOKAHEAD ? i + FMT_LOOKAHEAD : n;
	int depth = 0;
	size_t j = i;
	for (; j < limit; j++) {
		if (s[j] == '\\') {
			j++;
		} else if (s[j] == '`') {
			size_t e = code_span_end(s, n, j);
			if (e)
				j = e - 1;
			else
				while (j + 1 < n && s[j + 1] == '`')
					j++;
		} else if (s[j] == '[') {
			depth++;
		} else if (s[j] == ']' && --depth == 0) {
			break;
		}
	}
	if (j >= limit || j + 1 >= n || s[j + 1] != '(')
		return 0;
	depth = 0;
	for (j++; j < limit; j++) {
		if (s[j] == '\\') {
			j++;
		} else if (s[j] == '"') {
			size_t e = title_end(s, n, j, limit);
			if (!e)
				return 0;
			j = e - 1;
		} else if (s[j] == '(') {
			depth++;
		} else if (s[j] == ')' && --depth == 0) {
			return j + 1;
		}
	}
	return 0;
}

/* End of the atom starting at s[i]: up to a line end, or one space,
 * outside a code span and a link. */
static size_t atom_end(const char *s, size_t n, size_t i)
{
	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t') {
			/* blanks between two words on a line other than one space
			 * (a tab, a run of spaces) are kept as they are: the
			 * writers keep them ("&#9;", "a  b") */
			size_t j = i;
			bool tab = false;
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				tab |= s[j++] == '\t';
			if ((!tab && j - i == 1) || j == n || s[j] == '\n')
				break;
			i = j;
			continue;
		}
		if (s[i] == '\n')
			break;
		if (s[i] == '\\' && i + 1 < n && !is_ws(s[i + 1])) {
			i += 2;
		} else if (s[i] == '`') {
			size_t e = code_span_end(s, n, i);
			if (e) {
				i = e;
			} else {
				while (i < n && s[i] == '`')
					i++;
			}
		} else if (s[i] == '[' || (s[i] == '!' && i + 1 < n && s[i + 1] == '[')) {
			size_t e = link_end(s, n, s[i] == '[' ? i : i + 1);
			i = e ? e : i + 1;
		} else {
			i++;
		}
	}
	return i;
}

/* Whether s[0..n) ends with an odd number of backslashes. */
static bool odd_backslashes(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && s[n - 1 - k] == '\\')
		k++;
	return k % 2 == 1;
}

/* Whether s[0..n) ends with "{#...}", which at a line end is an id. */
static bool ends_like_id(const char *s, size_t n)
{
	if (!n || s[n - 1] != '}')
		return false;
	for (size_t i = n - 1; i-- > 0;)
		if (s[i] == '{' && i + 1 < n && s[i + 1] == '#')
			return memchr(s + i, '}', n - 1 - i) == NULL;
	return false;
}

/* Whether a line of a text starting with the atom s[0..n) could read
 * otherwise than the same words going on from the line before. In
 * CommonMark, a line starting with '#', '>', '-', '+', '*', '_', '=',
 * '`', '~', '|', a digit ("1." "1)"), '[' ("[label]:") or '<' (an HTML
 * block: "<script>", "<div", "<!--") may open a block, and
 * compiler/inline.c escapes such a line or reads the whole text as plain
 * words (and writes a text holding one through its Markdown tree rather
 * than as written). The test is the first character, the one
 * compiler/inline.c looks at, so that nothing is left to the rest of the
 * line. */
static bool inline_hazard(const char *s, size_t n)
{
	if (n && s[0] == '[') {
		/* "[label]:" as compiler/inline.c finds it: up to the first
		 * ']' or '[' (so "[a link](url)" may start a line) */
		size_t k = 1;
		while (k < n && s[k] != ']' && s[k] != '[')
			k += s[k] == '\\' && k + 1 < n ? 2 : 1;
		return k >= n || (s[k] == ']' && (k + 1 >= n || s[k + 1] == ':'));
	}
	return n && strchr("#>-+*_=`~|<0123456789", s[0]) != NULL;
}

/* Splits a node's text into atoms. */
static void text_atoms(struct atoms *as, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		bool line_start = false;
		while (i < n && is_ws(s[i]))
			line_start |= s[i++] == '\n';
		if (i == n)
			break;
		size_t e = atom_end(s, n, i);
		atoms_add(as, s + i, e - i, false);
		struct atom *a = &as->v[as->n - 1];
		/* after a "{#" left open, a line break is kept as written: joined,
		 * the text could read as an id, or be escaped as one */
		bool open_id = false;
		if (as->n > 1) {
			const struct atom *p = &as->v[as->n - 2];
			for (size_t k = 0; k + 1 < p->len; k++)
				open_id |= p->s[k] == '{' && p->s[k + 1] == '#';
			open_id = open_id && !memchr(p->s, '}', p->len);
		}
		a->keep = line_start && (open_id || inline_hazard(a->s, a->len));
		bool odd = odd_backslashes(a->s, a->len);
		a->hard = odd && e < n && s[e] == '\n';
		a->noend = (odd && !a->hard) || ends_like_id(a->s, a->len);
		i = e;
	}
}

/* "@TAG" for every tag written on n, then its text, then "{#id}". */
static void node_atoms(struct atoms *as, const struct hlr_node *n)
{
	for (unsigned i = 0; i < n->ntags; i++) {
		const struct hlr_tagref *t = &n->tags[i];
		const char *name = t->name ? t->name : hlr_span_ptr(n->src, t->span);
		size_t len = t->name ? strlen(t->name) : hlr_span_len(t->span);
		char *w = hlr_arena_alloc(as->arena, len + 2);
		w[0] = '@';
		memcpy(w + 1, name, len);
		atoms_add(as, w, len + 1, i > 0);
	}
	text_atoms(as, n->text.s, n->text.len);
	if (!hlr_span_empty(n->id)) {
		size_t len = hlr_span_len(n->id);
		char *w = hlr_arena_alloc(as->arena, len + 4);
		memcpy(w, "{#", 2);
		memcpy(w + 2, hlr_span_ptr(n->src, n->id), len);
		memcpy(w + 2 + len, "}", 2);
		atoms_add(as, w, len + 3, false);
	}
}

static bool atom_is(const struct atom *a, const char *w)
{
	return a->len == strlen(w) && !memcmp(a->s, w, a->len);
}

static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* "@" then a letter, then letters, digits or '_': an authority tag. */
static bool is_tag_word(const struct atom *a)
{
	if (a->len < 2 || a->s[0] != '@' || !is_alpha(a->s[1]))
		return false;
	for (size_t i = 2; i < a->len; i++)
		if (!is_alpha(a->s[i]) && !is_digit(a->s[i]) && a->s[i] != '_')
			return false;
	return true;
}

/* Whether a starts with a dash or a bullet that Word writes for a list
 * (grammar/scan.l's DASH and WBUL): at a line start, an item marker. */
static bool word_marker_start(const struct atom *a)
{
	const unsigned char *u = (const unsigned char *)a->s;
	if (a->len < 3)
		return false;
	return (u[0] == 0xE2 && u[1] == 0x80 &&
	        ((u[2] >= 0x90 && u[2] <= 0x95) || u[2] == 0xA2 || u[2] == 0xA3)) ||
	       (u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92) ||
	       (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x83) ||
	       (u[0] == 0xE2 && u[1] == 0x97 && (u[2] == 0x8F || u[2] == 0xA6)) ||
	       (u[0] == 0xE2 && u[1] == 0x96 && u[2] == 0xAA);
}

/* Whether a line may start with a: indented (col0 false) or at column 1. */
static bool safe_start(const struct atom *a, bool col0)
{
	if (atom_is(a, "#") || atom_is(a, "-") || atom_is(a, "*") || atom_is(a, "+") ||
	    is_tag_word(a) || hlr_is_list_marker(a->s, a->len) || word_marker_start(a))
		return false;
	/* "status ..." starting a line would read as a field line */
	if (atom_is(a, "status"))
		return false;
	if (col0 && a->len && a->s[0] == '|') /* a table row */
		return false;
	if (col0 && (atom_is(a, "none") || atom_is(a, "unchanged") || atom_is(a, "=") ||
	             (a->len >= 2 && a->s[0] == '=' && a->s[1] == '=')))
		return false;
	return true;
}

/* Whether a line may end before v[i] and the next one start with it. */
static bool can_break(const struct atom *v, size_t i, bool col0)
{
	return !v[i].glue && !v[i - 1].noend && safe_start(&v[i], col0) &&
	       (v[i].keep || !inline_hazard(v[i].s, v[i].len));
}

/* --- comments: where each one belongs --------------------------------- */

/* The parser hangs a comment in a section on an open item chosen by
 * indentation. fmt decides again, from the comment's place and column, so
 * that writing it and reading it back agree: a comment belongs to the
 * innermost open item it is indented under (or to the section), but never
 * to an item outside the one the next item goes into, so a comment between
 * nested items stays between them, at their indentation. A comment between
 * the lines of an item's text belongs to that item. */

/* Column of byte off in its line, tabs to the next multiple of 4. */
static unsigned column_of(const struct hlr_source *src, uint32_t off)
{
	size_t i = off;
	while (i > src->bom && src->data[i - 1] != '\n')
		i--;
	unsigned col = 0;
	for (; i < off; i++)
		col = src->data[i] == '\t' ? (col / 4 + 1) * 4 : col + 1;
	return col;
}

static int by_start(const void *pa, const void *pb)
{
	const struct hlr_node *a = *(const struct hlr_node *const *)pa;
	const struct hlr_node *b = *(const struct hlr_node *const *)pb;
	return a->span.start < b->span.start ? -1 : a->span.start > b->span.start;
}

/* The nodes below sec, not below 'unchanged' (pre-order), into *v; the
 * comments are taken out of their parents' lists. Returns the count. */
static size_t take_apart(struct hlr_arena *a, struct hlr_node *sec, struct hlr_node ***v)
{
	size_t n = 0, cap = 0;
	*v = NULL;
	for (struct hlr_node *p = sec; p;) {
		struct hlr_node *c = p->kind == HLR_NODE_UNCHANGED ? NULL : p->first, *keep = NULL;
		if (c)
			p->first = p->last = NULL;
		for (struct hlr_node *next; c; c = next) {
			next = c->next;
			if (n == cap) {
				cap = cap ? cap * 2 : 32;
				*v = hlr_arena_grow(a, *v, n, cap, sizeof **v);
			}
			(*v)[n++] = c;
			c->next = NULL;
			if (c->kind == HLR_NODE_COMMENT)
				continue;
			if (keep)
				keep->next = c;
			else
				p->first = c;
			p->last = keep = c;
		}
		/* on to the next node of the walk */
		if (p->first && p->kind != HLR_NODE_UNCHANGED) {
			p = p->first;
			continue;
		}
		while (p && p != sec && !p->next)
			p = p->parent;
		p = p && p != sec ? p->next : NULL;
	}
	return n;
}

/* Hangs comment c in parent p's list, in the order of the source. */
static void insert_comment(struct hlr_node *p, struct hlr_node *c)
{
	struct hlr_node *prev = NULL, *at = p->first;
	while (at && at->span.start < c->span.start) {
		prev = at;
		at = at->next;
	}
	c->parent = p;
	c->next = at;
	if (prev)
		prev->next = c;
	else
		p->first = c;
	if (!at)
		p->last = c;
}

/* Whether a is b or one of b's ancestors. */
static bool encloses(const struct hlr_node *a, const struct hlr_node *b)
{
	for (; b; b = b->parent)
		if (a == b)
			return true;
	return false;
}

static void place_section_comments(struct hlr_arena *a, struct hlr_node *sec)
{
	struct hlr_node **v;
	size_t n = take_apart(a, sec, &v);
	if (!n)
		return;
	qsort(v, n, sizeof *v, by_start);
	struct hlr_node *open[HLR_MAX_DEPTH + 2]; /* open items, outermost first */
	unsigned nopen = 0;
	size_t pending = 0; /* v[pending..i) holds comments not yet placed */
	for (size_t i = 0; i <= n; i++) {
		struct hlr_node *x = i < n ? v[i] : NULL;
		if (x && x->kind == HLR_NODE_COMMENT) {
			struct hlr_node *top = nopen ? open[nopen - 1] : NULL;
			if (top && top->span.start < x->span.start && x->span.start < top->span.end) {
				x->parent = top; /* between the lines of top's text */
				continue;
			}
			unsigned col = column_of(x->src, x->span.start), k = nopen;
			while (k > 0 && open[k - 1]->indent >= col)
				k--;
			x->parent = k ? open[k - 1] : sec;
			continue;
		}
		/* the comments before x go no further out than x goes */
		for (; pending < i; pending++) {
			struct hlr_node *c = v[pending];
			if (c->kind != HLR_NODE_COMMENT)
				continue;
			if (x && x->kind == HLR_NODE_ITEM && c->parent != x->parent &&
			    encloses(c->parent, x->parent))
				c->parent = x->parent;
			insert_comment(c->parent, c);
		}
		pending = i + 1;
		if (!x)
			break;
		nopen = 0;
		if (x->kind == HLR_NODE_ITEM) {
			for (struct hlr_node *p = x; p && p != sec && nopen < HLR_MAX_DEPTH + 2; p = p->parent)
				nopen++;
			unsigned k = nopen;
			for (struct hlr_node *p = x; k > 0; p = p->parent)
				open[--k] = p;
		}
	}
}

/* Places the comments of every section of r (see above). */
static void place_comments(struct hlr_arena *a, struct hlr_report *r)
{
	for (struct hlr_node *n = r->root->first; n; n = n->next) {
		if (n->kind == HLR_NODE_SECTION)
			place_section_comments(a, n);
		else if (n->kind == HLR_NODE_PART)
			for (struct hlr_node *s = n->first; s; s = s->next)
				if (s->kind == HLR_NODE_SECTION)
					place_section_comments(a, s);
	}
}

/* --- layout ------------------------------------------------------------ */

/* The formatter's state while it writes one file. */
struct layout {
	struct hlr_arena *arena;      /* scratch memory (atoms) */
	struct hlr_buf *out;          /* formatted text, LF line ends */
	const struct hlr_source *src; /* file the tree was parsed from */
	bool blank;                   /* a blank line is owed before the next line */
	bool started;                 /* a line has been written */
};

static void line_start(struct layout *l, unsigned indent)
{
	if (l->blank && l->started)
		hlr_buf_putc(l->out, '\n');
	l->blank = false;
	l->started = true;
	for (unsigned i = 0; i < indent; i++)
		hlr_buf_putc(l->out, ' ');
}

static void put_atom(struct hlr_buf *b, const struct atom *a)
{
	for (size_t i = 0; i < a->len; i++)
		hlr_buf_putc(b, a->s[i] == '\n' ? ' ' : a->s[i]);
}

/* Whether a line must end before v[i]: after a backslash line break, or
 * before what started a line in the source and must go on doing so. */
static bool must_break(const struct atom *v, size_t i)
{
	return v[i - 1].hard || v[i].keep;
}

/* Whether a letter a to z is in v[s..e). */
static bool lower_in(const struct atom *v, size_t s, size_t e)
{
	for (size_t k = s; k < e; k++)
		for (size_t i = 0; i < v[k].len; i++)
			if (v[k].s[i] >= 'a' && v[k].s[i] <= 'z')
				return true;
	return false;
}

/* Writes v[0..n) as lines: the first after first (at column 1), the
 * others indented by indent, each as full as FMT_WIDTH allows. col0: the
 * continuation lines are at column 1. */
static void put_wrapped(struct layout *l, const char *first, unsigned indent,
                        const struct atom *v, size_t n, bool col0)
{
	line_start(l, 0);
	hlr_buf_puts(l->out, first);
	size_t col = strlen(first);
	for (size_t i = 0; i < n;) {
		size_t s = i, e = i + 1, w = col + v[s].width;
		while (e < n && !must_break(v, e) && (v[e].glue || w + 1 + v[e].width <= FMT_WIDTH)) {
			w += 1 + v[e].width;
			e++;
		}
		if (e < n && !must_break(v, e)) {
			size_t b = e;
			while (b > s && !can_break(v, b, col0))
				b--;
			if (b == s) { /* no break fits: the line runs over, to the next one */
				b = e + 1;
				while (b < n && !must_break(v, b) && !can_break(v, b, col0))
					b++;
			}
			e = b;
		}
		/* the first line of a paragraph with no small letter could read as
		 * a heading in capitals: it goes on to one */
		while (col0 && s == 0 && !*first && e < n && !must_break(v, e) && !lower_in(v, s, e)) {
			size_t b = e + 1;
			while (b < n && !must_break(v, b) && !can_break(v, b, col0))
				b++;
			e = b;
		}
		for (size_t k = s; k < e; k++) {
			if (k > s)
				hlr_buf_putc(l->out, ' ');
			put_atom(l->out, &v[k]);
		}
		hlr_buf_putc(l->out, '\n');
		i = e;
		if (i < n) {
			line_start(l, indent);
			col = indent;
		}
	}
	if (!n)
		hlr_buf_putc(l->out, '\n');
}

/* Whether the line before (dir -1) or after (dir 1) the one holding byte
 * off is blank. */
static bool blank_beside(const struct hlr_source *src, uint32_t off, int dir)
{
	const char *d = src->data;
	size_t n = src->len, i = off;
	if (dir < 0) {
		while (i > src->bom && d[i - 1] != '\n')
			i--;
		if (i <= src->bom)
			return false;
		i--; /* the '\n' ending the line before */
		while (i > src->bom && d[i - 1] != '\n') {
			char c = d[--i];
			if (c != ' ' && c != '\t' && c != '\r')
				return false;
		}
		return true;
	}
	while (i < n && d[i] != '\n')
		i++;
	if (i >= n || i + 1 >= n)
		return false;
	for (i++; i < n && d[i] != '\n'; i++)
		if (d[i] != ' ' && d[i] != '\t' && d[i] != '\r')
			return false;
	return true;
}

static void put_comment(struct layout *l, const struct hlr_node *n, unsigned indent)
{
	if (blank_beside(l->src, n->span.start, -1))
		l->blank = true;
	line_start(l, indent);
	hlr_buf_put(l->out, hlr_span_ptr(n->src, n->span), hlr_span_len(n->span));
	hlr_buf_putc(l->out, '\n');
	if (blank_beside(l->src, n->span.end, 1))
		l->blank = true;
}

/* Whether the comments from c on were written with a blank line around. */
static bool comments_have_blank(const struct layout *l, const struct hlr_node *c)
{
	for (; c && c->kind == HLR_NODE_COMMENT; c = c->next)
		if (blank_beside(l->src, c->span.start, -1) || blank_beside(l->src, c->span.end, 1))
			return true;
	return false;
}

/* Whether a blank line goes between content prev and next: not inside a
 * list, nor between an item's text and its nested items. */
static bool wants_blank(const struct hlr_node *prev, const struct hlr_node *next, bool in_item)
{
	if (in_item || !next)
		return false;
	/* a log's close lines follow its entries, one a line */
	if (prev && next->kind == HLR_NODE_CLOSE &&
	    (prev->kind == HLR_NODE_ITEM || prev->kind == HLR_NODE_CLOSE))
		return false;
	return !(prev && prev->kind == HLR_NODE_ITEM && next->kind == HLR_NODE_ITEM);
}

static void put_children(struct layout *l, const struct hlr_node *parent, unsigned indent,
                         bool in_item);

/* A section's or item's field lines ("status amber", "referrals 412"),
 * each "name value" on its own line at indent. */
static void put_field(struct layout *l, const struct hlr_node *f, unsigned indent)
{
	line_start(l, indent);
	hlr_buf_put(l->out, hlr_span_ptr(f->src, f->key), hlr_span_len(f->key));
	if (f->text.len && f->parent && f->parent->kind == HLR_NODE_ITEM &&
	    hlr_entry_field_name(hlr_span_ptr(f->src, f->key), hlr_span_len(f->key)) && f->text.s) {
		/* a log entry's fields line: its segments joined by "; " */
		const char *s = f->text.s;
		size_t n = f->text.len, i = 0;
		while (i <= n) {
			size_t j = i;
			while (j < n && s[j] != ';')
				j++;
			size_t b = i, e = j;
			while (b < e && (s[b] == ' ' || s[b] == '\t'))
				b++;
			while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
				e--;
			hlr_buf_puts(l->out, i ? "; " : " ");
			hlr_buf_put(l->out, s + b, e - b);
			i = j + 1;
		}
		hlr_buf_putc(l->out, '\n');
		return;
	}
	if (f->text.len) {
		hlr_buf_putc(l->out, ' ');
		hlr_buf_put(l->out, f->text.s ? f->text.s : "", f->text.len);
	}
	hlr_buf_putc(l->out, '\n');
}

static void put_fields(struct layout *l, const struct hlr_node *n, unsigned indent)
{
	for (const struct hlr_node *f = n->fields; f; f = f->next)
		put_field(l, f, indent);
}

static bool is_metrics_section(const struct hlr_node *n)
{
	return n->kind == HLR_NODE_SECTION && hlr_span_eq(n->src, n->key, HLR_METRICS_KEYWORD);
}

static void put_item(struct layout *l, const struct hlr_node *n, unsigned indent)
{
	struct atoms as = {l->arena, NULL, 0, 0};
	node_atoms(&as, n);
	/* "- ", or the number or letter as written ("1. ", "a) ") */
	size_t mn = n->list_style ? hlr_span_len(n->marker) : 1;
	char *first = hlr_arena_alloc(l->arena, indent + mn + 2);
	memset(first, ' ', indent);
	memcpy(first + indent, n->list_style ? hlr_span_ptr(n->src, n->marker) : "-", mn);
	first[indent + mn] = as.n ? ' ' : '\0';
	first[indent + mn + 1] = '\0';
	put_wrapped(l, first, indent + (unsigned)mn + 1, as.v, as.n, false);
	put_fields(l, n, indent + (unsigned)mn + 1);
	put_children(l, n, indent + (unsigned)mn + 1, true);
}

static void put_para(struct layout *l, const struct hlr_node *n, const struct hlr_node *prev)
{
	struct atoms as = {l->arena, NULL, 0, 0};
	node_atoms(&as, n);
	/* text that would read as something else at column 1 ("none ...")
	 * stays indented, as it was written; in the metrics section every
	 * line at column 1 is a metric line, so a note is always indented
	 * (the parser lets no note follow an item there) */
	const struct hlr_node *s = n->parent;
	if (s && s->kind == HLR_NODE_SECTION && hlr_span_eq(s->src, s->key, HLR_METRICS_KEYWORD)) {
		put_wrapped(l, "  ", 2, as.v, as.n, false);
		return;
	}
	bool col0 = !as.n || n->ntags || safe_start(&as.v[0], true);
	if (!col0 && prev && prev->kind == HLR_NODE_ITEM && as.v[0].len &&
	    strchr("#-*+=@", as.v[0].s[0])) {
		/* indented, it would go on the item before it (written under an
		 * item indented further, it did not): at column 1 with its first
		 * character escaped, it reads as the same words */
		char *e = hlr_arena_alloc(l->arena, as.v[0].len + 1);
		e[0] = '\\';
		memcpy(e + 1, as.v[0].s, as.v[0].len);
		as.v[0].s = e;
		as.v[0].len++;
		as.v[0].width++;
		col0 = true;
	}
	put_wrapped(l, col0 ? "" : "  ", col0 ? 0 : 2, as.v, as.n, col0);
}

static void put_text(struct hlr_buf *b, const struct hlr_text *t);

/* A row's cell c as written: its tags first in the first cell. */
static void cell_words(struct hlr_buf *b, const struct hlr_node *row, unsigned c)
{
	size_t start = b->len;
	for (unsigned i = 0; c == 0 && i < row->ntags; i++) {
		hlr_buf_putc(b, '@');
		hlr_buf_put(b, hlr_span_ptr(row->src, row->tags[i].span), hlr_span_len(row->tags[i].span));
		hlr_buf_putc(b, ' ');
	}
	if (c < row->ncells)
		hlr_buf_put(b, hlr_span_ptr(row->src, row->cells[c].span),
		            hlr_span_len(row->cells[c].span));
	while (b->len > start && b->data[b->len - 1] == ' ')
		b->len--;
}

static void put_table(struct layout *l, const struct hlr_node *t)
{
	const struct hlr_table *tab = t->table;
	unsigned ncols = tab->ncols;
	if (t->text.len || !hlr_span_empty(t->id)) {
		/* (in the metrics section a line at column 1 is a metric line: a
		 * caption there, an error, was indented and stays so) */
		line_start(l, tab->metrics ? 2 : 0);
		hlr_buf_puts(l->out, "Table: ");
		put_text(l->out, &t->text);
		if (!hlr_span_empty(t->id)) {
			hlr_buf_puts(l->out, " {#");
			hlr_buf_put(l->out, hlr_span_ptr(t->src, t->id), hlr_span_len(t->id));
			hlr_buf_putc(l->out, '}');
		}
		hlr_buf_putc(l->out, '\n');
	}
	size_t *width = hlr_arena_alloc(l->arena, (ncols + 1) * sizeof *width);
	struct hlr_buf w = HLR_BUF_INIT;
	for (unsigned c = 0; c < ncols; c++)
		width[c] = 3;
	for (const struct hlr_node *r = t->first; r; r = r->next) {
		if (r->kind != HLR_NODE_ROW || r->row_role == HLR_ROW_ALIGN)
			continue;
		for (unsigned c = 0; c < ncols; c++) {
			w.len = 0;
			cell_words(&w, r, c);
			size_t n = hlr_utf8_count(w.data ? w.data : "", w.len);
			if (n > width[c])
				width[c] = n;
		}
	}
	/* a row keeps its cells, as many as it has (too many or too few is an
	 * error fmt does not mend), and an alignment cell that is wrong stays
	 * as written */
	for (const struct hlr_node *r = t->first; r; r = r->next) {
		if (r->kind != HLR_NODE_ROW)
			continue;
		line_start(l, 0);
		hlr_buf_putc(l->out, '|');
		for (unsigned c = 0; c < r->ncells; c++) {
			unsigned al = tab->align && c < ncols ? tab->align[c] : HLR_ALIGN_NONE;
			size_t wc = c < ncols ? width[c] : 3;
			const struct hlr_cell *cell = c < r->ncells ? &r->cells[c] : NULL;
			hlr_buf_putc(l->out, ' ');
			if (r->row_role == HLR_ROW_ALIGN && cell &&
			    hlr_table_align_cell(hlr_span_ptr(r->src, cell->span),
			                         hlr_span_len(cell->span))) {
				hlr_buf_putc(l->out, al == HLR_ALIGN_LEFT || al == HLR_ALIGN_CENTER ? ':' : '-');
				for (size_t k = 2; k < wc; k++)
					hlr_buf_putc(l->out, '-');
				hlr_buf_putc(l->out, al == HLR_ALIGN_RIGHT || al == HLR_ALIGN_CENTER ? ':'
				                                                                     : '-');
			} else {
				w.len = 0;
				cell_words(&w, r, c);
				size_t n = hlr_utf8_count(w.data ? w.data : "", w.len);
				bool right = al == HLR_ALIGN_RIGHT && r->row_role == HLR_ROW_BODY;
				for (size_t k = n; right && k < wc; k++)
					hlr_buf_putc(l->out, ' ');
				hlr_buf_put(l->out, w.data ? w.data : "", w.len);
				for (size_t k = n; !right && k < wc; k++)
					hlr_buf_putc(l->out, ' ');
			}
			hlr_buf_puts(l->out, " |");
		}
		hlr_buf_putc(l->out, '\n');
	}
	hlr_buf_free(&w);
}

/* "close #id" or "close #id: reason" */
static void put_close(struct layout *l, const struct hlr_node *n)
{
	line_start(l, 0);
	hlr_buf_puts(l->out, "close #");
	hlr_buf_put(l->out, hlr_span_ptr(n->src, n->id), hlr_span_len(n->id));
	if (n->text.len) {
		hlr_buf_puts(l->out, ": ");
		hlr_buf_put(l->out, n->text.s ? n->text.s : "", n->text.len);
	}
	hlr_buf_putc(l->out, '\n');
}

static void put_line(struct layout *l, const struct hlr_node *n)
{
	line_start(l, 0);
	hlr_buf_put(l->out, hlr_span_ptr(n->src, n->span), hlr_span_len(n->span));
	hlr_buf_putc(l->out, '\n');
}

/* The content of a section or an item (its nested items), with comments.
 * Content carried by an 'unchanged' line hangs below it and is skipped. */
static void put_children(struct layout *l, const struct hlr_node *parent, unsigned indent,
                         bool in_item)
{
	const struct hlr_node *prev = NULL;
	bool in_comments = false;
	/* the metrics section's lines stay where they were written among its
	 * content (its tables of values, its notes, its comments): a blank
	 * line before and after them, none between them and a comment */
	const struct hlr_node *f = is_metrics_section(parent) ? parent->fields : NULL;
	bool after_lines = false;
	for (const struct hlr_node *n = parent->first; n; n = n->next) {
		if (f && f->span.start < n->span.start) {
			if (prev && !in_comments)
				l->blank = true;
			for (; f && f->span.start < n->span.start; f = f->next)
				put_field(l, f, 0);
			after_lines = true;
			in_comments = false;
			prev = NULL;
		}
		if (n->kind == HLR_NODE_COMMENT) {
			if (!in_comments) {
				/* a blank line owed before the content after the
				 * comments goes before them, unless the author put
				 * one around them */
				const struct hlr_node *next = n;
				while (next && next->kind == HLR_NODE_COMMENT)
					next = next->next;
				bool lines = f && (!next || f->span.start < next->span.start);
				if (!after_lines && (lines ? prev != NULL : wants_blank(prev, next, in_item)) &&
				    !comments_have_blank(l, n))
					l->blank = true;
				in_comments = true;
			}
			after_lines = false;
			put_comment(l, n, indent);
			continue;
		}
		if (after_lines || (!in_comments && wants_blank(prev, n, in_item)))
			l->blank = true;
		after_lines = false;
		in_comments = false;
		switch (n->kind) {
		case HLR_NODE_ITEM:
			put_item(l, n, indent);
			break;
		case HLR_NODE_PARA:
			put_para(l, n, prev);
			break;
		case HLR_NODE_NONE:
		case HLR_NODE_UNCHANGED:
			put_line(l, n);
			break;
		case HLR_NODE_CLOSE:
			put_close(l, n);
			break;
		case HLR_NODE_SUBHEAD:
			line_start(l, 0);
			hlr_buf_puts(l->out, "=== ");
			hlr_buf_put(l->out, n->text.s ? n->text.s : "", n->text.len);
			if (!hlr_span_empty(n->id)) {
				hlr_buf_puts(l->out, " {#");
				hlr_buf_put(l->out, hlr_span_ptr(n->src, n->id), hlr_span_len(n->id));
				hlr_buf_putc(l->out, '}');
			}
			hlr_buf_putc(l->out, '\n');
			break;
		case HLR_NODE_TABLE:
			put_table(l, n);
			break;
		default:
			break;
		}
		prev = n;
	}
	if (f && prev && !in_comments)
		l->blank = true;
	for (; f; f = f->next)
		put_field(l, f, 0);
}

static void put_text(struct hlr_buf *b, const struct hlr_text *t)
{
	hlr_buf_put(b, t->s ? t->s : "", t->len);
}

/* A part line's or heading override's text as written: a one-line text
 * whose escaped "\{#id}" the parser took the backslash from. */
static void put_line_text(struct hlr_buf *b, const struct hlr_text *t)
{
	if (t->nsegs == 1 && t->segs)
		hlr_buf_put(b, t->src_data + t->segs[0].src, t->segs[0].len);
	else
		put_text(b, t);
}

static void put_section(struct layout *l, const struct hlr_node *n)
{
	l->blank = true;
	line_start(l, 0);
	hlr_buf_puts(l->out, "== ");
	hlr_buf_put(l->out, hlr_span_ptr(n->src, n->key), hlr_span_len(n->key));
	if (n->heading.len) {
		hlr_buf_puts(l->out, ": ");
		put_line_text(l->out, &n->heading);
	}
	if (!hlr_span_empty(n->id)) {
		hlr_buf_puts(l->out, " {#");
		hlr_buf_put(l->out, hlr_span_ptr(n->src, n->id), hlr_span_len(n->id));
		hlr_buf_putc(l->out, '}');
	}
	hlr_buf_putc(l->out, '\n');
	l->blank = true;
	if (!is_metrics_section(n)) { /* (put_children places the metric lines) */
		put_fields(l, n, 0);
		if (n->fields)
			l->blank = true;
	}
	put_children(l, n, 0, false);
}

static void put_part(struct layout *l, const struct hlr_node *n)
{
	l->blank = true;
	line_start(l, 0);
	hlr_buf_puts(l->out, n->text.len ? "= " : "=");
	put_line_text(l->out, &n->text);
	if (!hlr_span_empty(n->id)) {
		hlr_buf_puts(l->out, " {#");
		hlr_buf_put(l->out, hlr_span_ptr(n->src, n->id), hlr_span_len(n->id));
		hlr_buf_putc(l->out, '}');
	}
	hlr_buf_putc(l->out, '\n');
	l->blank = true;
	for (const struct hlr_node *c = n->first; c; c = c->next) {
		if (c->kind == HLR_NODE_COMMENT)
			put_comment(l, c, 0);
		else if (c->kind == HLR_NODE_SECTION)
			put_section(l, c);
	}
}

static void put_header(struct layout *l, const struct hlr_node *root)
{
	size_t width = 0;
	for (const struct hlr_node *n = root->first; n; n = n->next)
		if (n->kind == HLR_NODE_FIELD && hlr_span_len(n->key) > width)
			width = hlr_span_len(n->key);
	for (const struct hlr_node *n = root->first; n; n = n->next) {
		if (n->kind == HLR_NODE_COMMENT) {
			put_comment(l, n, 0);
		} else if (n->kind == HLR_NODE_FIELD) {
			line_start(l, 0);
			size_t kn = hlr_span_len(n->key);
			hlr_buf_put(l->out, hlr_span_ptr(n->src, n->key), kn);
			if (n->text.len) {
				for (size_t i = kn; i <= width; i++)
					hlr_buf_putc(l->out, ' ');
				put_text(l->out, &n->text);
			}
			hlr_buf_putc(l->out, '\n');
		}
	}
}

/* Lays out report r (its own lines, not what it carries) into out: LF line
 * ends, then CRLF and a byte order mark when the file had them. */
static void layout_report(struct hlr_arena *a, const struct hlr_report *r, struct hlr_buf *out)
{
	struct hlr_buf lf = HLR_BUF_INIT;
	struct layout l = {a, &lf, r->src, false, false};
	put_header(&l, r->root);
	for (const struct hlr_node *n = r->root->first; n; n = n->next) {
		if (n->kind == HLR_NODE_PART)
			put_part(&l, n);
		else if (n->kind == HLR_NODE_SECTION)
			put_section(&l, n);
	}
	const struct hlr_source *src = r->src;
	const char *nl = memchr(src->data, '\n', src->len);
	bool crlf = nl && nl > src->data && nl[-1] == '\r';
	out->len = 0;
	if (src->bom)
		hlr_buf_put(out, src->data, src->bom);
	for (size_t i = 0; i < lf.len; i++) {
		if (lf.data[i] == '\n' && crlf)
			hlr_buf_putc(out, '\r');
		hlr_buf_putc(out, lf.data[i]);
	}
	if (!out->data)
		hlr_buf_reserve(out, 1);
	hlr_buf_free(&lf);
}

/* Joins the multi-line texts of every node of r once (see hlr_text_join),
 * so that the layout and the check can read text.s. */
static void join_texts(struct hlr_arena *a, struct hlr_report *r)
{
	for (struct hlr_node *n = r->root; n;) {
		hlr_text_join(a, &n->text);
		hlr_text_join(a, &n->heading);
		n = hlr_node_next(n);
	}
}

/* --- the check: the same document -------------------------------------- */

/* Whether a and b are equal once runs of blanks and line ends are one space. */
static bool same_words(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	for (;;) {
		while (i < an && is_ws(a[i]))
			i++;
		while (j < bn && is_ws(b[j]))
			j++;
		if (i == an || j == bn)
			return i == an && j == bn;
		size_t ie = i, je = j;
		while (ie < an && !is_ws(a[ie]))
			ie++;
		while (je < bn && !is_ws(b[je]))
			je++;
		if (ie - i != je - j || memcmp(a + i, b + j, ie - i))
			return false;
		i = ie;
		j = je;
	}
}

/* The same ';'-separated segments, each compared by its words: a log
 * entry's fields line, whose segments put_field trims and joins with "; "
 * ("owner A;; due X" is "owner A; ; due X"). */
static bool same_segments(const char *a, size_t an, const char *b, size_t bn)
{
	a = a ? a : "";
	b = b ? b : "";
	size_t i = 0, j = 0;
	for (;;) {
		size_t ie = i, je = j;
		while (ie < an && a[ie] != ';')
			ie++;
		while (je < bn && b[je] != ';')
			je++;
		if (!same_words(a + i, ie - i, b + j, je - j))
			return false;
		if (ie == an || je == bn)
			return ie == an && je == bn;
		i = ie + 1;
		j = je + 1;
	}
}

static bool same_span(const struct hlr_node *x, struct hlr_span a, const struct hlr_node *y,
                      struct hlr_span b)
{
	return hlr_span_len(a) == hlr_span_len(b) &&
	       !memcmp(hlr_span_ptr(x->src, a), hlr_span_ptr(y->src, b), hlr_span_len(a));
}

/* The words of t as rendered, line ends and runs of blanks as one space. */
static void rendering(struct hlr_arena *a, struct hlr_text *t, struct hlr_buf *out)
{
	struct hlr_buf h = HLR_BUF_INIT;
	hlr_inline_html(&h, t, t->nsegs ? hlr_inline_parse(a, t) : NULL);
	bool space = false;
	for (size_t i = 0; i < h.len; i++) {
		if (is_ws(h.data[i])) {
			space = true;
			continue;
		}
		if (space && out->len)
			hlr_buf_putc(out, ' ');
		space = false;
		hlr_buf_putc(out, h.data[i]);
	}
	hlr_buf_free(&h);
}

/* Whether the texts of x and y read the same: the same class (how the
 * writers take them) and the same rendering but for where lines end. */
static bool same_reading(struct hlr_arena *a, const struct hlr_node *x, const struct hlr_node *y)
{
	struct hlr_text tx = x->text, ty = y->text;
	if (!tx.nsegs || !ty.nsegs)
		return tx.nsegs == ty.nsegs;
	if ((hlr_inline_class(&tx) == HLR_TEXT_MARKUP) != (hlr_inline_class(&ty) == HLR_TEXT_MARKUP))
		return false;
	struct hlr_buf bx = HLR_BUF_INIT, by = HLR_BUF_INIT;
	rendering(a, &tx, &bx);
	rendering(a, &ty, &by);
	bool same = bx.len == by.len && (!bx.len || !memcmp(bx.data, by.data, bx.len));
	hlr_buf_free(&bx);
	hlr_buf_free(&by);
	return same;
}

/* Tables: the same columns, alignments and header column. */
static bool same_table(const struct hlr_node *x, const struct hlr_node *y)
{
	const struct hlr_table *a = x->table, *b = y->table;
	if (a->ncols != b->ncols || a->has_align != b->has_align || a->row_headers != b->row_headers)
		return false;
	for (unsigned i = 0; a->has_align && i < a->ncols; i++)
		if (a->align[i] != b->align[i])
			return false;
	return true;
}

/* Rows: the same role and cells (an alignment row's cells are the
 * table's alignments). */
static bool same_row(const struct hlr_node *x, const struct hlr_node *y)
{
	if (x->row_role != y->row_role || x->ncells != y->ncells)
		return false;
	for (unsigned i = 0; x->row_role != HLR_ROW_ALIGN && i < x->ncells; i++)
		if (!same_span(x, x->cells[i].span, y, y->cells[i].span))
			return false;
	return true;
}

/* Whether x and y are the same node: kind, keyword, id, tags, texts,
 * heading, comment, and children (but not what 'unchanged' carries). */
static bool same_node(struct hlr_arena *ar, const struct hlr_node *x, const struct hlr_node *y)
{
	/* the escape put_para writes before a paragraph's first character */
	const char *ys = y->text.s;
	size_t yn = y->text.len;
	if (x->kind == HLR_NODE_PARA && yn > 1 && ys[0] == '\\' && x->text.len && x->text.s[0] != '\\') {
		ys++;
		yn--;
	}
	if (x->kind != y->kind || x->ntags != y->ntags || !same_span(x, x->key, y, y->key) ||
	    x->list_style != y->list_style || x->number != y->number ||
	    !same_span(x, x->marker, y, y->marker) ||
	    !same_span(x, x->id, y, y->id) ||
	    !same_words(x->text.s, x->text.len, ys, yn) ||
	    !same_words(x->heading.s, x->heading.len, y->heading.s, y->heading.len))
		return false;
	if (x->kind == HLR_NODE_COMMENT && !same_span(x, x->span, y, y->span))
		return false;
	if ((x->kind == HLR_NODE_ITEM || x->kind == HLR_NODE_PARA) && !same_reading(ar, x, y))
		return false;
	if (x->kind == HLR_NODE_TABLE && !same_table(x, y))
		return false;
	if (x->kind == HLR_NODE_ROW && !same_row(x, y))
		return false;
	for (unsigned i = 0; i < x->ntags; i++)
		if (!same_span(x, x->tags[i].span, y, y->tags[i].span))
			return false;
	if (x->kind == HLR_NODE_UNCHANGED)
		return true;
	const struct hlr_node *fa = x->fields, *fb = y->fields;
	for (; fa && fb; fa = fa->next, fb = fb->next)
		if (!same_span(fa, fa->key, fb, fb->key) ||
		    !(x->kind == HLR_NODE_ITEM &&
		              hlr_entry_field_name(hlr_span_ptr(fa->src, fa->key), hlr_span_len(fa->key))
		          ? same_segments(fa->text.s, fa->text.len, fb->text.s, fb->text.len)
		          : same_words(fa->text.s, fa->text.len, fb->text.s, fb->text.len)))
			return false;
	if (fa || fb)
		return false;
	const struct hlr_node *a = x->first, *b = y->first;
	for (; a && b; a = a->next, b = b->next)
		if (!same_node(ar, a, b))
			return false;
	return !a && !b;
}

/* --- the entry point -------------------------------------------------- */

int hlr_fmt_report(struct hlr_arena *a, struct hlr_report *r, struct hlr_buf *out,
                   const char **why)
{
	struct hlr_buf again = HLR_BUF_INIT;
	join_texts(a, r);
	place_comments(a, r);
	layout_report(a, r, out);
	/* the result must read as the same document, and stay as it is */
	struct hlr_diags d2;
	hlr_diags_init(&d2, a);
	struct hlr_source *src2 = hlr_source_from_memory(a, &d2, r->src->path, out->data, out->len);
	struct hlr_report *r2 = src2 ? hlr_parse(a, &d2, src2) : NULL;
	if (r2 && !d2.errors) {
		join_texts(a, r2);
		place_comments(a, r2);
		layout_report(a, r2, &again);
	}
	int rc = 0;
	if (!r2 || d2.errors || !same_node(a, r->root, r2->root) || again.len != out->len ||
	    memcmp(again.data, out->data, out->len)) {
		*why = r2 && !d2.errors && same_node(a, r->root, r2->root)
		       ? " (formatting it again changes it)" : "";
		rc = -1;
	}
	hlr_buf_free(&again);
	return rc;
}
