/* Unit tests for the runtime (calendar, UTF-8, buffers, arena), periods,
 * did-you-mean, inline rendering and the table of diagnostic codes. Prints
 * "ok NAME" or "FAIL NAME: why" per check; tests/run.sh counts them. Exit 1
 * if any failed. With --sarif-fixits, prints a SARIF document of two
 * diagnostics with fix-its built by hand. With --codes, prints the code table instead, one code a
 * line: NAME, LEVEL, ANCHOR and SUMMARY separated by tabs (tests/codes.sh
 * checks it against docs/language.md and the sources). */
#include "compiler/diag.h"
#include "compiler/hlrc_impl.h"
#include "compiler/hlrc.h"
#include "compiler/emit.h"
#include "compiler/inline.h"
#include "compiler/lower.h"
#include "compiler/parse.h"
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
	char *html = cmark_markdown_to_html(s, strlen(s), CMARK_OPT_NOBREAKS);
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

/* A text of one or more lines, as the parser makes it. */
static struct hlr_text text_of(struct hlr_seg *segs, const char *s)
{
	struct hlr_text t = {0};
	t.src_data = s;
	t.segs = segs;
	t.len = strlen(s);
	size_t start = 0;
	for (size_t i = 0;; i++) {
		if (s[i] == '\n' || !s[i]) {
			segs[t.nsegs] = (struct hlr_seg){(uint32_t)start, (uint32_t)start, (uint32_t)(i - start)};
			t.nsegs++;
			start = i + 1;
		}
		if (!s[i])
			break;
	}
	if (t.nsegs == 1)
		t.s = s;
	return t;
}

/* s rendered the way the writers do: parsed once unless it is plain. */
static void render(struct hlr_buf *b, struct hlr_arena *a, const char *s, bool md, const char *indent)
{
	struct hlr_seg segs[64];
	struct hlr_text t = text_of(segs, s);
	enum hlr_text_class cls = hlr_inline_class(&t);
	const struct hlr_inline *in = cls != HLR_TEXT_MARKUP ? NULL : hlr_inline_parse(a, &t);
	if (md)
		hlr_inline_md(b, &t, in, cls == HLR_TEXT_VERBATIM, indent);
	else
		hlr_inline_html(b, &t, in);
}

/* What cmark alone makes of s as CommonMark, without the final line end. */
static char *cmark_md(const char *s)
{
	cmark_node *doc = cmark_parse_document(s, strlen(s), CMARK_OPT_DEFAULT);
	char *md = cmark_render_commonmark(doc, CMARK_OPT_NOBREAKS, 0);
	cmark_node_free(doc);
	size_t n = strlen(md);
	while (n && md[n - 1] == '\n')
		n--;
	md[n] = '\0';
	return md;
}

