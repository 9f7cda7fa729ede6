/* cli: the table of commands and options, the one parser of arguments and
 * the one printer of usage and help (see cli.h). */
#include "compiler/cli/cli.h"

#include <stdlib.h>
#include <string.h>

/* How warnings count, the same for every command that checks. */
#define FAIL_OPTS                                                                           \
	{OPT_WERROR, "--werror", NULL, NULL, "warnings fail the run too (exit 1)"},            \
	{OPT_FAIL_ON, "--fail-on", NULL, "LEVEL", "'warning' is --werror; 'error' is the default"}

/* Read-only outputs, the same for every command that writes into -o. */
#define FORCE_OPT                                                                           \
	{OPT_FORCE, "--force", NULL, NULL, "replace read-only output files too (an existing\n"     \
	                                   "read-only file is an error without it)"}

/* What SARIF and GitLab paths are relative to. */
#define SOURCE_ROOT_OPT                                                                     \
	{OPT_SOURCE_ROOT, "--source-root", NULL, "DIR",                                        \
	 "sarif, gitlab: paths relative to DIR (default: the nearest\n"                        \
	 "folder up from here holding .git, else this one)"}

static const struct cli_opt build_opts[] = {
	{OPT_TO, "--to", NULL, "FORMAT", "md, html, json or docx (default: from -o's extension,\n"
	                                        "else md)"},
	{OPT_OUTPUT, "--output", "-o", "OUT",
	 "write to OUT, whole or not at all ('-' is standard output);\n"
	 "a folder's reports go into the folder OUT"},
	{OPT_FRAGMENT, "--fragment", NULL, NULL, "HTML: the report's <article> alone, without the page"},
	{OPT_FOR, "--for", NULL, "TAG", "the view for one authority: its items and untagged ones"},
	{OPT_DEPFILE, "--depfile", NULL, "DEPS",
	 "also write a make rule: the output and the files it was\n"
	 "made from (the report, series.hlr, earlier reports)"},
	{OPT_DIAGNOSTICS, "--diagnostics", NULL, "F",
	 "gcc (default), json (one object per line), sarif (SARIF\n"
	 "2.1.0), github (workflow annotations) or gitlab (code quality)"},
	SOURCE_ROOT_OPT,
	FORCE_OPT,
	FAIL_OPTS,
	{0, NULL, NULL, NULL, NULL},
};

static const struct cli_opt check_opts[] = {
	{OPT_DIAGNOSTICS, "--diagnostics", NULL, "F",
	 "gcc (default, on standard error), or on standard output:\n"
	 "json (one object per line), sarif (SARIF 2.1.0), github\n"
	 "(workflow annotations) or gitlab (code quality report)"},
	SOURCE_ROOT_OPT,
	{OPT_CHANGED, "--changed", NULL, NULL,
	 "FILEs are files a commit changed (deleted ones too): check\n"
	 "the reports among them and every report that depends on them"},
	FAIL_OPTS,
	{0, NULL, NULL, NULL, NULL},
};

static const struct cli_opt site_opts[] = {
	{OPT_OUTPUT, "--output", "-o", "OUTDIR", "the folder to write the pages into"},
	FORCE_OPT,
	{0, NULL, NULL, NULL, NULL},
};

static const struct cli_opt fmt_opts[] = {
	{OPT_WRITE, "-w", NULL, NULL, "rewrite each file in place (atomically), when it changes"},
	{OPT_CHECK, "--check", NULL, NULL, "list the files that are not formatted; exit 1 if any"},
	{0, NULL, NULL, NULL, NULL},
};

static const struct cli_opt init_opts[] = {
	{OPT_PROFILE, "--profile", NULL, "NAME",
	 "council (default), prince2, project-status or own: the\n"
	 "sections of the reports (see docs/language.md, Profiles)"},
	{OPT_PERIOD, "--period", NULL, "PERIOD",
	 "the first report's period, written as in a header\n"
	 "(default: the period of the profile's cadence ending today)"},
	{0, NULL, NULL, NULL, NULL},
};

static const struct cli_opt new_opts[] = {
	{OPT_PERIOD, "--period", NULL, "PERIOD",
	 "the period of the new report, written as in a header:\n"
	 "'week ending 2020-07-10', 'fortnight ending 2020-07-17',\n"
	 "'month 2020-12' or 'quarter 2021-Q1'"},
	{0, NULL, NULL, NULL, NULL},
};

