/* compiler: the Word writer (write stage, see emit.h). A .docx package
 * laid out like the reports authors write in Word: the title, the header
 * as a two-column table, the status summary, parts, sections and
 * sub-headings as Word's built-in headings (Heading 1 to 3, so a committee
 * template restyles them), statuses as "Status: ..." labels, items as real
 * bulleted or numbered lists (numbering.xml, a level per nesting depth,
 * each ordered list from the author's first number), tables, the metrics'
 * values, paragraphs, "None", the "Unchanged since" note, authority tags
 * as bold labels, the protective marking (also in the page header and
 * footer), and links: external ones and references to other reports
 * through hyperlink relationships, links within the report to bookmarks
 * on its anchors. Every kind of lowered node is named in blocks(), so
 * -Wswitch finds one this writer does not write.
 *
 * Every XML part is written by libxml2's xmlTextWriter (it escapes) and
 * the package by libzip, in memory; both fail only short of memory, which
 * is reported as every other allocation is (hlr_oom). The same report
 * gives the same bytes: the parts in a fixed order, each entry's time the
 * zip format's first day (1980-01-01 00:00), and the document's created
 * and modified dates the last day of its period. */
#include "compiler/emit.h"
#include "compiler/track.h"
#include "compiler/resolve.h"

#include <libxml/xmlwriter.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

/* The package's parts, in the order they are stored. */
enum part {
	P_CONTENT_TYPES,
	P_RELS,
	P_CORE,
	P_APP,
	P_DOCUMENT,
	P_STYLES,
	P_NUMBERING,
	P_SETTINGS,
	P_DOCUMENT_RELS,
	P_HEADER,
	P_FOOTER,
	NPARTS
};

static const char *const part_names[NPARTS] = {
	[P_CONTENT_TYPES] = "[Content_Types].xml",
	[P_RELS] = "_rels/.rels",
	[P_CORE] = "docProps/core.xml",
	[P_APP] = "docProps/app.xml",
	[P_DOCUMENT] = "word/document.xml",
	[P_STYLES] = "word/styles.xml",
	[P_NUMBERING] = "word/numbering.xml",
	[P_SETTINGS] = "word/settings.xml",
	[P_DOCUMENT_RELS] = "word/_rels/document.xml.rels",
	[P_HEADER] = "word/header1.xml",
	[P_FOOTER] = "word/footer1.xml",
};

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_OFFICE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_WORD "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* Relationships of word/document.xml before the hyperlinks (rId1..). */
static const char *const doc_rels[][2] = {
	{"styles", "styles.xml"},
	{"numbering", "numbering.xml"},
	{"settings", "settings.xml"},
};
#define NDOC_RELS (sizeof doc_rels / sizeof doc_rels[0])

/* Word's list levels: an item nested deeper is shown at the last. */
#define MAX_LEVEL 8
/* Word keeps bookmark names of at most 40 characters. */
#define MAX_BOOKMARK 40

/* Run formatting. */
enum {
	F_BOLD = 1,
	F_ITALIC = 2,
	F_CODE = 4,
	F_LINK = 8,
};

struct docx {
	const struct hlr_doc *doc;    /* what is written */
	struct hlr_buf parts[NPARTS]; /* each part's bytes */
	xmlTextWriterPtr xw;          /* the part being written, or NULL */
	zip_source_t *zsrc;           /* the package in memory, or NULL */
	zip_t *zip;                   /* the package being made, or NULL */
	struct hlr_buf tmp;           /* a text made fit for XML, NUL-terminated */
	struct hlr_buf name;          /* a bookmark name or a link's target */
	struct hlr_buf links;         /* hyperlink targets, each NUL-terminated,
	                                 in the order of their relationships */
	unsigned nlinks;              /* count of them */
	unsigned nbookmarks;          /* bookmarks written (their ids) */
	const char *substyle;         /* a sub-heading's style: a level below
	                                 its section's */
	struct onum *onums;           /* the ordered lists, in order: numIds 2.. */
	unsigned nonums, capnums;
	unsigned formats;             /* ordered formats used: bit 2 * (style - 1)
	                                 + (delim is ')') */
};

/* An ordered list: its w:num in numbering.xml. */
struct onum {
	uint8_t style;  /* enum hlr_list_style */
	char delim;     /* '.' or ')' */
	uint8_t level;  /* the list level it is at */
	uint32_t start; /* its first number, as the author wrote it */
};

/* Out of memory (libxml2 and libzip say no more than that): everything
 * held is released and the failure goes where every other does. */
_Noreturn static void fail(struct docx *d)
{
	if (d->xw)
		xmlFreeTextWriter(d->xw);
	if (d->zip)
		zip_discard(d->zip);
	if (d->zsrc)
		zip_source_free(d->zsrc);
	for (int i = 0; i < NPARTS; i++)
		hlr_buf_free(&d->parts[i]);
	hlr_buf_free(&d->tmp);
	hlr_buf_free(&d->name);
	hlr_buf_free(&d->links);
	free(d->onums);
	hlr_oom();
}

#define X(d, call) do { if ((call) < 0) fail(d); } while (0)

/* --- XML through xmlTextWriter --------------------------------------------- */

static int part_write(void *ctx, const char *p, int n)
{
	hlr_buf_put(ctx, p, (size_t)n);
	return n;
}

static void part_begin(struct docx *d, enum part p)
{
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(part_write, NULL, &d->parts[p], NULL);
	if (!ob)
		fail(d);
	d->xw = xmlNewTextWriter(ob); /* owns ob from here, or frees it */
	if (!d->xw)
		fail(d);
	X(d, xmlTextWriterStartDocument(d->xw, "1.0", "UTF-8", "yes"));
}

static void part_end(struct docx *d)
{
	X(d, xmlTextWriterEndDocument(d->xw));
	xmlFreeTextWriter(d->xw); /* flushes into the part */
	d->xw = NULL;
}

static void start(struct docx *d, const char *el)
{
	X(d, xmlTextWriterStartElement(d->xw, BAD_CAST el));
}

static void end(struct docx *d)
{
	X(d, xmlTextWriterEndElement(d->xw));
}

static void attr(struct docx *d, const char *name, const char *value)
{
	X(d, xmlTextWriterWriteAttribute(d->xw, BAD_CAST name, BAD_CAST value));
}

/* <el/>, or <el name="value"/> when name is set. */
static void empty(struct docx *d, const char *el, const char *name, const char *value)
{
	start(d, el);
	if (name)
		attr(d, name, value);
	end(d);
}

static void attr_u(struct docx *d, const char *name, unsigned long v)
{
	char s[24];
	snprintf(s, sizeof s, "%lu", v);
	attr(d, name, s);
}

/* s[0..n) as XML can hold it, in d->tmp: a control character (a tab, a
 * form feed: what a source may hold) becomes a space, and U+FFFE and
 * U+FFFF, which are no XML characters, U+FFFD. */
