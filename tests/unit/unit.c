/* Unit tests for the runtime (calendar, UTF-8, buffers, arena), periods,
 * did-you-mean and inline rendering. Prints "ok NAME" or "FAIL NAME: why"
 * per check; tests/run.sh counts them. Exit 1 if any failed. */
#include "compiler/emit.h"
#include "compiler/resolve.h"
#include "runtime/arena.h"
#include "runtime/buf.h"
#include "runtime/calendar.h"
#include "runtime/utf8.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failed;

static void check(int cond, const char *name, const char *detail)
{
	if (cond)
		printf("ok %s\n", name);
	else {
		printf("FAIL %s: %s\n", name, detail ? detail : "");
		failed = 1;
	}
}

static void test_calendar(void)
{
	struct hlr_date epoch = {1970, 1, 1};
	check(hlr_date_to_days(epoch) == 0, "calendar: epoch is day 0", NULL);
	int roundtrip = 1;
	long first = hlr_date_to_days((struct hlr_date){1, 1, 1});
	long last = hlr_date_to_days((struct hlr_date){9999, 12, 31});
	for (long z = first; z <= last; z += 3) {
		struct hlr_date d = hlr_date_from_days(z);
		if (!hlr_date_valid(d) || hlr_date_to_days(d) != z)
			roundtrip = 0;
	}
	check(roundtrip, "calendar: days round-trip over years 1 to 9999", NULL);
	check(hlr_date_valid((struct hlr_date){2020, 2, 29}), "calendar: 2020-02-29 valid", NULL);
	check(!hlr_date_valid((struct hlr_date){2021, 2, 29}), "calendar: 2021-02-29 invalid", NULL);
	check(!hlr_date_valid((struct hlr_date){1900, 2, 29}), "calendar: 1900-02-29 invalid", NULL);
	check(hlr_date_valid((struct hlr_date){2000, 2, 29}), "calendar: 2000-02-29 valid", NULL);
	check(!hlr_date_valid((struct hlr_date){2020, 4, 31}), "calendar: 2020-04-31 invalid", NULL);
	check(hlr_date_weekday((struct hlr_date){2020, 7, 3}) == 4, "calendar: 3 July 2020 was a Friday", NULL);
	struct hlr_date d = hlr_date_add_days((struct hlr_date){2020, 7, 3}, -6);
	check(d.year == 2020 && d.month == 6 && d.day == 27, "calendar: week ending 3 July starts 27 June", NULL);
	d = hlr_date_add_days((struct hlr_date){2020, 12, 31}, 1);
	check(d.year == 2021 && d.month == 1 && d.day == 1, "calendar: new year", NULL);
	const char *sfx[] = {"", "st", "nd", "rd", "th", "th", "th", "th", "th", "th", "th", "th", "th", "th",
	                     "th", "th", "th", "th", "th", "th", "th", "st", "nd", "rd", "th", "th", "th",
	                     "th", "th", "th", "th", "st"};
	int all = 1;
	for (int i = 1; i <= 31; i++)
		if (strcmp(hlr_ordinal_suffix(i), sfx[i]) != 0)
			all = 0;
	check(all, "calendar: ordinal suffixes 1..31", NULL);
	struct hlr_date p;
	check(hlr_date_parse_iso("2020-07-03", 10, &p) && p.day == 3, "calendar: parse ISO date", NULL);
	check(!hlr_date_parse_iso("2020-7-03", 9, &p), "calendar: reject short ISO date", NULL);
	check(!hlr_date_parse_iso("2020/07/03", 10, &p), "calendar: reject slashes", NULL);
	char iso[11];
	hlr_date_format_iso((struct hlr_date){2020, 7, 3}, iso);
	check(strcmp(iso, "2020-07-03") == 0, "calendar: format ISO date", iso);
}

static void test_utf8(void)
{
	const unsigned char ok1[] = "\xE2\x80\x93"; /* en dash */
	check(hlr_utf8_seqlen(ok1, 3) == 3, "utf8: en dash is 3 bytes", NULL);
	check(hlr_utf8_seqlen((const unsigned char *)"\xC0\xAF", 2) == 0, "utf8: overlong rejected", NULL);
	check(hlr_utf8_seqlen((const unsigned char *)"\xED\xA0\x80", 3) == 0, "utf8: surrogate rejected", NULL);
	check(hlr_utf8_seqlen((const unsigned char *)"\xF4\x90\x80\x80", 4) == 0, "utf8: above U+10FFFF rejected", NULL);
	check(hlr_utf8_seqlen((const unsigned char *)"\xF0\x9F\x98\x80", 4) == 4, "utf8: emoji accepted", NULL);
	check(hlr_utf8_seqlen((const unsigned char *)"\xE2\x80", 2) == 0, "utf8: truncated rejected", NULL);
	check(hlr_utf8_count("a\xE2\x80\x93" "b", 5) == 3, "utf8: count code points", NULL);
	check(hlr_utf8_invalid("ab\xFF" "c", 4) == 2, "utf8: find invalid byte", NULL);
}

