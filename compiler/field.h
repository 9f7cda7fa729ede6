/* compiler: built-in and declared header fields (compiler/field.c). */
#ifndef HLR_FIELD_H
#define HLR_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "compiler/ast.h"
#include "compiler/resolve.h"

struct hlr_diags;

/* The built-in fields, in the order the header shows them. */
size_t hlr_field_builtins(const struct hlr_field_def **out);
/* The built-in or declared field called key[0..n) in r, or NULL. */
const struct hlr_field_def *hlr_field_find(const struct hlr_report *r, const char *key, size_t n);
/* "text", "date", "number" or "person". */
const char *hlr_field_type_name(enum hlr_field_type t);
/* Reads a "field KEY "Label" [TYPE]" line f into r's declarations;
 * reserved are the language's own field names, which a key may not take. */
void hlr_field_declare(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                       struct hlr_node *f, const char *const *reserved, size_t nreserved);
/* Reads the value line f of field def into r, checked by its type; a
 * report's own value replaces the series file's. */
void hlr_field_value(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                     const struct hlr_field_def *def, struct hlr_node *f);
/* r's value of def, or NULL. */
const struct hlr_field_value *hlr_field_get(const struct hlr_report *r,
                                            const struct hlr_field_def *def);

#endif