static const char *fit(struct docx *d, const char *s, size_t n)
{
	d->tmp.len = 0;
	hlr_buf_reserve(&d->tmp, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20)
			hlr_buf_putc(&d->tmp, ' ');
		else if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
		         ((unsigned char)s[i + 2] & 0xFE) == 0xBE) {
			hlr_buf_puts(&d->tmp, "\xEF\xBF\xBD");
			i += 2;
		} else
			hlr_buf_putc(&d->tmp, (char)c);
	}
	if (!d->tmp.data)
		hlr_buf_reserve(&d->tmp, 1);
	return d->tmp.data;
}

static void text(struct docx *d, const char *s, size_t n)
{
	X(d, xmlTextWriterWriteString(d->xw, BAD_CAST fit(d, s, n)));
}

static void texts(struct docx *d, const char *s)
{
	text(d, s, strlen(s));
}

/* <el>s</el> */
static void text_el(struct docx *d, const char *el, const char *s)
{
	start(d, el);
	texts(d, s);
	end(d);
}

/* --- runs, links and bookmarks --------------------------------------------- */

/* A run of text with the formatting f. */
static void run(struct docx *d, const char *s, size_t n, unsigned f)
{
	start(d, "w:r");
	if (f) {
		start(d, "w:rPr");
		if (f & F_LINK)
			empty(d, "w:rStyle", "w:val", "Hyperlink");
		else if (f & F_CODE)
			empty(d, "w:rStyle", "w:val", "HTMLCode");
		if ((f & F_LINK) && (f & F_CODE)) {
			start(d, "w:rFonts");
			attr(d, "w:ascii", "Courier New");
			attr(d, "w:hAnsi", "Courier New");
			attr(d, "w:cs", "Courier New");
			end(d);
		}
		if (f & F_BOLD)
			empty(d, "w:b", NULL, NULL);
		if (f & F_ITALIC)
			empty(d, "w:i", NULL, NULL);
		end(d);
	}
	start(d, "w:t");
	attr(d, "xml:space", "preserve");
	text(d, s, n);
	end(d);
	end(d);
}

static void runs(struct docx *d, const char *s, unsigned f)
{
	run(d, s, strlen(s), f);
}

/* Appends the bookmark of an anchor: the anchor itself when Word can keep
 * it (at most 40 characters), else its first 31 characters, '_' and 8 hex
 * digits of a hash of it (FNV-1a), so that another report's link to it,
 * made the same way, finds it. */
static void bookmark_put(struct hlr_buf *b, const char *anchor, size_t len)
{
	if (len <= MAX_BOOKMARK) {
		hlr_buf_put(b, anchor, len);
		return;
	}
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)anchor[i]) * 16777619u;
	hlr_buf_put(b, anchor, MAX_BOOKMARK - 9);
	hlr_buf_printf(b, "_%08x", (unsigned)h);
}

/* The same into d->name. */
static const char *bookmark_name(struct docx *d, const char *anchor, size_t len)
{
	d->name.len = 0;
	bookmark_put(&d->name, anchor, len);
	return d->name.data;
}

/* A bookmark at this point of the paragraph, for an anchor. */
static void bookmark(struct docx *d, const char *anchor, size_t len)
{
	if (!anchor)
		return;
	unsigned id = d->nbookmarks++;
	start(d, "w:bookmarkStart");
	attr_u(d, "w:id", id);
	attr(d, "w:name", bookmark_name(d, anchor, len));
	end(d);
	start(d, "w:bookmarkEnd");
	attr_u(d, "w:id", id);
	end(d);
}

/* Opens <w:hyperlink> to url: a bookmark of this report for "#anchor",
 * else a relationship to the target (another report's file, a web page). */
static void link_open(struct docx *d, const char *url)
{
	start(d, "w:hyperlink");
	if (url[0] == '#') {
		attr(d, "w:anchor", bookmark_name(d, url + 1, strlen(url + 1)));
	} else {
		hlr_buf_put(&d->links, url, strlen(url) + 1);
		d->nlinks++;
		char id[24];
		snprintf(id, sizeof id, "rId%u", (unsigned)(NDOC_RELS + d->nlinks));
		attr(d, "r:id", id);
	}
	attr(d, "w:history", "1");
}

/* A link to another report's document, "NAME.docx" or "NAME.docx#BOOKMARK"
 * with the bookmark that document gives the anchor; into d->name. */
static const char *report_href(struct docx *d, const struct hlr_report *r, const char *anchor)
{
	d->name.len = 0;
	hlr_report_href(&d->name, r->name, ".docx", NULL, 0);
	if (anchor) {
		hlr_buf_putc(&d->name, '#');
		bookmark_put(&d->name, anchor, strlen(anchor));
	}
	return d->name.data;
}

/* --- inline Markdown -------------------------------------------------------- */

/* A text without markup: its pieces, lines joined by spaces. */
static void plain(struct docx *d, const struct hlr_text *t, unsigned f)
{
	struct hlr_buf b = HLR_BUF_INIT;
	if (t->s) {
		hlr_buf_put(&b, t->s, t->len);
	} else {
		for (unsigned i = 0; i < t->nsegs; i++) {
			if (i)
				hlr_buf_putc(&b, ' ');
			hlr_buf_put(&b, t->src_data + t->segs[i].src, t->segs[i].len);
		}
	}
	run(d, b.data ? b.data : "", b.len, f);
	hlr_buf_free(&b);
}

static bool is_ref(const struct hlr_inline *n)
{
	return n->kind == HLR_IN_LINK && n->lit[0] == '^';
}

/* What the walk knows of the nodes it is inside. */
struct span {
	const struct hlr_inline *node; /* an open node with children */
	bool link;                     /* it opened a <w:hyperlink> */
	unsigned f;                    /* the formatting outside it */
};

/* Entering n: its runs, or what its children are written in. Returns
 * whether it opened a hyperlink. */
static bool enter(struct docx *d, const struct hlr_inline *n, unsigned f)
{
	switch (n->kind) {
	case HLR_IN_TEXT:
		run(d, n->lit, n->len, f);
		return false;
	case HLR_IN_SOFTBREAK:
		run(d, " ", 1, f);
		return false;
	case HLR_IN_LINEBREAK:
		start(d, "w:r");
		empty(d, "w:br", NULL, NULL);
		end(d);
		return false;
	case HLR_IN_CODE:
		run(d, n->lit, n->len, f | F_CODE);
		return false;
	case HLR_IN_LINK:
	case HLR_IN_IMAGE: {
		if (f & F_LINK)
			return false; /* an image in a link: its words in that link */
		if (is_ref(n)) {
			if (!n->ref)
				return false; /* not resolved: the words alone */
			link_open(d, report_href(d, n->ref->report, n->ref->anchor));
			if (!n->first) {
				char phrase[64], title[96];
				hlr_period_phrase(&n->ref->report->period, phrase);
				snprintf(title, sizeof title, "reported in %s", phrase);
				runs(d, title, f | F_LINK);
			}
			return true;
		}
		link_open(d, n->lit);
		if (!n->first) /* nothing to click but the address */
			runs(d, n->lit, f | F_LINK);
		return true;
	}
	default:
		return false;
	}
}

