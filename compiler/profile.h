/* compiler: profiles, catalogues of sections (compiler/profile.c). */
#ifndef HLR_PROFILE_H
#define HLR_PROFILE_H

#include <stddef.h>

#include "compiler/resolve.h"

struct hlr_profile {
	const char *name;                        /* "prince2" */
	const struct hlr_catalog_entry *entries; /* its sections, in order */
	size_t nentries;
	const char *const *required;             /* keywords every report has, in order */
	size_t nrequired;
};

/* "council", "prince2", "project-status", "own"; their count in *n. */
const char *const *hlr_profile_names(size_t *n);
/* The profile called s[0..n), or NULL. */
const struct hlr_profile *hlr_profile_named(const char *s, size_t n);
/* p's catalogue (NULL: the council's) into *out; returns its length. */
size_t hlr_profile_catalog(const struct hlr_profile *p, const struct hlr_catalog_entry **out);
/* The entry for keyword kw[0..n) in p's catalogue, or NULL. */
const struct hlr_catalog_entry *hlr_profile_find(const struct hlr_profile *p, const char *kw,
                                                 size_t n);

#endif
