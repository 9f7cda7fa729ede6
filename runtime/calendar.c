/* runtime: calendar arithmetic (see calendar.h). Day counts use Howard
 * Hinnant's days_from_civil / civil_from_days algorithms. */
#include "calendar.h"

#include <stdio.h>

bool hlr_date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int hlr_date_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && hlr_date_is_leap(y) ? 29 : days[m - 1];
}

bool hlr_date_valid(struct hlr_date d)
{
	return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 &&
	       d.day >= 1 && d.day <= hlr_date_days_in_month(d.year, d.month);
}

long hlr_date_to_days(struct hlr_date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct hlr_date hlr_date_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct hlr_date d;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

struct hlr_date hlr_date_add_days(struct hlr_date d, long n)
{
	return hlr_date_from_days(hlr_date_to_days(d) + n);
}

int hlr_date_cmp(struct hlr_date a, struct hlr_date b)
{
	long x = hlr_date_to_days(a), y = hlr_date_to_days(b);
	return (x > y) - (x < y);
}

int hlr_date_weekday(struct hlr_date d)
{
	long z = hlr_date_to_days(d); /* 1970-01-01 was a Thursday (3) */
	long w = (z % 7 + 7 + 3) % 7;
	return (int)w;
}

const char *hlr_month_name(int m)
{
	static const char *names[12] = {"January", "February", "March", "April",
	                                "May", "June", "July", "August",
	                                "September", "October", "November", "December"};
	return m >= 1 && m <= 12 ? names[m - 1] : "?";
}

const char *hlr_ordinal_suffix(int day)
{
	if (day % 100 >= 11 && day % 100 <= 13)
		return "th";
	switch (day % 10) {
	case 1: return "st";
	case 2: return "nd";
	case 3: return "rd";
	default: return "th";
	}
}

bool hlr_parse_digits(const char *s, size_t n, int *out)
{
	if (n == 0 || n > 9)
		return false;
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool hlr_date_parse_iso(const char *s, size_t n, struct hlr_date *out)
{
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return false;
	return hlr_parse_digits(s, 4, &out->year) &&
	       hlr_parse_digits(s + 5, 2, &out->month) &&
	       hlr_parse_digits(s + 8, 2, &out->day);
}

void hlr_date_format_iso(struct hlr_date d, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)d.year % 10000u, (unsigned)d.month % 100u,
	         (unsigned)d.day % 100u);
}
