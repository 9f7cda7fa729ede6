/* compiler: the library's entry points (see hlrc.h): the workspace, its
 * caches of texts and of folders, and the results.
 *
 * A file (struct file) is one normalised path: what was read from disk
 * (once, into the file's own arena, or why it could not be), and the text
 * set from memory (malloc'd, freed when replaced or dropped). A group is
 * what one folder or lone file makes: its generation (arena, diagnostics,
 * reports) is built from the files' cached texts when first needed, and
 * again, after its old arena is freed, once a text it holds has changed.
 * Sources of a generation point into the cached texts: nothing is copied. */
#define _POSIX_C_SOURCE 200809L
#include "compiler/hlrc.h"
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/emit.h"
#include "compiler/hlrc_impl.h"
#include "compiler/import.h"
#include "compiler/parse.h"
#include "compiler/profile.h"
#include "compiler/resolve.h"
#include "compiler/series.h"
#include "compiler/site.h"
#include "compiler/site_metrics.h"
#include "compiler/tools.h"
#include "runtime/buf.h"
#include "runtime/strmap.h"
#include "runtime/utf8.h"

#include <cmark.h>
#include <errno.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#ifndef HLRC_VERSION
#define HLRC_VERSION "0.1.0"
#endif

/* One path's text. */
struct file {
	const char *path;          /* normalised path (workspace arena) */
	struct hlr_arena arena;    /* owns what was read from disk */
	bool read;                 /* the disk has been read */
	struct hlr_source *disk;   /* the bytes read (not checked), or NULL */
	enum hlr_code err_code;    /* why it could not be read, or HLR_C_NONE */
	const char *err_msg;
	char *text;                /* text set from memory (malloc'd), or NULL */
	size_t len;
	int fd;                    /* read from this descriptor instead of the
	                              path, once (hlrc_set_fd), or -1 */
};

enum group_kind { GROUP_SERIES, GROUP_FOLDER, GROUP_FILE };

/* A folder (a series, or a folder of lone reports) or a lone file. */
struct group {
	const char *key;           /* normalised path (workspace arena) */
	enum group_kind kind;      /* what it was built as */
	struct hlr_arena larena;   /* owns the folder's listing on disk */
	bool listed;               /* the folder has been listed */
	char **disk_names;         /* .hlr files on disk, sorted */
	size_t ndisk;
	bool disk_error;           /* the folder could not be listed */
	enum hlr_code list_code;  /* why, or HLR_C_NONE */
	const char *list_msg;     /* (larena) */
	struct hlr_diag *skipped;  /* warnings about files the listing skipped (larena) */
	size_t nskipped;
	bool disk_series;          /* series.hlr is on disk */
	char *display;             /* path as first named (malloc'd) */
	/* the generation */
	bool built;                /* the fields below are valid */
	struct hlr_arena arena;    /* owns everything of the generation */
	struct hlr_diags diags;    /* everything found */
	struct hlr_series *series; /* GROUP_SERIES */
	struct hlr_report **reports; /* in period order */
	size_t n;
	struct hlr_source **srcs;  /* every file's source (NULL: unreadable) */
	const char **paths;        /* their normalised paths */
	size_t nsrcs;
	bool joined;               /* every text has been joined */
	/* A series whose latest report alone has changed since it was built
	 * keeps the rest: the latest is parsed and resolved again in its own
	 * arena (hlr_series_replace_latest), and the diagnostics are the
	 * build's, less that report's, and the new ones. */
	size_t latest;             /* index in srcs of the latest report's file,
	                              or SIZE_MAX when the series cannot */
	struct hlr_report *base_latest; /* the latest report as built */
	struct hlr_source *base_src;    /* its source */
	struct hlr_diags base_diags;    /* what the build found */
	bool stale_latest;         /* its text changed since: build it again */
	bool frozen;               /* the built reports' caches are filled in
	                              (the latest's work writes none of them) */
	struct hlr_arena tarena;   /* owns the latest report built again, and
	                              diags then */
	struct hlr_report *tail;   /* that report, or NULL */
	bool tail_joined;          /* its texts have been joined */
};

struct hlrc_workspace {
	struct hlr_arena arena;    /* owns the maps, paths, file and group records */
	struct hlr_strmap files;   /* normalised path -> struct file */
	struct file **filev;       /* every file record, for walks */
	size_t nfiles, capfiles;
	struct hlr_strmap groups;  /* normalised path -> struct group */
	struct group **groupv;
	size_t ngroups, capgroups;
	size_t limit;              /* memory limit of a generation, 0 none */
	size_t input_limit;        /* bytes of one input, 0: HLR_SOURCE_MAX */
};

struct result_group {
	size_t end;     /* one past its last diagnostic */
	size_t dropped; /* diagnostics it did not keep */
};

struct hlrc_result {
	struct hlr_arena arena;          /* owns everything but outputs' data */
	struct hlrc_diagnostic *diags;   /* top-level diagnostics */
	size_t ndiags, capdiags;
	struct result_group *groups;
	size_t ngroups, capgroups;
	size_t errors, warnings, dropped;
	struct hlrc_output *outs;        /* data malloc'd, freed with the result */
	size_t nouts, capouts;
};

/* --- calls: recovery from out of memory --------------------------------- */

struct call {
	hlrc_workspace *ws;
	hlrc_result *res;          /* being built: freed on out of memory */
	struct hlr_arena scratch;  /* freed when the call ends */
	struct hlr_buf buf;        /* freed when the call ends */
};

static void drop_generation(struct group *g)
{
	hlr_arena_free(&g->tarena);
	hlr_arena_free(&g->arena);
	g->built = false;
	g->joined = false;
	g->latest = SIZE_MAX;
	g->base_latest = NULL;
	g->base_src = NULL;
	g->stale_latest = false;
	g->frozen = false;
	g->tail = NULL;
	g->tail_joined = false;
	g->series = NULL;
	g->reports = NULL;
	g->srcs = NULL;
	g->paths = NULL;
	g->n = g->nsrcs = 0;
}

static void reset_file(struct file *f)
{
	hlr_arena_free(&f->arena);
	f->read = false;
	f->disk = NULL;
	f->err_code = HLR_C_NONE;
	f->err_msg = NULL;
}

static void call_end(struct call *c)
{
	hlr_arena_free(&c->scratch);
	hlr_buf_free(&c->buf);
}

/* After out of memory: every generation is dropped, and every text read
 * from disk is forgotten. The scanner works on a source's bytes in place
 * and ends each token with a NUL while it looks at it: stopped halfway, it
 * leaves one there. Texts set from memory are copied before they are
 * scanned, so they stay as they were. */
static int call_recover(struct call *c)
{
	hlrc_workspace *ws = c->ws;
	if (ws) {
		for (size_t i = 0; i < ws->ngroups; i++)
			drop_generation(ws->groupv[i]);
		for (size_t i = 0; i < ws->nfiles; i++)
			reset_file(ws->filev[i]);
	}
	hlrc_result_free(c->res);
	c->res = NULL;
	call_end(c);
	return HLRC_NOMEM;
}

/* Runs expr with a recovery point set; the calling function returns its
 * value, or HLRC_NOMEM. *out is set to the result on return. */
#define GUARDED(c, out, expr)                                                    \
	do {                                                                     \
		jmp_buf jb_;                                                     \
		jmp_buf *saved_ = hlr_oom_recovery(&jb_);                        \
		if (setjmp(jb_)) {                                               \
			hlr_oom_recovery(saved_);                                \
			if (out)                                                 \
				*(out) = NULL;                                   \
			return call_recover(c);                                  \
		}                                                                \
		int rc_ = (expr);                                                \
		hlr_oom_recovery(saved_);                                        \
		call_end(c);                                                     \
		if (out)                                                         \
			*(out) = (c)->res;                                       \
		else                                                             \
			hlrc_result_free((c)->res);                              \
		return rc_;                                                      \
	} while (0)

static void call_init(struct call *c, hlrc_workspace *ws)
{
	memset(c, 0, sizeof *c);
	c->ws = ws;
	hlr_arena_init(&c->scratch);
}

/* --- results ------------------------------------------------------------ */

static hlrc_result *result_new(void)
{
	hlrc_result *r = hlr_xmalloc(sizeof *r);
	memset(r, 0, sizeof *r);
	hlr_arena_init(&r->arena);
	return r;
}

void hlrc_result_free(hlrc_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nouts; i++)
		free((char *)r->outs[i].data);
	free(r->outs);
	hlr_arena_free(&r->arena);
	free(r);
}

size_t hlrc_result_diagnostics(const hlrc_result *r, const struct hlrc_diagnostic **v)
{
	*v = r->diags;
	return r->ndiags;
}

size_t hlrc_result_errors(const hlrc_result *r) { return r->errors; }
size_t hlrc_result_warnings(const hlrc_result *r) { return r->warnings; }
size_t hlrc_result_dropped(const hlrc_result *r) { return r->dropped; }

size_t hlrc_result_outputs(const hlrc_result *r, const struct hlrc_output **v)
{
	*v = r->outs;
	return r->nouts;
}

size_t hlr_result_groups(const hlrc_result *r) { return r->ngroups; }

void hlr_result_group(const hlrc_result *r, size_t k, size_t *end, size_t *dropped)
{
	*end = r->groups[k].end;
	*dropped = r->groups[k].dropped;
}

static char *rdup(hlrc_result *r, const char *s)
{
	return s ? hlr_arena_strndup(&r->arena, s, strlen(s)) : NULL;
}

static struct result_group *open_group(hlrc_result *r, size_t dropped)
{
	if (r->ngroups == r->capgroups) {
		r->capgroups = r->capgroups ? r->capgroups * 2 : 4;
		r->groups = hlr_arena_grow(&r->arena, r->groups, r->ngroups, r->capgroups,
		                           sizeof *r->groups);
	}
	struct result_group *g = &r->groups[r->ngroups++];
	g->end = r->ndiags;
	g->dropped = dropped;
	r->dropped += dropped;
	return g;
}

static struct hlrc_diagnostic *push_diag(hlrc_result *r)
{
	if (r->ndiags == r->capdiags) {
		r->capdiags = r->capdiags ? r->capdiags * 2 : 16;
		r->diags = hlr_arena_grow(&r->arena, r->diags, r->ndiags, r->capdiags, sizeof *r->diags);
	}
	struct hlrc_diagnostic *d = &r->diags[r->ndiags++];
	memset(d, 0, sizeof *d);
	return d;
}

