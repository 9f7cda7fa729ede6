/* runtime: proleptic Gregorian calendar arithmetic and English date names. */
#ifndef HLR_CALENDAR_H
#define HLR_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

struct hlr_date {
	int year;  /* 1..9999 */
	int month; /* 1..12 */
	int day;   /* 1..days in month */
};

bool hlr_date_is_leap(int year);
int hlr_date_days_in_month(int year, int month);
bool hlr_date_valid(struct hlr_date d);
/* Days since 1970-01-01 (negative before). */
long hlr_date_to_days(struct hlr_date d);
struct hlr_date hlr_date_from_days(long days);
struct hlr_date hlr_date_add_days(struct hlr_date d, long n);
/* -1, 0 or 1. */
int hlr_date_cmp(struct hlr_date a, struct hlr_date b);
/* 0 = Monday .. 6 = Sunday. */
int hlr_date_weekday(struct hlr_date d);
/* "January".."December"; month must be 1..12. */
const char *hlr_month_name(int month);
/* "st", "nd", "rd" or "th" for a day of the month. */
const char *hlr_ordinal_suffix(int day);
/* Parses the digits of s[0..n) as a decimal number of exactly n digits,
 * n >= 1; returns false on anything else. */
bool hlr_parse_digits(const char *s, size_t n, int *out);
/* "2020-07-03" -> true and *out set; does not validate the day. */
bool hlr_date_parse_iso(const char *s, size_t n, struct hlr_date *out);
/* Writes "2020-07-03" (11 bytes with NUL). */
void hlr_date_format_iso(struct hlr_date d, char out[11]);

#endif
