/* compiler: series (resolve stage, see series.h). */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700 /* realpath */
#include "compiler/series.h"
#include "compiler/diag.h"
#include "compiler/parse.h"
#include "compiler/resolve.h"
#include "compiler/tools.h"
#include "runtime/calendar.h"
#include "runtime/buf.h"
#include "runtime/utf8.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

const char *hlr_path_dir(struct hlr_arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return ".";
	if (slash == path)
		return "/";
	return hlr_arena_strndup(a, path, (size_t)(slash - path));
}

char *hlr_path_join(struct hlr_arena *a, const char *dir, const char *name)
{
	size_t dn = strlen(dir), nn = strlen(name);
	if (dn == 1 && dir[0] == '.')
		return hlr_arena_strndup(a, name, nn); /* "x.hlr", not "./x.hlr" */
	while (dn > 1 && dir[dn - 1] == '/')
		dn--;
	char *p = hlr_arena_alloc(a, dn + nn + 2);
	memcpy(p, dir, dn);
	p[dn] = '/';
	memcpy(p + dn + 1, name, nn + 1);
	return p;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int by_period(const void *pa, const void *pb)
{
	const struct hlr_report *a = *(const struct hlr_report *const *)pa;
	const struct hlr_report *b = *(const struct hlr_report *const *)pb;
	if (a->has_period != b->has_period)
		return a->has_period ? -1 : 1;
	if (a->has_period) {
		int c = hlr_date_cmp(a->period.end, b->period.end);
		if (c)
			return c;
	}
	return strcmp(a->name, b->name);
}

struct hlr_report *hlr_series_find(const struct hlr_series *s, const char *name, size_t n)
{
	if (n > 4 && !memcmp(name + n - 4, ".hlr", 4))
		n -= 4;
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->reports[i]->name) == n && !memcmp(s->reports[i]->name, name, n))
			return s->reports[i];
	return NULL;
}

static struct hlr_span line_of_field(const struct hlr_node *f)
{
	return f ? f->span : hlr_span_make(0, 0);
}

static struct hlr_node *period_field(const struct hlr_report *r)
{
	for (struct hlr_node *f = r->root->first; f; f = f->next)
		if (f->kind == HLR_NODE_FIELD && hlr_span_eq(f->src, f->key, "period"))
			return f;
	return NULL;
}

/* A gap in the cadence: the periods between the latest earlier report and
 * report i that have no report. */
static void check_gap(struct hlr_diags *d, const struct hlr_series *s, size_t i,
                      const struct hlr_node *pf)
{
	const struct hlr_report *r = s->reports[i], *p = NULL;
	for (size_t j = i; j-- > 0;)
		if (s->reports[j]->has_period && hlr_date_cmp(s->reports[j]->period.end, r->period.end) < 0) {
			p = s->reports[j];
			break;
		}
	struct hlr_period last, first, step;
	if (!p || !pf || !hlr_period_before(&r->period, r->cadence, &last) ||
	    hlr_date_cmp(p->period.end, last.end) >= 0)
		return;
	first = last;
	/* walk back to the first missing period (bounded: a long gap is still
	 * one warning) */
	for (int k = 0; k < 10000 && hlr_period_before(&first, r->cadence, &step) &&
	                hlr_date_cmp(p->period.end, step.end) < 0; k++)
		first = step;
	static const char *cad[] = {"",        "weekly", "fortnightly", "monthly",
	                            "quarterly", "daily", "4-weekly"};
	char a[64], b[64], got[64];
	hlr_period_phrase(&first, a);
	hlr_period_phrase(&last, b);
	hlr_period_phrase(&p->period, got);
	if (hlr_date_cmp(first.end, last.end) == 0)
		hlr_diag(d, HLR_WARNING, HLR_C_CADENCE_GAP, r->src, pf->span,
		         "no report for %s: the series is %s, and the report before this one is for %s",
		         a, cad[r->cadence], got);
	else
		hlr_diag(d, HLR_WARNING, HLR_C_CADENCE_GAP, r->src, pf->span,
		         "no reports from %s to %s: the series is %s, and the report before this one "
		         "is for %s", a, b, cad[r->cadence], got);
}

/* period_of_name for a range (named by its last day: the same start
 * moved), a fiscal period ("2019-P2") or a fiscal year ("FY2019-20"). */