int hlrc_result_add_error(hlrc_result *r, const char *code, const char *path,
                          const char *message)
{
	enum hlr_code known;
	if (!code || !hlr_code_from_name(code, &known))
		return HLRC_BADARG;
	jmp_buf jb;
	jmp_buf *saved = hlr_oom_recovery(&jb);
	if (setjmp(jb)) {
		hlr_oom_recovery(saved);
		return HLRC_NOMEM;
	}
	struct result_group *g = open_group(r, 0);
	struct hlrc_diagnostic *d = push_diag(r);
	d->severity = HLRC_ERROR;
	d->code = hlr_code_name(known);
	d->path = rdup(r, path);
	d->message = rdup(r, message);
	g->end = r->ndiags;
	r->errors++;
	hlr_oom_recovery(saved);
	return HLRC_OK;
}

/* The public form of g, whose source (if any) belongs to arena a. */
static void convert(hlrc_result *r, struct hlr_arena *a, const struct hlr_diag *g,
                    struct hlrc_diagnostic *out)
{
	out->severity = g->level == HLR_ERROR ? HLRC_ERROR : g->level == HLR_WARNING ? HLRC_WARNING
	                                                                            : HLRC_NOTE;
	out->code = hlr_code_name(g->code); /* static strings, or NULL for notes */
	out->message = rdup(r, g->msg);
	out->path = rdup(r, g->src ? g->src->path : g->path);
	if (g->has_span && g->src) {
		hlr_source_position(g->src, a, g->span.start, &out->line, &out->column);
		hlr_source_position(g->src, a, g->span.end, &out->end_line, &out->end_column);
		size_t start, len;
		hlr_source_line(g->src, a, g->span.start, &start, &len);
		out->source_line = hlr_arena_strndup(&r->arena, g->src->data + start, len);
		out->source_line_len = len;
		out->span_start = g->span.start - start;
		out->span_end = g->span.end - start;
		if (g->nfix) {
			struct hlrc_fixit *f = hlr_arena_alloc(&r->arena, g->nfix * sizeof *f);
			for (size_t i = 0; i < g->nfix; i++) {
				const struct hlr_fixit *x = &g->fix[i];
				hlr_source_position(g->src, a, x->span.start, &f[i].line, &f[i].column);
				hlr_source_position(g->src, a, x->span.end, &f[i].end_line, &f[i].end_column);
				f[i].start = x->span.start;
				f[i].end = x->span.end;
				f[i].replacement = rdup(r, x->text);
				f[i].replacement_len = strlen(x->text);
			}
			out->fixits = f;
			out->nfixits = g->nfix;
		}
	}
}

/* Adds the diagnostics of d (sources owned by arena a) that keep marks
 * (NULL: all), and every one of extra (about no source, or NULL), as one
 * group sorted as one. */
static void add_merged(hlrc_result *r, struct hlr_arena *a, const struct hlr_diags *d,
                       const bool *keep, const struct hlr_diags *extra,
                       struct hlr_arena *scratch)
{
	size_t total = d->n + (extra ? extra->n : 0);
	struct hlr_diag *v = hlr_arena_alloc(scratch, (total ? total : 1) * sizeof *v);
	size_t *map = hlr_arena_alloc(scratch, (total ? total : 1) * sizeof *map);
	size_t n = 0;
	for (size_t i = 0; i < total; i++) {
		bool own = i < d->n;
		struct hlr_diag g = own ? d->v[i] : extra->v[i - d->n];
		size_t base = own ? 0 : d->n;
		bool k = g.parent != g.seq ? map[base + g.parent] != (size_t)-1
		                           : !own || !keep || keep[i];
		if (!k) {
			map[i] = (size_t)-1;
			continue;
		}
		map[i] = n;
		g.parent = g.parent == g.seq ? n : map[base + g.parent];
		g.seq = n;
		v[n++] = g;
	}
	hlr_diag_sort(v, n);
	struct result_group *grp = open_group(r, d->dropped + (extra ? extra->dropped : 0));
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && v[j].level == HLR_NOTE && v[j].key_seq == v[i].key_seq &&
		       v[j].parent != v[j].seq)
			j++;
		struct hlrc_diagnostic *out = push_diag(r);
		convert(r, a, &v[i], out);
		if (j > i + 1) {
			struct hlrc_diagnostic *notes = hlr_arena_alloc(&r->arena, (j - i - 1) * sizeof *notes);
			for (size_t k = i + 1; k < j; k++)
				convert(r, a, &v[k], &notes[k - i - 1]);
			out->notes = notes;
			out->nnotes = j - i - 1;
		}
		if (v[i].level == HLR_ERROR)
			r->errors++;
		else if (v[i].level == HLR_WARNING)
			r->warnings++;
		i = j;
	}
	grp->end = r->ndiags;
}

static void add_diags(hlrc_result *r, struct hlr_arena *a, const struct hlr_diags *d,
                      const bool *keep, struct hlr_arena *scratch)
{
	add_merged(r, a, d, keep, NULL, scratch);
}

/* Adds an output; data (malloc'd) is the result's from now on. */
static struct hlrc_output *add_output(hlrc_result *r, const char *name, struct hlr_buf *data)
{
	if (r->nouts == r->capouts) {
		size_t cap = r->capouts ? r->capouts * 2 : 4;
		struct hlrc_output *v = realloc(r->outs, cap * sizeof *v);
		if (!v)
			hlr_oom();
		r->outs = v;
		r->capouts = cap;
	}
	if (!data->data)
		hlr_buf_reserve(data, 1);
	struct hlrc_output *o = &r->outs[r->nouts++];
	memset(o, 0, sizeof *o);
	o->data = data->data;
	o->len = data->len;
	data->data = NULL;
	data->len = data->cap = 0;
	o->name = rdup(r, name);
	return o;
}

/* --- paths and files ------------------------------------------------------ */

/* path with "." components, repeated and trailing slashes removed:
 * "./s//x.hlr" is "s/x.hlr"; "" and "./" are "." (arena copy). */
static const char *normalise(struct hlr_arena *a, const char *path)
{
	size_t n = strlen(path);
	char *out = hlr_arena_alloc(a, n + 2);
	size_t o = 0;
	bool abs = path[0] == '/';
	if (abs)
		out[o++] = '/';
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		const char *s = p;
		while (*p && *p != '/')
			p++;
		size_t len = (size_t)(p - s);
		if (!len || (len == 1 && s[0] == '.'))
			continue;
		if (o && out[o - 1] != '/')
			out[o++] = '/';
		memcpy(out + o, s, len);
		o += len;
	}
	if (!o)
		out[o++] = '.';
	out[o] = '\0';
	return out;
}

static struct file *file_get(hlrc_workspace *ws, const char *key)
{
	struct file *f = hlr_strmap_get(&ws->files, key, strlen(key));
	if (f)
		return f;
	f = hlr_arena_alloc(&ws->arena, sizeof *f);
	f->path = hlr_arena_strndup(&ws->arena, key, strlen(key));
	f->err_code = HLR_C_NONE;
	f->fd = -1;
	hlr_arena_init(&f->arena);
	hlr_strmap_put(&ws->files, f->path, strlen(f->path), f);
	if (ws->nfiles == ws->capfiles) {
		ws->capfiles = ws->capfiles ? ws->capfiles * 2 : 16;
		ws->filev = hlr_arena_grow(&ws->arena, ws->filev, ws->nfiles, ws->capfiles,
		                           sizeof *ws->filev);
	}
	ws->filev[ws->nfiles++] = f;
	return f;
}

/* Reads f from disk (or its descriptor) once, at most limit bytes. */
static void file_read(struct file *f, size_t limit)
{
	if (f->read)
		return;
	struct hlr_diags d;
	hlr_diags_init(&d, &f->arena);
	if (f->fd >= 0) {
		f->disk = hlr_source_read_fd(&f->arena, &d, f->fd, f->path, limit);
		f->fd = -1;
	} else {
		f->disk = hlr_source_read(&f->arena, &d, f->path, limit);
	}
	if (!f->disk && d.n) {
		f->err_code = d.v[0].code;
		f->err_msg = d.v[0].msg;
	}
	f->read = true;
}

/* The source of f in arena a, shown as path: a copy of the text set from
 * memory (see call_recover), or what is on disk, in place. NULL (and a
 * diagnostic) when it cannot be read or is not text. */
static struct hlr_source *file_source(struct file *f, struct hlr_arena *a,
                                      struct hlr_diags *d, const char *path, size_t limit)
{
	if (f->text)
		return hlr_source_from_memory(a, d, path, f->text, f->len);
	file_read(f, limit);
	if (!f->disk) {
		hlr_diag_file(d, HLR_ERROR, f->err_code != HLR_C_NONE ? f->err_code : HLR_C_CANNOT_READ,
		              path, "%s", f->err_msg ? f->err_msg : "cannot read file");
		return NULL;
	}
	return hlr_source_view(a, d, path, f->disk->data, f->disk->len);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The folder part of a normalised path, and its last component. */
static const char *dir_of(struct hlr_arena *a, const char *key, const char **base)
{
	const char *slash = strrchr(key, '/');
	*base = slash ? slash + 1 : key;
	return hlr_path_dir(a, key);
}

/* --- groups ---------------------------------------------------------------- */

static struct group *group_get(hlrc_workspace *ws, const char *key, const char *display)
{
	struct group *g = hlr_strmap_get(&ws->groups, key, strlen(key));
	if (g)
		return g;
	g = hlr_arena_alloc(&ws->arena, sizeof *g);
	g->key = hlr_arena_strndup(&ws->arena, key, strlen(key));
	g->list_code = HLR_C_NONE;
	hlr_arena_init(&g->larena);
	hlr_arena_init(&g->arena);
	hlr_arena_init(&g->tarena);
	g->latest = SIZE_MAX;
	/* shown as first named, as hlr_path_join would write it */
	size_t n = strlen(display);
	while (n > 1 && display[n - 1] == '/')
		n--;
	g->display = hlr_xmalloc(n + 1);
	memcpy(g->display, display, n);
	g->display[n] = '\0';
	hlr_strmap_put(&ws->groups, g->key, strlen(g->key), g);
	if (ws->ngroups == ws->capgroups) {
		ws->capgroups = ws->capgroups ? ws->capgroups * 2 : 8;
		ws->groupv = hlr_arena_grow(&ws->arena, ws->groupv, ws->ngroups, ws->capgroups,
		                            sizeof *ws->groupv);
	}
	ws->groupv[ws->ngroups++] = g;
	return g;
}

/* A file named like a report of the series beside it but not read as one
 * (2020-07-03.HLR, .hlr.txt) is read alone when named: say why its series
 * is not there. */
static void lone_look_alike(struct hlr_arena *a, struct hlr_diags *d, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *want = hlr_report_look_alike(a, base, strlen(base));
	if (!want || !*want || !is_file(hlr_path_join(a, hlr_path_dir(a, path), HLR_SERIES_FILE)))
		return;
	hlr_diag_file(d, HLR_WARNING, HLR_C_SKIPPED_FILE, path,
	              "read alone, not as a report of the series in its folder: a report's file "
	              "name ends in .hlr, in lower case; rename it to %s", want);
}

/* Lists folder g on disk once. */
static void group_list(struct group *g)
{
	if (g->listed)
		return;
	struct hlr_diags d;
	hlr_diags_init(&d, &g->larena);
	g->disk_names = hlr_series_list(&g->larena, &d, g->key, &g->ndisk);
	g->skipped = d.v;
	g->nskipped = 0;
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].code == HLR_C_SKIPPED_FILE || d.v[i].code == HLR_C_UNSAFE_FILE_NAME)
			g->skipped[g->nskipped++] = d.v[i];
	if (!g->disk_names) {
		g->disk_error = true;
		g->ndisk = 0;
		if (d.n) {
			g->list_code = d.v[0].code;
			g->list_msg = d.v[0].msg;
		}
	}
	char *p = hlr_path_join(&g->larena, g->key, HLR_SERIES_FILE);
	g->disk_series = is_file(p);
	g->listed = true;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether name is a report file a folder listing holds. */
