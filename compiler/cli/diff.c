/* cli: hlrc diff. The library compares the reports (hlrc_diff); this
 * prints the summary, or the diagnostics when a report has errors. As
 * git's diff driver (--git), the two versions of a report are set from
 * memory into two copies of its folder, "a/DIR" and "b/DIR", beside the
 * other files of the folder as they are in the working tree, so that
 * 'unchanged' and references find their series; as git's textconv
 * (--textconv), a report is printed in the canonical layout. */
#include "compiler/cli/cli.h"
#include "runtime/buf.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Prints r's output, or its diagnostics; the exit status. */
static int print_result(int rc, hlrc_result *r)
{
	int status = cli_status(rc);
	const struct hlrc_output *v;
	if (!status && hlrc_result_outputs(r, &v) == 1 &&
	    (fwrite(v->data, 1, v->len, stdout) != v->len || fflush(stdout) != 0))
		status = EXIT_INPUT;
	if (status)
		cli_report(r);
	return status;
}

/* Reads the file at path into b; false when it cannot be read. */
static bool read_file(const char *path, struct hlr_buf *b)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return false;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		hlr_buf_put(b, chunk, n);
	bool ok = !ferror(fp);
	fclose(fp);
	return ok;
}

/* --textconv FILE: the canonical layout, or the text as it is. */
static int textconv(const char *path)
{
	struct hlr_buf text = HLR_BUF_INIT;
	if (!read_file(path, &text)) {
		cli_error(path, "cannot-read", "cannot read");
		hlr_buf_free(&text);
		return EXIT_INPUT;
	}
	hlrc_workspace *ws = cli_workspace();
	hlrc_result *r = NULL;
	int rc = hlrc_fmt_text(ws, path, text.data ? text.data : "", text.len, &r);
	const struct hlrc_output *v;
	const char *data = text.data ? text.data : "";
	size_t len = text.len;
	if (rc == HLRC_OK && hlrc_result_outputs(r, &v) == 1) {
		data = v->data;
		len = v->len;
	}
	int status = fwrite(data, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : EXIT_INPUT;
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	hlr_buf_free(&text);
	return status;
}

/* Sets the .hlr files of folder dir (as in the working tree) into the copy
 * side/dir, and text (if any) as side/dir/base. */
static int set_side(hlrc_workspace *ws, const char *side, const char *dir, const char *base,
                    const struct hlr_buf *text)
{
	hlrc_result *r = NULL;
	struct hlr_buf path = HLR_BUF_INIT;
	bool top = !strcmp(dir, "."); /* side/NAME, not side/./NAME */
	int rc = hlrc_files(ws, dir, &r);
	if (rc == HLRC_NOMEM)
		return rc;
	const struct hlrc_output *v;
	size_t n = rc == HLRC_OK ? hlrc_result_outputs(r, &v) : 0;
	rc = HLRC_OK;
	for (size_t i = 0; i < n && rc == HLRC_OK; i++) {
		if (!strcmp(v[i].data, base))
			continue;
		struct hlr_buf t = HLR_BUF_INIT;
		if (read_file(v[i].name, &t)) {
			path.len = 0;
			hlr_buf_printf(&path, "%s/%s%s%s", side, top ? "" : dir, top ? "" : "/",
			               v[i].data);
			rc = hlrc_set_text(ws, path.data, t.data ? t.data : "", t.len);
		}
		hlr_buf_free(&t);
	}
	if (text && rc == HLRC_OK) {
		path.len = 0;
		hlr_buf_printf(&path, "%s/%s%s%s", side, top ? "" : dir, top ? "" : "/", base);
		rc = hlrc_set_text(ws, path.data, text->data ? text->data : "", text->len);
	}
	hlrc_result_free(r);
	hlr_buf_free(&path);
	return rc;
}

/* A prefix ("a", else "a~", ...) under which dir is not on disk. */
static void side_name(struct hlr_buf *b, char c, const char *dir)
{
	hlr_buf_putc(b, c);
	for (;;) {
		struct hlr_buf p = HLR_BUF_INIT;
		struct stat st;
		hlr_buf_printf(&p, "%s/%s", b->data, dir);
		bool taken = stat(p.data, &st) == 0;
		hlr_buf_free(&p);
		if (!taken)
			return;
		hlr_buf_putc(b, '~');
	}
}

/* One version of the report for --git: its text in *t, false when absent
 * (/dev/null) or unreadable. */
static bool git_version(const char *file, struct hlr_buf *t)
{
	return strcmp(file, "/dev/null") && read_file(file, t);
}

/* --git PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE: what
 * changed, with a first line naming both sides; a version with errors
 * shows its diagnostics instead. Always exits 0 but when out of memory,
 * so that git goes on to the next file. */
static int git_driver(const struct cli_args *a, bool text)
{
	if (a->nfiles != 7)
		return cli_usage(a->cmd, "%s", "diff --git takes the 7 arguments git gives a diff driver: "
		                 "PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE");
	const char *path = a->files[0];
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	struct hlr_buf dir = HLR_BUF_INIT, sa = HLR_BUF_INIT, sb = HLR_BUF_INIT;
	struct hlr_buf oldt = HLR_BUF_INIT, newt = HLR_BUF_INIT, pa = HLR_BUF_INIT,
	               pb = HLR_BUF_INIT;
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (slash)
		hlr_buf_put(&dir, path, (size_t)(slash - path));
	else
		hlr_buf_putc(&dir, '.');
	bool has_old = git_version(a->files[1], &oldt);
	bool has_new = git_version(a->files[4], &newt);
	side_name(&sa, 'a', dir.data);
	side_name(&sb, 'b', dir.data);
	const char *sep = slash ? "/" : "";
	hlr_buf_printf(&pa, "%s/%s%s%s", sa.data, slash ? dir.data : "", sep, base);
	hlr_buf_printf(&pb, "%s/%s%s%s", sb.data, slash ? dir.data : "", sep, base);
	printf("hlrc diff %s %s\n", has_old ? pa.data : "/dev/null", has_new ? pb.data : "/dev/null");
	hlrc_workspace *ws = cli_workspace();
	hlrc_result *r = NULL;
	int rc = set_side(ws, sa.data, dir.data, base, has_old ? &oldt : NULL);
	if (rc == HLRC_OK)
		rc = set_side(ws, sb.data, dir.data, base, has_new ? &newt : NULL);
	if (rc == HLRC_OK && !has_new) {
		printf("Report deleted.\n");
	} else if (rc == HLRC_OK) {
		if (!has_old) {
			/* added: against its previous report, if it has one */
			printf("New report.\n");
			const char *one = pb.data;
			rc = hlrc_check(ws, &one, 1, &r);
			if (rc == HLRC_OK) {
				hlrc_result_free(r);
				r = NULL;
				rc = hlrc_diff(ws, NULL, pb.data, text, &r);
				if (rc == HLRC_FAILED)
					rc = HLRC_OK; /* the first of its series */
			}
		} else {
			rc = hlrc_diff(ws, pa.data, pb.data, text, &r);
		}
		const struct hlrc_output *v;
		if (rc == HLRC_OK && r && hlrc_result_outputs(r, &v) == 1)
			fwrite(v->data, 1, v->len, stdout);
		else if (rc == HLRC_FAILED || rc == HLRC_BADARG) {
			printf("The reports cannot be compared:\n");
			hlrc_printer *p = hlrc_printer_new(HLRC_DIAG_GCC);
			if (!p)
				rc = HLRC_NOMEM;
			else {
				cli_print_diags(p, r, stdout);
				hlrc_printer_free(p);
				rc = HLRC_OK;
			}
		}
	}
	int status = rc == HLRC_NOMEM || rc == HLRC_INTERNAL ? cli_status(rc) : 0;
	if (fflush(stdout) != 0)
		status = EXIT_INPUT;
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	hlr_buf_free(&dir);
	hlr_buf_free(&sa);
	hlr_buf_free(&sb);
	hlr_buf_free(&oldt);
	hlr_buf_free(&newt);
	hlr_buf_free(&pa);
	hlr_buf_free(&pb);
	return status;
}

int cli_diff(const struct cli_args *a)
{
	const char *to = a->value[OPT_TO];
	bool text = false;
	if (to && (!strcmp(to, "text") || !strcmp(to, "txt")))
		text = true;
	else if (to && strcmp(to, "md") && strcmp(to, "markdown"))
		return cli_usage(a->cmd, "unknown format '%s' (expected md or text)", to);
	if (a->set[OPT_GIT])
		return git_driver(a, text || !to);
	if (a->set[OPT_TEXTCONV]) {
		if (a->nfiles != 1)
			return cli_usage(a->cmd, "%s", "diff --textconv takes one FILE");
		return textconv(a->files[0]);
	}
	if (a->nfiles > 2)
		return cli_usage(a->cmd, "diff takes OLD and NEW, or one FILE (extra argument '%s')",
		                 a->files[2]);
	if (!a->nfiles)
		return cli_usage(a->cmd, "%s", "diff needs OLD and NEW, or one FILE");
	hlrc_workspace *ws = cli_workspace();
	hlrc_result *r;
	int rc = hlrc_diff(ws, a->nfiles == 2 ? a->files[0] : NULL, a->files[a->nfiles - 1], text,
	                   &r);
	if (rc == HLRC_NOMEM)
		return cli_status(rc);
	int status = print_result(rc, r);
	hlrc_result_free(r);
	hlrc_workspace_free(ws);
	return status;
}
