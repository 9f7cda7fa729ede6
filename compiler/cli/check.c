/* cli: hlrc check, and the options it shares with build. */
#include "compiler/cli/cli.h"

#include <string.h>

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
	if (!a->nfiles)
		return cli_usage(a->cmd, "%s", "check needs at least one FILE");
	hlrc_workspace *ws = cli_workspace();
	hlrc_result *r;
	int rc = hlrc_check(ws, a->files, (size_t)a->nfiles, &r);
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
	status = hlrc_result_errors(r) || (werror && hlrc_result_warnings(r)) ? EXIT_INPUT : 0;
	hlrc_printer_free(p);
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	return status;
}
