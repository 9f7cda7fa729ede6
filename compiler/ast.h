/* compiler: the document model. The parser builds it, the resolver checks
 * and completes it, and every emitter reads it. Nodes keep byte spans into
 * their source, their ids and their authority tags, and comments stay in the
 * tree, so later stages (formatter, carry-forward, audience views) need
 * nothing else. All memory belongs to the compilation's arena. */
#ifndef HLR_AST_H
#define HLR_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "compiler/source.h"
#include "runtime/calendar.h"
#include "runtime/strmap.h"

/* Authorities a report may declare; tags are a bit set over them. */
#define HLR_MAX_AUTHORITIES 64
/* Deepest item nesting accepted. */
#define HLR_MAX_DEPTH 16

enum hlr_node_kind {
	HLR_NODE_REPORT,    /* root: header fields and comments, then body */
	HLR_NODE_FIELD,     /* header line "name value" */
	HLR_NODE_PART,      /* "= Part 1 - COVID-19" */
	HLR_NODE_SECTION,   /* "== keyword[: heading] [{#id}]" */
	HLR_NODE_ITEM,      /* "- text", possibly with nested items */
	HLR_NODE_PARA,      /* paragraph of text lines */
	HLR_NODE_NONE,      /* "none [words]" */
	HLR_NODE_UNCHANGED, /* "unchanged [words]" */
	HLR_NODE_COMMENT,   /* "# text"; never rendered */
	HLR_NODE_SUBHEAD,   /* "=== Heading [{#id}]" inside a section */
	HLR_NODE_TABLE,     /* "| a | b |" lines: text is the caption ("Table: ..."
	                       line above), children: rows; see struct hlr_table */
	HLR_NODE_ROW,       /* one "|" line of a table: tags, cells */
	HLR_NODE_CLOSE,     /* "close #id[: reason]" at the margin of a section:
	                       id: the entry, text: the reason (log.c) */
};

/* How an item is marked: a bullet, or a number or letter as the author
 * wrote it ("1.", "1)", "a)", "A)", "ii)", "II)"). */
enum hlr_list_style {
	HLR_LIST_BULLET,
	HLR_LIST_DECIMAL,
	HLR_LIST_LOWER_ALPHA,
	HLR_LIST_UPPER_ALPHA,
	HLR_LIST_LOWER_ROMAN,
	HLR_LIST_UPPER_ROMAN,
};

/* A table's column alignment, from its alignment row. */
enum hlr_align {
	HLR_ALIGN_NONE,   /* "---" */
	HLR_ALIGN_LEFT,   /* ":--" */
	HLR_ALIGN_CENTER, /* ":-:" */
	HLR_ALIGN_RIGHT,  /* "--:" */
};

/* What a row of a table is (its place under the table). */
enum hlr_row_role {
	HLR_ROW_BODY,   /* a row of data */
	HLR_ROW_HEADER, /* the first row: the column headings */
	HLR_ROW_ALIGN,  /* the alignment row under it ("|---|:-:|") */
};

/* One source line's share of a node's text. */
struct hlr_seg {
	uint32_t src; /* byte offset of the piece in the source */
	uint32_t txt; /* byte offset of the piece in the joined text */
	uint32_t len; /* bytes */
};

/* Text that may run over several lines: the pieces joined with "\n".
 * A one-line text points into the source; a longer one is joined only when
 * something asks for it (hlr_text_join), so a big report is not held twice. */
struct hlr_text {
	const char *s;        /* the text, or NULL for several pieces not yet joined */
	size_t len;           /* bytes of the joined text */
	struct hlr_seg *segs; /* where each piece came from */
	unsigned nsegs;       /* number of pieces */
	unsigned seg0;        /* while parsing: index of the first piece in the
	                         builder's shared array */
	const char *src_data; /* the source the pieces are in */
};

struct hlr_arena;
/* The joined text (joined into the arena on first use). */
const char *hlr_text_join(struct hlr_arena *a, struct hlr_text *t);

