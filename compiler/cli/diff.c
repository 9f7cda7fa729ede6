/* cli: hlrc diff. The library compares the reports (hlrc_diff); this
 * prints the summary, or the diagnostics when a report has errors. */
#include "compiler/cli/cli.h"

#include <string.h>

int cli_diff(const struct cli_args *a)
{
	if (a->nfiles > 2)
		return cli_usage(a->cmd, "diff takes OLD and NEW, or one FILE (extra argument '%s')",
		                 a->files[2]);
	const char *to = a->value[OPT_TO];
	bool text = false;
	if (to && (!strcmp(to, "text") || !strcmp(to, "txt")))
		text = true;
	else if (to && strcmp(to, "md") && strcmp(to, "markdown"))
		return cli_usage(a->cmd, "unknown format '%s' (expected md or text)", to);
	if (!a->nfiles)
		return cli_usage(a->cmd, "%s", "diff needs OLD and NEW, or one FILE");
	hlrc_workspace *ws = cli_workspace();
	hlrc_result *r;
	int rc = hlrc_diff(ws, a->nfiles == 2 ? a->files[0] : NULL, a->files[a->nfiles - 1], text,
	                   &r);
	if (rc == HLRC_NOMEM)
		return cli_status(rc);
	int status = cli_status(rc);
	const struct hlrc_output *v;
	if (!status && hlrc_result_outputs(r, &v) == 1 &&
	    (fwrite(v->data, 1, v->len, stdout) != v->len || fflush(stdout) != 0))
		status = EXIT_INPUT;
	if (status)
		cli_report(r);
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	return status;
}
