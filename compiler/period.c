/* compiler: reporting periods (resolve stage). Parses the period forms of the
 * language and renders them the way the reports write them. */
#include "compiler/resolve.h"
#include "runtime/calendar.h"

#include <ctype.h>
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
static bool words_date(char w[8][16], int k, struct hlr_date *d, bool *unsure)
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

bool hlr_period_from_words(const char *s, size_t n, char out[48], bool *unsure)
{
	char w[8][16];
	*unsure = false;
	int k = split_words(s, n, w);
	if (k < 1)
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
