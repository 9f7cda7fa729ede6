/* compiler: the JSON writer (write stage, see emit.h). The lowered report
 * for other tools, as described in docs/json.md. Texts are the author's
 * inline Markdown as written, continuation lines joined with a space (a
 * line ending in a hard break, "\", with "\n"). */
#include "compiler/emit.h"
#include "compiler/field.h"
#include "compiler/emit_track.h"
#include "compiler/table.h"
#include "compiler/log.h"
#include "compiler/track.h"

#include <stdlib.h>
#include <string.h>

struct json {
	struct hlr_buf *b;          /* output */
	struct hlr_wout *w;         /* where it goes */
	const struct hlr_doc *doc;  /* what is written */
};

static void str(struct json *j, const char *s, size_t n)
{
	hlr_buf_putc(j->b, '"');
	hlr_buf_put_json(j->b, s, n);
	hlr_buf_putc(j->b, '"');
}

static void strz(struct json *j, const char *s)
{
	if (s)
		str(j, s, strlen(s));
	else
		hlr_buf_puts(j->b, "null");
}

/* A text's pieces as one string: where the author wrapped a line is a
 * space; a line that ends in a hard break (an odd run of '\\') keeps its
 * line end. */
static void text(struct json *j, const struct hlr_text *t)
{
	hlr_buf_putc(j->b, '"');
	for (unsigned i = 0; i < t->nsegs; i++) {
		const char *s = t->src_data + t->segs[i].src;
		size_t n = t->segs[i].len;
		hlr_buf_put_json(j->b, s, n);
		if (i + 1 == t->nsegs)
			break;
		size_t bs = 0;
		while (bs < n && s[n - 1 - bs] == '\\')
			bs++;
		if (bs % 2)
			hlr_buf_put_json(j->b, "\n", 1);
		else
			hlr_buf_putc(j->b, ' ');
	}
	hlr_buf_putc(j->b, '"');
}

static void pad(struct json *j, unsigned depth)
{
	hlr_buf_reserve(j->b, 1 + 2 * depth);
	char *d = j->b->data + j->b->len;
	d[0] = '\n';
	memset(d + 1, ' ', 2 * depth);
	j->b->len += 1 + 2 * depth;
	j->b->data[j->b->len] = '\0';
}

static void key_n(struct json *j, unsigned depth, const char *k, size_t n, bool first)
{
	hlr_buf_reserve(j->b, n + 2 * depth + 6);
	char *d = j->b->data + j->b->len;
	if (!first)
		*d++ = ',';
	*d++ = '\n';
	memset(d, ' ', 2 * depth);
	d += 2 * depth;
	*d++ = '"';
	memcpy(d, k, n);
	d += n;
	memcpy(d, "\": ", 3);
	d += 3;
	j->b->len = (size_t)(d - j->b->data);
	j->b->data[j->b->len] = '\0';
}

/* A key on its own line at depth, after a comma unless it is the first. */
#define key(j, depth, k, first) key_n(j, depth, k, sizeof k - 1, first)

static void number(struct json *j, unsigned v)
{
	char d[16];
	size_t i = sizeof d;
	do
		d[--i] = (char)('0' + v % 10);
	while (v /= 10);
	hlr_buf_put(j->b, d + i, sizeof d - i);
}

static void tag_list(struct json *j, uint64_t mask)
{
	const struct hlr_report *r = j->doc->report;
	hlr_buf_putc(j->b, '[');
	bool first = true;
	for (unsigned i = 0; i < r->nauthorities; i++)
		if (mask >> i & 1) {
			if (!first)
				hlr_buf_puts(j->b, ", ");
			strz(j, r->authorities[i].tag);
			first = false;
		}
	hlr_buf_putc(j->b, ']');
}

static void blocks(struct json *j, const struct hlr_lnode *first, unsigned depth);

