/* runtime: atomic file output (see outfile.h). */
/* _GNU_SOURCE: renameat2 (RENAME_EXCHANGE), where there is one */
#define _GNU_SOURCE
#include "outfile.h"
#include "arena.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
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

/* The temporary folder being written (one at a time), and every path made
 * in it, in order: the handler removes them last first, then the folder,
 * with unlink and rmdir alone. Changed only with the signals blocked. */
static char *volatile pending_dir;
static char **made;
static size_t nmade, capmade;

static void remove_pending_dir(void)
{
	if (pending_dir) {
		for (size_t i = nmade; i-- > 0;)
			if (unlink(made[i]) != 0)
				rmdir(made[i]);
		rmdir(pending_dir);
	}
}

static void remove_pending(void)
{
	for (size_t i = 0; i < SLOTS; i++)
		if (pending[i])
			unlink(pending[i]);
	remove_pending_dir();
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

/* Removes name in the folder dfd and, when it is a folder, all in it
 * (never following a symbolic link); best effort. */
static void remove_at(int dfd, const char *name)
{
	if (unlinkat(dfd, name, 0) == 0 || (errno != EISDIR && errno != EPERM))
		return;
	int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	if (fd < 0)
		return;
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			remove_at(dirfd(d), e->d_name);
	closedir(d);
	unlinkat(dfd, name, AT_REMOVEDIR);
}

static void remove_tree(const char *path)
{
	remove_at(AT_FDCWD, path);
}

/* Whether the temporary (a file or a folder) at path was left by a run
 * that was killed: it is older than this run (by a second, for coarse
 * file clocks), and no process holds its lock. */
static bool is_stale(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) ||
	    st.st_mtim.tv_sec + 1 >= started.tv_sec)
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
		bool mine = pending_dir && !strcmp(pending_dir, p);
		for (size_t i = 0; i < SLOTS; i++)
			if (pending[i] && !strcmp(pending[i], p))
				mine = true;
		if (!mine && is_stale(p))
			remove_tree(p);
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
	/* mkstemp makes 0600; give the file the mode of the file it replaces,
	 * or the one a plain create would */
	(void)fchmod(fd, stat(path, &st) == 0 && S_ISREG(st.st_mode) ? st.st_mode & 07777
	                                                             : 0666 & ~create_mask);
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

int hlr_outfile_writable(const char *path)
{
	struct stat st;
	if (!path || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	/* no write bit at all: read-only even for root, who may write anyway */
	if (!(st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH))) {
		errno = EACCES;
		return -1;
	}
	return access(path, W_OK) == 0 || errno == ENOENT ? 0 : -1;
}

/* --- folders ------------------------------------------------------------- */

static char *join(const char *dir, const char *name)
{
	size_t dn = strlen(dir), n = strlen(name);
	char *p = hlr_xmalloc(dn + n + 2);
	memcpy(p, dir, dn);
	p[dn] = '/';
	memcpy(p + dn + 1, name, n + 1);
	return p;
}

static char *copy_str(const char *s)
{
	size_t n = strlen(s);
	char *p = hlr_xmalloc(n + 1);
	memcpy(p, s, n + 1);
	return p;
}

/* Records path (owned) as made in the temporary folder, before it is made:
 * the signal handler removes it if the run ends. */