static void test_inline(void)
{
	struct hlr_arena a;
	hlr_arena_init(&a);
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
		render(&b, &a, plain[i], false, "");
		char *want = cmark_inline(plain[i]);
		char name[64];
		snprintf(name, sizeof name, "inline: fast path equals cmark (%zu)", i);
		check(!strcmp(b.data ? b.data : "", want), name, b.data);
		free(want);
		hlr_buf_free(&b);
	}
	/* both fast paths against cmark on random texts of the characters that
	 * matter: every text that takes a fast path must give cmark's bytes */
	static const char alphabet[] = "ab Z09.,;:()'\"-+=/?%$@~|{}#>\t\n\xC3\xA9";
	unsigned seed = 12345, fast_html = 0, fast_md = 0, bad_html = 0, bad_md = 0;
	for (int k = 0; k < 20000; k++) {
		char s[40];
		size_t n = 1 + (seed = seed * 1103515245u + 12345u) % 30;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			s[i] = alphabet[(seed >> 8) % (sizeof alphabet - 1)];
		}
		s[n] = '\0';
		if (strstr(s, "\n\n") || hlr_utf8_invalid(s, n) < n)
			continue; /* one paragraph of valid UTF-8, as sources are */
		struct hlr_seg segs[64];
		struct hlr_text t = text_of(segs, s);
		enum hlr_text_class cls = hlr_inline_class(&t);
		if (cls == HLR_TEXT_MARKUP)
			continue;
		struct hlr_buf b = HLR_BUF_INIT;
		hlr_inline_html(&b, &t, NULL);
		char *want = cmark_inline(s);
		fast_html++;
		if (strcmp(b.data ? b.data : "", want) && !bad_html++)
			fprintf(stderr, "html fast path differs for [%s]: [%s] vs [%s]\n", s, b.data, want);
		free(want);
		b.len = 0;
		hlr_inline_md(&b, &t, NULL, cls == HLR_TEXT_VERBATIM, "");
		want = cmark_md(s);
		fast_md++;
		if (strcmp(b.data ? b.data : "", want) && !bad_md++)
			fprintf(stderr, "md path differs for [%s]: [%s] vs [%s]\n", s, b.data, want);
		free(want);
		hlr_buf_free(&b);
	}
	check(fast_html > 1000 && !bad_html, "inline: HTML fast path equals cmark on random texts", NULL);
	check(fast_md > 1000 && !bad_md, "inline: Markdown of plain texts equals cmark on random texts", NULL);
	/* texts with inline Markdown: the tree's renderers against cmark's own
	 * parse and render of the same text, on texts whose parse needs no
	 * safety change (no raw HTML, no unsafe link, no empty title) */
	static const char *tokens[] = {
		"*", "_", "**", "__", "`", "``", "[", "]", "](", ")", "(", "http://x.org/a_b",
		"mailto:a@b.org", "<http://a.org>", "<a@b.org>", "&", "&amp;", "&#38;", "&copy;",
		"!", "![", "\\", "\\*", " ", "  ", "a", "b c", "1", "2.", "3)", ".", "\n", " \"t\"",
		" 't'", "#", "-", "+", "=", "x", "\xC3\xA9", "\t", "~", "|", "'", "\"", "  \n",
		"&#10;", "&#x0A;", "&#12;", "\f", "`http://x`", "http://x",
		"abcdefghijabcdefghijabcdefghijab:x", "abcdefghijabcdefghijabcdefghijabc:x",
	};
	unsigned compared = 0, bad_tree_html = 0, bad_tree_md = 0;
	for (int k = 0; k < 40000; k++) {
		char s[256];
		size_t n = 0;
		int ntok = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 8) % 14;
		for (int i = 0; i < ntok; i++) {
			seed = seed * 1103515245u + 12345u;
			const char *t = tokens[(seed >> 8) % (sizeof tokens / sizeof *tokens)];
			size_t tl = strlen(t);
			memcpy(s + n, t, tl);
			n += tl;
		}
		s[n] = '\0';
		/* one paragraph whose lines open no block: what the parser hands over */
		bool ok = !strstr(s, "\n\n") && s[0] != '\n' && s[n - 1] != '\n' && s[n - 1] != ' ';
		for (size_t i = 0; ok && i < n; i++)
			if (i == 0 || s[i - 1] == '\n')
				ok = !strchr("#>+-=~|0123456789`*_ \t", s[i]) && s[i];
		if (!ok)
			continue;
		cmark_node *doc = cmark_parse_document(s, n, CMARK_OPT_DEFAULT);
		cmark_node *para = cmark_node_first_child(doc);
		ok = para && !cmark_node_next(para) && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH;
		cmark_iter *it = cmark_iter_new(doc);
		cmark_event_type ev;
		while (ok && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *x = cmark_iter_get_node(it);
			cmark_node_type ty = cmark_node_get_type(x);
			if (ty == CMARK_NODE_HTML_INLINE)
				ok = false;
			if (ty == CMARK_NODE_LINK || ty == CMARK_NODE_IMAGE) {
				const char *u = cmark_node_get_url(x);
				ok = !(hlr_ascii_prefix_ci(u, "javascript:") || hlr_ascii_prefix_ci(u, "vbscript:") ||
				       hlr_ascii_prefix_ci(u, "file:") || hlr_ascii_prefix_ci(u, "data:") || u[0] == '^');
				/* an explicitly empty title ("") is read as no title */
				ok = ok && !strstr(s, "\"\"") && !strstr(s, "''") && !strstr(s, "()");
				/* a line end in a title is a space in ours, kept in cmark's */
				ok = ok && !strchr(cmark_node_get_title(x), '\n');
			}
		}
		cmark_iter_free(it);
		if (ok) {
			/* a soft line break is a space (docs/language.md) */
			char *want_html = cmark_render_html(para, CMARK_OPT_NOBREAKS);
			char *want_md = cmark_render_commonmark(para, CMARK_OPT_NOBREAKS, 0);
			size_t wl = strlen(want_html);
			while (wl && want_html[wl - 1] == '\n')
				wl--;
			if (wl >= 4 && !memcmp(want_html + wl - 4, "</p>", 4))
				wl -= 4;
			want_html[wl] = '\0';
			size_t ml = strlen(want_md);
			while (ml && want_md[ml - 1] == '\n')
				ml--;
			want_md[ml] = '\0';
			struct hlr_buf b = HLR_BUF_INIT;
			render(&b, &a, s, false, "");
			compared++;
			if (strcmp(b.data ? b.data : "", want_html + 3) && !bad_tree_html++)
				fprintf(stderr, "html differs for [%s]:\n[%s]\n[%s]\n", s, b.data, want_html + 3);
			b.len = 0;
			render(&b, &a, s, true, "");
			if (strcmp(b.data ? b.data : "", want_md) && !bad_tree_md++)
				fprintf(stderr, "md differs for [%s]:\n[%s]\n[%s]\n", s, b.data, want_md);
			hlr_buf_free(&b);
			free(want_html);
			free(want_md);
		}
		cmark_node_free(doc);
	}
	check(compared > 5000 && !bad_tree_html, "inline: HTML of the tree equals cmark's on generated texts", NULL);
	check(compared > 5000 && !bad_tree_md, "inline: CommonMark of the tree equals cmark's on generated texts", NULL);
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
		{"line\n> not a quote", "line &gt; not a quote"},
		{"<div>block</div>", "&lt;div&gt;block&lt;/div&gt;"},
		{"a <img src=x onerror=alert(1)> b", "a &lt;img src=x onerror=alert(1)&gt; b"},
		{"*a **b [c](https://x.org \"t\") `d`** e*", "<em>a <strong>b <a href=\"https://x.org\" title=\"t\">c</a> <code>d</code></strong> e</em>"},
		{"[unresolved](^previous#x) ref", "unresolved ref"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct hlr_buf b = HLR_BUF_INIT;
		render(&b, &a, cases[i].in, false, "");
		char name[96];
		snprintf(name, sizeof name, "inline: %s", cases[i].in);
		check(!strcmp(b.data ? b.data : "", cases[i].want), name, b.data);
		hlr_buf_free(&b);
	}
	/* what the review of the renderers found, each against 52656ca's output */
	static const struct {
		const char *in, *indent, *want;
	} md_cases[] = {
		{"one &#10; two", "  ", "one &#10; two"},
		{"[a](/u&#10;v)", "  ", "[a](/u% Av)"},
		{"first line\n<div>", "  ", "first line \\<div\\>"},
		{"link [`http://x`](http://x) here", "", "link <http://x> here"},
		{"a\fb", "", "a&#12;b"},
		{"[t](abcdefghijabcdefghijabcdefghijabc:x)", "", "[t](abcdefghijabcdefghijabcdefghijabc:x)"},
		{"<abcdefghijabcdefghijabcdefghijab:x>", "", "<abcdefghijabcdefghijabcdefghijab:x>"},
		/* a line that would be a link reference definition stays text */
		{"[note]: http://x.org\nsee [note] for more", "  ",
		 "\\[note\\]: http://x.org see \\[note\\] for more"},
		/* a soft line break is a space wherever it falls: in a title, in
		 * raw HTML shown as text, between lines that open an HTML block */
		{"[a](/u \"two\nlines\")", "", "[a](/u \"two lines\")"},
		{"a <b\nc> d", "", "a \\<b c\\> d"},
		{"a\n<div>\n*b*", "", "a \\<div\\> \\*b\\*"},
		/* a hard line break stays one */
		{"a\\\nb", "  ", "a  \n  b"},
	};
	for (size_t i = 0; i < sizeof md_cases / sizeof *md_cases; i++) {
		struct hlr_buf m = HLR_BUF_INIT;
		render(&m, &a, md_cases[i].in, true, md_cases[i].indent);
		char name[96];
		snprintf(name, sizeof name, "inline: Markdown of %s", md_cases[i].in);
		check(!strcmp(m.data ? m.data : "", md_cases[i].want), name, m.data);
		hlr_buf_free(&m);
	}
	struct hlr_buf b = HLR_BUF_INIT;
	render(&b, &a, "# hash\nsecond line", true, "  ");
	check(!strcmp(b.data, "\\# hash second line"), "inline: Markdown escapes, a soft break is a space", b.data);
	b.len = 0;
	render(&b, &a, "a # b\nc\td", true, "  ");
	check(!strcmp(b.data, "a \\# b c&#9;d"), "inline: plain text with '#' and a tab goes through cmark", b.data);
	hlr_buf_free(&b);
	/* emphasis nested deeper than any stack frame budget: parsed and
	 * rendered without recursion (64,000 markup characters, within
	 * HLR_INLINE_MAX_MARKUP) */
	size_t deep = 32000;
	char *s = malloc(4 * deep + 2);
	for (size_t i = 0; i < deep; i++)
		memcpy(s + 2 * i, i % 2 ? "_" : "*", 1), s[2 * i + 1] = 'x';
	size_t n = 2 * deep;
	for (size_t i = deep; i-- > 0;)
		s[n++] = i % 2 ? '_' : '*';
	s[n] = '\0';
	struct hlr_seg seg = {0, 0, (uint32_t)n};
	struct hlr_text t = {.s = s, .len = n, .segs = &seg, .nsegs = 1, .src_data = s};
	const struct hlr_inline *in = hlr_inline_parse(&a, &t);
	b = (struct hlr_buf)HLR_BUF_INIT;
	hlr_inline_html(&b, &t, in);
	check(b.len > n, "inline: deeply nested emphasis renders", NULL);
	hlr_buf_free(&b);
	free(s);
	/* past HLR_INLINE_MAX_MARKUP a text is not parsed: one text node, its
	 * words as written (fmt parses texts the resolver has refused) */
	deep = HLR_INLINE_MAX_MARKUP / 2 + 1;
	s = malloc(4 * deep + 2);
	for (size_t i = 0; i < deep; i++)
		memcpy(s + 2 * i, "*x", 2);
	n = 2 * deep;
	for (size_t i = 0; i < deep; i++)
		s[n++] = '*';
	s[n] = '\0';
	seg = (struct hlr_seg){0, 0, (uint32_t)n};
	t = (struct hlr_text){.s = s, .len = n, .segs = &seg, .nsegs = 1, .src_data = s};
	check(hlr_inline_markup(&t) == HLR_INLINE_MAX_MARKUP + 1, "inline: markup counted up to the limit", NULL);
	in = hlr_inline_parse(&a, &t);
	check(in && in->kind == HLR_IN_TEXT && !in->next && in->len == n,
	      "inline: a text past the markup limit is one text node", NULL);
	free(s);
	hlr_arena_free(&a);
}