static bool period_of_name_new(const char *name, const struct hlr_period *p,
                               struct hlr_period *out)
{
	size_t n = strlen(name);
	struct hlr_date d;
	int y, k;
	switch (p->kind) {
	case HLR_PERIOD_RANGE:
		if (n != 10 || !hlr_date_parse_iso(name, n, &d) || !hlr_date_valid(d))
			return false;
		hlr_period_range(out, p->kind,
		                 hlr_date_add_days(d, hlr_date_to_days(p->start) -
		                                          hlr_date_to_days(p->end)), d);
		return true;
	case HLR_PERIOD_FISCAL:
		if (n < 7 || n > 8 || name[4] != '-' || name[5] != 'P' ||
		    !hlr_parse_digits(name, 4, &y) || !hlr_parse_digits(name + 6, n - 6, &k) ||
		    y < 1 || y > 9998 || k < 1 || k > p->fy_periods || name[6] == '0')
			return false;
		hlr_period_fiscal(out, y, k, p->fy_start, p->fy_periods);
		return true;
	default: {
		char want[32], value[48];
		for (y = p->fy_year - 1; y <= p->fy_year + 1; y++) {
			hlr_period_fiscal(out, y, 0, p->fy_start, p->fy_periods);
			hlr_new_period_text(out, value, want);
			if (!strcmp(want, name))
				return true;
		}
		return false;
	}
	}
}

/* The period a date-like report name stands for, of the kind p is written
 * in: "2020-07-03" for a week or fortnight ending that day, "2020-11" for a
 * month, "2020-Q3" for a quarter (the names hlrc new gives). False for a
 * name of another form, which says nothing about the period. */
static bool period_of_name(const char *name, const struct hlr_period *p, struct hlr_period *out)
{
	size_t n = strlen(name);
	struct hlr_date d = {0, 0, 0};
	switch (p->kind) {
	case HLR_PERIOD_RANGE:
	case HLR_PERIOD_FISCAL:
	case HLR_PERIOD_FISCAL_YEAR:
		return period_of_name_new(name, p, out);
	case HLR_PERIOD_DAY:
	case HLR_PERIOD_AS_AT:
	case HLR_PERIOD_WEEK:
	case HLR_PERIOD_FORTNIGHT:
		if (n != 10 || !hlr_date_parse_iso(name, n, &d) || !hlr_date_valid(d))
			return false;
		break;
	case HLR_PERIOD_MONTH:
		if (n != 7 || name[4] != '-' || !hlr_parse_digits(name, 4, &d.year) ||
		    !hlr_parse_digits(name + 5, 2, &d.month) || d.year < 1 || d.month < 1 || d.month > 12)
			return false;
		d.day = hlr_date_days_in_month(d.year, d.month);
		break;
	case HLR_PERIOD_QUARTER:
		if (n != 7 || name[4] != '-' || name[5] != 'Q' || name[6] < '1' || name[6] > '4' ||
		    !hlr_parse_digits(name, 4, &d.year) || d.year < 1)
			return false;
		d.month = (name[6] - '0') * 3;
		d.day = hlr_date_days_in_month(d.year, d.month);
		break;
	}
	hlr_period_make(out, p->kind, d);
	return true;
}

/* The date word of a period field's value (its last word), as a span. */
static struct hlr_span period_date_span(const struct hlr_node *f)
{
	const char *v = f->text.s;
	size_t n = f->text.len, o = n;
	while (o > 0 && v[o - 1] != ' ' && v[o - 1] != '\t')
		o--;
	uint32_t at = f->text.segs[0].src + (uint32_t)o;
	return hlr_span_make(at, at + (uint32_t)(n - o));
}

/* Whether the series' cadence expects period want: the report just before
 * it (other than r) is one step earlier, or with none before, the report
 * just after it is one step later; and no other report has it. */
static bool cadence_expects(const struct hlr_series *s, const struct hlr_report *r,
                            const struct hlr_period *want)
{
	const struct hlr_report *before = NULL, *after = NULL;
	for (size_t i = 0; i < s->n; i++) {
		const struct hlr_report *o = s->reports[i];
		if (o == r || !o->has_period)
			continue;
		int c = hlr_date_cmp(o->period.end, want->end);
		if (c == 0)
			return false;
		if (c < 0 && (!before || hlr_date_cmp(o->period.end, before->period.end) > 0))
			before = o;
		if (c > 0 && (!after || hlr_date_cmp(o->period.end, after->period.end) < 0))
			after = o;
	}
	struct hlr_period step;
	if (before)
		return hlr_period_after(&before->period, r->cadence, &step) &&
		       !hlr_date_cmp(step.end, want->end);
	return after && hlr_period_before(&after->period, r->cadence, &step) &&
	       !hlr_date_cmp(step.end, want->end);
}