static bool hlr_name(const char *name)
{
	size_t len = strlen(name);
	return name[0] != '.' && len >= 5 && !strcmp(name + len - 4, ".hlr");
}

/* The .hlr files of folder g: on disk, and those set from memory in it,
 * sorted; *series says whether series.hlr is one (or is on disk). */
static char **group_names(hlrc_workspace *ws, struct group *g, struct hlr_arena *a, size_t *n,
                          bool *series)
{
	group_list(g);
	char **v = hlr_arena_alloc(a, (g->ndisk + ws->nfiles + 1) * sizeof *v);
	*n = 0;
	for (size_t i = 0; i < g->ndisk; i++)
		v[(*n)++] = g->disk_names[i];
	*series = g->disk_series;
	for (size_t i = 0; i < ws->nfiles; i++) {
		struct file *f = ws->filev[i];
		if (!f->text)
			continue;
		const char *base;
		const char *dir = dir_of(a, f->path, &base);
		if (strcmp(dir, g->key) || !hlr_name(base))
			continue;
		bool seen = false;
		for (size_t k = 0; k < g->ndisk && !seen; k++)
			seen = !strcmp(g->disk_names[k], base);
		if (!seen)
			v[(*n)++] = (char *)base;
		if (!strcmp(base, HLR_SERIES_FILE))
			*series = true;
	}
	if (*n > 1)
		qsort(v, *n, sizeof *v, by_name);
	return v;
}

static bool rebuild_latest(hlrc_workspace *ws, struct group *g);

/* Builds g's generation from the cached texts, if it has none. */
static void group_build(hlrc_workspace *ws, struct group *g, bool lone)
{
	if (g->built && g->stale_latest) {
		g->stale_latest = false;
		if (!rebuild_latest(ws, g))
			drop_generation(g);
	}
	if (g->built)
		return;
	drop_generation(g);
	g->arena.limit = ws->limit;
	struct hlr_arena *a = &g->arena;
	hlr_diags_init(&g->diags, a);
	struct hlr_diags *d = &g->diags;
	if (lone) {
		g->kind = GROUP_FILE;
		g->nsrcs = 1;
		g->srcs = hlr_arena_alloc(a, sizeof *g->srcs);
		g->paths = hlr_arena_alloc(a, sizeof *g->paths);
		g->paths[0] = g->key;
		char *path = hlr_arena_strndup(a, g->display, strlen(g->display));
		g->srcs[0] = file_source(file_get(ws, g->key), a, d, path, ws->input_limit);
		g->reports = hlr_arena_alloc(a, sizeof *g->reports);
		if (g->srcs[0]) {
			g->reports[0] = hlr_parse(a, d, g->srcs[0]);
			hlr_resolve(a, d, g->reports[0]);
			hlr_check_period_name_alone(d, g->reports[0]);
			g->n = 1;
		}
		lone_look_alike(a, d, path);
	} else {
		bool series;
		size_t n;
		char **names = group_names(ws, g, a, &n, &series);
		g->kind = series ? GROUP_SERIES : GROUP_FOLDER;
		for (size_t i = 0; i < g->nskipped; i++)
			hlr_diag_file(d, g->skipped[i].level, g->skipped[i].code, g->skipped[i].path, "%s",
			              g->skipped[i].msg); /* skipped-file, or unsafe-file-name */
		if (g->disk_error && !n && g->list_msg)
			hlr_diag_file(d, HLR_ERROR, g->list_code, g->display, "%s", g->list_msg);
		else if (!n && !series)
			hlr_diag_file(d, HLR_ERROR, HLR_C_NO_REPORTS, g->display, "no .hlr reports in this folder");
		g->nsrcs = n;
		g->srcs = hlr_arena_alloc(a, (n ? n : 1) * sizeof *g->srcs);
		g->paths = hlr_arena_alloc(a, (n ? n : 1) * sizeof *g->paths);
		for (size_t i = 0; i < n; i++) {
			g->paths[i] = hlr_path_join(a, g->key, names[i]);
			g->srcs[i] = file_source(file_get(ws, g->paths[i]), a, d,
			                         hlr_path_join(a, g->display, names[i]), ws->input_limit);
		}
		if (series && !(g->disk_error && !n)) {
			g->series = hlr_series_build(a, d, g->display, g->srcs, n);
			g->reports = g->series->reports;
			g->n = g->series->n;
			for (size_t i = 0; g->n >= 2 && i < n && g->latest == SIZE_MAX; i++)
				if (g->srcs[i] && g->srcs[i] == g->reports[g->n - 1]->src)
					g->latest = i;
			if (g->latest != SIZE_MAX) {
				g->base_latest = g->reports[g->n - 1];
				g->base_src = g->base_latest->src;
			}
		} else if (n) {
			g->reports = hlr_arena_alloc(a, n * sizeof *g->reports);
			for (size_t i = 0; i < n; i++) {
				if (!g->srcs[i])
					continue;
				g->reports[g->n] = hlr_parse(a, d, g->srcs[i]);
				hlr_resolve(a, d, g->reports[g->n]);
				hlr_check_period_name_alone(d, g->reports[g->n]);
				g->n++;
			}
			hlr_reports_sort(g->reports, g->n);
		}
	}
	g->base_diags = g->diags;
	g->built = true;
}

static void report_join(struct hlr_arena *a, struct hlr_report *r)
{
	for (struct hlr_node *x = r->root; x; x = hlr_node_next(x)) {
		hlr_text_join(a, &x->text);
		hlr_text_join(a, &x->heading);
	}
}

/* Joins every text of g's generation once, so that work in another arena
 * (diff, new) finds them joined. */
static void group_join(struct group *g)
{
	if (!g->joined) {
		struct hlr_report **v = g->reports;
		for (size_t i = 0; i <= g->n; i++) {
			struct hlr_report *r = i < g->n ? v[i] : g->series ? g->series->defaults : NULL;
			if (r && r != g->tail)
				report_join(&g->arena, r);
		}
		g->joined = true;
	}
	if (g->tail && !g->tail_joined) {
		report_join(&g->tarena, g->tail);
		g->tail_joined = true;
	}
}

/* The arena that owns r, of g's generation. */
static struct hlr_arena *report_arena(struct group *g, const struct hlr_report *r)
{
	return r && r == g->tail ? &g->tarena : &g->arena;
}

/* Before the latest report is built again in its own arena: what building
 * it would otherwise cache in the others (joined texts, line tables,
 * did-you-mean indexes) is made now in theirs, or not kept. */
static void group_freeze(struct group *g)
{
	if (g->frozen)
		return;
	group_join(g);
	for (size_t i = 0; i <= g->n; i++) {
		struct hlr_report *r = i < g->n ? g->reports[i] : g->series->defaults;
		if (!r || r == g->tail)
			continue;
		r->frozen = true;
		if (!r->src->lines)
			r->src->nlines = hlr_source_line_starts(r->src, &g->arena, &r->src->lines);
	}
	g->frozen = true;
}

/* Builds the latest report of g's series again from its changed text, in
 * g->tarena, keeping the rest of the generation. False when that cannot
 * give what a whole build would (see hlr_series_replace_latest). */
static bool rebuild_latest(hlrc_workspace *ws, struct group *g)
{
	if (g->latest == SIZE_MAX || g->base_diags.dropped || !g->series)
		return false;
	struct hlr_series *s = g->series;
	/* a note of another report's diagnostic that points into the latest
	 * report (its period, when it is named as a previous report) would
	 * point at the old text */
	const struct hlr_diags *bd = &g->base_diags;
	for (size_t i = 0; i < bd->n; i++) {
		const struct hlr_diag *o = &bd->v[bd->v[i].parent];
		if (bd->v[i].src == g->base_src && o->src != g->base_src && o->seq < s->latest_mark)
			return false;
	}
	/* back to the generation as built, before the arena of the last
	 * rebuild goes */
	s->reports[s->n - 1] = g->base_latest;
	g->srcs[g->latest] = g->base_src;
	g->tail = NULL;
	g->tail_joined = false;
	g->diags = g->base_diags;
	group_freeze(g);
	hlr_arena_free(&g->tarena);
	g->tarena.limit = ws->limit;
	struct hlr_arena *ta = &g->tarena;
	struct hlr_diags td;
	hlr_diags_init(&td, ta);
	struct hlr_source *src = file_source(file_get(ws, g->paths[g->latest]), ta, &td,
	                                     g->base_src->path, ws->input_limit);
	if (!src)
		return false;
	src->index = g->base_src->index;
	struct hlr_report *r = hlr_parse(ta, &td, src);
	hlr_resolve_header(ta, &td, r, s->defaults);
	if (!hlr_series_replace_latest(ta, &td, s, r))
		return false;
	if (td.dropped)
		return false;
	if (!src->lines)
		src->nlines = hlr_source_line_starts(src, ta, &src->lines);
	g->srcs[g->latest] = src;
	g->tail = r;
	/* the build's diagnostics but those of the latest report's file, then
	 * the new ones */
	struct hlr_diags all;
	hlr_diags_init(&all, ta);
	hlr_diags_append(&all, &g->base_diags, g->base_src, s->latest_mark);
	hlr_diags_append(&all, &td, NULL, 0);
	g->diags = all;
	return true;
}

/* What a named path stands for. */
struct target {
	struct group *group;      /* its group, built */
	bool folder;              /* the whole group */
	struct hlr_report *report;/* the file's report (or series.hlr's), or NULL */
	const struct hlr_source *src; /* its source, or NULL */
	const char *key;          /* normalised path */
};