static const struct cli_opt diff_opts[] = {
	{OPT_TO, "--to", NULL, "FORMAT", "md (default, for a pull request) or text"},
	{OPT_GIT, "--git", NULL, NULL,
	 "git's diff driver: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE\n"
	 "NEW-HEX NEW-MODE (see docs/ci.md, git); text by default"},
	{OPT_TEXTCONV, "--textconv", NULL, NULL,
	 "git's textconv: FILE in the canonical layout (as is when it\n"
	 "does not parse)"},
	{0, NULL, NULL, NULL, NULL},
};

static const struct cli_opt fix_opts[] = {
	{OPT_DRY_RUN, "--dry-run", NULL, NULL, "print a unified diff of each fix; write nothing"},
	{OPT_DIAGNOSTICS, "--diagnostics", NULL, "F",
	 "what remains: gcc (default, on standard error), or json,\n"
	 "sarif or github on standard output"},
	FAIL_OPTS,
	{0, NULL, NULL, NULL, NULL},
};

static const struct cli_opt import_opts[] = {
	{OPT_OUTPUT, "--output", "-o", "DIR",
	 "the folder to write the reports into (made when absent; it\n"
	 "must hold no .hlr file)"},
	{OPT_DIAGNOSTICS, "--diagnostics", NULL, "F",
	 "gcc (default, on standard error), or on standard output:\n"
	 "json, sarif, github or gitlab"},
	FAIL_OPTS,
	{0, NULL, NULL, NULL, NULL},
};

static const struct cli_opt lsp_opts[] = {
	{0, NULL, NULL, NULL, NULL},
};

