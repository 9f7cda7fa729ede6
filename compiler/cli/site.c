/* cli: hlrc site DIR -o OUTDIR. The library makes the pages (hlrc_site);
 * this writes them into OUTDIR, each atomically, when no report has an
 * error. */
#include "compiler/cli/cli.h"
#include "runtime/buf.h"

#include <errno.h>
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
	if (!status && mkdir(outdir, 0777) != 0 && errno != EEXIST) {
		char msg[512];
		snprintf(msg, sizeof msg, "cannot make folder: %s", strerror(errno));
		hlrc_result_add_error(r, "cannot-write", outdir, msg);
		status = EXIT_INPUT;
	}
	const struct hlrc_output *v;
	size_t n = status ? 0 : hlrc_result_outputs(r, &v);
	for (size_t i = 0; i < n && !status; i++) {
		struct hlr_buf path = HLR_BUF_INIT;
		size_t dn = strlen(outdir);
		while (dn > 1 && outdir[dn - 1] == '/')
			dn--;
		if (strcmp(outdir, "."))
			hlr_buf_printf(&path, "%.*s/", (int)dn, outdir);
		hlr_buf_puts(&path, v[i].name);
		if (cli_write(r, path.data, v[i].data, v[i].len, "cannot write output") != 0)
			status = EXIT_INPUT;
		hlr_buf_free(&path);
	}
	cli_report(r);
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	return status;
}
