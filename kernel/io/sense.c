/* Basic sense classification (see sense.h). */
#include "kernel/io/sense.h"
#include <stdio.h>

enum sense_class sense_classify(const uint8_t *s, size_t len)
{
	if (len < 2)
		return SENSE_NONE;
	/* Byte 0: the general conditions, most severe first. */
	if (s[0] & 0x10)
		return SENSE_EQUIPMENT_CHECK;
	if (s[0] & 0x40)
		return SENSE_INTERVENTION_REQUIRED;
	if (s[0] & 0x80)
		return SENSE_COMMAND_REJECT;
	if (s[0] & 0x20)
		return SENSE_BUS_OUT;
	if (s[0] & 0x08)
		return SENSE_DATA_CHECK;
	if (s[0] & 0x04)
		return SENSE_OVERRUN;
	/* Byte 1 (ECKD): record-level conditions. */
	if (s[1] & 0x80)
		return SENSE_PERMANENT_ERROR;
	if (s[1] & 0x40)
		return SENSE_INVALID_TRACK_FORMAT;
	if (s[1] & 0x20)
		return SENSE_END_OF_CYLINDER;
	if (s[1] & 0x08)
		return SENSE_NO_RECORD_FOUND;
	if (s[1] & 0x04)
		return SENSE_FILE_PROTECTED;
	if (s[1] & 0x02)
		return SENSE_WRITE_INHIBITED;
	if (s[1] & 0x01)
		return SENSE_OPERATION_INCOMPLETE;
	if (s[0] || s[1])
		return SENSE_OTHER;
	return SENSE_NONE;
}

const char *sense_class_name(enum sense_class c)
{
	switch (c) {
	case SENSE_NONE: return "no sense data";
	case SENSE_COMMAND_REJECT: return "command reject";
	case SENSE_INTERVENTION_REQUIRED: return "intervention required";
	case SENSE_BUS_OUT: return "bus out parity check";
	case SENSE_EQUIPMENT_CHECK: return "equipment check";
	case SENSE_DATA_CHECK: return "data check";
	case SENSE_OVERRUN: return "overrun";
	case SENSE_NO_RECORD_FOUND: return "no record found";
	case SENSE_WRITE_INHIBITED: return "write inhibited";
	case SENSE_FILE_PROTECTED: return "file protected";
	case SENSE_INVALID_TRACK_FORMAT: return "invalid track format";
	case SENSE_END_OF_CYLINDER: return "end of cylinder";
	case SENSE_PERMANENT_ERROR: return "permanent error";
	case SENSE_OPERATION_INCOMPLETE: return "operation incomplete";
	case SENSE_OTHER: return "unit check";
	}
	return "?";
}

void sense_format(const uint8_t *sense, size_t len, char *buf, size_t size)
{
	size_t n = (size_t)snprintf(buf, size, "%s (sense", sense_class_name(sense_classify(sense, len)));

	for (size_t i = 0; i < len && i < 8 && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, " %02X", sense[i]);
	if (n < size)
		snprintf(buf + n, size - n, ")");
}
