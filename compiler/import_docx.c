/* compiler: import, reading a .docx (see import.h). The archive is opened
 * from memory with libzip and checked against zip bombs (entry count,
 * uncompressed size, compression ratio) before anything is inflated; its
 * word/document.xml (and word/styles.xml, for which styles are headings
 * and lists) is read with libxml2's streaming reader, with no network, no
 * entity substitution and no DTD loading, and a document type declaration
 * is refused outright, so no external entity is ever read. Each paragraph
 * becomes a line of the text view as the seeds lay it out: a heading as
 * its text (flagged), a list paragraph as "- " indented two spaces a
 * level, a table row as its cells joined by tabs (flagged). */
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/import.h"

#include <libxml/xmlreader.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

/* A style's meaning for import. */
struct style {
	char *id;     /* w:styleId (arena) */
	bool heading; /* "heading N", "Title", or an outline level */
	bool list;    /* a list style, or one with numbering */
	int level;    /* its list level (w:ilvl), 0 if none */
	long numid;   /* its numbering (w:numId), 0 if none */
};

/* word/numbering.xml: a level of a list's definition. */
struct lvl {
	enum hlr_list_style style; /* HLR_LIST_BULLET: no number (a bullet,
	                              none, or a format hlrc has no marker for) */
	char delim;                /* '.' or ')', from w:lvlText ("%1)") */
	long start;                /* w:start (0 when absent, as Word reads it) */
};

/* A list's definition (w:abstractNum), and its counters as the document
 * is read: Word counts the paragraphs of every w:num that shares it. */
struct abstract {
	long id;
	struct lvl lvl[9];
	long count[9];
	bool started[9];
};

/* A list (w:num): its definition, and levels it restarts (a
 * w:startOverride, the value + 1; 0 for none) at its first paragraph. */
struct num {
	long id;
	long abs_id;
	long over[9];
	bool used;
};

struct docx {
	struct hlr_arena *a;
	struct hlr_diags *d;
	const char *path;
	struct style *styles;
	size_t nstyles;
	struct abstract *abs;
	size_t nabs;
	struct num *nums;
	size_t nnums;
};

static bool w_ns(xmlTextReaderPtr r)
{
	const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r);
	if (!ns)
		return false;
	size_t n = strlen(ns);
	static const char t[] = "wordprocessingml/2006/main", s[] = "wordprocessingml/main";
	return (n >= sizeof t - 1 && !strcmp(ns + n - (sizeof t - 1), t)) ||
	       (n >= sizeof s - 1 && !strcmp(ns + n - (sizeof s - 1), s));
}

static bool is_w(xmlTextReaderPtr r, const char *name)
{
	const char *l = (const char *)xmlTextReaderConstLocalName(r);
	return l && !strcmp(l, name) && w_ns(r);
}

/* The w:NAME attribute (libxml2's memory: xmlFree it), or NULL. */
static char *w_attr(xmlTextReaderPtr r, const char *name)
{
	char *v = (char *)xmlTextReaderGetAttributeNs(
		r, (const xmlChar *)name, xmlTextReaderConstNamespaceUri(r));
	if (v)
		return v;
	char q[32];
	snprintf(q, sizeof q, "w:%s", name);
	return (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)q);
}

/* The w:val attribute (libxml2's memory: xmlFree it), or NULL. */
static char *w_val(xmlTextReaderPtr r)
{
	return w_attr(r, "val");
}

/* The decimal number v (at most 9 digits), or fallback. */
static long number(const char *v, long fallback)
{
	if (!v)
		return fallback;
	long n = 0;
	size_t i = 0;
	for (; v[i] >= '0' && v[i] <= '9' && i < 9; i++)
		n = n * 10 + (v[i] - '0');
	return i && !v[i] ? n : fallback;
}

/* The number of the w:NAME attribute, or fallback. */
static long w_number(xmlTextReaderPtr r, const char *name, long fallback)
{
	char *v = w_attr(r, name);
	long n = number(v, fallback);
	xmlFree(v);
	return n;
}

/* One entry of the archive, read whole into out (at most max bytes);
 * false with an error. */