/* A period that disagrees with the file's date-like name is an error: one
 * of the two is wrong, and the output (its heading, its place in the
 * series, the name of its output file) with it. The fix-it writes the
 * name's date into the period when the cadence expects that period. Returns
 * whether it reported. */
static bool check_period_name(struct hlr_diags *d, const struct hlr_series *s,
                              const struct hlr_report *r, const struct hlr_node *pf)
{
	struct hlr_period named;
	char value[48], want[32];
	hlr_new_period_text(&r->period, value, want);
	if (!pf || !strcmp(want, r->name) || !period_of_name(r->name, &r->period, &named))
		return false;
	char said[64], meant[64];
	hlr_period_phrase(&r->period, said);
	hlr_period_phrase(&named, meant);
	struct hlr_span at = period_date_span(pf);
	bool whole = r->period.kind == HLR_PERIOD_RANGE || r->period.kind == HLR_PERIOD_FISCAL ||
	             r->period.kind == HLR_PERIOD_FISCAL_YEAR;
	if (whole) { /* the name is not the value's last word: the whole value */
		uint32_t v = hlr_text_source_offset(&pf->text, 0);
		at = hlr_span_make(v, v + (uint32_t)pf->text.len);
	}
	bool certain = s && cadence_expects(s, r, &named);
	size_t k = hlr_diag(d, HLR_ERROR, HLR_C_PERIOD_NAME, r->src, at,
	                    "the period is %s, but the file name %s.hlr says %s; %s", said, r->name,
	                    meant,
	                    certain ? "the series' cadence expects the file name's period here"
	                            : "correct the period, or rename the file");
	if (certain && whole) {
		char nv[48], nn[32];
		hlr_new_period_text(&named, nv, nn);
		hlr_diag_fixit(d, k, at, hlr_arena_strndup(d->arena, nv, strlen(nv)));
	} else if (certain) {
		hlr_diag_fixit(d, k, at, r->name);
	}
	return true;
}

void hlr_check_period_name_alone(struct hlr_diags *d, const struct hlr_report *r)
{
	if (r->has_period)
		check_period_name(d, NULL, r, period_field(r));
}

/* A period whose year is two or more away from that of every other report
 * of the series (at least two) is an error: a typo ("2002" for "2020") that
 * puts the report in the wrong place in the series. The fix-it writes the
 * year for which the cadence expects the period, when there is one such
 * year. Only for reports whose name says no period (check_period_name
 * covers the others). Returns whether it reported. */
static bool check_period_year(struct hlr_diags *d, const struct hlr_series *s,
                              const struct hlr_report *r, const struct hlr_node *pf)
{
	struct hlr_period named;
	if (!pf || period_of_name(r->name, &r->period, &named) || r->period.kind == HLR_PERIOD_RANGE ||
	    r->period.kind == HLR_PERIOD_FISCAL || r->period.kind == HLR_PERIOD_FISCAL_YEAR)
		return false;
	int y = r->period.end.year, lo = 0, hi = 0, others = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct hlr_report *o = s->reports[i];
		if (o == r || !o->has_period)
			continue;
		int oy = o->period.end.year;
		if (oy - y <= 1 && y - oy <= 1)
			return false;
		lo = others && lo < oy ? lo : oy;
		hi = others && hi > oy ? hi : oy;
		others++;
	}
	if (others < 2)
		return false;
	/* the one year, among the other reports', that the cadence expects */
	int fix = 0, found = 0;
	for (int cand = lo; cand <= hi && found < 2; cand++) {
		struct hlr_date e = r->period.end;
		e.year = cand;
		if (r->period.kind == HLR_PERIOD_MONTH || r->period.kind == HLR_PERIOD_QUARTER)
			e.day = hlr_date_days_in_month(cand, e.month);
		if (!hlr_date_valid(e))
			continue;
		struct hlr_period p;
		hlr_period_make(&p, r->period.kind, e);
		if (cadence_expects(s, r, &p)) {
			fix = cand;
			found++;
		}
	}
	struct hlr_span at = period_date_span(pf);
	char range[32];
	if (lo == hi)
		snprintf(range, sizeof range, "%d", lo);
	else
		snprintf(range, sizeof range, "%d to %d", lo, hi);
	char year[8];
	snprintf(year, sizeof year, "%04d", fix);
	size_t k = hlr_diag(d, HLR_ERROR, HLR_C_PERIOD_YEAR, r->src, hlr_span_make(at.start, at.start + 4),
	                    "the year %d is far from every other report of the series (%s), and puts "
	                    "this report in the wrong place in it%s%s", y, range,
	                    found == 1 ? "; the series' cadence expects this period in " : "",
	                    found == 1 ? year : "");
	if (found == 1)
		hlr_diag_fixit(d, k, hlr_span_make(at.start, at.start + 4), year);
	return true;
}

