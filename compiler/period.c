/* compiler: reporting periods (resolve stage). Parses the period forms of the
 * language and renders them the way the reports write them. */
#include "compiler/resolve.h"
#include "runtime/calendar.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static bool starts(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);
	return n >= k && memcmp(s, word, k) == 0;
}

static bool fail(struct hlr_arena *a, const char **err, size_t *off, size_t *len,
                 size_t o, size_t l, const char *msg, const char *arg)
{
	char buf[256];
	snprintf(buf, sizeof buf, msg, arg);
	*err = hlr_arena_strndup(a, buf, strlen(buf));
	*off = o;
	*len = l;
	return false;
}

/* Checks a parsed date and explains what is wrong with it. */
static bool check_date(struct hlr_arena *a, struct hlr_date d, const char *s, size_t o, size_t n,
                       const char **err, size_t *eo, size_t *el)
{
	char what[128];
	if (hlr_date_valid(d))
		return true;
	if (d.year < 1 || d.year > 9999)
		snprintf(what, sizeof what, "year %d is out of range", d.year);
	else if (d.month < 1 || d.month > 12)
		snprintf(what, sizeof what, "there is no month %d", d.month);
	else
		snprintf(what, sizeof what, "%s %d has %d days", hlr_month_name(d.month), d.year,
		         hlr_date_days_in_month(d.year, d.month));
	char msg[256];
	snprintf(msg, sizeof msg, "invalid date '%.*s': %s", (int)n, s + o, what);
	return fail(a, err, eo, el, o, n, "%s", msg);
}


/* --- days, ranges, "as at" and fiscal periods ----------------------------- */

/* The label, printf-style, cut to fit. */
static void label(struct hlr_period *p, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	size_t n = strlen(buf);
	if (n >= sizeof p->label)
		n = sizeof p->label - 1;
	memcpy(p->label, buf, n);
	p->label[n] = '\0';
}

/* "8th March 2019" into out. */
static void day_text(char *out, size_t cap, struct hlr_date d)
{
	snprintf(out, cap, "%d%s %s %d", d.day, hlr_ordinal_suffix(d.day), hlr_month_name(d.month),
	         d.year);
}

/* "8th to 12th April 2019", "8th March to 12th April 2019" or "28th December
 * 2019 to 3rd January 2020": the years and months said once when shared. */
static void range_text(char *out, size_t cap, struct hlr_date a, struct hlr_date b)
{
	char tail[40];
	day_text(tail, sizeof tail, b);
	if (a.year == b.year && a.month == b.month)
		snprintf(out, cap, "%d%s to %s", a.day, hlr_ordinal_suffix(a.day), tail);
	else if (a.year == b.year)
		snprintf(out, cap, "%d%s %s to %s", a.day, hlr_ordinal_suffix(a.day),
		         hlr_month_name(a.month), tail);
	else {
		char head[40];
		day_text(head, sizeof head, a);
		snprintf(out, cap, "%s to %s", head, tail);
	}
}

/* "FY2019-20", or "FY2019" for a year that starts in January. */
static void fy_name(char out[16], int year, int start)
{
	if (start == 1)
		snprintf(out, 16, "FY%04d", year % 10000);
	else
		snprintf(out, 16, "FY%04d-%02d", year % 10000, (year + 1) % 100);
}

void hlr_period_range(struct hlr_period *p, enum hlr_period_kind kind, struct hlr_date start,
                      struct hlr_date end)
{
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->start = start;
	p->end = end;
	char t[96];
	static const char *days[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	                             "Saturday", "Sunday"};
	switch (kind) {
	case HLR_PERIOD_DAY:
		day_text(t, sizeof t, end);
		label(p, "%s %s", days[hlr_date_weekday(end)], t);
		break;
	case HLR_PERIOD_AS_AT:
		day_text(t, sizeof t, end);
		label(p, "As at %s", t);
		break;
	default:
		range_text(t, sizeof t, start, end);
		label(p, "%s", t);
		break;
	}
}

