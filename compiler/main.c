/* compiler: the driver (CLI). Parses arguments, runs the stages
 *   source -> parse -> resolve -> emit
 * over each file with one arena per compilation, prints diagnostics, and
 * sets the exit status: 0 success, 1 an error in an input, 2 usage, 70
 * internal error. */
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/emit.h"
#include "compiler/parse.h"
#include "compiler/resolve.h"
#include "compiler/series.h"
#include "compiler/site.h"
#include "compiler/tools.h"
#include "runtime/outfile.h"

#include <cmark.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#ifndef HLRC_VERSION
#define HLRC_VERSION "0.1.0"
#endif

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
	"usage: hlrc build [--to md|html|json] [--fragment] [--for TAG] [-o OUT]\n"
	"                  [--depfile DEPS] FILE\n"
	"       hlrc build [options] -o OUTDIR FOLDER\n"
	"       hlrc check [--diagnostics=FORMAT] [--werror] FILE|FOLDER...\n"
	"       hlrc site FOLDER -o OUTDIR\n"
	"       hlrc fmt [-w] [--check] FILE|FOLDER...\n"
	"       hlrc new [--period PERIOD] [SERIES_DIR]\n"
	"       hlrc diff [--to md|text] OLD NEW | FILE\n"
	"       hlrc --help | --version\n";

static const char help_text[] =
	"hlrc compiles .hlr highlight reports to Markdown, HTML or JSON.\n"
	"\n"
	"Commands:\n"
	"  build FILE        render one report (to standard output unless -o)\n"
	"  build FOLDER      render every report of a folder or series into -o OUTDIR\n"
	"  check FILE...     check reports (or folders) and print every diagnostic;\n"
	"                    write nothing\n"
	"  site FOLDER       a folder of reports as linked HTML pages with an index\n"
	"  fmt FILE...       lay reports out canonically (-w rewrites, --check lists)\n"
	"  new [DIR]         write the next report of a series, every section unchanged\n"
	"  diff OLD NEW      what changed between two reports (Markdown, or --to text)\n"
	"\n"
	"Options for build:\n"
	"  --to FORMAT       md, html or json (default: from -o's extension, else md)\n"
	"  -o, --output OUT  write to OUT, whole or not at all ('-' is standard output)\n"
	"  --fragment        HTML: the report's <article> alone, without the page\n"
	"  --for TAG         the view for one authority: its items and untagged ones\n"
	"  --depfile DEPS    also write a make rule: the output and the files it was\n"
	"                    made from (the report, series.hlr, earlier reports)\n"
	"\n"
	"Options for build and check:\n"
	"  --diagnostics=F   gcc (default), json (one object per line), sarif (SARIF\n"
	"                    2.1.0) or github (workflow annotations); for check the\n"
	"                    machine formats go to standard output\n"
	"  --werror, --fail-on=warning\n"
	"                    warnings fail the run too (exit 1)\n"
	"\n"
	"A folder holding series.hlr is a series: its reports share header fields,\n"
	"follow each other by period, and can carry content forward ('unchanged').\n"
	"A comment '# hlrc-ignore: CODE' silences warnings with that code on the\n"
	"next line.\n"
	"\n"
	"Exit status: 0 success, 1 an error in an input, 2 usage error,\n"
	"70 internal error (such as running out of memory).\n"
	"See hlrc(1) and docs/language.md.\n";

static int usage(const char *fmt, const char *arg)
{
	fputs("hlrc: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

struct opts {
	const char *cmd;          /* "build" or "check" */
	const char *to;           /* --to value, or NULL */
	const char *out;          /* -o value, or NULL */
	const char *for_tag;      /* --for value, or NULL */
	const char *depfile;      /* --depfile value, or NULL */
	enum hlr_diag_format diag_format; /* --diagnostics */
	bool werror;              /* --werror / --fail-on=warning */
	struct hlr_diag_printer *printer; /* where diagnostics go */
	bool fragment;            /* --fragment */
	const char **files;       /* input files */
	int nfiles;
};

static bool format_from_name(const char *s, enum hlr_format *f)
{
	if (!strcmp(s, "md") || !strcmp(s, "markdown"))
		*f = HLR_FORMAT_MD;
	else if (!strcmp(s, "html"))
		*f = HLR_FORMAT_HTML;
	else if (!strcmp(s, "json"))
		*f = HLR_FORMAT_JSON;
	else
		return false;
	return true;
}

static bool format_from_path(const char *path, enum hlr_format *f)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash))
		return false;
	dot++;
	if (!strcasecmp(dot, "md") || !strcasecmp(dot, "markdown"))
		*f = HLR_FORMAT_MD;
	else if (!strcasecmp(dot, "html") || !strcasecmp(dot, "htm"))
		*f = HLR_FORMAT_HTML;
	else if (!strcasecmp(dot, "json"))
		*f = HLR_FORMAT_JSON;
	else
		return false;
	return true;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Starts the run's diagnostics once the arguments are known to be good, so
 * a usage error never lands inside a SARIF document. Machine-readable
 * diagnostics of check go to standard output; build may be writing its
 * document there. */
