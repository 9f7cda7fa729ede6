/* cli: hlrc build. Renders through the library, then writes each output
 * atomically (runtime/outfile.h) and, with --depfile, a make rule. */
#include "compiler/cli/cli.h"
#include "runtime/buf.h"
#include "runtime/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static bool format_from_name(const char *s, enum hlrc_format *f)
{
	if (!strcmp(s, "md") || !strcmp(s, "markdown"))
		*f = HLRC_FORMAT_MD;
	else if (!strcmp(s, "html"))
		*f = HLRC_FORMAT_HTML;
	else if (!strcmp(s, "json"))
		*f = HLRC_FORMAT_JSON;
	else if (!strcmp(s, "docx"))
		*f = HLRC_FORMAT_DOCX;
	else
		return false;
	return true;
}

static bool format_from_path(const char *path, enum hlrc_format *f)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash))
		return false;
	dot++;
	if (!strcasecmp(dot, "md") || !strcasecmp(dot, "markdown"))
		*f = HLRC_FORMAT_MD;
	else if (!strcasecmp(dot, "html") || !strcasecmp(dot, "htm"))
		*f = HLRC_FORMAT_HTML;
	else if (!strcasecmp(dot, "json"))
		*f = HLRC_FORMAT_JSON;
	else if (!strcasecmp(dot, "docx"))
		*f = HLRC_FORMAT_DOCX;
	else
		return false;
	return true;
}

/* A path as make (and ninja) read it in a rule: a space, '#', ':' and
 * '\\' behind a backslash, '$' doubled. */
static void make_path(struct hlr_buf *b, const char *p)
{
	for (; *p; p++) {
		if (*p == ' ' || *p == '#' || *p == ':' || *p == '\\')
			hlr_buf_putc(b, '\\');
		if (*p == '$')
			hlr_buf_putc(b, '$');
		hlr_buf_putc(b, *p);
	}
}

/* A path no make rule can hold: a line end, a tab or another control
 * character would end the rule or start a recipe (a file named so could
 * run a command in whoever's make includes the depfile). */
static bool unsafe_for_make(const char *p)
{
	return hlrc_unsafe_name(p) != 0; /* the rule hlrc check applies to file names */
}

/* Writes "target: dep dep ..." and a phony rule per dependency, as cc -MD
 * -MP does, so make rebuilds an output when any file it was made from
 * changes. Returns the first path that cannot be written safely, or NULL. */
static const char *depfile_rule(struct hlr_buf *b, const char *target, const struct hlrc_output *o)
{
	if (unsafe_for_make(target))
		return target;
	for (size_t i = 0; i < o->ndeps; i++)
		if (unsafe_for_make(o->deps[i]))
			return o->deps[i];
	make_path(b, target);
	hlr_buf_putc(b, ':');
	for (size_t i = 0; i < o->ndeps; i++) {
		hlr_buf_putc(b, ' ');
		make_path(b, o->deps[i]);
	}
	hlr_buf_putc(b, '\n');
	for (size_t i = 1; i < o->ndeps; i++) {
		make_path(b, o->deps[i]);
		hlr_buf_puts(b, ":\n");
	}
	return NULL;
}

/* Before anything is written: the first path a depfile of this build
 * would hold that no make rule can (the output, the input, the folder and
 * the .hlr files listed in it), reported as an error in *bad (NULL if
 * none). Returns false when out of memory. */
static bool depfile_check(hlrc_workspace *ws, const struct cli_args *a, bool dir,
                          hlrc_result **bad)
{
	const char *out = a->value[OPT_OUTPUT], *input = a->files[0];
	*bad = NULL;
	struct hlr_buf folder = HLR_BUF_INIT;
	const char *slash = strrchr(input, '/');
	if (dir)
		hlr_buf_puts(&folder, input);
	else if (slash)
		hlr_buf_put(&folder, input, (size_t)(slash - input) + (slash == input));
	else
		hlr_buf_puts(&folder, ".");
	hlrc_result *files;
	if (hlrc_files(ws, folder.data, &files) == HLRC_NOMEM) {
		hlr_buf_free(&folder);
		return false;
	}
	const struct hlrc_output *v;
	size_t n = hlrc_result_outputs(files, &v);
	const char *name = unsafe_for_make(out) ? out : unsafe_for_make(input) ? input
	                   : unsafe_for_make(folder.data) ? folder.data : NULL;
	for (size_t i = 0; i < n && !name; i++)
		if (unsafe_for_make(v[i].name))
			name = v[i].name;
	if (name)
		hlrc_result_add_error(files, "cannot-write", name,
		                      "this name holds a line end, a tab or another control "
		                      "character, which no make rule can hold safely; "
		                      "rename the file (nothing was written)");
	hlr_buf_free(&folder);
	if (name)
		*bad = files;
	else
		hlrc_result_free(files);
	return true;
}

