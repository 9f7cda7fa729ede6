/* compiler: import, mapping (see import.h). A text view in the seeds'
 * layout is read line by line into a report: the title and header label
 * lines ("REPORT AUTHOR:<tab>Lou Williams") become fields, "Part 1 - ..."
 * lines parts, headings (in capitals, or in a Word heading style) section
 * keywords of the catalogue, "- " bullets items nested by indentation,
 * other text paragraphs, "None" forms none, and "Unchanged:" marks a
 * section as carried. Several reports make one series: series.hlr holds
 * the fields they share, and a section whose text equals the previous
 * report's becomes `unchanged`. Whatever cannot be mapped is kept as text
 * with a warning (import-unmapped) at its line. The .hlr text written is
 * then laid out by the formatter (fmt.c) and checked as hlrc check would. */
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/import.h"
#include "compiler/parse.h"
#include "compiler/resolve.h"
#include "compiler/series.h"
#include "compiler/hlrc.h"
#include "compiler/tools.h"
#include "runtime/calendar.h"
#include "runtime/strmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum blk_kind {
	B_ITEM, /* "- text" */
	B_PARA, /* text at the margin */
	B_NONE, /* "None", "None specific", alone (perhaps as a bullet) */
	B_ROW,  /* a table row: its cells' words joined by tabs */
};

/* An item, paragraph or none of a section. */
struct blk {
	enum blk_kind kind;
	int depth;         /* items: 0 at the top */
	struct hlr_buf text; /* its words, lines joined by a space */
	char marker[24];   /* B_ITEM: "3.", "b)", "iv)" as the author numbered
	                      it, or "" for a bullet */
	bool bullet;       /* B_NONE: written as a bullet */
	bool bold;         /* a heading kept as text */
	bool spaced;       /* a space was put between ']' and '(^' */
	bool header;       /* a header line kept as text (warned about) */
	struct hlr_span at; /* its first line, in the view */
};

/* A section (or a part with no section yet: kw NULL). */
struct sec {
	const char *part;     /* the part line before it, or NULL */
	const char *kw;       /* keyword, or NULL for a part alone */
	const char *heading;  /* heading override, or NULL */
	const char *decl;     /* a heading no section of the catalogue: the
	                         heading a 'section' line declares for kw */
	const char *decl_key; /* its normalized words: the same heading in
	                         another report gets the same keyword */
	const char *decl_since; /* decl without a period in parentheses after
	                           "since last reporting period" */
	struct decl *dk;      /* its keyword's entry (assign_decls) */
	bool decl_shared;     /* declared in series.hlr, not in the report */
	struct blk *b;        /* content */
	size_t nb, cap;
	bool marker;          /* "Unchanged:" above its content */
	struct hlr_span marker_at; /* where, in the view */
	const char *marker_text;   /* its words ("Unchanged:") */
	bool unchanged;       /* written as `unchanged` (series) */
	struct hlr_span at;   /* its heading, in the view */
};

/* A heading declared as a section, and its keyword (assign_decls). */
struct decl {
	const char *key;     /* its normalized words */
	char kw[64];
	const char *heading; /* as the first report declaring it has it */
	size_t reports;      /* how many declare it */
	bool differs;        /* some with other words (another case) */
};

/* Sections a report may declare; a heading beyond is kept as text. */
#define MAX_DECLS 100

struct rep {
	struct hlr_import_view v;
	const char *path;
	size_t order;            /* index among the inputs */
	const char *title;
	const char **services;
	size_t nservices;
	const char *author;
	const char **auths;      /* authority names */
	char (*tags)[16];        /* their tags */
	size_t nauths;
	char period[48];         /* canonical value, "" when none */
	struct hlr_span period_at; /* the header line it came from */
	bool has_period_at;
	struct hlr_period per;
	char name[32];           /* file name without .hlr */
	struct sec *s;
	size_t ns, cap;
	struct sec pending;      /* text before the first section */
	size_t ndecls;           /* sections declared */
	bool open_part;          /* the last sec is a part waiting for a section */
};

/* ---- Small text helpers ---------------------------------------------- */

static char up(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The length of a Unicode space (U+00A0, U+2000..U+200A, U+202F) at s. */
static size_t uspace(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && ((u[2] >= 0x80 && u[2] <= 0x8A) || u[2] == 0xAF))
		return HLRC_INTERNAL;
	return 0;
}

/* s[0..n) with blanks at both ends dropped. */
static void trim(const char **s, size_t *n)
{
	size_t k;
	while (*n && (blank(**s) || (k = uspace(*s, *n)))) {
		size_t w = blank(**s) ? 1 : k;
		*s += w;
		*n -= w;
	}
	while (*n && blank((*s)[*n - 1]))
		(*n)--;
	while (*n >= 2 && (unsigned char)(*s)[*n - 2] == 0xC2 && (unsigned char)(*s)[*n - 1] == 0xA0)
		*n -= 2;
}

static bool eq_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	if (n != k)
		return false;
	for (size_t i = 0; i < n; i++)
		if (up(s[i]) != up(w[i]))
			return false;
	return true;
}

/* Appends s[0..n) to b, each run of blanks one space. */
static void put_words(struct hlr_buf *b, const char *s, size_t n)
{
	bool sp = b->len > 0;
	for (size_t i = 0; i < n; i++) {
		if (blank(s[i])) {
			sp = true;
			continue;
		}
		/* Unicode spaces (no-break, thin) next to a blank, or at either
		 * end, are the one space between two words: kept, fmt could end
		 * or start a line with them where it wraps, and a line's Unicode
		 * spaces at its ends are not read back */
		size_t j = i, k = 0;
		bool ascii = false;
		while (j < n && (blank(s[j]) || (k = uspace(s + j, n - j)))) {
			ascii |= blank(s[j]);
			j += blank(s[j]) ? 1 : k;
		}
		if (j > i && (ascii || i == 0 || j == n)) {
			sp = true;
			i = j - 1;
			continue;
		}
		if (sp && b->len)
			hlr_buf_putc(b, ' ');
		sp = false;
		hlr_buf_putc(b, s[i]);
	}
}

static char *words(struct hlr_arena *a, const char *s, size_t n)
{
	struct hlr_buf b = HLR_BUF_INIT;
	put_words(&b, s, n);
	char *r = hlr_arena_strndup(a, b.data ? b.data : "", b.len);
	hlr_buf_free(&b);
	return r;
}

/* ---- Headings --------------------------------------------------------- */

/* s upper-cased into out as words: dashes '-', runs of blanks one space,
 * no ':' or '.' at the end, nor a period in parentheses ("(week ending
 * 26th June 2020)"), nor " SINCE LAST REPORTING PERIOD" when strip_since. */
static size_t norm_heading(const char *s, size_t n, char *out, size_t cap, bool strip_since)
{
	size_t o = 0;
	bool sp = false;
	for (size_t i = 0; i < n;) {
		const unsigned char *u = (const unsigned char *)s + i;
		size_t k = uspace(s + i, n - i);
		if (blank(s[i]) || k) {
			i += k ? k : 1;
			sp = o > 0;
			continue;
		}
		char c = up(s[i]);
		size_t w = 1;
		if (n - i >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x95) {
			c = '-';
			w = 3;
		}
		if (o + 3 >= cap)
			return 0;
		if (sp)
			out[o++] = ' ';
		sp = false;
		out[o++] = c;
		i += w;
	}
	if (o && out[o - 1] == ')') {
		size_t k = o;
		while (k && out[k - 1] != '(')
			k--;
		if (k)
			o = k - 1;
	}
	while (o && (out[o - 1] == ':' || out[o - 1] == '.' || out[o - 1] == ' '))
		o--;
	static const char since[] = " SINCE LAST REPORTING PERIOD";
	size_t sl = sizeof since - 1;
	if (strip_since && o > sl && !memcmp(out + o - sl, since, sl))
		o -= sl;
	out[o] = '\0';
	return o;
}

/* The content words of a heading, stemmed (a plural's "S" or "IES"
 * dropped), into w; returns how many. */
