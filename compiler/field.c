/* compiler: header fields beyond the language's own (resolve stage). The
 * built-in ones (report number, reference, meeting, publication date,
 * protective marking) and those a series declares with
 *
 *   field KEY "Label" [text|date|number|person]
 *
 * are read here: the declarations, then each "KEY value" line, checked by
 * its type. */
#include "compiler/field.h"
#include "compiler/diag.h"

#include <stdio.h>
#include <string.h>

static const struct hlr_field_def builtins[] = {
	{"number", "Report number", HLR_FIELD_NUMBER, NULL},
	{"reference", "Reference", HLR_FIELD_TEXT, NULL},
	{"meeting", "Meeting", HLR_FIELD_TEXT, NULL},
	{"published", "Publication date", HLR_FIELD_DATE, NULL},
	{"marking", "Protective marking", HLR_FIELD_TEXT, NULL},
};

static const char *const type_names[] = {"text", "date", "number", "person"};

size_t hlr_field_builtins(const struct hlr_field_def **out)
{
	*out = builtins;
	return sizeof builtins / sizeof builtins[0];
}

const struct hlr_field_def *hlr_field_find(const struct hlr_report *r, const char *key, size_t n)
{
	for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
		if (strlen(builtins[i].key) == n && !memcmp(builtins[i].key, key, n))
			return &builtins[i];
	return hlr_strmap_get(&r->fieldmap, key, n);
}

const char *hlr_field_type_name(enum hlr_field_type t)
{
	return type_names[t];
}

static bool is_key(const char *s, size_t n)
{
	if (!n || s[0] < 'a' || s[0] > 'z')
		return false;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

static struct hlr_span sub(const struct hlr_node *f, size_t off, size_t len)
{
	uint32_t at = hlr_text_source_offset(&f->text, off);
	return hlr_span_make(at, at + (uint32_t)(len ? len : 1));
}

void hlr_field_declare(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                       struct hlr_node *f, const char *const *reserved, size_t nreserved)
{
	const char *s = f->text.s;
	size_t n = f->text.len, w = 0;
	while (w < n && s[w] != ' ' && s[w] != '\t')
		w++;
	if (!is_key(s, w)) {
		hlr_diag(d, HLR_ERROR, HLR_C_INVALID_FIELD_DECL, f->src, sub(f, 0, w),
		         "a field is declared 'field KEY \"Label\" [TYPE]', with a lowercase key of "
		         "letters, digits and '-', such as 'field sponsor \"Project sponsor\" person'");
		return;
	}
	for (size_t i = 0; i < nreserved; i++)
		if (strlen(reserved[i]) == w && !memcmp(reserved[i], s, w)) {
			hlr_diag(d, HLR_ERROR, HLR_C_INVALID_FIELD_DECL, f->src, sub(f, 0, w),
			         "'%.*s' is a header field of the language already; choose another key",
			         (int)w, s);
			return;
		}
	for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
		if (strlen(builtins[i].key) == w && !memcmp(builtins[i].key, s, w)) {
			hlr_diag(d, HLR_ERROR, HLR_C_INVALID_FIELD_DECL, f->src, sub(f, 0, w),
			         "'%.*s' is a built-in field (%s) and needs no declaration; write "
			         "'%.*s VALUE' in the header", (int)w, s, builtins[i].label, (int)w, s);
			return;
		}
	size_t p = w;
	while (p < n && (s[p] == ' ' || s[p] == '\t'))
		p++;
	const char *close = p < n && s[p] == '"' ? memchr(s + p + 1, '"', n - p - 1) : NULL;
	if (!close || close == s + p + 1) {
		hlr_diag(d, HLR_ERROR, HLR_C_INVALID_FIELD_DECL, f->src, sub(f, p, n - p),
		         "the field's label comes in double quotes after its key: "
		         "'field %.*s \"Label\"'", (int)w, s);
		return;
	}
	size_t lab = p + 1, labn = (size_t)(close - s) - lab;
	size_t t = (size_t)(close - s) + 1;
	while (t < n && (s[t] == ' ' || s[t] == '\t'))
		t++;
	enum hlr_field_type type = HLR_FIELD_TEXT;
	if (t < n) {
		size_t k = 0;
		while (k < 4 && !(strlen(type_names[k]) == n - t && !memcmp(type_names[k], s + t, n - t)))
			k++;
		if (k == 4) {
			const char *sug = hlr_suggest(s + t, n - t, type_names, 4);
			hlr_diag(d, HLR_ERROR, HLR_C_INVALID_FIELD_DECL, f->src, sub(f, t, n - t),
			         "a field's type is text, date, number or person%s%s%s",
			         sug ? "; did you mean '" : "", sug ? sug : "", sug ? "'?" : "");
			return;
		}
		type = (enum hlr_field_type)k;
	}
	struct hlr_field_def *def = hlr_strmap_get(&r->fieldmap, s, w);
	if (def && def->decl->src == f->src) {
		size_t k = hlr_diag(d, HLR_ERROR, HLR_C_INVALID_FIELD_DECL, f->src, sub(f, 0, w),
		                    "field '%.*s' is declared twice", (int)w, s);
		hlr_diag_note(d, k, f->src, def->decl->span, "first declared here");
		return;
	}
	if (!def) {
		def = hlr_arena_alloc(a, sizeof *def);
		def->key = hlr_arena_strndup(a, s, w);
		hlr_strmap_put(&r->fieldmap, def->key, w, def);
		if ((r->nfielddefs & (r->nfielddefs - 1)) == 0) /* 0, 1, 2, 4, ...: double */
			r->fielddefs = hlr_arena_grow(a, r->fielddefs, r->nfielddefs,
			                              r->nfielddefs ? 2 * r->nfielddefs : 1,
			                              sizeof *r->fielddefs);
		r->fielddefs[r->nfielddefs++] = def;
	}
	def->label = hlr_arena_strndup(a, s + lab, labn);
	def->type = type;
	def->decl = f;
}

/* A number: an optional '-', digits, and optionally '.' and digits. */
static bool is_number(const char *s, size_t n)
{
	size_t i = n && s[0] == '-';
	size_t d = 0, frac = 0;
	bool dot = false;
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			dot ? frac++ : d++;
		else if (s[i] == '.' && !dot)
			dot = true;
		else
			return false;
	}
	return d > 0 && (!dot || frac > 0);
}