static void made_add(char *path)
{
	sigset_t old;
	block(&old);
	if (nmade == capmade) {
		size_t cap = capmade ? capmade * 2 : 64;
		/* a new array, so the handler never sees a freed one */
		char **v = hlr_xmalloc(cap * sizeof *v);
		if (nmade)
			memcpy(v, made, nmade * sizeof *v);
		free(made);
		made = v;
		capmade = cap;
	}
	made[nmade++] = path;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* Forgets the temporary folder and what was made in it (signals blocked
 * by the caller). */
static void made_clear(void)
{
	pending_dir = NULL;
	for (size_t i = 0; i < nmade; i++)
		free(made[i]);
	free(made);
	made = NULL;
	nmade = capmade = 0;
}

static int fail_at(struct hlr_outdir *d, const char *path)
{
	int e = errno;
	if (!d->err_path)
		d->err_path = copy_str(path);
	errno = e;
	return -1;
}

int hlr_outdir_open(struct hlr_outdir *d, const char *path)
{
	setup();
	memset(d, 0, sizeof *d);
	d->fd = -1;
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	d->path = hlr_xmalloc(n + 1);
	memcpy(d->path, path, n);
	d->path[n] = '\0';
	struct stat st;
	/* a symbolic link to a folder: the folder it names is replaced */
	if (lstat(d->path, &st) == 0 && S_ISLNK(st.st_mode) && stat(d->path, &st) == 0 &&
	    S_ISDIR(st.st_mode)) {
		char *real = realpath(d->path, NULL);
		if (real) {
			free(d->path);
			d->path = copy_str(real);
			free(real);
		}
	}
	if (stat(d->path, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			free(d->path);
			d->path = NULL;
			errno = ENOTDIR;
			return -1;
		}
		/* a folder holding the current one cannot be swapped away from
		 * under it */
		char *real = realpath(d->path, NULL), cwd[PATH_MAX];
		size_t rn = real ? strlen(real) : 0;
		bool inside = real && getcwd(cwd, sizeof cwd) && !strncmp(cwd, real, rn) &&
		              (cwd[rn] == '/' || cwd[rn] == '\0' || rn == 1);
		free(real);
		if (inside) {
			free(d->path);
			d->path = NULL;
			errno = EBUSY;
			return -1;
		}
		d->existed = true;
		d->mode = st.st_mode & 07777;
	} else {
		d->mode = 0777 & ~create_mask;
	}
	n = strlen(d->path);
	d->tmp_path = hlr_xmalloc(n + 16);
	memcpy(d->tmp_path, d->path, n);
	memcpy(d->tmp_path + n, ".hlrc-XXXXXX", 13);
	sigset_t old;
	block(&old);
	char *t = pending_dir ? NULL : mkdtemp(d->tmp_path);
	int e = pending_dir ? EBUSY : errno;
	if (t)
		pending_dir = d->tmp_path;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (!t) {
		free(d->path);
		free(d->tmp_path);
		d->path = d->tmp_path = NULL;
		errno = e;
		return -1;
	}
	/* held while the folder is written (see is_stale) */
	d->fd = open(d->tmp_path, O_RDONLY | O_DIRECTORY);
	if (d->fd >= 0) {
		struct flock lk;
		memset(&lk, 0, sizeof lk);
		lk.l_type = F_RDLCK;
		lk.l_whence = SEEK_SET;
		(void)fcntl(d->fd, F_SETLK, &lk);
	}
	/* what runs killed outright left beside OUT, before this one fills the
	 * disk further */
	clear_stale(d->path);
	return 0;
}

FILE *hlr_outdir_file(struct hlr_outdir *d, const char *name)
{
	char *old = join(d->path, name);
	struct stat st;
	mode_t mode = d->existed && stat(old, &st) == 0 && S_ISREG(st.st_mode) ? st.st_mode & 07777
	                                                                      : 0666 & ~create_mask;
	free(old);
	char *path = join(d->tmp_path, name);
	/* "files/a.pdf": its folders first (the name is relative and has no
	 * "." or ".." part: the caller's) */
	for (char *sl = strchr(path + strlen(d->tmp_path) + 1, '/'); sl; sl = strchr(sl + 1, '/')) {
		*sl = '\0';
		struct stat ds;
		if (lstat(path, &ds) != 0) {
			made_add(copy_str(path));
			if (mkdir(path, 0777 & ~create_mask) != 0) {
				int e = errno;
				free(path);
				errno = e;
				return NULL;
			}
		} else if (!S_ISDIR(ds.st_mode)) {
			free(path);
			errno = ENOTDIR;
			return NULL;
		}
		*sl = '/';
	}
	made_add(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return NULL;
	(void)fchmod(fd, mode);
	FILE *fp = fdopen(fd, "wb");
	if (!fp) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return fp;
}

/* Syncs the file or folder fd, ignoring file systems that cannot. */
static int sync_fd(int fd)
{
	return fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP && errno != EROFS ? -1 : 0;
}

int hlr_outdir_close(FILE *fp)
{
	int failed = fflush(fp) != 0 || ferror(fp) || sync_fd(fileno(fp)) != 0;
	int e = errno;
	if (fclose(fp) != 0 && !failed) {
		failed = 1;
		e = errno;
	}
	errno = e;
	return failed ? -1 : 0;
}

/* A copy of the regular file from at to, with its permissions, for when a
 * hard link cannot be made (another file system, a file system without
 * them, a file a protected_hardlinks system will not link). */
static int copy_file(const char *from, const char *to, mode_t mode)
{
	int in = open(from, O_RDONLY | O_NOFOLLOW);
	if (in < 0)
		return -1;
	int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	if (out < 0) {
		int e = errno;
		close(in);
		errno = e;
		return -1;
	}
	char buf[65536];
	ssize_t n;
	int rc = 0;
	while (rc == 0 && (n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno != EINTR)
				rc = -1;
			continue;
		}
		for (ssize_t off = 0; off < n && rc == 0;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0 && errno != EINTR)
				rc = -1;
			else if (w > 0)
				off += w;
		}
	}
	int e = errno;
	if (rc == 0 && (fchmod(out, mode) != 0 || sync_fd(out) != 0))
		rc = -1, e = errno;
	if (close(out) != 0 && rc == 0)
		rc = -1, e = errno;
	close(in);
	errno = e;
	return rc;
}

/* Carries the entries of the folder from (in OUT) that this run did not
 * write into to (its place in the temporary folder). */