static int heading_words(const char *h, char w[12][24])
{
	static const char *const stop[] = {"AND", "OF", "THE", "NEW", "ANY", "SINCE", "LAST",
	                                   "REPORTING", "PERIOD", "&", "-", "/", "TO", "FOR"};
	int k = 0;
	for (const char *p = h; *p && k < 12;) {
		while (*p == ' ' || *p == '/')
			p++;
		const char *s = p;
		while (*p && *p != ' ' && *p != '/')
			p++;
		size_t n = (size_t)(p - s);
		if (!n || n >= 24)
			continue;
		bool skip = false;
		for (size_t i = 0; i < sizeof stop / sizeof stop[0]; i++)
			skip |= strlen(stop[i]) == n && !memcmp(stop[i], s, n);
		if (skip)
			continue;
		memcpy(w[k], s, n);
		w[k][n] = '\0';
		if (n > 4 && !strcmp(w[k] + n - 3, "IES"))
			strcpy(w[k] + n - 3, "Y");
		else if (n > 3 && w[k][n - 1] == 'S' && w[k][n - 2] != 'S')
			w[k][n - 1] = '\0';
		k++;
	}
	return k;
}

/* Whether the report has a section of the catalogue's keyword kw. */
static bool kw_used(const struct rep *r, const char *kw)
{
	for (size_t i = 0; i < r->ns; i++)
		if (r->s[i].kw && !r->s[i].decl && !strcmp(r->s[i].kw, kw))
			return true;
	return false;
}

/* Whether the report has declared a section for the heading whose
 * normalized words are key. */
static bool decl_used(const struct rep *r, const char *key)
{
	for (size_t i = 0; i < r->ns; i++)
		if (r->s[i].decl && !strcmp(r->s[i].decl_key, key))
			return true;
	return false;
}

/* The section keyword for the heading s[0..n), or NULL: the catalogue's
 * heading in any case, spacing and dashes (*exact set), else the entry
 * that shares the first content word and at least half the words
 * ("RECOVERY ACTIVITIES", "WORKFORCE CHANGES"), whose heading the report
 * then overrides. A keyword the report has used already is not given
 * again. This is the one place that maps a heading: sections a series
 * declares are to be matched here too. */
static const char *map_heading(const struct rep *r, const char *s, size_t n, bool *exact)
{
	char h[256], c[256];
	*exact = false;
	if (!norm_heading(s, n, h, sizeof h, true))
		return NULL;
	for (size_t i = 0; i < hlr_catalog_len; i++) {
		const struct hlr_catalog_entry *e = &hlr_catalog[i];
		norm_heading(e->heading, strlen(e->heading), c, sizeof c, true);
		if (!strcmp(c, h)) { /* given twice: not another section's, either */
			*exact = true;
			return kw_used(r, e->keyword) ? NULL : e->keyword;
		}
	}
	char hw[12][24], cw[12][24];
	int hn = heading_words(h, hw);
	if (!hn)
		return NULL;
	const char *best = NULL;
	double score = 0;
	for (size_t i = 0; i < hlr_catalog_len; i++) {
		const struct hlr_catalog_entry *e = &hlr_catalog[i];
		norm_heading(e->heading, strlen(e->heading), c, sizeof c, true);
		int cn = heading_words(c, cw);
		if (!cn || strcmp(hw[0], cw[0]) || kw_used(r, e->keyword))
			continue;
		int shared = 0;
		for (int a = 0; a < hn; a++)
			for (int b = 0; b < cn; b++)
				if (!strcmp(hw[a], cw[b])) {
					shared++;
					break;
				}
		double f = (double)shared / (hn > cn ? hn : cn);
		if (f >= 0.5 && f > score) {
			score = f;
			best = e->keyword;
		}
	}
	return best;
}

/* A line in capitals that may be a heading: four letters or more, none in
 * lower case, not ending as a sentence does. */
static bool capitals(const char *s, size_t n)
{
	int letters = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return false;
		letters += s[i] >= 'A' && s[i] <= 'Z';
	}
	return letters >= 4 && n <= 160 && s[n - 1] != '.' && s[n - 1] != ';' && s[n - 1] != ',';
}

/* Whether s[0..n) holds the words w, in any case. */
static bool has_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	for (size_t i = 0; i + k <= n; i++)
		if (eq_ci(s + i, k, w))
			return true;
	return false;
}

/* Set by read_report on a line the view does not flag: the line after it
 * is blank, or there is none. */
enum { NEXT_BLANK = 0x80 };

/* Whether the line s[0..n), not a heading of the catalogue, is clearly a
 * heading of its own, to become a declared section: a paragraph in a
 * Word heading style, or a short line in capitals alone between blank
 * lines (at most 10 words and 80 bytes). A line in capitals with text
 * right under it could be the start of a paragraph written in capitals,
 * and is not. */
static bool clear_heading(const char *s, size_t n, unsigned flags, bool blank_before)
{
	if (flags & HLR_IMPORT_HEADING)
		return true;
	/* "... SINCE LAST REPORTING PERIOD (week ending 3rd July 2020)" */
	size_t c = n;
	if (n && s[n - 1] == ')') {
		while (c && s[c - 1] != '(')
			c--;
		c = c && has_ci(s, c, "since last reporting period") ? c - 1 : n;
		while (c && blank(s[c - 1]))
			c--;
	}
	if (!blank_before || !(flags & NEXT_BLANK) || c > 80 || !c || !capitals(s, c))
		return false;
	int w = 1;
	for (size_t i = 0; i < c; i++)
		w += blank(s[i]) && i + 1 < c && !blank(s[i + 1]);
	return w <= 10;
}

/* Whether c is an ASCII letter or digit. */
static bool alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The marker of an ordered item at s, as the .hlr reads one ("1.", "1)",
 * "b)", "iv)"), into m: the bytes of the marker and the blanks after it,
 * or 0. The marker is followed by a blank and text. With paren, the
 * marker in parentheses ("(b)", which .hlr has not) is looked for, and
 * m is the one without the '(' ("b)"). */
static size_t ordered(const char *s, size_t n, char m[24], bool paren)
{
	size_t o = paren, k = o;
	if (paren && (!n || s[0] != '('))
		return 0;
	while (k < n && k < o + 12 && alnum(s[k]))
		k++;
	if (k == o || k >= n || (s[k] != ')' && (o || s[k] != '.')))
		return 0;
	size_t e = k + 1, w = 0;
	if (e >= n || !(blank(s[e]) || uspace(s + e, n - e)))
		return 0;
	memcpy(m, s + o, k - o + 1);
	m[k - o + 1] = '\0';
	if (!hlr_is_list_marker(m, k - o + 1)) {
		m[0] = '\0';
		return 0;
	}
	while (e < n && (blank(s[e]) || (w = uspace(s + e, n - e))))
		e += blank(s[e]) ? 1 : w;
	if (e >= n) {
		m[0] = '\0';
		return 0;
	}
	return e;
}

/* Whether an ordered marker m may start a list ("1.", "a)", "i)"). */
static bool list_start(const char *m)
{
	return (m[0] == '1' || m[0] == 'a' || m[0] == 'A' || m[0] == 'i' || m[0] == 'I') &&
	       (m[1] == '.' || m[1] == ')');
}

/* Whether a paragraph's words s[0..n) are what a .hlr reads as a heading
 * when they are a line of their own: no letter in lower case, not ending
 * as a sentence does (ast.c, heading-line). */
static bool shouted(const char *s, size_t n)
{
	if (n < 4 || s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ';' || s[n - 1] == '!' ||
	    s[n - 1] == '?')
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return false;
	return true;
}

/* "Part 1 - COVID-19", "PART II: ..." */
static bool part_line(const char *s, size_t n)
{
	if (n < 6 || !eq_ci(s, 4, "part") || !blank(s[4]))
		return false;
	size_t i = 5;
	while (i < n && blank(s[i]))
		i++;
	size_t k = i;
	while (k < n && ((s[k] >= '0' && s[k] <= '9') || s[k] == 'I' || s[k] == 'V' || s[k] == 'X' ||
	                 s[k] == 'i' || s[k] == 'v' || s[k] == 'x'))
		k++;
	return k > i && (k == n || blank(s[k]) || s[k] == '-' || s[k] == ':' || s[k] == '.' ||
	                 (unsigned char)s[k] == 0xE2);
}

/* The bullet at s: the bytes of its marker and the blank after it, or 0. */
static size_t bullet(const char *s, size_t n)
{
	static const char *const marks[] = {"-", "*", "+", "\xE2\x80\xA2", "\xE2\x80\x93",
	                                    "\xE2\x80\x94", "\xE2\x97\xA6", "\xE2\x96\xAA",
	                                    "\xE2\x97\x8F", "\xEF\x82\xB7", "\xC2\xB7"};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		size_t m = strlen(marks[i]);
		if (n > m && !memcmp(s, marks[i], m) && (blank(s[m]) || uspace(s + m, n - m)))
			return m + (blank(s[m]) ? 1 : uspace(s + m, n - m));
		if (n == m && !memcmp(s, marks[i], m))
			return m;
	}
	if (n > 1 && s[0] == 'o' && s[1] == '\t') /* Word's second-level bullet */
		return 2;
	return 0;
}