static const struct cli_cmd commands[] = {
	{"build",
	 "hlrc build [--to md|html|json|docx] [--fragment] [--for TAG] [-o OUT]\n"
	 "                  [--depfile DEPS] FILE\n"
	 "hlrc build [options] -o OUTDIR FOLDER",
	 "Renders one report (to standard output unless -o), or every report of a\n"
	 "folder or series into -o OUTDIR. Nothing is written when a report has an\n"
	 "error.\n",
	 build_opts, cli_build},
	{"check",
	 "hlrc check [--diagnostics=FORMAT] [--werror] FILE|FOLDER...\n"
	 "hlrc check [options] --changed [FILE...]",
	 "Checks reports (or folders) and prints every diagnostic; writes nothing.\n"
	 "A file of a series is checked with its series: its diagnostics are those\n"
	 "about it, about the files it depends on, and those that point into it\n"
	 "(another report for the same period). With --changed, FILEs are the\n"
	 "files a commit touched: the .hlr files among them that still exist, and\n"
	 "every report of their folders that depends on one, are checked.\n",
	 check_opts, cli_check},
	{"site",
	 "hlrc site DIR -o OUTDIR",
	 "Renders every report of DIR (a series folder, or any folder of .hlr\n"
	 "reports) as an HTML page in OUTDIR, with previous/next links, and writes\n"
	 "OUTDIR/index.html listing the reports newest first. Nothing is written\n"
	 "when any report has an error.\n",
	 site_opts, cli_site},
	{"fmt",
	 "hlrc fmt [-w] [--check] FILE|FOLDER...",
	 "Rewrites reports in the canonical layout: aligned header, one blank line\n"
	 "around part and section lines, items and paragraphs wrapped at 78 columns.\n"
	 "Words, tags, ids and comments are kept. A file with errors is not touched.\n"
	 "With no option, prints the formatted FILE on standard output ('-': stdin).\n"
	 "A FOLDER stands for every .hlr file in it. See docs/tools.md.\n",
	 fmt_opts, cli_fmt},
	{"new",
	 "hlrc new [--period PERIOD] [SERIES_DIR]",
	 "Writes the next report of the series in SERIES_DIR (default: the current\n"
	 "folder) from its latest report: the same header fields, the period advanced\n"
	 "by the series' cadence, and every section 'unchanged'. Prints the file's\n"
	 "name; never replaces an existing file. See docs/tools.md.\n",
	 new_opts, cli_new},
	{"init",
	 "hlrc init [--profile NAME] [--period PERIOD] DIR",
	 "Starts a series in DIR (made if missing): a series.hlr that picks the\n"
	 "profile and a cadence, and a first report with every section of the\n"
	 "profile, each 'none'. Prints the files' names; never replaces a file.\n"
	 "'hlrc new DIR' then writes the next report. See docs/tools.md.\n",
	 init_opts, cli_init},
	{"diff",
	 "hlrc diff [--to md|text] OLD NEW\n"
	 "hlrc diff [--to md|text] FILE\n"
	 "hlrc diff --git PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE\n"
	 "hlrc diff --textconv FILE",
	 "Lists what changed between two reports, section by section: items added,\n"
	 "removed and edited (with the words that changed, [-old-]{+new+}), and the\n"
	 "sections carried forward. With one FILE, it is compared with its previous\n"
	 "report in its series. See docs/tools.md.\n",
	 diff_opts, cli_diff},
	{"fix",
	 "hlrc fix [--dry-run] [--diagnostics=FORMAT] [--werror] FILE|FOLDER...",
	 "Applies the fix-its of the diagnostics of reports (or folders) in place,\n"
	 "atomically, keeping each file's permissions: edits that change how a report\n"
	 "is written, never its words or which authority sees an item. Repeats until\n"
	 "nothing applies, then prints what remains; exits as check does.\n"
	 "With --dry-run, prints a unified diff of each fix and writes nothing.\n",
	 fix_opts, cli_fix},
	{"lsp",
	 "hlrc lsp",
	 "Runs a Language Server Protocol 3.17 server on standard input and output,\n"
	 "for editors: diagnostics as you type (for every open report of a series),\n"
	 "quick fixes, completion, hover, definition, references, rename, symbols,\n"
	 "folding and formatting. Writes no file. See docs/lsp.md.\n",
	 lsp_opts, cli_lsp},
	{"import",
	 "hlrc import [--diagnostics=FORMAT] [--werror] -o DIR FILE...",
	 "Reads reports written in Word's layout (a title, header label lines,\n"
	 "headings in capitals, '- ' bullets), as plain text (UTF-8, UTF-16 with a\n"
	 "byte order mark, Windows-1252) or .docx, and writes them into DIR as .hlr\n"
	 "files named by their periods, formatted and checked; several FILEs make a\n"
	 "series (series.hlr with their shared fields; a section as the previous\n"
	 "report had it becomes 'unchanged'). What cannot be mapped is kept as text\n"
	 "with a warning at its line. Nothing is written when an input cannot be\n"
	 "read. Prints each file written. See docs/import.md.\n",
	 import_opts, cli_import},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const char overview[] =
	"hlrc compiles .hlr highlight reports to Markdown, HTML or JSON.\n"
	"\n"
	"Commands:\n"
	"  build FILE        render one report (to standard output unless -o)\n"
	"  build FOLDER      render every report of a folder or series into -o OUTDIR\n"
	"  check FILE...     check reports (or folders) and print every diagnostic;\n"
	"                    write nothing\n"
	"  site FOLDER       a folder of reports as linked HTML pages with an index\n"
	"  fmt FILE...       lay reports out canonically (-w rewrites, --check lists)\n"
	"  init DIR          start a series from a profile (--profile prince2, ...)\n"
	"  new [DIR]         write the next report of a series, every section unchanged\n"
	"  diff OLD NEW      what changed between two reports (Markdown, or --to text)\n"
	"  fix FILE...       apply the fixes diagnostics offer, in place (--dry-run: diff)\n"
	"  lsp               a language server for editors, on standard input and output\n"
	"  import FILE...    Word reports (text or .docx) as .hlr files in -o DIR\n"
	"\n"
	"'hlrc COMMAND --help' lists a command's options.\n"
	"\n"
	"A folder holding series.hlr is a series: its reports share header fields,\n"
	"follow each other by period, and can carry content forward ('unchanged').\n"
	"A comment '# hlrc-ignore: CODE' silences warnings with that code on the\n"
	"next line.\n"
	"\n"
	"Exit status: 0 success, 1 an error in an input, 2 usage error,\n"
	"70 internal error (such as running out of memory).\n"
	"See hlrc(1) and docs/language.md.\n";

const struct cli_cmd *cli_find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* One command's usage lines, each after prefix (the first) or indent. */
static void usage_lines(FILE *fp, const struct cli_cmd *c, const char **prefix)
{
	const char *s = c->usage;
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		/* a continuation line is indented already */
		fputs(s[0] == ' ' ? "" : *prefix, fp);
		fwrite(s, 1, n, fp);
		fputc('\n', fp);
		*prefix = "       ";
		if (!nl)
			break;
		s = nl + 1;
	}
}

