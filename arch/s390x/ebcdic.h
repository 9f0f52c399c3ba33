/* EBCDIC (CP037) translation. */
#ifndef PLEXVM_ARCH_EBCDIC_H
#define PLEXVM_ARCH_EBCDIC_H

#include <stddef.h>
#include <stdint.h>

extern const uint8_t ascii_to_ebcdic_table[256];
extern const uint8_t ebcdic_to_ascii_table[256];

void ascii_to_ebcdic(uint8_t *dst, const char *src, size_t n);
void ebcdic_to_ascii(char *dst, const uint8_t *src, size_t n);

/*
 * Code page 500 (international), which Linux uses on the SCLP line-mode
 * console outside z/VM: CP037 with [ ] ! ^ | in other places.
 */
uint8_t ascii_to_ebcdic500(uint8_t c);
uint8_t ebcdic500_to_ascii(uint8_t e);

#endif
