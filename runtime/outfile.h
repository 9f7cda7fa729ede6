/* runtime: atomic file output. Data goes to a temporary file in the target's
 * folder, which is renamed over the target only when everything was written,
 * so a failed run leaves the previous file untouched and no partial file.
 * The temporary is removed at exit and on SIGINT, SIGTERM and SIGHUP (the
 * first open installs the handlers); one left by a run killed outright is
 * removed by the next run that commits a file to that folder. */
#ifndef HLR_OUTFILE_H
#define HLR_OUTFILE_H

#include <stdio.h>

struct hlr_outfile {
	FILE *fp;        /* stream to write to (the temp file, or stdout) */
	char *path;      /* final path, NULL for stdout, "" for a device or a
	                    pipe written directly (malloc'd) */
	char *tmp_path;  /* temporary path (malloc'd), NULL for stdout */
};

/* Opens the output; path NULL or "-" means stdout. A path that names a
 * device or a pipe (/dev/null, a FIFO) is written directly, never
 * replaced; a folder is an error (EISDIR). Returns 0, or -1 with errno
 * set. */
int hlr_outfile_open(struct hlr_outfile *o, const char *path);
/* Flushes, syncs (fsync) and renames into place. Returns 0, or -1 with errno set
 * (the temporary file is removed). */
int hlr_outfile_commit(struct hlr_outfile *o);
/* Discards everything written; the target is left as it was. */
void hlr_outfile_abort(struct hlr_outfile *o);

#endif