/* A week (or fortnight) that ends on another day of the week than every
 * other one of the series (at least two) is a warning: a typo in the date
 * more often than a new reporting day. The fix-it moves the date to that day
 * when the cadence expects the period ending on it. Returns whether it
 * reported. */
static bool check_weekday(struct hlr_diags *d, const struct hlr_series *s,
                          const struct hlr_report *r, const struct hlr_node *pf)
{
	if (!pf || (r->period.kind != HLR_PERIOD_WEEK && r->period.kind != HLR_PERIOD_FORTNIGHT))
		return false;
	int day = -1, others = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct hlr_report *o = s->reports[i];
		if (o == r || !o->has_period || o->period.kind != r->period.kind)
			continue;
		int w = hlr_date_weekday(o->period.end);
		if (day >= 0 && w != day)
			return false; /* the series has no one day */
		day = w;
		others++;
	}
	int mine = hlr_date_weekday(r->period.end);
	if (others < 2 || mine == day)
		return false;
	static const char *names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	                              "Saturday", "Sunday"};
	/* the date on that day nearest the one written, up to three days away */
	int diff = (day - mine + 7) % 7;
	long by = diff <= 3 ? diff : diff - 7;
	struct hlr_period near;
	hlr_period_make(&near, r->period.kind, hlr_date_add_days(r->period.end, by));
	char value[48], want[32], ph[64];
	hlr_new_period_text(&near, value, want);
	hlr_period_phrase(&near, ph);
	struct hlr_span at = period_date_span(pf);
	bool certain = cadence_expects(s, r, &near) &&
	               !period_of_name(r->name, &r->period, &(struct hlr_period){0});
	size_t k = hlr_diag(d, HLR_WARNING, HLR_C_PERIOD_WEEKDAY, r->src, at,
	                    "this week ends on a %s, and every other one of the series on a %s%s%s",
	                    names[mine], names[day], certain ? "; meant: " : "", certain ? ph : "");
	if (certain)
		hlr_diag_fixit(d, k, at, want);
	return true;
}

/* Explicit "previous FILE" lines, and the order of the series otherwise. */
/* Whether r's period disagrees with its file name or the series' years,
 * or is a week on an odd day (each reported). */
static bool period_wrong(struct hlr_diags *d, const struct hlr_series *s, const struct hlr_report *r)
{
	return r->has_period && (check_period_name(d, s, r, period_field(r)) ||
	                         check_period_year(d, s, r, period_field(r)) ||
	                         check_weekday(d, s, r, period_field(r)));
}

/* The error for r, the report after p, when both are for one period. */
static void check_same_period(struct hlr_diags *d, const struct hlr_report *p,
                              const struct hlr_report *r)
{
	if (p->has_period && r->has_period && hlr_date_cmp(p->period.end, r->period.end) == 0 &&
	    p->period.kind == r->period.kind) {
		char ph[64];
		hlr_period_phrase(&r->period, ph);
		size_t k = hlr_diag(d, HLR_ERROR, HLR_C_DUPLICATE_PERIOD, r->src,
		                    line_of_field(period_field(r)),
		                    "another report of this series is for %s too", ph);
		hlr_diag_note(d, k, p->src, line_of_field(period_field(p)), "%s.hlr is for %s", p->name,
		              ph);
	}
}