/* An "@TAG" written on a node. */
struct hlr_tagref {
	struct hlr_span span; /* the tag, without the "@" */
	int authority;        /* index into the report's authorities, -1 if unknown */
	const char *name;     /* the tag when it is not at span (inherited by an
	                         item carried alone), else NULL */
};

struct hlr_report;
struct hlr_inline;
struct hlr_status;
struct hlr_track;
struct hlr_entry;
struct hlr_logs;

struct hlr_node {
	enum hlr_node_kind kind;     /* what it is */
	struct hlr_source *src;      /* file its spans point into */
	struct hlr_span span;        /* the whole construct, all its lines */
	struct hlr_node *parent;     /* enclosing node, NULL for the root */
	struct hlr_node *first;      /* first child */
	struct hlr_node *last;       /* last child */
	struct hlr_node *next;       /* next sibling */
	unsigned indent;             /* column of the marker or text (tabs to 4) */
	unsigned depth;              /* item nesting depth, 1 for top-level items */
	bool has_items;              /* an item has been nested in it */
	struct hlr_span key;         /* field name or section keyword */
	struct hlr_span id;          /* "{#id}" without braces and '#'; empty if none */
	struct hlr_text text;        /* item, paragraph, part, field or none text */
	struct hlr_text heading;     /* section heading override, if written */
	struct hlr_tagref *tags;     /* tags written on this node */
	unsigned ntags, tagcap;      /* count and capacity of tags */
	/* Filled in by the resolver: */
	const char *title;           /* section heading to render (canonical or override) */
	const char *base_title;      /* the same without the period a "since last
	                                reporting period" heading adds */
	const char *address;         /* section: "keyword", or "part/keyword" in a part
	                                with an id: the key of carrying, status
	                                comparison and diff, and its anchor when it
	                                has no id of its own */
	uint64_t tagmask;            /* effective tags: own, else inherited */
	const struct hlr_report *origin; /* report the content was written in */
	const struct hlr_report *since;  /* unchanged: latest report the carried
	                                    content was written in */
	const struct hlr_inline *inl;    /* item or paragraph: its inline Markdown,
	                                    parsed once (NULL for plain text) */
	uint8_t text_class;              /* item or paragraph: enum hlr_text_class */
	struct hlr_node *fields;         /* section or item: its field lines (a section's
	                                    status line and metric lines, an item's
	                                    indented "name value" lines), HLR_NODE_FIELD
	                                    nodes chained by next; not children */
	const struct hlr_status *status; /* section or item: its status (status.c) */
	/* An ordered item (hlr_build_ordinal): */
	uint8_t list_style;              /* enum hlr_list_style; 0 for a bullet */
	char list_delim;                 /* '.' or ')' */
	uint32_t number;                 /* its number: as written, or counted on
	                                    from the item before when every item
	                                    so far repeats the first number */
	struct hlr_span marker;          /* "1." or "a)" as written */
	/* Tables (compiler/table.c): */
	struct hlr_cell *cells;          /* row: its cells, in order */
	unsigned ncells;                 /* row: count of cells */
	uint8_t row_role;                /* row: enum hlr_row_role */
	struct hlr_table *table;         /* table: its columns */
	/* Standing text (resolve.c): */
	bool standing;                   /* cloned into a report from the series
	                                    file's standing text: shown like the
	                                    report's own, resolved in series.hlr */
	/* Logs (compiler/log.c): */
	bool log_added;                  /* section: made to hold entries carried
	                                    into a report that has no section of
	                                    their log */
	bool log_carried;                /* item: an open entry of the previous
	                                    report, shown without being written */
	const struct hlr_entry *entry;   /* item: its log entry in this report */
};