/* The code table: names and enum constants agree, values are positions,
 * and every field is filled in as diagcodes.def says. */
/* The lowered tree of a small report: header lines by label, a view that
 * keeps an item as context for a nested one and drops the rest, lists. */
static void test_lower(void)
{
	static const char text[] =
		"title   T\n"
		"period  month 2020-11\n"
		"authority CCC Cambridgeshire County Council (Cambridgeshire)\n"
		"authority PCC Peterborough City Council (Peterborough)\n"
		"\n"
		"== challenges\n"
		"- @CCC context\n"
		"  - @PCC nested for PCC\n"
		"- @CCC hidden from PCC\n"
		"- for *everyone*\n"
		"\n"
		"A paragraph.\n"
		"\n"
		"== decisions\n"
		"- @CCC only CCC\n";
	struct hlr_arena a;
	hlr_arena_init(&a);
	struct hlr_diags d;
	hlr_diags_init(&d, &a);
	struct hlr_source *src = hlr_source_from_memory(&a, &d, "t.hlr", text, sizeof text - 1);
	struct hlr_report *r = hlr_parse(&a, &d, src);
	hlr_resolve(&a, &d, r);
	check(!d.errors, "lower: the report resolves", NULL);
	struct hlr_lower_opts o = {.view = 1};
	const struct hlr_doc *doc = hlr_lower(&a, r, &o);
	check(doc->nfields == 3 && !strcmp(doc->fields[0].label, "Reporting period") &&
	      !strcmp(doc->fields[1].label, "Local authority") &&
	      !strcmp(doc->fields[1].value, "Cambridgeshire and Peterborough") &&
	      !strcmp(doc->fields[2].label, "View") && doc->fields[0].datetime &&
	      !strcmp(doc->fields[0].datetime, "2020-11"),
	      "lower: header lines and their labels", NULL);
	check(doc->view_name && !strcmp(doc->view_name, "Peterborough City Council"),
	      "lower: the view is named", NULL);
	const struct hlr_lnode *s1 = doc->first, *s2 = s1 ? s1->next : NULL;
	check(s1 && s1->kind == HLR_L_SECTION && s2 && !s2->next && !s2->first,
	      "lower: two sections, the second empty in this view", NULL);
	const struct hlr_lnode *list = s1 ? s1->first : NULL;
	const struct hlr_lnode *ctx = list ? list->first : NULL;
	check(list && list->kind == HLR_L_LIST && ctx && ctx->first && !ctx->first->next &&
	      ctx->next && !ctx->next->next && ctx->next->inl && list->next &&
	      list->next->kind == HLR_L_PARA && !list->next->next,
	      "lower: context item kept, hidden item dropped, one list, then the paragraph", NULL);
	check(ctx && ctx->ntags == 1 && ctx->tags[0] == 0 && ctx->first->tags[0] == 1,
	      "lower: tags as authority indexes", NULL);
	o.view = -1;
	doc = hlr_lower(&a, r, &o);
	list = doc->first->first;
	unsigned items = 0;
	for (const struct hlr_lnode *i = list->first; i; i = i->next)
		items++;
	check(items == 3 && doc->nfields == 2 && doc->first->next->first,
	      "lower: the whole report keeps every item", NULL);
	hlr_arena_free(&a);
}