static void resolve_target(struct call *c, const char *path, struct target *t)
{
	hlrc_workspace *ws = c->ws;
	struct hlr_arena *a = &c->scratch;
	memset(t, 0, sizeof *t);
	const char *key = normalise(a, path);
	t->key = key;
	struct file *f = hlr_strmap_get(&ws->files, key, strlen(key));
	bool has_text = f && f->text;
	struct group *g = hlr_strmap_get(&ws->groups, key, strlen(key));
	if (!has_text && ((g && g->listed) || ((!g || g->kind != GROUP_FILE) && is_dir(path)))) {
		t->group = group_get(ws, key, path);
		group_build(ws, t->group, false);
		t->folder = true;
		return;
	}
	const char *base;
	const char *dir = dir_of(a, key, &base);
	if (hlr_name(base) && (has_text || is_file(path))) {
		struct group *fg = group_get(ws, dir, hlr_path_dir(a, path));
		group_list(fg);
		/* in the folder's listing: on disk, or set from memory */
		const char *sp = hlr_path_join(a, dir, HLR_SERIES_FILE);
		struct file *sf = hlr_strmap_get(&ws->files, sp, strlen(sp));
		bool series = fg->disk_series || (sf && sf->text);
		bool listed = has_text || (fg->ndisk && bsearch(&base, fg->disk_names, fg->ndisk,
		                                                sizeof *fg->disk_names, by_name));
		if (series && listed) {
			group_build(ws, fg, false);
			struct hlr_report *r = NULL;
			if (fg->series)
				r = !strcmp(base, HLR_SERIES_FILE) ? fg->series->defaults
				                                   : hlr_series_find(fg->series, base, strlen(base));
			if (r) {
				t->group = fg;
				t->report = r;
				t->src = r->src;
				return;
			}
		}
	}
	/* a lone file: not in a series, or not one of its reports */
	t->group = group_get(ws, key, path);
	group_build(ws, t->group, true);
	t->report = t->group->n ? t->group->reports[0] : NULL;
	t->src = t->report ? t->report->src : NULL;
}

/* Marks in keep[] the diagnostics of t's group that belong to t's file:
 * those about it or a file its output depends on, and (noted set) those
 * with a note pointing into it. */
static void mark_file(struct call *c, const struct target *t, bool *keep, bool noted)
{
	struct hlr_diags *d = &t->group->diags;
	if (t->folder || t->group->kind == GROUP_FILE || !t->report) {
		for (size_t i = 0; i < d->n; i++)
			keep[i] = true;
		return;
	}
	const struct hlr_source **deps;
	size_t nd;
	if (hlr_report_is_series_file(t->report)) {
		deps = hlr_arena_alloc(&c->scratch, sizeof *deps);
		deps[0] = t->report->src;
		nd = 1;
	} else {
		nd = hlr_report_deps(t->report, &c->scratch, &deps);
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct hlr_diag *g = &d->v[i];
		if (g->parent != g->seq) {
			if (noted && g->src == t->src)
				keep[g->parent] = true;
			continue;
		}
		/* what the folder's listing found goes with every file of it: a
		 * report name no depfile can hold fails them all, and a skipped
		 * look-alike may be the report another one misses */
		bool k = (!g->src && !g->path) || g->code == HLR_C_UNSAFE_FILE_NAME ||
		         g->code == HLR_C_SKIPPED_FILE;
		for (size_t j = 0; j < nd && !k; j++)
			k = g->src ? g->src == deps[j] : !strcmp(g->path, deps[j]->path);
		if (k)
			keep[i] = true;
	}
}

/* The diagnostics of the files named by targets t[0..n): one group per
 * group, in the order first named. */
static void add_targets(struct call *c, struct target *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct group *g = t[i].group;
		bool first = true;
		for (size_t k = 0; k < i && first; k++)
			first = t[k].group != g;
		if (!first)
			continue;
		bool *keep = hlr_arena_alloc(&c->scratch, (g->diags.n ? g->diags.n : 1) * sizeof *keep);
		for (size_t k = i; k < n; k++)
			if (t[k].group == g)
				mark_file(c, &t[k], keep, true);
		add_diags(c->res, &g->arena, &g->diags, keep, &c->scratch);
	}
}

/* --- the workspace ------------------------------------------------------- */

hlrc_workspace *hlrc_workspace_new(void)
{
	hlrc_workspace *ws = calloc(1, sizeof *ws);
	if (!ws)
		return NULL;
	hlr_arena_init(&ws->arena);
	/* no allocation yet: the maps allocate on their first entry */
	hlr_strmap_init(&ws->files, &ws->arena);
	hlr_strmap_init(&ws->groups, &ws->arena);
	return ws;
}

void hlrc_workspace_free(hlrc_workspace *ws)
{
	if (!ws)
		return;
	for (size_t i = 0; i < ws->nfiles; i++) {
		hlr_arena_free(&ws->filev[i]->arena);
		free(ws->filev[i]->text);
	}
	for (size_t i = 0; i < ws->ngroups; i++) {
		hlr_arena_free(&ws->groupv[i]->tarena);
		hlr_arena_free(&ws->groupv[i]->arena);
		hlr_arena_free(&ws->groupv[i]->larena);
		free(ws->groupv[i]->display);
	}
	hlr_arena_free(&ws->arena);
	free(ws);
}

void hlrc_workspace_set_memory_limit(hlrc_workspace *ws, size_t bytes)
{
	ws->limit = bytes;
	for (size_t i = 0; i < ws->ngroups; i++)
		ws->groupv[i]->arena.limit = ws->groupv[i]->tarena.limit = bytes;
}

void hlrc_workspace_set_input_limit(hlrc_workspace *ws, size_t bytes)
{
	ws->input_limit = bytes;
}

/* Drops the generations that hold the file at key (its folder's, and its
 * own as a lone file). */
static void invalidate(hlrc_workspace *ws, struct hlr_arena *a, const char *key)
{
	const char *base;
	const char *dir = dir_of(a, key, &base);
	struct group *g = hlr_strmap_get(&ws->groups, dir, strlen(dir));
	if (g && g->built && g->latest != SIZE_MAX && !strcmp(g->paths[g->latest], key))
		g->stale_latest = true; /* built again alone if it can be */
	else if (g)
		drop_generation(g);
	g = hlr_strmap_get(&ws->groups, key, strlen(key));
	if (g)
		drop_generation(g);
}

static int set_text(struct call *c, const char *path, const char *text, size_t len)
{
	const char *key = normalise(&c->scratch, path);
	struct file *f = file_get(c->ws, key);
	if (f->text && f->len == len && !memcmp(f->text, text, len))
		return HLRC_OK;
	char *copy = hlr_xmalloc(len + 1);
	if (len)
		memcpy(copy, text, len);
	free(f->text);
	f->text = copy;
	f->len = len;
	invalidate(c->ws, &c->scratch, key);
	return HLRC_OK;
}

int hlrc_set_text(hlrc_workspace *ws, const char *path, const char *text, size_t len)
{
	struct call c;
	call_init(&c, ws);
	hlrc_result **none = NULL;
	GUARDED(&c, none, set_text(&c, path, text, len));
}

static int set_fd(struct call *c, const char *path, int fd)
{
	const char *key = normalise(&c->scratch, path);
	struct file *f = file_get(c->ws, key);
	reset_file(f);
	f->fd = fd;
	invalidate(c->ws, &c->scratch, key);
	return HLRC_OK;
}

int hlrc_set_fd(hlrc_workspace *ws, const char *path, int fd)
{
	struct call c;
	call_init(&c, ws);
	hlrc_result **none = NULL;
	GUARDED(&c, none, set_fd(&c, path, fd));
}

static int drop_text(struct call *c, const char *path)
{
	const char *key = normalise(&c->scratch, path);
	struct file *f = hlr_strmap_get(&c->ws->files, key, strlen(key));
	if (!f || !f->text)
		return HLRC_OK;
	free(f->text);
	f->text = NULL;
	f->len = 0;
	invalidate(c->ws, &c->scratch, key);
	return HLRC_OK;
}

int hlrc_drop_text(hlrc_workspace *ws, const char *path)
{
	struct call c;
	call_init(&c, ws);
	hlrc_result **none = NULL;
	GUARDED(&c, none, drop_text(&c, path));
}

static int forget(struct call *c, const char *path)
{
	const char *key = normalise(&c->scratch, path);
	struct file *f = hlr_strmap_get(&c->ws->files, key, strlen(key));
	if (f)
		reset_file(f);
	struct group *g = hlr_strmap_get(&c->ws->groups, key, strlen(key));
	if (g) {
		hlr_arena_free(&g->larena);
		g->listed = false;
		g->disk_names = NULL;
		g->ndisk = 0;
		g->disk_error = false;
		g->list_code = HLR_C_NONE;
		g->list_msg = NULL;
		drop_generation(g);
	}
	invalidate(c->ws, &c->scratch, key);
	return HLRC_OK;
}

int hlrc_forget(hlrc_workspace *ws, const char *path)
{
	struct call c;
	call_init(&c, ws);
	hlrc_result **none = NULL;
	GUARDED(&c, none, forget(&c, path));
}

/* --- check and render ------------------------------------------------------ */

static int status_of(const hlrc_result *r)
{
	return r->errors ? HLRC_FAILED : HLRC_OK;
}

static int check(struct call *c, const char *const *paths, size_t n)
{
	c->res = result_new();
	struct target *t = hlr_arena_alloc(&c->scratch, (n ? n : 1) * sizeof *t);
	for (size_t i = 0; i < n; i++)
		resolve_target(c, paths[i], &t[i]);
	add_targets(c, t, n);
	return status_of(c->res);
}

int hlrc_check(hlrc_workspace *ws, const char *const *paths, size_t n, hlrc_result **out)
{
	struct call c;
	call_init(&c, ws);
	GUARDED(&c, out, check(&c, paths, n));
}

/* The authority o->for_tag names in r, or -1 (and an error, returning
 * false) when r declares none such. */