/* One cell of a table row: the words between two bars. */
struct hlr_cell {
	struct hlr_span span;            /* the cell's words, trimmed (may be empty) */
	struct hlr_span bars;            /* from the bar before it to the bar after it
	                                    (or the line end) */
	struct hlr_text text;            /* the words, for inline Markdown */
	const struct hlr_inline *inl;    /* their inline tree (resolver), NULL for plain */
	uint8_t text_class;              /* enum hlr_text_class */
};

/* A table's columns. */
struct hlr_table {
	unsigned ncols;                  /* cells in the header row */
	uint8_t *align;                  /* enum hlr_align per column (ncols) */
	bool row_headers;                /* the header row's first cell is empty: the
	                                    first cell of each row heads it */
	bool has_align;                  /* the alignment row was written */
	bool metrics;                    /* in the metrics section: its rows state metric
	                                    values (metric.c), it is not shown as a table */
};

/* Whether n is a table of metric values (a table in the metrics section). */
static inline bool hlr_metrics_table(const struct hlr_node *n)
{
	return n->kind == HLR_NODE_TABLE && n->table && n->table->metrics;
}

enum hlr_period_kind {
	HLR_PERIOD_WEEK,      /* week ending DATE */
	HLR_PERIOD_FORTNIGHT, /* fortnight ending DATE */
	HLR_PERIOD_MONTH,     /* month YYYY-MM */
	HLR_PERIOD_QUARTER,   /* quarter YYYY-Qn */
	HLR_PERIOD_DAY,       /* day YYYY-MM-DD */
	HLR_PERIOD_RANGE,     /* YYYY-MM-DD to YYYY-MM-DD */
	HLR_PERIOD_AS_AT,     /* as at YYYY-MM-DD */
	HLR_PERIOD_FISCAL,    /* Pn FYyyyy-yy: a period of a fiscal year */
	HLR_PERIOD_FISCAL_YEAR, /* FYyyyy-yy: a whole fiscal year */
};

struct hlr_period {
	enum hlr_period_kind kind; /* form written */
	struct hlr_date start;     /* first day covered */
	struct hlr_date end;       /* last day covered */
	char label[64];            /* "Week ending 3rd July 2020" */
	/* fiscal periods and years (period.c): */
	int fy_year;               /* the year the fiscal year starts in */
	int fy_period;             /* 1..fy_periods, or 0 for a whole year */
	int fy_start;              /* month the fiscal year starts, 1..12 */
	int fy_periods;            /* 12 (fiscal months) or 13 (four weeks) */
};

/* A file the report attaches ("attachment KEY PATH TITLE"): a link
 * [text](attachment:KEY) goes to it, the report lists it, a site copies it. */
struct hlr_attachment {
	const char *key;      /* "budget" */
	const char *path;     /* "appendix-a.pdf": relative to the report's folder */
	const char *title;    /* "Appendix A: Budget", or the file name */
	struct hlr_node *decl;/* the declaring field */
	struct hlr_span key_span; /* the key, in decl->src */
};

struct hlr_authority {
	const char *tag;      /* "CCC" */
	struct hlr_span tag_span; /* where it was declared, in decl->src */
	const char *name;     /* "Cambridgeshire County Council" */
	const char *shortname;/* "Cambridgeshire", or the name */
	struct hlr_node *decl;/* declaring field */
};

/* A section keyword known to a report: from the catalogue or declared. */
struct hlr_section_def {
	const char *keyword;  /* "guidance" */
	const char *heading;  /* "NEW GUIDANCE AND IMPACT" */
	struct hlr_node *decl;/* declaring field, NULL for the catalogue */
	bool required;        /* declared 'section KEY "Heading" required' */
};

/* A reference "[text](^target)" in a report's text, checked by the resolver. */
struct hlr_ref {
	const char *target;              /* "previous#ppe-guidance", as written */
	const struct hlr_report *report; /* report it points to */
	const char *anchor;              /* id in that report, or NULL for the top */
};

/* Header fields beyond the language's own: built in (report number,
 * reference, meeting, publication date, protective marking) or declared by
 * a series ("field sponsor "Project sponsor" person"); compiler/field.c. */