/* "None", "None specific", "NONE.", "N/A" alone: the words none writes
 * ("none", "none specific"), or NULL. */
static const char *none_form(const char *s, size_t n)
{
	while (n && (s[n - 1] == '.' || s[n - 1] == ':'))
		n--;
	if (eq_ci(s, n, "none"))
		return "none";
	if (eq_ci(s, n, "none specific"))
		return "none specific";
	return NULL;
}

static bool unchanged_form(const char *s, size_t n)
{
	while (n && (s[n - 1] == '.' || s[n - 1] == ':'))
		n--;
	return eq_ci(s, n, "unchanged");
}

/* ---- Reading a view into a report -------------------------------------- */

struct reader {
	struct hlr_arena *a;
	struct hlr_diags *d;
	struct rep *r;
	struct sec *cur;       /* the section content goes to */
	bool blank_since;      /* a blank line since the last block line */
	int stack[HLR_MAX_DEPTH]; /* indents of the open items */
	int depth;             /* open items */
	bool deep_warned;
	bool header;           /* adding a header line (it has its warning) */
};

static void unmapped(struct reader *x, struct hlr_span at, const char *fmt, const char *what)
{
	hlr_diag(x->d, HLR_WARNING, HLR_C_IMPORT_UNMAPPED, x->r->v.src, at, fmt, what);
}

/* "](^": the text would be read as a reference to an earlier report
 * (resolve.c's invalid-reference); put_inline writes "] (^". */
static bool ref_like(const char *t, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++) {
		if (t[i] != ']' || t[i + 1] != '(')
			continue;
		size_t k = i + 2;
		while (k < n && (t[k] == ' ' || t[k] == '\t'))
			k++;
		if (k < n && t[k] == '^')
			return true;
	}
	return false;
}

/* Adds the words of a line to block b. */
static void add_words(struct reader *x, struct blk *b, const char *s, size_t n,
                      struct hlr_span at)
{
	if (!b->text.len && !b->bold && !x->header && x->cur == &x->r->pending)
		unmapped(x, at, "%s; it is kept at the start of the first section",
		         "text before the first heading");
	else if (!b->text.len && !b->bold && !x->cur->kw && x->cur != &x->r->pending)
		unmapped(x, at, "%s; it is kept in the nearest section",
		         "text under a part line, before its first heading");
	if (!b->text.len) {
		b->at = at;
		b->header = x->header;
	}
	put_words(&b->text, s, n);
	if (!b->spaced && ref_like(b->text.data, b->text.len)) {
		b->spaced = true;
		unmapped(x, at, "%s; it is written '] (^'",
		         "text with ']' before '(^', which .hlr reads as a reference to an earlier "
		         "report");
	}
}

static struct blk *add_blk(struct reader *x, enum blk_kind k)
{
	struct sec *s = x->cur;
	if (s->nb == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->b = hlr_arena_grow(x->a, s->b, s->nb, s->cap, sizeof *s->b);
	}
	struct blk *b = &s->b[s->nb++];
	memset(b, 0, sizeof *b);
	b->kind = k;
	return b;
}

static struct sec *add_sec(struct reader *x)
{
	struct rep *r = x->r;
	if (r->ns == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->s = hlr_arena_grow(x->a, r->s, r->ns, r->cap, sizeof *r->s);
	}
	struct sec *s = &r->s[r->ns++];
	memset(s, 0, sizeof *s);
	return s;
}

/* The fields a header label names. */
enum label { L_NONE, L_SERVICE, L_AUTHOR, L_PERIOD, L_WEEK, L_AUTHORITY, L_TITLE };

