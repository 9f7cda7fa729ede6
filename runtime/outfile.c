/* runtime: atomic file output (see outfile.h). */
#define _POSIX_C_SOURCE 200809L
#include "outfile.h"
#include "arena.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The temporary files being written. This is the one piece of process-wide
 * state in hlrc: running out of memory ends the program from deep inside a
 * stage (hlr_oom), and SIGINT, SIGTERM or SIGHUP end it anywhere; the exit
 * handler and the signal handler must still remove a half-written
 * temporary file. hlrc writes one output at a time; the slots are a fixed
 * array so that the signal handler only reads pointers and calls unlink. */
enum { SLOTS = 8 };
static char *volatile pending[SLOTS];

static const int signals[] = {SIGINT, SIGTERM, SIGHUP};

/* Folders written to in this run, already cleared of stale temporaries,
 * and when the run began: a temporary older than that, which no process
 * holds a lock on, was left by a run that was killed. */
static char **cleared;
static size_t ncleared;
static struct timespec started;

static void remove_pending(void)
{
	for (size_t i = 0; i < SLOTS; i++)
		if (pending[i])
			unlink(pending[i]);
}

/* Async-signal-safe: unlink, then the signal again with its default
 * action (SA_RESETHAND restored it; it is delivered when this returns). */
static void on_signal(int sig)
{
	int e = errno;
	remove_pending();
	raise(sig);
	errno = e;
}

/* Syncs a folder ("dir/", or "" for the current one) to disk, best effort:
 * a rename is durable once its folder is. */
static void sync_folder(const char *dir)
{
	int fd = open(*dir ? dir : ".", O_RDONLY);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* At exit, the folders written to are synced once each (a folder build
 * renames many files into one folder). */
static void at_exit(void)
{
	remove_pending();
	for (size_t i = 0; i < ncleared; i++) {
		sync_folder(cleared[i]);
		free(cleared[i]);
	}
	free(cleared);
	cleared = NULL;
	ncleared = 0;
}

/* The process's umask, read once: a new file's mode is 0666 less it. */
static mode_t create_mask;

static void setup(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	create_mask = umask(0);
	umask(create_mask);
	atexit(at_exit);
	clock_gettime(CLOCK_REALTIME, &started);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
		sigaddset(&sa.sa_mask, signals[i]);
	for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
		struct sigaction old;
		/* a signal ignored when hlrc started (nohup, a background job)
		 * stays ignored */
		if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(signals[i], &sa, NULL);
	}
}

/* Blocks the three signals (the mask before in *old) while a slot is
 * taken. */
