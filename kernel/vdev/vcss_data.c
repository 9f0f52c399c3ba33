/*
 * Reaching the guest's channel program and data: CCW fetch (format 0 and 1,
 * transfer in channel), data chaining, and the data transfer behind
 * vccw_fetch / vccw_store (direct or indirect data addressing with format-1
 * or format-2 IDAWs, SKIP). Every address is checked against the CCW
 * format's addressing limit (24 or 31 bits) and guest storage; a violation is
 * a channel-program check, never a host access.
 */
#include <string.h>
#include "kernel/vdev/vcss_priv.h"

int vcss_chan_fail(struct vcss_chan *c, uint32_t ccw)
{
	if (!c->check) {
		c->check = true;
		c->check_ccw = ccw;
	}
	return -1;
}

static uint64_t addr_limit(const struct vcss_chan *c)
{
	return c->fmt1 ? 1ULL << 31 : 1ULL << 24;
}

/* Read and decode one CCW; false if its address is unusable. */
static bool read_ccw(const struct vcss_chan *c, uint32_t addr, struct vcss_ccwd *d)
{
	uint8_t b[8];

	if ((addr & 7) || (uint64_t)addr + 8 > addr_limit(c) || gmem_read(c->g, addr, b, 8) < 0)
		return false;
	d->cmd = b[0];
	if (c->fmt1) {
		d->flags = b[1];
		d->count = gmem_be16(b + 2);
		d->cda = gmem_be32(b + 4);
		d->tic = d->cmd == CCW_CMD_TIC;
	} else {
		d->cda = (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
		d->flags = b[4];
		d->count = gmem_be16(b + 6);
		d->tic = (d->cmd & 0x0f) == CCW_CMD_TIC;   /* bits 0-3, flags and count ignored */
	}
	return true;
}

/*
 * Fetch the CCW at addr, following transfers in channel, into *d (never a
 * TIC) with its address in *at. Channel-program checks: a CCW address not on
 * a doubleword boundary, beyond the addressing limit or outside storage
 * (reported for the TIC that led there, if any); a TIC following a TIC; a
 * format-1 TIC with flags or count; more than VCSS_CCW_LIMIT fetches.
 */
int vcss_chan_fetch(struct vcss_chan *c, uint32_t addr, struct vcss_ccwd *d, uint32_t *at)
{
	bool after_tic = false;
	uint32_t tic_at = 0;

	for (;;) {
		if (c->budget == 0)
			return vcss_chan_fail(c, addr);
		c->budget--;
		if (!read_ccw(c, addr, d))
			return vcss_chan_fail(c, after_tic ? tic_at : addr);
		if (!d->tic) {
			*at = addr;
			return 0;
		}
		if (after_tic || (c->fmt1 && (d->flags || d->count)))
			return vcss_chan_fail(c, addr);
		after_tic = true;
		tic_at = addr;
		addr = d->cda;
	}
}

/* The same walk without side effects, for the device's view of a data chain's length. */
bool vcss_chan_peek(const struct vcss_chan *c, uint32_t addr, struct vcss_ccwd *d, uint32_t *at)
{
	bool after_tic = false;

	for (;;) {
		if (!read_ccw(c, addr, d))
			return false;
		if (!d->tic) {
			*at = addr;
			return true;
		}
		if (after_tic || (c->fmt1 && (d->flags || d->count)))
			return false;
		after_tic = true;
		addr = d->cda;
	}
}

/* Make d (at address at) the CCW in effect. */
void vcss_chan_begin(struct vcss_chan *c, uint32_t at, const struct vcss_ccwd *d)
{
	c->ccw_addr = at;
	c->flags = d->flags;
	c->count = d->count;
	c->cda = d->cda;
	c->pos = 0;
	c->idaw_addr = d->cda;
	c->idaw_data = 0;
	c->idaw_left = 0;
	c->idaw_first = true;
	if (d->flags & CCWF_PCI)
		c->pci = true;
}

/*
 * Data chaining: the CCW after the one in effect (through a TIC) continues
 * the data area; its command code is ignored. A zero count (either format),
 * the suspend flag or the MIDAW flag there is a channel-program check.
 */
static int chain_data(struct vcss_chan *c)
{
	struct vcss_ccwd d;
	uint32_t at;

	if (vcss_chan_fetch(c, c->ccw_addr + 8, &d, &at) < 0)
		return -1;
	if (d.count == 0 || (d.flags & (CCWF_S | CCWF_MIDA)))
		return vcss_chan_fail(c, at);
	vcss_chan_begin(c, at, &d);
	return 0;
}

/*
 * The next IDAW: the list is word (format 1) or doubleword (format 2)
 * aligned; a format-1 IDAW has bit 0 zero; every IDAW after the first
 * designates the start of a block (2K, or 4K for format 2 without T).
 */
static int next_idaw(struct vcss_chan *c)
{
	unsigned w = c->idaw2 ? 8 : 4;
	uint8_t b[8];
	uint64_t a;

	if ((c->idaw_addr & (w - 1)) || (uint64_t)c->idaw_addr + w > addr_limit(c) ||
	    gmem_read(c->g, c->idaw_addr, b, w) < 0)
		return vcss_chan_fail(c, c->ccw_addr);
	a = c->idaw2 ? gmem_be64(b) : gmem_be32(b);
	if (!c->idaw2 && (a & 0x80000000ULL))
		return vcss_chan_fail(c, c->ccw_addr);
	if (!c->idaw_first && (a & (c->block - 1)))
		return vcss_chan_fail(c, c->ccw_addr);
	c->idaw_first = false;
	c->idaw_addr += w;
	c->idaw_data = a;
	c->idaw_left = c->block - (uint32_t)(a & (c->block - 1));
	return 0;
}

/* Move n bytes (n <= count - pos) of the CCW in effect. */
static int move(struct vcss_chan *c, uint8_t *p, uint32_t n, bool to_guest)
{
	bool skip = to_guest && (c->flags & CCWF_SKIP);

	while (n) {
		uint64_t addr;
		uint32_t chunk = n;
		int rc = 0;

		if (c->flags & CCWF_IDA) {
			if (c->idaw_left == 0 && next_idaw(c) < 0)
				return -1;
			chunk = MIN(n, c->idaw_left);
			addr = c->idaw_data;
		} else {
			addr = (uint64_t)c->cda + c->pos;
			if (addr + chunk > addr_limit(c))
				return vcss_chan_fail(c, c->ccw_addr);
		}
		if (!skip)
			rc = to_guest ? gmem_write(c->g, addr, p, chunk) : gmem_read(c->g, addr, p, chunk);
		if (rc < 0)
			return vcss_chan_fail(c, c->ccw_addr);
		if (c->flags & CCWF_IDA) {
			c->idaw_data += chunk;
			c->idaw_left -= chunk;
		}
		c->pos += chunk;
		p += chunk;
		n -= chunk;
	}
	return 0;
}

int vcss_xfer(struct vccw *v, void *buf, size_t len, bool to_guest)
{
	struct vcss_chan *c = v->cs_priv;
	uint8_t *p = buf;
	uint32_t done = 0;

	if (c->check)
		return -1;
	if (v->moved == 0 && c->total_moved) {
		/* vccw_rewind: the data area from its first byte again (data chaining included). */
		vcss_chan_begin(c, c->first_at, &c->first);
		c->total_moved = 0;
		c->overrun = false;
	}
	c->xfer_used = true;
	if (len > 0x7fffffff)
		len = 0x7fffffff;
	while (done < len) {
		uint32_t n;

		if (c->pos == c->count) {
			if (!(c->flags & CCWF_CD)) {
				c->overrun = true;
				break;
			}
			if (chain_data(c) < 0)
				goto check;
			continue;
		}
		n = (uint32_t)MIN((size_t)(len - done), (size_t)(c->count - c->pos));
		if (move(c, p + done, n, to_guest) < 0)
			goto check;
		done += n;
	}
	v->moved += done;
	c->total_moved += done;
	return (int)done;
check:
	c->check_in_data = true;
	v->moved += done;
	c->total_moved += done;
	return -1;
}