static bool view_for(struct hlr_diags *d, const struct hlr_report *r, const char *tag, int *k)
{
	*k = -1;
	if (!tag)
		return true;
	*k = hlr_report_authority(r, tag, strlen(tag));
	if (*k >= 0)
		return true;
	const char *cands[HLR_MAX_AUTHORITIES];
	for (unsigned i = 0; i < r->nauthorities; i++)
		cands[i] = r->authorities[i].tag;
	const char *s = hlr_suggest(tag, strlen(tag), cands, r->nauthorities);
	hlr_diag_file(d, HLR_ERROR, HLR_C_UNKNOWN_VIEW, r->src->path,
	              "--for %s: the report declares no authority '%s'%s%s%s", tag, tag,
	              s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
	return false;
}

static const char *format_ext(enum hlrc_format f)
{
	return f == HLRC_FORMAT_HTML ? ".html" : f == HLRC_FORMAT_JSON ? ".json"
	       : f == HLRC_FORMAT_DOCX ? ".docx" : ".md";
}

/* Renders r into a new output named name (with its dependencies). */
/* A caller's writer, counting what it was given. */
struct counted {
	hlrc_write_fn *write;
	void *ctx;
	size_t len;
};

static int counted_write(void *ctx, const char *p, size_t n)
{
	struct counted *w = ctx;
	w->len += n;
	return w->write(w->ctx, p, n) ? -1 : 0;
}

static int render_one(struct call *c, struct group *g, struct hlr_report *r,
                      const struct hlr_emit_opts *eo, const char *name,
                      hlrc_write_fn *write, void *write_ctx)
{
	/* into the call's buffer, which is freed if out of memory stops it,
	 * or through it to the caller's writer */
	c->buf.len = 0;
	struct counted w = {write, write_ctx, 0};
	if (write ? hlr_emit_to(counted_write, &w, r, report_arena(g, r), eo) != 0
	          : hlr_emit(&c->buf, r, report_arena(g, r), eo) != 0)
		return -1;
	struct hlrc_output *o = add_output(c->res, name, &c->buf);
	if (write) {
		free((char *)o->data); /* the empty buffer handed over: nothing kept */
		o->data = NULL;
		o->len = w.len;
	}
	const struct hlr_source **deps;
	size_t nd = hlr_report_output_deps(r, &c->scratch, &deps);
	const char **v = hlr_arena_alloc(&c->res->arena, (nd + 1) * sizeof *v);
	for (size_t i = 0; i < nd; i++)
		v[i] = rdup(c->res, deps[i]->path);
	if (r->series) /* its listing: a report added or removed */
		v[nd++] = rdup(c->res, r->series->dir);
	o->deps = v;
	o->ndeps = nd;
	return 0;
}

static char *out_name(struct call *c, const struct hlr_report *r, const char *ext)
{
	size_t n = strlen(r->name), e = strlen(ext);
	char *s = hlr_arena_alloc(&c->scratch, n + e + 1);
	memcpy(s, r->name, n);
	memcpy(s + n, ext, e + 1);
	return s;
}

/* Errors among the diagnostics of d that keep marks. */
static size_t kept_errors(const struct hlr_diags *d, const bool *keep)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		if (keep[i] && d->v[i].level == HLR_ERROR && d->v[i].parent == d->v[i].seq)
			n++;
	return n;
}

/* keep[] for the diagnostics of t's file (noted: see mark_file). */
static bool *keep_for(struct call *c, const struct target *t, bool noted)
{
	bool *keep = hlr_arena_alloc(&c->scratch, (t->group->diags.n ? t->group->diags.n : 1) *
	                                          sizeof *keep);
	mark_file(c, t, keep, noted);
	return keep;
}

static int render(struct call *c, const char *path, const struct hlrc_render_opts *o)
{
	c->res = result_new();
	struct target t;
	resolve_target(c, path, &t);
	struct group *g = t.group;
	bool *keep = keep_for(c, &t, true);
	/* what --for and series.hlr add is sorted with the rest */
	struct hlr_diags extra;
	hlr_diags_init(&extra, &c->scratch);
	struct hlr_report **v = &t.report;
	size_t n = t.report ? 1 : 0;
	if (t.folder) {
		v = g->reports;
		n = g->n;
	} else if (t.report && hlr_report_is_series_file(t.report)) {
		if (!kept_errors(&g->diags, keep))
			hlr_diag_file(&extra, HLR_ERROR, HLR_C_SERIES_FILE, t.report->src->path,
			              "a series file holds shared header fields; build one of the reports");
		n = 0;
	}
	int *views = hlr_arena_alloc(&c->scratch, (n ? n : 1) * sizeof *views);
	for (size_t i = 0; i < n; i++)
		view_for(&extra, v[i], o->for_tag, &views[i]);
	add_merged(c->res, &g->arena, &g->diags, keep, &extra, &c->scratch);
	if (c->res->errors || !n || (o->werror && c->res->warnings))
		return HLRC_FAILED;
	for (size_t i = 0; i < n; i++) {
		struct hlr_emit_opts eo = {
			.format = (enum hlr_format)o->format,
			.fragment = o->fragment != 0,
			.authority = views[i],
		};
		hlrc_write_fn *write = t.folder && !o->begin ? NULL : o->write;
		const char *name = out_name(c, v[i], format_ext(o->format));
		if ((write && o->begin && o->begin(o->write_ctx, name) != 0) ||
		    render_one(c, g, v[i], &eo, name, write, o->write_ctx) != 0) {
			/* only a writer fails: its errno says why */
			char msg[256];
			snprintf(msg, sizeof msg, "cannot write output: %s", strerror(errno));
			hlrc_result_add_error(c->res, hlr_code_name(HLR_C_CANNOT_WRITE), v[i]->src->path,
			                      msg);
			return HLRC_FAILED;
		}
	}
	return HLRC_OK;
}

int hlrc_render(hlrc_workspace *ws, const char *path, const struct hlrc_render_opts *o,
                hlrc_result **out)
{
	struct call c;
	call_init(&c, ws);
	GUARDED(&c, out, render(&c, path, o));
}

static int reports(struct call *c, const char *dir)
{
	c->res = result_new();
	struct target t;
	resolve_target(c, dir, &t);
	add_diags(c->res, &t.group->arena, &t.group->diags, NULL, &c->scratch);
	if (!t.folder)
		return HLRC_FAILED;
	for (size_t i = 0; i < t.group->n; i++) {
		struct hlr_report *r = t.group->reports[i];
		hlr_buf_puts(&c->buf, r->name);
		add_output(c->res, r->src->path, &c->buf);
	}
	return status_of(c->res);
}

int hlrc_reports(hlrc_workspace *ws, const char *dir, hlrc_result **out)
{
	struct call c;
	call_init(&c, ws);
	GUARDED(&c, out, reports(&c, dir));
}

static int files(struct call *c, const char *dir)
{
	c->res = result_new();
	const char *key = normalise(&c->scratch, dir);
	struct group *g = group_get(c->ws, key, dir);
	bool series;
	size_t n;
	char **names = group_names(c->ws, g, &c->scratch, &n, &series);
	if (g->disk_error && !n) {
		struct hlr_diags d;
		hlr_diags_init(&d, &c->scratch);
		hlr_diag_file(&d, HLR_ERROR, g->list_code, g->display, "%s", g->list_msg);
		add_diags(c->res, &c->scratch, &d, NULL, &c->scratch);
		return HLRC_FAILED;
	}
	for (size_t i = 0; i < n; i++) {
		hlr_buf_puts(&c->buf, names[i]);
		add_output(c->res, hlr_path_join(&c->scratch, g->display, names[i]), &c->buf);
	}
	return HLRC_OK;
}

int hlrc_files(hlrc_workspace *ws, const char *dir, hlrc_result **out)
{
	struct call c;
	call_init(&c, ws);
	GUARDED(&c, out, files(&c, dir));
}

/* The files the reports attach, each once, copied beside the pages (at
 * the path the links give); a path that is one of the pages is an error. */
static int site_attachments(struct call *c, struct group *g)
{
	size_t npages = c->res->nouts;
	struct hlr_strmap seen;
	hlr_strmap_init(&seen, &c->scratch);
	for (size_t i = 0; i < g->n; i++) {
		const struct hlr_report *r = g->reports[i];
		for (unsigned k = 0; k < r->nattachments; k++) {
			const struct hlr_attachment *x = &r->attachments[k];
			if (hlr_strmap_get(&seen, x->path, strlen(x->path)))
				continue;
			hlr_strmap_put(&seen, x->path, strlen(x->path), (void *)x);
			for (size_t p = 0; p < npages; p++)
				if (!strcasecmp(c->res->outs[p].name, x->path)) {
					char msg[300];
					snprintf(msg, sizeof msg, "the attachment '%s' has the name of a page of "
					                          "the site; rename the file", x->path);
					hlrc_result_add_error(c->res, "invalid-attachment", x->decl->src->path, msg);
					return HLRC_FAILED;
				}
			const char *from = x->decl->src->path, *slash = strrchr(from, '/');
			struct hlr_buf path = HLR_BUF_INIT;
			hlr_buf_printf(&path, "%.*s%s", slash ? (int)(slash - from + 1) : 0, from, x->path);
			FILE *fp = fopen(path.data, "rb");
			c->buf.len = 0;
			char chunk[65536];
			size_t got;
			while (fp && (got = fread(chunk, 1, sizeof chunk, fp)) > 0)
				hlr_buf_put(&c->buf, chunk, got);
			bool bad = !fp || ferror(fp);
			int e = errno;
			if (fp)
				fclose(fp);
			if (bad) {
				char msg[300];
				snprintf(msg, sizeof msg, "cannot read the attachment: %s", strerror(e));
				hlrc_result_add_error(c->res, "missing-attachment", path.data, msg);
				hlr_buf_free(&path);
				return HLRC_FAILED;
			}
			hlr_buf_free(&path);
			add_output(c->res, x->path, &c->buf);
		}
	}
	return HLRC_OK;
}

static int site(struct call *c, const char *dir)
{
	c->res = result_new();
	struct target t;
	resolve_target(c, dir, &t);
	struct group *g = t.group;
	struct hlr_diags extra;
	hlr_diags_init(&extra, &c->scratch);
	if (t.folder && g->n) {
		hlr_site_check_names(&extra, g->reports, g->n);
		hlr_site_check_metrics_name(&extra, g->reports, g->n);
		hlr_site_check_log_names(&extra, &c->scratch, g->reports, g->n);
	}
	add_merged(c->res, &g->arena, &g->diags, NULL, &extra, &c->scratch);
	if (c->res->errors || !t.folder || !g->n)
		return HLRC_FAILED;
	for (size_t i = 0; i < g->n; i++) {
		struct hlr_emit_opts eo = {
			.format = HLR_FORMAT_HTML,
			.authority = -1,
			.index_href = HLR_SITE_INDEX ".html",
			.prev = i > 0 ? g->reports[i - 1] : NULL,
			.next = i + 1 < g->n ? g->reports[i + 1] : NULL,
		};
		if (render_one(c, g, g->reports[i], &eo, out_name(c, g->reports[i], ".html"), NULL,
		               NULL) != 0) {
			hlrc_result_add_error(c->res, hlr_code_name(HLR_C_CANNOT_WRITE), g->reports[i]->src->path,
			                      "cannot render the report");
			return HLRC_FAILED;
		}
	}
	hlr_site_index(&c->buf, &c->scratch, g->reports, g->n);
	add_output(c->res, HLR_SITE_INDEX ".html", &c->buf);
	if (hlr_site_has_metrics(g->reports, g->n)) {
		hlr_site_metrics(&c->buf, &c->scratch, g->reports, g->n);
		add_output(c->res, HLR_SITE_METRICS ".html", &c->buf);
	}
	const char **logs;
	size_t nlogs = hlr_site_log_keywords(&c->scratch, g->reports, g->n, &logs);
	for (size_t i = 0; i < nlogs; i++) {
		hlr_site_log(&c->buf, &c->scratch, g->reports, g->n, logs[i]);
		size_t len = strlen(logs[i]) + sizeof HLR_SITE_LOG_PREFIX + 5;
		char *name = hlr_arena_alloc(&c->scratch, len);
		snprintf(name, len, HLR_SITE_LOG_PREFIX "%s.html", logs[i]);
		add_output(c->res, name, &c->buf);
	}
	return site_attachments(c, g);
}