static enum label label_of(const char *s, size_t n)
{
	static const struct {
		const char *name;
		enum label l;
	} t[] = {
		{"service areas", L_SERVICE}, {"service area", L_SERVICE}, {"service", L_SERVICE},
		{"services", L_SERVICE}, {"report author", L_AUTHOR}, {"author", L_AUTHOR},
		{"reported by", L_AUTHOR}, {"reporting period", L_PERIOD}, {"period", L_PERIOD},
		{"report period", L_PERIOD}, {"week ending", L_WEEK}, {"local authority", L_AUTHORITY},
		{"local authorities", L_AUTHORITY}, {"authority", L_AUTHORITY},
		{"authorities", L_AUTHORITY}, {"council", L_AUTHORITY}, {"councils", L_AUTHORITY},
		{"title", L_TITLE}, {"report title", L_TITLE},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (eq_ci(s, n, t[i].name))
			return t[i].l;
	return L_NONE;
}

/* "LABEL:<blanks>value": the label's length (without ':'), and where the
 * value starts; 0 when the line is no label line. A label is a few words
 * of letters, at most 40 bytes. */
static size_t label_line(const char *s, size_t n, size_t *value)
{
	size_t i = 0;
	while (i < n && i < 41 && s[i] != ':' && s[i] != '\t')
		i++;
	if (i == 0 || i >= n || s[i] != ':' || i > 40)
		return 0;
	for (size_t k = 0; k < i; k++)
		if (!((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z') || s[k] == ' ' ||
		      s[k] == '/' || s[k] == '&' || s[k] == '-' || s[k] == '(' || s[k] == ')'))
			return 0;
	size_t v = i + 1;
	while (v < n && blank(s[v]))
		v++;
	*value = v;
	return i;
}

/* A tag for an authority's name: its initials in capitals when it has
 * several words ("Cambridgeshire County Council": CCC), else its first
 * three letters ("Peterborough": PET); a digit added when taken. */
static void make_tag(struct rep *r, const char *name, char tag[16])
{
	size_t k = 0;
	bool several = strchr(name, ' ') != NULL;
	for (const char *p = name; *p && k < 8; p++) {
		bool letter = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z');
		if (!letter)
			continue;
		if (several && p != name && p[-1] != ' ')
			continue;
		if (!several && k == 3)
			break;
		tag[k++] = up(*p);
	}
	if (!k)
		tag[k++] = 'A';
	tag[k] = '\0';
	for (int n = 2;; n++) {
		bool taken = false;
		for (size_t i = 0; i < r->nauths; i++)
			taken |= !strcmp(r->tags[i], tag);
		if (!taken)
			return;
		snprintf(tag + k, 16 - k, "%d", n);
	}
}

static void add_authorities(struct reader *x, const char *v, size_t n)
{
	struct rep *r = x->r;
	/* "Cambridgeshire and Peterborough", "A, B and C", "A & B" */
	const char *names[64];
	size_t lens[64], k = 0;
	size_t i = 0, start = 0;
	while (i <= n && k < 64) {
		size_t sep = 0;
		if (i == n)
			sep = 1;
		else if (v[i] == ',' || v[i] == ';')
			sep = 1;
		else if (i + 5 <= n && !memcmp(v + i, " and ", 5))
			sep = 5;
		else if (i + 3 <= n && !memcmp(v + i, " & ", 3))
			sep = 3;
		if (!sep) {
			i++;
			continue;
		}
		const char *s = v + start;
		size_t m = i - start;
		trim(&s, &m);
		if (m)
			names[k] = s, lens[k++] = m;
		i += sep;
		start = i;
	}
	r->auths = hlr_arena_alloc(x->a, (k ? k : 1) * sizeof *r->auths);
	r->tags = hlr_arena_alloc(x->a, (k ? k : 1) * sizeof *r->tags);
	r->nauths = 0;
	for (size_t j = 0; j < k; j++) {
		const char *name = words(x->a, names[j], lens[j]);
		make_tag(r, name, r->tags[r->nauths]);
		r->auths[r->nauths++] = name;
	}
}

/* A header label line; false when it is not one this maps. */
static bool header_label(struct reader *x, const char *s, size_t n, struct hlr_span at)
{
	size_t vo;
	size_t ln = label_line(s, n, &vo);
	if (!ln)
		return false;
	const char *v = s + vo;
	size_t vn = n - vo;
	trim(&v, &vn);
	struct rep *r = x->r;
	enum label l = label_of(s, ln);
	if (l == L_NONE || !vn) {
		unmapped(x, at, "%s; it is kept as text in the first section",
		         l == L_NONE ? "a header label hlrc import does not know"
		                     : "a header label with no value");
		return false;
	}
	switch (l) {
	case L_SERVICE:
		r->services = hlr_arena_grow(x->a, r->services, r->nservices, r->nservices + 1,
		                             sizeof *r->services);
		r->services[r->nservices++] = words(x->a, v, vn);
		return true;
	case L_AUTHOR:
	case L_TITLE:
		if ((l == L_AUTHOR ? r->author : r->title) != NULL)
			break;
		*(l == L_AUTHOR ? &r->author : &r->title) = words(x->a, v, vn);
		return true;
	case L_AUTHORITY:
		if (r->nauths)
			break;
		add_authorities(x, v, vn);
		return true;
	case L_PERIOD:
	case L_WEEK: {
		if (r->period[0])
			break;
		/* "3 rd July": Word's superscript ordinal, in a text export */
		char buf[160];
		int k = snprintf(buf, sizeof buf, "%s", l == L_WEEK ? "week ending " : "");
		for (size_t j = 0; j < vn && k < 150; j++) {
			if (v[j] == ' ' && j && v[j - 1] >= '0' && v[j - 1] <= '9' && j + 2 < vn + 1 &&
			    j + 3 <= vn && (!memcmp(v + j + 1, "st", 2) || !memcmp(v + j + 1, "nd", 2) ||
			                    !memcmp(v + j + 1, "rd", 2) || !memcmp(v + j + 1, "th", 2)) &&
			    (j + 3 == vn || v[j + 3] == ' ' || v[j + 3] == ','))
				continue;
			buf[k++] = v[j];
		}
		buf[k] = '\0';
		bool unsure = false;
		if (k > 0 && hlr_period_from_words(buf, (size_t)k, r->period, &unsure) && !unsure) {
			r->period_at = at;
			r->has_period_at = true;
			return true;
		}
		r->period[0] = '\0';
		unmapped(x, at, "%s; it is kept as text in the first section",
		         unsure ? "a period whose date could be day/month or month/day"
		                : "a period hlrc import cannot read");
		return false;
	}
	default:
		break;
	}
	unmapped(x, at, "%s; it is kept as text in the first section",
	         "a header label given twice");
	return false;
}

/* The heading a 'section' line declares for the heading line s[0..n): its
 * words, without a ':' at the end; with since, nor a period in
 * parentheses after "since last reporting period" (in a report with a
 * previous one, the output puts the previous report's period there). */
static const char *decl_heading(struct hlr_arena *a, const char *s, size_t n, bool since)
{
	while (n && (s[n - 1] == ':' || blank(s[n - 1])))
		n--;
	if (since && n && s[n - 1] == ')') {
		size_t k = n - 1;
		while (k && s[k] != '(')
			k--;
		size_t h = k;
		while (h && (blank(s[h - 1]) || s[h - 1] == ':'))
			h--;
		if (s[k] == '(' && h && has_ci(s, h, "since last reporting period"))
			n = h;
	}
	return words(a, s, n);
}

/* Starts the section for keyword kw (heading override h). */
static void open_section(struct reader *x, const char *kw, const char *h, struct hlr_span at)
{
	struct sec *s;
	if (x->r->open_part) {
		s = &x->r->s[x->r->ns - 1];
		x->r->open_part = false;
	} else {
		s = add_sec(x);
	}
	s->kw = kw;
	s->heading = h;
	s->at = at;
	x->cur = s;
	x->depth = 0;
	x->blank_since = true;
}

/* One line of the body: s[0..n) trimmed, at indentation indent. */
static void body_line(struct reader *x, const char *line, size_t len, unsigned flags,
                      struct hlr_span at)
{
	const char *s = line;
	size_t n = len;
	int indent = 0;
	while (n) {
		size_t k = uspace(s, n);
		if (*s == '\t')
			indent = (indent / 4 + 1) * 4;
		else if (*s == ' ' || k)
			indent++;
		else
			break;
		s += k ? k : 1;
		n -= k ? k : 1;
	}
	trim(&s, &n);
	if (!n) {
		x->blank_since = true;
		return;
	}
	struct rep *r = x->r;
	bool exact = false;
	const char *kw = NULL;
	if (part_line(s, n) && indent == 0 && x->blank_since && s[n - 1] != '.' &&
	    !(flags & HLR_IMPORT_TABLE)) {
		struct sec *p = add_sec(x);
		p->part = words(x->a, s, n);
		r->open_part = true;
		x->cur = p;
		x->depth = 0;
		x->blank_since = true;
		return;
	}
	struct blk *last = x->cur->nb ? &x->cur->b[x->cur->nb - 1] : NULL;
	char mk[24] = "";
	size_t bl = bullet(s, n);
	bool paren = false; /* "(b) ": an item whose text keeps its marker */
	if (!bl && !(flags & HLR_IMPORT_TABLE)) {
		/* "1. ", "b) ": an ordered item, but "2020. " in a paragraph's
		 * run of lines is its text (not a .docx numbered paragraph's
		 * number) */
		bl = ordered(s, n, mk, false);
		paren = !bl && ordered(s, n, mk, true);
		if ((bl || paren) && !(flags & HLR_IMPORT_LIST) && !x->blank_since && last &&
		    last->kind == B_PARA && !last->bold && !list_start(mk))
			bl = 0, paren = false;
		if (paren || !bl)
			mk[0] = '\0';
	}
	const char *t = s + bl;
	size_t tn = n - bl;
	trim(&t, &tn);
	if (bl && !tn) { /* a bullet with no text is an empty line */
		x->blank_since = true;
		return;
	}
	bool item = bl || paren;
	const char *none = mk[0] ? NULL : none_form(t, tn);
	bool heading_like = !item && !none && !unchanged_form(s, n) && !(flags & HLR_IMPORT_TABLE) &&
	                    ((flags & HLR_IMPORT_HEADING) ||
	                     (indent == 0 && (x->blank_since || capitals(s, n))));
	if (heading_like)
		kw = map_heading(r, s, n, &exact);
	if (kw && (exact || (flags & HLR_IMPORT_HEADING) || capitals(s, n))) {
		const char *over = NULL;
		if (!exact) {
			size_t hn = n;
			while (hn && (s[hn - 1] == ':' || blank(s[hn - 1])))
				hn--;
			over = words(x->a, s, hn);
		}
		open_section(x, kw, over, at);
		return;
	}
	char key[256];
	bool quoted = s[0] == '"', many = false;
	/* alone: after a blank line, or where it cannot go on the text above
	 * (an item's text goes on only indented) */
	bool alone = x->blank_since || !last || last->kind != B_PARA || last->bold;
	if (heading_like && !exact && !quoted && clear_heading(s, n, flags, alone) &&
	    norm_heading(s, n, key, sizeof key, true)) {
		/* a heading of its own: a section the report declares */
		if (!decl_used(r, key) && r->ndecls < MAX_DECLS) {
			r->ndecls++;
			open_section(x, "section", NULL, at);
			x->cur->decl = decl_heading(x->a, s, n, false);
			x->cur->decl_since = decl_heading(x->a, s, n, true);
			x->cur->decl_key = hlr_arena_strndup(x->a, key, strlen(key));
			return;
		}
		exact = decl_used(r, key); /* given already */
		many = !exact;
	}
	if (heading_like && ((flags & HLR_IMPORT_HEADING) || (capitals(s, n) && x->blank_since))) {
		unmapped(x, at, "%s; it is kept as text, in bold",
		         exact ? "a heading the report has given already"
		         : many ? "a heading beyond the 100 sections a report may declare"
		         : quoted ? "a heading that starts with a quotation mark, which a section "
		                    "declaration cannot"
		                  : "a line in capitals with text right under it (or of more than 10 "
		                    "words), which may not be a heading");
		struct blk *b = add_blk(x, B_PARA);
		b->bold = true;
		add_words(x, b, s, n, at);
		x->depth = 0;
		x->blank_since = true;
		return;
	}
	if (unchanged_form(s, n) && !x->cur->nb && x->cur->kw && !x->cur->marker) {
		x->cur->marker = true;
		x->cur->marker_at = at;
		x->cur->marker_text = words(x->a, s, n);
		x->blank_since = true;
		return;
	}
	if (flags & HLR_IMPORT_TABLE) {
		/* a row of a table: a row of a GFM table (put_blocks), its
		 * cells as they are, tabs between them */
		struct blk *b = add_blk(x, B_ROW);
		hlr_buf_put(&b->text, s, n);
		x->depth = 0;
		x->blank_since = true;
		return;
	}
	last = x->cur->nb ? &x->cur->b[x->cur->nb - 1] : NULL;
	if (item) {
		if (none && !x->cur->nb) {
			struct blk *b = add_blk(x, B_NONE);
			add_words(x, b, t, tn, at);
			b->bullet = true;
			x->depth = 0;
			x->blank_since = false;
			return;
		}
		while (x->depth && x->stack[x->depth - 1] >= indent)
			x->depth--;
		if (x->depth == HLR_MAX_DEPTH) {
			if (!x->deep_warned)
				unmapped(x, at, "%s; it is kept at the deepest level",
				         "an item nested more than 16 levels deep");
			x->deep_warned = true;
			x->depth--;
		}
		struct blk *b = add_blk(x, B_ITEM);
		b->depth = x->depth;
		memcpy(b->marker, mk, sizeof mk);
		x->stack[x->depth++] = indent;
		add_words(x, b, t, tn, at);
		x->blank_since = false;
		return;
	}
	if (last && !x->blank_since && !last->bold &&
	    ((last->kind == B_ITEM && indent > 0) || last->kind == B_PARA)) {
		add_words(x, last, s, n, at);
		return;
	}
	if (none && !x->cur->nb) {
		struct blk *b = add_blk(x, B_NONE);
		add_words(x, b, s, n, at);
		x->depth = 0;
		x->blank_since = false;
		return;
	}
	struct blk *b = add_blk(x, B_PARA);
	add_words(x, b, s, n, at);
	x->depth = 0;
	x->blank_since = false;
}

/* Reads the view of r into its fields and sections. */
static void read_report(struct hlr_arena *a, struct hlr_diags *d, struct rep *r)
{
	struct reader x;
	memset(&x, 0, sizeof x);
	x.a = a;
	x.d = d;
	x.r = r;
	x.cur = &r->pending;
	x.blank_since = true;
	const char *data = r->v.src->data;
	size_t len = r->v.src->len;
	bool header = true, labels = false;
	size_t line = 0;
	for (size_t i = 0; i < len; line++) {
		size_t e = i;
		while (e < len && data[e] != '\n')
			e++;
		unsigned flags = line < r->v.nlines ? r->v.flags[line] : 0;
		const char *s = data + i;
		size_t n = e - i;
		trim(&s, &n);
		size_t ne = e + 1 < len ? e + 1 : len;
		while (ne < len && data[ne] != '\n')
			ne++;
		const char *ns = e + 1 < len ? data + e + 1 : data + len;
		size_t nn = (size_t)(data + ne - ns);
		trim(&ns, &nn);
		if (!nn)
			flags |= NEXT_BLANK;
		struct hlr_span at = hlr_span_make((uint32_t)(s - data), (uint32_t)(s - data + n));
		size_t from = i;
		i = e + 1;
		if (header) {
			bool exact;
			if (!n)
				continue;
			if (!part_line(s, n) && !(flags & HLR_IMPORT_TABLE && !label_line(s, n, &(size_t){0}))) {
				size_t vo, ln = label_line(s, n, &vo);
				/* the title comes first, even with a colon in it */
				if (ln && !bullet(s, n) && (r->title || labels || label_of(s, ln) != L_NONE)) {
					labels = true;
					if (header_label(&x, s, n, at))
						continue;
					/* kept as text, in the first section */
					struct blk *b = add_blk(&x, B_PARA);
					x.header = true; /* said why already */
					add_words(&x, b, s, n, at);
					x.header = false;
					x.blank_since = true;
					continue;
				}
				if (!r->title && !labels && !bullet(s, n) && !map_heading(r, s, n, &exact)) {
					r->title = words(a, s, n);
					continue;
				}
			}
			header = false;
		}
		body_line(&x, data + from, e - from, flags, at);
	}
	/* a paragraph in capitals would read as a heading, or as one
	 * mistyped (heading-line): it is set in bold, as a heading kept as
	 * text is */
	for (size_t k = 0; k <= r->ns; k++) {
		struct sec *s = k < r->ns ? &r->s[k] : &r->pending;
		for (size_t j = 0; j < s->nb; j++) {
			struct blk *b = &s->b[j];
			if (b->kind != B_PARA || b->bold || !shouted(b->text.data, b->text.len))
				continue;
			b->bold = true;
			if (!b->header)
				unmapped(&x, b->at, "%s; it is kept as text, in bold",
				         "text in capitals that would read as a heading");
		}
	}
	/* a part with text but no section after it: the text goes to the
	 * section before it */
	struct sec *last = r->ns ? &r->s[r->ns - 1] : NULL;
	if (last && !last->kw && last->nb) {
		struct sec *to = &r->pending;
		for (size_t k = r->ns - 1; k-- > 0;)
			if (r->s[k].kw) {
				to = &r->s[k];
				break;
			}
		for (size_t k = 0; k < last->nb; k++) {
			x.cur = to;
			*add_blk(&x, last->b[k].kind) = last->b[k];
		}
		last->nb = 0;
	}
}

/* ---- Periods and names ------------------------------------------------ */

/* The period a file name says: "2020-07-03" (a week ending), "2020-11",
 * "2020-Q3", or words ("week ending 3 July 2020"), anywhere in the name. */
static bool period_from_name(const char *path, char out[48])
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	const char *dot = strrchr(base, '.');
	if (dot && dot != base)
		n = (size_t)(dot - base);
	char w[128];
	if (n >= sizeof w)
		return false;
	for (size_t i = 0; i < n; i++)
		w[i] = base[i] == '_' ? ' ' : base[i];
	w[n] = '\0';
	bool unsure;
	if (hlr_period_from_words(w, n, out, &unsure) && !unsure)
		return true;
	for (size_t i = 0; i + 7 <= n; i++) {
		int y, m, dd;
		if (i && w[i - 1] >= '0' && w[i - 1] <= '9')
			continue;
		if (!hlr_parse_digits(w + i, 4, &y) || w[i + 4] != '-')
			continue;
		if (i + 10 <= n && hlr_parse_digits(w + i + 5, 2, &m) && w[i + 7] == '-' &&
		    hlr_parse_digits(w + i + 8, 2, &dd) && (i + 10 == n || w[i + 10] < '0' || w[i + 10] > '9')) {
			snprintf(out, 48, "week ending %.10s", w + i);
			return true;
		}
		if ((w[i + 5] == 'Q' || w[i + 5] == 'q') && w[i + 6] >= '1' && w[i + 6] <= '4') {
			snprintf(out, 48, "quarter %.4s-Q%c", w + i, w[i + 6]);
			return true;
		}
		if (hlr_parse_digits(w + i + 5, 2, &m) && (i + 7 == n || w[i + 7] < '0' || w[i + 7] > '9')) {
			snprintf(out, 48, "month %.7s", w + i);
			return true;
		}
	}
	return false;
}

/* ---- Writing .hlr text ------------------------------------------------ */

static bool punct(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
	       (c >= '{' && c <= '~');
}

/* Item or paragraph words as inline Markdown that reads as the words:
 * what CommonMark or the .hlr line grammar would take as markup is
 * escaped. */
static void put_inline(struct hlr_buf *b, const char *s, size_t n, bool para)
{
	bool link = false;
	for (size_t i = 0; i + 1 < n; i++)
		link |= s[i] == ']' && s[i + 1] == '(';
	/* a paragraph starting "1. " or "b) " would be an ordered item: its
	 * marker's '.' or ')' is escaped */
	size_t w = 0, mark = n;
	while (w < n && s[w] != ' ')
		w++;
	if (para && hlr_is_list_marker(s, w))
		mark = w - 1;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool esc = i == mark;
		if (c == ']' && ref_like(s + i, n - i) && ref_like(s + i, 2 + strspn(s + i + 2, " \t") + 1)) {
			hlr_buf_puts(b, "\\] ");
			continue;
		}
		if (esc) {
			/* the delimiter of a marker */
		} else if (c == '\\')
			esc = i + 1 < n && punct(s[i + 1]);
		else if (c == '*' || c == '`')
			esc = true;
		else if (c == '_')
			esc = (i == 0 || !((s[i - 1] >= 'A' && s[i - 1] <= 'Z') || (s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
			                   (s[i - 1] >= '0' && s[i - 1] <= '9'))) ||
			      i + 1 == n || !((s[i + 1] >= 'A' && s[i + 1] <= 'Z') || (s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
			                      (s[i + 1] >= '0' && s[i + 1] <= '9'));
		else if (c == '<')
			esc = i + 1 < n && (s[i + 1] == '/' || s[i + 1] == '!' || s[i + 1] == '?' ||
			                    (s[i + 1] >= 'A' && s[i + 1] <= 'Z') ||
			                    (s[i + 1] >= 'a' && s[i + 1] <= 'z'));
		else if (c == '[' || c == '!')
			esc = link && (c == '[' || (i + 1 < n && s[i + 1] == '['));
		else if (c == '{')
			esc = i + 1 < n && s[i + 1] == '#';
		else if (c == '&') {
			size_t k = i + 1;
			while (k < n && k < i + 32 && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
			                               (s[k] >= '0' && s[k] <= '9') || s[k] == '#'))
				k++;
			esc = k > i + 1 && k < n && s[k] == ';';
		} else if (i == 0) {
			esc = c == '@' || c == '|' || c == '>' || (para && (c == '#' || c == '=' || c == '-' || c == '+'));
		}
		if (esc)
			hlr_buf_putc(b, '\\');
		hlr_buf_putc(b, c);
	}
}

/* Whether authority name w is named in t as a whole word (as govern.c
 * reads it for untagged-authority). */
static bool names(const char *t, size_t n, const char *w)
{
	size_t wn = strlen(w);
	for (size_t i = 0; wn && i + wn <= n; i++) {
		if (memcmp(t + i, w, wn))
			continue;
		unsigned char p = i ? (unsigned char)t[i - 1] : ' ', q = i + wn < n ? (unsigned char)t[i + wn] : ' ';
		bool pw = (p >= 'A' && p <= 'Z') || (p >= 'a' && p <= 'z') || (p >= '0' && p <= '9') || p == '_' || p >= 0x80;
		bool qw = (q >= 'A' && q <= 'Z') || (q >= 'a' && q <= 'z') || (q >= '0' && q <= '9') || q == '_' || q >= 0x80;
		if (!pw && !qw)
			return true;
	}
	return false;
}

/* The one authority of r that text t names, or -1 (none, or several). */
static int named_one(const struct rep *r, const char *t, size_t n)
{
	if (r->nauths < 2)
		return -1;
	int one = -1;
	for (size_t k = 0; k < r->nauths; k++) {
		if (!names(t, n, r->auths[k]) && !names(t, n, r->tags[k]))
			continue;
		if (one >= 0)
			return -1;
		one = (int)k;
	}
	return one;
}

/* Whether text at the margin starting t[0..n) would be read as a line
 * of its own kind: "None" or "Unchanged:" alone, or a first word "none",
 * "unchanged", "status" or a header field's name. */
static bool line_word(const char *t, size_t n)
{
	static const char *const w[] = {"none", "unchanged", "title", "service", "author",
	                                "period", "authority", "section", "cadence", "previous",
	                                "require", "stale-after", "status"};
	if (none_form(t, n) || unchanged_form(t, n))
		return true;
	size_t k = 0;
	while (k < n && t[k] != ' ')
		k++;
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strlen(w[i]) == k && !memcmp(t, w[i], k))
			return true;
	return false;
}