enum hlr_field_type {
	HLR_FIELD_TEXT,
	HLR_FIELD_DATE,   /* YYYY-MM-DD, shown "3rd July 2020" */
	HLR_FIELD_NUMBER, /* 14, 2.5, -3 */
	HLR_FIELD_PERSON, /* "Name" or "Name (Role)" */
};

struct hlr_field_def {
	const char *key;          /* "sponsor" */
	const char *label;        /* "Project sponsor" */
	enum hlr_field_type type;
	struct hlr_node *decl;    /* the "field" line, NULL for a built-in */
};

struct hlr_field_value {
	const struct hlr_field_def *def;
	struct hlr_node *node;    /* the "KEY value" line */
	const char *value;        /* as written */
	const char *shown;        /* as shown: a date in words, else the value */
	char iso[11];             /* a date's YYYY-MM-DD, else "" */
	const char *name, *role;  /* a person's name and role (role may be NULL) */
};

enum hlr_cadence {
	HLR_CADENCE_NONE,        /* not declared */
	HLR_CADENCE_WEEKLY,
	HLR_CADENCE_FORTNIGHTLY,
	HLR_CADENCE_MONTHLY,
	HLR_CADENCE_QUARTERLY,
	HLR_CADENCE_DAILY,
	HLR_CADENCE_FOURWEEKLY,  /* "4-weekly" */
};

struct hlr_series;
struct hlr_profile;

struct hlr_report {
	struct hlr_source *src;          /* file it was parsed from */
	struct hlr_node *root;           /* HLR_NODE_REPORT */
	const char *name;                /* file name without folder and ".hlr" */
	struct hlr_series *series;       /* series it belongs to, or NULL */
	struct hlr_report *previous;     /* previous report, or NULL */
	struct hlr_node *previous_field; /* "previous FILE" line, if written */
	enum hlr_cadence cadence;        /* from the header or the series file */
	struct hlr_node *require;        /* "require kw kw ..." field, or NULL */
	unsigned stale_after;            /* "stale-after N": warn at N reports, 0 off */
	size_t index;                    /* position in its series, by period */
	struct hlr_node **ids;           /* nodes with ids or anchors, own and carried */
	size_t nids, capids;
	struct hlr_strmap idmap;         /* id -> node, for the same nodes */
	struct hlr_ref **refs;           /* references in the text, in order */
	size_t nrefs, caprefs;
	struct hlr_strmap refmap;        /* target as written -> its hlr_ref */
	int state;                       /* resolver: 0 new, 1 resolving, 2 done */
	/* Header, filled in by the resolver: */
	const char *title;               /* "COVID-19 Emergency Planning ..." */
	const char *author;              /* may be NULL */
	const char **services;           /* service areas */
	unsigned nservices;
	bool has_period;                 /* a valid period was given */
	struct hlr_period period;        /* reporting period */
	struct hlr_authority *authorities; /* declared authorities, in order */
	unsigned nauthorities;
	struct hlr_section_def **sections;/* declared custom section keywords */
	unsigned nsections;
	struct hlr_strmap sectionmap;    /* keyword -> its hlr_section_def */
	int fy_start;                    /* "fiscal-year-start": month 1..12, 0 if none */
	struct hlr_field_def **fielddefs;/* declared fields, in order */
	unsigned nfielddefs;
	struct hlr_attachment *attachments; /* "attachment" lines: the series', then
	                                   the report's own, in order */
	unsigned nattachments, capattachments;
	struct hlr_strmap fieldmap;      /* key -> its hlr_field_def (declared) */
	struct hlr_field_value *fieldvals; /* values of built-in and declared fields */
	unsigned nfieldvals;
	const char *marking;             /* protective marking ("OFFICIAL"), or NULL */
	const struct hlr_profile *profile; /* catalogue of sections; NULL: council */
	struct hlr_node *profile_field;  /* the "profile" line, or NULL */
	struct hlr_node *standing_field; /* series file: the "standing kw ..." line */
	struct hlr_node **standing;      /* series file: its standing sections, in
	                                    order, each declared 'standing' once */
	unsigned nstanding;
	/* did-you-mean indexes, built when first needed (resolve.c) */
	struct hlr_suggest_index *dym_ids, *dym_anchors, *dym_sections;
	bool frozen;                     /* a later report is resolved in another
	                                    arena: nothing is cached in this one */
	struct hlr_track *track;         /* statuses and metrics (track.h), or NULL */
	/* Logs (compiler/log.h): */
	struct hlr_node **logdecls;      /* "log", "entry-state" and "owner" lines, the
	                                    series file's first */
	unsigned nlogdecls, caplogdecls;
	struct hlr_logs *logs;           /* the log entries after this report, or NULL */
};