int hlrc_site(hlrc_workspace *ws, const char *dir, hlrc_result **out)
{
	struct call c;
	call_init(&c, ws);
	GUARDED(&c, out, site(&c, dir));
}

/* --- authoring ------------------------------------------------------------- */

/* Formats the source src (of arena-owned bytes) parsed alone. */
static int fmt_source(struct call *c, struct hlr_source *src, const char *name)
{
	struct hlr_diags d;
	hlr_diags_init(&d, &c->scratch);
	struct hlr_report *r = hlr_parse(&c->scratch, &d, src);
	if (d.errors) {
		add_diags(c->res, &c->scratch, &d, NULL, &c->scratch);
		return HLRC_FAILED;
	}
	const char *why;
	if (hlr_fmt_report(&c->scratch, r, &c->buf, &why) != 0) {
		hlr_diag_file(&d, HLR_ERROR, HLR_C_NONE, name, "internal error: the formatted text would not "
		              "be the same report%s; nothing was written (please report this with "
		              "the file)", why);
		add_diags(c->res, &c->scratch, &d, NULL, &c->scratch);
		return HLRC_INTERNAL;
	}
	bool changed = c->buf.len != src->len || memcmp(c->buf.data, src->data, src->len);
	add_output(c->res, name, &c->buf)->changed = changed;
	return HLRC_OK;
}

/* The report at path for fmt and diff: a folder is not one. */
static bool file_target(struct call *c, const char *path, struct target *t)
{
	const char *key = normalise(&c->scratch, path);
	struct file *f = hlr_strmap_get(&c->ws->files, key, strlen(key));
	if (!(f && f->text) && is_dir(path)) {
		struct hlr_diags d;
		hlr_diags_init(&d, &c->scratch);
		hlr_diag_file(&d, HLR_ERROR, HLR_C_CANNOT_READ, path, "is a directory, not a .hlr file");
		add_diags(c->res, &c->scratch, &d, NULL, &c->scratch);
		return false;
	}
	resolve_target(c, path, t);
	return true;
}

static int fmt(struct call *c, const char *path)
{
	c->res = result_new();
	/* the layout needs only the syntax of the file: not its series, so
	 * that a report copied out of its folder, or one whose references do
	 * not resolve, is formatted too */
	const char *key = normalise(&c->scratch, path);
	struct file *f = hlr_strmap_get(&c->ws->files, key, strlen(key));
	struct hlr_diags d;
	hlr_diags_init(&d, &c->scratch);
	if (!(f && f->text) && is_dir(path)) {
		hlr_diag_file(&d, HLR_ERROR, HLR_C_CANNOT_READ, path, "is a directory, not a .hlr file");
		add_diags(c->res, &c->scratch, &d, NULL, &c->scratch);
		return HLRC_FAILED;
	}
	struct hlr_source *src = file_source(file_get(c->ws, key), &c->scratch, &d, path, c->ws->input_limit);
	if (!src) {
		add_diags(c->res, &c->scratch, &d, NULL, &c->scratch);
		return HLRC_FAILED;
	}
	return fmt_source(c, src, path);
}

int hlrc_fmt(hlrc_workspace *ws, const char *path, hlrc_result **out)
{
	struct call c;
	call_init(&c, ws);
	GUARDED(&c, out, fmt(&c, path));
}

static int fmt_text(struct call *c, const char *name, const char *text, size_t len)
{
	c->res = result_new();
	struct hlr_diags d;
	hlr_diags_init(&d, &c->scratch);
	struct hlr_source *src = hlr_source_from_memory(&c->scratch, &d, name, text, len);
	if (!src) {
		add_diags(c->res, &c->scratch, &d, NULL, &c->scratch);
		return HLRC_FAILED;
	}
	return fmt_source(c, src, name);
}

int hlrc_fmt_text(hlrc_workspace *ws, const char *name, const char *text, size_t len,
                  hlrc_result **out)
{
	struct call c;
	call_init(&c, ws);
	GUARDED(&c, out, fmt_text(&c, name, text, len));
}

/* --- fix ------------------------------------------------------------------- */

/* A file hlrc_fix edits: its text before and now (malloc'd). */
struct fix_file {
	char *path;          /* as the diagnostics name it (malloc'd) */
	char *orig, *text;
	size_t orig_len, len;
	bool had_text;       /* its text was set from memory before the call */
};

/* One diagnostic's edits, to apply together. */
struct fix_group {
	const struct hlrc_fixit *v;
	size_t n;
	size_t start;        /* where its first edit starts */
	size_t seq;          /* order in the result, to sort stably */
};

/* The text of path as the workspace has it (malloc'd copy in *text). */
static int fix_read(struct call *c, const char *path, char **text, size_t *len, bool *had)
{
	const char *key = normalise(&c->scratch, path);
	struct file *f = file_get(c->ws, key);
	const char *s = f->text;
	size_t n = f->len;
	*had = f->text != NULL;
	if (!s) {
		file_read(f, c->ws->input_limit);
		if (!f->disk)
			return HLRC_FAILED;
		s = f->disk->data;
		n = f->disk->len;
	}
	*text = hlr_xmalloc(n + 1);
	if (n)
		memcpy(*text, s, n);
	(*text)[n] = '\0';
	*len = n;
	return HLRC_OK;
}

static int fix_read_guarded(hlrc_workspace *ws, const char *path, char **text, size_t *len,
                            bool *had)
{
	struct call c;
	call_init(&c, ws);
	hlrc_result **none = NULL;
	GUARDED(&c, none, fix_read(&c, path, text, len, had));
}

/* Whether the file at path is one of paths or a report of a folder among
 * them (normalised in a). */
static bool fix_named(struct hlr_arena *a, const char *path, const char *const *paths, size_t n)
{
	const char *key = normalise(a, path), *base;
	const char *dir = dir_of(a, key, &base);
	for (size_t i = 0; i < n; i++) {
		const char *k = normalise(a, paths[i]);
		if (!strcmp(k, key) || !strcmp(k, dir))
			return true;
	}
	return false;
}

static int by_start(const void *pa, const void *pb)
{
	const struct fix_group *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Applies to f the groups g[0..n) that fit: each edit inside the text,
 * a group's edits in order and apart, and none overlapping an edit taken
 * before it (two insertions at one place are not both taken: their order
 * is not known). Returns whether the text changed. */
static bool fix_apply(struct fix_file *f, struct fix_group *g, size_t n)
{
	qsort(g, n, sizeof *g, by_start);
	struct hlr_buf b = HLR_BUF_INIT;
	size_t at = 0;       /* bytes of f->text copied so far */
	bool ins = false;    /* the last edit taken is an insertion at at */
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		bool ok = true, prev_ins = ins;
		size_t from = at;
		for (size_t k = 0; k < g[i].n && ok; k++) {
			const struct hlrc_fixit *x = &g[i].v[k];
			bool is_ins = x->start == x->end;
			ok = x->start <= x->end && x->end <= f->len && x->start >= from &&
			     !(is_ins && prev_ins && x->start == from);
			from = x->end;
			prev_ins = is_ins;
		}
		if (!ok)
			continue;
		for (size_t k = 0; k < g[i].n; k++) {
			const struct hlrc_fixit *x = &g[i].v[k];
			hlr_buf_put(&b, f->text + at, x->start - at);
			hlr_buf_put(&b, x->replacement, x->replacement_len);
			at = x->end;
			ins = x->start == x->end;
		}
		any = true;
	}
	if (!any) {
		hlr_buf_free(&b);
		return false;
	}
	hlr_buf_put(&b, f->text + at, f->len - at);
	bool changed = b.len != f->len || memcmp(b.data, f->text, f->len);
	free(f->text);
	f->text = hlr_xmalloc(b.len + 1);
	if (b.len)
		memcpy(f->text, b.data, b.len);
	f->text[b.len] = '\0';
	f->len = b.len;
	hlr_buf_free(&b);
	return changed;
}

/* One pass: the fix-its of r applied to the files they are about. Returns
 * HLRC_OK when something changed, HLRC_FAILED when nothing did. */
static int fix_pass(hlrc_workspace *ws, const hlrc_result *r, const char *const *paths,
                    size_t npaths, struct fix_file **files, size_t *nfiles)
{
	const struct hlrc_diagnostic *v;
	size_t nd = hlrc_result_diagnostics(r, &v);
	struct hlr_arena a;
	hlr_arena_init(&a);
	struct fix_group *g = hlr_xmalloc((nd ? nd : 1) * sizeof *g);
	bool changed = false;
	bool *done = hlr_xmalloc(nd ? nd : 1);
	memset(done, 0, nd ? nd : 1);
	for (size_t i = 0; i < nd; i++) {
		if (done[i] || !v[i].nfixits || !v[i].path || !fix_named(&a, v[i].path, paths, npaths))
			continue;
		/* the file's edits, all of them */
		size_t ng = 0;
		for (size_t j = i; j < nd; j++)
			if (!done[j] && v[j].nfixits && v[j].path && !strcmp(v[j].path, v[i].path)) {
				done[j] = true;
				g[ng++] = (struct fix_group){v[j].fixits, v[j].nfixits, v[j].fixits[0].start, j};
			}
		struct fix_file *f = NULL;
		for (size_t k = 0; k < *nfiles; k++)
			if (!strcmp((*files)[k].path, v[i].path))
				f = &(*files)[k];
		if (!f) {
			struct fix_file nf = {0};
			if (fix_read_guarded(ws, v[i].path, &nf.orig, &nf.orig_len, &nf.had_text) != HLRC_OK)
				continue;
			nf.path = hlr_xmalloc(strlen(v[i].path) + 1);
			strcpy(nf.path, v[i].path);
			nf.text = hlr_xmalloc(nf.orig_len + 1);
			memcpy(nf.text, nf.orig, nf.orig_len + 1);
			nf.len = nf.orig_len;
			*files = realloc(*files, (*nfiles + 1) * sizeof **files);
			if (!*files)
				hlr_oom();
			f = &(*files)[(*nfiles)++];
			*f = nf;
		}
		if (fix_apply(f, g, ng)) {
			changed = true;
			hlrc_set_text(ws, f->path, f->text, f->len);
		}
	}
	free(done);
	free(g);
	hlr_arena_free(&a);
	return changed ? HLRC_OK : HLRC_FAILED;
}