static void printer_start(const struct opts *o, bool check)
{
	hlr_diag_printer_begin(o->printer, o->diag_format,
	                       check && o->diag_format != HLR_DIAG_GCC ? stdout : stderr);
}

static int cmd_check(const struct opts *o)
{
	size_t errors = 0;
	printer_start(o, true);
	for (int i = 0; i < o->nfiles; i++) {
		struct hlr_arena arena;
		hlr_arena_init(&arena);
		struct hlr_diags d;
		hlr_diags_init(&d, &arena);
		size_t n;
		if (is_dir(o->files[i]))
			hlr_series_load_folder(&arena, &d, o->files[i], &n);
		else
			hlr_series_load_file(&arena, &d, o->files[i]);
		errors += d.errors + (o->werror ? d.warnings : 0);
		hlr_diag_printer_add(o->printer, &d);
		hlr_arena_free(&arena);
	}
	hlr_diag_printer_end(o->printer);
	return errors ? EXIT_INPUT : 0;
}

/* A path as make reads it in a rule: spaces, '#' and '$' escaped. */
static void make_path(struct hlr_buf *b, const char *p)
{
	for (; *p; p++) {
		if (*p == ' ' || *p == '#' || *p == '\\')
			hlr_buf_putc(b, '\\');
		if (*p == '$')
			hlr_buf_putc(b, '$');
		hlr_buf_putc(b, *p);
	}
}

/* Writes "target: dep dep ..." and a phony rule per dependency, as cc -MD
 * -MP does, so make rebuilds an output when any file it was made from
 * changes. */
static void depfile_rule(struct hlr_buf *b, const char *target, const struct hlr_report *r,
                         struct hlr_arena *a)
{
	const struct hlr_source **deps;
	size_t n = hlr_report_deps(r, a, &deps);
	make_path(b, target);
	hlr_buf_putc(b, ':');
	for (size_t i = 0; i < n; i++) {
		hlr_buf_putc(b, ' ');
		make_path(b, deps[i]->path);
	}
	hlr_buf_putc(b, '\n');
	for (size_t i = 1; i < n; i++) {
		make_path(b, deps[i]->path);
		hlr_buf_puts(b, ":\n");
	}
}

static int write_fp(void *fp, const char *p, size_t n)
{
	return fwrite(p, 1, n, fp) == n ? 0 : -1;
}