static void test_codes(void)
{
	static const struct {
		enum hlr_code code;
		const char *id;
	} ids[] = {
#define HLR_CODE(id, name, level, anchor, summary) {HLR_C_##id, #id},
#include "compiler/diagcodes.def"
#undef HLR_CODE
	};
	check(sizeof ids / sizeof *ids == HLR_NCODES && HLR_NCODES > 0, "codes: one entry per code", NULL);
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		const struct hlr_code_info *c = hlr_code_info(ids[i].code);
		char name[96], why[160] = "";
		snprintf(name, sizeof name, "codes: entry %s", ids[i].id);
		if ((size_t)ids[i].code != i || !c) {
			check(0, name, "enum value is not its position");
			continue;
		}
		/* the constant is the name in upper case, '-' as '_' */
		size_t n = strlen(c->name);
		bool same = n == strlen(ids[i].id) && n > 0;
		for (size_t k = 0; same && k < n; k++) {
			char ch = c->name[k];
			if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'))
				same = false;
			else if (ids[i].id[k] != (ch == '-' ? '_' : ch >= 'a' ? ch - 'a' + 'A' : ch))
				same = false;
		}
		if (!same)
			snprintf(why, sizeof why, "name '%s' is not kebab-case HLR_C_%s", c->name, ids[i].id);
		else if (c->name[0] == '-' || c->name[n - 1] == '-' || strstr(c->name, "--"))
			snprintf(why, sizeof why, "name '%s' is not kebab-case", c->name);
		else if (c->level != HLR_ERROR && c->level != HLR_WARNING)
			snprintf(why, sizeof why, "level is neither error nor warning");
		else if (!c->anchor[0] || strspn(c->anchor, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
		                          strlen(c->anchor))
			snprintf(why, sizeof why, "anchor '%s' is not a heading id", c->anchor);
		else if (!c->summary[0] || strpbrk(c->summary, "\t\n`") ||
		         c->summary[strlen(c->summary) - 1] == '.')
			snprintf(why, sizeof why, "summary is empty, not one line of plain text, or ends in '.'");
		for (size_t k = 0; k < i && !why[0]; k++)
			if (!strcmp(hlr_code_name(ids[k].code), c->name))
				snprintf(why, sizeof why, "name '%s' is used twice", c->name);
		check(!why[0], name, why);
	}
	check(!hlr_code_info(HLR_C_NONE) && !hlr_code_name(HLR_C_NONE) && !hlr_code_info(HLR_NCODES),
	      "codes: no entry for HLR_C_NONE or past the end", NULL);
	check(!strcmp(hlr_code_name(HLR_C_UNKNOWN_SECTION), "unknown-section") &&
	      hlr_code_info(HLR_C_EMPTY_SECTION)->level == HLR_WARNING,
	      "codes: unknown-section's name, empty-section's level", NULL);
}