static bool read_entry(struct docx *x, zip_t *z, zip_int64_t i, const char *name, size_t max,
                       struct hlr_buf *out)
{
	zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
	if (!f) {
		hlr_diag_file(x->d, HLR_ERROR, HLR_C_IMPORT_FORMAT, x->path,
		              "is a broken .docx: its %s cannot be read (%s)", name, zip_strerror(z));
		return false;
	}
	char chunk[16384];
	zip_int64_t got;
	bool ok = true;
	while ((got = zip_fread(f, chunk, sizeof chunk)) > 0) {
		if (out->len + (size_t)got > max) {
			hlr_diag_file(x->d, HLR_ERROR, HLR_C_IMPORT_LIMIT, x->path,
			              "is refused: its %s inflates to more than %zu bytes (a zip bomb?)",
			              name, max);
			ok = false;
			break;
		}
		hlr_buf_put(out, chunk, (size_t)got);
	}
	if (ok && got < 0) {
		hlr_diag_file(x->d, HLR_ERROR, HLR_C_IMPORT_FORMAT, x->path,
		              "is a broken .docx: its %s cannot be inflated (%s)", name,
		              zip_file_strerror(f));
		ok = false;
	}
	zip_fclose(f);
	return ok;
}

/* A reader over an XML part, with no network and no entities. */
static xmlTextReaderPtr xml_open(const struct hlr_buf *b, const char *name)
{
	return xmlReaderForMemory(b->data ? b->data : "", (int)b->len, name, NULL,
	                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

/* The type of the next node; 1 on an element etc., 0 at the end, -1 on
 * an error (reported), or on a document type declaration (refused). */
static int xml_next(struct docx *x, xmlTextReaderPtr r, const char *name)
{
	int rc = xmlTextReaderRead(r);
	if (rc == 1 && (xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE ||
	                xmlTextReaderNodeType(r) == XML_READER_TYPE_ENTITY_REFERENCE ||
	                xmlTextReaderNodeType(r) == XML_READER_TYPE_ENTITY)) {
		hlr_diag_file(x->d, HLR_ERROR, HLR_C_IMPORT_FORMAT, x->path,
		              "is refused: its %s has a document type declaration or an entity; Word "
		              "never writes one, and its entities could read other files", name);
		return -1;
	}
	if (rc < 0)
		hlr_diag_file(x->d, HLR_ERROR, HLR_C_IMPORT_FORMAT, x->path,
		              "is a broken .docx: its %s is not well-formed XML (near line %d)", name,
		              xmlTextReaderGetParserLineNumber(r));
	return rc;
}

static bool starts_ci(const char *s, const char *p)
{
	for (; *p; s++, p++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != *p)
			return false;
	}
	return true;
}

/* word/styles.xml: which styles are headings and lists. */
static bool read_styles(struct docx *x, const struct hlr_buf *b)
{
	xmlTextReaderPtr r = xml_open(b, "word/styles.xml");
	if (!r) {
		hlr_diag_file(x->d, HLR_ERROR, HLR_C_IMPORT_FORMAT, x->path,
		              "is a broken .docx: its word/styles.xml cannot be read");
		return false;
	}
	size_t cap = 0;
	struct style *cur = NULL;
	int rc;
	while ((rc = xml_next(x, r, "word/styles.xml")) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		if (is_w(r, "style")) {
			char *id = (char *)xmlTextReaderGetAttributeNs(r, (const xmlChar *)"styleId",
			                                               xmlTextReaderConstNamespaceUri(r));
			cur = NULL;
			if (!id)
				continue;
			if (x->nstyles == cap) {
				cap = cap ? cap * 2 : 32;
				x->styles = hlr_arena_grow(x->a, x->styles, x->nstyles, cap, sizeof *x->styles);
			}
			cur = &x->styles[x->nstyles++];
			memset(cur, 0, sizeof *cur);
			cur->id = hlr_arena_strndup(x->a, id, strlen(id));
			xmlFree(id);
		} else if (cur && (is_w(r, "name") || is_w(r, "outlineLvl") || is_w(r, "ilvl") ||
		                   is_w(r, "numId"))) {
			char *v = w_val(r);
			if (!v)
				continue;
			if (is_w(r, "name")) {
				cur->heading |= starts_ci(v, "heading") || starts_ci(v, "title");
				cur->list |= starts_ci(v, "list bullet") || starts_ci(v, "list number");
			} else if (is_w(r, "outlineLvl")) {
				cur->heading |= v[0] >= '0' && v[0] <= '8';
			} else if (is_w(r, "ilvl")) {
				cur->level = v[0] >= '0' && v[0] <= '8' ? v[0] - '0' : 0;
			} else {
				cur->list |= strcmp(v, "0") != 0;
				cur->numid = number(v, 0);
			}
			xmlFree(v);
		}
	}
	xmlFreeTextReader(r);
	return rc == 0;
}

/* word/numbering.xml: the lists' definitions (w:abstractNum: each
 * level's w:numFmt, w:lvlText and w:start) and the lists (w:num: its
 * w:abstractNumId and w:startOverride). */
static bool read_numbering(struct docx *x, const struct hlr_buf *b)
{
	static const char name[] = "word/numbering.xml";
	xmlTextReaderPtr r = xml_open(b, name);
	if (!r) {
		hlr_diag_file(x->d, HLR_ERROR, HLR_C_IMPORT_FORMAT, x->path,
		              "is a broken .docx: its %s cannot be read", name);
		return false;
	}
	size_t cap_abs = 0, cap_nums = 0;
	struct abstract *ab = NULL; /* the definition being read */
	struct num *nu = NULL;      /* the list being read */
	long lv = -1;               /* its level being read (w:lvl, w:lvlOverride) */
	int rc;
	while ((rc = xml_next(x, r, name)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !w_ns(r))
			continue;
		const char *l = (const char *)xmlTextReaderConstLocalName(r);
		if (!strcmp(l, "abstractNum")) {
			if (x->nabs == cap_abs) {
				cap_abs = cap_abs ? cap_abs * 2 : 8;
				x->abs = hlr_arena_grow(x->a, x->abs, x->nabs, cap_abs, sizeof *x->abs);
			}
			ab = &x->abs[x->nabs++];
			memset(ab, 0, sizeof *ab);
			ab->id = w_number(r, "abstractNumId", -1);
			for (int i = 0; i < 9; i++)
				ab->lvl[i].delim = '.';
			nu = NULL;
			lv = -1;
		} else if (!strcmp(l, "num")) {
			if (x->nnums == cap_nums) {
				cap_nums = cap_nums ? cap_nums * 2 : 8;
				x->nums = hlr_arena_grow(x->a, x->nums, x->nnums, cap_nums, sizeof *x->nums);
			}
			nu = &x->nums[x->nnums++];
			memset(nu, 0, sizeof *nu);
			nu->id = w_number(r, "numId", -1);
			nu->abs_id = -1;
			ab = NULL;
			lv = -1;
		} else if (!strcmp(l, "lvl") || !strcmp(l, "lvlOverride")) {
			lv = w_number(r, "ilvl", -1);
			if (lv > 8)
				lv = -1;
		} else if (!strcmp(l, "abstractNumId") && nu) {
			nu->abs_id = w_number(r, "val", -1);
		} else if (!strcmp(l, "startOverride") && nu && lv >= 0) {
			nu->over[lv] = w_number(r, "val", 0) + 1;
		} else if (ab && lv >= 0 && (!strcmp(l, "start") || !strcmp(l, "numFmt") ||
		                             !strcmp(l, "lvlText"))) {
			struct lvl *v = &ab->lvl[lv];
			char *val = w_val(r);
			if (!strcmp(l, "start")) {
				v->start = number(val, 0);
			} else if (!strcmp(l, "numFmt")) {
				static const struct {
					const char *fmt;
					enum hlr_list_style style;
				} fmts[] = {
					{"decimal", HLR_LIST_DECIMAL},         {"decimalZero", HLR_LIST_DECIMAL},
					{"lowerLetter", HLR_LIST_LOWER_ALPHA}, {"upperLetter", HLR_LIST_UPPER_ALPHA},
					{"lowerRoman", HLR_LIST_LOWER_ROMAN},  {"upperRoman", HLR_LIST_UPPER_ROMAN},
				};
				v->style = HLR_LIST_BULLET;
				for (size_t i = 0; val && i < sizeof fmts / sizeof fmts[0]; i++)
					if (!strcmp(val, fmts[i].fmt))
						v->style = fmts[i].style;
			} else if (val) {
				/* "%1." or "%1)" or "(%1)": what follows this level's
				 * number */
				char own[4] = {'%', (char)('1' + lv), '\0', '\0'};
				const char *at = strstr(val, own);
				v->delim = at && at[2] == ')' ? ')' : '.';
			}
			xmlFree(val);
		}
	}
	xmlFreeTextReader(r);
	return rc == 0;
}

/* The marker Word shows on a paragraph of list numid at level (into
 * out: "3.", "b)", "iv)"), counting it; false for a bullet: a list
 * numbering.xml does not define, or a level with no number hlrc can
 * write. */
static bool list_number(struct docx *x, long numid, int level, char out[24])
{
	struct num *nu = NULL;
	struct abstract *ab = NULL;
	for (size_t i = 0; i < x->nnums && !nu; i++)
		if (x->nums[i].id == numid)
			nu = &x->nums[i];
	for (size_t i = 0; nu && i < x->nabs && !ab; i++)
		if (x->abs[i].id == nu->abs_id)
			ab = &x->abs[i];
	if (!ab || level < 0 || level > 8)
		return false;
	if (!nu->used) { /* a list that restarts its definition's numbering */
		nu->used = true;
		for (int i = 0; i < 9; i++)
			if (nu->over[i]) {
				ab->count[i] = nu->over[i] - 2;
				ab->started[i] = true;
			}
	}
	if (!ab->started[level])
		ab->count[level] = ab->lvl[level].start;
	else if (ab->count[level] < 999999999)
		ab->count[level]++;
	ab->started[level] = true;
	for (int i = level + 1; i < 9; i++)
		ab->started[i] = false;
	const struct lvl *v = &ab->lvl[level];
	if (v->style == HLR_LIST_BULLET || ab->count[level] < 0)
		return false;
	return hlr_list_marker(out, v->style, (uint32_t)ab->count[level],
	                       v->style == HLR_LIST_DECIMAL ? v->delim : ')') > 0;
}

static const struct style *style_find(const struct docx *x, const char *id)
{
	for (size_t i = 0; i < x->nstyles; i++)
		if (!strcmp(x->styles[i].id, id))
			return &x->styles[i];
	return NULL;
}

/* A paragraph being read. */
struct para {
	struct hlr_buf text;
	const struct style *style;
	bool numbered;  /* w:numPr with a numId other than 0 */
	long numid;     /* that numId */
	int level;      /* w:ilvl */
	bool outline;   /* w:outlineLvl of its own */
};

/* Appends paragraph p as a line (or lines, at its breaks) of the view. */
static void put_para(struct docx *x, struct para *p, struct hlr_buf *text, struct hlr_buf *flags)
{
	bool list = p->numbered || (p->style && p->style->list);
	bool heading = p->outline || (p->style && p->style->heading);
	int level = p->numbered ? p->level : p->style ? p->style->level : 0;
	long numid = p->numbered ? p->numid : p->style ? p->style->numid : 0;
	char mark[24];
	/* counted even when empty: Word shows its number */
	bool ordered = list && numid && list_number(x, numid, level, mark);
	const char *s = p->text.data ? p->text.data : "";
	size_t n = p->text.len;
	size_t lead = 0;
	while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
		lead++;
	if (list && lead == n)
		list = false; /* an empty list paragraph is a blank line */
	if (heading)
		list = false; /* a numbered heading ("1. Staffing") is a heading */
	if (list) {
		for (int i = 0; i < level; i++)
			hlr_buf_puts(text, "  ");
		if (ordered) {
			hlr_buf_puts(text, mark);
			hlr_buf_putc(text, ' ');
		} else {
			hlr_buf_puts(text, "- ");
		}
		s += lead;
		n -= lead;
	}
	hlr_buf_putc(flags, (heading ? HLR_IMPORT_HEADING : 0) | (list && ordered ? HLR_IMPORT_LIST : 0));
	for (size_t i = 0; i < n; i++) {
		hlr_buf_putc(text, s[i]);
		if (s[i] == '\n') {
			hlr_buf_putc(flags, 0);
			if (list)
				for (int k = 0; k <= level; k++)
					hlr_buf_puts(text, "  ");
		}
	}
	hlr_buf_putc(text, '\n');
}

/* word/document.xml into lines. */
static bool read_document(struct docx *x, const struct hlr_buf *b, struct hlr_buf *text,
                          struct hlr_buf *flags)
{
	static const char name[] = "word/document.xml";
	xmlTextReaderPtr r = xml_open(b, name);
	if (!r) {
		hlr_diag_file(x->d, HLR_ERROR, HLR_C_IMPORT_FORMAT, x->path,
		              "is a broken .docx: its %s cannot be read", name);
		return false;
	}
	struct para p;
	memset(&p, 0, sizeof p);
	struct hlr_buf cell = HLR_BUF_INIT, row = HLR_BUF_INIT;
	int in_p = 0, in_t = 0, in_r = 0, tbl = 0, cells = 0;
	int rc;
	while ((rc = xml_next(x, r, name)) == 1) {
		int type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_ELEMENT) {
			bool empty = xmlTextReaderIsEmptyElement(r);
			const char *l = (const char *)xmlTextReaderConstLocalName(r);
			const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r);
			/* a drawing's text also comes as a fallback: read it once */
			if (l && ns && !strcmp(l, "Fallback") && strstr(ns, "markup-compatibility")) {
				if (xmlTextReaderNext(r) < 0)
					break;
				continue;
			}
			if (!w_ns(r))
				continue;
			if (!strcmp(l, "p")) {
				if (!in_p++) {
					p.text.len = 0;
					p.style = NULL;
					p.numbered = p.outline = false;
					p.level = 0;
					p.numid = 0;
				}
				if (empty)
					in_p--;
				if (empty && !in_p && !tbl)
					put_para(x, &p, text, flags);
			} else if (!strcmp(l, "pStyle") && in_p == 1) {
				char *v = w_val(r);
				if (v) {
					p.style = style_find(x, v);
					xmlFree(v);
				}
			} else if ((!strcmp(l, "ilvl") || !strcmp(l, "numId") || !strcmp(l, "outlineLvl")) &&
			           in_p == 1 && !in_r) {
				char *v = w_val(r);
				if (v) {
					if (!strcmp(l, "ilvl"))
						p.level = v[0] >= '0' && v[0] <= '8' ? v[0] - '0' : 0;
					else if (!strcmp(l, "numId")) {
						p.numbered = strcmp(v, "0") != 0;
						p.numid = number(v, 0);
					}
					else
						p.outline = v[0] >= '0' && v[0] <= '8';
					xmlFree(v);
				}
			} else if (!strcmp(l, "r")) {
				in_r += !empty;
			} else if (!strcmp(l, "t")) {
				in_t += !empty;
			} else if (in_p && in_r && !strcmp(l, "tab")) {
				hlr_buf_putc(&p.text, '\t');
			} else if (in_p && in_r && (!strcmp(l, "br") || !strcmp(l, "cr"))) {
				hlr_buf_putc(&p.text, tbl ? ' ' : '\n');
			} else if (in_p && in_r && !strcmp(l, "noBreakHyphen")) {
				hlr_buf_putc(&p.text, '-');
			} else if (!strcmp(l, "tbl")) {
				tbl += !empty;
			} else if (!strcmp(l, "tr") && tbl == 1) {
				row.len = 0;
				cells = 0;
			} else if (!strcmp(l, "tc") && tbl == 1) {
				cell.len = 0;
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (!w_ns(r))
				continue;
			const char *l = (const char *)xmlTextReaderConstLocalName(r);
			if (!strcmp(l, "p") && in_p) {
				if (--in_p)
					continue;
				if (!tbl) {
					put_para(x, &p, text, flags);
				} else if (p.text.len) {
					if (cell.len)
						hlr_buf_putc(&cell, ' ');
					hlr_buf_put(&cell, p.text.data, p.text.len);
				}
			} else if (!strcmp(l, "r") && in_r) {
				in_r--;
			} else if (!strcmp(l, "t") && in_t) {
				in_t--;
			} else if (!strcmp(l, "tc") && tbl == 1) {
				if (cells++)
					hlr_buf_putc(&row, '\t');
				for (size_t i = 0; i < cell.len; i++)
					hlr_buf_putc(&row, cell.data[i] == '\t' || cell.data[i] == '\n'
					                       ? ' ' : cell.data[i]);
			} else if (!strcmp(l, "tr") && tbl == 1) {
				hlr_buf_putc(flags, HLR_IMPORT_TABLE);
				if (row.len)
					hlr_buf_put(text, row.data, row.len);
				hlr_buf_putc(text, '\n');
			} else if (!strcmp(l, "tbl") && tbl) {
				tbl--;
			}
		} else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
		            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
		            type == XML_READER_TYPE_WHITESPACE) && in_t && in_p) {
			const char *v = (const char *)xmlTextReaderConstValue(r);
			for (; v && *v; v++)
				hlr_buf_putc(&p.text, *v == '\n' || *v == '\r' ? ' ' : *v);
		}
		if (text->len > HLR_IMPORT_MAX_PART || p.text.len > HLR_IMPORT_MAX_PART) {
			hlr_diag_file(x->d, HLR_ERROR, HLR_C_IMPORT_LIMIT, x->path,
			              "is refused: its text is over %zu bytes", HLR_IMPORT_MAX_PART);
			rc = -1;
			break;
		}
	}
	xmlFreeTextReader(r);
	hlr_buf_free(&p.text);
	hlr_buf_free(&cell);
	hlr_buf_free(&row);
	return rc == 0;
}

