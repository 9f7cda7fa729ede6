/* runtime: arena allocator. One arena per compilation; everything allocated
 * from it is freed at once by hlr_arena_free. Allocation never returns NULL:
 * out of memory calls hlr_oom, which returns control to the recovery point
 * of the calling thread (see hlr_oom_recovery) or, when none is set, ends
 * the program (exit 70). */
#ifndef HLR_ARENA_H
#define HLR_ARENA_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

struct hlr_arena_block;

struct hlr_arena {
	struct hlr_arena_block *head; /* newest block; older blocks chain from it */
	size_t used;                  /* bytes used in head */
	size_t total;                 /* bytes reserved in all blocks (for stats) */
	size_t limit;                 /* most bytes total may reach, 0 for no limit:
	                                 a block past it is out of memory */
};

void hlr_arena_init(struct hlr_arena *a);
/* Frees every block; the arena may be reused after hlr_arena_init. */
void hlr_arena_free(struct hlr_arena *a);
/* Whether n more bytes are within the arena's limit: a caller holding
 * memory of its own frees it before an allocation that would fail. */
bool hlr_arena_fits(const struct hlr_arena *a, size_t n);
/* Zeroed memory aligned for any type, owned by the arena. */
void *hlr_arena_alloc(struct hlr_arena *a, size_t n);
/* The same without zeroing, for memory that is written at once. */
void *hlr_arena_alloc_raw(struct hlr_arena *a, size_t n);
/* Copy of s[0..n) with a terminating NUL, owned by the arena. */
char *hlr_arena_strndup(struct hlr_arena *a, const char *s, size_t n);
/* Grows an arena array: returns a copy of old (oldn elems) with room for
 * newn elems of size sz, the new ones not zeroed. The old memory stays
 * owned by the arena. */
void *hlr_arena_grow(struct hlr_arena *a, void *old, size_t oldn, size_t newn, size_t sz);

/* Plain malloc/realloc that call hlr_oom on failure. */
void *hlr_xmalloc(size_t n);
void *hlr_xrealloc(void *p, size_t n);
/* Out of memory: longjmp(*jb, 1) to the calling thread's recovery point jb
 * when one is set, else "fatal error: out of memory" and exit(70).
 * Memory allocated outside arenas since the recovery point was set (a
 * buffer being grown, libcmark's nodes) is not freed. */
_Noreturn void hlr_oom(void);
/* Sets the calling thread's recovery point (NULL for none) and returns the
 * one it replaces, to be set back when the caller returns. This is the one
 * piece of per-thread state: libcmark's allocator hooks, which call
 * hlr_oom, have no context pointer to carry it. The library's entry points
 * (compiler/hlrc.h) set it around their work. */
jmp_buf *hlr_oom_recovery(jmp_buf *jb);

#endif
