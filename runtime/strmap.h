/* runtime: a hash map from byte strings to pointers, allocated from an
 * arena (open addressing, FNV-1a). Keys are not copied: they must live as
 * long as the map. */
#ifndef HLR_STRMAP_H
#define HLR_STRMAP_H

#include <stddef.h>

#include "runtime/arena.h"

struct hlr_strmap_slot;

struct hlr_strmap {
	struct hlr_arena *arena;      /* owns the slots */
	struct hlr_strmap_slot *slots; /* cap slots, NULL until the first put */
	size_t n;                     /* entries */
	size_t cap;                   /* slots, a power of two */
};

void hlr_strmap_init(struct hlr_strmap *m, struct hlr_arena *a);
/* The value stored for key, or NULL. */
void *hlr_strmap_get(const struct hlr_strmap *m, const char *key, size_t len);
/* Stores value for key unless key is there; returns the value that is
 * there afterwards (the old one if key was present). */
void *hlr_strmap_put(struct hlr_strmap *m, const char *key, size_t len, void *value);

#endif
