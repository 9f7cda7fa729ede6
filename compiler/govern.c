/* compiler: governance checks (resolve stage, see resolve.h). An item that
 * names one of the report's authorities in its text concerns that
 * authority, and a reader of that authority's view (--for TAG) expects to
 * find it there: untagged-authority warns where the tags say otherwise. */
#include "compiler/diag.h"
#include "compiler/resolve.h"

#include <string.h>

static bool word_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c >= 0x80; /* a letter of another script */
}

/* The offset of the first whole-word occurrence of w in t[0..n), or n. */
static size_t find_word(const char *t, size_t n, const char *w)
{
	size_t wn = strlen(w);
	if (!wn || wn > n)
		return n;
	for (size_t i = 0; i + wn <= n; i++) {
		if (t[i] != w[0] || memcmp(t + i, w, wn) != 0)
			continue;
		if (i > 0 && word_char((unsigned char)t[i - 1]))
			continue;
		if (i + wn < n && word_char((unsigned char)t[i + wn]))
			continue;
		return i;
	}
	return n;
}

/* Where authority k is first named in t (by its full name, short name or
 * tag), and how long the name is; false when it is not named. */
static bool named_at(const struct hlr_authority *au, const char *t, size_t n, size_t *at,
                     size_t *len)
{
	const char *forms[3] = {au->name, au->shortname, au->tag};
	*at = n;
	for (int i = 0; i < 3; i++) {
		if (!forms[i])
			continue;
		size_t o = find_word(t, n, forms[i]);
		if (o < *at || (o == *at && o < n && strlen(forms[i]) > *len)) {
			*at = o;
			*len = strlen(forms[i]);
		}
	}
	return *at < n;
}

/* The source offset of byte off of a node's joined text. */
static uint32_t source_offset(const struct hlr_text *t, size_t off)
{
	for (unsigned i = 0; i < t->nsegs; i++)
		if (off >= t->segs[i].txt && off < (size_t)t->segs[i].txt + t->segs[i].len)
			return t->segs[i].src + (uint32_t)(off - t->segs[i].txt);
	return t->nsegs ? t->segs[0].src : 0;
}

void hlr_check_untagged(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r)
{
	if (r->nauthorities < 2)
		return; /* with one authority every item concerns it */
	for (struct hlr_node *n = r->root->first; n; n = hlr_node_next(n)) {
		if ((n->kind != HLR_NODE_ITEM && n->kind != HLR_NODE_PARA) || n->origin != r ||
		    n->standing || !n->text.len)
			continue;
		const char *t = hlr_text_join(a, &n->text);
		size_t tn = n->text.len;
		int one = -1;
		size_t at = 0, len = 0;
		for (unsigned k = 0; k < r->nauthorities; k++) {
			size_t o, l = 0;
			if (!named_at(&r->authorities[k], t, tn, &o, &l))
				continue;
			if (one >= 0) {
				one = -2; /* names two: it concerns both, tagged or not */
				break;
			}
			one = (int)k;
			at = o;
			len = l;
		}
		if (one < 0 || (n->tagmask >> one & 1))
			continue;
		const struct hlr_authority *au = &r->authorities[one];
		uint32_t s = source_offset(&n->text, at);
		struct hlr_span span = hlr_span_make(s, s + (uint32_t)len);
		if (n->tagmask)
			hlr_diag(d, HLR_WARNING, HLR_C_UNTAGGED_AUTHORITY, r->src, span,
			         "the item names %s, but is tagged for another authority only; add @%s, "
			         "or '# hlrc-ignore: untagged-authority' above if that is right",
			         au->name, au->tag);
		else
			hlr_diag(d, HLR_WARNING, HLR_C_UNTAGGED_AUTHORITY, r->src, span,
			         "the item names %s, but has no tag: it shows in every authority's view; "
			         "start it with @%s if it concerns %s only, or put "
			         "'# hlrc-ignore: untagged-authority' above", au->name, au->tag,
			         au->shortname ? au->shortname : au->name);
	}
}
