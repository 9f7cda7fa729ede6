/* compiler: attachments (see attach.h and docs/language.md, Attachments). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "compiler/attach.h"
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/inline.h"
#include "compiler/resolve.h"
#include "runtime/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static bool key_ok(const char *s, size_t n)
{
	if (!n || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

/* A path a site can copy as it is: relative, within the folder, made of
 * letters, digits, '.', '_', '-' and '/', no empty, "." or ".." part. */
static const char *path_problem(const char *s, size_t n)
{
	if (s[0] == '/')
		return "is absolute; give it relative to the report's folder";
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == '.' || ch == '_' || ch == '-' || ch == '/'))
			return "has a character other than letters, digits, '.', '_', '-' and '/'; "
			       "rename the file";
	}
	if (s[n - 1] == '/')
		return "ends with '/': it names a folder, not a file";
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && s[j] != '/')
			j++;
		if (j == i || (j - i == 1 && s[i] == '.'))
			return "has an empty or '.' part; write it as 'folder/file'";
		if (j - i == 2 && s[i] == '.' && s[i + 1] == '.')
			return "goes up ('..'): an attachment is in the report's folder or below it";
		i = j + 1;
	}
	return NULL;
}

static struct hlr_span at_off(const struct hlr_node *f, size_t off, size_t len)
{
	uint32_t v = hlr_text_source_offset(&f->text, off);
	return hlr_span_make(v, v + (uint32_t)(len ? len : 1));
}

const struct hlr_attachment *hlr_attach_find(const struct hlr_report *r, const char *key,
                                             size_t n)
{
	for (unsigned i = 0; i < r->nattachments; i++)
		if (strlen(r->attachments[i].key) == n && !memcmp(r->attachments[i].key, key, n))
			return &r->attachments[i];
	return NULL;
}

/* Where a file name with spaces ends in s[p0..n), when the words from p0
 * name a regular file beside the declaring file (dir: full[0..dn)), or 0. */
static size_t spaced_name(struct hlr_arena *a, const char *full, size_t dn, const char *s,
                          size_t p0, size_t n)
{
	char *try = hlr_arena_alloc(a, dn + (n - p0) + 1);
	memcpy(try, full, dn);
	for (size_t e = p0; e < n; e++) {
		if (e == p0 || s[e] != ' ' || (e + 1 < n && s[e + 1] == ' '))
			continue;
		/* s[p0..e) holds a space and ends before this one: a name? */
		if (!memchr(s + p0, ' ', e - p0))
			continue;
		memcpy(try + dn, s + p0, e - p0);
		try[dn + (e - p0)] = '\0';
		struct stat st;
		if (stat(try, &st) == 0 && S_ISREG(st.st_mode))
			return e;
	}
	memcpy(try + dn, s + p0, n - p0);
	try[dn + (n - p0)] = '\0';
	struct stat st;
	return memchr(s + p0, ' ', n - p0) && stat(try, &st) == 0 && S_ISREG(st.st_mode) ? n : 0;
}

/* Whether the file full, with links resolved, is within its folder
 * full[0..dn) (the current folder when dn is 0), with links resolved. */
static bool inside(struct hlr_arena *a, const char *full, size_t dn)
{
	char *dir = hlr_arena_strndup(a, dn ? full : ".", dn ? dn : 1);
	char *rd = realpath(dir, NULL), *rf = realpath(full, NULL);
	size_t n = rd ? strlen(rd) : 0;
	bool ok = rd && rf && !strncmp(rf, rd, n) && (rf[n] == '/' || (n == 1 && rd[0] == '/'));
	free(rd);
	free(rf);
	return ok;
}

/* s[0..n) as a name a path may have: each run of other characters than
 * letters, digits, '.', '_', '-' and '/' one '-', none next to a '.' or
 * at either end ("Plan v2 (final).docx": "Plan-v2-final.docx"; arena). */