void hlr_period_fiscal(struct hlr_period *p, int year, int k, int start, int periods)
{
	memset(p, 0, sizeof *p);
	p->kind = k ? HLR_PERIOD_FISCAL : HLR_PERIOD_FISCAL_YEAR;
	p->fy_year = year;
	p->fy_period = k;
	p->fy_start = start;
	p->fy_periods = periods;
	struct hlr_date first = {year, start, 1};
	struct hlr_date last = hlr_date_add_days((struct hlr_date){year + 1, start, 1}, -1);
	char fy[16], span[96];
	fy_name(fy, year, start);
	if (!k) {
		p->start = first;
		p->end = last;
		label(p, "%s (%s %d to %s %d)", fy,
		         hlr_month_name(first.month), first.year, hlr_month_name(last.month), last.year);
		return;
	}
	if (periods == 12) {
		int idx = start - 1 + k - 1;
		int y = year + idx / 12, m = idx % 12 + 1;
		p->start = (struct hlr_date){y, m, 1};
		p->end = (struct hlr_date){y, m, hlr_date_days_in_month(y, m)};
		snprintf(span, sizeof span, "%s %d", hlr_month_name(m), y);
	} else {
		p->start = hlr_date_add_days(first, 28L * (k - 1));
		p->end = k == periods ? last : hlr_date_add_days(first, 28L * k - 1);
		range_text(span, sizeof span, p->start, p->end);
	}
	label(p, "Period %d %s (%s)", k, fy, span);
}

/* A date as YYYY-MM-DD at s[o..o+10), checked; false (and *err) if not. */
static bool date_at(struct hlr_arena *a, const char *s, size_t n, size_t o, struct hlr_date *d,
                    const char *what, const char **err, size_t *eo, size_t *el)
{
	size_t e = o;
	while (e < n && s[e] != ' ' && s[e] != '\t')
		e++;
	if (e - o != 10 || !hlr_date_parse_iso(s + o, 10, d))
		return fail(a, err, eo, el, o, e > o ? e - o : n - o,
		            "expected a date as YYYY-MM-DD %s", what);
	return check_date(a, *d, s, o, 10, err, eo, el);
}

static size_t skip_spaces(const char *s, size_t n, size_t o)
{
	while (o < n && (s[o] == ' ' || s[o] == '\t'))
		o++;
	return o;
}

/* "FY2019-20" (or "FY2019" in a year from January) at s[o..n): the year it
 * starts in, checked against the start month. */
static bool fy_at(struct hlr_arena *a, const char *s, size_t n, size_t o,
                  const struct hlr_fiscal *fy, int *year, const char **err, size_t *eo,
                  size_t *el)
{
	size_t l = n - o;
	const char *w = s + o;
	int y = 0, y2 = 0;
	bool two = l == 9 && w[6] == '-' && hlr_parse_digits(w + 7, 2, &y2);
	if (l < 6 || w[0] != 'F' || w[1] != 'Y' || !hlr_parse_digits(w + 2, 4, &y) ||
	    (l != 6 && !two) || y < 1 || y > 9998)
		return fail(a, err, eo, el, o, l,
		            "expected a fiscal year as FYyyyy-yy, such as FY2019-20 (the year from "
		            "April 2019)%s", "");
	if (!fy || !fy->start)
		return fail(a, err, eo, el, o, l,
		            "a fiscal year needs the month it starts in: add 'fiscal-year-start "
		            "MONTH' (such as 'fiscal-year-start april') to the series file%s", "");
	char want[16];
	fy_name(want, y, fy->start);
	if (strlen(want) != l || memcmp(want, w, l)) {
		char msg[200];
		snprintf(msg, sizeof msg,
		         "'%.*s' is not a fiscal year of this series, whose years start in %s: "
		         "write '%s'", (int)l, w, hlr_month_name(fy->start), want);
		return fail(a, err, eo, el, o, l, "%s", msg);
	}
	*year = y;
	return true;
}

/* The forms added for other kinds of report: 1 parsed, 0 failed (*err
 * set), -1 not one of them. */