/* A person: a name, and optionally a role in brackets at the end. The
 * name starts with a letter and has no digits and no '@' (an address or a
 * date is not a person). */
static bool person(struct hlr_arena *a, const char *s, size_t n, struct hlr_field_value *v)
{
	size_t nn = n;
	const char *role = NULL;
	size_t rn = 0;
	if (n && s[n - 1] == ')') {
		const char *open = NULL;
		for (size_t i = n - 1; i-- > 0;)
			if (s[i] == '(') {
				open = s + i;
				break;
			}
		if (!open)
			return false;
		role = open + 1;
		rn = (size_t)(s + n - 1 - role);
		nn = (size_t)(open - s);
		while (nn && s[nn - 1] == ' ')
			nn--;
		if (!rn || !nn)
			return false;
	}
	unsigned char c0 = (unsigned char)s[0];
	if (!nn || !((c0 >= 'A' && c0 <= 'Z') || (c0 >= 'a' && c0 <= 'z') || c0 >= 0x80))
		return false;
	for (size_t i = 0; i < nn; i++)
		if ((s[i] >= '0' && s[i] <= '9') || s[i] == '@' || s[i] == '(' || s[i] == ')')
			return false;
	v->name = hlr_arena_strndup(a, s, nn);
	v->role = role ? hlr_arena_strndup(a, role, rn) : NULL;
	return true;
}

void hlr_field_value(struct hlr_arena *a, struct hlr_diags *d, struct hlr_report *r,
                     const struct hlr_field_def *def, struct hlr_node *f)
{
	struct hlr_field_value *v = NULL;
	for (unsigned i = 0; i < r->nfieldvals; i++)
		if (r->fieldvals[i].def == def || !strcmp(r->fieldvals[i].def->key, def->key))
			v = &r->fieldvals[i];
	if (v && v->node->src == f->src) {
		size_t k = hlr_diag(d, HLR_ERROR, HLR_C_DUPLICATE_FIELD, f->src, f->key,
		                    "'%s' is given twice", def->key);
		hlr_diag_note(d, k, f->src, v->node->key, "first given here");
		return;
	}
	struct hlr_field_value nv = {def, f, NULL, NULL, "", NULL, NULL};
	const char *s = hlr_text_join(a, &f->text);
	size_t n = f->text.len;
	nv.value = hlr_arena_strndup(a, s, n);
	nv.shown = nv.value;
	bool good = true;
	const char *want = "";
	switch (def->type) {
	case HLR_FIELD_TEXT:
		break;
	case HLR_FIELD_DATE: {
		struct hlr_date dt;
		good = hlr_date_parse_iso(s, n, &dt) && hlr_date_valid(dt);
		want = "a date, written YYYY-MM-DD, such as 2020-07-03";
		if (good) {
			char buf[48];
			snprintf(buf, sizeof buf, "%d%s %s %d", dt.day, hlr_ordinal_suffix(dt.day),
			         hlr_month_name(dt.month), dt.year);
			nv.shown = hlr_arena_strndup(a, buf, strlen(buf));
			hlr_date_format_iso(dt, nv.iso);
		}
		break;
	}
	case HLR_FIELD_NUMBER:
		good = is_number(s, n);
		want = "a number, such as 14 or 2.5";
		break;
	case HLR_FIELD_PERSON:
		good = person(a, s, n, &nv);
		want = "a person: a name, with a role in brackets if wanted, such as "
		       "'Sandy Lynam (Head of IT)'";
		break;
	}
	if (!good) {
		uint32_t at = hlr_text_source_offset(&f->text, 0);
		size_t k = hlr_diag(d, HLR_ERROR, HLR_C_INVALID_FIELD_VALUE, f->src,
		                    hlr_span_make(at, at + (uint32_t)n),
		                    "'%s' (%s) is %s", def->key, def->label, want);
		if (def->decl)
			hlr_diag_note(d, k, def->decl->src, def->decl->span, "declared here");
		return;
	}
	if (!strcmp(def->key, "marking") && !def->decl)
		r->marking = nv.value;
	if (v) {
		*v = nv; /* the report's own value replaces the series' */
		return;
	}
	if ((r->nfieldvals & (r->nfieldvals - 1)) == 0)
		r->fieldvals = hlr_arena_grow(a, r->fieldvals, r->nfieldvals,
		                              r->nfieldvals ? 2 * r->nfieldvals : 1, sizeof *r->fieldvals);
	r->fieldvals[r->nfieldvals++] = nv;
}

const struct hlr_field_value *hlr_field_get(const struct hlr_report *r,
                                            const struct hlr_field_def *def)
{
	for (unsigned i = 0; i < r->nfieldvals; i++)
		if (r->fieldvals[i].def == def)
			return &r->fieldvals[i];
	return NULL;
}
