/* cli: hlrc new. The library makes the next report and checks it with
 * its series (hlrc_new); this writes it where it belongs, never replacing
 * a file: to a temporary file first, then linked into place, which fails
 * if the name has been taken meanwhile. */
#include "compiler/cli/cli.h"
#include "runtime/outfile.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cli_write_exclusive(const char *path, const struct hlrc_output *o)
{
	struct stat st;
	if (lstat(path, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	struct hlr_outfile out;
	if (hlr_outfile_open(&out, path) != 0)
		return -1;
	if (fwrite(o->data, 1, o->len, out.fp) != o->len || fflush(out.fp) != 0 ||
	    fsync(fileno(out.fp)) != 0) {
		int e = errno;
		hlr_outfile_abort(&out);
		errno = e;
		return -1;
	}
	if (link(out.tmp_path, path) == 0) {
		hlr_outfile_abort(&out); /* removes the temporary name only */
		return 0;
	}
	if (errno == EEXIST) {
		hlr_outfile_abort(&out);
		errno = EEXIST;
		return -1;
	}
	/* a file system without hard links: the name was free a moment ago */
	if (lstat(path, &st) == 0) {
		hlr_outfile_abort(&out);
		errno = EEXIST;
		return -1;
	}
	return hlr_outfile_commit(&out);
}

int cli_new(const struct cli_args *a)
{
	if (a->nfiles > 1)
		return cli_usage(a->cmd, "new takes one SERIES_DIR (extra argument '%s')", a->files[1]);
	const char *dir = a->nfiles ? a->files[0] : ".", *period = a->value[OPT_PERIOD];
	hlrc_workspace *ws = cli_workspace();
	hlrc_result *r;
	int rc = hlrc_new(ws, dir, period, &r);
	if (rc == HLRC_NOMEM)
		return cli_status(rc);
	if (rc == HLRC_BADARG) {
		const struct hlrc_diagnostic *v;
		hlrc_result_diagnostics(r, &v);
		fprintf(stderr, "hlrc: error: --period '%s': %s\n", period, v[0].message);
		cli_print_usage(stderr, a->cmd);
		hlrc_result_free(r);
		hlrc_workspace_free(ws);
		return EXIT_USAGE;
	}
	int status = cli_status(rc);
	const struct hlrc_output *v;
	if (!status && hlrc_result_outputs(r, &v) == 1) {
		if (cli_write_exclusive(v->name, v) != 0) {
			if (errno == EEXIST)
				hlrc_result_add_error(r, "report-exists", v->name,
				                      "already exists; hlrc new never replaces a report");
			else {
				char msg[512];
				snprintf(msg, sizeof msg, "cannot write: %s", strerror(errno));
				hlrc_result_add_error(r, "cannot-write", v->name, msg);
			}
			status = EXIT_INPUT;
		}
	}
	cli_report(r);
	if (!status)
		printf("%s\n", v->name);
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	fflush(stdout);
	return status;
}
