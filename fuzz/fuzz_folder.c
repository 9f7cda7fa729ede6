/* fuzz: a series folder on disk (libFuzzer), with what a hostile
 * repository may hold. The input is cut at lines "%%" into entries; the
 * first byte of an entry says what it is, the second which name it has
 * (series.hlr, a.hlr .. d.hlr, and names that only look like a report's),
 * the rest is a file's text:
 *   kind 0, 1, 2  a regular file with the text
 *   kind 3        a symbolic link to another name of the folder
 *   kind 4        a symbolic link to a report outside the folder
 *   kind 5        a FIFO (no writer: opening it for reading would block)
 *   kind 6        a folder
 *   kind 7        a symbolic link to /dev/zero (a device)
 *   kind 8        a dangling symbolic link, or one to itself
 *   kind 9        a Unix domain socket
 * The folder is checked, rendered (the folder and each name) and built as
 * a site. No call may hang (run with -timeout), and nothing outside the
 * folder may be read: the report outside holds a marker that must appear
 * in no diagnostic and no output. Built by `make fuzz`. */
#include "compiler/hlrc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define MARKER "OUTSIDE-THE-FOLDER-7f3a"

static const char *const names[] = {"series.hlr", "a.hlr",     "b.hlr",  "c.hlr",
                                    "d.hlr",      "e.HLR",     "f.hlr.txt", "index.hlr"};
enum { NNAMES = sizeof names / sizeof names[0] };

/* The fuzzer's scratch folder: ROOT/outside.hlr and ROOT/s, the series.
 * Made once per process (mkdtemp), removed at exit. */
static char root[64], dir[80], outside[96];

static void remove_root(void)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		char p[200];
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
			if (unlink(p) != 0)
				rmdir(p);
		}
		closedir(d);
	}
	rmdir(dir);
	unlink(outside);
	rmdir(root);
}

static bool setup(void)
{
	if (root[0])
		return true;
	const char *tmp = getenv("TMPDIR");
	snprintf(root, sizeof root, "%s/hlrc-fuzz-XXXXXX", tmp && strlen(tmp) < 30 ? tmp : "/tmp");
	if (!mkdtemp(root)) {
		root[0] = '\0';
		return false;
	}
	snprintf(dir, sizeof dir, "%s/s", root);
	snprintf(outside, sizeof outside, "%s/outside.hlr", root);
	FILE *f = fopen(outside, "w");
	if (!f)
		return false;
	fputs("title " MARKER "\nperiod month 2020-10\n== guidance\n- " MARKER " {#" "x}\n", f);
	fclose(f);
	atexit(remove_root);
	return true;
}

/* Empties the series folder (its entries are files, links, FIFOs, sockets
 * and empty folders only). */
static void clear(void)
{
	DIR *d = opendir(dir);
	if (!d) {
		mkdir(dir, 0755);
		return;
	}
	struct dirent *e;
	char p[200];
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		if (unlink(p) != 0)
			rmdir(p);
	}
	closedir(d);
}

static void make_entry(const uint8_t *s, size_t n)
{
	if (n < 2)
		return;
	unsigned kind = s[0] % 10;
	const char *name = names[s[1] % NNAMES];
	char p[200], to[200];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	struct stat st;
	if (lstat(p, &st) == 0)
		return; /* the first entry of a name stays */
	switch (kind) {
	case 0:
	case 1:
	case 2: {
		FILE *f = fopen(p, "wb");
		if (f) {
			fwrite(s + 2, 1, n - 2, f);
			fclose(f);
		}
		break;
	}
	case 3:
		if (symlink(names[(s[1] + 1 + (n > 2 ? s[2] : 0)) % NNAMES], p) != 0)
			break;
		break;
	case 4:
		if (symlink(n > 2 && s[2] % 2 ? "../outside.hlr" : outside, p) != 0)
			break;
		break;
	case 5:
		mkfifo(p, 0644);
		break;
	case 6:
		mkdir(p, 0755);
		break;
	case 7:
		if (symlink("/dev/zero", p) != 0)
			break;
		break;
	case 8:
		snprintf(to, sizeof to, n > 2 && s[2] % 2 ? "%s" : "%s.gone", name);
		if (symlink(to, p) != 0)
			break;
		break;
	case 9: {
		int fd = socket(AF_UNIX, SOCK_STREAM, 0);
		struct sockaddr_un a = {.sun_family = AF_UNIX};
		if (fd >= 0 && strlen(p) < sizeof a.sun_path) {
			memcpy(a.sun_path, p, strlen(p) + 1);
			if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0)
				a.sun_path[0] = '\0';
		}
		if (fd >= 0)
			close(fd);
		break;
	}
	}
}