static int write_file(void *fp, const char *p, size_t n)
{
	return fwrite(p, 1, n, fp) == n ? 0 : -1;
}

/* A folder's reports, each into its file as it is made, in a temporary
 * folder that takes the place of OUTDIR only when all went well. */
struct folder_out {
	const char *dir;          /* OUTDIR, as named */
	struct hlr_outdir out;    /* the folder being written */
	FILE *fp;                 /* the report being written, or NULL */
	bool force;               /* --force: read-only files are replaced */
	char *readonly;           /* the read-only file that stopped the run */
};

static int folder_close(struct folder_out *f)
{
	if (!f->fp)
		return 0;
	FILE *fp = f->fp;
	f->fp = NULL;
	return hlr_outdir_close(fp);
}

static int folder_begin(void *ctx, const char *name)
{
	struct folder_out *f = ctx;
	if (folder_close(f) != 0)
		return -1;
	if (!f->force) {
		struct hlr_buf path = HLR_BUF_INIT;
		hlr_buf_printf(&path, "%s/%s", f->dir, name);
		if (hlr_outfile_writable(path.data) != 0) {
			int e = errno;
			free(f->readonly);
			f->readonly = path.data;
			errno = e;
			return -1;
		}
		hlr_buf_free(&path);
	}
	f->fp = hlr_outdir_file(&f->out, name);
	return f->fp ? 0 : -1;
}

static int folder_write(void *ctx, const char *p, size_t n)
{
	struct folder_out *f = ctx;
	return write_file(f->fp, p, n);
}

/* An output kept in the result, into the folder. */
static int folder_put(struct folder_out *f, const char *name, const char *data, size_t len)
{
	if (folder_begin(f, name) != 0)
		return -1;
	int rc = fwrite(data, 1, len, f->fp) == len ? 0 : -1;
	int e = errno;
	if (folder_close(f) != 0 && rc == 0)
		return -1;
	errno = e;
	return rc;
}

/* The error for a read-only output, which --force would replace. */
static void readonly_error(hlrc_result *r, const char *path)
{
	char msg[512];
	snprintf(msg, sizeof msg, "the output file is read-only (%s); hlrc does not replace it "
	                          "unless --force is given", strerror(errno));
	hlrc_result_add_error(r, "cannot-write", path, msg);
}

/* Writes the outputs of r that were not written as they were made (their
 * data is NULL), and the depfile; returns the exit status. */
static int write_outputs(hlrc_result *r, const struct cli_args *a, struct folder_out *folder)
{
	bool dir = folder != NULL;
	const char *out = a->value[OPT_OUTPUT], *depfile = a->value[OPT_DEPFILE];
	const struct hlrc_output *v;
	size_t n = hlrc_result_outputs(r, &v);
	struct hlr_buf deps = HLR_BUF_INIT;
	int status = 0;
	for (size_t i = 0; i < n && !status; i++) {
		struct hlr_buf path = HLR_BUF_INIT;
		if (dir)
			hlr_buf_printf(&path, "%s/%s", out, v[i].name);
		else if (out)
			hlr_buf_puts(&path, out);
		if (v[i].data && dir && folder_put(folder, v[i].name, v[i].data, v[i].len) != 0) {
			char msg[512];
			snprintf(msg, sizeof msg, "cannot write output: %s", strerror(errno));
			hlrc_result_add_error(r, "cannot-write", path.data, msg);
			status = EXIT_INPUT;
		} else if (v[i].data && !dir &&
		           cli_write(r, path.data, v[i].data, v[i].len, "cannot write output") != 0)
			status = EXIT_INPUT;
		else if (depfile) {
			const char *bad = depfile_rule(&deps, path.data, &v[i]);
			if (bad) {
				hlrc_result_add_error(r, "cannot-write", bad,
				                      "this name holds a line end, a tab or another control "
				                      "character, which no make rule can hold safely; "
				                      "rename the file");
				status = EXIT_INPUT;
			}
		}
		hlr_buf_free(&path);
	}
	if (!status && depfile &&
	    cli_write(r, depfile, deps.data ? deps.data : "", deps.len, "cannot write") != 0)
		status = EXIT_INPUT;
	hlr_buf_free(&deps);
	return status;
}

/* Whether path names the same file as one of the run's inputs: the named
 * file, or any .hlr file of the folder it is read with (a series reads
 * them all). An output that does not exist yet is no input. */
