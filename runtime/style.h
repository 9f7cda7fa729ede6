/* runtime: the stylesheet every HTML page carries (runtime/style.css,
 * embedded at build time into build/style.c). */
#ifndef HLR_STYLE_H
#define HLR_STYLE_H

#include <stddef.h>

extern const char hlr_style_css[];
extern const size_t hlr_style_css_len;

#endif