static void link_previous(struct hlr_arena *a, struct hlr_diags *d, struct hlr_series *s)
{
	struct hlr_suggest_index *names = NULL; /* the reports' names, for did-you-mean */
	for (size_t i = 0; i < s->n; i++) {
		struct hlr_report *r = s->reports[i];
		struct hlr_node *f = r->previous_field;
		if (!f) {
			/* the latest report before this one (a report for the same
			 * period is an error of its own) */
			r->previous = NULL;
			for (size_t j = i; j-- > 0;)
				if (!r->has_period || !s->reports[j]->has_period ||
				    hlr_date_cmp(s->reports[j]->period.end, r->period.end) < 0) {
					r->previous = s->reports[j];
					break;
				}
			continue;
		}
		const char *v = f->text.s;
		size_t vn = f->text.len;
		struct hlr_span at = hlr_span_make(f->text.segs[0].src, f->text.segs[0].src + (uint32_t)vn);
		if (memchr(v, '/', vn)) {
			hlr_diag(d, HLR_ERROR, HLR_C_OUTSIDE_SERIES, r->src, at,
			         "the previous report is named by its file name in this folder, "
			         "with no path");
			continue;
		}
		struct hlr_report *p = hlr_series_find(s, v, vn);
		if (!p) {
			if (!names) {
				names = hlr_suggest_index_new(a);
				for (size_t k = 0; k < s->n; k++)
					hlr_suggest_index_add(a, names, s->reports[k]->name,
					                      strlen(s->reports[k]->name));
			}
			size_t sn = 0;
			const char *sug = hlr_diags_full(d) ? NULL
			                  : hlr_suggest_in(a, names, v,
			                                   vn > 4 && !memcmp(v + vn - 4, ".hlr", 4) ? vn - 4 : vn,
			                                   &sn);
			hlr_diag(d, HLR_ERROR, HLR_C_UNKNOWN_REPORT, r->src, at,
			         "no report '%.*s' in this series%s%.*s%s", (int)vn, v,
			         sug ? "; did you mean '" : "", (int)sn, sug ? sug : "", sug ? ".hlr'?" : "");
			continue;
		}
		r->previous = p;
	}
	/* a cycle of previous files: walk each chain once (0 new, 1 on the
	 * current walk, 2 finished), so the check is linear */
	int *mark = hlr_arena_alloc(a, (s->n ? s->n : 1) * sizeof *mark);
	for (size_t i = 0; i < s->n; i++)
		s->reports[i]->state = (int)i; /* temporary: position in the series */
	for (size_t i = 0; i < s->n; i++) {
		size_t j = i;
		/* only lines that name a previous report can close a cycle: the
		 * order of the series always points back in time */
		while (mark[j] == 0) {
			mark[j] = 1;
			struct hlr_report *p = s->reports[j]->previous_field ? s->reports[j]->previous : NULL;
			if (!p)
				break;
			j = (size_t)p->state;
		}
		if (mark[j] == 1 && s->reports[j]->previous_field && s->reports[j]->previous) {
			/* j is on a cycle: name it once, with a note per member */
			struct hlr_report *start = s->reports[j], *r = start;
			struct hlr_buf chain = HLR_BUF_INIT;
			do {
				hlr_buf_printf(&chain, "%s.hlr -> ", r->name);
				r = r->previous;
			} while (r != start);
			hlr_buf_printf(&chain, "%s.hlr", start->name);
			size_t k = hlr_diag(d, HLR_ERROR, HLR_C_PREVIOUS_CYCLE, start->src,
			                    line_of_field(start->previous_field),
			                    "previous reports form a cycle: %s", chain.data);
			hlr_buf_free(&chain);
			for (r = start->previous; r != start; r = r->previous)
				hlr_diag_note(d, k, r->src, line_of_field(r->previous_field),
				              "%s.hlr names its previous report here", r->name);
			do {
				struct hlr_report *next = r->previous;
				r->previous = NULL;
				mark[(size_t)r->state] = 2;
				r = next;
			} while (r && r->previous);
		}
		for (size_t k = i; mark[k] == 1;) {
			mark[k] = 2;
			struct hlr_report *p = s->reports[k]->previous_field ? s->reports[k]->previous : NULL;
			if (!p)
				break;
			k = (size_t)p->state;
		}
	}
	for (size_t i = 0; i < s->n; i++)
		s->reports[i]->state = 0;
	/* a period that disagrees with its file name or the series' years is an
	 * error, a week on an odd day a warning; the gaps such a period opens
	 * follow from it, so gaps are reported only when there is none */
	s->nwrong = 0;
	s->last_wrong = false;
	for (size_t i = 0; i < s->n; i++)
		if (period_wrong(d, s, s->reports[i])) {
			s->nwrong++;
			s->last_wrong = i + 1 == s->n;
		}
	bool any_wrong = s->nwrong > 0;
	/* the previous report comes earlier; a gap in the cadence is a warning */
	for (size_t i = 0; i < s->n; i++) {
		struct hlr_report *r = s->reports[i], *p = r->previous;
		if (!r->has_period)
			continue;
		struct hlr_node *pf = period_field(r);
		if (!any_wrong)
			check_gap(d, s, i, pf);
		if (!p || !p->has_period)
			continue;
		if (hlr_date_cmp(p->period.end, r->period.end) >= 0) {
			char ph[64];
			hlr_period_phrase(&p->period, ph);
			size_t k = hlr_diag(d, HLR_ERROR, HLR_C_PREVIOUS_NOT_EARLIER, r->src,
			                    line_of_field(r->previous_field),
			                    "the previous report (%s.hlr, for %s) is not earlier than this one",
			                    p->name, ph);
			if (period_field(p))
				hlr_diag_note(d, k, p->src, period_field(p)->span, "its period");
			r->previous = NULL;
			continue;
		}
	}
}