static bool is_input(hlrc_workspace *ws, const char *path, const char *input, bool dir)
{
	struct stat out, in;
	if (!path || !strcmp(path, "-") || stat(path, &out) != 0 || !S_ISREG(out.st_mode))
		return false;
	if (stat(input, &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
		return true;
	struct hlr_buf folder = HLR_BUF_INIT;
	const char *slash = strrchr(input, '/');
	if (dir)
		hlr_buf_puts(&folder, input);
	else if (slash)
		hlr_buf_put(&folder, input, (size_t)(slash - input) + (slash == input));
	else
		hlr_buf_puts(&folder, ".");
	hlrc_result *files;
	bool same = false;
	if (hlrc_files(ws, folder.data, &files) != HLRC_NOMEM) {
		const struct hlrc_output *v;
		size_t n = hlrc_result_outputs(files, &v);
		for (size_t i = 0; i < n && !same; i++)
			same = stat(v[i].name, &in) == 0 && in.st_dev == out.st_dev &&
			       in.st_ino == out.st_ino;
		hlrc_result_free(files);
	}
	hlr_buf_free(&folder);
	return same;
}

/* Prints why the depfile could not be written and frees r and ws. */
static int depfile_refused(hlrc_workspace *ws, enum hlrc_diag_format f, hlrc_result *r)
{
	int status = EXIT_INPUT;
	hlrc_printer *p = hlrc_printer_new(f);
	if (!p)
		status = cli_status(HLRC_NOMEM);
	else {
		cli_print_diags(p, r, stderr);
		if (hlrc_printer_end(p) != HLRC_OK)
			status = cli_status(HLRC_NOMEM);
		else
			cli_print_diags(p, NULL, stderr);
		hlrc_printer_free(p);
	}
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	return status;
}

int cli_build(const struct cli_args *a)
{
	enum hlrc_diag_format f;
	bool werror;
	int status;
	if (!cli_diag_opts(a, &f, &werror, &status))
		return status;
	const char *to = a->value[OPT_TO], *out = a->value[OPT_OUTPUT];
	struct hlrc_render_opts ro = {.format = HLRC_FORMAT_MD, .fragment = a->set[OPT_FRAGMENT],
	                              .for_tag = a->value[OPT_FOR]};
	if (to && !format_from_name(to, &ro.format))
		return cli_usage(a->cmd, "unknown format '%s' (expected md, html, json or docx)", to);
	if (a->nfiles != 1)
		return cli_usage(a->cmd, "%s", a->nfiles ? "build takes one FILE or folder"
		                                         : "build needs a FILE");
	bool dir = cli_is_dir(a->files[0]);
	if (!to && out && !dir)
		format_from_path(out, &ro.format);
	if (ro.fragment && ro.format != HLRC_FORMAT_HTML)
		return cli_usage(a->cmd, "%s", "--fragment goes with HTML output");
	/* a Word document is bytes no terminal shows */
	if (ro.format == HLRC_FORMAT_DOCX && !dir && (!out || !strcmp(out, "-")) &&
	    isatty(STDOUT_FILENO))
		return cli_usage(a->cmd, "%s", "a Word document is not written to a terminal: "
		                               "give -o FILE.docx, or redirect standard output");
	if (dir && !out)
		return cli_usage(a->cmd, "%s", "building a folder needs -o OUTDIR");
	if (a->value[OPT_DEPFILE] && (!out || !strcmp(out, "-")))
		return cli_usage(a->cmd, "%s", "--depfile needs -o OUT");

	hlrc_workspace *ws = cli_workspace();
	const char *in = cli_input(ws, a->files[0]); /* '-': standard input */
	/* nothing is written over a file the run reads */
	const char *outputs[2] = {dir ? NULL : out, a->value[OPT_DEPFILE]};
	for (int i = 0; i < 2; i++)
		if (is_input(ws, outputs[i], in, dir)) {
			hlrc_workspace_free(ws);
			return cli_usage(a->cmd, "'%s' is an input of this build; writing there would "
			                         "overwrite it", outputs[i]);
		}
	/* nor over a read-only file, unless --force */
	for (int i = 0; i < 2 && !a->set[OPT_FORCE]; i++)
		if (outputs[i] && strcmp(outputs[i], "-") && hlr_outfile_writable(outputs[i]) != 0) {
			char msg[512];
			snprintf(msg, sizeof msg, "the output file is read-only (%s); hlrc does not "
			                          "replace it unless --force is given", strerror(errno));
			cli_error(outputs[i], "cannot-write", msg);
			hlrc_workspace_free(ws);
			return EXIT_INPUT;
		}
	hlrc_result *r;
	if (a->value[OPT_DEPFILE]) {
		if (!depfile_check(ws, a, dir, &r)) {
			hlrc_workspace_free(ws);
			return cli_status(HLRC_NOMEM);
		}
		if (r) /* refused before any output is written */
			return depfile_refused(ws, f, r);
	}
	ro.werror = werror;
	/* one report goes to its file (or standard output) as it is made,
	 * into a temporary that becomes the file only if all went well */
	struct hlr_outfile file;
	bool streamed = !dir;
	struct folder_out folder = {out, {0}, NULL, a->set[OPT_FORCE], NULL};
	if (dir && hlr_outdir_open(&folder.out, out) != 0) {
		int e = errno;
		int rc = hlrc_render(ws, in, &ro, &r);
		if (rc == HLRC_NOMEM)
			return cli_status(rc);
		char msg[512];
		snprintf(msg, sizeof msg, "cannot make folder: %s",
		         e == EBUSY ? "it holds the current folder" : strerror(e));
		if (rc == HLRC_OK)
			hlrc_result_add_error(r, "cannot-write", out, msg);
		status = EXIT_INPUT;
	} else if (dir) {
		/* each report into its file as it is made; OUTDIR changes only
		 * when every one was written */
		ro.write = folder_write;
		ro.begin = folder_begin;
		ro.write_ctx = &folder;
		int rc = hlrc_render(ws, in, &ro, &r);
		if (rc == HLRC_NOMEM) {
			folder_close(&folder);
			hlr_outdir_abort(&folder.out);
			return cli_status(rc);
		}
		if (rc == HLRC_OK && folder_close(&folder) != 0) {
			char msg[512];
			snprintf(msg, sizeof msg, "cannot write output: %s", strerror(errno));
			hlrc_result_add_error(r, "cannot-write", out, msg);
			rc = HLRC_FAILED;
		}
		status = rc == HLRC_OK ? write_outputs(r, a, &folder) : EXIT_INPUT;
		if (!status && hlr_outdir_commit(&folder.out) != 0) {
			char msg[512];
			snprintf(msg, sizeof msg, "cannot write output: %s", strerror(errno));
			hlrc_result_add_error(r, "cannot-write",
			                      folder.out.err_path ? folder.out.err_path : out, msg);
			free(folder.out.err_path);
			status = EXIT_INPUT;
		}
		if (status) {
			if (folder.fp)
				fclose(folder.fp);
			hlr_outdir_abort(&folder.out);
		}
		if (folder.readonly) {
			errno = EACCES;
			readonly_error(r, folder.readonly);
			free(folder.readonly);
		}
	} else if (streamed && hlr_outfile_open(&file, out) != 0) {
		/* the report's own problems first, then why nothing was written */
		int e = errno;
		int rc = hlrc_render(ws, in, &ro, &r);
		if (rc == HLRC_NOMEM)
			return cli_status(rc);
		if (rc == HLRC_OK) {
			char msg[512];
			snprintf(msg, sizeof msg, "cannot write output: %s", strerror(e));
			hlrc_result_add_error(r, "cannot-write", out ? out : "<stdout>", msg);
		}
		status = EXIT_INPUT;
	} else {
		if (streamed) {
			ro.write = write_file;
			ro.write_ctx = file.fp;
		}
		int rc = hlrc_render(ws, in, &ro, &r);
		if (rc == HLRC_NOMEM) {
			if (streamed)
				hlr_outfile_abort(&file);
			return cli_status(rc);
		}
		if (rc != HLRC_OK) {
			status = EXIT_INPUT;
			if (streamed)
				hlr_outfile_abort(&file);
		} else if (streamed && hlr_outfile_commit(&file) != 0) {
			char msg[512];
			snprintf(msg, sizeof msg, "cannot write output: %s", strerror(errno));
			hlrc_result_add_error(r, "cannot-write", out ? out : "<stdout>", msg);
			status = EXIT_INPUT;
		} else {
			status = write_outputs(r, a, NULL);
		}
	}
	hlrc_printer *p = hlrc_printer_new(f);
	if (!p)
		return cli_status(HLRC_NOMEM);
	if (!cli_source_root(a, p, &status)) {
		hlrc_printer_free(p);
		hlrc_result_free(r);
		hlrc_workspace_free(ws);
		return status;
	}
	cli_print_diags(p, r, stderr);
	if (hlrc_printer_end(p) != HLRC_OK)
		return cli_status(HLRC_NOMEM);
	cli_print_diags(p, NULL, stderr);
	hlrc_printer_free(p);
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	return status;
}
