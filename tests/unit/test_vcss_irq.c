/* Virtual channel subsystem: I/O-interruption queueing, delivery order, masks, unsolicited status. */
#include <criterion/criterion.h>
#include <string.h>
#include "tests/unit/vcss_test_support.h"

static struct tenv E;

static void setup(void)
{
	tenv_init(&E, 4);
	ccw1(&E, T_CCW, CCW_CMD_NOP, CCWF_SLI, 0, 0);
}

static void teardown(void) { tenv_fini(&E); }

TestSuite(vcss_irq, .init = setup, .fini = teardown);

static void expect_next(uint8_t mask, unsigned schno, uint32_t intparm, unsigned isc)
{
	struct vcss_io_int code;

	cr_assert(vcss_next_interrupt(E.v, mask, &code), "an interruption for %u", schno);
	cr_assert_eq(code.sid, 0x00010000U | schno, "sid %08x, want subchannel %u", code.sid, schno);
	cr_assert_eq(code.intparm, intparm);
	cr_assert_eq(code.iiw, (uint32_t)isc << 27);
}

Test(vcss_irq, order_by_isc_then_fifo)
{
	enable(&E, 0, 5, 0);
	enable(&E, 1, 2, 0);
	enable(&E, 2, 5, 0);
	enable(&E, 3, 7, 0);
	for (unsigned i = 0; i < 4; i++)
		cr_assert_eq(start(&E, i, 0x100 + i, ORB_LINUX, T_CCW), 0);
	cr_assert_eq(E.io_pending_calls, 4);
	cr_assert(vcss_interrupt_pending(E.v, 0xff));
	expect_next(0xff, 1, 0x101, 2);
	expect_next(0xff, 0, 0x100, 5);
	expect_next(0xff, 2, 0x102, 5);
	expect_next(0xff, 3, 0x103, 7);
	cr_assert(!vcss_interrupt_pending(E.v, 0xff));
	for (unsigned i = 0; i < 4; i++)
		cr_assert_eq(tsch(&E, i, NULL), 0, "delivered, still status pending");
}

Test(vcss_irq, cr6_mask_selects_subclasses)
{
	struct vcss_io_int code;

	enable(&E, 0, 0, 0);
	enable(&E, 1, 5, 0);
	enable(&E, 2, 7, 0);
	for (unsigned i = 0; i < 3; i++)
		cr_assert_eq(start(&E, i, i + 1, ORB_LINUX, T_CCW), 0);
	cr_assert(!vcss_interrupt_pending(E.v, 0x00));
	cr_assert(!vcss_next_interrupt(E.v, 0x00, &code), "all subclasses masked");
	cr_assert(!vcss_interrupt_pending(E.v, 0x7a), "ISC 0, 5, 7 masked");
	expect_next(0x05, 1, 2, 5);
	expect_next(0x05, 2, 3, 7);
	cr_assert(!vcss_next_interrupt(E.v, 0x7f, &code));
	expect_next(0x80, 0, 1, 0);
}

Test(vcss_irq, tsch_withdraws_an_undelivered_request)
{
	struct vcss_io_int code;

	enable(&E, 0, 3, 0);
	enable(&E, 1, 3, 0);
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX, T_CCW), 0);
	cr_assert_eq(start(&E, 1, 2, ORB_LINUX, T_CCW), 0);
	cr_assert_eq(tsch(&E, 0, NULL), 0);
	expect_next(0xff, 1, 2, 3);
	cr_assert(!vcss_next_interrupt(E.v, 0xff, &code));
}

Test(vcss_irq, csch_requeues_at_the_tail)
{
	enable(&E, 0, 1, 0);
	enable(&E, 1, 1, 0);
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX, T_CCW), 0);
	cr_assert_eq(start(&E, 1, 2, ORB_LINUX, T_CCW), 0);
	cr_assert_eq(vcss_csch(E.v, sid_of(0)), 0);
	expect_next(0xff, 1, 2, 1);
	expect_next(0xff, 0, 1, 1);
}