/* The SARIF rules: one per code in table order, with CamelCase names, and a
 * helpUri only when there is an address for the documentation. */
static void test_sarif_rules(void)
{
	struct hlr_buf b = HLR_BUF_INIT;
	hlr_diag_sarif_rules(&b, "https://docs.example/hlrc/language.md");
	size_t rules = 0;
	bool order = true;
	const char *at = b.data;
	for (const char *r; (r = strstr(at, "{\"id\": \"")); at = r + 1) {
		char want[64];
		if (rules < HLR_NCODES) {
			snprintf(want, sizeof want, "{\"id\": \"%s\"", hlr_code_name((enum hlr_code)rules));
			order = order && !strncmp(r, want, strlen(want));
		}
		rules++;
	}
	check(rules == HLR_NCODES && order, "sarif: one rule per code, in table order", NULL);
	check(strstr(b.data, "{\"id\": \"unchanged-missing-section\", \"name\": "
	                     "\"UnchangedMissingSection\", ") != NULL,
	      "sarif: a rule's name is its code in CamelCase", NULL);
	check(strstr(b.data, "\"helpUri\": \"https://docs.example/hlrc/language.md#sections\", "
	                     "\"defaultConfiguration\": {\"level\": \"error\"}}") != NULL,
	      "sarif: helpUri is the address and the code's anchor", NULL);
	check(strstr(b.data, "{\"id\": \"stale\", ") && strstr(b.data, "# hlrc-ignore: stale") &&
	      strstr(b.data, "\"level\": \"warning\"}}"),
	      "sarif: a warning's rule says how to silence it", NULL);
	hlr_buf_free(&b);
	hlr_diag_sarif_rules(&b, NULL);
	check(!strstr(b.data, "helpUri") && strstr(b.data, "See docs/language.md#sections"),
	      "sarif: no helpUri without an address, help names the file", NULL);
	hlr_buf_free(&b);
}


