/* compiler: the resolve stage. Checks a parsed report against the language's
 * tables (header fields, section catalogue, periods, authorities, tags, ids),
 * follows it into its series (previous report, carry-forward, references),
 * and fills in what the emitters need: headings, tag sets, the period,
 * carried content and link targets. */
#ifndef HLR_RESOLVE_H
#define HLR_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "compiler/ast.h"

struct hlr_diags;

/* A lone report: header and body. */
void hlr_resolve(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r);
/* The header alone, on top of a series file's defaults (or NULL). */
void hlr_resolve_header(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                        const struct hlr_report *defaults);
/* A series file: header fields only, no period, no body. */
void hlr_resolve_series_file(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r);
/* The body; r->previous must be resolved already. */
void hlr_resolve_body(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r);

/* untagged-authority: items of r (its own, not carried) that name one of
 * its authorities in their text but are not tagged for it (compiler/govern.c). */
void hlr_check_untagged(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r);

/* Index of the authority with this tag, or -1. */
int hlr_report_authority(const struct hlr_report *r, const char *tag, size_t n);
/* The node with this id or section anchor in r (own or carried), or NULL. */
struct hlr_node *hlr_report_find_id(const struct hlr_report *r, const char *id, size_t n);
/* The reference written as target (without '^') in r, or NULL. */
const struct hlr_ref *hlr_report_find_ref(const struct hlr_report *r, const char *target);

/* The closest of n candidate words to word[0..len), or NULL when none is
 * close enough to suggest. */
const char *hlr_suggest(const char *word, size_t len, const char *const *cands, size_t n);
/* The same over many candidates, built once and asked many times: each
 * answer costs a bounded amount of work (exact up to 256 candidates, then
 * from the candidates nearest the word). */
struct hlr_suggest_index *hlr_suggest_index_new(struct hlr_arena *a);
/* Adds s[0..len), which must live as long as the index. */
void hlr_suggest_index_add(struct hlr_arena *a, struct hlr_suggest_index *x, const char *s,
                           size_t len);
/* The closest candidate (its length in *len_out), or NULL. */
const char *hlr_suggest_in(struct hlr_arena *a, struct hlr_suggest_index *x, const char *word,
                           size_t len, size_t *len_out);

/* The i-th header field name a report may write, or NULL past the last. */
const char *hlr_field_name(size_t i);

/* Catalogue of section keywords (catalog.c). */
struct hlr_catalog_entry {
	const char *keyword; /* "guidance" */
	const char *heading; /* "NEW GUIDANCE AND IMPACT" */
};
extern const struct hlr_catalog_entry hlr_catalog[];
extern const size_t hlr_catalog_len;
const struct hlr_catalog_entry *hlr_catalog_find(const char *kw, size_t n);

/* Periods (period.c). Parses s[0..n); on failure returns false and sets
 * *err to a message (arena) and *err_off and *err_len to the bytes at fault. */
bool hlr_period_parse(struct hlr_arena *a, const char *s, size_t n, struct hlr_period *p,
                      const char **err, size_t *err_off, size_t *err_len);
/* What fiscal periods need from a report: the month its years start in
 * (0 when the series declares none) and how many periods a year has (12
 * fiscal months, or 13 four-week periods under 'cadence 4-weekly'). */
struct hlr_fiscal {
	int start;
	int periods;
};
/* The same, reading the fiscal forms ("P2 FY2019-20", "FY2019-20") by fy
 * (NULL: they are errors). */
bool hlr_period_parse_in(struct hlr_arena *a, const char *s, size_t n,
                         const struct hlr_fiscal *fy, struct hlr_period *p, const char **err,
                         size_t *err_off, size_t *err_len);
/* A day, "as at" or range period (kind) from start to end, with its label. */
void hlr_period_range(struct hlr_period *p, enum hlr_period_kind kind, struct hlr_date start,
                      struct hlr_date end);
/* Period k (1..periods; 0 for the whole year) of the fiscal year that
 * starts on the 1st of month start of year, with its label. */
void hlr_period_fiscal(struct hlr_period *p, int year, int k, int start, int periods);
/* The period of the given kind that ends on end, with its label. */
void hlr_period_make(struct hlr_period *p, enum hlr_period_kind kind, struct hlr_date end);
/* The period one cadence step before p ("the report we expected"), or
 * after it (the next report); false when there is none. */
bool hlr_period_before(const struct hlr_period *p, enum hlr_cadence c, struct hlr_period *out);
bool hlr_period_after(const struct hlr_period *p, enum hlr_cadence c, struct hlr_period *out);
/* A period written as Word writes it, "Week ending 3rd July 2020", "w/e
 * 03/07/2020" (day/month, when unambiguous), "November 2020", "Q3 2020",
 * "July to September 2020": its canonical value ("week ending 2020-07-03")
 * in out. *unsure is set for a numeric date that could be day/month or
 * month/day. */
bool hlr_period_from_words(const char *s, size_t n, char out[48], bool *unsure);
/* The label as it reads inside a sentence: "week ending 3rd July 2020". */
void hlr_period_phrase(const struct hlr_period *p, char out[64]);

#endif