/* The inline tree, walked without recursion (its nesting is the author's),
 * in the formatting f0 and its own. */
static void inlines_f(struct docx *d, const struct hlr_text *t, const struct hlr_inline *in,
                      unsigned f0)
{
	if (!in) {
		plain(d, t, f0);
		return;
	}
	struct span *stack = NULL;
	size_t depth = 0, cap = 0;
	unsigned f = f0; /* formatting of the open nodes */
	const struct hlr_inline *n = in;
	while (n) {
		bool link = enter(d, n, f);
		if (n->first && n->kind != HLR_IN_TEXT) {
			if (depth == cap) {
				cap = cap ? 2 * cap : 16;
				stack = hlr_xrealloc(stack, cap * sizeof *stack);
			}
			stack[depth++] = (struct span){n, link, f};
			if (n->kind == HLR_IN_EMPH)
				f |= F_ITALIC;
			else if (n->kind == HLR_IN_STRONG)
				f |= F_BOLD;
			else if (link)
				f |= F_LINK;
			n = n->first;
			continue;
		}
		if (link)
			end(d); /* a link with no children */
		while (n && !n->next) {
			if (!depth) {
				n = NULL;
				break;
			}
			struct span s = stack[--depth];
			if (s.link)
				end(d);
			n = s.node;
			f = s.f;
		}
		if (n)
			n = n->next;
	}
	free(stack);
}

static void inlines(struct docx *d, const struct hlr_text *t, const struct hlr_inline *in)
{
	inlines_f(d, t, in, 0);
}

/* --- the document ------------------------------------------------------------ */

/* <w:p> in a list: its style, level and list (numId). */
static void para_list(struct docx *d, const char *style, int level, unsigned num)
{
	start(d, "w:p");
	start(d, "w:pPr");
	empty(d, "w:pStyle", "w:val", style);
	start(d, "w:numPr");
	start(d, "w:ilvl");
	attr_u(d, "w:val", (unsigned long)(level > MAX_LEVEL ? MAX_LEVEL : level));
	end(d);
	start(d, "w:numId");
	attr_u(d, "w:val", num);
	end(d);
	end(d);
	end(d);
}

/* <w:p> with its style (NULL for Normal), and a list level when the style
 * is a list's (level < 0: none). */
static void para_open(struct docx *d, const char *style, int level)
{
	start(d, "w:p");
	if (!style)
		return;
	start(d, "w:pPr");
	empty(d, "w:pStyle", "w:val", style);
	if (level >= 0) {
		start(d, "w:numPr");
		start(d, "w:ilvl");
		attr_u(d, "w:val", (unsigned long)(level > MAX_LEVEL ? MAX_LEVEL : level));
		end(d);
		empty(d, "w:numId", "w:val", "1");
		end(d);
	}
	end(d);
}

/* "CCC, PCC: " before an item's or paragraph's words. */
static void tags(struct docx *d, const struct hlr_lnode *n)
{
	if (!n->ntags)
		return;
	struct hlr_buf b = HLR_BUF_INIT;
	for (unsigned i = 0; i < n->ntags; i++) {
		hlr_buf_puts(&b, i ? ", " : "");
		hlr_buf_puts(&b, d->doc->report->authorities[n->tags[i]].tag);
	}
	hlr_buf_puts(&b, n->text->len ? ": " : ":");
	run(d, b.data, b.len, F_BOLD);
	hlr_buf_free(&b);
}

/* "Status: Amber (was Green): reason", the label in bold. */
static void status_runs(struct docx *d, const struct hlr_status *s)
{
	struct hlr_buf b = HLR_BUF_INIT;
	hlr_status_phrase(&b, s);
	if (s->reason) {
		hlr_buf_puts(&b, ": ");
		hlr_buf_puts(&b, s->reason);
	}
	runs(d, "Status: ", F_BOLD);
	run(d, b.data ? b.data : "", b.len, 0);
	hlr_buf_free(&b);
}

/* A new ordered list, numbered from n's number at the level: its numId. */
static unsigned ordered_num(struct docx *d, const struct hlr_lnode *n, int level)
{
	if (d->nonums == d->capnums) {
		d->capnums = d->capnums ? 2 * d->capnums : 8;
		d->onums = hlr_xrealloc(d->onums, d->capnums * sizeof *d->onums);
	}
	char delim = n->list_delim == ')' ? ')' : '.';
	d->onums[d->nonums++] = (struct onum){
		.style = n->list_style,
		.delim = delim,
		.level = (uint8_t)(level > MAX_LEVEL ? MAX_LEVEL : level),
		.start = n->number,
	};
	d->formats |= 1u << (2 * (n->list_style - 1) + (delim == ')'));
	return d->nonums + 1; /* numId 1 is the bulleted list */
}

static void items(struct docx *d, const struct hlr_lnode *first, int level);

/* An item, its status on a line of its own, then its nested items. */
static void item(struct docx *d, const struct hlr_lnode *n, int level, unsigned num)
{
	para_list(d, n->list_style == HLR_LIST_BULLET ? "ListBullet" : "ListNumber", level, num);
	bookmark(d, n->anchor, n->anchor_len);
	tags(d, n);
	inlines(d, n->text, n->inl);
	if (n->status) {
		if (n->text->len) {
			start(d, "w:r");
			empty(d, "w:br", NULL, NULL);
			end(d);
		}
		status_runs(d, n->status);
	}
	if (n->note) {
		start(d, "w:r");
		empty(d, "w:br", NULL, NULL);
		end(d);
		inlines(d, n->note, NULL);
	}
	end(d);
	items(d, n->first, level + 1);
}

/* Sibling items: bullets in the bulleted list, each ordered list (a
 * change of marker, or a number that does not follow on) a list of its
 * own starting at the author's first number. */
static void items(struct docx *d, const struct hlr_lnode *first, int level)
{
	unsigned num = 1;
	const struct hlr_lnode *prev = NULL;
	for (const struct hlr_lnode *i = first; i; prev = i, i = i->next) {
		if (i->list_style == HLR_LIST_BULLET)
			num = 1;
		else if (!prev || i->list_start || prev->list_style != i->list_style ||
		         prev->list_delim != i->list_delim)
			num = ordered_num(d, i, level);
		item(d, i, level, num);
	}
}

/* --- tables ------------------------------------------------------------------ */

/* The text width of an A4 page within its margins, in twentieths of a point. */
#define TEXT_WIDTH 9026

/* <w:tbl> up to its rows: a grid of ncols columns of the widths given
 * (NULL: equal), the first row a header when header is set. */