static const char *dashed(struct hlr_arena *a, const char *s, size_t n)
{
	char *c = hlr_arena_alloc(a, n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		          (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-' || ch == '/';
		if (!ok)
			ch = '-';
		if (ch == '-' && (k == 0 || c[k - 1] == '-' || c[k - 1] == '.' || c[k - 1] == '/'))
			continue;
		if ((ch == '.' || ch == '/') && k && c[k - 1] == '-')
			k--;
		c[k++] = ch;
	}
	while (k && c[k - 1] == '-')
		k--;
	c[k] = '\0';
	return c;
}

void hlr_attach_field(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                      struct hlr_node *f)
{
	const char *s = f->text.s;
	size_t n = f->text.len, k = 0;
	while (k < n && s[k] != ' ' && s[k] != '\t')
		k++;
	size_t p0 = k;
	while (p0 < n && (s[p0] == ' ' || s[p0] == '\t'))
		p0++;
	size_t p1 = p0;
	while (p1 < n && s[p1] != ' ' && s[p1] != '\t')
		p1++;
	size_t t0 = p1;
	while (t0 < n && (s[t0] == ' ' || s[t0] == '\t'))
		t0++;
	if (p0 == n) {
		hlr_diag(d, HLR_ERROR, HLR_C_INVALID_ATTACHMENT, f->src, f->span,
		         "an attachment is 'attachment KEY PATH [TITLE]', such as 'attachment budget "
		         "appendix-a.pdf Appendix A: Budget'; this one has no path");
		return;
	}
	if (!key_ok(s, k)) {
		hlr_diag(d, HLR_ERROR, HLR_C_INVALID_ATTACHMENT, f->src, at_off(f, 0, k),
		         "the attachment key '%.*s' is not lowercase letters, digits and '-' (such as "
		         "'budget' or 'appendix-a')", (int)k, s);
		return;
	}
	const struct hlr_attachment *dup = hlr_attach_find(r, s, k);
	if (dup) {
		size_t e = hlr_diag(d, HLR_ERROR, HLR_C_INVALID_ATTACHMENT, f->src, at_off(f, 0, k),
		                    "the attachment '%.*s' is declared twice; give this one another key",
		                    (int)k, s);
		hlr_diag_note(d, e, dup->decl->src, dup->key_span, "first declared here");
		return;
	}
	const char *why = path_problem(s + p0, p1 - p0);
	if (why) {
		hlr_diag(d, HLR_ERROR, HLR_C_INVALID_ATTACHMENT, f->src, at_off(f, p0, p1 - p0),
		         "the attachment's path '%.*s' %s", (int)(p1 - p0), s + p0, why);
		return;
	}
	/* the file, beside the file that declares it */
	const char *from = f->src->path, *slash = strrchr(from, '/');
	size_t dn = slash ? (size_t)(slash - from) + 1 : 0;
	char *full = hlr_arena_alloc(a, dn + (p1 - p0) + 1);
	memcpy(full, from, dn);
	memcpy(full + dn, s + p0, p1 - p0);
	struct stat st;
	size_t spaced = 0;
	if (stat(full, &st) != 0 && (spaced = spaced_name(a, full, dn, s, p0, n)) != 0) {
		/* "Budget Report.pdf": a file name with spaces, as Word saves */
		hlr_diag(d, HLR_ERROR, HLR_C_INVALID_ATTACHMENT, f->src, at_off(f, p0, spaced - p0),
		         "the attachment's path '%.*s' has spaces; rename the file without them "
		         "(letters, digits, '.', '_', '-' and '/'), such as '%s'", (int)(spaced - p0),
		         s + p0, dashed(a, s + p0, spaced - p0));
	} else if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && !inside(a, full, dn)) {
		/* a link (or a folder that is one) to a file elsewhere: a site
		 * would publish a file that is not the series' */
		hlr_diag(d, HLR_ERROR, HLR_C_INVALID_ATTACHMENT, f->src, at_off(f, p0, p1 - p0),
		         "the attachment '%.*s' leads, through a symbolic link, to a file outside "
		         "the report's folder, which a site would publish; copy the file into the "
		         "folder instead", (int)(p1 - p0), s + p0);
	} else if (stat(full, &st) != 0 || !S_ISREG(st.st_mode)) {
		/* reported, and kept: a link to it is not an error as well */
		hlr_diag(d, HLR_ERROR, HLR_C_MISSING_ATTACHMENT, f->src, at_off(f, p0, p1 - p0),
		         "the attachment '%.*s' is not %s%s; put the file in the report's folder, "
		         "or correct the path", (int)(p1 - p0), s + p0,
		         stat(full, &st) != 0 ? "a file in " : "a regular file in ",
		         dn ? "the report's folder" : "this folder");
	}
	if (r->nattachments == r->capattachments) {
		r->capattachments = r->capattachments ? r->capattachments * 2 : 4;
		r->attachments = hlr_arena_grow(a, r->attachments, r->nattachments, r->capattachments,
		                                sizeof *r->attachments);
	}
	struct hlr_attachment *x = &r->attachments[r->nattachments++];
	x->key = hlr_arena_strndup(a, s, k);
	x->path = hlr_arena_strndup(a, s + p0, p1 - p0);
	const char *base = s + p1;
	while (base > s + p0 && base[-1] != '/')
		base--;
	x->title = t0 < n ? hlr_arena_strndup(a, s + t0, n - t0)
	                  : hlr_arena_strndup(a, base, (size_t)(s + p1 - base));
	x->decl = f;
	x->key_span = at_off(f, 0, k);
}