/* Whether name in dir may be read as a report: a regular file, reached
 * (through links) inside dir. Otherwise a warning says why it is skipped. */
static bool readable_here(struct hlr_arena *a, struct hlr_diags *d, const char *dir,
                          const char *real_dir, const char *name)
{
	char *path = hlr_path_join(a, dir, name);
	struct stat st;
	const char *why = NULL;
	if (lstat(path, &st) != 0)
		return false; /* gone since the listing: as if never there */
	if (S_ISLNK(st.st_mode)) {
		char *target = real_dir ? realpath(path, NULL) : NULL;
		size_t dn = real_dir ? strlen(real_dir) : 0;
		if (!target || stat(target, &st) != 0)
			why = "a link that leads nowhere";
		else if (strncmp(target, real_dir, dn) != 0 || target[dn] != '/' ||
		         strchr(target + dn + 1, '/'))
			why = "a link to a file outside the folder";
		free(target);
	}
	if (!why && !S_ISREG(st.st_mode))
		why = S_ISFIFO(st.st_mode) ? "a pipe, not a file"
		      : S_ISDIR(st.st_mode) ? "a folder, not a file"
		      : S_ISSOCK(st.st_mode) ? "a socket, not a file" : "a device, not a file";
	if (why)
		hlr_diag_file(d, HLR_WARNING, HLR_C_SKIPPED_FILE, path,
		              "skipped: %s; a folder's reports are regular files inside it", why);
	return !why;
}

/* Whether name ends in ".hlr" exactly: a report's file name. */
static bool report_name(const char *name, size_t len)
{
	return len >= 5 && !strcmp(name + len - 4, ".hlr");
}

/* A name that looks like a report's but is not read: ".HLR" or ".Hlr" in
 * another case, ".hlr" with another extension after it (".hlr.txt" saved by
 * an editor, ".hlr.docx" by Word, ".hlr.bak"), or Word's lock file "~$...".
 * Returns the name it should have (arena copy) or "" for a lock file, and
 * NULL for a name that is no report's look-alike. */
const char *hlr_report_look_alike(struct hlr_arena *a, const char *name, size_t len)
{
	if (name[0] == '~' && name[1] == '$') { /* Word's lock file of any report */
		for (size_t i = 2; i + 4 <= len; i++)
			if (!strncasecmp(name + i, ".hlr", 4))
				return "";
		return NULL;
	}
	if (report_name(name, len)) /* x.hlr is a report, even x.hlr.hlr */
		return NULL;
	for (size_t i = 1; i + 4 <= len; i++) {
		if (name[i] != '.' || strncasecmp(name + i + 1, "hlr", 3) != 0 ||
		    (i + 4 < len && name[i + 4] != '.'))
			continue;
		if (i + 4 == len && !strncmp(name + i + 1, "hlr", 3))
			return NULL; /* x.hlr itself */
		char *want = hlr_arena_alloc(a, i + 5);
		memcpy(want, name, i);
		memcpy(want + i, ".hlr", 5);
		return want;
	}
	return NULL;
}

/* name with each control character written as a C escape (\\n, \\t,
 * \\x01), so a diagnostic about it stays on one line */
static const char *escaped(struct hlr_arena *a, const char *name)
{
	struct hlr_buf b = HLR_BUF_INIT;
	for (const char *p = name; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\n')
			hlr_buf_puts(&b, "\\n");
		else if (c == '\t')
			hlr_buf_puts(&b, "\\t");
		else if (c == '\r')
			hlr_buf_puts(&b, "\\r");
		else if (c < 0x20 || c == 0x7f)
			hlr_buf_printf(&b, "\\x%02x", c);
		else
			hlr_buf_putc(&b, (char)c);
	}
	char *out = hlr_arena_strndup(a, b.data ? b.data : "", b.len);
	hlr_buf_free(&b);
	return out;
}

/* Word's own formats, which are not plain text even when renamed */
static bool word_format(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (!strcasecmp(dot, ".docx") || !strcasecmp(dot, ".doc") ||
	               !strcasecmp(dot, ".rtf") || !strcasecmp(dot, ".odt"));
}

static bool listed(char **v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], name))
			return true;
	return false;
}