/* A cell's words as inline Markdown: "\|" written as the bar it stands for. */
static void cell(struct json *j, const struct hlr_cell *c)
{
	const char *s = c->text.len ? c->text.s : "";
	size_t n = c->text.len, from = 0;
	hlr_buf_putc(j->b, '"');
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == '\\' && s[i + 1] == '|') {
			hlr_buf_put_json(j->b, s + from, i - from);
			from = ++i;
		}
	hlr_buf_put_json(j->b, s + from, n - from);
	hlr_buf_putc(j->b, '"');
}

/* A table: its caption, columns (heading and alignment) and the rows the
 * view shows, each with its tags and cells. */
static void table(struct json *j, const struct hlr_lnode *t, unsigned depth)
{
	const struct hlr_table *tab = t->table;
	const struct hlr_lnode *head = t->first && t->first->header ? t->first : NULL;
	key(j, depth + 1, "id", false);
	if (t->anchor)
		str(j, t->anchor, t->anchor_len);
	else
		hlr_buf_puts(j->b, "null");
	key(j, depth + 1, "caption", false);
	if (t->text->len)
		text(j, t->text);
	else
		hlr_buf_puts(j->b, "null");
	key(j, depth + 1, "row_headers", false);
	hlr_buf_puts(j->b, tab->row_headers ? "true" : "false");
	key(j, depth + 1, "columns", false);
	hlr_buf_putc(j->b, '[');
	for (unsigned c = 0; c < tab->ncols; c++) {
		if (c)
			hlr_buf_putc(j->b, ',');
		pad(j, depth + 2);
		hlr_buf_puts(j->b, "{\"heading\": ");
		if (head && c < head->ncells)
			cell(j, &head->cells[c]);
		else
			hlr_buf_puts(j->b, "\"\"");
		hlr_buf_puts(j->b, ", \"align\": ");
		strz(j, hlr_table_align_name(tab->align ? tab->align[c] : 0));
		hlr_buf_putc(j->b, '}');
	}
	if (tab->ncols)
		pad(j, depth + 1);
	hlr_buf_putc(j->b, ']');
	key(j, depth + 1, "rows", false);
	hlr_buf_putc(j->b, '[');
	bool any = false;
	for (const struct hlr_lnode *r = head ? head->next : t->first; r; r = r->next) {
		if (any)
			hlr_buf_putc(j->b, ',');
		any = true;
		pad(j, depth + 2);
		hlr_buf_puts(j->b, "{\"line\": ");
		number(j, r->line);
		hlr_buf_puts(j->b, ", \"tags\": ");
		tag_list(j, r->tagmask);
		hlr_buf_puts(j->b, ", \"cells\": [");
		for (unsigned c = 0; c < tab->ncols; c++) {
			if (c)
				hlr_buf_puts(j->b, ", ");
			if (c < r->ncells)
				cell(j, &r->cells[c]);
			else
				hlr_buf_puts(j->b, "\"\"");
		}
		hlr_buf_puts(j->b, "]}");
	}
	if (any)
		pad(j, depth + 1);
	hlr_buf_putc(j->b, ']');
}