static int parse_new(struct hlr_arena *a, const char *s, size_t n, const struct hlr_fiscal *fy,
                     struct hlr_period *p, const char **err, size_t *eo, size_t *el)
{
	struct hlr_date d, e;
	size_t o;
	if (starts(s, n, "day ") || starts(s, n, "as at ")) {
		bool day = s[0] == 'd';
		o = skip_spaces(s, n, day ? 4 : 6);
		if (!date_at(a, s, n, o, &d, day ? "after 'day'" : "after 'as at'", err, eo, el))
			return 0;
		if (o + 10 != n)
			return fail(a, err, eo, el, o + 10, n - o - 10,
			            "nothing may follow the date of a period%s", ""), 0;
		hlr_period_range(p, day ? HLR_PERIOD_DAY : HLR_PERIOD_AS_AT, d, d);
		return 1;
	}
	if (n >= 10 && s[0] >= '0' && s[0] <= '9' && s[4] == '-') {
		if (!date_at(a, s, n, 0, &d, "to start the range", err, eo, el))
			return 0;
		o = skip_spaces(s, n, 10);
		if (!starts(s + o, n - o, "to ") || o == 10)
			return fail(a, err, eo, el, 10, n - 10,
			            "a range of dates is written 'YYYY-MM-DD to YYYY-MM-DD'%s", ""), 0;
		size_t o2 = skip_spaces(s, n, o + 3);
		if (!date_at(a, s, n, o2, &e, "to end the range", err, eo, el))
			return 0;
		if (o2 + 10 != n)
			return fail(a, err, eo, el, o2 + 10, n - o2 - 10,
			            "nothing may follow the date of a period%s", ""), 0;
		if (hlr_date_cmp(e, d) < 0) {
			char msg[200];
			snprintf(msg, sizeof msg,
			         "the range ends on %.10s, before it starts on %.10s: write the earlier "
			         "date first, '%.10s to %.10s'", s + o2, s, s + o2, s);
			return fail(a, err, eo, el, 0, n, "%s", msg), 0;
		}
		hlr_period_range(p, HLR_PERIOD_RANGE, d, e);
		return 1;
	}
	int year;
	if (starts(s, n, "FY")) {
		if (!fy_at(a, s, n, 0, fy, &year, err, eo, el))
			return 0;
		hlr_period_fiscal(p, year, 0, fy->start, fy->periods);
		return 1;
	}
	if (n >= 2 && s[0] == 'P' && s[1] >= '0' && s[1] <= '9') {
		size_t w = 1;
		while (w < n && s[w] >= '0' && s[w] <= '9')
			w++;
		int k = 0;
		if (w > 3 || !hlr_parse_digits(s + 1, w - 1, &k) || w == n || s[w] != ' ')
			return fail(a, err, eo, el, 0, w,
			            "a fiscal period is written 'Pn FYyyyy-yy', such as 'P2 FY2019-20'%s",
			            ""), 0;
		o = skip_spaces(s, n, w);
		if (!fy_at(a, s, n, o, fy, &year, err, eo, el))
			return 0;
		if (k < 1 || k > fy->periods) {
			char msg[240];
			if (fy->periods == 12)
				snprintf(msg, sizeof msg,
				         "there is no period %d in a 12-period year: this series' periods "
				         "are the months P1 to P12 (for thirteen four-week periods, the "
				         "series says 'cadence 4-weekly')", k);
			else
				snprintf(msg, sizeof msg,
				         "there is no period %d in a 13-period year: this series' periods "
				         "are the four-week periods P1 to P13", k);
			return fail(a, err, eo, el, 0, w, "%s", msg), 0;
		}
		hlr_period_fiscal(p, year, k, fy->start, fy->periods);
		return 1;
	}
	return -1;
}

bool hlr_period_parse(struct hlr_arena *a, const char *s, size_t n, struct hlr_period *p,
                      const char **err, size_t *eo, size_t *el)
{
	return hlr_period_parse_in(a, s, n, NULL, p, err, eo, el);
}

