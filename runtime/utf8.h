/* runtime: UTF-8 validation and column counting. */
#ifndef HLR_UTF8_H
#define HLR_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if it is invalid
 * (overlong forms, surrogates and code points above U+10FFFF are invalid). */
size_t hlr_utf8_seqlen(const unsigned char *s, size_t n);
/* Number of code points in s[0..n), counting each invalid byte as one. */
size_t hlr_utf8_count(const char *s, size_t n);
/* Byte offset of the first invalid byte in s[0..n), or n if all valid. */
size_t hlr_utf8_invalid(const char *s, size_t n);

/* Whether NUL-terminated s starts with lowercase ASCII p, ignoring the
 * case of ASCII letters in s. */
bool hlr_ascii_prefix_ci(const char *s, const char *p);

/* Whether NUL-terminated s holds a control character (U+0000 to U+001F or
 * DEL): such a file name cannot be written safely into a depfile, a
 * diagnostic line or a shell command. The one rule for hlrc check and
 * hlrc build --depfile. */
bool hlr_has_control(const char *s);

#endif