char **hlr_series_list(struct hlr_arena *a, struct hlr_diags *d, const char *dir, size_t *n)
{
	*n = 0;
	DIR *dh = opendir(dir);
	if (!dh) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_CANNOT_READ, dir, "cannot read folder: %s", strerror(errno));
		return NULL;
	}
	/* every visible name first: whether a look-alike's proper name is
	 * there too decides whether it is a mistake or a backup */
	char **all = hlr_arena_alloc(a, sizeof *all);
	size_t nall = 0, cap = 1;
	struct dirent *e;
	while ((e = readdir(dh)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (nall == cap) {
			cap *= 2;
			all = hlr_arena_grow(a, all, nall, cap, sizeof *all);
		}
		all[nall++] = hlr_arena_strndup(a, e->d_name, strlen(e->d_name));
	}
	closedir(dh);
	if (nall > 1)
		qsort(all, nall, sizeof *all, by_name); /* readdir's order is not stable */
	char *real_dir = realpath(dir, NULL);
	char **names = hlr_arena_alloc(a, (nall ? nall : 1) * sizeof *names);
	for (size_t i = 0; i < nall; i++) {
		const char *name = all[i];
		size_t len = strlen(name);
		const char *want = hlr_report_look_alike(a, name, len);
		if (want && !*want) {
			hlr_diag_file(d, HLR_WARNING, HLR_C_SKIPPED_FILE, hlr_path_join(a, dir, name),
			              "skipped: Word's lock file (~$...), kept while a document of this "
			              "folder is open; delete it once Word is closed");
			continue;
		}
		if (want) {
			/* "x.hlr.bak" beside "x.hlr" is a backup: say nothing */
			if (listed(all, nall, want))
				continue;
			if (word_format(name))
				hlr_diag_file(d, HLR_WARNING, HLR_C_SKIPPED_FILE, hlr_path_join(a, dir, name),
				              "skipped: a Word document is not a report; in Word, Save As "
				              "Plain Text (UTF-8) named %s", want);
			else
				hlr_diag_file(d, HLR_WARNING, HLR_C_SKIPPED_FILE, hlr_path_join(a, dir, name),
				              "skipped: a report's file name ends in .hlr, in lower case; "
				              "rename it to %s if it is a report", want);
			continue;
		}
		if (!report_name(name, len))
			continue;
		if (hlr_has_control(name)) {
			hlr_diag_file(d, HLR_ERROR, HLR_C_UNSAFE_FILE_NAME,
			              hlr_path_join(a, dir, escaped(a, name)),
			              "the file name holds a control character (a line end or a tab): no "
			              "dependency file or diagnostic can name it safely; rename the file");
			/* still read: the error fails the run, and the reports that
			 * depend on it resolve as meant */
		}
		if (!readable_here(a, d, dir, real_dir, name))
			continue;
		names[(*n)++] = all[i];
	}
	free(real_dir);
	return names;
}

void hlr_reports_sort(struct hlr_report **v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, by_period);
}

struct hlr_series *hlr_series_build(struct hlr_arena *a, struct hlr_diags *d, const char *dir,
                                    struct hlr_source **srcs, size_t n)
{
	struct hlr_series *s = hlr_arena_alloc(a, sizeof *s);
	s->dir = hlr_arena_strndup(a, dir, strlen(dir));
	s->reports = hlr_arena_alloc(a, (n ? n : 1) * sizeof *s->reports);
	for (size_t i = 0; i < n; i++) {
		struct hlr_source *src = srcs[i];
		if (!src)
			continue;
		struct hlr_report *r = hlr_parse(a, d, src);
		r->series = s;
		if (!strcmp(r->name, "series") && !s->defaults) {
			s->defaults = r;
			hlr_resolve_series_file(a, d, r);
		} else {
			s->reports[s->n++] = r;
		}
	}
	if (!s->n)
		hlr_diag_file(d, HLR_ERROR, HLR_C_NO_REPORTS, dir,
		              "no .hlr reports in this series folder besides %s", HLR_SERIES_FILE);
	for (size_t i = 0; i < s->n; i++)
		hlr_resolve_header(a, d, s->reports[i], s->defaults);
	if (s->n)
		qsort(s->reports, s->n, sizeof *s->reports, by_period);
	/* two reports for one period */
	for (size_t i = 1; i < s->n; i++)
		check_same_period(d, s->reports[i - 1], s->reports[i]);
	for (size_t i = 0; i < s->n; i++)
		s->reports[i]->index = i;
	link_previous(a, d, s);
	for (size_t i = 0; i < s->n; i++) {
		if (i + 1 == s->n)
			s->latest_mark = d->n;
		hlr_resolve_body(a, d, s->reports[i]);
	}
	return s;
}