bool hlr_period_parse_in(struct hlr_arena *a, const char *s, size_t n,
                         const struct hlr_fiscal *fy, struct hlr_period *p, const char **err,
                         size_t *eo, size_t *el)
{
	memset(p, 0, sizeof *p);
	const char *forms = "expected 'week ending YYYY-MM-DD', 'fortnight ending YYYY-MM-DD', "
	                    "'month YYYY-MM', 'quarter YYYY-Qn', 'day YYYY-MM-DD', "
	                    "'YYYY-MM-DD to YYYY-MM-DD', 'as at YYYY-MM-DD', 'Pn FYyyyy-yy' or "
	                    "'FYyyyy-yy'%s";
	size_t o;
	int r = parse_new(a, s, n, fy, p, err, eo, el);
	if (r >= 0)
		return r == 1;
	if (starts(s, n, "week ending ") || starts(s, n, "fortnight ending ")) {
		bool week = s[0] == 'w';
		o = week ? 12 : 17;
		while (o < n && s[o] == ' ')
			o++;
		struct hlr_date d;
		if (!hlr_date_parse_iso(s + o, n - o, &d))
			return fail(a, err, eo, el, o, n - o,
			            "expected a date as YYYY-MM-DD after '%s ending'",
			            week ? "week" : "fortnight");
		if (!check_date(a, d, s, o, n - o, err, eo, el))
			return false;
		hlr_period_make(p, week ? HLR_PERIOD_WEEK : HLR_PERIOD_FORTNIGHT, d);
		return true;
	}
	if (starts(s, n, "month ")) {
		o = 6;
		while (o < n && s[o] == ' ')
			o++;
		struct hlr_date d = {0, 0, 1};
		if (n - o != 7 || s[o + 4] != '-' || !hlr_parse_digits(s + o, 4, &d.year) ||
		    !hlr_parse_digits(s + o + 5, 2, &d.month))
			return fail(a, err, eo, el, o, n - o, "expected a month as YYYY-MM%s", "");
		if (!check_date(a, d, s, o, n - o, err, eo, el))
			return false;
		d.day = hlr_date_days_in_month(d.year, d.month);
		hlr_period_make(p, HLR_PERIOD_MONTH, d);
		return true;
	}
	if (starts(s, n, "quarter ")) {
		o = 8;
		while (o < n && s[o] == ' ')
			o++;
		int y, q;
		if (n - o != 7 || s[o + 4] != '-' || s[o + 5] != 'Q' ||
		    !hlr_parse_digits(s + o, 4, &y) || !hlr_parse_digits(s + o + 6, 1, &q))
			return fail(a, err, eo, el, o, n - o, "expected a quarter as YYYY-Qn%s", "");
		if (q < 1 || q > 4 || y < 1)
			return fail(a, err, eo, el, o, n - o,
			            "invalid quarter '%s': quarters are Q1 to Q4 of a year from 0001",
			            hlr_arena_strndup(a, s + o, n - o));
		hlr_period_make(p, HLR_PERIOD_QUARTER,
		                (struct hlr_date){y, q * 3, hlr_date_days_in_month(y, q * 3)});
		return true;
	}
	size_t w = 0;
	while (w < n && s[w] != ' ')
		w++;
	return fail(a, err, eo, el, 0, w ? w : n, forms, "");
}

void hlr_period_make(struct hlr_period *p, enum hlr_period_kind kind, struct hlr_date end)
{
	if (kind > HLR_PERIOD_QUARTER) {
		/* a day or "as at" (the others are made with their own start) */
		hlr_period_range(p, kind, end, end);
		return;
	}
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->end = end;
	switch (kind) {
	case HLR_PERIOD_WEEK:
	case HLR_PERIOD_FORTNIGHT:
		p->start = hlr_date_add_days(end, kind == HLR_PERIOD_WEEK ? -6 : -13);
		snprintf(p->label, sizeof p->label, "%s ending %d%s %s %d",
		         kind == HLR_PERIOD_WEEK ? "Week" : "Fortnight", end.day,
		         hlr_ordinal_suffix(end.day), hlr_month_name(end.month), end.year);
		break;
	case HLR_PERIOD_MONTH:
		p->start = (struct hlr_date){end.year, end.month, 1};
		snprintf(p->label, sizeof p->label, "%s %d", hlr_month_name(end.month), end.year);
		break;
	case HLR_PERIOD_QUARTER:
		p->start = (struct hlr_date){end.year, end.month - 2, 1};
		snprintf(p->label, sizeof p->label, "%s to %s %d", hlr_month_name(p->start.month),
		         hlr_month_name(end.month), end.year);
		break;
	default:
		break;
	}
}