Test(vcss_irq, isc_comes_from_msch_at_the_time)
{
	enable(&E, 2, 6, 0);
	cr_assert_eq(start(&E, 2, 9, ORB_LINUX, T_CCW), 0);
	expect_next(0x02, 2, 9, 6);
	cr_assert_eq(tsch(&E, 2, NULL), 0);
	enable(&E, 2, 1, 0);
	cr_assert_eq(start(&E, 2, 9, ORB_LINUX, T_CCW), 0);
	expect_next(0x40, 2, 9, 1);
}

Test(vcss_irq, unsolicited_status)
{
	struct tirb irb;

	vcss_device_interrupt(&E.dev[1].vd);
	cr_assert(!vcss_interrupt_pending(E.v, 0xff), "disabled: dropped");
	enable(&E, 1, 3, 0xfeed0001);
	vcss_device_interrupt(&E.dev[1].vd);
	vcss_device_interrupt(&E.dev[1].vd);
	cr_assert_eq(E.io_pending_calls, 1, "once while status pending");
	expect_next(0xff, 1, 0xfeed0001, 3);
	cr_assert(!vcss_interrupt_pending(E.v, 0xff));
	cr_assert_eq(tsch(&E, 1, &irb), 0);
	cr_assert_eq(irb.ctl, SCSW_SC_ALERT | SCSW_SC_PENDING, "what Linux takes as unsolicited");
	cr_assert_eq(irb.dstat, 0, "no error for virtio_ccw_int_handler");
	cr_assert_eq(irb.cstat, 0);
	cr_assert_eq(tsch(&E, 1, &irb), 1);
	cr_assert_eq(irb.ctl, 0);
	cr_assert_eq(start(&E, 1, 0x77, ORB_LINUX, T_CCW), 0, "the subchannel is idle again");
	vcss_device_interrupt(&E.dev[1].vd);
	expect_next(0xff, 1, 0x77, 3);
	cr_assert_eq(tsch(&E, 1, &irb), 0);
	cr_assert_eq(irb.ctl & SCSW_SC, SCSW_SC_PRIMARY | SCSW_SC_SECONDARY | SCSW_SC_PENDING,
		     "merged into the solicited status");
}

Test(vcss_irq, unsolicited_status_while_running_or_suspended)
{
	struct vcss_io_int code;

	enable(&E, 0, 0, 0);
	ccw1(&E, T_CCW + 0x40, TCMD_KICK_SELF, 0, 0, 0);
	cr_assert_eq(start(&E, 0, 5, ORB_LINUX, T_CCW + 0x40), 0);
	expect_next(0xff, 0, 5, 0);
	cr_assert(!vcss_next_interrupt(E.v, 0xff, &code), "the device's own kick is part of its ending status");
	cr_assert_eq(tsch(&E, 0, NULL), 0);

	ccw1(&E, T_CCW + 0x40, CCW_CMD_NOP, CCWF_S, 0, 0);
	cr_assert_eq(start(&E, 0, 5, ORB_LINUX | ORB_S | ORB_U, T_CCW + 0x40), 0);
	vcss_device_interrupt(&E.dev[0].vd);
	cr_assert(!vcss_interrupt_pending(E.v, 0xff), "a suspended program holds the subchannel");
}

Test(vcss_irq, device_interrupt_from_a_foreign_device_is_ignored)
{
	struct vdev stray = E.dev[0].vd;

	enable(&E, 0, 0, 0);
	stray.devno = 0x999;                 /* claims subchannel 0 but is not its device */
	vcss_device_interrupt(&stray);
	stray.css = NULL;
	vcss_device_interrupt(&stray);
	stray.css = E.v;
	stray.schno = 77;
	vcss_device_interrupt(&stray);
	cr_assert(!vcss_interrupt_pending(E.v, 0xff));
}

Test(vcss_irq, halt_and_clear_interrupt)
{
	enable(&E, 3, 4, 0x33);
	cr_assert_eq(vcss_hsch(E.v, sid_of(3)), 0);
	expect_next(0x08, 3, 0x33, 4);
	cr_assert_eq(tsch(&E, 3, NULL), 0);
	cr_assert_eq(vcss_csch(E.v, sid_of(3)), 0);
	expect_next(0x08, 3, 0x33, 4);
	cr_assert_eq(E.io_pending_calls, 2);
}
