/* compiler: the table of diagnostic codes (see diagcodes.h). */
#include "compiler/diagcodes.h"

#include <stddef.h>
#include <string.h>

static const struct hlr_code_info codes[HLR_NCODES] = {
#define HLR_CODE(id, name, level, anchor, summary) {name, level, anchor, summary},
#include "compiler/diagcodes.def"
#undef HLR_CODE
};

const struct hlr_code_info *hlr_code_info(enum hlr_code c)
{
	if ((int)c < 0 || (int)c >= HLR_NCODES)
		return NULL;
	return &codes[c];
}

const char *hlr_code_name(enum hlr_code c)
{
	const struct hlr_code_info *i = hlr_code_info(c);
	return i ? i->name : NULL;
}

bool hlr_code_from_name(const char *name, enum hlr_code *c)
{
	for (int i = 0; i < HLR_NCODES; i++)
		if (!strcmp(codes[i].name, name)) {
			*c = (enum hlr_code)i;
			return true;
		}
	return false;
}