/* The step of the forms added for other reports (see step): a day, "as
 * at" or a range moves by the cadence's days (or months, for a day or "as
 * at"); a fiscal period moves to the next period of its year, or the first
 * of the next year, when the cadence is its own (monthly for fiscal
 * months, 4-weekly for four-week periods). */
static bool step_new(const struct hlr_period *p, enum hlr_cadence c, int k, struct hlr_period *out)
{
	if (p->kind == HLR_PERIOD_FISCAL) {
		if (c != (p->fy_periods == 12 ? HLR_CADENCE_MONTHLY : HLR_CADENCE_FOURWEEKLY))
			return false;
		int y = p->fy_year, q = p->fy_period + k;
		if (q < 1)
			y--, q = p->fy_periods;
		else if (q > p->fy_periods)
			y++, q = 1;
		if (y < 1 || y > 9998)
			return false;
		hlr_period_fiscal(out, y, q, p->fy_start, p->fy_periods);
		return true;
	}
	if (p->kind == HLR_PERIOD_FISCAL_YEAR)
		return false;
	long days = 0;
	switch (c) {
	case HLR_CADENCE_DAILY: days = 1; break;
	case HLR_CADENCE_WEEKLY: days = 7; break;
	case HLR_CADENCE_FORTNIGHTLY: days = 14; break;
	case HLR_CADENCE_FOURWEEKLY: days = 28; break;
	case HLR_CADENCE_MONTHLY:
	case HLR_CADENCE_QUARTERLY: {
		if (p->kind == HLR_PERIOD_RANGE)
			return false; /* a range's months have no one length */
		struct hlr_date e = p->end;
		long months = (long)e.year * 12 + (e.month - 1) + k * (c == HLR_CADENCE_MONTHLY ? 1 : 3);
		int y = (int)(months / 12), m = (int)(months % 12) + 1;
		if (y < 1 || y > 9999)
			return false;
		int dim = hlr_date_days_in_month(y, m);
		struct hlr_date d = {y, m, e.day > dim ? dim : e.day};
		hlr_period_range(out, p->kind, d, d);
		return true;
	}
	case HLR_CADENCE_NONE:
		return false;
	}
	struct hlr_date s = hlr_date_add_days(p->start, k * days);
	struct hlr_date e = hlr_date_add_days(p->end, k * days);
	if (s.year < 1 || e.year > 9999)
		return false;
	hlr_period_range(out, p->kind, s, e);
	return true;
}

/* The period k cadence steps from p (k is -1 or 1); false when there is
 * none (no cadence, or outside the years 1 to 9999). */
