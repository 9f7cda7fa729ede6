/* compiler: the lower stage. From a resolved report and a view (the whole
 * report, or what concerns one authority) it builds the output tree that
 * every writer walks: the title and the header as (label, value) entries,
 * parts, sections with their headings and anchors, and blocks (lists of
 * items, paragraphs, "None", carried content) holding only what the view
 * shows, with inline Markdown already parsed and references resolved.
 *
 * Writers (emit_md.c, emit_html.c, emit_json.c, and the site and diff
 * commands) decide nothing about content: what to show, in what order,
 * under which label, is decided here once. The resolved model is only
 * read; the tree is owned by the arena given to hlr_lower. */
#ifndef HLR_LOWER_H
#define HLR_LOWER_H

#include <stdbool.h>
#include <stdint.h>

#include "compiler/ast.h"
#include "compiler/inline.h"

enum hlr_lkind {
	HLR_L_PART,    /* title, anchor: its id (NULL if none); children: sections */
	HLR_L_SECTION, /* title, anchor, keyword, address; children: blocks (none:
	                  shown as "None") */
	HLR_L_LIST,    /* children: items; list_style, list_delim, number: the
	                  first item's */
	HLR_L_ITEM,    /* anchor, tags, text; children: nested items */
	HLR_L_PARA,    /* anchor, tags, text */
	HLR_L_NONE,    /* text: the words after "None", if any */
	HLR_L_CARRIED, /* since: the report it is unchanged since; text: "#id" when
	                  one item is carried; children: blocks */
	HLR_L_METRICS, /* the metrics section's values: the doc's track->metrics */
	HLR_L_SUBHEAD, /* title, anchor: a heading one level below its section */
	HLR_L_TABLE,   /* anchor, text: the caption (empty if none), table: its
	                  columns; children: rows, the header row first */
	HLR_L_ROW,     /* tags, cells (table->ncols of them, in the table's
	                  columns), header: the header row */
};

struct hlr_status;
struct hlr_ltrack;

/* One node of the output tree. */
struct hlr_lnode {
	struct hlr_lnode *first;        /* first child */
	struct hlr_lnode *next;         /* next sibling */
	const char *anchor;             /* id, or a section's anchor; NULL if none */
	const char *title;              /* part or section heading */
	const char *base_title;         /* section heading without the period a
	                                   "since last reporting period" heading adds */
	const char *keyword;            /* section keyword */
	const char *address;            /* section: "keyword", or "part/keyword" in
	                                   a part with an id */
	const struct hlr_text *text;    /* item, paragraph or none words: the pieces;
	                                   HLR_L_CARRIED: "#id" for one item, else empty */
	const struct hlr_inline *inl;   /* their inline tree, NULL for plain text */
	const unsigned char *tags;      /* authorities labelled on it, each once, in
	                                   the order written (indexes into the
	                                   report's authorities) */
	uint64_t tagmask;               /* the authorities it concerns (own or
	                                   inherited tags) */
	const struct hlr_report *from;  /* a carried block: the report it was
	                                   written in; NULL for this report's own */
	const struct hlr_report *since; /* HLR_L_CARRIED: unchanged since */
	uint32_t anchor_len, title_len, keyword_len, address_len;
	uint32_t line;                  /* 1-based source line (when lines are asked for) */
	uint8_t kind;                   /* enum hlr_lkind */
	uint8_t ntags;                  /* count of tags */
	bool verbatim;                  /* plain text that is its own Markdown */
	const struct hlr_status *status; /* section or item: its status (track.h), or NULL */
	/* HLR_L_LIST and HLR_L_ITEM: how the list is numbered */
	uint8_t list_style;             /* enum hlr_list_style; 0: bullets */
	char list_delim;                /* '.' or ')' as written, 0 for bullets */
	bool list_start;                /* HLR_L_ITEM: the first of its list (a
	                                   change of marker, or a number that does
	                                   not follow the one before, starts one) */
	uint32_t number;                /* an ordered item's number; a list's
	                                   first number */
	bool lead;                      /* HLR_L_SECTION: the lead ("== lead"),
	                                   shown before the sections with no
	                                   heading */
	bool standing;                  /* HLR_L_SECTION: the series' standing
	                                   text (series.hlr), not this report's */
	bool attachments;               /* HLR_L_SECTION: the list of the report's
	                                   attachments, after its sections (JSON
	                                   gives them as "attachments") */
	bool header;                    /* HLR_L_ROW: the table's header row */
	const struct hlr_table *table;  /* HLR_L_TABLE: columns and alignment */
	const struct hlr_cell *cells;   /* HLR_L_ROW: its cells */
	/* Logs (log.h): */
	const struct hlr_text *note;    /* HLR_L_ITEM: a line of plain text under its
	                                   text and status (a log entry's fields and
	                                   state: "Owner: X · Due ... · New"), or NULL */
	const struct hlr_entry *entry;  /* HLR_L_ITEM: its log entry, or NULL */
	bool log_closed;                /* the "Closed since last report" paragraph
	                                   and list of a log section (JSON gives
	                                   them as the section's entries) */
	const struct hlr_entry **entries; /* HLR_L_SECTION: the entries it shows,
	                                   then those closed since last report */
	unsigned nentries;
	unsigned ncells;                /* HLR_L_ROW: count of cells (the
	                                   table's columns: no more, and a row
	                                   with fewer is an error) */
};