/* Diagnostics with fix-its, built by hand: a replacement on a line with a
 * tab, and an insertion at the end of a line. */
static const char fix_line[] = "==\tguidence";
static const struct hlrc_fixit fix_replace[] = {{6, 4, 6, 12, 55, 63, "guidance", 8}};
static const char ins_line[] = "- Demand is rising. {#demand";
static const struct hlrc_fixit fix_insert[] = {{8, 29, 8, 29, 120, 120, "}", 1}};
static const struct hlrc_diagnostic fix_diags[] = {
	{HLRC_ERROR, "unknown-section", "unknown section keyword 'guidence'; did you mean "
	 "'guidance'?", "tests/diag/report.hlr", 6, 4, 6, 12, fix_line, sizeof fix_line - 1, 3, 11,
	 NULL, 0, fix_replace, 1},
	{HLRC_ERROR, "syntax", "an id has no closing '}'", "tests/diag/report.hlr", 8, 29, 8, 29,
	 ins_line, sizeof ins_line - 1, 28, 28, NULL, 0, fix_insert, 1},
};

/* The text of fix_diags in format f. */
static char *fix_printed(enum hlrc_diag_format f)
{
	hlrc_printer *p = hlrc_printer_new(f);
	if (!p || hlrc_printer_source_root(p, ".") != HLRC_OK)
		exit(2);
	for (size_t i = 0; i < 2; i++)
		if (hlr_printer_add_diagnostic(p, &fix_diags[i]) != HLRC_OK)
			exit(2);
	if (hlrc_printer_end(p) != HLRC_OK)
		exit(2);
	size_t n;
	const char *s = hlrc_printer_take(p, &n);
	char *copy = malloc(n + 1);
	if (!copy)
		exit(2);
	memcpy(copy, s, n + 1);
	hlrc_printer_free(p);
	return copy;
}

