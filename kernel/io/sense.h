/* Decoding of basic sense data into words an operator understands (hardware-free). */
#ifndef PLEXVM_KERNEL_IO_SENSE_H
#define PLEXVM_KERNEL_IO_SENSE_H

#include "kernel/compiler.h"

enum sense_class {
	SENSE_NONE,
	SENSE_COMMAND_REJECT,
	SENSE_INTERVENTION_REQUIRED,
	SENSE_BUS_OUT,
	SENSE_EQUIPMENT_CHECK,
	SENSE_DATA_CHECK,
	SENSE_OVERRUN,
	SENSE_NO_RECORD_FOUND,
	SENSE_WRITE_INHIBITED,
	SENSE_FILE_PROTECTED,
	SENSE_INVALID_TRACK_FORMAT,
	SENSE_END_OF_CYLINDER,
	SENSE_PERMANENT_ERROR,
	SENSE_OPERATION_INCOMPLETE,
	SENSE_OTHER,
};

/* Classify sense bytes 0 and 1 (the common 24/32-byte basic sense of DASD and CTC). */
enum sense_class sense_classify(const uint8_t *sense, size_t len);
const char *sense_class_name(enum sense_class c);
/* "equipment check (sense 10 00 00 00 ...)" into buf. */
void sense_format(const uint8_t *sense, size_t len, char *buf, size_t size);

#endif
