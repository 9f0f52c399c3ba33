/* EBCDIC (CP037) translation. */
#ifndef PLEXVM_ARCH_EBCDIC_H
#define PLEXVM_ARCH_EBCDIC_H

#include <stddef.h>
#include <stdint.h>

extern const uint8_t ascii_to_ebcdic_table[256];
extern const uint8_t ebcdic_to_ascii_table[256];

void ascii_to_ebcdic(uint8_t *dst, const char *src, size_t n);
void ebcdic_to_ascii(char *dst, const uint8_t *src, size_t n);

#endif