static void test_buf_arena(void)
{
	struct hlr_buf b = HLR_BUF_INIT;
	hlr_buf_put_html(&b, "<a href=\"x\">&</a>", 17);
	check(strcmp(b.data, "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;") == 0, "buf: HTML escaping", b.data);
	b.len = 0;
	hlr_buf_put_json(&b, "a\"b\\c\n\x01", 7);
	check(strcmp(b.data, "a\\\"b\\\\c\\n\\u0001") == 0, "buf: JSON escaping", b.data);
	b.len = 0;
	for (int i = 0; i < 100000; i++)
		hlr_buf_putc(&b, 'x');
	check(b.len == 100000 && b.data[b.len] == '\0', "buf: grows", NULL);
	hlr_buf_free(&b);
	struct hlr_arena a;
	hlr_arena_init(&a);
	char *p = hlr_arena_alloc(&a, 10);
	char *q = hlr_arena_alloc(&a, 1 << 20);
	check(p && q && ((size_t)q % 16) == 0 && q[0] == 0 && q[(1 << 20) - 1] == 0, "arena: zeroed, aligned, big blocks", NULL);
	hlr_arena_free(&a);
}

static void period_case(const char *in, const char *label)
{
	struct hlr_arena a;
	hlr_arena_init(&a);
	struct hlr_period p;
	const char *err = NULL;
	size_t off, len;
	int okp = hlr_period_parse(&a, in, strlen(in), &p, &err, &off, &len);
	char name[128];
	snprintf(name, sizeof name, "period: '%s'", in);
	if (label)
		check(okp && strcmp(p.label, label) == 0, name, okp ? p.label : err);
	else
		check(!okp, name, "accepted");
	hlr_arena_free(&a);
}

static void test_periods(void)
{
	period_case("week ending 2020-07-03", "Week ending 3rd July 2020");
	period_case("fortnight ending 2020-07-21", "Fortnight ending 21st July 2020");
	period_case("month 2020-11", "November 2020");
	period_case("quarter 2020-Q3", "July to September 2020");
	period_case("quarter 2021-Q1", "January to March 2021");
	period_case("week ending 2020-02-30", NULL);
	period_case("month 2020-13", NULL);
	period_case("quarter 2020-Q5", NULL);
	period_case("weekly 2020-07-03", NULL);
	period_case("week ending 3 July 2020", NULL);
}

static void step_case(const char *in, enum hlr_cadence c, int after, const char *label)
{
	struct hlr_arena a;
	hlr_arena_init(&a);
	struct hlr_period p, q;
	const char *err;
	size_t off, len;
	char name[128];
	snprintf(name, sizeof name, "period: %s '%s'", after ? "after" : "before", in);
	bool okp = hlr_period_parse(&a, in, strlen(in), &p, &err, &off, &len) &&
	           (after ? hlr_period_after(&p, c, &q) : hlr_period_before(&p, c, &q));
	check(okp && strcmp(q.label, label) == 0, name, okp ? q.label : "no period");
	hlr_arena_free(&a);
}

static void test_period_steps(void)
{
	step_case("week ending 2020-07-03", HLR_CADENCE_WEEKLY, 1, "Week ending 10th July 2020");
	step_case("week ending 2020-07-03", HLR_CADENCE_WEEKLY, 0, "Week ending 26th June 2020");
	step_case("week ending 2020-12-31", HLR_CADENCE_WEEKLY, 1, "Week ending 7th January 2021");
	step_case("fortnight ending 2020-03-06", HLR_CADENCE_FORTNIGHTLY, 0, "Fortnight ending 21st February 2020");
	step_case("month 2020-12", HLR_CADENCE_MONTHLY, 1, "January 2021");
	step_case("month 2021-01", HLR_CADENCE_MONTHLY, 0, "December 2020");
	step_case("quarter 2020-Q4", HLR_CADENCE_QUARTERLY, 1, "January to March 2021");
	step_case("quarter 2021-Q1", HLR_CADENCE_QUARTERLY, 0, "October to December 2020");
	step_case("month 2020-11", HLR_CADENCE_QUARTERLY, 1, "January to March 2021");
}