/* One line of the report's header: "Reporting period", "Week ending ...". */
struct hlr_lfield {
	const char *label;      /* "Reporting period" */
	const char *value;      /* "Week ending 3rd July 2020" */
	const char *datetime;   /* a period's machine-readable date, or NULL */
	const char *const *parts; /* the value's own words and the words hlrc
	                             joins them with, in turn ("A", ", ", "B"),
	                             for writers that escape what the author
	                             wrote apart; NULL: value is one part */
	unsigned nparts;
};

/* A link from a page of a site to another page. */
struct hlr_llink {
	const char *rel;        /* "prev", "next" or NULL */
	const char *label;      /* "Previous: Week ending 26th June 2020" */
	const struct hlr_report *report; /* page of this report, or NULL */
	const char *href;       /* when report is NULL */
};

/* The lowered report. */
struct hlr_doc {
	const struct hlr_report *report; /* what it was lowered from */
	int view;                        /* authority index, or -1 for the whole report */
	const char *title;               /* the report's title */
	const char *view_name;           /* the authority's full name in a view, else NULL */
	const char *page_title;          /* "TITLE – PERIOD (VIEW)" for a page */
	struct hlr_lfield *fields;       /* header lines, in order */
	unsigned nfields;
	struct hlr_lnode *first;         /* parts and sections, in order */
	struct hlr_llink *nav;           /* site navigation, in order */
	unsigned nnav;
	const char *marking;             /* protective marking, shown at the top
	                                    and foot of every page, or NULL */
	const struct hlr_ltrack *track;  /* status summary and metrics (track.h), or
	                                    NULL when the report states none */
};

struct hlr_lower_opts {
	int view;                        /* authority index, or -1 */
	bool lines;                      /* fill in hlr_lnode.line */
	bool header_only;                /* the title and header lines alone */
	/* A page of a site: links to the index and the reports around it. */
	const char *index_href;          /* "index.html", or NULL */
	const struct hlr_report *prev;   /* previous report of the site, or NULL */
	const struct hlr_report *next;   /* next report, or NULL */
};

/* Lowers r (resolved without errors) for the view. Never fails. */
struct hlr_doc *hlr_lower(struct hlr_arena *a, const struct hlr_report *r,
                          const struct hlr_lower_opts *o);

/* "A and B", "A, B and C" of the report's authorities' short names. */
void hlr_lower_authority_list(struct hlr_buf *b, const struct hlr_report *r);
/* A period's date as <time datetime> wants it: "2020-11" for a month, the
 * last day for other periods. */
void hlr_lower_datetime(const struct hlr_period *p, char out[11]);

#endif
