/* compiler: the status and metric changes between two reports, for hlrc
 * diff (authoring tools; called by diff.c). Statuses are matched by
 * dimension, section address and item id, metric values by metric and
 * authority; each change is one line. */
#include "compiler/track.h"
#include "compiler/inline.h"
#include "compiler/resolve.h"
#include "runtime/buf.h"

#include <stdio.h>
#include <string.h>

static void plain(struct hlr_buf *b, bool md, const char *s)
{
	if (md)
		hlr_md_escape(b, s, strlen(s));
	else
		hlr_buf_puts(b, s);
}

static void heading(struct hlr_buf *b, bool md, const char *h, bool *open)
{
	if (*open)
		return;
	*open = true;
	hlr_buf_puts(b, md ? "\n## " : "\n");
	hlr_buf_puts(b, h);
	hlr_buf_puts(b, "\n\n");
}

static const char *change(const struct hlr_status *now, const struct hlr_status *was)
{
	if (!now)
		return "removed";
	if (!was)
		return "new";
	return now->rank > was->rank ? "better" : "worse";
}

/* "- WHAT: Amber (reason), was Green (worse)" when they differ. */
static void status_line(struct hlr_buf *b, bool md, const char *what, const struct hlr_status *now,
                        const struct hlr_status *was, bool *open)
{
	if (!now && !was)
		return;
	if (now && was && !strcmp(now->key, was->key) &&
	    !strcmp(now->reason ? now->reason : "", was->reason ? was->reason : ""))
		return;
	heading(b, md, "Status", open);
	hlr_buf_puts(b, "- ");
	plain(b, md, what);
	hlr_buf_puts(b, ": ");
	plain(b, md, now ? now->label : "no status");
	if (now && now->reason) {
		hlr_buf_puts(b, " (");
		plain(b, md, now->reason);
		hlr_buf_putc(b, ')');
	}
	if (was) {
		hlr_buf_puts(b, ", was ");
		plain(b, md, was->label);
	}
	if (now && was && !strcmp(now->key, was->key))
		hlr_buf_puts(b, " (reason changed)\n");
	else
		hlr_buf_printf(b, " (%s)\n", change(now, was));
}

static const struct hlr_status *dim_of(const struct hlr_report *r, const char *dim)
{
	for (unsigned i = 0; r->track && i < r->track->nstatuses; i++)
		if (!strcmp(r->track->statuses[i]->dimension, dim))
			return r->track->statuses[i];
	return NULL;
}

static void put_value(struct hlr_buf *b, bool md, const struct hlr_metric_value *v)
{
	struct hlr_buf t = HLR_BUF_INIT;
	hlr_metric_format(&t, v->def, v->v, v->decimals);
	plain(b, md, t.data);
	hlr_buf_free(&t);
}

static const struct hlr_metric_value *value_in(const struct hlr_report *r,
                                               const struct hlr_metric_value *v,
                                               const struct hlr_report *vr)
{
	const char *tag = v->authority >= 0 ? vr->authorities[v->authority].tag : NULL;
	for (unsigned i = 0; r->track && i < r->track->nvalues; i++) {
		const struct hlr_metric_value *w = r->track->values[i];
		const char *wt = w->authority >= 0 ? r->authorities[w->authority].tag : NULL;
		if (!strcmp(w->def->key, v->def->key) && (tag && wt ? !strcmp(tag, wt) : tag == wt))
			return w;
	}
	return NULL;
}

static void metric_name(struct hlr_buf *b, bool md, const struct hlr_metric_value *v,
                        const struct hlr_report *r)
{
	plain(b, md, v->def->label);
	if (v->authority >= 0) {
		hlr_buf_puts(b, " (");
		plain(b, md, r->authorities[v->authority].tag);
		hlr_buf_putc(b, ')');
	}
}

bool hlr_diff_track(struct hlr_buf *out, bool md, const struct hlr_report *or,
                    const struct hlr_report *nr)
{
	bool open = false;
	/* the report's statuses, dimension by dimension */
	const struct hlr_track *nt = nr->track, *ot = or->track;
	if (nt || ot) {
		const struct hlr_track *t = nt && nt->ndims >= (ot ? ot->ndims : 0) ? nt : ot;
		for (unsigned i = 0; i <= t->ndims; i++) {
			const char *dim = i ? t->dims[i - 1] : "overall";
			char what[80];
			snprintf(what, sizeof what, "%c%s status", dim[0] - 'a' + 'A', dim + 1);
			status_line(out, md, i ? what : "Overall status", dim_of(nr, dim), dim_of(or, dim),
			            &open);
		}
	}
	/* sections by address (keyword, or part/keyword), items by id */
	for (const struct hlr_node *n = nr->root->first; n; n = hlr_node_next((struct hlr_node *)n)) {
		if (n->kind == HLR_NODE_SECTION) {
			const struct hlr_node *os = hlr_report_section(or, n);
			const char *title = n->base_title ? n->base_title : n->title;
			struct hlr_buf w = HLR_BUF_INIT;
			if (n->parent->kind == HLR_NODE_PART && !hlr_span_empty(n->parent->id)) {
				/* a keyword other parts may repeat: after its part's heading */
				const struct hlr_text *pt = &n->parent->text;
				hlr_buf_printf(&w, "%.*s: %s", (int)pt->len, pt->s ? pt->s : "", title);
				title = w.data;
			}
			status_line(out, md, title, n->status, os ? os->status : NULL, &open);
			hlr_buf_free(&w);
		} else if (n->kind == HLR_NODE_ITEM && !hlr_span_empty(n->id) && n->status) {
			const struct hlr_node *oi = hlr_report_find_id(or, hlr_span_ptr(n->src, n->id),
			                                               hlr_span_len(n->id));
			struct hlr_buf w = HLR_BUF_INIT;
			hlr_buf_printf(&w, "Item #%.*s", (int)hlr_span_len(n->id),
			               hlr_span_ptr(n->src, n->id));
			status_line(out, md, w.data, n->status,
			            oi && oi->kind == HLR_NODE_ITEM ? oi->status : NULL, &open);
			hlr_buf_free(&w);
		}
	}
	bool changed = open;
	/* metric values */
	open = false;
	for (unsigned i = 0; nt && i < nt->nvalues; i++) {
		const struct hlr_metric_value *v = nt->values[i], *o = value_in(or, v, nr);
		if (o && o->v == v->v)
			continue;
		heading(out, md, "Metrics", &open);
		hlr_buf_puts(out, "- ");
		metric_name(out, md, v, nr);
		hlr_buf_puts(out, ": ");
		put_value(out, md, v);
		if (o) {
			hlr_buf_puts(out, ", was ");
			put_value(out, md, o);
			bool up = v->v > o->v;
			hlr_buf_printf(out, " (%s, %s)\n", up ? "up" : "down",
			               up == (v->def->better > 0) ? "better" : "worse");
		} else {
			hlr_buf_puts(out, " (new)\n");
		}
	}
	for (unsigned i = 0; ot && i < ot->nvalues; i++) {
		const struct hlr_metric_value *o = ot->values[i];
		if (value_in(nr, o, or))
			continue;
		heading(out, md, "Metrics", &open);
		hlr_buf_puts(out, "- ");
		metric_name(out, md, o, or);
		hlr_buf_puts(out, ": not stated, was ");
		put_value(out, md, o);
		hlr_buf_putc(out, '\n');
	}
	return changed || open;
}