/* Whether s (n bytes) holds the marker: a loop of its own, as the
 * fuzzer's hooks on memmem would hand the marker to the mutator. */
static bool has_marker(const char *s, size_t n)
{
	static const char m[] = MARKER;
	for (size_t i = 0; s && i + sizeof m - 1 <= n; i++) {
		size_t k = 0;
		while (k < sizeof m - 1 && s[i + k] == m[k])
			k++;
		if (k == sizeof m - 1)
			return true;
	}
	return false;
}

/* Nothing read outside the folder reaches a diagnostic or an output. */
static void confined(const hlrc_result *r)
{
	const struct hlrc_diagnostic *d;
	size_t nd = hlrc_result_diagnostics(r, &d);
	for (size_t i = 0; i < nd; i++) {
		if ((d[i].message && has_marker(d[i].message, strlen(d[i].message))) ||
		    has_marker(d[i].source_line, d[i].source_line_len))
			abort();
		for (size_t k = 0; k < d[i].nnotes; k++)
			if (has_marker(d[i].notes[k].source_line, d[i].notes[k].source_line_len))
				abort();
	}
	const struct hlrc_output *o;
	size_t no = hlrc_result_outputs(r, &o);
	for (size_t i = 0; i < no; i++)
		if (has_marker(o[i].data, o[i].len))
			abort();
}

/* (not when the input holds the marker itself: then a file inside says it) */
static void run(bool check, int rc, hlrc_result *r)
{
	if (rc == HLRC_NOMEM)
		return;
	if (check)
		confined(r);
	hlrc_result_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!setup())
		return 0;
	clear();
	size_t start = 0, entries = 0;
	for (size_t i = 0; i <= size && entries < 12; i++) {
		bool cut = i == size || (i + 3 <= size && data[i] == '%' && data[i + 1] == '%' &&
		                         data[i + 2] == '\n' && (i == 0 || data[i - 1] == '\n'));
		if (!cut)
			continue;
		make_entry(data + start, i - start);
		entries++;
		start = i + 3;
		i += 2;
	}
	hlrc_workspace *ws = hlrc_workspace_new();
	if (!ws)
		return 0;
	hlrc_result *r;
	bool check = !has_marker((const char *)data, size);
	const char *d[] = {dir};
	run(check, hlrc_check(ws, d, 1, &r), r);
	struct hlrc_render_opts html = {.format = HLRC_FORMAT_HTML};
	run(check, hlrc_render(ws, dir, &html, &r), r);
	/* each regular file named alone (a name given on a command line is
	 * read as given: only those that are plain files here) */
	for (size_t i = 0; i < NNAMES; i++) {
		char p[200];
		struct stat st;
		snprintf(p, sizeof p, "%s/%s", dir, names[i]);
		if (lstat(p, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		const char *one[] = {p};
		run(check, hlrc_check(ws, one, 1, &r), r);
		run(check, hlrc_render(ws, p, &html, &r), r);
	}
	run(check, hlrc_site(ws, dir, &r), r);
	hlrc_workspace_free(ws);
	return 0;
}