bool hlr_import_docx(struct hlr_arena *a, struct hlr_diags *d, const char *path,
                     const char *data, size_t len, struct hlr_buf *text, struct hlr_buf *flags)
{
	struct docx x = {a, d, path, NULL, 0, NULL, 0, NULL, 0};
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *zs = zip_source_buffer_create(data, len, 0, &err);
	zip_t *z = zs ? zip_open_from_source(zs, ZIP_RDONLY | ZIP_CHECKCONS, &err) : NULL;
	if (!z) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_FORMAT, path,
		              "is not a .docx document: it starts like a zip archive but cannot be "
		              "opened as one (%s)", zip_error_strerror(&err));
		if (zs)
			zip_source_free(zs);
		zip_error_fini(&err);
		return false;
	}
	zip_error_fini(&err);
	bool ok = true;
	zip_int64_t n = zip_get_num_entries(z, 0), doc = -1, styles = -1, numbering = -1;
	if (n < 0 || n > HLR_IMPORT_MAX_ENTRIES) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_LIMIT, path,
		              "is refused: it has %lld entries, and a .docx hlrc import reads has at "
		              "most %d", (long long)n, HLR_IMPORT_MAX_ENTRIES);
		ok = false;
	}
	zip_uint64_t total = 0;
	for (zip_int64_t i = 0; ok && i < n; i++) {
		zip_stat_t st;
		if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0 ||
		    !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE) ||
		    !(st.valid & ZIP_STAT_NAME)) {
			hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_FORMAT, path,
			              "is a broken .docx: entry %lld of its archive cannot be read",
			              (long long)i);
			ok = false;
			break;
		}
		total += st.size;
		if (st.size > HLR_IMPORT_MAX_PART || total > 4 * (zip_uint64_t)HLR_IMPORT_MAX_PART ||
		    (st.size > 65536 && st.size / (st.comp_size ? st.comp_size : 1) >
		                            HLR_IMPORT_MAX_RATIO)) {
			hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_LIMIT, path,
			              "is refused: its entry %s inflates from %llu to %llu bytes (a zip "
			              "bomb? hlrc import reads an entry of at most %zu bytes, compressed "
			              "at most %d to 1)", st.name, (unsigned long long)st.comp_size,
			              (unsigned long long)st.size, HLR_IMPORT_MAX_PART,
			              HLR_IMPORT_MAX_RATIO);
			ok = false;
			break;
		}
		if (!strcmp(st.name, "word/document.xml"))
			doc = i;
		else if (!strcmp(st.name, "word/styles.xml"))
			styles = i;
		else if (!strcmp(st.name, "word/numbering.xml"))
			numbering = i;
	}
	if (ok && doc < 0) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_IMPORT_FORMAT, path,
		              "is a zip archive but not a Word document: it has no word/document.xml");
		ok = false;
	}
	struct hlr_buf b = HLR_BUF_INIT;
	if (ok && styles >= 0) {
		ok = read_entry(&x, z, styles, "word/styles.xml", HLR_IMPORT_MAX_PART, &b) &&
		     read_styles(&x, &b);
		b.len = 0;
	}
	if (ok && numbering >= 0) {
		ok = read_entry(&x, z, numbering, "word/numbering.xml", HLR_IMPORT_MAX_PART, &b) &&
		     read_numbering(&x, &b);
		b.len = 0;
	}
	if (ok)
		ok = read_entry(&x, z, doc, "word/document.xml", HLR_IMPORT_MAX_PART, &b) &&
		     read_document(&x, &b, text, flags);
	hlr_buf_free(&b);
	zip_discard(z);
	return ok;
}
