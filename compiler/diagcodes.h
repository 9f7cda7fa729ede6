/* compiler: the levels and codes of diagnostics. Every code is one entry of
 * compiler/diagcodes.def (its name, level, doc anchor and summary); the
 * enum is made from that list, so a code cannot be misspelt at a call. */
#ifndef HLR_DIAGCODES_H
#define HLR_DIAGCODES_H

#include <stdbool.h>

enum hlr_level {
	HLR_NOTE,
	HLR_WARNING,
	HLR_ERROR,
};

enum hlr_code {
	HLR_C_NONE = -1, /* no code: notes */
#define HLR_CODE(id, name, level, anchor, summary) HLR_C_##id,
#include "compiler/diagcodes.def"
#undef HLR_CODE
	HLR_NCODES       /* number of codes */
};

/* One entry of the table. */
struct hlr_code_info {
	const char *name;     /* kebab-case code, e.g. "unknown-section" */
	enum hlr_level level; /* level it is reported at */
	const char *anchor;   /* heading id in docs/language.md, e.g. "sections" */
	const char *summary;  /* meaning, one line of plain text */
};

/* The entry of code c, or NULL for HLR_C_NONE or a value out of range. */
const struct hlr_code_info *hlr_code_info(enum hlr_code c);
/* The kebab-case name of code c, or NULL for HLR_C_NONE. */
const char *hlr_code_name(enum hlr_code c);
/* The code called name ("unknown-section"): true and *c set, or false. */
bool hlr_code_from_name(const char *name, enum hlr_code *c);

#endif