static int carry(struct hlr_outdir *d, const char *from, const char *to)
{
	DIR *dir = opendir(from);
	if (!dir)
		return fail_at(d, from);
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *src = join(from, e->d_name), *dst = join(to, e->d_name);
		struct stat st;
		/* a folder this run wrote into (an attachment's): what else it
		 * holds in OUT is kept too */
		struct stat ss;
		if (lstat(dst, &st) == 0 && S_ISDIR(st.st_mode) && lstat(src, &ss) == 0 &&
		    S_ISDIR(ss.st_mode)) {
			rc = carry(d, src, dst);
			free(src);
			free(dst);
			continue;
		}
		/* written by this run; or a temporary a killed run left */
		if (lstat(dst, &st) == 0 || (is_temporary(e->d_name) && is_stale(src))) {
			free(src);
			free(dst);
			continue;
		}
		if (lstat(src, &st) != 0) {
			rc = fail_at(d, src);
			free(src);
			free(dst);
			break;
		}
		made_add(copy_str(dst));
		if (S_ISDIR(st.st_mode)) {
			if (mkdir(dst, 0700) != 0)
				rc = fail_at(d, dst);
			else if ((rc = carry(d, src, dst)) == 0) {
				int fd = open(dst, O_RDONLY | O_DIRECTORY);
				if (chmod(dst, st.st_mode & 07777) != 0 || fd < 0 || sync_fd(fd) != 0)
					rc = fail_at(d, dst);
				if (fd >= 0)
					close(fd);
			}
		} else if (S_ISREG(st.st_mode)) {
			if (link(src, dst) != 0 && copy_file(src, dst, st.st_mode & 07777) != 0)
				rc = fail_at(d, src);
		} else if (S_ISLNK(st.st_mode)) {
			char target[PATH_MAX];
			ssize_t n = readlink(src, target, sizeof target - 1);
			if (n < 0)
				rc = fail_at(d, src);
			else {
				target[n] = '\0';
				if (symlink(target, dst) != 0)
					rc = fail_at(d, dst);
			}
		} else {
			errno = ENOTSUP; /* a device, a pipe or a socket in OUT */
			rc = fail_at(d, src);
		}
		free(src);
		free(dst);
	}
	closedir(dir);
	return rc;
}

/* Puts the folder tmp in the place of path, which exists: exchanged in one
 * step where the system can, else moved aside first. After it, tmp names
 * the old folder. */
static int swap(const char *tmp, const char *path)
{
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return -1;
#endif
	/* the old folder to an empty temporary beside it (a rename may
	 * replace an empty folder), the new one in its place */
	size_t n = strlen(path);
	char *aside = hlr_xmalloc(n + 16);
	memcpy(aside, path, n);
	memcpy(aside + n, ".hlrc-XXXXXX", 13);
	int rc = -1, e;
	if (mkdtemp(aside)) {
		if (rename(path, aside) == 0) {
			if (rename(tmp, path) == 0 && rename(aside, tmp) == 0)
				rc = 0;
			else {
				e = errno;
				(void)rename(aside, path);
				errno = e;
			}
		}
		e = errno;
		rmdir(aside);
		errno = e;
	}
	free(aside);
	return rc;
}

static void outdir_free(struct hlr_outdir *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
	free(d->path);
	free(d->tmp_path);
	d->path = d->tmp_path = NULL;
}

int hlr_outdir_commit(struct hlr_outdir *d)
{
	int rc = 0;
	if (d->existed)
		rc = carry(d, d->path, d->tmp_path);
	if (rc == 0 && (chmod(d->tmp_path, d->mode) != 0 || d->fd < 0 || sync_fd(d->fd) != 0))
		rc = fail_at(d, d->tmp_path);
	if (rc != 0) {
		int e = errno;
		hlr_outdir_abort(d);
		errno = e;
		return -1;
	}
	/* from the swap to the old folder's removal no signal ends the run: it
	 * is done */
	sigset_t old;
	block(&old);
	rc = d->existed ? swap(d->tmp_path, d->path) : rename(d->tmp_path, d->path);
	int e = errno;
	if (rc != 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		hlr_outdir_abort(d);
		errno = e;
		return -1;
	}
	made_clear();
	if (d->existed)
		remove_tree(d->tmp_path);
	sigprocmask(SIG_SETMASK, &old, NULL);
	/* the swap is durable once the parent folder is (synced at exit) */
	clear_stale(d->path);
	outdir_free(d);
	return 0;
}

void hlr_outdir_abort(struct hlr_outdir *d)
{
	if (!d->tmp_path)
		return;
	sigset_t old;
	block(&old);
	if (pending_dir == d->tmp_path) {
		remove_pending_dir();
		made_clear();
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	remove_tree(d->tmp_path); /* anything else in it */
	outdir_free(d);
}