/* One cell of a table row as the .hlr table reads it: inline Markdown as
 * put_inline writes it, each '|' escaped, and a start that would read as
 * a block (a list marker, a heading, a quotation, "1.") escaped. */
static void put_cell(struct hlr_buf *o, const char *s, size_t n)
{
	while (n && s[0] == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	struct hlr_buf t = HLR_BUF_INIT;
	put_inline(&t, s, n, true);
	size_t k = 0;
	while (k < t.len && k < 10 && t.data[k] >= '0' && t.data[k] <= '9')
		k++;
	bool numbered = k && k < t.len && (t.data[k] == '.' || t.data[k] == ')') &&
	                (k + 1 == t.len || t.data[k + 1] == ' ');
	size_t slashes = 0;
	for (size_t i = 0; i < t.len; i++) {
		char c = t.data[i];
		if ((c == '|' && slashes % 2 == 0) || (numbered && i == k))
			hlr_buf_putc(o, '\\');
		hlr_buf_putc(o, c);
		slashes = c == '\\' ? slashes + 1 : 0;
	}
	hlr_buf_free(&t);
}

/* A table row: its cells between bars, ncols of them (a row with fewer
 * gets empty ones; with more, the last column takes the rest's words). */
static void put_row(struct hlr_buf *o, const char *s, size_t n, unsigned ncols)
{
	size_t at = 0;
	hlr_buf_putc(o, '|');
	for (unsigned c = 0; c < ncols; c++) {
		size_t end = at;
		while (end < n && (s[end] != '\t' || c + 1 == ncols))
			end++;
		hlr_buf_putc(o, ' ');
		struct hlr_buf cell = HLR_BUF_INIT;
		for (size_t i = at; i < end; i++)
			hlr_buf_putc(&cell, s[i] == '\t' ? ' ' : s[i]);
		put_cell(o, cell.data ? cell.data : "", cell.len);
		hlr_buf_free(&cell);
		hlr_buf_puts(o, " |");
		at = end < n ? end + 1 : n;
	}
	hlr_buf_putc(o, '\n');
}

/* The content of s; alone: nothing else is in its section, so a "None"
 * may be the section's none. */
static void put_blocks(struct hlr_buf *o, const struct rep *r, const struct sec *s, bool alone)
{
	if (alone && s->nb == 1 && s->b[0].kind == B_NONE) {
		hlr_buf_printf(o, "\n%s\n", none_form(s->b[0].text.data, s->b[0].text.len));
		return;
	}
	int tags[HLR_MAX_DEPTH]; /* the tag each open item has, or inherits */
	enum blk_kind prev = B_PARA;
	unsigned ncols = 0; /* the current table's columns */
	for (size_t i = 0; i < s->nb; i++) {
		const struct blk *b = &s->b[i];
		const char *t = b->text.data ? b->text.data : "";
		size_t tn = b->text.len;
		if (b->kind == B_ROW) {
			/* the first row of a table is its header, the alignment
			 * row below it */
			if (i == 0 || prev != B_ROW) {
				ncols = 1;
				for (size_t k = 0; k < tn; k++)
					ncols += t[k] == '\t';
				hlr_buf_putc(o, '\n');
				put_row(o, t, tn, ncols);
				hlr_buf_putc(o, '|');
				for (unsigned c = 0; c < ncols; c++)
					hlr_buf_puts(o, " --- |");
				hlr_buf_putc(o, '\n');
			} else {
				put_row(o, t, tn, ncols);
			}
			prev = B_ROW;
			continue;
		}
		/* words a line at the margin would read as none, unchanged or a
		 * header field are kept as an item's */
		bool item = b->kind != B_PARA || (!b->bold && line_word(t, tn));
		if (!item || !(prev == B_ITEM) || i == 0)
			hlr_buf_putc(o, '\n');
		int one = named_one(r, t, tn), inherited = -1;
		if (item) {
			int depth = b->kind == B_ITEM ? b->depth : 0;
			inherited = depth ? tags[depth - 1] : -1;
			for (int k = 0; k < depth; k++)
				hlr_buf_puts(o, "  ");
			if (b->kind == B_ITEM && b->marker[0])
				hlr_buf_printf(o, "%s ", b->marker);
			else
				hlr_buf_puts(o, "- ");
			tags[depth] = one >= 0 ? one : inherited;
		}
		if (one >= 0 && one != inherited)
			hlr_buf_printf(o, "@%s ", r->tags[one]);
		if (b->bold)
			hlr_buf_puts(o, "**");
		put_inline(o, t, tn, !item && one < 0 && !b->bold);
		if (b->bold)
			hlr_buf_puts(o, "**");
		hlr_buf_putc(o, '\n');
		prev = item ? B_ITEM : B_PARA;
	}
}

static void put_field(struct hlr_buf *o, const char *name, const char *v)
{
	if (v)
		hlr_buf_printf(o, "%-9s %s\n", name, v);
}

static void put_authorities(struct hlr_buf *o, const struct rep *r)
{
	for (size_t i = 0; i < r->nauths; i++)
		hlr_buf_printf(o, "authority %s %s\n", r->tags[i], r->auths[i]);
}

/* Which header fields all reports share (and series.hlr holds). */
struct shared {
	bool title, services, author, auths;
	const char *cadence;
};

/* The 'section' lines of the sections r declares (those series.hlr does
 * not declare for every report). */
static void put_decls(struct hlr_buf *o, const struct rep *r)
{
	for (size_t i = 0; i < r->ns; i++)
		if (r->s[i].decl && !r->s[i].decl_shared)
			hlr_buf_printf(o, "section   %s %s\n", r->s[i].kw, r->s[i].decl);
}

static void put_report(struct hlr_buf *o, const struct rep *r, const struct shared *sh)
{
	if (!sh->title)
		put_field(o, "title", r->title);
	if (!sh->services)
		for (size_t i = 0; i < r->nservices; i++)
			put_field(o, "service", r->services[i]);
	if (!sh->author)
		put_field(o, "author", r->author);
	put_field(o, "period", r->period);
	if (!sh->auths)
		put_authorities(o, r);
	put_decls(o, r);
	bool first = true;
	for (size_t i = 0; i < r->ns; i++) {
		const struct sec *s = &r->s[i];
		if (s->part)
			hlr_buf_printf(o, "\n= %s\n", s->part);
		if (!s->kw)
			continue;
		hlr_buf_printf(o, "\n== %s", s->kw);
		if (s->heading)
			hlr_buf_printf(o, ": %s", s->heading);
		hlr_buf_putc(o, '\n');
		bool first_had_pending = first && r->pending.nb;
		if (first_had_pending)
			put_blocks(o, r, &r->pending, false);
		first = false;
		if (s->unchanged) {
			hlr_buf_puts(o, "\nunchanged\n");
			continue;
		}
		if (s->marker) { /* kept, as text that cannot be read as the line */
			const char *m = s->marker_text;
			size_t mn = strlen(m);
			if (m[mn - 1] == ':' || m[mn - 1] == '.')
				hlr_buf_printf(o, "\n%.*s\\%c\n", (int)(mn - 1), m, m[mn - 1]);
			else
				hlr_buf_printf(o, "\n- %s\n", m);
		}
		if (!s->nb && !s->marker && !(first_had_pending))
			hlr_buf_puts(o, "\nnone\n");
		put_blocks(o, r, s, !first_had_pending && !s->marker);
	}
}

/* ---- The series --------------------------------------------------------- */

/* The keyword for a declared heading whose normalized words are key:
 * its words in lower case, letters and digits, joined by '-' (at most 5
 * words, 40 bytes), starting with a letter ("STAFFING UPDATE":
 * staffing-update). */
static void decl_base(const char *key, char out[64])
{
	size_t o = 0;
	int nw = 0;
	for (const char *p = key; *p && nw < 5;) {
		while (*p && !alnum(*p))
			p++;
		char w[48];
		size_t k = 0;
		for (; *p && (alnum(*p) || (unsigned char)*p >= 0x80); p++)
			if (alnum(*p) && k < 40)
				w[k++] = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
		if (!k)
			continue;
		if (o && o + 1 + k > 40)
			break;
		if (o)
			out[o++] = '-';
		memcpy(out + o, w, k);
		o += k;
		nw++;
	}
	out[o] = '\0';
	if (!o)
		strcpy(out, "section");
	else if (out[0] >= '0' && out[0] <= '9') {
		memmove(out + 8, out, o + 1);
		memcpy(out, "section-", 8);
	}
}

/* Gives each declared section of the reports v[0..n) its keyword: one
 * per heading (its normalized words) in all of them, so that the same
 * heading is the same section in every report; none a keyword of the
 * catalogue, "lead", or another heading's ("-2", "-3" after it). Counts
 * the reports declaring each. Returns the headings, in the order first
 * met (*nd of them). */
static struct decl **assign_decls(struct hlr_arena *a, struct rep **v, size_t n, size_t *nd)
{
	struct decl **dk = NULL;
	size_t ndk = 0;
	struct hlr_strmap keys, kws;
	hlr_strmap_init(&keys, a);
	hlr_strmap_init(&kws, a);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < v[i]->ns; k++) {
			struct sec *s = &v[i]->s[k];
			if (!s->decl)
				continue;
			struct decl *e = hlr_strmap_get(&keys, s->decl_key, strlen(s->decl_key));
			if (!e) {
				e = hlr_arena_alloc(a, sizeof *e);
				memset(e, 0, sizeof *e);
				e->key = s->decl_key;
				char base[64];
				decl_base(s->decl_key, base);
				snprintf(e->kw, sizeof e->kw, "%s", base);
				for (int c = 2; hlr_catalog_find(e->kw, strlen(e->kw)) || !strcmp(e->kw, "lead") ||
				                hlr_strmap_get(&kws, e->kw, strlen(e->kw));
				     c++)
					snprintf(e->kw, sizeof e->kw, "%s-%d", base, c);
				hlr_strmap_put(&keys, e->key, strlen(e->key), e);
				hlr_strmap_put(&kws, e->kw, strlen(e->kw), e);
				dk = hlr_arena_grow(a, dk, ndk, ndk + 1, sizeof *dk);
				dk[ndk++] = e;
			}
			s->kw = e->kw;
			s->dk = e;
		}
	*nd = ndk;
	return dk;
}