void cli_print_usage(FILE *fp, const struct cli_cmd *cmd)
{
	const char *prefix = "usage: ";
	if (cmd) {
		usage_lines(fp, cmd, &prefix);
		return;
	}
	for (size_t i = 0; i < NCOMMANDS; i++)
		usage_lines(fp, &commands[i], &prefix);
	fprintf(fp, "%shlrc COMMAND --help | --help | --version\n", prefix);
}

int cli_usage(const struct cli_cmd *cmd, const char *fmt, const char *arg)
{
	fputs("hlrc: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	cli_print_usage(stderr, cmd);
	return EXIT_USAGE;
}

void cli_print_help(const struct cli_cmd *cmd)
{
	cli_print_usage(stdout, cmd);
	fputc('\n', stdout);
	if (!cmd) {
		fputs(overview, stdout);
		return;
	}
	fputs(cmd->help, stdout);
	if (cmd->opts[0].name)
		fputs("\nOptions:\n", stdout);
	for (const struct cli_opt *o = cmd->opts; o->name; o++) {
		char left[64];
		if (o->alias)
			snprintf(left, sizeof left, "%s, %s%s%s", o->alias, o->name, o->value ? " " : "",
			         o->value ? o->value : "");
		else
			snprintf(left, sizeof left, "%s%s%s", o->name, o->value ? " " : "",
			         o->value ? o->value : "");
		const char *h = o->help;
		bool first = true;
		for (;;) {
			const char *nl = strchr(h, '\n');
			int n = nl ? (int)(nl - h) : (int)strlen(h);
			if (first && strlen(left) > 20)
				printf("  %s\n  %-20s %.*s\n", left, "", n, h);
			else
				printf("  %-20s %.*s\n", first ? left : "", n, h);
			first = false;
			if (!nl)
				break;
			h = nl + 1;
		}
	}
	fputs("\nSee hlrc(1).\n", stdout);
}

/* The option of cmd that a names ("--to", "--to=md", "-o"), or NULL. *eq is
 * set to the value after '=', if written so. */
static const struct cli_opt *find_opt(const struct cli_cmd *cmd, const char *a, const char **eq)
{
	*eq = NULL;
	for (const struct cli_opt *o = cmd->opts; o->name; o++) {
		for (int k = 0; k < 2; k++) {
			const char *name = k ? o->alias : o->name;
			if (!name)
				continue;
			size_t n = strlen(name);
			if (strncmp(a, name, n))
				continue;
			if (a[n] == '\0')
				return o;
			/* "--name=value" for long options that take one */
			if (a[n] == '=' && name[1] == '-' && o->value) {
				*eq = a + n + 1;
				return o;
			}
		}
	}
	return NULL;
}

int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, struct cli_args *a)
{
	memset(a, 0, sizeof *a);
	a->cmd = cmd;
	a->files = calloc((size_t)argc + 1, sizeof *a->files);
	if (!a->files) {
		fputs("hlrc: fatal error: out of memory\n", stderr);
		exit(EXIT_INTERNAL);
	}
	bool only_files = false;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (only_files || s[0] != '-' || !strcmp(s, "-")) {
			a->files[a->nfiles++] = s;
			continue;
		}
		if (!strcmp(s, "--")) {
			only_files = true;
			continue;
		}
		if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
			cli_print_help(cmd);
			return 0;
		}
		const char *eq;
		const struct cli_opt *o = find_opt(cmd, s, &eq);
		if (!o)
			return cli_usage(cmd, "unknown option '%s'", s);
		const char *v = NULL;
		if (o->value) {
			v = eq ? eq : i + 1 < argc ? argv[++i] : NULL;
			if (!v || (o->id == OPT_OUTPUT && !*v))
				return cli_usage(cmd, "option '%s' needs a value", s);
		}
		a->set[o->id] = true;
		a->value[o->id] = v;
	}
	return -1;
}

void cli_args_free(struct cli_args *a)
{
	free(a->files);
	a->files = NULL;
}
