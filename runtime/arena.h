/* runtime: arena allocator. One arena per compilation; everything allocated
 * from it is freed at once by hlr_arena_free. Out of memory ends the program
 * (exit 70) instead of returning NULL. */
#ifndef HLR_ARENA_H
#define HLR_ARENA_H

#include <stddef.h>

struct hlr_arena_block;

struct hlr_arena {
	struct hlr_arena_block *head; /* newest block; older blocks chain from it */
	size_t used;                  /* bytes used in head */
	size_t total;                 /* bytes reserved in all blocks (for stats) */
};

void hlr_arena_init(struct hlr_arena *a);
/* Frees every block; the arena may be reused after hlr_arena_init. */
void hlr_arena_free(struct hlr_arena *a);
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

/* Plain malloc/realloc that end the program on failure (exit 70). */
void *hlr_xmalloc(size_t n);
void *hlr_xrealloc(void *p, size_t n);
_Noreturn void hlr_oom(void);

#endif
