/* runtime: arena allocator (see arena.h). */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN 16
#define BLOCK_MIN (64 * 1024)

struct hlr_arena_block {
	struct hlr_arena_block *prev; /* older block */
	size_t size;                  /* usable bytes in data */
	_Alignas(ALIGN) unsigned char data[];
};

/* The documented exception to "no globals": see hlr_oom_recovery. */
static _Thread_local jmp_buf *recovery;

jmp_buf *hlr_oom_recovery(jmp_buf *jb)
{
	jmp_buf *old = recovery;
	recovery = jb;
	return old;
}

_Noreturn void hlr_oom(void)
{
	if (recovery)
		longjmp(*recovery, 1);
	fputs("hlrc: fatal error: out of memory\n", stderr);
	exit(70);
}

void *hlr_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		hlr_oom();
	return p;
}

void *hlr_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		hlr_oom();
	return q;
}

void hlr_arena_init(struct hlr_arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->total = 0;
	a->limit = 0;
}

void hlr_arena_free(struct hlr_arena *a)
{
	struct hlr_arena_block *b = a->head;
	while (b) {
		struct hlr_arena_block *prev = b->prev;
		free(b);
		b = prev;
	}
	size_t limit = a->limit;
	hlr_arena_init(a);
	a->limit = limit;
}

void *hlr_arena_alloc(struct hlr_arena *a, size_t n)
{
	void *p = hlr_arena_alloc_raw(a, n);
	memset(p, 0, n);
	return p;
}

bool hlr_arena_fits(const struct hlr_arena *a, size_t n)
{
	if (n > SIZE_MAX / 2)
		return false;
	n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if ((a->head && a->head->size - a->used >= n) || !a->limit)
		return true;
	return n <= a->limit && a->total <= a->limit - n;
}

void *hlr_arena_alloc_raw(struct hlr_arena *a, size_t n)
{
	if (n > SIZE_MAX / 2)
		hlr_oom();
	n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (!a->head || a->head->size - a->used < n) {
		size_t size = n > BLOCK_MIN ? n : BLOCK_MIN;
		/* grow block size with the arena so a big input needs few blocks */
		if (a->total / 4 > size)
			size = a->total / 4;
		if (a->limit && (size > a->limit || a->total > a->limit - size)) {
			if (n > a->limit || a->total > a->limit - n)
				hlr_oom();
			size = n; /* the last bytes under the limit */
		}
		struct hlr_arena_block *b = hlr_xmalloc(sizeof *b + size);
		b->prev = a->head;
		b->size = size;
		a->head = b;
		a->used = 0;
		a->total += size;
	}
	void *p = a->head->data + a->used;
	a->used += n;
	return p;
}

char *hlr_arena_strndup(struct hlr_arena *a, const char *s, size_t n)
{
	char *p = hlr_arena_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *hlr_arena_grow(struct hlr_arena *a, void *old, size_t oldn, size_t newn, size_t sz)
{
	if (newn && sz > SIZE_MAX / newn)
		hlr_oom();
	/* the new part is for the caller to fill: it is not zeroed */
	void *p = hlr_arena_alloc_raw(a, newn * sz);
	if (oldn)
		memcpy(p, old, oldn * sz);
	return p;
}