void hlr_attach_check_anchor(struct hlr_diags *d, const struct hlr_report *r)
{
	if (!r->nattachments)
		return;
	struct hlr_node *n = hlr_report_find_id(r, HLR_ATTACH_ANCHOR, strlen(HLR_ATTACH_ANCHOR));
	if (!n || n->origin != r)
		return;
	struct hlr_span at = !hlr_span_empty(n->id) ? n->id : n->key;
	size_t e = hlr_diag(d, HLR_ERROR, HLR_C_INVALID_ATTACHMENT, n->src, at,
	                    "'%s' is the anchor of the report's list of attachments; give this "
	                    "another id", HLR_ATTACH_ANCHOR);
	hlr_diag_note(d, e, r->attachments[0].decl->src, r->attachments[0].key_span,
	              "the report attaches files");
}

bool hlr_attach_is_link(const char *url, size_t len)
{
	size_t n = sizeof HLR_ATTACH_SCHEME - 1;
	return len >= n && !strncasecmp(url, HLR_ATTACH_SCHEME, n);
}

void hlr_attach_link(struct hlr_arena *a, struct hlr_diags *d, const struct hlr_report *r,
                     const struct hlr_node *n, struct hlr_inline *link, struct hlr_span at)
{
	size_t sn = sizeof HLR_ATTACH_SCHEME - 1;
	const char *key = link->lit + sn;
	size_t kn = link->len - sn;
	const struct hlr_attachment *x = hlr_attach_find(r, key, kn);
	if (x) {
		link->lit = x->path;
		link->len = (uint32_t)strlen(x->path);
		return;
	}
	const char **keys = hlr_arena_alloc(a, (r->nattachments + 1) * sizeof *keys);
	for (unsigned i = 0; i < r->nattachments; i++)
		keys[i] = r->attachments[i].key;
	const char *s = hlr_diags_full(d) ? NULL : hlr_suggest(key, kn, keys, r->nattachments);
	char dym[160] = "";
	if (s)
		snprintf(dym, sizeof dym, "; did you mean '%s'?", s);
	size_t e = hlr_diag(d, HLR_ERROR, HLR_C_UNKNOWN_ATTACHMENT, n->src, at,
	                    "the report has no attachment '%.*s'%s%s", (int)kn, key, dym,
	                    r->nattachments ? ""
	                                    : "; declare it in the header: 'attachment KEY PATH "
	                                      "TITLE'");
	if (s && hlr_span_len(at) == link->len) {
		uint32_t from = at.start + (uint32_t)sn;
		hlr_diag_fixit(d, e, hlr_span_make(from, at.end), s);
	}
}