static void test_fixits(void)
{
	char *s = fix_printed(HLRC_DIAG_GCC);
	check(strstr(s, "[unknown-section]\n ==\tguidence\n   \t^~~~~~~~\n   \tguidance\n") != NULL,
	      "fix-its, gcc: the replacement under the caret", s);
	check(strstr(s, "[syntax]\n - Demand is rising. {#demand\n"
	                "                             ^\n"
	                "                             }\n") != NULL,
	      "fix-its, gcc: an insertion at its column", s);
	free(s);
	s = fix_printed(HLRC_DIAG_JSON);
	check(strstr(s, "\"fixits\": [{\"line\": 6, \"column\": 4, \"end_line\": 6, "
	                "\"end_column\": 12, \"replacement\": \"guidance\"}]}\n") != NULL,
	      "fix-its, json: range and replacement", s);
	free(s);
	s = fix_printed(HLRC_DIAG_SARIF);
	check(strstr(s, "\"fixes\": [{\"description\": {\"text\": \"unknown section keyword "
	                "'guidence'; did you mean 'guidance'?\"}, \"artifactChanges\": "
	                "[{\"artifactLocation\": {\"uri\": \"tests/diag/report.hlr\", "
	                "\"uriBaseId\": \"%SRCROOT%\"}, \"replacements\": [{\"deletedRegion\": "
	                "{\"startLine\": 6, \"startColumn\": 4, \"endLine\": 6, \"endColumn\": 12}, "
	                "\"insertedContent\": {\"text\": \"guidance\"}}]}]}]") != NULL &&
	      strstr(s, "\"deletedRegion\": {\"startLine\": 8, \"startColumn\": 29, "
	                "\"endLine\": 8, \"endColumn\": 29}, \"insertedContent\": {\"text\": \"}\"}") != NULL,
	      "fix-its, sarif: fixes with deletedRegion and insertedContent", s);
	free(s);
}

/* --codes: the table, for tests/codes.sh. */
static int print_codes(void)
{
	for (int c = 0; c < HLR_NCODES; c++) {
		const struct hlr_code_info *i = hlr_code_info((enum hlr_code)c);
		printf("%s\t%s\t%s\t%s\n", i->name, i->level == HLR_ERROR ? "error" :
		       i->level == HLR_WARNING ? "warning" : "note", i->anchor, i->summary);
	}
	return 0;
}

/* periods as Word writes them: their canonical value, and none when the
 * date could be read two ways */
