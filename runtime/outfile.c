/* runtime: atomic file output (see outfile.h). */
#define _POSIX_C_SOURCE 200809L
#include "outfile.h"
#include "arena.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary file being written, if any. This is the one piece of
 * process-wide state in hlrc: running out of memory ends the program from
 * deep inside a stage (hlr_oom), and the exit handler must still remove a
 * half-written temporary file. hlrc writes one output at a time. */
static const char *pending;

static void remove_pending(void)
{
	if (pending)
		unlink(pending);
}

int hlr_outfile_open(struct hlr_outfile *o, const char *path)
{
	static bool registered;
	if (!registered) {
		atexit(remove_pending);
		registered = true;
	}
	o->fp = NULL;
	o->path = NULL;
	o->tmp_path = NULL;
	if (!path || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	size_t n = strlen(path);
	o->path = hlr_xmalloc(n + 1);
	memcpy(o->path, path, n + 1);
	o->tmp_path = hlr_xmalloc(n + 16);
	memcpy(o->tmp_path, path, n);
	memcpy(o->tmp_path + n, ".hlrc-XXXXXX", 13);
	int fd = mkstemp(o->tmp_path);
	if (fd < 0) {
		int e = errno;
		free(o->path);
		free(o->tmp_path);
		o->path = o->tmp_path = NULL;
		errno = e;
		return -1;
	}
	/* mkstemp makes 0600; give the file the mode a plain create would */
	mode_t mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	pending = o->tmp_path;
	o->fp = fdopen(fd, "wb");
	if (!o->fp) {
		pending = NULL;
		int e = errno;
		close(fd);
		unlink(o->tmp_path);
		free(o->path);
		free(o->tmp_path);
		o->path = o->tmp_path = NULL;
		errno = e;
		return -1;
	}
	return 0;
}

int hlr_outfile_commit(struct hlr_outfile *o)
{
	if (!o->tmp_path) {
		if (fflush(o->fp) != 0 || ferror(o->fp))
			return -1;
		return 0;
	}
	int failed = fflush(o->fp) != 0 || ferror(o->fp);
	int e = errno;
	if (fclose(o->fp) != 0 && !failed) {
		failed = 1;
		e = errno;
	}
	o->fp = NULL;
	if (!failed && rename(o->tmp_path, o->path) != 0) {
		failed = 1;
		e = errno;
	}
	if (failed)
		unlink(o->tmp_path);
	pending = NULL;
	free(o->path);
	free(o->tmp_path);
	o->path = o->tmp_path = NULL;
	errno = e;
	return failed ? -1 : 0;
}

void hlr_outfile_abort(struct hlr_outfile *o)
{
	if (o->tmp_path) {
		if (o->fp)
			fclose(o->fp);
		unlink(o->tmp_path);
		pending = NULL;
	}
	free(o->path);
	free(o->tmp_path);
	o->fp = NULL;
	o->path = o->tmp_path = NULL;
}