static bool same_blocks(const struct sec *a, const struct sec *b)
{
	if (a->nb != b->nb || !a->nb)
		return false;
	if (a->nb == 1 && a->b[0].kind == B_NONE)
		return false; /* "None" each time is not carried */
	for (size_t i = 0; i < a->nb; i++) {
		const struct blk *x = &a->b[i], *y = &b->b[i];
		if (x->kind != y->kind || x->depth != y->depth || x->bold != y->bold ||
		    strcmp(x->marker, y->marker) ||
		    x->text.len != y->text.len || (x->text.len && memcmp(x->text.data, y->text.data, x->text.len)))
			return false;
	}
	return true;
}

static bool same_list(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]))
			return false;
	return true;
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static int by_period(const void *pa, const void *pb)
{
	const struct rep *a = *(const struct rep *const *)pa, *b = *(const struct rep *const *)pb;
	int c = hlr_date_cmp(a->per.end, b->per.end);
	if (c)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void free_blocks(struct rep *r)
{
	for (size_t i = 0; i <= r->ns; i++) {
		struct sec *s = i < r->ns ? &r->s[i] : &r->pending;
		for (size_t k = 0; k < s->nb; k++)
			hlr_buf_free(&s->b[k].text);
	}
}

/* Lays the files out as fmt does and checks them together; HLRC_OK, or
 * HLRC_INTERNAL when they do not read back clean. */
static int finish(struct hlr_arena *a, struct hlr_diags *d, const char *dir,
                  struct hlr_import_file *f, size_t nf, bool series)
{
	size_t errors = d->errors;
	struct hlr_source **srcs = hlr_arena_alloc(a, nf * sizeof *srcs);
	for (size_t i = 0; i < nf; i++) {
		struct hlr_source *src = hlr_source_from_memory(a, d, f[i].path, f[i].text.data,
		                                                f[i].text.len);
		/* read for the formatter; what the text draws is said once, by
		 * the check below (the errors here, should there be any) */
		struct hlr_diags scratch;
		hlr_diags_init(&scratch, a);
		struct hlr_report *r = src ? hlr_parse(a, &scratch, src) : NULL;
		struct hlr_buf out = HLR_BUF_INIT;
		const char *why = "";
		if (!r || scratch.errors || hlr_fmt_report(a, r, &out, &why) != 0) {
			hlr_buf_free(&out);
			if (src && scratch.errors)
				hlr_parse(a, d, src);
			hlr_diag_file(d, HLR_ERROR, HLR_C_NONE, f[i].path,
			              "internal error: the imported text does not format%s; nothing was "
			              "written (please report this with the input)", why);
			return HLRC_INTERNAL;
		}
		hlr_buf_free(&f[i].text);
		f[i].text = out;
		srcs[i] = hlr_source_from_memory(a, d, f[i].path, out.data, out.len);
	}
	if (series) {
		hlr_series_build(a, d, dir, srcs, nf);
	} else {
		struct hlr_report *r = hlr_parse(a, d, srcs[0]);
		hlr_resolve(a, d, r);
	}
	if (d->errors > errors) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_NONE, dir,
		              "internal error: the imported reports do not check; nothing was written "
		              "(please report this with the input)");
		return HLRC_INTERNAL;
	}
	return 0;
}

