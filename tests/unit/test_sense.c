/* Basic sense classification. */
#include <criterion/criterion.h>
#include <string.h>
#include "kernel/io/sense.h"

Test(sense, classes_by_priority)
{
	uint8_t s[32] = { 0 };

	cr_assert_eq(sense_classify(s, 32), SENSE_NONE);
	cr_assert_eq(sense_classify(s, 1), SENSE_NONE);
	s[0] = 0x80;
	cr_assert_eq(sense_classify(s, 32), SENSE_COMMAND_REJECT);
	s[0] = 0x90;
	cr_assert_eq(sense_classify(s, 32), SENSE_EQUIPMENT_CHECK, "equipment check outranks reject");
	s[0] = 0x40;
	cr_assert_eq(sense_classify(s, 32), SENSE_INTERVENTION_REQUIRED);
	s[0] = 0;
	s[1] = 0x08;
	cr_assert_eq(sense_classify(s, 32), SENSE_NO_RECORD_FOUND);
	s[1] = 0x40;
	cr_assert_eq(sense_classify(s, 32), SENSE_INVALID_TRACK_FORMAT);
	s[1] = 0x04;
	cr_assert_eq(sense_classify(s, 32), SENSE_FILE_PROTECTED);
}

Test(sense, formatted_text)
{
	uint8_t s[32] = { 0x10, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x10 };
	char buf[96];

	sense_format(s, 32, buf, sizeof(buf));
	cr_assert_str_eq(buf, "equipment check (sense 10 00 00 00 00 02 03 10)");
	sense_format(s, 32, buf, 10);
	cr_assert_eq(strlen(buf), 9, "truncated safely");
}