int hlrc_fix(hlrc_workspace *ws, const char *const *paths, size_t n, hlrc_result **out)
{
	enum { PASSES = 8 };
	struct fix_file *files = NULL;
	size_t nfiles = 0;
	hlrc_result *r = NULL;
	int rc = hlrc_check(ws, paths, n, &r);
	for (int pass = 0; rc != HLRC_NOMEM && pass < PASSES; pass++) {
		bool changed = fix_pass(ws, r, paths, n, &files, &nfiles) == HLRC_OK;
		hlrc_result_free(r);
		r = NULL;
		rc = hlrc_check(ws, paths, n, &r);
		if (!changed)
			break;
	}
	for (size_t k = 0; k < nfiles; k++) {
		struct fix_file *f = &files[k];
		bool changed = f->len != f->orig_len || memcmp(f->text, f->orig, f->len);
		if (r && changed) {
			struct hlr_buf b = HLR_BUF_INIT;
			hlr_buf_put(&b, f->text, f->len);
			add_output(r, f->path, &b)->changed = 1;
		}
		/* the workspace's texts as they were */
		if (f->had_text)
			hlrc_set_text(ws, f->path, f->orig, f->orig_len);
		else
			hlrc_drop_text(ws, f->path);
		free(f->path);
		free(f->orig);
		free(f->text);
	}
	free(files);
	*out = r;
	return rc;
}

static int new_report(struct call *c, const char *dir, const char *period)
{
	c->res = result_new();
	struct hlr_arena *a = &c->scratch;
	struct hlr_diags d;
	hlr_diags_init(&d, a);
	struct hlr_period given;
	/* a fiscal period is read once the series' fiscal year is known */
	bool fiscal = period && (period[0] == 'P' || !strncmp(period, "FY", 2));
	if (period && !fiscal) {
		const char *err;
		size_t eo, el;
		if (!hlr_period_parse(a, period, strlen(period), &given, &err, &eo, &el)) {
			hlr_diag_file(&d, HLR_ERROR, HLR_C_INVALID_PERIOD, period, "%s", err);
			add_diags(c->res, a, &d, NULL, a);
			return HLRC_BADARG;
		}
	}
	const char *key = normalise(a, dir);
	struct group *g = hlr_strmap_get(&c->ws->groups, key, strlen(key));
	bool series = false;
	if (g || is_dir(dir)) {
		if (!g)
			g = group_get(c->ws, key, dir);
		size_t n;
		group_names(c->ws, g, a, &n, &series);
	}
	if (!series) {
		struct stat st;
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			hlr_diag_file(&d, HLR_ERROR, HLR_C_CANNOT_READ, dir, "cannot read folder: %s",
			              stat(dir, &st) != 0 ? strerror(errno) : "not a folder");
		else
			hlr_diag_file(&d, HLR_ERROR, HLR_C_NOT_SERIES, dir,
			              "not a series folder: it has no %s", HLR_SERIES_FILE);
		add_diags(c->res, a, &d, NULL, a);
		return HLRC_FAILED;
	}
	group_build(c->ws, g, false);
	group_join(g);
	struct hlr_report *latest = g->series ? hlr_series_latest(g->series) : NULL;
	/* a series file and no report yet: the first report, for --period */
	struct hlr_report *sf = g->series && !g->series->n ? g->series->defaults : NULL;
	bool *keep = NULL;
	if (sf) {
		keep = hlr_arena_alloc(a, (g->diags.n ? g->diags.n : 1) * sizeof *keep);
		for (size_t i = 0; i < g->diags.n; i++)
			keep[i] = g->diags.v[i].code != HLR_C_NO_REPORTS;
		if (!period)
			hlr_diag_file(&d, HLR_ERROR, HLR_C_NO_REPORTS, dir,
			              "the series has no report yet; give --period for its first one");
	} else if (!latest) {
		if (g->series && g->series->n)
			hlr_diag_file(&d, HLR_ERROR, HLR_C_NO_REPORTS, dir,
			              "no report of this series has a valid period to follow");
		add_merged(c->res, &g->arena, &g->diags, NULL, &d, a);
		return HLRC_FAILED;
	}
	struct target t = {g, false, latest ? latest : sf, latest ? latest->src : sf->src, NULL};
	if (!keep)
		keep = keep_for(c, &t, true);
	struct hlr_period next;
	if (sf && kept_errors(&g->diags, keep)) {
		hlr_diag_file(&d, HLR_ERROR, HLR_C_LATEST_HAS_ERRORS, sf->src->path,
		              "the first report would follow this series file, which has errors; fix "
		              "them first");
	} else if (sf && d.errors) {
		/* no period to write */
	} else if (sf && fiscal) {
		const char *err;
		size_t eo, el;
		struct hlr_fiscal fy = {sf->fy_start, sf->cadence == HLR_CADENCE_FOURWEEKLY ? 13 : 12};
		if (!hlr_period_parse_in(a, period, strlen(period), &fy, &next, &err, &eo, &el))
			hlr_diag_file(&d, HLR_ERROR, HLR_C_INVALID_PERIOD, period, "%s", err);
	} else if (sf) {
		next = given;
	} else if (kept_errors(&g->diags, keep)) {
		hlr_diag_file(&d, HLR_ERROR, HLR_C_LATEST_HAS_ERRORS, latest->src->path,
		              "the new report would follow this one, which has errors; fix them first");
	} else if (period && fiscal) {
		const char *err;
		size_t eo, el;
		struct hlr_fiscal fy = {latest->fy_start,
		                        latest->cadence == HLR_CADENCE_FOURWEEKLY ? 13 : 12};
		if (!hlr_period_parse_in(a, period, strlen(period), &fy, &next, &err, &eo, &el))
			hlr_diag_file(&d, HLR_ERROR, HLR_C_INVALID_PERIOD, period, "%s", err);
	} else if (period) {
		next = given;
	} else if (!hlr_period_after(&latest->period, latest->cadence, &next)) {
		hlr_diag_file(&d, HLR_ERROR, HLR_C_NO_CADENCE, dir,
		              "the series has no cadence to advance the period by; add a 'cadence' "
		              "line to %s or give --period", HLR_SERIES_FILE);
	}
	char value[48], name[32], ph[64], lph[64];
	if (!d.errors) {
		hlr_new_period_text(&next, value, name);
		if (latest && hlr_date_cmp(next.end, latest->period.end) <= 0) {
			hlr_period_phrase(&next, ph);
			hlr_period_phrase(&latest->period, lph);
			hlr_diag_file(&d, HLR_ERROR, HLR_C_PERIOD_NOT_LATER, dir,
			              "%s does not end after the latest report (%s.hlr, for %s); a new "
			              "report follows the latest one", ph, latest->name, lph);
		}
	}
	const char *path = NULL;
	if (!d.errors) {
		char file[40];
		snprintf(file, sizeof file, "%s.hlr", name);
		path = hlr_path_join(a, dir, file);
		const char *fkey = hlr_path_join(a, g->key, file);
		struct file *f = hlr_strmap_get(&c->ws->files, fkey, strlen(fkey));
		struct stat st;
		if (lstat(path, &st) == 0 || (f && f->text))
			hlr_diag_file(&d, HLR_ERROR, HLR_C_REPORT_EXISTS, path,
			              "already exists; hlrc new never replaces a report");
	}
	if (d.errors) {
		add_merged(c->res, &g->arena, &g->diags, keep, &d, a);
		return HLRC_FAILED;
	}
	if (latest)
		hlr_new_report(&c->buf, a, latest, value);
	else
		hlr_new_first_report(&c->buf, a, sf, value);
	/* the text must compile with the series: the series again, in the
	 * scratch arena, with the new file */
	struct hlr_diags d2;
	hlr_diags_init(&d2, a);
	struct hlr_source **srcs = hlr_arena_alloc(a, (g->nsrcs + 1) * sizeof *srcs);
	for (size_t i = 0; i < g->nsrcs; i++)
		srcs[i] = g->srcs[i] ? hlr_source_view(a, &d2, g->srcs[i]->path, g->srcs[i]->data,
		                                       g->srcs[i]->len) : NULL;
	srcs[g->nsrcs] = hlr_source_from_memory(a, &d2, path, c->buf.data, c->buf.len);
	struct hlr_series *s = srcs[g->nsrcs] ? hlr_series_build(a, &d2, g->display, srcs,
	                                                         g->nsrcs + 1) : NULL;
	struct hlr_report *r = s ? hlr_series_find(s, name, strlen(name)) : NULL;
	bool *keep2 = hlr_arena_alloc(a, (d2.n ? d2.n : 1) * sizeof *keep2);
	if (r) {
		struct group g2 = *g;
		g2.diags = d2;
		g2.series = s;
		struct target t2 = {&g2, false, r, r->src, NULL};
		mark_file(c, &t2, keep2, true);
	} else {
		for (size_t i = 0; i < d2.n; i++)
			keep2[i] = true;
	}
	int status = HLRC_OK;
	if (!r || kept_errors(&d2, keep2)) {
		hlr_diags_init(&d, a);
		hlr_diag_file(&d, HLR_ERROR, HLR_C_NONE, path, "internal error: the new report does not "
		              "compile; nothing was written (please report this with the series)");
		add_diags(c->res, a, &d, NULL, a);
		status = HLRC_INTERNAL;
	}
	add_diags(c->res, a, &d2, keep2, a);
	add_diags(c->res, &g->arena, &g->diags, keep, a);
	if (status == HLRC_OK)
		add_output(c->res, path, &c->buf);
	return status;
}

int hlrc_new(hlrc_workspace *ws, const char *dir, const char *period, hlrc_result **out)
{
	struct call c;
	call_init(&c, ws);
	GUARDED(&c, out, new_report(&c, dir, period));
}

/* --- init ------------------------------------------------------------------ */