static bool step(const struct hlr_period *p, enum hlr_cadence c, int k, struct hlr_period *out)
{
	struct hlr_date e = p->end;
	if (p->kind > HLR_PERIOD_QUARTER)
		return step_new(p, c, k, out);
	switch (c) {
	case HLR_CADENCE_DAILY: {
		struct hlr_date d = hlr_date_add_days(e, k);
		if (d.year < 1 || d.year > 9999)
			return false;
		hlr_period_range(out, HLR_PERIOD_DAY, d, d);
		return true;
	}
	case HLR_CADENCE_FOURWEEKLY:
		if (p->kind != HLR_PERIOD_WEEK && p->kind != HLR_PERIOD_FORTNIGHT)
			return false;
		e = hlr_date_add_days(e, k * 28);
		if (e.year < 1 || e.year > 9999)
			return false;
		hlr_period_make(out, p->kind, e);
		return true;
	case HLR_CADENCE_WEEKLY:
	case HLR_CADENCE_FORTNIGHTLY: {
		bool week = c == HLR_CADENCE_WEEKLY;
		struct hlr_date d = hlr_date_add_days(e, k * (week ? 7 : 14));
		if (d.year < 1 || d.year > 9999)
			return false;
		hlr_period_make(out, week ? HLR_PERIOD_WEEK : HLR_PERIOD_FORTNIGHT, d);
		return true;
	}
	case HLR_CADENCE_MONTHLY:
	case HLR_CADENCE_QUARTERLY: {
		/* months counted from year 0: the next month, or the end of the
		 * quarter after (before) the one that holds p's last day */
		int m = e.month;
		if (c == HLR_CADENCE_QUARTERLY)
			m = ((m - 1) / 3 + 1) * 3;
		long months = (long)e.year * 12 + (m - 1) + k * (c == HLR_CADENCE_MONTHLY ? 1 : 3);
		int y = (int)(months / 12);
		m = (int)(months % 12) + 1;
		if (y < 1 || y > 9999)
			return false;
		hlr_period_make(out, c == HLR_CADENCE_MONTHLY ? HLR_PERIOD_MONTH : HLR_PERIOD_QUARTER,
		                (struct hlr_date){y, m, hlr_date_days_in_month(y, m)});
		return true;
	}
	case HLR_CADENCE_NONE:
		break;
	}
	return false;
}

bool hlr_period_before(const struct hlr_period *p, enum hlr_cadence c, struct hlr_period *out)
{
	return step(p, c, -1, out);
}

bool hlr_period_after(const struct hlr_period *p, enum hlr_cadence c, struct hlr_period *out)
{
	return step(p, c, 1, out);
}

void hlr_period_phrase(const struct hlr_period *p, char out[64])
{
	memcpy(out, p->label, 64);
	out[63] = '\0';
	if (p->kind == HLR_PERIOD_WEEK || p->kind == HLR_PERIOD_FORTNIGHT ||
	    p->kind == HLR_PERIOD_AS_AT || p->kind == HLR_PERIOD_FISCAL)
		out[0] = (char)(out[0] - 'A' + 'a');
}

/* --- periods as Word writes them ----------------------------------------- */

/* The words of s[0..n), lower case, split at spaces, commas and colons, at
 * most 8 of at most 15 bytes each. Returns how many, or -1. */
static int split_words(const char *s, size_t n, char w[8][16])
{
	int k = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ',' || s[i] == ':'))
			i++;
		if (i == n)
			break;
		if (k == 8)
			return -1;
		size_t l = 0;
		while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != ',' && s[i] != ':') {
			if (l == 15)
				return -1;
			w[k][l++] = (char)tolower((unsigned char)s[i++]);
		}
		if (l && w[k][l - 1] == '.')
			l--; /* "2020." at the end of a sentence */
		w[k++][l] = '\0';
	}
	return k;
}

static int month_of(const char *w)
{
	static const char *m[] = {"january", "february", "march", "april", "may", "june", "july",
	                          "august", "september", "october", "november", "december"};
	size_t n = strlen(w);
	for (int i = 0; i < 12; i++)
		if (n >= 3 && !strncmp(w, m[i], n) && n <= strlen(m[i]))
			return i + 1; /* "July", "Jul", "Sept" */
	if (!strcmp(w, "sept"))
		return 9;
	return 0;
}

static bool number(const char *w, size_t max, int *out)
{
	size_t n = strlen(w);
	return n >= 1 && n <= max && hlr_parse_digits(w, n, out);
}

/* A day written "3", "03" or "3rd" (any English suffix). */
static bool day_word(const char *w, int *d)
{
	char num[4];
	size_t n = 0;
	while (w[n] >= '0' && w[n] <= '9' && n < 3)
		n++;
	if (!n || n > 2)
		return false;
	const char *sfx = w + n;
	if (*sfx && strcmp(sfx, "st") && strcmp(sfx, "nd") && strcmp(sfx, "rd") && strcmp(sfx, "th"))
		return false;
	memcpy(num, w, n);
	num[n] = '\0';
	return number(num, 2, d);
}

