/* cli: hlrc check, and the options it shares with build. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "compiler/cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* --diagnostics and --werror/--fail-on; false (after a usage error) when
 * a value is not known. */
bool cli_diag_opts(const struct cli_args *a, enum hlrc_diag_format *f, bool *werror, int *status)
{
	*f = HLRC_DIAG_GCC;
	*werror = a->set[OPT_WERROR];
	const char *v = a->value[OPT_DIAGNOSTICS];
	if (v && !hlrc_diag_format_from_name(v, f)) {
		*status = cli_usage(a->cmd, "unknown diagnostics format '%s' (expected gcc, json, sarif, "
		                            "github or gitlab)", v);
		return false;
	}
	v = a->value[OPT_FAIL_ON];
	if (v && !strcmp(v, "warning"))
		*werror = true;
	else if (v && strcmp(v, "error")) {
		*status = cli_usage(a->cmd, "--fail-on takes 'error' or 'warning', not '%s'", v);
		return false;
	}
	return true;
}

/* --- check --changed ---------------------------------------------------- */

/* The paths to check, each malloc'd, with a key each. */
struct pathset {
	char **v, **keys;   /* paths as named, and their keys */
	size_t n, cap;      /* count and capacity */
};

static char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (!d)
		exit(EXIT_INTERNAL);
	return d;
}

/* The folder part of path ("." when none), malloc'd. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	char *d = strndup(path, slash == path ? 1 : (size_t)(slash - path));
	if (!d)
		exit(EXIT_INTERNAL);
	return d;
}

/* A path as one key, however it is written: its folder's real path, "/",
 * its name (the file itself may be gone). NULL when the folder is gone. */
static char *path_key(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = folder_of(path);
	char *real = realpath(dir, NULL);
	free(dir);
	if (!real)
		return NULL;
	const char *base = slash ? slash + 1 : path;
	char *key = malloc(strlen(real) + strlen(base) + 2);
	if (!key)
		exit(EXIT_INTERNAL);
	sprintf(key, "%s/%s", real, base);
	free(real);
	return key;
}

/* Whether keys a and b name files of the same folder. */
static bool same_folder(const char *a, const char *b)
{
	size_t n = (size_t)(strrchr(a, '/') - a);
	return n == (size_t)(strrchr(b, '/') - b) && !strncmp(a, b, n);
}

/* Adds path (key taken) unless a path with the same key is there. */
static void pathset_add(struct pathset *s, const char *path, char *key)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->keys[i], key)) {
			free(key);
			return;
		}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		s->keys = realloc(s->keys, s->cap * sizeof *s->keys);
		if (!s->v || !s->keys)
			exit(EXIT_INTERNAL);
	}
	s->v[s->n] = xstrdup(path);
	s->keys[s->n++] = key;
}

static void pathset_free(struct pathset *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i]);
		free(s->keys[i]);
	}
	free(s->v);
	free(s->keys);
}

static bool is_report_file(const char *path)
{
	size_t n = strlen(path);
	return n >= 4 && !strcmp(path + n - 4, ".hlr");
}

static void no_memory(int rc)
{
	if (rc == HLRC_NOMEM)
		exit(cli_status(rc));
}

/* The reports to check when the files a->files changed: the .hlr files
 * among them that exist, then, folder by folder, every report whose output
 * depends on one of them (the files it is rendered from: series.hlr, its
 * previous report, the reports it carries from or refers to); every report
 * of the folder when one of them is gone (whose previous or source it was
 * cannot be told any more) or when the folder does not render (it is then
 * checked as a whole). Other
 * files (not .hlr) are left out. */