static void block(struct json *j, const struct hlr_lnode *n, unsigned depth)
{
	static const char *type[] = {
		[HLR_L_ITEM] = "item", [HLR_L_PARA] = "paragraph", [HLR_L_NONE] = "none",
		[HLR_L_CARRIED] = "unchanged", [HLR_L_METRICS] = "metrics", [HLR_L_SUBHEAD] = "subheading",
		[HLR_L_TABLE] = "table",
	};
	static const char *style[] = {
		[HLR_LIST_DECIMAL] = "decimal", [HLR_LIST_LOWER_ALPHA] = "lower-alpha",
		[HLR_LIST_UPPER_ALPHA] = "upper-alpha", [HLR_LIST_LOWER_ROMAN] = "lower-roman",
		[HLR_LIST_UPPER_ROMAN] = "upper-roman",
	};
	hlr_buf_putc(j->b, '{');
	key(j, depth + 1, "type", true);
	strz(j, type[n->kind]);
	key(j, depth + 1, "line", false);
	number(j, n->line);
	if (n->from) {
		key(j, depth + 1, "from", false);
		strz(j, n->from->name);
	}
	if (n->kind == HLR_L_CARRIED) {
		key(j, depth + 1, "since", false);
		hlr_buf_puts(j->b, "{\"report\": ");
		strz(j, n->since->name);
		hlr_buf_puts(j->b, ", \"period\": ");
		strz(j, n->since->period.label);
		hlr_buf_putc(j->b, '}');
		key(j, depth + 1, "content", false);
		blocks(j, n->first, depth + 1);
	} else if (n->kind == HLR_L_METRICS) {
		key(j, depth + 1, "values", false);
		hlr_json_metrics(j->b, j->doc->track, j->doc->report, depth + 1);
	} else if (n->kind == HLR_L_SUBHEAD) {
		key(j, depth + 1, "id", false);
		str(j, n->anchor, n->anchor_len);
		key(j, depth + 1, "heading", false);
		str(j, n->title, n->title_len);
	} else if (n->kind == HLR_L_TABLE) {
		table(j, n, depth);
	} else if (n->kind == HLR_L_NONE) {
		key(j, depth + 1, "text", false);
		hlr_buf_puts(j->b, "\"None");
		if (n->text->len) {
			hlr_buf_putc(j->b, ' ');
			hlr_buf_put_json(j->b, n->text->s, n->text->len);
		}
		hlr_buf_putc(j->b, '"');
	} else {
		key(j, depth + 1, "id", false);
		if (n->anchor)
			str(j, n->anchor, n->anchor_len);
		else
			hlr_buf_puts(j->b, "null");
		key(j, depth + 1, "tags", false);
		tag_list(j, n->tagmask);
		key(j, depth + 1, "text", false);
		text(j, n->text);
		if (n->status) {
			key(j, depth + 1, "status", false);
			hlr_json_status(j->b, n->status);
		}
	}
	if (n->kind == HLR_L_ITEM && n->list_style != HLR_LIST_BULLET) {
		char mark[24];
		hlr_list_marker(mark, (enum hlr_list_style)n->list_style, n->number, n->list_delim);
		key(j, depth + 1, "ordered", false);
		hlr_buf_puts(j->b, "{\"style\": ");
		strz(j, style[n->list_style]);
		hlr_buf_printf(j->b, ", \"delimiter\": \"%c\", \"number\": ", n->list_delim);
		number(j, n->number);
		hlr_buf_puts(j->b, ", \"marker\": ");
		strz(j, mark);
		hlr_buf_printf(j->b, ", \"starts_list\": %s}", n->list_start ? "true" : "false");
	}
	if (n->kind == HLR_L_ITEM) {
		key(j, depth + 1, "items", false);
		blocks(j, n->first, depth + 1);
	}
	pad(j, depth);
	hlr_buf_putc(j->b, '}');
	hlr_wout_drain(j->w, false);
}

/* Blocks as one array: the items of a list stand in it one by one. */
static void blocks(struct json *j, const struct hlr_lnode *first, unsigned depth)
{
	hlr_buf_putc(j->b, '[');
	bool any = false;
	for (const struct hlr_lnode *n = first; n; n = n->next) {
		if (n->log_closed)
			continue; /* the section's entries say it */
		const struct hlr_lnode *one = n->kind == HLR_L_LIST ? n->first : n;
		for (; one; one = n->kind == HLR_L_LIST ? one->next : NULL) {
			if (any)
				hlr_buf_putc(j->b, ',');
			pad(j, depth + 1);
			block(j, one, depth + 1);
			any = true;
		}
	}
	if (any)
		pad(j, depth);
	hlr_buf_putc(j->b, ']');
}

