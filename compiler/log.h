/* compiler: logs of actions, risks, issues, decisions and changes (issue
 * 14; resolve stage, log.c). In a log section an item with an id is an
 * entry: it has a fields line (owner, due, state) and its item's status
 * line, and it carries itself from report to report until a 'close #id'
 * line (or a closed state) closes it. Each report keeps the open entries
 * after it (struct hlr_logs), built from its previous report's in time
 * proportional to the open entries: no walk over the history. */
#ifndef HLR_LOG_H
#define HLR_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "compiler/ast.h"

struct hlr_diags;
struct hlr_buf;

enum hlr_entry_action {
	HLR_ENTRY_NEW,     /* opened in this report */
	HLR_ENTRY_UPDATED, /* written again in this report */
	HLR_ENTRY_CARRIED, /* open, not written: shown from its last writing */
	HLR_ENTRY_CLOSED,  /* closed in this report (a close line or a closed state) */
	HLR_ENTRY_LAPSED,  /* history only: its due date passed while open */
};

/* What an update changed (bits of hlr_entry.changed). */
enum {
	HLR_CHANGED_TEXT = 1,
	HLR_CHANGED_OWNER = 2,
	HLR_CHANGED_DUE = 4,
	HLR_CHANGED_STATE = 8,
	HLR_CHANGED_STATUS = 16,
};

/* One step of an entry's history, newest first: shared with the entry's
 * records in later reports. */
struct hlr_entry_event {
	const struct hlr_report *report;      /* where */
	unsigned char action;                 /* enum hlr_entry_action (not carried) */
	unsigned changed;                     /* HLR_CHANGED_* of an update */
	const char *reason;                   /* a close's reason, or NULL */
	const struct hlr_entry_event *older;  /* the step before, or NULL */
};

/* An entry as it stands after one report. */
struct hlr_entry {
	const char *id;                       /* "r12" */
	const char *log;                      /* its log: "risks", "housing/risks" */
	const char *keyword;                  /* its section keyword: "risks" */
	struct hlr_node *node;                /* the item shown in this report (its own,
	                                         or carried), NULL when closed by a line */
	struct hlr_node *written;             /* the item as last written */
	const char *owner;                    /* or NULL */
	const char *due;                      /* YYYY-MM-DD, or NULL */
	struct hlr_date due_date;
	const char *state;                    /* "open", "closed" or a declared word */
	bool overdue;                         /* open, due before the period's end */
	const char *lapsed;                   /* the due date its history says has passed
	                                         (an overdue event), or NULL */
	unsigned char action;                 /* enum hlr_entry_action */
	unsigned changed;                     /* an update: HLR_CHANGED_* */
	const char *reason;                   /* closed: the close line's reason, or NULL */
	const struct hlr_report *opened;      /* the report it was opened in */
	const struct hlr_report *updated;     /* the report it was last written in */
	const struct hlr_entry_event *history;/* newest first */
};

/* The logs after one report. */
struct hlr_logs {
	struct hlr_entry **open;              /* open entries, in log order */
	size_t nopen, capopen;
	struct hlr_strmap map;                /* id -> open entry */
	struct hlr_entry **closed;            /* closed in this report, in order */
	size_t nclosed, capclosed;
};

/* Whether kw[0..n) names a log section of r: risks, issues, actions,
 * decisions, changes, or a keyword its series declares with 'log'. */
bool hlr_log_keyword(const struct hlr_report *r, const char *kw, size_t n);
/* Header lines 'log', 'entry-state' and 'owner' (resolve.c reads them):
 * checks the declarations written in r's own file. */
void hlr_log_check_decls(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r);
/* Before r's body is walked: the open entries of the previous report that
 * r neither writes nor closes are cloned into r's log sections (a section
 * is made for a log r has none of). */
void hlr_log_prepare(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r);
/* After the walk and the statuses: r's entries read, checked and merged
 * into r->logs. */
void hlr_log_resolve(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r);
/* "owner, due date" of HLR_CHANGED_* bits. */
void hlr_entry_changes(struct hlr_buf *b, unsigned changed);
/* The state line of an entry as lowering shows it: "New", "Updated: owner",
 * "Open since week ending ...", "Closed", then " · Overdue". */
void hlr_entry_state_line(struct hlr_buf *b, const struct hlr_entry *e);
/* Its fields: "Owner: X · Due 31st January 2021 · State: open" (an open
 * state is not shown). */
void hlr_entry_fields_line(struct hlr_buf *b, const struct hlr_entry *e);

#endif
