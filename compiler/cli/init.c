/* cli: hlrc init. The library makes a new series' two files from a
 * profile and checks them (hlrc_init); this makes the folder if it is
 * missing and writes both, never replacing a file. */
#include "compiler/cli/cli.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int cli_init(const struct cli_args *a)
{
	if (a->nfiles != 1)
		return cli_usage(a->cmd, a->nfiles ? "init takes one DIR (extra argument '%s')"
		                                   : "init needs a DIR%s",
		                 a->nfiles ? a->files[1] : "");
	const char *dir = a->files[0], *period = a->value[OPT_PERIOD];
	const char *profile = a->value[OPT_PROFILE] ? a->value[OPT_PROFILE] : "council";
	char today[16];
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || !strftime(today, sizeof today, "%Y-%m-%d", &tm))
		today[0] = '\0';
	hlrc_workspace *ws = cli_workspace();
	hlrc_result *r;
	int rc = hlrc_init(ws, dir, profile, period, today, &r);
	if (rc == HLRC_NOMEM)
		return cli_status(rc);
	if (rc == HLRC_BADARG) {
		const struct hlrc_diagnostic *v;
		size_t n = hlrc_result_diagnostics(r, &v);
		fprintf(stderr, "hlrc: error: %s '%s': %s\n", period ? "--period" : "--profile",
		        period ? period : profile, n ? v[0].message : "invalid");
		cli_print_usage(stderr, a->cmd);
		hlrc_result_free(r);
		hlrc_workspace_free(ws);
		return EXIT_USAGE;
	}
	int status = cli_status(rc);
	const struct hlrc_output *v;
	size_t n = hlrc_result_outputs(r, &v);
	if (!status && mkdir(dir, 0777) != 0 && errno != EEXIST) {
		char msg[512];
		snprintf(msg, sizeof msg, "cannot make the folder: %s", strerror(errno));
		hlrc_result_add_error(r, "cannot-write", dir, msg);
		status = EXIT_INPUT;
	}
	for (size_t i = 0; !status && i < n; i++) {
		if (cli_write_exclusive(v[i].name, &v[i]) == 0)
			continue;
		if (errno == EEXIST) {
			hlrc_result_add_error(r, "report-exists", v[i].name,
			                      "already exists; hlrc init never replaces a file");
		} else {
			char msg[512];
			snprintf(msg, sizeof msg, "cannot write: %s", strerror(errno));
			hlrc_result_add_error(r, "cannot-write", v[i].name, msg);
		}
		status = EXIT_INPUT;
	}
	cli_report(r);
	for (size_t i = 0; !status && i < n; i++)
		printf("%s\n", v[i].name);
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	fflush(stdout);
	return status;
}
