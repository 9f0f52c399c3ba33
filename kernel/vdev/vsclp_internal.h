/*
 * Between the files of the guest SCLP model. Each command handler works on
 * s->sccb, a copy of the first n bytes of the guest's SCCB (n = its length,
 * at most VSCLP_SCCB_MAX; 8 <= n), and sets the response code there;
 * vsclp.c copies it back.
 */
#ifndef PLEXVM_KERNEL_VDEV_VSCLP_INTERNAL_H
#define PLEXVM_KERNEL_VDEV_VSCLP_INTERNAL_H

#include "kernel/vdev/vsclp.h"
#include "kernel/vdev/vsclp_layout.h"

static inline uint16_t vsclp_sccb_length(const uint8_t *sccb)
{
	return gmem_be16(sccb + VSCLP_OFF(vsclp_sccb_header, length));
}

static inline void vsclp_respond(uint8_t *sccb, uint16_t rc)
{
	gmem_put16(sccb + VSCLP_OFF(vsclp_sccb_header, response_code), rc);
}

/* vsclp_info.c: READ SCP INFO and READ CPU INFO. */
void vsclp_read_scp_info(struct vsclp *s, uint8_t *sccb, size_t n);
void vsclp_read_cpu_info(struct vsclp *s, uint8_t *sccb, size_t n);

/* vsclp_mask.c: WRITE EVENT MASK and event-mask helpers. */
void vsclp_write_event_mask(struct vsclp *s, uint8_t *sccb, size_t n);
uint64_t vsclp_sclp_receive_mask(const struct vsclp *s);
uint64_t vsclp_sclp_send_mask(const struct vsclp *s);
/* A mask of len bytes in an SCCB as a 64-bit mask (types 1..64), and back. */
uint64_t vsclp_mask_get(const uint8_t *p, size_t len);
void vsclp_mask_put(uint8_t *p, size_t len, uint64_t mask);
/* Event types the guest can receive now: offered by the SCLP and enabled by the guest. */
static inline bool vsclp_guest_receives(const struct vsclp *s, uint8_t type)
{
	return (s->cp_receive_mask & vsclp_sclp_send_mask(s) & VSCLP_EV_BIT(type)) != 0;
}

/* vsclp_write.c: WRITE EVENT DATA. false: the consumer is full, the request stays in progress. */
bool vsclp_write_event_data(struct vsclp *s, uint8_t *sccb, size_t n);

/* vsclp_read.c: READ EVENT DATA. */
void vsclp_read_event_data(struct vsclp *s, uint8_t *sccb, size_t n);

/* vsclp_input.c: the input queue. */
bool vsclp_input_receivable(const struct vsclp *s);
uint8_t vsclp_in_byte(const struct vsclp *s, uint32_t i);  /* i-th queued byte, i < in_len */
uint32_t vsclp_in_line_length(const struct vsclp *s);      /* bytes before the first '\n' */
void vsclp_in_drop(struct vsclp *s, uint32_t n);           /* dequeue n bytes */

#endif