static void changed_list(struct json *j, unsigned changed)
{
	static const char *const names[] = {"text", "owner", "due", "state", "rating"};
	hlr_buf_putc(j->b, '[');
	bool first = true;
	for (unsigned i = 0; i < 5; i++)
		if (changed >> i & 1) {
			hlr_buf_puts(j->b, first ? "" : ", ");
			strz(j, names[i]);
			first = false;
		}
	hlr_buf_putc(j->b, ']');
}

/* A log section's entries (docs/json.md). */
static void entries(struct json *j, const struct hlr_lnode *s, unsigned depth)
{
	static const char *const action[] = {"new", "updated", "carried", "closed"};
	static const char *const event_action[] = {"opened", "updated", "carried", "closed", "overdue"};
	hlr_buf_putc(j->b, '[');
	for (unsigned i = 0; i < s->nentries; i++) {
		const struct hlr_entry *e = s->entries[i];
		hlr_buf_puts(j->b, i ? "," : "");
		pad(j, depth + 1);
		hlr_buf_putc(j->b, '{');
		key(j, depth + 2, "id", true);
		strz(j, e->id);
		key(j, depth + 2, "text", false);
		text(j, &e->written->text);
		key(j, depth + 2, "owner", false);
		strz(j, e->owner);
		key(j, depth + 2, "due", false);
		strz(j, e->due);
		key(j, depth + 2, "state", false);
		strz(j, e->state);
		key(j, depth + 2, "rating", false);
		const struct hlr_status *st = e->node ? e->node->status : e->written->status;
		strz(j, st ? st->key : NULL);
		key(j, depth + 2, "action", false);
		strz(j, action[e->action]);
		key(j, depth + 2, "changed", false);
		changed_list(j, e->changed);
		key(j, depth + 2, "since", false);
		strz(j, e->opened->has_period ? e->opened->period.label : NULL);
		key(j, depth + 2, "overdue", false);
		hlr_buf_puts(j->b, e->overdue ? "true" : "false");
		if (e->reason) {
			key(j, depth + 2, "reason", false);
			strz(j, e->reason);
		}
		key(j, depth + 2, "history", false);
		/* oldest first */
		size_t n = 0;
		for (const struct hlr_entry_event *ev = e->history; ev; ev = ev->older)
			n++;
		const struct hlr_entry_event **v = hlr_xmalloc((n + 1) * sizeof *v);
		size_t k = n;
		for (const struct hlr_entry_event *ev = e->history; ev; ev = ev->older)
			v[--k] = ev;
		hlr_buf_putc(j->b, '[');
		for (size_t h = 0; h < n; h++) {
			hlr_buf_puts(j->b, h ? ", " : "");
			hlr_buf_puts(j->b, "{\"report\": ");
			strz(j, v[h]->report->name);
			hlr_buf_puts(j->b, ", \"period\": ");
			strz(j, v[h]->report->has_period ? v[h]->report->period.label : NULL);
			hlr_buf_puts(j->b, ", \"action\": ");
			strz(j, event_action[v[h]->action]);
			hlr_buf_puts(j->b, ", \"changed\": ");
			changed_list(j, v[h]->changed);
			hlr_buf_putc(j->b, '}');
		}
		hlr_buf_putc(j->b, ']');
		free(v);
		pad(j, depth + 1);
		hlr_buf_putc(j->b, '}');
	}
	pad(j, depth);
	hlr_buf_putc(j->b, ']');
}

static void section(struct json *j, const struct hlr_lnode *s, unsigned depth)
{
	hlr_buf_putc(j->b, '{');
	key(j, depth + 1, "type", true);
	strz(j, s->lead ? "lead" : "section");
	key(j, depth + 1, "line", false);
	number(j, s->line);
	key(j, depth + 1, "keyword", false);
	str(j, s->keyword, s->keyword_len);
	key(j, depth + 1, "heading", false);
	str(j, s->title, s->title_len);
	key(j, depth + 1, "id", false);
	str(j, s->anchor, s->anchor_len);
	if (s->address_len != s->keyword_len) {
		/* in a part with an id: "part/keyword" */
		key(j, depth + 1, "address", false);
		str(j, s->address, s->address_len);
	}
	if (s->standing) {
		key(j, depth + 1, "standing", false);
		hlr_buf_puts(j->b, "true");
	}
	if (s->status) {
		key(j, depth + 1, "status", false);
		hlr_json_status(j->b, s->status);
	}
	key(j, depth + 1, "content", false);
	blocks(j, s->first, depth + 1);
	if (s->nentries) {
		key(j, depth + 1, "entries", false);
		entries(j, s, depth + 1);
	}
	pad(j, depth);
	hlr_buf_putc(j->b, '}');
}

