/* runtime: string hash map (see strmap.h). */
#include "runtime/strmap.h"

#include <stdint.h>
#include <string.h>

struct hlr_strmap_slot {
	const char *key; /* NULL: empty slot */
	size_t len;      /* bytes of key */
	uint64_t hash;   /* full hash of key */
	void *value;     /* stored pointer */
};

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return h;
}

void hlr_strmap_init(struct hlr_strmap *m, struct hlr_arena *a)
{
	m->arena = a;
	m->slots = NULL;
	m->n = m->cap = 0;
}

static struct hlr_strmap_slot *find(struct hlr_strmap_slot *slots, size_t cap, const char *key,
                                    size_t len, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);
	for (;;) {
		struct hlr_strmap_slot *s = &slots[i];
		if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
			return s;
		i = (i + 1) & (cap - 1);
	}
}

void *hlr_strmap_get(const struct hlr_strmap *m, const char *key, size_t len)
{
	if (!m->cap)
		return NULL;
	struct hlr_strmap_slot *s = find(m->slots, m->cap, key, len, hash(key, len));
	return s->key ? s->value : NULL;
}

void *hlr_strmap_put(struct hlr_strmap *m, const char *key, size_t len, void *value)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		struct hlr_strmap_slot *slots = hlr_arena_alloc(m->arena, cap * sizeof *slots);
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				*find(slots, cap, m->slots[i].key, m->slots[i].len, m->slots[i].hash) = m->slots[i];
		m->slots = slots;
		m->cap = cap;
	}
	uint64_t h = hash(key, len);
	struct hlr_strmap_slot *s = find(m->slots, m->cap, key, len, h);
	if (s->key)
		return s->value;
	s->key = key;
	s->len = len;
	s->hash = h;
	s->value = value;
	m->n++;
	return value;
}