struct deps {
	struct hlr_arena *a;             /* owns v */
	const struct hlr_source **v;     /* distinct files, in order of discovery */
	size_t n, cap;
};

static void add_dep(struct deps *d, const struct hlr_source *src)
{
	for (size_t i = 0; i < d->n; i++) /* a report depends on a few files */
		if (d->v[i] == src)
			return;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = hlr_arena_grow(d->a, d->v, d->n, d->cap, sizeof *d->v);
	}
	d->v[d->n++] = src;
}

size_t hlr_report_deps(const struct hlr_report *r, struct hlr_arena *a,
                       const struct hlr_source ***out)
{
	struct deps d = {a, NULL, 0, 0};
	add_dep(&d, r->src);
	if (r->series && r->series->defaults)
		add_dep(&d, r->series->defaults->src);
	if (r->previous)
		add_dep(&d, r->previous->src);
	for (size_t i = 0; i < r->nrefs; i++)
		add_dep(&d, r->refs[i]->report->src);
	for (struct hlr_node *x = r->root->first; x;) {
		if (x->origin && x->origin != r)
			add_dep(&d, x->origin->src);
		x = hlr_node_next(x);
	}
	*out = d.v;
	return d.n;
}

size_t hlr_report_output_deps(const struct hlr_report *r, struct hlr_arena *a,
                              const struct hlr_source ***out)
{
	const struct hlr_series *s = r->series;
	if (!s)
		return hlr_report_deps(r, a, out);
	/* Which report is another's previous, and which one a dated reference
	 * (^2020-06-26#id) names, follow from the periods of all of them; a
	 * previous report's own period and carried content follow from its
	 * previous, and so on. So any report of the series can change this
	 * output, through its period alone; its direct dependencies
	 * (hlr_report_deps) are among them. */
	const struct hlr_source **v = hlr_arena_alloc(a, (s->n + 2) * sizeof *v);
	size_t n = 0;
	v[n++] = r->src;
	if (s->defaults && s->defaults != r)
		v[n++] = s->defaults->src;
	for (size_t i = 0; i < s->n; i++)
		if (s->reports[i] != r && s->reports[i] != s->defaults)
			v[n++] = s->reports[i]->src;
	*out = v;
	return n;
}

bool hlr_report_is_series_file(const struct hlr_report *r)
{
	return r && r->series && r->series->defaults == r;
}

static bool same_period(const struct hlr_period *a, const struct hlr_period *b)
{
	return a->kind == b->kind && !hlr_date_cmp(a->start, b->start) &&
	       !hlr_date_cmp(a->end, b->end) && !strcmp(a->label, b->label) &&
	       a->fy_year == b->fy_year && a->fy_period == b->fy_period &&
	       a->fy_start == b->fy_start && a->fy_periods == b->fy_periods;
}

bool hlr_series_replace_latest(struct hlr_arena *a, struct hlr_diags *d, struct hlr_series *s,
                               struct hlr_report *r)
{
	if (s->n < 2)
		return false;
	size_t i = s->n - 1;
	struct hlr_report *old = s->reports[i], *p = s->reports[i - 1];
	/* what the other reports' checks and links read of it: its name, its
	 * period, its cadence; and no "previous" line, which could close a
	 * cycle through the others */
	if (strcmp(old->name, r->name) || !old->has_period || !r->has_period ||
	    !same_period(&old->period, &r->period) || old->cadence != r->cadence ||
	    old->previous_field || r->previous_field)
		return false;
	r->series = s;
	r->index = i;
	check_same_period(d, p, r);
	r->previous = NULL;
	for (size_t j = i; j-- > 0;)
		if (!s->reports[j]->has_period || hlr_date_cmp(s->reports[j]->period.end, r->period.end) < 0) {
			r->previous = s->reports[j];
			break;
		}
	/* its period is that of the report it replaces, so the others' period
	 * checks stand; whether gaps are reported depends on all of them */
	bool wrong = period_wrong(d, s, r);
	if (wrong != s->last_wrong && s->nwrong == (s->last_wrong ? 1u : 0u))
		return false; /* gaps appear or vanish across the series */
	s->nwrong = s->nwrong - (s->last_wrong ? 1u : 0u) + (wrong ? 1u : 0u);
	s->last_wrong = wrong;
	s->reports[i] = r;
	if (!s->nwrong)
		check_gap(d, s, i, period_field(r));
	hlr_resolve_body(a, d, r);
	return true;
}