static void table_open(struct docx *d, unsigned ncols, const unsigned *widths, bool header)
{
	unsigned total = 0;
	for (unsigned c = 0; c < ncols; c++)
		total += widths ? widths[c] : TEXT_WIDTH / ncols;
	start(d, "w:tbl");
	start(d, "w:tblPr");
	empty(d, "w:tblStyle", "w:val", "TableGrid");
	start(d, "w:tblW");
	attr_u(d, "w:w", total);
	attr(d, "w:type", "dxa");
	end(d);
	start(d, "w:tblLook");
	attr(d, "w:val", "0000");
	attr(d, "w:firstRow", header ? "1" : "0");
	attr(d, "w:lastRow", "0");
	attr(d, "w:firstColumn", header ? "0" : "1");
	attr(d, "w:lastColumn", "0");
	attr(d, "w:noHBand", "1");
	attr(d, "w:noVBand", "1");
	end(d);
	end(d);
	start(d, "w:tblGrid");
	for (unsigned c = 0; c < ncols; c++) {
		start(d, "w:gridCol");
		attr_u(d, "w:w", widths ? widths[c] : TEXT_WIDTH / ncols);
		end(d);
	}
	end(d);
}

/* <w:tr>, repeated at the top of each page when it is the header row. */
static void row_open(struct docx *d, bool header)
{
	start(d, "w:tr");
	if (header) {
		start(d, "w:trPr");
		empty(d, "w:tblHeader", NULL, NULL);
		end(d);
	}
}

/* <w:tc> up to its paragraph's runs: its width, and the paragraph's
 * alignment (NULL: the start). */
static void cell_open(struct docx *d, unsigned width, const char *jc)
{
	start(d, "w:tc");
	start(d, "w:tcPr");
	start(d, "w:tcW");
	attr_u(d, "w:w", width);
	attr(d, "w:type", "dxa");
	end(d);
	end(d);
	start(d, "w:p");
	if (jc) {
		start(d, "w:pPr");
		empty(d, "w:jc", "w:val", jc);
		end(d);
	}
}

static void cell_close(struct docx *d)
{
	end(d); /* w:p */
	end(d); /* w:tc */
}

/* A cell of plain text s (nothing written for an empty one). */
static void cell_text(struct docx *d, unsigned width, const char *jc, const char *s, unsigned f)
{
	cell_open(d, width, jc);
	if (*s)
		runs(d, s, f);
	cell_close(d);
}

/* A status in a table cell: "Amber: reason", or "–" when there is none. */
static void cell_status(struct docx *d, unsigned width, const struct hlr_status *s)
{
	struct hlr_buf b = HLR_BUF_INIT;
	if (!s) {
		hlr_buf_puts(&b, "\xE2\x80\x93");
	} else {
		hlr_buf_puts(&b, s->label);
		if (s->reason) {
			hlr_buf_puts(&b, ": ");
			hlr_buf_puts(&b, s->reason);
		}
	}
	cell_open(d, width, NULL);
	run(d, b.data, b.len, 0);
	cell_close(d);
	hlr_buf_free(&b);
}

static void heading(struct docx *d, const char *style, const char *anchor, size_t anchor_len,
                    const char *title, size_t title_len);

/* The status summary under its heading, as the Markdown shows it: each
 * dimension's status last period and this, and the change. */
static void track_summary(struct docx *d, const struct hlr_ltrack *t)
{
	if (!t || !t->nrows)
		return;
	static const unsigned widths[4] = {1800, 2900, 2900, 1426};
	static const char title[] = "Status summary", anchor[] = "status-summary";
	heading(d, "Heading1", anchor, sizeof anchor - 1, title, sizeof title - 1);
	table_open(d, 4, widths, true);
	struct hlr_buf b = HLR_BUF_INIT;
	row_open(d, true);
	cell_text(d, widths[0], NULL, "Dimension", F_BOLD);
	hlr_buf_puts(&b, "Last period");
	if (t->last_period)
		hlr_buf_printf(&b, " (%s)", t->last_period);
	cell_text(d, widths[1], NULL, b.data, F_BOLD);
	b.len = 0;
	hlr_buf_printf(&b, "This period (%s)", t->this_period);
	cell_text(d, widths[2], NULL, b.data, F_BOLD);
	cell_text(d, widths[3], NULL, "Change", F_BOLD);
	end(d);
	hlr_buf_free(&b);
	for (unsigned i = 0; i < t->nrows; i++) {
		const struct hlr_lstatus_row *r = &t->rows[i];
		row_open(d, false);
		cell_text(d, widths[0], NULL, r->dimension, 0);
		cell_status(d, widths[1], r->was);
		cell_status(d, widths[2], r->now);
		cell_text(d, widths[3], NULL, r->change, 0);
		end(d);
	}
	end(d);
}

/* The metrics section's values: name, value and change with its
 * direction (the HTML's charts have these values as their text). */
static void metrics(struct docx *d, const struct hlr_ltrack *t)
{
	static const unsigned widths[3] = {3300, 1500, 4226};
	table_open(d, 3, widths, true);
	row_open(d, true);
	cell_text(d, widths[0], NULL, "Metric", F_BOLD);
	cell_text(d, widths[1], "right", "Value", F_BOLD);
	cell_text(d, widths[2], NULL, "Change", F_BOLD);
	end(d);
	struct hlr_buf b = HLR_BUF_INIT;
	for (unsigned i = 0; t && i < t->nmetrics; i++) {
		const struct hlr_lmetric_row *m = &t->metrics[i];
		row_open(d, false);
		cell_text(d, widths[0], NULL, m->name, 0);
		cell_text(d, widths[1], "right", m->value, 0);
		b.len = 0;
		hlr_buf_puts(&b, m->change);
		if (m->direction && strcmp(m->direction, "same"))
			hlr_buf_printf(&b, " (%s)", m->direction);
		cell_text(d, widths[2], NULL, b.data, 0);
		end(d);
	}
	hlr_buf_free(&b);
	end(d);
}

/* An author's table: its caption ("Table: ..." as the Markdown writes it)
 * with the bookmark, then the rows, the header row repeated on each page,
 * a row's tags first in its first cell, each column aligned as written. */