/* Builds the tree while the parser runs: the grammar's actions call these.
 * Nesting by indentation and the grouping of lines into paragraphs live
 * here, so the grammar stays a grammar of lines. */
struct hlr_build {
	struct hlr_arena *arena;     /* owns every node */
	struct hlr_diags *diags;     /* structural errors */
	struct hlr_source *src;      /* file being parsed */
	struct hlr_report *report;   /* result */
	struct hlr_node *part;       /* current part, or NULL */
	struct hlr_node *section;    /* current section, or NULL */
	struct hlr_node *items[HLR_MAX_DEPTH + 1]; /* open items by depth */
	unsigned nitems;             /* depth of the innermost open item */
	struct hlr_node *para;       /* open paragraph, or NULL */
	bool after_children;         /* innermost item's children have begun */
	struct hlr_tagref pending[HLR_MAX_AUTHORITIES]; /* tags read on this line */
	unsigned npending;           /* count of pending tags */
	bool too_many_tags;          /* more than fit in pending on this line */
	bool depth_reported;         /* the nesting limit was reported once */
	int *scan_body;              /* the scanner's "a section has begun" flag,
	                                set when a heading line starts one */
	struct hlr_node *lazy;       /* item whose text a line at column 1 may
	                                continue (lazy continuation), or NULL */
	bool has_header_end;         /* header_end is set */
	uint32_t header_end;         /* end of the last header field line */
	uint32_t body_start;         /* start of the first part or section line */
	bool in_body;                /* a part or section has begun */
	unsigned lookalikes;         /* lines compared with the headings (capped) */
	struct hlr_seg *segs;        /* every text piece of the file, in order: a
	                                node's pieces are contiguous */
	size_t nsegs, capsegs;       /* count and capacity of segs */
	struct hlr_node *table;      /* the table the last row line went into */
	uint32_t table_end;          /* end of that line: a row starting here
	                                continues the table */
	struct hlr_span *rowparts;   /* the row being read: its bars and cells */
	unsigned nrowparts, caprowparts; /* count and capacity of rowparts */
};

void hlr_build_init(struct hlr_build *b, struct hlr_arena *a, struct hlr_diags *d,
                    struct hlr_source *src);
void hlr_build_field(struct hlr_build *b, struct hlr_span line, struct hlr_span key,
                     struct hlr_span value);
void hlr_build_part(struct hlr_build *b, struct hlr_span line, struct hlr_span text,
                    struct hlr_span id);
/* more: words written after the keyword (empty if none) */
void hlr_build_section(struct hlr_build *b, struct hlr_span line, struct hlr_span keyword,
                       struct hlr_span more, struct hlr_span heading, struct hlr_span id);
/* follow: what comes after the tag word (struct hlr_tok) */
void hlr_build_tag(struct hlr_build *b, struct hlr_span tag, unsigned follow);
/* marker: the line's indentation and item marker */
void hlr_build_item(struct hlr_build *b, struct hlr_span line, struct hlr_span marker,
                    unsigned indent, struct hlr_span text, struct hlr_span id);