static void block(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
		sigaddset(&set, signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void forget(const char *tmp)
{
	for (size_t i = 0; i < SLOTS; i++)
		if (pending[i] == tmp)
			pending[i] = NULL;
}

/* Whether name is NAME.hlrc-XXXXXX, a temporary of ours. */
static bool is_temporary(const char *name)
{
	size_t n = strlen(name);
	if (n < 13 || memcmp(name + n - 12, ".hlrc-", 6) != 0)
		return false;
	for (size_t i = n - 6; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

/* Whether the temporary at path was left by a run that was killed: it is
 * older than this run (by a second, for coarse file clocks), and no
 * process holds its lock. */
static bool is_stale(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_mtim.tv_sec + 1 >= started.tv_sec)
		return false;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return false;
	struct flock lk;
	memset(&lk, 0, sizeof lk);
	lk.l_type = F_WRLCK;
	lk.l_whence = SEEK_SET;
	bool stale = fcntl(fd, F_GETLK, &lk) == 0 && lk.l_type == F_UNLCK;
	close(fd);
	return stale;
}

/* Removes the stale temporaries in the folder of path, once per folder
 * and run (best effort: errors are ignored). */
static void clear_stale(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dn = slash ? (size_t)(slash - path) + 1 : 0; /* "dir/", or "" */
	char *dir = hlr_xmalloc(dn + 1);
	memcpy(dir, path, dn);
	dir[dn] = '\0';
	for (size_t i = 0; i < ncleared; i++)
		if (!strcmp(cleared[i], dir)) {
			free(dir);
			return;
		}
	cleared = hlr_xrealloc(cleared, (ncleared + 1) * sizeof *cleared);
	cleared[ncleared++] = dir;
	DIR *d = opendir(dn ? dir : ".");
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!is_temporary(e->d_name))
			continue;
		size_t n = strlen(e->d_name);
		char *p = hlr_xmalloc(dn + n + 1);
		memcpy(p, dir, dn);
		memcpy(p + dn, e->d_name, n + 1);
		bool mine = false;
		for (size_t i = 0; i < SLOTS; i++)
			if (pending[i] && !strcmp(pending[i], p))
				mine = true;
		if (!mine && is_stale(p))
			unlink(p);
		free(p);
	}
	closedir(d);
}

int hlr_outfile_open(struct hlr_outfile *o, const char *path)
{
	setup();
	o->fp = NULL;
	o->path = NULL;
	o->tmp_path = NULL;
	if (!path || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	/* a device or a pipe (-o /dev/null, -o /dev/stdout) is written as it
	 * is: a file renamed over it would replace the device */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			return -1;
		}
		o->fp = fopen(path, "wb");
		if (!o->fp)
			return -1;
		o->path = hlr_xmalloc(1); /* owned, with no temporary: see commit */
		o->path[0] = '\0';
		return 0;
	}
	size_t n = strlen(path);
	o->path = hlr_xmalloc(n + 1);
	memcpy(o->path, path, n + 1);
	o->tmp_path = hlr_xmalloc(n + 16);
	memcpy(o->tmp_path, path, n);
	memcpy(o->tmp_path + n, ".hlrc-XXXXXX", 13);
	/* no signal between the file's creation and its slot */
	sigset_t old;
	block(&old);
	int fd = mkstemp(o->tmp_path);
	int e = errno;
	if (fd >= 0) {
		size_t i = 0;
		while (i < SLOTS && pending[i])
			i++;
		if (i < SLOTS)
			pending[i] = o->tmp_path;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		free(o->path);
		free(o->tmp_path);
		o->path = o->tmp_path = NULL;
		errno = e;
		return -1;
	}
	/* held while the file is written: a temporary nobody holds a lock on
	 * was left behind (clear_stale) */
	struct flock lk;
	memset(&lk, 0, sizeof lk);
	lk.l_type = F_WRLCK;
	lk.l_whence = SEEK_SET;
	(void)fcntl(fd, F_SETLK, &lk);
	/* mkstemp makes 0600; give the file the mode a plain create would */
	(void)fchmod(fd, 0666 & ~create_mask);
	o->fp = fdopen(fd, "wb");
	if (!o->fp) {
		e = errno;
		close(fd);
		unlink(o->tmp_path);
		forget(o->tmp_path);
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
		int failed = fflush(o->fp) != 0 || ferror(o->fp);
		if (o->path) { /* a device or a pipe opened for this output */
			int e = errno;
			if (fclose(o->fp) != 0)
				failed = 1;
			else
				errno = e;
			free(o->path);
			o->path = NULL;
		}
		o->fp = NULL;
		return failed ? -1 : 0;
	}
	int failed = fflush(o->fp) != 0 || ferror(o->fp);
	int e = errno;
	/* the data on disk before the name: a crash leaves the old file or the
	 * new one, never an empty one (file systems without fsync are fine) */
	if (!failed && fsync(fileno(o->fp)) != 0 && errno != EINVAL && errno != ENOTSUP) {
		failed = 1;
		e = errno;
	}
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
	forget(o->tmp_path);
	if (!failed)
		clear_stale(o->path); /* and the folder is synced at exit */
	free(o->path);
	free(o->tmp_path);
	o->path = o->tmp_path = NULL;
	errno = e;
	return failed ? -1 : 0;
}

void hlr_outfile_abort(struct hlr_outfile *o)
{
	if (!o->tmp_path && o->path && o->fp)
		fclose(o->fp); /* a device or a pipe: what was written stays written */
	if (o->tmp_path) {
		if (o->fp)
			fclose(o->fp);
		unlink(o->tmp_path);
		forget(o->tmp_path);
	}
	free(o->path);
	free(o->tmp_path);
	o->fp = NULL;
	o->path = o->tmp_path = NULL;
}