static void test_suggest(void)
{
	const char *kw[] = {"guidance", "challenges", "finance", "financial-issues", "comms"};
	const char *s = hlr_suggest("guidanse", 8, kw, 5);
	check(s && !strcmp(s, "guidance"), "suggest: one letter wrong", s);
	s = hlr_suggest("fiannce", 7, kw, 5);
	check(s && !strcmp(s, "finance"), "suggest: swapped letters", s);
	s = hlr_suggest("xyzzy", 5, kw, 5);
	check(s == NULL, "suggest: nothing close", s);
	s = hlr_suggest("comm", 4, kw, 5);
	check(s && !strcmp(s, "comms"), "suggest: prefix", s);

	/* an index: the same answers from few candidates, bounded work from many */
	struct hlr_arena a;
	hlr_arena_init(&a);
	struct hlr_suggest_index *x = hlr_suggest_index_new(&a);
	for (int i = 0; i < 5; i++)
		hlr_suggest_index_add(&a, x, kw[i], strlen(kw[i]));
	size_t n = 0;
	s = hlr_suggest_in(&a, x, "fiannce", 7, &n);
	check(s && n == 7 && !memcmp(s, "finance", 7), "suggest index: few", s);
	x = hlr_suggest_index_new(&a);
	char *words = hlr_arena_alloc(&a, 20000 * 16);
	for (int i = 0; i < 20000; i++) {
		int len = snprintf(words + 16 * i, 16, "%s-%d", i % 2 ? "budget" : "risk", i);
		hlr_suggest_index_add(&a, x, words + 16 * i, (size_t)len);
	}
	s = hlr_suggest_in(&a, x, "budgte-12345", 12, &n);
	check(s && n == 12 && !memcmp(s, "budget-12345", 12), "suggest index: swapped, many", s);
	s = hlr_suggest_in(&a, x, "xudget-12345", 12, &n);
	check(s && n == 12 && !memcmp(s, "budget-12345", 12), "suggest index: first letter, many", s);
	s = hlr_suggest_in(&a, x, "zzzzzz", 6, &n);
	check(s == NULL, "suggest index: nothing close, many", s);
	/* of the words "abc" starts, the first given, though it sorts last */
	x = hlr_suggest_index_new(&a);
	hlr_suggest_index_add(&a, x, "abc-zzz", 7);
	for (int i = 0; i < 20000; i++)
		hlr_suggest_index_add(&a, x, words + 16 * i, strlen(words + 16 * i));
	for (int i = 0; i < 5000; i++) {
		char *w = hlr_arena_alloc(&a, 16);
		hlr_suggest_index_add(&a, x, w, (size_t)snprintf(w, 16, "abc-a%d", i));
	}
	s = hlr_suggest_in(&a, x, "abc", 3, &n);
	check(s && n == 7 && !memcmp(s, "abc-zzz", 7), "suggest index: prefix, many", s);
	hlr_arena_free(&a);
}

/* What cmark alone makes of s as a paragraph, without <p>...</p>. */
static char *cmark_inline(const char *s)
{
	char *html = cmark_markdown_to_html(s, strlen(s), CMARK_OPT_DEFAULT);
	size_t n = strlen(html);
	while (n && html[n - 1] == '\n')
		n--;
	if (n >= 4 && !memcmp(html + n - 4, "</p>", 4))
		n -= 4;
	html[n] = '\0';
	if (!strncmp(html, "<p>", 3))
		memmove(html, html + 3, n - 2);
	return html;
}

static void test_inline(void)
{
	/* plain texts take a fast path: it must give cmark's bytes exactly */
	const char *plain[] = {
		"Plain words, with punctuation: (brackets) and \"quotes\" and 'apostrophes'.",
		"Two lines\nof text",
		"Greater > and ellipsis \xE2\x80\xA6 and en dash \xE2\x80\x93 here",
		"URL-like www.example.org and email a@b.org stay text",
		"Tabs\tinside",
	};
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
		struct hlr_buf b = HLR_BUF_INIT;
		hlr_inline_html(&b, plain[i], strlen(plain[i]), NULL);
		char *want = cmark_inline(plain[i]);
		char name[64];
		snprintf(name, sizeof name, "inline: fast path equals cmark (%zu)", i);
		check(!strcmp(b.data ? b.data : "", want), name, b.data);
		free(want);
		hlr_buf_free(&b);
	}
	struct {
		const char *in, *want;
	} cases[] = {
		{"*em* and **strong** and `code`", "<em>em</em> and <strong>strong</strong> and <code>code</code>"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"[x](javascript:alert(1))", "x"},
		{"[x](JaVaScRiPt:alert(1))", "x"},
		{"[x]( vbscript:msgbox)", "x"},
		{"[ok](https://example.org)", "<a href=\"https://example.org\">ok</a>"},
		{"![i](data:text/html;base64,xx)", "i"},
		{"# not a heading", "# not a heading"},
		{"1. not a list", "1. not a list"},
		{"line\n> not a quote", "line\n&gt; not a quote"},
		{"<div>block</div>", "&lt;div&gt;block&lt;/div&gt;"},
		{"a <img src=x onerror=alert(1)> b", "a &lt;img src=x onerror=alert(1)&gt; b"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct hlr_buf b = HLR_BUF_INIT;
		hlr_inline_html(&b, cases[i].in, strlen(cases[i].in), NULL);
		char name[96];
		snprintf(name, sizeof name, "inline: %s", cases[i].in);
		check(!strcmp(b.data ? b.data : "", cases[i].want), name, b.data);
		hlr_buf_free(&b);
	}
	struct hlr_buf b = HLR_BUF_INIT;
	hlr_inline_md(&b, "# hash\nsecond line", 18, "  ", NULL);
	check(!strcmp(b.data, "\\# hash\n  second line"), "inline: Markdown escapes and indents", b.data);
	hlr_buf_free(&b);
}

int main(void)
{
	test_calendar();
	test_utf8();
	test_buf_arena();
	test_periods();
	test_period_steps();
	test_suggest();
	test_inline();
	return failed;
}
