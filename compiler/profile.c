/* compiler: profiles, the catalogues of sections a series may pick with
 * 'profile NAME' (resolve stage): the council highlight report of the seed
 * reports (the default), a PRINCE2 highlight report, a project status
 * report, or none ('own': the series declares its sections). A profile
 * also names the sections every report must have, in order, unless the
 * series writes its own 'require' rule. */
#include "compiler/profile.h"

#include <string.h>

static const struct hlr_catalog_entry prince2[] = {
	{"summary", "Status summary"},
	{"this-period", "Work done this period"},
	{"next-period", "Work planned for next period"},
	{"tolerances", "Tolerance status"},
	{"changes", "Requests for change"},
	{"issues", "Key issues and risks"},
	{"lessons", "Lessons"},
};
static const char *const prince2_required[] = {"summary", "this-period", "next-period",
                                               "tolerances", "changes", "issues", "lessons"};

static const struct hlr_catalog_entry project_status[] = {
	{"summary", "Summary"},
	{"progress", "Progress since the last report"},
	{"milestones", "Milestones"},
	{"risks", "Risks and issues"},
	{"decisions", "Decisions needed"},
	{"budget", "Budget"},
	{"next-steps", "Next steps"},
};
static const char *const project_status_required[] = {"summary", "progress", "next-steps"};

#define LEN(a) (sizeof (a) / sizeof (a)[0])

/* the council catalogue is hlr_catalog (catalog.c); its length is not a
 * constant expression here, so it is filled in by hlr_profile_named */
static const struct hlr_profile profiles[] = {
	{"council", NULL, 0, NULL, 0},
	{"prince2", prince2, LEN(prince2), prince2_required, LEN(prince2_required)},
	{"project-status", project_status, LEN(project_status), project_status_required,
	 LEN(project_status_required)},
	{"own", NULL, 0, NULL, 0},
};

static const char *const names[] = {"council", "prince2", "project-status", "own"};

const char *const *hlr_profile_names(size_t *n)
{
	*n = LEN(names);
	return names;
}

const struct hlr_profile *hlr_profile_named(const char *s, size_t n)
{
	for (size_t i = 0; i < LEN(profiles); i++)
		if (strlen(profiles[i].name) == n && !memcmp(profiles[i].name, s, n))
			return &profiles[i];
	return NULL;
}

size_t hlr_profile_catalog(const struct hlr_profile *p, const struct hlr_catalog_entry **out)
{
	if (!p || p == &profiles[0]) {
		*out = hlr_catalog;
		return hlr_catalog_len;
	}
	*out = p->entries;
	return p->nentries;
}

const struct hlr_catalog_entry *hlr_profile_find(const struct hlr_profile *p, const char *kw,
                                                 size_t n)
{
	const struct hlr_catalog_entry *e;
	size_t len = hlr_profile_catalog(p, &e);
	for (size_t i = 0; i < len; i++)
		if (strlen(e[i].keyword) == n && !memcmp(e[i].keyword, kw, n))
			return &e[i];
	return NULL;
}