static void changed_reports(hlrc_workspace *ws, const struct cli_args *a, struct pathset *s)
{
	size_t nf = (size_t)a->nfiles;
	char **changed = calloc(nf + 1, sizeof *changed);
	bool *gone = calloc(nf + 1, sizeof *gone);
	if (!changed || !gone)
		exit(EXIT_INTERNAL);
	for (size_t i = 0; i < nf; i++) {
		if (!is_report_file(a->files[i]) || !(changed[i] = path_key(a->files[i])))
			continue;
		struct stat st;
		gone[i] = stat(a->files[i], &st) != 0;
		if (!gone[i] && S_ISREG(st.st_mode) && strcmp(strrchr(changed[i], '/'), "/series.hlr"))
			pathset_add(s, a->files[i], xstrdup(changed[i]));
	}
	for (size_t i = 0; i < nf; i++) {
		bool first = changed[i] != NULL, any_gone = false;
		for (size_t k = 0; k < i && first; k++)
			first = !changed[k] || !same_folder(changed[k], changed[i]);
		if (!first)
			continue;
		for (size_t k = i; k < nf; k++)
			any_gone |= changed[k] && gone[k] && same_folder(changed[k], changed[i]);
		char *dir = folder_of(a->files[i]);
		hlrc_result *r = NULL;
		const struct hlrc_output *v;
		size_t n = 0;
		struct hlrc_render_opts ro = {.format = HLRC_FORMAT_MD};
		int rc = any_gone ? HLRC_FAILED : hlrc_render(ws, dir, &ro, &r);
		no_memory(rc);
		if (rc == HLRC_OK) {
			/* an output per report: deps[0] is the report, then what it is
			 * made from */
			n = hlrc_result_outputs(r, &v);
			for (size_t j = 0; j < n; j++) {
				bool depends = false;
				for (size_t d = 0; d < v[j].ndeps && !depends; d++) {
					char *key = path_key(v[j].deps[d]);
					for (size_t k = i; key && k < nf && !depends; k++)
						depends = changed[k] && !strcmp(changed[k], key);
					free(key);
				}
				char *key = depends && v[j].ndeps ? path_key(v[j].deps[0]) : NULL;
				if (key)
					pathset_add(s, v[j].deps[0], key);
			}
		} else {
			/* the whole folder */
			char *real = realpath(dir, NULL);
			if (real)
				pathset_add(s, dir, real);
		}
		hlrc_result_free(r);
		free(dir);
	}
	for (size_t i = 0; i < nf; i++)
		free(changed[i]);
	free(changed);
	free(gone);
}

bool cli_source_root(const struct cli_args *a, hlrc_printer *p, int *status)
{
	int rc = hlrc_printer_source_root(p, a->value[OPT_SOURCE_ROOT]);
	if (rc == HLRC_BADARG)
		*status = cli_usage(a->cmd, "--source-root: '%s' is not a folder that can be read",
		                    a->value[OPT_SOURCE_ROOT] ? a->value[OPT_SOURCE_ROOT] : ".");
	else if (rc != HLRC_OK)
		*status = cli_status(rc);
	return rc == HLRC_OK;
}

int cli_check(const struct cli_args *a)
{
	enum hlrc_diag_format f;
	bool werror;
	int status;
	if (!cli_diag_opts(a, &f, &werror, &status))
		return status;
	if (!a->nfiles && !a->set[OPT_CHANGED])
		return cli_usage(a->cmd, "%s", "check needs at least one FILE");
	hlrc_workspace *ws = cli_workspace();
	hlrc_result *r = NULL;
	/* '-' is standard input (a->files has room for it) */
	for (int i = 0; i < a->nfiles; i++)
		a->files[i] = cli_input(ws, a->files[i]);
	struct pathset changed = {NULL, NULL, 0, 0};
	if (a->set[OPT_CHANGED])
		changed_reports(ws, a, &changed);
	int rc = HLRC_OK; /* --changed with no report among the files: nothing to check */
	if (!a->set[OPT_CHANGED])
		rc = hlrc_check(ws, a->files, (size_t)a->nfiles, &r);
	else if (changed.n)
		rc = hlrc_check(ws, (const char *const *)changed.v, changed.n, &r);
	pathset_free(&changed);
	if (rc == HLRC_NOMEM)
		return cli_status(rc);
	/* machine-readable diagnostics go to standard output */
	FILE *fp = f == HLRC_DIAG_GCC ? stderr : stdout;
	hlrc_printer *p = hlrc_printer_new(f);
	if (!p)
		return cli_status(HLRC_NOMEM);
	if (!cli_source_root(a, p, &status)) {
		hlrc_printer_free(p);
		hlrc_result_free(r);
		hlrc_workspace_free(ws);
		return status;
	}
	cli_print_diags(p, r, fp);
	if (hlrc_printer_end(p) != HLRC_OK)
		return cli_status(HLRC_NOMEM);
	cli_print_diags(p, NULL, fp);
	status = r && (hlrc_result_errors(r) || (werror && hlrc_result_warnings(r))) ? EXIT_INPUT : 0;
	hlrc_printer_free(p);
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	return status;
}