/* Built-in and declared fields with values, when there are any: "fields"
 * in the order the header shows them, then "marking". */
static void fields(struct json *j, const struct hlr_report *r)
{
	if (!r->nfieldvals)
		return;
	const struct hlr_field_def *bi;
	size_t nbi = hlr_field_builtins(&bi);
	key(j, 1, "fields", false);
	hlr_buf_putc(j->b, '[');
	unsigned k = 0;
	for (size_t i = 0; i < nbi + r->nfielddefs; i++) {
		const struct hlr_field_def *def = i < nbi ? &bi[i] : r->fielddefs[i - nbi];
		const struct hlr_field_value *v = hlr_field_get(r, def);
		if (!v)
			continue;
		hlr_buf_puts(j->b, k++ ? ",\n    {\"key\": " : "\n    {\"key\": ");
		strz(j, def->key);
		hlr_buf_puts(j->b, ", \"label\": ");
		strz(j, def->label);
		hlr_buf_printf(j->b, ", \"type\": \"%s\", \"value\": ", hlr_field_type_name(def->type));
		strz(j, v->value);
		if (v->iso[0])
			hlr_buf_printf(j->b, ", \"date\": \"%s\"", v->iso);
		if (v->name) {
			hlr_buf_puts(j->b, ", \"name\": ");
			strz(j, v->name);
			hlr_buf_puts(j->b, ", \"role\": ");
			strz(j, v->role);
		}
		hlr_buf_putc(j->b, '}');
	}
	hlr_buf_puts(j->b, "\n  ]");
	if (r->marking) {
		key(j, 1, "marking", false);
		strz(j, r->marking);
	}
}

static void header(struct json *j)
{
	const struct hlr_report *r = j->doc->report;
	key(j, 1, "title", false);
	strz(j, r->title);
	key(j, 1, "services", false);
	hlr_buf_putc(j->b, '[');
	for (unsigned i = 0; i < r->nservices; i++) {
		if (i)
			hlr_buf_puts(j->b, ", ");
		strz(j, r->services[i]);
	}
	hlr_buf_putc(j->b, ']');
	key(j, 1, "author", false);
	strz(j, r->author);
	static const char *kinds[] = {"week",  "fortnight", "month",  "quarter",
	                              "day",   "range",     "as-at",  "fiscal-period",
	                              "fiscal-year"};
	char s[11], e[11];
	hlr_date_format_iso(r->period.start, s);
	hlr_date_format_iso(r->period.end, e);
	key(j, 1, "period", false);
	hlr_buf_printf(j->b, "{\"kind\": \"%s\", \"start\": \"%s\", \"end\": \"%s\", \"label\": ",
	               kinds[r->period.kind], s, e);
	strz(j, r->period.label);
	if (r->period.kind == HLR_PERIOD_FISCAL || r->period.kind == HLR_PERIOD_FISCAL_YEAR) {
		hlr_buf_printf(j->b, ", \"fiscal_year\": %d, \"fiscal_year_start\": %d, "
		               "\"fiscal_period\": %d, \"fiscal_periods\": %d",
		               r->period.fy_year, r->period.fy_start, r->period.fy_period,
		               r->period.fy_periods);
	}
	hlr_buf_putc(j->b, '}');
	key(j, 1, "authorities", false);
	hlr_buf_putc(j->b, '[');
	for (unsigned i = 0; i < r->nauthorities; i++) {
		const struct hlr_authority *au = &r->authorities[i];
		hlr_buf_puts(j->b, i ? ",\n    {\"tag\": " : "\n    {\"tag\": ");
		strz(j, au->tag);
		hlr_buf_puts(j->b, ", \"name\": ");
		strz(j, au->name);
		hlr_buf_puts(j->b, ", \"short\": ");
		strz(j, au->shortname);
		hlr_buf_putc(j->b, '}');
	}
	hlr_buf_puts(j->b, r->nauthorities ? "\n  ]" : "]");
	fields(j, r);
	key(j, 1, "view", false);
	if (j->doc->view >= 0)
		strz(j, r->authorities[j->doc->view].tag);
	else
		hlr_buf_puts(j->b, "null");
}

