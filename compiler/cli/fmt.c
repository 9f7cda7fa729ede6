/* cli: hlrc fmt. The library lays a report out (hlrc_fmt); this prints
 * it, lists it (--check) or replaces the file (-w), atomically, keeping
 * its permissions and following a symbolic link to the file it names. */
#include "compiler/cli/cli.h"
#include "runtime/buf.h"
#include "runtime/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Worst of two exit statuses: internal error, then input error. */
static int worst(int a, int b)
{
	if (a == EXIT_INTERNAL || b == EXIT_INTERNAL)
		return EXIT_INTERNAL;
	return a > b ? a : b;
}

/* Reads all of standard input into b. */
static bool read_stdin(struct hlr_buf *b)
{
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		hlr_buf_put(b, chunk, n);
	return !ferror(stdin);
}

/* The file a chain of symbolic links at path ends at (malloc'd), or NULL
 * when path is not a link. */
static char *link_target(const char *path)
{
	char *cur = NULL;
	struct stat st;
	for (int hops = 0; hops < 40 && lstat(cur ? cur : path, &st) == 0 && S_ISLNK(st.st_mode);
	     hops++) {
		const char *at = cur ? cur : path;
		char buf[4096];
		ssize_t n = readlink(at, buf, sizeof buf - 1);
		if (n <= 0)
			break;
		buf[n] = '\0';
		const char *slash = strrchr(at, '/');
		size_t dn = buf[0] == '/' || !slash ? 0 : (size_t)(slash - at) + 1;
		char *next = malloc(dn + (size_t)n + 1);
		if (!next)
			break;
		memcpy(next, at, dn);
		memcpy(next + dn, buf, (size_t)n + 1);
		free(cur);
		cur = next;
	}
	return cur;
}

/* Replaces path with o's text, atomically, keeping the file's permissions;
 * a symbolic link is followed, and the file it names is replaced. */
static int rewrite(const char *path, const struct hlrc_output *o)
{
	struct stat st;
	bool have_mode = stat(path, &st) == 0;
	char *real = link_target(path);
	struct hlr_outfile out;
	int rc = hlr_outfile_open(&out, real ? real : path);
	free(real);
	if (rc == 0) {
		if (have_mode)
			(void)fchmod(fileno(out.fp), st.st_mode & 07777);
		if (fwrite(o->data, 1, o->len, out.fp) == o->len && hlr_outfile_commit(&out) == 0)
			return 0;
		int e = errno;
		if (out.fp)
			hlr_outfile_abort(&out);
		errno = e;
	}
	char msg[512];
	snprintf(msg, sizeof msg, "cannot write: %s", strerror(errno));
	cli_error(path, "cannot-write", msg);
	return -1;
}

/* Formats one file ("-": standard input); returns its exit status.
 * *unformatted is set when it was not in the canonical layout. */
static int fmt_file(hlrc_workspace *ws, const char *path, const struct cli_args *a,
                    bool *unformatted)
{
	hlrc_result *r;
	int rc;
	bool std = !strcmp(path, "-");
	if (std) {
		struct hlr_buf in = HLR_BUF_INIT;
		if (!read_stdin(&in)) {
			char msg[512];
			snprintf(msg, sizeof msg, "cannot read standard input: %s", strerror(errno));
			cli_error("<stdin>", "cannot-read", msg);
			hlr_buf_free(&in);
			return EXIT_INPUT;
		}
		/* text from a pipe has no folder, hence no series: only its
		 * syntax is checked */
		rc = hlrc_fmt_text(ws, "<stdin>", in.data ? in.data : "", in.len, &r);
		hlr_buf_free(&in);
	} else {
		rc = hlrc_fmt(ws, path, &r);
	}
	if (rc == HLRC_NOMEM)
		return cli_status(rc);
	int status = cli_status(rc);
	const struct hlrc_output *v;
	if (!status && hlrc_result_outputs(r, &v) == 1) {
		*unformatted = v->changed;
		if (a->set[OPT_CHECK] && v->changed)
			printf("%s\n", path);
		if (a->set[OPT_WRITE] && v->changed && !std) {
			if (rewrite(path, v) != 0)
				status = EXIT_INPUT;
		} else if (!a->set[OPT_CHECK] && (!a->set[OPT_WRITE] || std)) {
			if (fwrite(v->data, 1, v->len, stdout) != v->len)
				status = EXIT_INPUT;
		}
	}
	if (status)
		cli_report(r);
	hlrc_result_free(r);
	return status;
}

/* Formats every .hlr file of folder dir; returns the worst status. */
static int fmt_folder(hlrc_workspace *ws, const char *dir, const struct cli_args *a,
                      bool *any_unformatted)
{
	hlrc_result *files;
	int rc = hlrc_files(ws, dir, &files);
	if (rc == HLRC_NOMEM)
		return cli_status(rc);
	int status = cli_status(rc);
	if (status)
		cli_report(files);
	const struct hlrc_output *v;
	size_t n = hlrc_result_outputs(files, &v);
	for (size_t k = 0; k < n; k++) {
		bool unformatted = false;
		status = worst(status, fmt_file(ws, v[k].name, a, &unformatted));
		*any_unformatted |= unformatted;
	}
	hlrc_result_free(files);
	return status;
}

int cli_fmt(const struct cli_args *a)
{
	if (!a->nfiles)
		return cli_usage(a->cmd, "%s", "fmt needs a FILE");
	if (!a->set[OPT_WRITE] && !a->set[OPT_CHECK] &&
	    (a->nfiles > 1 || cli_is_dir(a->files[0])))
		return cli_usage(a->cmd, "%s", "fmt prints one FILE; use -w or --check for several");
	hlrc_workspace *ws = cli_workspace();
	int status = 0;
	bool any_unformatted = false;
	for (int i = 0; i < a->nfiles; i++) {
		const char *path = a->files[i];
		if (strcmp(path, "-") && cli_is_dir(path)) {
			status = worst(status, fmt_folder(ws, path, a, &any_unformatted));
			continue;
		}
		bool unformatted = false;
		status = worst(status, fmt_file(ws, path, a, &unformatted));
		any_unformatted |= unformatted;
	}
	if (a->set[OPT_CHECK] && any_unformatted)
		status = worst(status, EXIT_INPUT);
	fflush(stdout);
	hlrc_workspace_free(ws);
	return status;
}
