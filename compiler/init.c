/* compiler: a new series from a profile (authoring tools; the command is
 * compiler/cli/init.c, the library call hlrc_init). Writes the text of a
 * series file that picks the profile, with a cadence that suits it, and
 * of a first report holding every section of the profile, each 'none'
 * until the author writes it; 'hlrc new' then follows on from it. */
#include "compiler/tools.h"
#include "compiler/profile.h"
#include "compiler/resolve.h"
#include "runtime/buf.h"

#include <stdio.h>
#include <string.h>

/* What each profile starts with: its title, its cadence and the sections
 * of the first report (a profile's own order; 'own' declares its own). */
static const struct start {
	const char *profile;
	const char *title;
	const char *cadence;
	const char *comment;
	const char *const *sections; /* NULL: every section of the profile */
	size_t nsections;
} starts[] = {
	{"council", "Service Highlight Report", "weekly",
	 "# A council service's weekly highlight reports (the council profile: the\n"
	 "# catalogue of the seed reports). Header fields set here are shared by\n"
	 "# every report in this folder; a report's own header overrides them.\n",
	 (const char *const[]){"guidance", "challenges", "recovery", "decisions", "finance",
	                       "workforce", "comms"},
	 7},
	{"prince2", "Project Highlight Report", "fortnightly",
	 "# A project's PRINCE2 highlight reports, one a fortnight. Every report has\n"
	 "# the profile's seven sections, in its order.\n",
	 NULL, 0},
	{"project-status", "Project Status Report", "monthly",
	 "# A project's monthly status reports. Every report has a summary, the\n"
	 "# progress since the last report and the next steps.\n",
	 NULL, 0},
	{"own", "Report", "monthly",
	 "# A series with sections of its own: each 'section' line declares one\n"
	 "# (keyword, heading, and 'required' when every report must have it).\n",
	 NULL, 0},
};

static const struct start *start_of(const char *profile)
{
	for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
		if (!strcmp(starts[i].profile, profile))
			return &starts[i];
	return NULL;
}

const char *hlr_init_cadence(const char *profile)
{
	const struct start *s = start_of(profile);
	return s ? s->cadence : NULL;
}

/* The sections an 'own' series starts with. */
static const struct hlr_catalog_entry own[] = {
	{"summary", "Summary"},
	{"progress", "Progress"},
	{"next", "Next steps"},
};

bool hlr_init_texts(const char *profile, struct hlr_buf *series, struct hlr_buf *report,
                    const char *period)
{
	const struct start *s = start_of(profile);
	const struct hlr_profile *p = hlr_profile_named(profile, strlen(profile));
	if (!s || !p)
		return false;
	/* laid out as hlrc fmt lays a header out */
	hlr_buf_printf(series, "%s\ntitle   %s\nprofile %s\ncadence %s\n", s->comment, s->title,
	               profile, s->cadence);
	if (!strcmp(profile, "own"))
		for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
			hlr_buf_printf(series, "section %s \"%s\"%s\n", own[i].keyword, own[i].heading,
			               i < 2 ? " required" : "");
	hlr_buf_printf(report, "period %s\n", period);
	const struct hlr_catalog_entry *cat;
	size_t n = hlr_profile_catalog(p, &cat);
	if (!strcmp(profile, "own")) {
		cat = own;
		n = sizeof own / sizeof own[0];
	}
	for (size_t i = 0; i < (s->sections ? s->nsections : n); i++)
		hlr_buf_printf(report, "\n== %s\n\nnone\n", s->sections ? s->sections[i] : cat[i].keyword);
	return true;
}
