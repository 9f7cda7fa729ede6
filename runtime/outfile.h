/* runtime: atomic file output. Data goes to a temporary file in the target's
 * folder, which is renamed over the target only when everything was written,
 * so a failed run leaves the previous file untouched and no partial file.
 * The temporary is removed at exit and on SIGINT, SIGTERM and SIGHUP (the
 * first open installs the handlers); one left by a run killed outright is
 * removed by the next run that commits a file to that folder.
 *
 * A folder is written whole or not at all the same way (struct
 * hlr_outdir): its files go into a temporary folder OUT.hlrc-XXXXXX
 * beside it, which is swapped with OUT at the end; a failed or
 * interrupted run leaves OUT as it was (or absent) and no temporary
 * folder. */
#ifndef HLR_OUTFILE_H
#define HLR_OUTFILE_H

#include <stdbool.h>
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

/* Whether path may be written to: 0 when it does not exist, is not a
 * regular file, or is a writable one; -1 with errno EACCES (or EROFS)
 * when it is a read-only file (no write permission bit, or not writable
 * by this process). */
int hlr_outfile_writable(const char *path);

/* A folder written whole or not at all. */
struct hlr_outdir {
	char *path;      /* the folder OUT (malloc'd) */
	char *tmp_path;  /* the temporary folder, OUT.hlrc-XXXXXX (malloc'd) */
	int fd;          /* the temporary folder, open (holds its lock) */
	bool existed;    /* OUT was a folder already */
	unsigned mode;   /* OUT's permissions (or a new folder's) */
	char *err_path;  /* after a failed commit, the path it failed at, or
	                    NULL (malloc'd) */
};

/* Makes the temporary folder for OUT at path (a symbolic link to a folder
 * is followed: the folder it names is replaced). OUT may be absent or a
 * folder; anything else is an error (ENOTDIR). Returns 0, or -1 with errno
 * set. */
int hlr_outdir_open(struct hlr_outdir *d, const char *path);
/* Opens the file called name in the temporary folder for writing (a name
 * with '/' is in folders, made as needed; it must have no empty, "." or
 * ".." part); NULL with errno set on failure. A file that replaces one of OUT keeps its
 * permissions. Close it with hlr_outdir_close. */
FILE *hlr_outdir_file(struct hlr_outdir *d, const char *name);
/* Flushes, syncs and closes a file of hlr_outdir_file; 0, or -1 with errno
 * set. */
int hlr_outdir_close(FILE *fp);
/* Carries into the temporary folder every entry of OUT that this run did
 * not write (hard links for files, copies where links cannot be made,
 * folders and symbolic links made again), syncs it and swaps it with OUT;
 * the old folder is then removed. Returns 0, or -1 with errno set (and
 * err_path when it failed at one entry): then OUT is as it was and the
 * temporary folder is removed. */
int hlr_outdir_commit(struct hlr_outdir *d);
/* Removes the temporary folder and all in it; OUT is left as it was. */
void hlr_outdir_abort(struct hlr_outdir *d);

#endif
