/* Byte ring buffer (see ring.h). */
#include "kernel/lib/ring.h"
#include <string.h>

size_t ring_put(struct ring *r, const char *data, size_t n)
{
	size_t room = ring_free(r);
	size_t done = 0;

	if (n > room)
		n = room;
	while (done < n) {
		size_t off = (size_t)(r->head & (r->size - 1));
		size_t chunk = MIN(n - done, r->size - off);

		memcpy(r->buf + off, data + done, chunk);
		r->head += chunk;
		done += chunk;
	}
	return done;
}

size_t ring_peek(const struct ring *r, const char **data)
{
	size_t off = (size_t)(r->tail & (r->size - 1));
	size_t used = ring_used(r);

	*data = r->buf + off;
	return MIN(used, r->size - off);
}

size_t ring_copy_out(const struct ring *r, char *out, size_t max)
{
	size_t n = MIN(max, ring_used(r));
	size_t off = (size_t)(r->tail & (r->size - 1));
	size_t first = MIN(n, r->size - off);

	memcpy(out, r->buf + off, first);
	memcpy(out + first, r->buf, n - first);
	return n;
}

void ring_consume(struct ring *r, size_t n)
{
	if (n > ring_used(r))
		n = ring_used(r);
	r->tail += n;
}
