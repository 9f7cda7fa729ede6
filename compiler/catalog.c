/* compiler: the catalogue of section keywords and their canonical headings,
 * taken from the seed reports (resolve stage). */
#include "compiler/resolve.h"

#include <string.h>

const struct hlr_catalog_entry hlr_catalog[] = {
	{"guidance", "NEW GUIDANCE AND IMPACT"},
	{"challenges", "NEW CHALLENGES AND ACTIVITY"},
	{"recovery", "RECOVERY ACTIVITY"},
	{"decisions", "DECISIONS MADE SINCE LAST REPORTING PERIOD"},
	{"finance", "NEW FINANCIAL IMPLICATIONS SINCE LAST REPORTING PERIOD"},
	{"covid-finance", "NEW COVID-19 FINANCIAL IMPLICATIONS SINCE LAST REPORTING PERIOD"},
	{"workforce", "WORKFORCE CHALLENGES"},
	{"comms", "COMMUNICATIONS"},
	{"updates", "KEY SERVICE UPDATES \xE2\x80\x93 INTERNAL / EXTERNAL"},
	{"financial-issues", "FINANCIAL ISSUES"},
	{"performance", "ANY RELEVANT/SIGNIFICANT PERFORMANCE INFORMATION"},
	{"horizon", "UPCOMING ISSUES & HORIZON SCANNING AREAS"},
	{"risks", "RISKS AND ISSUES"},
	{"actions", "ACTIONS AND NEXT STEPS"},
	{"metrics", "KEY METRICS"},
};

const size_t hlr_catalog_len = sizeof hlr_catalog / sizeof hlr_catalog[0];

const struct hlr_catalog_entry *hlr_catalog_find(const char *kw, size_t n)
{
	for (size_t i = 0; i < hlr_catalog_len; i++)
		if (strlen(hlr_catalog[i].keyword) == n && memcmp(hlr_catalog[i].keyword, kw, n) == 0)
			return &hlr_catalog[i];
	return NULL;
}