/* Renders r to path (atomically) or standard output. */
static int write_output(struct hlr_diags *d, const char *path, struct hlr_report *r,
                        struct hlr_arena *a, const struct hlr_emit_opts *eo)
{
	struct hlr_outfile out;
	if (hlr_outfile_open(&out, path) != 0) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_CANNOT_WRITE, path, "cannot write output: %s",
		              strerror(errno));
		return -1;
	}
	if (hlr_emit_to(write_fp, out.fp, r, a, eo) != 0) {
		int e = errno;
		hlr_outfile_abort(&out);
		hlr_diag_file(d, HLR_ERROR, HLR_C_CANNOT_WRITE, path ? path : "<stdout>",
		              "cannot write output: %s", strerror(e));
		return -1;
	}
	if (hlr_outfile_commit(&out) != 0) {
		hlr_diag_file(d, HLR_ERROR, HLR_C_CANNOT_WRITE, path ? path : "<stdout>",
		              "cannot write output: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int write_text(struct hlr_diags *d, const char *path, const struct hlr_buf *b)
{
	struct hlr_outfile out;
	if (hlr_outfile_open(&out, path) != 0 ||
	    fwrite(b->data ? b->data : "", 1, b->len, out.fp) != b->len ||
	    hlr_outfile_commit(&out) != 0) {
		if (out.fp)
			hlr_outfile_abort(&out);
		hlr_diag_file(d, HLR_ERROR, HLR_C_CANNOT_WRITE, path, "cannot write: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* The authority --for names, or -1 (and an error) for r. */
static int view_for(struct hlr_diags *d, const struct hlr_report *r, const char *tag)
{
	if (!tag)
		return -1;
	int k = hlr_report_authority(r, tag, strlen(tag));
	if (k >= 0)
		return k;
	const char *cands[HLR_MAX_AUTHORITIES];
	for (unsigned i = 0; i < r->nauthorities; i++)
		cands[i] = r->authorities[i].tag;
	const char *s = hlr_suggest(tag, strlen(tag), cands, r->nauthorities);
	hlr_diag_file(d, HLR_ERROR, HLR_C_UNKNOWN_VIEW, r->src->path,
	              "--for %s: the report declares no authority '%s'%s%s%s", tag, tag,
	              s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
	return -2;
}

static const char *format_ext(enum hlr_format f)
{
	return f == HLR_FORMAT_HTML ? ".html" : f == HLR_FORMAT_JSON ? ".json" : ".md";
}

static int cmd_build(const struct opts *o)
{
	enum hlr_format format = HLR_FORMAT_MD;
	if (o->to && !format_from_name(o->to, &format))
		return usage("unknown format '%s' (expected md, html or json)", o->to);
	if (o->nfiles != 1)
		return usage("%s", o->nfiles ? "build takes one FILE or folder" : "build needs a FILE");
	bool dir = is_dir(o->files[0]);
	if (!o->to && o->out && !dir)
		format_from_path(o->out, &format);
	if (o->fragment && format != HLR_FORMAT_HTML)
		return usage("%s", "--fragment goes with HTML output");
	if (dir && !o->out)
		return usage("%s", "building a folder needs -o OUTDIR");
	if (o->depfile && (!o->out || !strcmp(o->out, "-")))
		return usage("%s", "--depfile needs -o OUT");

	printer_start(o, false);
	struct hlr_arena arena;
	hlr_arena_init(&arena);
	struct hlr_diags d;
	hlr_diags_init(&d, &arena);
	struct hlr_report **reports;
	size_t n = 1;
	struct hlr_report *one = NULL;
	if (dir) {
		reports = hlr_series_load_folder(&arena, &d, o->files[0], &n);
	} else {
		one = hlr_series_load_file(&arena, &d, o->files[0]);
		if (hlr_report_is_series_file(one)) {
			if (!d.errors)
				hlr_diag_file(&d, HLR_ERROR, HLR_C_SERIES_FILE, o->files[0],
				              "a series file holds shared header fields; build one of "
				              "the reports");
			one = NULL;
		}
		reports = &one;
		n = one ? 1 : 0;
	}
	int *views = hlr_arena_alloc(&arena, (n ? n : 1) * sizeof *views);
	for (size_t i = 0; i < n; i++)
		views[i] = view_for(&d, reports[i], o->for_tag);
	int status = 0;
	if (d.errors || (o->werror && d.warnings) || (!dir && !one)) {
		status = EXIT_INPUT;
	} else if (!dir) {
		struct hlr_emit_opts eo = {.format = format, .fragment = o->fragment, .authority = views[0]};
		if (write_output(&d, o->out, one, &arena, &eo) != 0)
			status = EXIT_INPUT;
		if (!status && o->depfile) {
			struct hlr_buf b = HLR_BUF_INIT;
			depfile_rule(&b, o->out, one, &arena);
			if (write_text(&d, o->depfile, &b) != 0)
				status = EXIT_INPUT;
			hlr_buf_free(&b);
		}
	} else {
		if (mkdir(o->out, 0777) != 0 && errno != EEXIST) {
			hlr_diag_file(&d, HLR_ERROR, HLR_C_CANNOT_WRITE, o->out, "cannot make folder: %s",
			              strerror(errno));
			status = EXIT_INPUT;
		}
		struct hlr_buf deps = HLR_BUF_INIT;
		for (size_t i = 0; i < n && !status; i++) {
			struct hlr_emit_opts eo = {.format = format, .fragment = o->fragment, .authority = views[i]};
			struct hlr_buf path = HLR_BUF_INIT;
			hlr_buf_printf(&path, "%s/%s%s", o->out, reports[i]->name, format_ext(format));
			if (write_output(&d, path.data, reports[i], &arena, &eo) != 0)
				status = EXIT_INPUT;
			else if (o->depfile)
				depfile_rule(&deps, path.data, reports[i], &arena);
			hlr_buf_free(&path);
		}
		if (!status && o->depfile && write_text(&d, o->depfile, &deps) != 0)
			status = EXIT_INPUT;
		hlr_buf_free(&deps);
	}
	hlr_diag_printer_add(o->printer, &d);
	hlr_diag_printer_end(o->printer);
	hlr_arena_free(&arena);
	return status;
}

/* Takes "--name value" or "--name=value"; *i is advanced past it. */
static const char *value(int argc, char **argv, int *i, const char *name, bool *bad)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (a[n] == '=')
		return a + n + 1;
	if (*i + 1 >= argc) {
		*bad = true;
		return NULL;
	}
	return argv[++*i];
}

static bool is_opt(const char *a, const char *name)
{
	size_t n = strlen(name);
	return strncmp(a, name, n) == 0 && (a[n] == '\0' || (a[n] == '=' && name[1] == '-'));
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(usage_text, stdout);
		fputc('\n', stdout);
		fputs(help_text, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
		printf("hlrc %s (libcmark %s)\n", HLRC_VERSION, cmark_version_string());
		return 0;
	}
	if (!strcmp(cmd, "site"))
		return hlr_cmd_site(argc - 1, argv + 1);
	if (!strcmp(cmd, "fmt"))
		return hlr_cmd_fmt(argc - 1, argv + 1);
	if (!strcmp(cmd, "new"))
		return hlr_cmd_new(argc - 1, argv + 1);
	if (!strcmp(cmd, "diff"))
		return hlr_cmd_diff(argc - 1, argv + 1);
	if (strcmp(cmd, "build") && strcmp(cmd, "check"))
		return usage("unknown command '%s'", cmd);

	struct opts o = {0};
	o.cmd = cmd;
	o.files = calloc((size_t)argc, sizeof *o.files);
	if (!o.files)
		hlr_oom();
	bool only_files = false;
	int status = -1;
	for (int i = 2; i < argc && status < 0; i++) {
		const char *a = argv[i];
		bool bad = false;
		if (only_files || a[0] != '-' || !strcmp(a, "-")) {
			o.files[o.nfiles++] = a;
		} else if (!strcmp(a, "--")) {
			only_files = true;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage_text, stdout);
			fputc('\n', stdout);
			fputs(help_text, stdout);
			status = 0;
		} else if (!strcmp(cmd, "build") && is_opt(a, "--to")) {
			o.to = value(argc, argv, &i, "--to", &bad);
		} else if (!strcmp(cmd, "build") && (is_opt(a, "-o") || is_opt(a, "--output"))) {
			o.out = value(argc, argv, &i, a[1] == 'o' ? "-o" : "--output", &bad);
		} else if (!strcmp(cmd, "build") && is_opt(a, "--for")) {
			o.for_tag = value(argc, argv, &i, "--for", &bad);
		} else if (!strcmp(cmd, "build") && is_opt(a, "--depfile")) {
			o.depfile = value(argc, argv, &i, "--depfile", &bad);
		} else if (is_opt(a, "--diagnostics")) {
			const char *f = value(argc, argv, &i, "--diagnostics", &bad);
			if (f && !hlr_diag_format_from_name(f, &o.diag_format))
				status = usage("unknown diagnostics format '%s' (expected gcc, json, sarif or github)", f);
		} else if (!strcmp(a, "--werror")) {
			o.werror = true;
		} else if (is_opt(a, "--fail-on")) {
			const char *f = value(argc, argv, &i, "--fail-on", &bad);
			if (f && !strcmp(f, "warning"))
				o.werror = true;
			else if (f && strcmp(f, "error"))
				status = usage("--fail-on takes 'error' or 'warning', not '%s'", f);
		} else if (!strcmp(cmd, "build") && !strcmp(a, "--fragment")) {
			o.fragment = true;
		} else {
			status = usage("unknown option '%s'", a);
		}
		if (bad)
			status = usage("option '%s' needs a value", a);
	}
	if (status < 0) {
		struct hlr_diag_printer printer;
		o.printer = &printer;
		if (!strcmp(cmd, "check")) {
			status = o.nfiles ? cmd_check(&o) : usage("%s", "check needs at least one FILE");
		} else {
			status = cmd_build(&o);
		}
	}
	free(o.files);
	return status;
}
