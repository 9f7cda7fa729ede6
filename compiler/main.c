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
#include "runtime/outfile.h"

#include <cmark.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifndef HLRC_VERSION
#define HLRC_VERSION "0.1.0"
#endif

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
	"usage: hlrc build [--to md|html|json] [--fragment] [--for TAG] [-o OUT] FILE\n"
	"       hlrc check FILE...\n"
	"       hlrc --help | --version\n";

static const char help_text[] =
	"hlrc compiles .hlr highlight reports to Markdown, HTML or JSON.\n"
	"\n"
	"Commands:\n"
	"  build FILE        render one report (to standard output unless -o)\n"
	"  check FILE...     check reports and print every diagnostic; write nothing\n"
	"\n"
	"Options for build:\n"
	"  --to FORMAT       md, html or json (default: from -o's extension, else md)\n"
	"  -o, --output OUT  write to OUT, whole or not at all ('-' is standard output)\n"
	"  --fragment        HTML: the report's <article> alone, without the page\n"
	"  --for TAG         the view for one authority: its items and untagged ones\n"
	"\n"
	"Exit status: 0 success, 1 an error in an input, 2 usage error.\n"
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

/* One compilation: load, parse, resolve. NULL when the file is unusable. */
static struct hlr_report *compile(struct hlr_arena *a, struct hlr_diags *d, const char *path)
{
	struct hlr_source *src = hlr_source_load(a, d, path);
	if (!src)
		return NULL;
	struct hlr_report *r = hlr_parse(a, d, src);
	hlr_resolve(a, d, r);
	return r;
}

static int cmd_check(const struct opts *o)
{
	size_t errors = 0;
	for (int i = 0; i < o->nfiles; i++) {
		struct hlr_arena arena;
		hlr_arena_init(&arena);
		struct hlr_diags d;
		hlr_diags_init(&d, &arena);
		compile(&arena, &d, o->files[i]);
		errors += d.errors;
		hlr_diags_print(&d, stderr);
		hlr_arena_free(&arena);
	}
	return errors ? EXIT_INPUT : 0;
}

static int cmd_build(const struct opts *o)
{
	enum hlr_format format = HLR_FORMAT_MD;
	if (o->to && !format_from_name(o->to, &format))
		return usage("unknown format '%s' (expected md, html or json)", o->to);
	if (!o->to && o->out)
		format_from_path(o->out, &format);
	if (o->fragment && format != HLR_FORMAT_HTML)
		return usage("%s", "--fragment goes with HTML output");
	if (o->nfiles != 1)
		return usage("%s", o->nfiles ? "build takes one FILE" : "build needs a FILE");

	struct hlr_arena arena;
	hlr_arena_init(&arena);
	struct hlr_diags d;
	hlr_diags_init(&d, &arena);
	struct hlr_report *r = compile(&arena, &d, o->files[0]);
	struct hlr_emit_opts eo = {format, o->fragment, -1};
	if (r && o->for_tag) {
		eo.authority = hlr_report_authority(r, o->for_tag, strlen(o->for_tag));
		if (eo.authority < 0) {
			const char *cands[HLR_MAX_AUTHORITIES];
			for (unsigned i = 0; i < r->nauthorities; i++)
				cands[i] = hlr_arena_strndup(&arena, r->src->data + r->authorities[i].tag.start,
				                             hlr_span_len(r->authorities[i].tag));
			const char *s = hlr_suggest(o->for_tag, strlen(o->for_tag), cands, r->nauthorities);
			hlr_diag_file(&d, HLR_ERROR, "unknown-view", o->files[0],
			              "--for %s: the report declares no authority '%s'%s%s%s", o->for_tag,
			              o->for_tag, s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
		}
	}
	int status = 0;
	if (!r || d.errors) {
		status = EXIT_INPUT;
	} else {
		struct hlr_outfile out;
		if (hlr_outfile_open(&out, o->out) != 0) {
			hlr_diag_file(&d, HLR_ERROR, "cannot-write", o->out, "cannot write output: %s",
			              strerror(errno));
			status = EXIT_INPUT;
		} else if (hlr_emit(out.fp, r, &arena, &eo) != 0) {
			int e = errno;
			hlr_outfile_abort(&out);
			hlr_diag_file(&d, HLR_ERROR, "cannot-write", o->out ? o->out : "<stdout>",
			              "cannot write output: %s", strerror(e));
			status = EXIT_INPUT;
		} else if (hlr_outfile_commit(&out) != 0) {
			hlr_diag_file(&d, HLR_ERROR, "cannot-write", o->out ? o->out : "<stdout>",
			              "cannot write output: %s", strerror(errno));
			status = EXIT_INPUT;
		}
	}
	hlr_diags_print(&d, stderr);
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
		} else if (!strcmp(cmd, "build") && !strcmp(a, "--fragment")) {
			o.fragment = true;
		} else {
			status = usage("unknown option '%s'", a);
		}
		if (bad)
			status = usage("option '%s' needs a value", a);
	}
	if (status < 0) {
		if (!strcmp(cmd, "check")) {
			status = o.nfiles ? cmd_check(&o) : usage("%s", "check needs at least one FILE");
		} else {
			status = cmd_build(&o);
		}
	}
	free(o.files);
	return status;
}