static void table(struct docx *d, const struct hlr_lnode *t)
{
	unsigned ncols = t->table->ncols;
	if (!ncols)
		return;
	if (t->text->len || t->anchor) {
		para_open(d, NULL, -1);
		bookmark(d, t->anchor, t->anchor_len);
		runs(d, "Table: ", F_BOLD);
		inlines(d, t->text, t->inl);
		end(d);
	}
	table_open(d, ncols, NULL, t->first && t->first->header);
	for (const struct hlr_lnode *r = t->first; r; r = r->next) {
		row_open(d, r->header);
		for (unsigned c = 0; c < ncols; c++) {
			unsigned al = t->table->align ? t->table->align[c] : HLR_ALIGN_NONE;
			cell_open(d, TEXT_WIDTH / ncols,
			          al == HLR_ALIGN_RIGHT ? "right" : al == HLR_ALIGN_CENTER ? "center" : NULL);
			if (c == 0 && r->ntags) {
				/* "CCC, PCC:" as the Markdown writes a row's tags */
				struct hlr_buf b = HLR_BUF_INIT;
				for (unsigned i = 0; i < r->ntags; i++) {
					hlr_buf_puts(&b, i ? ", " : "");
					hlr_buf_puts(&b, d->doc->report->authorities[r->tags[i]].tag);
				}
				hlr_buf_puts(&b, c < r->ncells && r->cells[c].text.len ? ": " : ":");
				run(d, b.data, b.len, F_BOLD);
				hlr_buf_free(&b);
			}
			if (c < r->ncells && r->cells[c].text.len) {
				inlines_f(d, &r->cells[c].text, r->cells[c].inl,
				          r->header ? F_BOLD : 0);
			}
			cell_close(d);
		}
		end(d);
	}
	end(d);
}

static void blocks(struct docx *d, const struct hlr_lnode *first)
{
	for (const struct hlr_lnode *n = first; n; n = n->next) {
		/* every kind named, so that -Wswitch finds one this writer lacks */
		switch ((enum hlr_lkind)n->kind) {
		case HLR_L_LIST:
			items(d, n->first, 0);
			break;
		case HLR_L_SUBHEAD:
			heading(d, d->substyle, n->anchor, n->anchor_len, n->title, n->title_len);
			break;
		case HLR_L_METRICS:
			metrics(d, d->doc->track);
			break;
		case HLR_L_TABLE:
			table(d, n);
			break;
		case HLR_L_PART:    /* parts and sections are written by document() */
		case HLR_L_SECTION:
		case HLR_L_ITEM:    /* items by their list */
		case HLR_L_ROW:     /* rows by their table */
			break;
		case HLR_L_PARA:
			para_open(d, NULL, -1);
			bookmark(d, n->anchor, n->anchor_len);
			tags(d, n);
			inlines(d, n->text, n->inl);
			end(d);
			break;
		case HLR_L_NONE: {
			/* "None", or "None specific" */
			struct hlr_buf b = HLR_BUF_INIT;
			hlr_buf_puts(&b, "None");
			if (n->text->len) {
				hlr_buf_putc(&b, ' ');
				hlr_buf_put(&b, n->text->s, n->text->len);
			}
			para_open(d, NULL, -1);
			run(d, b.data, b.len, 0);
			end(d);
			hlr_buf_free(&b);
			break;
		}
		case HLR_L_CARRIED: {
			/* "Unchanged since week ending 26th June 2020:", the period
			 * a link to that report's document, then what was carried */
			char phrase[64];
			hlr_period_phrase(&n->since->period, phrase);
			para_open(d, NULL, -1);
			runs(d, "Unchanged since ", F_ITALIC);
			link_open(d, report_href(d, n->since, NULL));
			runs(d, phrase, F_ITALIC | F_LINK);
			end(d);
			runs(d, ":", F_ITALIC);
			end(d);
			blocks(d, n->first);
			break;
		}
		}
	}
}

static void heading(struct docx *d, const char *style, const char *anchor, size_t anchor_len,
                    const char *title, size_t title_len)
{
	para_open(d, style, -1);
	bookmark(d, anchor, anchor_len);
	run(d, title, title_len, 0);
	end(d);
}

/* A section: its heading (the lead has none) and status, then its blocks,
 * its sub-headings a level below it. */
static void section(struct docx *d, const struct hlr_lnode *sec, const char *style)
{
	d->substyle = strcmp(style, "Heading1") ? "Heading3" : "Heading2";
	if (sec->lead) {
		blocks(d, sec->first);
		return;
	}
	heading(d, style, sec->anchor, sec->anchor_len, sec->title, sec->title_len);
	if (sec->status) {
		para_open(d, NULL, -1);
		status_runs(d, sec->status);
		end(d);
	}
	if (!sec->first) {
		para_open(d, NULL, -1);
		runs(d, "None", 0);
		end(d);
	} else {
		blocks(d, sec->first);
	}
}

/* A cell of the header table, its width in twentieths of a point. */
static void cell(struct docx *d, unsigned width, const char *s, unsigned f)
{
	start(d, "w:tc");
	start(d, "w:tcPr");
	start(d, "w:tcW");
	attr_u(d, "w:w", width);
	attr(d, "w:type", "dxa");
	end(d);
	end(d);
	para_open(d, NULL, -1);
	runs(d, s, f);
	end(d);
	end(d);
}

/* The title, then the header lines as a table of label and value. */
static void header(struct docx *d)
{
	const struct hlr_doc *doc = d->doc;
	para_open(d, "Title", -1);
	runs(d, doc->title, 0);
	if (doc->view_name) {
		runs(d, " (", 0);
		runs(d, doc->view_name, 0);
		runs(d, ")", 0);
	}
	end(d);
	if (!doc->nfields)
		return;
	static const unsigned widths[2] = {2700, 6326}; /* A4 within its margins */
	start(d, "w:tbl");
	start(d, "w:tblPr");
	empty(d, "w:tblStyle", "w:val", "TableGrid");
	start(d, "w:tblW");
	attr_u(d, "w:w", widths[0] + widths[1]);
	attr(d, "w:type", "dxa");
	end(d);
	start(d, "w:tblLook");
	attr(d, "w:val", "0000");
	attr(d, "w:firstRow", "0");
	attr(d, "w:lastRow", "0");
	attr(d, "w:firstColumn", "1");
	attr(d, "w:lastColumn", "0");
	attr(d, "w:noHBand", "1");
	attr(d, "w:noVBand", "1");
	end(d);
	end(d);
	start(d, "w:tblGrid");
	for (int i = 0; i < 2; i++) {
		start(d, "w:gridCol");
		attr_u(d, "w:w", widths[i]);
		end(d);
	}
	end(d);
	struct hlr_buf label = HLR_BUF_INIT;
	for (unsigned i = 0; i < doc->nfields; i++) {
		const struct hlr_lfield *fl = &doc->fields[i];
		label.len = 0;
		hlr_buf_puts(&label, fl->label);
		hlr_buf_putc(&label, ':');
		start(d, "w:tr");
		cell(d, widths[0], label.data, F_BOLD);
		cell(d, widths[1], fl->value, 0);
		end(d);
	}
	hlr_buf_free(&label);
	end(d);
}

/* A paragraph of the protective marking, bold and centred (none when the
 * report has no marking). */
static void marking_para(struct docx *d)
{
	start(d, "w:p");
	start(d, "w:pPr");
	empty(d, "w:jc", "w:val", "center");
	end(d);
	runs(d, d->doc->marking, F_BOLD);
	end(d);
}