static void test_period_words(void)
{
	static const char *cases[][2] = {
		{"Week ending 3rd July 2020", "week ending 2020-07-03"},
		{"w/e 17/07/2020", "week ending 2020-07-17"},
		{"Week Ending: Friday 3 July 2020", "week ending 2020-07-03"},
		{"fortnight ending July 17th 2020", "fortnight ending 2020-07-17"},
		{"November 2020", "month 2020-11"},
		{"month Sept 2020", "month 2020-09"},
		{"Q3 2020", "quarter 2020-Q3"},
		{"2020-q3", "quarter 2020-Q3"},
		{"July to September 2020", "quarter 2020-Q3"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[48] = "";
		bool unsure;
		bool ok = hlr_period_from_words(cases[i][0], strlen(cases[i][0]), out, &unsure);
		char name[96];
		snprintf(name, sizeof name, "period words: '%s'", cases[i][0]);
		check(ok && !strcmp(out, cases[i][1]), name, out);
	}
	char out[48];
	bool unsure = false;
	check(!hlr_period_from_words("w/e 03/07/2020", 14, out, &unsure) && unsure,
	      "period words: 03/07/2020 is day/month or month/day", NULL);
	check(!hlr_period_from_words("July to August 2020", 19, out, &unsure) &&
	      !hlr_period_from_words("week ending 31st June 2020", 26, out, &unsure),
	      "period words: no quarter of two months, no 31st June", NULL);
}

/* The fix-it of the one diagnostic with this code when the series of
 * files[] (path, text pairs) in memory is checked: its replacement and
 * where it starts, or NULL. */
static const char *series_fixit(const char *const *files, size_t n, const char *code,
                                size_t *start)
{
	static char out[64];
	const char *got = NULL;
	hlrc_workspace *ws = hlrc_workspace_new();
	for (size_t i = 0; i + 1 < n; i += 2)
		hlrc_set_text(ws, files[i], files[i + 1], strlen(files[i + 1]));
	const char *last = files[n - 2]; /* a file of the folder, which is not on disk */
	hlrc_result *r = NULL;
	hlrc_check(ws, &last, 1, &r);
	const struct hlrc_diagnostic *v;
	size_t nd = r ? hlrc_result_diagnostics(r, &v) : 0;
	for (size_t i = 0; i < nd; i++)
		if (v[i].code && !strcmp(v[i].code, code) && v[i].nfixits == 1 &&
		    v[i].fixits[0].replacement_len < sizeof out) {
			memcpy(out, v[i].fixits[0].replacement, v[i].fixits[0].replacement_len + 1);
			*start = v[i].fixits[0].start;
			got = out;
		}
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	return got;
}

/* period-name, period-year and period-weekday carry the period the cadence
 * expects, at the date (or its year) */
static void test_period_fixits(void)
{
	size_t at = 0;
	const char *name[] = {
		"fixits/series.hlr", "title T\ncadence weekly\n",
		"fixits/2020-06-26.hlr", "period week ending 2020-06-26\n\n== decisions\nnone\n",
		"fixits/2020-07-03.hlr", "period week ending 2020-07-10\n\n== decisions\nnone\n",
	};
	const char *f = series_fixit(name, 6, "period-name", &at);
	check(f && !strcmp(f, "2020-07-03") && at == 19, "fix-it: period-name writes the file name's date", f);
	const char *year[] = {
		"fixits/series.hlr", "title T\ncadence weekly\n",
		"fixits/w26.hlr", "period week ending 2020-06-26\n\n== decisions\nnone\n",
		"fixits/w27.hlr", "period week ending 2020-07-03\n\n== decisions\nnone\n",
		"fixits/w28.hlr", "period week ending 2002-07-10\n\n== decisions\nnone\n",
	};
	f = series_fixit(year, 8, "period-year", &at);
	check(f && !strcmp(f, "2020") && at == 19, "fix-it: period-year writes the year", f);
	const char *day[] = {
		"fixits/series.hlr", "title T\ncadence weekly\n",
		"fixits/w26.hlr", "period week ending 2020-06-26\n\n== decisions\nnone\n",
		"fixits/w27.hlr", "period week ending 2020-07-03\n\n== decisions\nnone\n",
		"fixits/w28.hlr", "period week ending 2020-07-11\n\n== decisions\nnone\n",
	};
	f = series_fixit(day, 8, "period-weekday", &at);
	check(f && !strcmp(f, "2020-07-10") && at == 19, "fix-it: period-weekday moves the date to the day", f);
	/* no fix-it when the cadence does not say which period is meant */
	const char *unsure[] = {
		"fixits/series.hlr", "title T\n",
		"fixits/2020-06-26.hlr", "period week ending 2020-06-26\n\n== decisions\nnone\n",
		"fixits/2020-07-03.hlr", "period week ending 2020-07-10\n\n== decisions\nnone\n",
	};
	f = series_fixit(unsure, 6, "period-name", &at);
	check(!f, "fix-it: period-name without a cadence has none", f);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--sarif-fixits")) {
		/* for tests/sarif/run.sh: SARIF with fixes, for the SDK to validate */
		char *s = fix_printed(HLRC_DIAG_SARIF);
		fputs(s, stdout);
		free(s);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--codes"))
		return print_codes();
	test_calendar();
	test_utf8();
	test_buf_arena();
	test_periods();
	test_period_steps();
	test_suggest();
	test_inline();
	test_lower();
	test_codes();
	test_sarif_rules();
	test_fixits();
	test_period_fixits();
	test_period_words();
	return failed;
}
