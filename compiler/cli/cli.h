/* cli: the hlrc command, a client of the library (compiler/hlrc.h). Every
 * command is a row of one table (opts.c): its name, usage lines, help text
 * and options; one parser reads every command's arguments, and one printer
 * writes every usage and help text. Exit status: 0 success, 1 an error in
 * an input, 2 usage, 70 internal error (out of memory, a failed check of
 * hlrc's own work). */
#ifndef HLR_CLI_H
#define HLR_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "compiler/hlrc.h"

enum { EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_INTERNAL = 70 };

/* Options of every command, by number (the index into a command's values). */
enum cli_opt_id {
	OPT_TO, OPT_OUTPUT, OPT_FRAGMENT, OPT_FOR, OPT_DEPFILE, OPT_DIAGNOSTICS, OPT_WERROR,
	OPT_FAIL_ON, OPT_WRITE, OPT_CHECK, OPT_PERIOD, OPT_FORCE, OPT_SOURCE_ROOT, OPT_DRY_RUN,
	OPT_GIT, OPT_TEXTCONV, OPT_CHANGED, /* diff --git, diff --textconv, check --changed */
	OPT_PROFILE, /* init --profile */
	OPT_COUNT
};

struct cli_opt {
	enum cli_opt_id id;
	const char *name;  /* "--to" */
	const char *alias; /* "-o", or NULL */
	const char *value; /* name of its value in help ("FORMAT"), NULL for a flag */
	const char *help;  /* its line(s) in the help text */
};

struct cli_args;

struct cli_cmd {
	const char *name;            /* "build" */
	const char *usage;           /* its usage lines, without "usage: " */
	const char *help;            /* what it does, for `hlrc CMD --help` */
	const struct cli_opt *opts;  /* its options, ended by a NULL name */
	int (*run)(const struct cli_args *a);
};

/* A command's arguments once parsed. */
struct cli_args {
	const struct cli_cmd *cmd;
	const char **files;              /* the other arguments, in order */
	int nfiles;
	const char *value[OPT_COUNT];    /* option values, NULL when not given */
	bool set[OPT_COUNT];             /* options given */
};

/* The command called name, or NULL. */
const struct cli_cmd *cli_find(const char *name);
/* Parses argv[1..argc) of cmd (argv[0] is its name) into a. Returns -1 to
 * go on, 0 after printing the help (--help), or EXIT_USAGE after a usage
 * error. a->files is malloc'd: cli_args_free. */
int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, struct cli_args *a);
void cli_args_free(struct cli_args *a);
/* "hlrc: error: " fmt (with arg), then cmd's usage (every command's when
 * cmd is NULL) on standard error; returns EXIT_USAGE. */
int cli_usage(const struct cli_cmd *cmd, const char *fmt, const char *arg);
/* Usage lines of cmd (of every command when NULL), "usage: " first. */
void cli_print_usage(FILE *fp, const struct cli_cmd *cmd);
/* `hlrc --help` (cmd NULL) or `hlrc CMD --help`, on standard output. */
void cli_print_help(const struct cli_cmd *cmd);

/* Prints r's diagnostics through p to fp (text taken after each call). */
void cli_print_diags(hlrc_printer *p, const hlrc_result *r, FILE *fp);
/* The same for a one-off result, in gcc format, to standard error. */
void cli_report(const hlrc_result *r);
/* A new workspace; exits 70 when there is no memory for one. */
hlrc_workspace *cli_workspace(void);
/* The exit status for a library status. */
int cli_status(int rc);
/* "PATH: error: MESSAGE [code]" on standard error, for failures of the
 * command's own (writing a file), when no printer is in use. */
void cli_error(const char *path, const char *code, const char *msg);
/* --diagnostics and --werror/--fail-on of build and check; false after a
 * usage error (*status set). */
bool cli_diag_opts(const struct cli_args *a, enum hlrc_diag_format *f, bool *werror,
                   int *status);
/* --source-root of build and check, given to p; false after a usage
 * error (*status set). */
bool cli_source_root(const struct cli_args *a, hlrc_printer *p, int *status);
/* Writes data[0..len) to path atomically (runtime/outfile.h), or to
 * standard output when path is NULL or "-"; on failure adds the error
 * "WHAT: REASON" (code cannot-write) to r and returns -1. */
int cli_write(hlrc_result *r, const char *path, const char *data, size_t len, const char *what);
/* The name standard input's report is known by. */
#define CLI_STDIN "<stdin>"
/* The input path names in ws: "-" is standard input, read as a lone
 * report called CLI_STDIN; any other path is itself. */
const char *cli_input(hlrc_workspace *ws, const char *path);
/* Whether path is a folder. */
bool cli_is_dir(const char *path);

int cli_build(const struct cli_args *a);
int cli_check(const struct cli_args *a);
int cli_site(const struct cli_args *a);
int cli_fmt(const struct cli_args *a);
int cli_new(const struct cli_args *a);
int cli_init(const struct cli_args *a);
/* Writes o's text to path, which must not exist, through a temporary file
 * linked into place (new.c). Returns 0, or -1 with errno set (EEXIST when
 * path exists). */
int cli_write_exclusive(const char *path, const struct hlrc_output *o);
int cli_diff(const struct cli_args *a);
int cli_fix(const struct cli_args *a);
int cli_lsp(const struct cli_args *a);
int cli_import(const struct cli_args *a);

#endif