int hlr_import(struct hlr_arena *a, struct hlr_diags *d, const struct hlr_import_input *in,
               size_t n, const char *dir, struct hlr_import_file **out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	size_t errors = d->errors;
	struct rep *reps = hlr_arena_alloc(a, (n ? n : 1) * sizeof *reps);
	struct rep **v = hlr_arena_alloc(a, (n ? n : 1) * sizeof *v);
	size_t nr = 0;
	for (size_t i = 0; i < n; i++) {
		struct rep *r = &reps[nr];
		memset(r, 0, sizeof *r);
		r->path = in[i].path;
		r->order = i;
		if (!hlr_import_view(a, d, in[i].path, in[i].data, in[i].len, &r->v))
			continue;
		read_report(a, d, r);
		nr++;
		bool sections = false;
		for (size_t k = 0; k < r->ns; k++)
			sections |= r->s[k].kw != NULL;
		if (!sections) {
			hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_FORMAT, r->path,
			              "has no section heading hlrc import recognises (a heading of the "
			              "catalogue, such as NEW GUIDANCE AND IMPACT, on a line of its own)");
			continue;
		}
		if (!r->title) {
			const char *base = strrchr(r->path, '/');
			r->title = base ? base + 1 : r->path;
			hlr_diag_file(d, HLR_WARNING, HLR_C_IMPORT_UNMAPPED, r->path,
			              "has no title line above its header; its file name is the title");
		}
		if (!r->period[0] && !period_from_name(r->path, r->period)) {
			hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_PERIOD, r->path,
			              "has no period hlrc import can read: give the report a line "
			              "\"REPORTING PERIOD: Week ending 3rd July 2020\" (or \"November 2020\", "
			              "\"Q3 2020\"), or name the file by its period (2020-07-03.txt, "
			              "2020-11.txt, 2020-Q3.txt)");
			continue;
		}
		const char *err;
		size_t eo, el;
		if (!hlr_period_parse(a, r->period, strlen(r->period), &r->per, &err, &eo, &el)) {
			if (r->has_period_at)
				hlr_diag(d, HLR_ERROR, HLR_C_IMPORT_PERIOD, r->v.src, r->period_at,
				         "the period is not a real date: %s", err);
			else
				hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_PERIOD, r->path,
				              "the period in the file name is not a real date: %s", err);
			continue;
		}
		char value[48];
		hlr_new_period_text(&r->per, value, r->name);
		v[i] = r;
	}
	int rc = 0;
	if (d->errors > errors || nr != n)
		rc = 1;
	for (size_t i = 0; !rc && i < n; i++)
		if (!v[i])
			rc = 1;
	if (!rc) {
		qsort(v, n, sizeof *v, by_period);
		for (size_t i = 1; i < n; i++) {
			if (strcmp(v[i]->name, v[i - 1]->name))
				continue;
			if (v[i]->has_period_at) {
				size_t k = hlr_diag(d, HLR_ERROR, HLR_C_IMPORT_PERIOD, v[i]->v.src, v[i]->period_at,
				                    "another input is for this period too (%s)", v[i]->per.label);
				if (v[i - 1]->has_period_at)
					hlr_diag_note(d, k, v[i - 1]->v.src, v[i - 1]->period_at, "this one");
			} else {
				hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_PERIOD, v[i]->path,
				              "is for %s, as %s is", v[i]->per.label, v[i - 1]->path);
			}
			rc = 1;
		}
	}
	if (rc) {
		for (size_t i = 0; i < nr; i++)
			free_blocks(&reps[i]);
		return HLRC_FAILED;
	}
	size_t nd;
	struct decl **dk = assign_decls(a, v, n, &nd);
	/* the output puts the previous report's period after "since last
	 * reporting period"; a heading every report declares with the same
	 * words goes to series.hlr */
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < v[i]->ns; k++) {
			struct sec *s = &v[i]->s[k];
			if (!s->decl)
				continue;
			if (i > 0)
				s->decl = s->decl_since;
			s->dk->reports++;
			if (!s->dk->heading)
				s->dk->heading = s->decl;
			s->dk->differs |= strcmp(s->dk->heading, s->decl) != 0;
		}
	for (size_t i = 0; i < n && n > 1; i++)
		for (size_t k = 0; k < v[i]->ns; k++) {
			struct sec *s = &v[i]->s[k];
			s->decl_shared = s->decl && s->dk->reports == n && !s->dk->differs;
		}
	struct shared sh = {false, false, false, false, NULL};
	if (n > 1) {
		sh.title = sh.services = sh.author = sh.auths = true;
		for (size_t i = 1; i < n; i++) {
			sh.title &= same_str(v[i]->title, v[0]->title);
			sh.author &= same_str(v[i]->author, v[0]->author);
			sh.services &= same_list(v[i]->services, v[i]->nservices, v[0]->services,
			                         v[0]->nservices);
			sh.auths &= same_list(v[i]->auths, v[i]->nauths, v[0]->auths, v[0]->nauths);
		}
		static const char *const cad[] = {"weekly", "fortnightly", "monthly", "quarterly"};
		sh.cadence = cad[v[0]->per.kind];
		for (size_t i = 1; i < n; i++)
			if (v[i]->per.kind != v[0]->per.kind)
				sh.cadence = NULL;
		/* a section as the previous report had it is carried */
		for (size_t i = 1; i < n; i++) {
			struct rep *r = v[i], *p = v[i - 1];
			bool same_auths = same_list(r->auths, r->nauths, p->auths, p->nauths);
			bool first = true;
			for (size_t k = 0; k < r->ns; k++) {
				struct sec *s = &r->s[k];
				if (!s->kw)
					continue;
				/* the first section holds the text before it too */
				bool pending = first && r->pending.nb;
				first = false;
				if (pending)
					continue;
				for (size_t j = 0; j < p->ns; j++)
					if (p->s[j].kw && !strcmp(p->s[j].kw, s->kw) && same_auths &&
					    same_blocks(s, &p->s[j]))
						s->unchanged = true;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct rep *r = v[i];
		bool first = true;
		for (size_t k = 0; k < r->ns; k++) {
			struct sec *s = &r->s[k];
			bool pending = s->kw && first && r->pending.nb;
			first &= !s->kw;
			if (s->kw && !s->nb && !s->marker && !pending)
				hlr_diag(d, HLR_WARNING, HLR_C_IMPORT_UNMAPPED, r->v.src, s->at,
				         "a heading with no text under it; the section is written 'none'");
			if (!s->marker || s->unchanged)
				continue;
			hlr_diag(d, HLR_WARNING, HLR_C_IMPORT_UNMAPPED, r->v.src, s->marker_at,
			         i == 0 ? "'Unchanged:' with no earlier report imported to carry from; the "
			                  "text under it is kept, and the word as a paragraph"
			                : "'Unchanged:' above text that differs from the previous report's; "
			                  "the text is kept, and the word as a paragraph");
		}
	}
	struct hlr_import_file *f = hlr_arena_alloc(a, (n + 1) * sizeof *f);
	size_t nf = 0;
	if (n > 1) {
		struct hlr_buf *o = &f[nf].text;
		memset(o, 0, sizeof *o);
		f[nf++].path = hlr_path_join(a, dir, HLR_SERIES_FILE);
		if (sh.title)
			put_field(o, "title", v[0]->title);
		if (sh.services)
			for (size_t i = 0; i < v[0]->nservices; i++)
				put_field(o, "service", v[0]->services[i]);
		if (sh.author)
			put_field(o, "author", v[0]->author);
		put_field(o, "cadence", sh.cadence);
		if (sh.auths)
			put_authorities(o, v[0]);
		for (size_t j = 0; j < nd; j++)
			if (dk[j]->reports == n && !dk[j]->differs)
				hlr_buf_printf(o, "section   %s %s\n", dk[j]->kw, dk[j]->heading);
	}
	for (size_t i = 0; i < n; i++) {
		char name[40];
		snprintf(name, sizeof name, "%s.hlr", v[i]->name);
		memset(&f[nf].text, 0, sizeof f[nf].text);
		f[nf].path = hlr_path_join(a, dir, name);
		put_report(&f[nf++].text, v[i], &sh);
	}
	for (size_t i = 0; i < n; i++)
		free_blocks(v[i]);
	rc = finish(a, d, dir, f, nf, n > 1);
	if (rc) {
		for (size_t i = 0; i < nf; i++)
			hlr_buf_free(&f[i].text);
		return rc;
	}
	*out = f;
	*nout = nf;
	return 0;
}
