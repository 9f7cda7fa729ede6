/* cli: hlrc import. The library reads the reports and makes the .hlr
 * files (hlrc_import); this writes them into the folder -o names, whole or
 * not at all (runtime/outfile.h), and prints each file's path. */
#include "compiler/cli/cli.h"
#include "runtime/buf.h"
#include "runtime/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void write_error(hlrc_result *r, const char *path, const char *what)
{
	char msg[512];
	snprintf(msg, sizeof msg, "%s: %s", what,
	         errno == EBUSY ? "it holds the current folder" : strerror(errno));
	hlrc_result_add_error(r, "cannot-write", path, msg);
}

/* Writes the outputs into dir; 0 or EXIT_INPUT (an error added to r). */
static int write_all(hlrc_result *r, const char *dir, const struct hlrc_output *v, size_t n)
{
	struct hlr_outdir out;
	if (hlr_outdir_open(&out, dir) != 0) {
		write_error(r, dir, "cannot make folder");
		return EXIT_INPUT;
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = strrchr(v[i].name, '/');
		name = name ? name + 1 : v[i].name;
		FILE *fp = hlr_outdir_file(&out, name);
		bool bad = !fp || fwrite(v[i].data, 1, v[i].len, fp) != v[i].len;
		if ((fp && hlr_outdir_close(fp) != 0) || bad) {
			write_error(r, v[i].name, "cannot write");
			hlr_outdir_abort(&out);
			return EXIT_INPUT;
		}
	}
	if (hlr_outdir_commit(&out) != 0) {
		write_error(r, out.err_path ? out.err_path : dir, "cannot write");
		free(out.err_path);
		return EXIT_INPUT;
	}
	return 0;
}

int cli_import(const struct cli_args *a)
{
	enum hlrc_diag_format f;
	bool werror;
	int status = 0;
	if (!cli_diag_opts(a, &f, &werror, &status))
		return status;
	const char *dir = a->value[OPT_OUTPUT];
	if (!a->nfiles)
		return cli_usage(a->cmd, "%s", "import needs at least one FILE");
	if (!dir)
		return cli_usage(a->cmd, "%s", "import needs -o DIR, the folder to write the reports into");
	hlrc_workspace *ws = cli_workspace();
	hlrc_result *r;
	int rc = hlrc_import(ws, a->files, (size_t)a->nfiles, dir, &r);
	if (rc == HLRC_NOMEM) {
		hlrc_workspace_free(ws);
		return cli_status(rc);
	}
	status = cli_status(rc);
	if (!status && werror && hlrc_result_warnings(r))
		status = EXIT_INPUT;
	const struct hlrc_output *v;
	size_t n = hlrc_result_outputs(r, &v);
	if (!status)
		status = write_all(r, dir, v, n);
	FILE *fp = f == HLRC_DIAG_GCC ? stderr : stdout;
	hlrc_printer *p = hlrc_printer_new(f);
	if (!p) {
		hlrc_result_free(r);
		hlrc_workspace_free(ws);
		return cli_status(HLRC_NOMEM);
	}
	cli_print_diags(p, r, fp);
	hlrc_printer_end(p);
	size_t len;
	const char *t = hlrc_printer_take(p, &len);
	fwrite(t, 1, len, fp);
	hlrc_printer_free(p);
	if (!status && f == HLRC_DIAG_GCC)
		for (size_t i = 0; i < n; i++)
			printf("%s\n", v[i].name);
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	fflush(stdout);
	return status;
}