static void marking(struct docx *d)
{
	if (d->doc->marking)
		marking_para(d);
}

/* word/header1.xml or footer1.xml: the marking at the top or foot of
 * every page. */
static void page_part(struct docx *d, enum part p, const char *el)
{
	part_begin(d, p);
	start(d, el);
	attr(d, "xmlns:w", NS_W);
	attr(d, "xmlns:r", NS_R);
	marking_para(d);
	end(d);
	part_end(d);
}

static void document(struct docx *d)
{
	part_begin(d, P_DOCUMENT);
	start(d, "w:document");
	attr(d, "xmlns:w", NS_W);
	attr(d, "xmlns:r", NS_R);
	start(d, "w:body");
	marking(d);
	header(d);
	track_summary(d, d->doc->track);
	unsigned nparts = 0;
	for (const struct hlr_lnode *n = d->doc->first; n; n = n->next) {
		if (n->kind != HLR_L_PART) {
			section(d, n, "Heading1");
			continue;
		}
		char anchor[32];
		int len = snprintf(anchor, sizeof anchor, "part-%u", ++nparts);
		if (n->anchor)
			heading(d, "Heading1", n->anchor, n->anchor_len, n->title, n->title_len);
		else
			heading(d, "Heading1", anchor, (size_t)len, n->title, n->title_len);
		for (const struct hlr_lnode *s = n->first; s; s = s->next)
			section(d, s, "Heading2");
	}
	marking(d);
	/* A4, margins of an inch; the marking in the page's header and footer */
	start(d, "w:sectPr");
	if (d->doc->marking) {
		static const char *const refs[] = {"w:headerReference", "w:footerReference"};
		for (unsigned i = 0; i < 2; i++) {
			char id[24];
			snprintf(id, sizeof id, "rId%u", (unsigned)(NDOC_RELS + d->nlinks + 1 + i));
			start(d, refs[i]);
			attr(d, "w:type", "default");
			attr(d, "r:id", id);
			end(d);
		}
	}
	start(d, "w:pgSz");
	attr(d, "w:w", "11906");
	attr(d, "w:h", "16838");
	end(d);
	start(d, "w:pgMar");
	attr(d, "w:top", "1440");
	attr(d, "w:right", "1440");
	attr(d, "w:bottom", "1440");
	attr(d, "w:left", "1440");
	attr(d, "w:header", "708");
	attr(d, "w:footer", "708");
	attr(d, "w:gutter", "0");
	end(d);
	end(d);
	end(d);
	end(d);
	part_end(d);
}

/* --- the fixed parts ----------------------------------------------------------- */

static void rel(struct docx *d, unsigned id, const char *type, const char *target, bool external)
{
	char s[24];
	snprintf(s, sizeof s, "rId%u", id);
	start(d, "Relationship");
	attr(d, "Id", s);
	attr(d, "Type", type);
	attr(d, "Target", target);
	if (external)
		attr(d, "TargetMode", "External");
	end(d);
}

