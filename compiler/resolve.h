/* compiler: the resolve stage. Checks a parsed report against the language's
 * tables (header fields, section catalogue, periods, authorities, tags, ids)
 * and fills in what the emitters need: headings, tag sets, the period. */
#ifndef HLR_RESOLVE_H
#define HLR_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "compiler/ast.h"

struct hlr_diags;

void hlr_resolve(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r);

/* Index of the authority with this tag, or -1. */
int hlr_report_authority(const struct hlr_report *r, const char *tag, size_t n);

/* The closest of n candidate words to word[0..len), or NULL when none is
 * close enough to suggest. */
const char *hlr_suggest(const char *word, size_t len, const char *const *cands, size_t n);

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

#endif
