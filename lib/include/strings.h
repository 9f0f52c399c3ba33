/* Freestanding <strings.h>: the POSIX case-insensitive comparisons live in <string.h> here. */
#ifndef PLEXVM_LIB_STRINGS_H
#define PLEXVM_LIB_STRINGS_H
#include <string.h>
#endif