static bool weekday_word(const char *w)
{
	static const char *d[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
	                          "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	for (size_t i = 0; i < sizeof d / sizeof *d; i++)
		if (!strcmp(w, d[i]))
			return true;
	return false;
}

/* A date in words[0..k): "3rd July 2020", "Friday 3 July 2020", "July 3rd
 * 2020", or "03/07/2020" read as day/month, as in the UK, when that is
 * unambiguous (the day above 12, or day and month equal). *unsure is set
 * for a numeric date that could be either. */
static bool words_date(char w[][16], int k, struct hlr_date *d, bool *unsure)
{
	int i = 0;
	if (k > 0 && weekday_word(w[0]))
		i = 1;
	if (k - i == 3) {
		int a, m, y;
		if (day_word(w[i], &a) && (m = month_of(w[i + 1])) && number(w[i + 2], 4, &y) && y >= 1000)
			return *d = (struct hlr_date){y, m, a}, hlr_date_valid(*d);
		if ((m = month_of(w[i])) && day_word(w[i + 1], &a) && number(w[i + 2], 4, &y) && y >= 1000)
			return *d = (struct hlr_date){y, m, a}, hlr_date_valid(*d);
		return false;
	}
	if (k - i != 1)
		return false;
	const char *s = w[i];
	char sep = 0;
	for (const char *p = s; *p; p++)
		if (*p == '/' || *p == '.')
			sep = sep && sep != *p ? 1 : *p;
	if (sep != '/' && sep != '.')
		return false;
	char parts[3][8];
	int np = 0;
	size_t l = 0;
	for (const char *p = s;; p++) {
		if (*p == sep || !*p) {
			if (np == 3 || l == 0)
				return false;
			parts[np++][l] = '\0';
			l = 0;
			if (!*p)
				break;
		} else if (l < 7) {
			parts[np < 3 ? np : 2][l++] = *p;
		} else {
			return false;
		}
	}
	int a, b, y;
	if (np != 3 || !number(parts[0], 2, &a) || !number(parts[1], 2, &b))
		return false;
	if (number(parts[2], 4, &y) && strlen(parts[2]) == 4) {
		if (a <= 12 && b <= 12 && a != b) {
			*unsure = true;
			return false;
		}
		*d = (struct hlr_date){y, b, a};
		return hlr_date_valid(*d);
	}
	return false;
}

/* The forms added for other reports, as Word writes them: "as at
 * 16/03/2012", "08/03/2019 to 12/04/2019", "8th March to 12th April 2019",
 * "Period 2 FY2019-20", "P2 2019/20". */
static bool new_from_words(char w[8][16], int k, char out[48], bool *unsure)
{
	struct hlr_date a, b;
	char x[11], y[11];
	if (k >= 3 && !strcmp(w[0], "as") && !strcmp(w[1], "at")) {
		if (!words_date(w + 2, k - 2, &a, unsure))
			return false;
		hlr_date_format_iso(a, x);
		snprintf(out, 48, "as at %s", x);
		return true;
	}
	int t = 0;
	while (t < k && strcmp(w[t], "to"))
		t++;
	if (t > 0 && t < k - 1) {
		bool u1 = false, u2 = false;
		if (!words_date(w + t + 1, k - t - 1, &b, &u2)) {
			*unsure = u2;
			return false;
		}
		/* "8th March to 12th April 2019": the first date takes the year */
		char v[8][16];
		memcpy(v, w, sizeof v);
		int m = t;
		if (m == 2 && !hlr_parse_digits(v[1], strlen(v[1]), &(int){0}) && m < 8)
			snprintf(v[m++], 16, "%d", b.year);
		if (!words_date(v, m, &a, &u1)) {
			*unsure = u1;
			return false;
		}
		if (hlr_date_cmp(a, b) > 0)
			return false;
		hlr_date_format_iso(a, x);
		hlr_date_format_iso(b, y);
		snprintf(out, 48, "%s to %s", x, y);
		return true;
	}
	/* "period 2 fy2019-20", "p2 fy2019-20", "period 2 2019/20" */
	int i = 0, per = 0;
	if (k >= 3 && !strcmp(w[0], "period") && number(w[1], 2, &per))
		i = 2;
	else if (k >= 2 && w[0][0] == 'p' && number(w[0] + 1, 2, &per))
		i = 1;
	if (!i || k != i + 1 || per < 1)
		return false;
	const char *f = w[i];
	if (f[0] == 'f' && f[1] == 'y')
		f += 2;
	int fy, fy2;
	if (strlen(f) != 7 || (f[4] != '-' && f[4] != '/') || !hlr_parse_digits(f, 4, &fy) ||
	    !hlr_parse_digits(f + 5, 2, &fy2) || (fy + 1) % 100 != fy2 || fy < 1000)
		return false;
	snprintf(out, 48, "P%d FY%04d-%02d", per, fy, fy2);
	return true;
}

bool hlr_period_from_words(const char *s, size_t n, char out[48], bool *unsure)
{
	char w[8][16];
	*unsure = false;
	int k = split_words(s, n, w);
	if (k < 1)
		return false;
	if (new_from_words(w, k, out, unsure))
		return true;
	if (*unsure)
		return false;
	int i = 0;
	enum hlr_period_kind kind = HLR_PERIOD_WEEK;
	bool dated = false;
	if (!strcmp(w[0], "w/e") || !strcmp(w[0], "we")) {
		i = 1, dated = true;
	} else if (k >= 2 && (!strcmp(w[0], "week") || !strcmp(w[0], "fortnight")) &&
	           (!strcmp(w[1], "ending") || !strcmp(w[1], "end") || !strcmp(w[1], "to"))) {
		kind = w[0][0] == 'f' ? HLR_PERIOD_FORTNIGHT : HLR_PERIOD_WEEK;
		i = 2, dated = true;
	}
	struct hlr_date d;
	char iso[11];
	if (dated) {
		if (!words_date(w + i, k - i, &d, unsure))
			return false;
		hlr_date_format_iso(d, iso);
		snprintf(out, 48, "%s ending %s", kind == HLR_PERIOD_WEEK ? "week" : "fortnight", iso);
		return true;
	}
	if (!strcmp(w[0], "month"))
		i = 1;
	int m, y, q;
	/* "November 2020" */
	if (k - i == 2 && (m = month_of(w[i])) && number(w[i + 1], 4, &y) && y >= 1000) {
		snprintf(out, 48, "month %04d-%02d", y, m);
		return true;
	}
	if (!strcmp(w[0], "quarter"))
		i = 1;
	/* "Q3 2020", "2020 Q3", "2020-q3", "July to September 2020" */
	if (k - i == 2 && w[i][0] == 'q' && number(w[i] + 1, 1, &q) && number(w[i + 1], 4, &y))
		return q >= 1 && q <= 4 && y >= 1000 && snprintf(out, 48, "quarter %04d-Q%d", y, q) > 0;
	if (k - i == 2 && w[i + 1][0] == 'q' && number(w[i + 1] + 1, 1, &q) && number(w[i], 4, &y))
		return q >= 1 && q <= 4 && y >= 1000 && snprintf(out, 48, "quarter %04d-Q%d", y, q) > 0;
	if (k - i == 1 && strlen(w[i]) == 7 && w[i][4] == '-' && w[i][5] == 'q' &&
	    hlr_parse_digits(w[i], 4, &y) && number(w[i] + 6, 1, &q))
		return q >= 1 && q <= 4 && y >= 1000 && snprintf(out, 48, "quarter %04d-Q%d", y, q) > 0;
	int m2;
	if (k - i == 4 && (m = month_of(w[i])) && !strcmp(w[i + 1], "to") &&
	    (m2 = month_of(w[i + 2])) && number(w[i + 3], 4, &y) && (m - 1) % 3 == 0 && m2 == m + 2)
		return y >= 1000 && snprintf(out, 48, "quarter %04d-Q%d", y, (m - 1) / 3 + 1) > 0;
	return false;
}