void hlr_write_json(struct hlr_wout *w, const struct hlr_doc *doc)
{
	struct hlr_buf *out = w->b;
	struct json j = {out, w, doc};
	const struct hlr_report *r = doc->report;
	hlr_buf_putc(out, '{');
	key(&j, 1, "hlrc", true);
	hlr_buf_puts(out, "1");
	/* the file's name in its series folder (a report of a series is
	 * always directly in it), not the path it was named by: the same
	 * report gives the same bytes however the build names it */
	key(&j, 1, "source", false);
	const char *slash = strrchr(r->src->path, '/');
	strz(&j, slash ? slash + 1 : r->src->path);
	key(&j, 1, "name", false);
	strz(&j, r->name);
	key(&j, 1, "previous", false);
	strz(&j, r->previous ? r->previous->name : NULL);
	header(&j);
	if (doc->track) {
		key(&j, 1, "statuses", false);
		hlr_json_track_summary(out, doc->track);
	}
	key(&j, 1, "body", false);
	hlr_buf_putc(out, '[');
	bool any = false;
	for (const struct hlr_lnode *n = doc->first; n; n = n->next) {
		if (n->attachments)
			continue; /* given as "attachments" */
		hlr_buf_puts(out, any ? "," : "");
		pad(&j, 2);
		any = true;
		if (n->kind == HLR_L_SECTION) {
			section(&j, n, 2);
			continue;
		}
		hlr_buf_putc(out, '{');
		key(&j, 3, "type", true);
		strz(&j, "part");
		key(&j, 3, "line", false);
		number(&j, n->line);
		key(&j, 3, "heading", false);
		str(&j, n->title, n->title_len);
		if (n->anchor) {
			key(&j, 3, "id", false);
			str(&j, n->anchor, n->anchor_len);
		}
		key(&j, 3, "sections", false);
		hlr_buf_putc(out, '[');
		bool anys = false;
		for (const struct hlr_lnode *s = n->first; s; s = s->next) {
			hlr_buf_puts(out, anys ? "," : "");
			pad(&j, 4);
			section(&j, s, 4);
			anys = true;
		}
		if (anys)
			pad(&j, 3);
		hlr_buf_putc(out, ']');
		pad(&j, 2);
		hlr_buf_putc(out, '}');
	}
	if (any)
		pad(&j, 1);
	hlr_buf_putc(out, ']');
	if (r->nattachments) {
		key(&j, 1, "attachments", false);
		hlr_buf_putc(out, '[');
		for (unsigned i = 0; i < r->nattachments; i++) {
			hlr_buf_puts(out, i ? "," : "");
			pad(&j, 2);
			hlr_buf_putc(out, '{');
			key(&j, 3, "key", true);
			strz(&j, r->attachments[i].key);
			key(&j, 3, "path", false);
			strz(&j, r->attachments[i].path);
			key(&j, 3, "title", false);
			strz(&j, r->attachments[i].title);
			pad(&j, 2);
			hlr_buf_putc(out, '}');
		}
		pad(&j, 1);
		hlr_buf_putc(out, ']');
	}
	hlr_buf_puts(out, "\n}\n");
}
