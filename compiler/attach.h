/* compiler: attachments. A report (or its series file) attaches files
 * that sit in its folder:
 *
 *     attachment budget appendix-a-budget.csv Appendix A: Budget monitoring
 *
 * Text links to one with [the budget](attachment:budget); the resolver
 * turns the link into a relative link to the file, the lowered report
 * lists the attachments after its sections, and a site copies the files
 * beside its pages. */
#ifndef HLR_ATTACH_H
#define HLR_ATTACH_H

#include <stdbool.h>
#include <stddef.h>

struct hlr_arena;
struct hlr_diags;
struct hlr_report;
struct hlr_node;
struct hlr_inline;
struct hlr_span;

/* The scheme of a link to an attachment, as written in text. */
#define HLR_ATTACH_SCHEME "attachment:"

/* Reads one "attachment" field f into r: checks its key, its path and its
 * file, reporting to d. */
void hlr_attach_field(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                      struct hlr_node *f);

/* Whether the URL of a link names an attachment ("attachment:KEY", the
 * scheme in any case). */
bool hlr_attach_is_link(const char *url, size_t len);

/* Resolves link (an "attachment:KEY" link of the text of node n of r):
 * its URL becomes the file's relative path; an unknown key is reported at
 * `at` with a did-you-mean. */
void hlr_attach_link(struct hlr_arena *a, struct hlr_diags *d, const struct hlr_report *r,
                     const struct hlr_node *n, struct hlr_inline *link, struct hlr_span at);

/* The anchor of the list of attachments after the sections. */
#define HLR_ATTACH_ANCHOR "attached-files"

/* Once r's ids are known: an id or section anchor HLR_ATTACH_ANCHOR in a
 * report with attachments would be two anchors of one name; reported. */
void hlr_attach_check_anchor(struct hlr_diags *d, const struct hlr_report *r);

/* The attachment of r called key, or NULL. */
const struct hlr_attachment *hlr_attach_find(const struct hlr_report *r, const char *key,
                                             size_t n);

#endif
