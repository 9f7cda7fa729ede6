/* compiler: reporting periods (resolve stage). Parses the period forms of the
 * language and renders them the way the reports write them. */
#include "compiler/resolve.h"
#include "runtime/calendar.h"

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

bool hlr_period_parse(struct hlr_arena *a, const char *s, size_t n, struct hlr_period *p,
                      const char **err, size_t *eo, size_t *el)
{
	memset(p, 0, sizeof *p);
	const char *forms = "expected 'week ending YYYY-MM-DD', 'fortnight ending YYYY-MM-DD', "
	                    "'month YYYY-MM' or 'quarter YYYY-Qn'%s";
	size_t o;
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
	}
}

/* The period k cadence steps from p (k is -1 or 1); false when there is
 * none (no cadence, or outside the years 1 to 9999). */
static bool step(const struct hlr_period *p, enum hlr_cadence c, int k, struct hlr_period *out)
{
	struct hlr_date e = p->end;
	switch (c) {
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
	if (p->kind == HLR_PERIOD_WEEK || p->kind == HLR_PERIOD_FORTNIGHT)
		out[0] = (char)(out[0] - 'A' + 'a');
}
