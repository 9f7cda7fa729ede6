/* cli: hlrc fix. The library applies the fix-its (hlrc_fix); this writes
 * each changed file in place, atomically and keeping its permissions
 * (following a symbolic link to the file it names), or with --dry-run
 * prints a unified diff of each and writes nothing; then it prints what
 * remains, and exits as check does. */
#define _XOPEN_SOURCE 700
#include "compiler/cli/cli.h"
#include "runtime/outfile.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A line of a text: where it starts and its bytes with the line end. */
struct line {
	const char *s;
	size_t n;
};

/* The lines of s[0..len) (malloc'd), count in *n. */
static struct line *lines_of(const char *s, size_t len, size_t *n)
{
	size_t cap = 1;
	for (size_t i = 0; i < len; i++)
		cap += s[i] == '\n';
	struct line *v = malloc(cap * sizeof *v);
	if (!v)
		return NULL;
	*n = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) + 1 : len;
		v[(*n)++] = (struct line){s + i, e - i};
		i = e;
	}
	return v;
}

static bool same(const struct line *a, const struct line *b)
{
	return a->n == b->n && !memcmp(a->s, b->s, a->n);
}

static void put_line(char mark, const struct line *l)
{
	putchar(mark);
	fwrite(l->s, 1, l->n, stdout);
	if (!l->n || l->s[l->n - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", stdout);
}

/* One step of the edit script: a line kept (' '), removed ('-') or
 * added ('+'), with its number in the old or new text. */
struct op {
	char kind;
	size_t a, b; /* index in old and new lines (of the next one, when absent) */
};

/* A unified diff of old and new text of path, three lines of context.
 * Fix-its change few lines: the lines common to both ends are kept, the
 * middle compared line for line when it has as many lines on each side,
 * else removed and added whole. */
static int print_diff(const char *path, const char *old, size_t olen, const char *new_,
                      size_t nlen)
{
	size_t na, nb;
	struct line *a = lines_of(old, olen, &na), *b = lines_of(new_, nlen, &nb);
	struct op *ops = malloc((na + nb + 1) * sizeof *ops);
	if (!a || !b || !ops) {
		free(a), free(b), free(ops);
		return -1;
	}
	size_t p = 0, s = 0, k = 0;
	while (p < na && p < nb && same(&a[p], &b[p]))
		p++;
	while (s < na - p && s < nb - p && same(&a[na - 1 - s], &b[nb - 1 - s]))
		s++;
	for (size_t i = 0; i < p; i++)
		ops[k++] = (struct op){' ', i, i};
	size_t ma = na - p - s, mb = nb - p - s;
	for (size_t i = 0; i < ma || i < mb;) {
		/* a run of lines that differ: removed, then added */
		size_t j = i;
		if (ma == mb)
			while (j < ma && !same(&a[p + j], &b[p + j]))
				j++;
		else
			j = ma > mb ? ma : mb;
		for (size_t x = i; x < j && x < ma; x++)
			ops[k++] = (struct op){'-', p + x, p + (x < mb ? x : mb)};
		for (size_t x = i; x < j && x < mb; x++)
			ops[k++] = (struct op){'+', p + (x < ma ? x : ma), p + x};
		if (ma == mb)
			while (j < ma && same(&a[p + j], &b[p + j])) {
				ops[k++] = (struct op){' ', p + j, p + j};
				j++;
			}
		i = j;
	}
	for (size_t i = 0; i < s; i++)
		ops[k++] = (struct op){' ', na - s + i, nb - s + i};
	printf("--- %s\n+++ %s\n", path, path);
	enum { CONTEXT = 3 };
	for (size_t i = 0; i < k;) {
		if (ops[i].kind == ' ') {
			i++;
			continue;
		}
		/* a hunk: from CONTEXT lines before the change to CONTEXT after
		 * the last change closer than 2 * CONTEXT kept lines */
		size_t from = i > CONTEXT ? i - CONTEXT : 0, to = i;
		for (size_t kept = 0; to < k && kept <= 2 * CONTEXT; to++)
			kept = ops[to].kind == ' ' ? kept + 1 : 0;
		while (to > i && ops[to - 1].kind == ' ' && to - 1 >= i) {
			size_t tail = 0;
			while (tail < to - i && ops[to - 1 - tail].kind == ' ')
				tail++;
			if (tail <= CONTEXT)
				break;
			to--;
		}
		size_t ca = 0, cb = 0;
		for (size_t x = from; x < to; x++) {
			ca += ops[x].kind != '+';
			cb += ops[x].kind != '-';
		}
		size_t sa = ops[from].a, sb = ops[from].b;
		printf("@@ -%zu,%zu +%zu,%zu @@\n", ca ? sa + 1 : sa, ca, cb ? sb + 1 : sb, cb);
		for (size_t x = from; x < to; x++)
			put_line(ops[x].kind, ops[x].kind == '+' ? &b[ops[x].b] : &a[ops[x].a]);
		i = to;
	}
	free(a), free(b), free(ops);
	return 0;
}

/* Replaces path (or the file a symbolic link at path names) with o's
 * text, atomically, keeping the file's permissions. */
static int rewrite(hlrc_result *r, const char *path, const struct hlrc_output *o)
{
	struct stat st;
	bool have_mode = stat(path, &st) == 0;
	char *real = realpath(path, NULL);
	struct hlr_outfile out;
	int rc = hlr_outfile_open(&out, real ? real : path);
	free(real);
	if (rc == 0) {
		if (have_mode)
			(void)fchmod(fileno(out.fp), st.st_mode & 07777);
		if (fwrite(o->data, 1, o->len, out.fp) == o->len && hlr_outfile_commit(&out) == 0)
			return 0;
		int e = errno;
		if (out.fp)
			hlr_outfile_abort(&out);
		errno = e;
	}
	char msg[512];
	snprintf(msg, sizeof msg, "cannot write the fixed file: %s", strerror(errno));
	hlrc_result_add_error(r, "cannot-write", path, msg);
	return -1;
}

/* The text of path on disk (malloc'd), or NULL. */
static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	char *s = NULL;
	size_t cap = 0;
	*len = 0;
	for (;;) {
		if (cap - *len < 4096) {
			char *t = realloc(s, cap = cap ? 2 * cap : 65536);
			if (!t) {
				free(s);
				fclose(fp);
				return NULL;
			}
			s = t;
		}
		size_t n = fread(s + *len, 1, cap - *len, fp);
		if (!n)
			break;
		*len += n;
	}
	fclose(fp);
	return s;
}

int cli_fix(const struct cli_args *a)
{
	enum hlrc_diag_format f;
	bool werror;
	int status;
	if (!cli_diag_opts(a, &f, &werror, &status))
		return status;
	if (!a->nfiles)
		return cli_usage(a->cmd, "%s", "fix needs at least one FILE or FOLDER");
	hlrc_workspace *ws = cli_workspace();
	hlrc_result *r;
	int rc = hlrc_fix(ws, a->files, (size_t)a->nfiles, &r);
	if (rc == HLRC_NOMEM)
		return cli_status(rc);
	bool dry = a->set[OPT_DRY_RUN];
	const struct hlrc_output *v;
	size_t n = hlrc_result_outputs(r, &v);
	for (size_t i = 0; i < n; i++) {
		if (!v[i].changed)
			continue;
		if (dry) {
			size_t len;
			char *old = slurp(v[i].name, &len);
			if (!old || print_diff(v[i].name, old, len, v[i].data, v[i].len) != 0)
				return cli_status(HLRC_NOMEM);
			free(old);
		} else if (rewrite(r, v[i].name, &v[i]) == 0) {
			printf("fixed %s\n", v[i].name);
		}
	}
	fflush(stdout);
	FILE *fp = f == HLRC_DIAG_GCC ? stderr : stdout;
	hlrc_printer *p = hlrc_printer_new(f);
	if (!p)
		return cli_status(HLRC_NOMEM);
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