/* An ordered item: marker is the line's indentation and "1.", "a)", ... */
void hlr_build_ordinal(struct hlr_build *b, struct hlr_span line, struct hlr_span marker,
                       unsigned indent, struct hlr_span text, struct hlr_span id);
/* "=== Heading [{#id}]" */
void hlr_build_subhead(struct hlr_build *b, struct hlr_span line, struct hlr_span text,
                       struct hlr_span id);
void hlr_build_text(struct hlr_build *b, struct hlr_span line, unsigned indent,
                    struct hlr_span text, struct hlr_span id);
void hlr_build_keyword_line(struct hlr_build *b, enum hlr_node_kind kind,
                            struct hlr_span line, struct hlr_span text);
void hlr_build_comment(struct hlr_build *b, struct hlr_span line, unsigned indent);
void hlr_build_blank(struct hlr_build *b);
/* A table row: its first bar, then each bar and each cell's words as the
 * grammar reads them, then the row (grammar/parse.y). */
void hlr_build_bar(struct hlr_build *b, struct hlr_span bar);
void hlr_build_cell(struct hlr_build *b, struct hlr_span words);
void hlr_build_row(struct hlr_build *b, struct hlr_span line, struct hlr_span first);
/* A line the parser could not read: forget its pending tags. */
void hlr_build_discard(struct hlr_build *b);
/* Joins multi-line texts; called once after parsing. */
void hlr_build_finish(struct hlr_build *b);

/* Whether s[0..n) names a field line an item may have under it, indented
 * ("status amber"): the builder reads such a line as a field, not text. */
bool hlr_item_field_name(const char *s, size_t n);
/* Whether s[0..n) is a key of a log entry's fields line ("owner", "due",
 * "state"): a field line only under an item with an id. */
bool hlr_entry_field_name(const char *s, size_t n);
/* The section keyword whose lines are metric values, one per line. */
#define HLR_METRICS_KEYWORD "metrics"
/* "3.", "c)", "iv)" (out holds up to 23 bytes and a NUL): the marker of
 * number in style, or "" when the style cannot write it (a letter past
 * "z"). Returns its length. */
size_t hlr_list_marker(char out[24], enum hlr_list_style style, uint32_t number, char delim);

/* Whether the n bytes at s, followed by a space at the start of a line,
 * would start an ordered item ("1.", "a)", "iv)"). */
bool hlr_is_list_marker(const char *s, size_t n);

/* Helpers over the model. */
/* A section's address as hlr_node.address has it, built from its spans
 * (for reports not resolved): "keyword" or "part/keyword"; into out (up
 * to cap bytes, NUL-terminated). Returns its length (0 if it does not fit). */
size_t hlr_section_address(const struct hlr_node *sec, char *out, size_t cap);
/* Whether sections a and b (of two reports, or one) have the same address:
 * the same keyword, in parts with the same id or in none with an id. */
bool hlr_section_same(const struct hlr_node *a, const struct hlr_node *b);
/* The section of r with sec's address, or NULL. */
const struct hlr_node *hlr_report_section(const struct hlr_report *r,
                                          const struct hlr_node *sec);
/* Pointer to the bytes of span in src. */
static inline const char *hlr_span_ptr(const struct hlr_source *src, struct hlr_span s)
{
	return src->data + s.start;
}
static inline size_t hlr_span_len(struct hlr_span s) { return s.end - s.start; }
/* True when span's bytes equal the NUL-terminated string str. */
bool hlr_span_eq(const struct hlr_source *src, struct hlr_span s, const char *str);
/* Source offset of byte off of a node's joined text. */
uint32_t hlr_text_source_offset(const struct hlr_text *t, size_t off);
const char *hlr_node_kind_name(enum hlr_node_kind k);
/* The node after n in a pre-order walk of its tree (children first), or
 * NULL at the end. Walks need no recursion: depth is bounded anyway. */
struct hlr_node *hlr_node_next(struct hlr_node *n);

#endif