static void content_types(struct docx *d)
{
	static const char *const overrides[][2] = {
		{"/word/document.xml", CT_WORD "document.main+xml"},
		{"/word/styles.xml", CT_WORD "styles+xml"},
		{"/word/numbering.xml", CT_WORD "numbering+xml"},
		{"/word/settings.xml", CT_WORD "settings+xml"},
		{"/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"},
		{"/docProps/app.xml",
		 "application/vnd.openxmlformats-officedocument.extended-properties+xml"},
		{"/word/header1.xml", CT_WORD "header+xml"},
		{"/word/footer1.xml", CT_WORD "footer+xml"},
	};
	/* the header and footer only with a marking */
	size_t n = sizeof overrides / sizeof overrides[0] - (d->doc->marking ? 0 : 2);
	part_begin(d, P_CONTENT_TYPES);
	start(d, "Types");
	attr(d, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
	start(d, "Default");
	attr(d, "Extension", "rels");
	attr(d, "ContentType", "application/vnd.openxmlformats-package.relationships+xml");
	end(d);
	start(d, "Default");
	attr(d, "Extension", "xml");
	attr(d, "ContentType", "application/xml");
	end(d);
	for (size_t i = 0; i < n; i++) {
		start(d, "Override");
		attr(d, "PartName", overrides[i][0]);
		attr(d, "ContentType", overrides[i][1]);
		end(d);
	}
	part_end(d);
}

static void package_rels(struct docx *d)
{
	part_begin(d, P_RELS);
	start(d, "Relationships");
	attr(d, "xmlns", NS_PKG_RELS);
	rel(d, 1, REL_OFFICE "officeDocument", "word/document.xml", false);
	rel(d, 2, "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
	          "core-properties", "docProps/core.xml", false);
	rel(d, 3, REL_OFFICE "extended-properties", "docProps/app.xml", false);
	part_end(d);
}

static void document_rels(struct docx *d)
{
	part_begin(d, P_DOCUMENT_RELS);
	start(d, "Relationships");
	attr(d, "xmlns", NS_PKG_RELS);
	unsigned id = 1;
	for (size_t i = 0; i < NDOC_RELS; i++) {
		char type[128];
		snprintf(type, sizeof type, REL_OFFICE "%s", doc_rels[i][0]);
		rel(d, id++, type, doc_rels[i][1], false);
	}
	const char *target = d->links.data;
	for (unsigned i = 0; i < d->nlinks; i++) {
		rel(d, id++, REL_OFFICE "hyperlink", target, true);
		target += strlen(target) + 1;
	}
	if (d->doc->marking) {
		rel(d, id++, REL_OFFICE "header", "header1.xml", false);
		rel(d, id++, REL_OFFICE "footer", "footer1.xml", false);
	}
	part_end(d);
}

/* The title, author and language, dated the last day of the period. */
static void core(struct docx *d)
{
	const struct hlr_report *r = d->doc->report;
	part_begin(d, P_CORE);
	start(d, "cp:coreProperties");
	attr(d, "xmlns:cp",
	     "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
	attr(d, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	attr(d, "xmlns:dcterms", "http://purl.org/dc/terms/");
	attr(d, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	text_el(d, "dc:title", d->doc->page_title);
	if (r->author)
		text_el(d, "dc:creator", r->author);
	text_el(d, "dc:language", "en-GB");
	if (r->has_period) {
		char when[32];
		snprintf(when, sizeof when, "%04d-%02d-%02dT00:00:00Z", r->period.end.year,
		         r->period.end.month, r->period.end.day);
		static const char *const dates[] = {"dcterms:created", "dcterms:modified"};
		for (int i = 0; i < 2; i++) {
			start(d, dates[i]);
			attr(d, "xsi:type", "dcterms:W3CDTF");
			texts(d, when);
			end(d);
		}
	}
	part_end(d);
}

static void app(struct docx *d)
{
	part_begin(d, P_APP);
	start(d, "Properties");
	attr(d, "xmlns",
	     "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
	text_el(d, "Application", "hlrc");
	part_end(d);
}

static void settings(struct docx *d)
{
	part_begin(d, P_SETTINGS);
	start(d, "w:settings");
	attr(d, "xmlns:w", NS_W);
	empty(d, "w:defaultTabStop", "w:val", "720");
	empty(d, "w:characterSpacingControl", "w:val", "doNotCompress");
	start(d, "w:compat");
	start(d, "w:compatSetting");
	attr(d, "w:name", "compatibilityMode");
	attr(d, "w:uri", "http://schemas.microsoft.com/office/word");
	attr(d, "w:val", "15");
	end(d);
	end(d);
	part_end(d);
}

/* <w:rFonts> of one font for every script. */
static void fonts(struct docx *d, const char *font)
{
	start(d, "w:rFonts");
	attr(d, "w:ascii", font);
	attr(d, "w:eastAsia", font);
	attr(d, "w:hAnsi", font);
	attr(d, "w:cs", font);
	end(d);
}

/* <w:sz> and <w:szCs> in half-points. */
static void size(struct docx *d, const char *half_points)
{
	empty(d, "w:sz", "w:val", half_points);
	empty(d, "w:szCs", "w:val", half_points);
}

static void spacing(struct docx *d, const char *before, const char *after)
{
	start(d, "w:spacing");
	attr(d, "w:before", before);
	attr(d, "w:after", after);
	end(d);
}

/* <w:style> up to its formatting: type, id, the name Word knows it by. */
static void style_open(struct docx *d, const char *type, const char *id, const char *name,
                       const char *based_on, bool is_default)
{
	start(d, "w:style");
	attr(d, "w:type", type);
	if (is_default)
		attr(d, "w:default", "1");
	attr(d, "w:styleId", id);
	empty(d, "w:name", "w:val", name);
	if (based_on)
		empty(d, "w:basedOn", "w:val", based_on);
}

/* Word's built-in styles under their own names (a template that defines
 * them restyles the document), looking like the seeds: Arial, bold
 * capitals in the headings as the authors typed them. */
static void styles(struct docx *d)
{
	static const struct {
		const char *id, *name, *size, *before, *outline;
	} headings[] = {
		{"Heading1", "heading 1", "28", "360", "0"},
		{"Heading2", "heading 2", "24", "240", "1"},
		{"Heading3", "heading 3", "22", "240", "2"},
	};
	part_begin(d, P_STYLES);
	start(d, "w:styles");
	attr(d, "xmlns:w", NS_W);
	start(d, "w:docDefaults");
	start(d, "w:rPrDefault");
	start(d, "w:rPr");
	fonts(d, "Arial");
	size(d, "22");
	empty(d, "w:lang", "w:val", "en-GB");
	end(d);
	end(d);
	start(d, "w:pPrDefault");
	start(d, "w:pPr");
	spacing(d, "0", "120");
	end(d);
	end(d);
	end(d);

	style_open(d, "paragraph", "Normal", "Normal", NULL, true);
	empty(d, "w:qFormat", NULL, NULL);
	end(d);

	style_open(d, "paragraph", "Title", "Title", "Normal", false);
	empty(d, "w:next", "w:val", "Normal");
	empty(d, "w:qFormat", NULL, NULL);
	start(d, "w:pPr");
	spacing(d, "0", "240");
	end(d);
	start(d, "w:rPr");
	empty(d, "w:b", NULL, NULL);
	size(d, "32");
	end(d);
	end(d);

	for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++) {
		style_open(d, "paragraph", headings[i].id, headings[i].name, "Normal", false);
		empty(d, "w:next", "w:val", "Normal");
		empty(d, "w:uiPriority", "w:val", "9");
		empty(d, "w:qFormat", NULL, NULL);
		start(d, "w:pPr");
		empty(d, "w:keepNext", NULL, NULL);
		empty(d, "w:keepLines", NULL, NULL);
		spacing(d, headings[i].before, "120");
		empty(d, "w:outlineLvl", "w:val", headings[i].outline);
		end(d);
		start(d, "w:rPr");
		empty(d, "w:b", NULL, NULL);
		size(d, headings[i].size);
		end(d);
		end(d);
	}

	style_open(d, "paragraph", "ListBullet", "List Bullet", "Normal", false);
	empty(d, "w:uiPriority", "w:val", "99");
	start(d, "w:pPr");
	start(d, "w:numPr");
	empty(d, "w:numId", "w:val", "1");
	end(d);
	spacing(d, "0", "60");
	end(d);
	end(d);

	style_open(d, "paragraph", "ListNumber", "List Number", "Normal", false);
	empty(d, "w:uiPriority", "w:val", "99");
	start(d, "w:pPr");
	spacing(d, "0", "60");
	end(d);
	end(d);

	style_open(d, "character", "DefaultParagraphFont", "Default Paragraph Font", NULL, true);
	empty(d, "w:uiPriority", "w:val", "1");
	empty(d, "w:semiHidden", NULL, NULL);
	end(d);

	style_open(d, "character", "Hyperlink", "Hyperlink", "DefaultParagraphFont", false);
	empty(d, "w:uiPriority", "w:val", "99");
	start(d, "w:rPr");
	empty(d, "w:color", "w:val", "0563C1");
	empty(d, "w:u", "w:val", "single");
	end(d);
	end(d);

	style_open(d, "character", "HTMLCode", "HTML Code", "DefaultParagraphFont", false);
	empty(d, "w:uiPriority", "w:val", "99");
	start(d, "w:rPr");
	fonts(d, "Courier New");
	size(d, "20");
	end(d);
	end(d);

	style_open(d, "table", "TableNormal", "Normal Table", NULL, true);
	empty(d, "w:uiPriority", "w:val", "99");
	empty(d, "w:semiHidden", NULL, NULL);
	start(d, "w:tblPr");
	start(d, "w:tblCellMar");
	static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right"};
	static const char *const margins[] = {"0", "108", "0", "108"};
	for (int i = 0; i < 4; i++) {
		start(d, sides[i]);
		attr(d, "w:w", margins[i]);
		attr(d, "w:type", "dxa");
		end(d);
	}
	end(d);
	end(d);
	end(d);

	style_open(d, "table", "TableGrid", "Table Grid", "TableNormal", false);
	empty(d, "w:uiPriority", "w:val", "39");
	start(d, "w:pPr");
	spacing(d, "60", "60");
	end(d);
	start(d, "w:tblPr");
	start(d, "w:tblBorders");
	static const char *const borders[] = {"w:top", "w:left", "w:bottom", "w:right",
	                                      "w:insideH", "w:insideV"};
	for (int i = 0; i < 6; i++) {
		start(d, borders[i]);
		attr(d, "w:val", "single");
		attr(d, "w:sz", "4");
		attr(d, "w:space", "0");
		attr(d, "w:color", "auto");
		end(d);
	}
	end(d);
	end(d);
	end(d);
	part_end(d);
}

/* The bulleted list: a level per nesting depth, each indented a quarter
 * inch more, the bullets going round as Word's do. */
static void numbering(struct docx *d)
{
	static const char *const bullets[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA"};
	part_begin(d, P_NUMBERING);
	start(d, "w:numbering");
	attr(d, "xmlns:w", NS_W);
	start(d, "w:abstractNum");
	attr(d, "w:abstractNumId", "0");
	empty(d, "w:multiLevelType", "w:val", "hybridMultilevel");
	for (unsigned l = 0; l <= MAX_LEVEL; l++) {
		start(d, "w:lvl");
		attr_u(d, "w:ilvl", l);
		empty(d, "w:start", "w:val", "1");
		empty(d, "w:numFmt", "w:val", "bullet");
		empty(d, "w:lvlText", "w:val", bullets[l % 3]);
		empty(d, "w:lvlJc", "w:val", "left");
		start(d, "w:pPr");
		start(d, "w:ind");
		attr_u(d, "w:left", 360 * (l + 1));
		attr(d, "w:hanging", "360");
		end(d);
		end(d);
		end(d);
	}
	end(d);
	/* the ordered formats used: abstractNum 1 + 2 * (style - 1) + (delim
	 * is ')'), every level numbered in the format */
	static const char *const formats[] = {
		[HLR_LIST_DECIMAL] = "decimal",
		[HLR_LIST_LOWER_ALPHA] = "lowerLetter",
		[HLR_LIST_UPPER_ALPHA] = "upperLetter",
		[HLR_LIST_LOWER_ROMAN] = "lowerRoman",
		[HLR_LIST_UPPER_ROMAN] = "upperRoman",
	};
	for (unsigned k = 0; k < 2 * HLR_LIST_UPPER_ROMAN; k++) {
		if (!(d->formats & (1u << k)))
			continue;
		start(d, "w:abstractNum");
		attr_u(d, "w:abstractNumId", k + 1);
		empty(d, "w:multiLevelType", "w:val", "hybridMultilevel");
		for (unsigned l = 0; l <= MAX_LEVEL; l++) {
			char lvl_text[8];
			snprintf(lvl_text, sizeof lvl_text, "%%%u%c", l + 1, k % 2 ? ')' : '.');
			start(d, "w:lvl");
			attr_u(d, "w:ilvl", l);
			empty(d, "w:start", "w:val", "1");
			empty(d, "w:numFmt", "w:val", formats[k / 2 + 1]);
			empty(d, "w:lvlText", "w:val", lvl_text);
			empty(d, "w:lvlJc", "w:val", "left");
			start(d, "w:pPr");
			start(d, "w:ind");
			attr_u(d, "w:left", 360 * (l + 1) + 180);
			attr(d, "w:hanging", "540");
			end(d);
			end(d);
			end(d);
		}
		end(d);
	}
	start(d, "w:num");
	attr(d, "w:numId", "1");
	empty(d, "w:abstractNumId", "w:val", "0");
	end(d);
	/* each ordered list, starting at the author's first number */
	for (unsigned i = 0; i < d->nonums; i++) {
		const struct onum *o = &d->onums[i];
		start(d, "w:num");
		attr_u(d, "w:numId", i + 2);
		start(d, "w:abstractNumId");
		attr_u(d, "w:val", 1 + 2 * (o->style - 1u) + (o->delim == ')'));
		end(d);
		start(d, "w:lvlOverride");
		attr_u(d, "w:ilvl", o->level);
		start(d, "w:startOverride");
		attr_u(d, "w:val", o->start);
		end(d);
		end(d);
		end(d);
	}
	part_end(d);
}

/* --- the package ----------------------------------------------------------------- */

/* The zip format's first day, 1980-01-01 00:00, as the time_t that libzip
 * turns into it (it reads the time as local time). */
static time_t zip_epoch(void)
{
	struct tm tm = {.tm_year = 80, .tm_mon = 0, .tm_mday = 1, .tm_isdst = -1};
	return mktime(&tm);
}

/* Zips the parts, in their order, and appends the package to out. */
static void package(struct docx *d, struct hlr_buf *out)
{
	zip_error_t ze;
	zip_error_init(&ze);
	d->zsrc = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_error_fini(&ze);
	if (!d->zsrc)
		fail(d);
	zip_error_init(&ze);
	d->zip = zip_open_from_source(d->zsrc, ZIP_TRUNCATE, &ze);
	zip_error_fini(&ze);
	if (!d->zip)
		fail(d);
	zip_source_keep(d->zsrc); /* read back after zip_close */
	time_t when = zip_epoch();
	for (int i = 0; i < NPARTS; i++) {
		if (!d->parts[i].len)
			continue; /* the header and footer of a report with no marking */
		zip_source_t *s = zip_source_buffer(d->zip, d->parts[i].data, d->parts[i].len, 0);
		if (!s)
			fail(d);
		zip_int64_t k = zip_file_add(d->zip, part_names[i], s, ZIP_FL_ENC_UTF_8);
		if (k < 0) {
			zip_source_free(s);
			fail(d);
		}
		X(d, zip_file_set_mtime(d->zip, (zip_uint64_t)k, when, 0));
		X(d, zip_set_file_compression(d->zip, (zip_uint64_t)k, ZIP_CM_DEFLATE, 9));
	}
	if (zip_close(d->zip) < 0)
		fail(d);
	d->zip = NULL;
	zip_stat_t st;
	X(d, zip_source_open(d->zsrc));
	if (zip_source_stat(d->zsrc, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
		zip_source_close(d->zsrc);
		fail(d);
	}
	hlr_buf_reserve(out, st.size);
	zip_int64_t got = zip_source_read(d->zsrc, out->data + out->len, st.size);
	zip_source_close(d->zsrc);
	if (got < 0 || (zip_uint64_t)got != st.size)
		fail(d);
	out->len += (size_t)got;
	out->data[out->len] = '\0';
	zip_source_free(d->zsrc);
	d->zsrc = NULL;
}

void hlr_write_docx(struct hlr_wout *w, const struct hlr_doc *doc)
{
	struct docx d = {.doc = doc};
	/* the document first: it finds the hyperlinks its relationships list */
	document(&d);
	content_types(&d);
	package_rels(&d);
	core(&d);
	app(&d);
	styles(&d);
	numbering(&d);
	settings(&d);
	document_rels(&d);
	if (doc->marking) {
		page_part(&d, P_HEADER, "w:hdr");
		page_part(&d, P_FOOTER, "w:ftr");
	}
	package(&d, w->b);
	for (int i = 0; i < NPARTS; i++)
		hlr_buf_free(&d.parts[i]);
	hlr_buf_free(&d.tmp);
	hlr_buf_free(&d.name);
	hlr_buf_free(&d.links);
	free(d.onums);
}
