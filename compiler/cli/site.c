/* cli: hlrc site DIR -o OUTDIR. The library makes the pages (hlrc_site);
 * this writes them into OUTDIR, whole or not at all (runtime/outfile.h),
 * when no report has an error. */
#include "compiler/cli/cli.h"
#include "runtime/buf.h"
#include "runtime/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cli_site(const struct cli_args *a)
{
	if (a->nfiles > 1)
		return cli_usage(a->cmd, "site takes one folder (extra argument '%s')", a->files[1]);
	const char *dir = a->nfiles ? a->files[0] : NULL, *outdir = a->value[OPT_OUTPUT];
	if (!dir)
		return cli_usage(a->cmd, "%s", "site needs a folder of reports");
	if (!outdir)
		return cli_usage(a->cmd, "%s", "site needs -o OUTDIR");
	struct stat st;
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
		return cli_usage(a->cmd, "'%s' is not a folder; site takes a folder of reports", dir);

	hlrc_workspace *ws = cli_workspace();
	hlrc_result *r;
	int rc = hlrc_site(ws, dir, &r);
	if (rc == HLRC_NOMEM)
		return cli_status(rc);
	int status = cli_status(rc);
	const struct hlrc_output *v;
	size_t n = status ? 0 : hlrc_result_outputs(r, &v);
	/* no read-only page is replaced, unless --force */
	for (size_t i = 0; i < n && !a->set[OPT_FORCE]; i++) {
		struct hlr_buf path = HLR_BUF_INIT;
		hlr_buf_printf(&path, "%s/%s", outdir, v[i].name);
		if (hlr_outfile_writable(path.data) != 0) {
			char msg[512];
			snprintf(msg, sizeof msg, "the output file is read-only (%s); hlrc does not "
			                          "replace it unless --force is given", strerror(errno));
			hlrc_result_add_error(r, "cannot-write", path.data, msg);
			status = EXIT_INPUT;
		}
		hlr_buf_free(&path);
	}
	/* the pages go into a temporary folder that takes OUTDIR's place only
	 * when every one was written */
	struct hlr_outdir out;
	if (!status && hlr_outdir_open(&out, outdir) != 0) {
		char msg[512];
		snprintf(msg, sizeof msg, "cannot make folder: %s",
		         errno == EBUSY ? "it holds the current folder" : strerror(errno));
		hlrc_result_add_error(r, "cannot-write", outdir, msg);
		status = EXIT_INPUT;
	} else if (!status) {
		for (size_t i = 0; i < n && !status; i++) {
			FILE *fp = hlr_outdir_file(&out, v[i].name);
			if (!fp || fwrite(v[i].data, 1, v[i].len, fp) != v[i].len) {
				char msg[512];
				snprintf(msg, sizeof msg, "cannot write output: %s", strerror(errno));
				struct hlr_buf path = HLR_BUF_INIT;
				hlr_buf_printf(&path, "%s/%s", outdir, v[i].name);
				hlrc_result_add_error(r, "cannot-write", path.data, msg);
				hlr_buf_free(&path);
				status = EXIT_INPUT;
			}
			if (fp && hlr_outdir_close(fp) != 0 && !status) {
				char msg[512];
				snprintf(msg, sizeof msg, "cannot write output: %s", strerror(errno));
				hlrc_result_add_error(r, "cannot-write", outdir, msg);
				status = EXIT_INPUT;
			}
		}
		if (status)
			hlr_outdir_abort(&out);
		else if (hlr_outdir_commit(&out) != 0) {
			char msg[512];
			snprintf(msg, sizeof msg, "cannot write output: %s", strerror(errno));
			hlrc_result_add_error(r, "cannot-write", out.err_path ? out.err_path : outdir, msg);
			free(out.err_path);
			status = EXIT_INPUT;
		}
	}
	cli_report(r);
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	return status;
}
