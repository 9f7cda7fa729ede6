/* cli: the hlrc command's entry point (see cli.h). Finds the command in
 * the table, parses its arguments with the one parser, and runs it; what
 * the commands share lives here too. */
#include "compiler/cli/cli.h"
#include "runtime/outfile.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool cli_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static _Noreturn void out_of_memory(void)
{
	fputs("hlrc: fatal error: out of memory\n", stderr);
	exit(EXIT_INTERNAL);
}

hlrc_workspace *cli_workspace(void)
{
	hlrc_workspace *ws = hlrc_workspace_new();
	if (!ws)
		out_of_memory();
	/* HLRC_MAX_INPUT: a lower limit on one input's bytes than 1 GiB */
	const char *lim = getenv("HLRC_MAX_INPUT");
	char *end;
	unsigned long long n = lim ? strtoull(lim, &end, 10) : 0;
	if (lim && *lim >= '0' && *lim <= '9' && !*end && n > 0)
		hlrc_workspace_set_input_limit(ws, n > SIZE_MAX ? SIZE_MAX : (size_t)n);
	return ws;
}

int cli_status(int rc)
{
	switch (rc) {
	case HLRC_OK: return 0;
	case HLRC_FAILED: return EXIT_INPUT;
	case HLRC_BADARG: return EXIT_USAGE;
	case HLRC_NOMEM: out_of_memory();
	default: return EXIT_INTERNAL;
	}
}

void cli_print_diags(hlrc_printer *p, const hlrc_result *r, FILE *fp)
{
	if (r && hlrc_printer_add(p, r) != HLRC_OK)
		out_of_memory();
	size_t n;
	const char *s = hlrc_printer_take(p, &n);
	fwrite(s, 1, n, fp);
	fflush(fp);
}

void cli_report(const hlrc_result *r)
{
	hlrc_printer *p = hlrc_printer_new(HLRC_DIAG_GCC);
	if (!p)
		out_of_memory();
	cli_print_diags(p, r, stderr);
	hlrc_printer_free(p);
}

void cli_error(const char *path, const char *code, const char *msg)
{
	fprintf(stderr, "%s: error: %s [%s]\n", path, msg, code);
}

const char *cli_input(hlrc_workspace *ws, const char *path)
{
	if (strcmp(path, "-"))
		return path;
	if (hlrc_set_fd(ws, CLI_STDIN, 0) != HLRC_OK)
		out_of_memory();
	return CLI_STDIN;
}

/* Writes data[0..len) to path (atomically) or standard output (NULL, "-");
 * on failure adds an error to r: "WHAT: REASON". */
int cli_write(hlrc_result *r, const char *path, const char *data, size_t len,
                       const char *what)
{
	struct hlr_outfile out;
	const char *shown = path && strcmp(path, "-") ? path : "<stdout>";
	char msg[512];
	if (hlr_outfile_open(&out, path) != 0) {
		snprintf(msg, sizeof msg, "%s: %s", what, strerror(errno));
		hlrc_result_add_error(r, "cannot-write", shown, msg);
		return -1;
	}
	if (fwrite(data, 1, len, out.fp) != len) {
		int e = errno;
		hlr_outfile_abort(&out);
		snprintf(msg, sizeof msg, "%s: %s", what, strerror(e));
		hlrc_result_add_error(r, "cannot-write", shown, msg);
		return -1;
	}
	if (hlr_outfile_commit(&out) != 0) {
		snprintf(msg, sizeof msg, "%s: %s", what, strerror(errno));
		hlrc_result_add_error(r, "cannot-write", shown, msg);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		cli_print_usage(stderr, NULL);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
		cli_print_help(argc > 2 ? cli_find(argv[2]) : NULL);
		return 0;
	}
	if (!strcmp(name, "--version") || !strcmp(name, "version")) {
		printf("hlrc %s (libcmark %s)\n", hlrc_version(), hlrc_cmark_version());
		return 0;
	}
	const struct cli_cmd *cmd = cli_find(name);
	if (!cmd)
		return cli_usage(NULL, "unknown command '%s'", name);
	struct cli_args a;
	int status = cli_parse(cmd, argc - 1, argv + 1, &a);
	if (status < 0)
		status = cmd->run(&a);
	cli_args_free(&a);
	return status;
}