static int init_series(struct call *c, const char *dir, const char *profile, const char *period,
                       const char *today)
{
	c->res = result_new();
	struct hlr_arena *a = &c->scratch;
	struct hlr_diags d;
	hlr_diags_init(&d, a);
	const char *cadence = profile ? hlr_init_cadence(profile) : NULL;
	if (!cadence) {
		size_t n;
		const char *const *names = hlr_profile_names(&n);
		const char *sug = profile ? hlr_suggest(profile, strlen(profile), names, n) : NULL;
		hlr_diag_file(&d, HLR_ERROR, HLR_C_UNKNOWN_PROFILE, profile ? profile : "",
		              "unknown profile%s%s%s; expected council, prince2, project-status or own",
		              sug ? "; did you mean '" : "", sug ? sug : "", sug ? "'?" : "");
		add_diags(c->res, a, &d, NULL, a);
		return HLRC_BADARG;
	}
	char given[48];
	if (!period) {
		struct hlr_date t;
		if (!today || !hlr_date_parse_iso(today, strlen(today), &t) || !hlr_date_valid(t))
			return HLRC_BADARG;
		if (!strcmp(cadence, "monthly"))
			snprintf(given, sizeof given, "month %.7s", today);
		else
			snprintf(given, sizeof given, "%s ending %.10s",
			         strcmp(cadence, "weekly") ? "fortnight" : "week", today);
		period = given;
	}
	struct hlr_period p;
	const char *err;
	size_t eo, el;
	if (!hlr_period_parse(a, period, strlen(period), &p, &err, &eo, &el)) {
		hlr_diag_file(&d, HLR_ERROR, HLR_C_INVALID_PERIOD, period, "%s", err);
		add_diags(c->res, a, &d, NULL, a);
		return HLRC_BADARG;
	}
	char value[48], name[32], file[40];
	hlr_new_period_text(&p, value, name);
	snprintf(file, sizeof file, "%s.hlr", name);
	const char *spath = hlr_path_join(a, dir, HLR_SERIES_FILE), *rpath = hlr_path_join(a, dir, file);
	struct stat st;
	if (lstat(spath, &st) == 0)
		hlr_diag_file(&d, HLR_ERROR, HLR_C_REPORT_EXISTS, spath,
		              "already exists: the folder is a series already; hlrc init never "
		              "replaces a file");
	else if (lstat(rpath, &st) == 0)
		hlr_diag_file(&d, HLR_ERROR, HLR_C_REPORT_EXISTS, rpath,
		              "already exists; hlrc init never replaces a file");
	if (d.errors) {
		add_diags(c->res, a, &d, NULL, a);
		return HLRC_FAILED;
	}
	struct hlr_buf sb = HLR_BUF_INIT;
	hlr_init_texts(profile, &sb, &c->buf, value);
	/* both texts must compile as a series, without a warning */
	struct hlr_source *srcs[2];
	srcs[0] = hlr_source_from_memory(a, &d, spath, sb.data, sb.len);
	srcs[1] = hlr_source_from_memory(a, &d, rpath, c->buf.data, c->buf.len);
	struct hlr_series *s = srcs[0] && srcs[1] ? hlr_series_build(a, &d, dir, srcs, 2) : NULL;
	if (!s || d.n) {
		add_diags(c->res, a, &d, NULL, a);
		hlr_diags_init(&d, a);
		hlr_diag_file(&d, HLR_ERROR, HLR_C_NONE, dir, "internal error: the new series does "
		              "not compile; nothing was written");
		add_diags(c->res, a, &d, NULL, a);
		hlr_buf_free(&sb);
		return HLRC_INTERNAL;
	}
	add_output(c->res, spath, &sb);
	add_output(c->res, rpath, &c->buf);
	c->buf = (struct hlr_buf)HLR_BUF_INIT;
	return HLRC_OK;
}

int hlrc_init(hlrc_workspace *ws, const char *dir, const char *profile, const char *period,
              const char *today, hlrc_result **out)
{
	struct call c;
	call_init(&c, ws);
	GUARDED(&c, out, init_series(&c, dir, profile, period, today));
}

/* A report to compare, with its diagnostics (added later) in *keep and
 * extra: NULL for series.hlr or a folder. */
static struct hlr_report *diff_target(struct call *c, const char *path, struct target *t,
                                      bool **keep, struct hlr_diags *extra)
{
	hlr_diags_init(extra, &c->scratch);
	*keep = NULL;
	if (!file_target(c, path, t))
		return NULL;
	*keep = keep_for(c, t, false);
	if (t->report && hlr_report_is_series_file(t->report)) {
		hlr_diag_file(extra, HLR_ERROR, HLR_C_SERIES_FILE, path,
		              "a series file holds shared header fields; compare two reports");
		return NULL;
	}
	return t->report;
}

static int diff(struct call *c, const char *old_path, const char *new_path, int text)
{
	c->res = result_new();
	struct target to, tn;
	struct hlr_diags eo, en;
	bool *ko = NULL, *kn = NULL;
	struct hlr_report *or = NULL, *nr;
	bool failed = false;
	hlr_diags_init(&eo, &c->scratch);
	if (old_path) {
		or = diff_target(c, old_path, &to, &ko, &eo);
		failed = !ko;
	}
	nr = diff_target(c, new_path, &tn, &kn, &en);
	failed |= !kn;
	if (!old_path && nr && !kept_errors(&tn.group->diags, kn) && !en.errors &&
	    !(or = nr->previous))
		hlr_diag_file(&en, HLR_ERROR, HLR_C_NO_PREVIOUS, new_path,
		              "has no previous report to compare with (it is the first of its series, "
		              "or not in a series); give OLD and NEW");
	if (failed || !or || !nr || en.errors || eo.errors || kept_errors(&tn.group->diags, kn) ||
	    (old_path && kept_errors(&to.group->diags, ko))) {
		if (old_path && ko)
			add_merged(c->res, &to.group->arena, &to.group->diags, ko, &eo, &c->scratch);
		if (kn)
			add_merged(c->res, &tn.group->arena, &tn.group->diags, kn, &en, &c->scratch);
		return HLRC_FAILED;
	}
	/* the texts of both are joined in their generations' arenas; the
	 * comparison's own tables go to the scratch arena */
	group_join(tn.group);
	if (old_path)
		group_join(to.group);
	hlr_diff(&c->scratch, or, nr, !text, &c->buf);
	add_output(c->res, NULL, &c->buf);
	return HLRC_OK;
}

int hlrc_diff(hlrc_workspace *ws, const char *old_path, const char *new_path, int text,
              hlrc_result **out)
{
	struct call c;
	call_init(&c, ws);
	GUARDED(&c, out, diff(&c, old_path, new_path, text));
}

/* --- import ------------------------------------------------------------------ */

static int import(struct call *c, const char *const *paths, size_t n, const char *dir)
{
	c->res = result_new();
	struct hlr_diags d;
	hlr_diags_init(&d, &c->scratch);
	struct hlr_diags ld; /* the listing's own (skipped files) are not this call's */
	hlr_diags_init(&ld, &c->scratch);
	size_t nnames = 0;
	char **names = is_dir(dir) ? hlr_series_list(&c->scratch, &ld, dir, &nnames) : NULL;
	if (nnames) {
		hlr_diag_file(&d, HLR_ERROR, HLR_C_CANNOT_WRITE, dir,
		              "holds .hlr files already (%s): import into a new or empty folder",
		              names[0]);
		add_diags(c->res, &c->scratch, &d, NULL, &c->scratch);
		return HLRC_FAILED;
	}
	struct hlr_import_input *in = hlr_arena_alloc(&c->scratch, (n ? n : 1) * sizeof *in);
	size_t limit = c->ws->input_limit && c->ws->input_limit < HLR_IMPORT_MAX_INPUT
	                   ? c->ws->input_limit : HLR_IMPORT_MAX_INPUT;
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		struct file *f = file_get(c->ws, normalise(&c->scratch, paths[i]));
		in[i].path = paths[i];
		if (f->text) {
			in[i].data = f->text;
			in[i].len = f->len;
			continue;
		}
		if (is_dir(paths[i])) {
			hlr_diag_file(&d, HLR_ERROR, HLR_C_CANNOT_READ, paths[i],
			              "is a directory, not a report to import");
			ok = false;
			continue;
		}
		file_read(f, limit);
		if (!f->disk) {
			hlr_diag_file(&d, HLR_ERROR, f->err_code == HLR_C_TOO_LARGE ? HLR_C_IMPORT_LIMIT
			              : f->err_code != HLR_C_NONE ? f->err_code : HLR_C_CANNOT_READ,
			              paths[i], "%s", f->err_code == HLR_C_TOO_LARGE
			              ? "is larger than hlrc import reads (16 MiB; a highlight report is a "
			                "few kilobytes): is it the right file?"
			              : f->err_msg ? f->err_msg : "cannot read file");
			f->read = false; /* the limit was import's: read again when next named */
			f->err_code = HLR_C_NONE;
			f->err_msg = NULL;
			ok = false;
			continue;
		}
		in[i].data = f->disk->data;
		in[i].len = f->disk->len;
	}
	struct hlr_import_file *files = NULL;
	size_t nf = 0;
	int rc = ok ? hlr_import(&c->scratch, &d, in, n, dir, &files, &nf) : HLRC_FAILED;
	add_diags(c->res, &c->scratch, &d, NULL, &c->scratch);
	for (size_t i = 0; i < nf; i++)
		add_output(c->res, files[i].path, &files[i].text);
	return rc;
}

int hlrc_import(hlrc_workspace *ws, const char *const *paths, size_t n, const char *dir,
                hlrc_result **out)
{
	struct call c;
	call_init(&c, ws);
	GUARDED(&c, out, import(&c, paths, n, dir));
}

int hlrc_unsafe_name(const char *path)
{
	return hlr_has_control(path);
}

const char *hlrc_version(void)
{
	return HLRC_VERSION;
}

const char *hlrc_cmark_version(void)
{
	return cmark_version_string();
}

/* --- queries (compiler/query.c) -------------------------------------------- */

struct query_call {
	int (*fn)(void *ctx, const struct hlr_query_target *t);
	void *ctx;
};

static int query(struct call *c, const char *path, struct query_call *q)
{
	c->res = result_new();
	struct target t;
	resolve_target(c, path, &t);
	group_join(t.group);
	struct hlr_query_target qt = {
		.report = t.folder ? NULL : t.report,
		.reports = t.group->reports,
		.n = t.group->n,
		.defaults = t.group->series ? t.group->series->defaults : NULL,
		.scratch = &c->scratch,
	};
	return q->fn(q->ctx, &qt);
}

int hlr_query_run(hlrc_workspace *ws, const char *path,
                  int (*fn)(void *ctx, const struct hlr_query_target *t), void *ctx)
{
	struct call c;
	call_init(&c, ws);
	struct query_call q = {fn, ctx};
	hlrc_result **none = NULL;
	GUARDED(&c, none, query(&c, path, &q));
}
