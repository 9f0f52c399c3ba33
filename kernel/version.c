/* Version strings; the Makefile recompiles this file at every link for the build stamp. */
#include "kernel/version.h"

#ifndef PLEXVM_VERSION
#define PLEXVM_VERSION "0.0.0"
#endif
#ifndef PLEXVM_GIT_REV
#define PLEXVM_GIT_REV "unknown"
#endif
#ifndef PLEXVM_BUILD_DATE
#define PLEXVM_BUILD_DATE "00/00/00 00:00:00"
#endif

const char plexvm_version[] = PLEXVM_VERSION;
const char plexvm_git_rev[] = PLEXVM_GIT_REV;
const char plexvm_build_date[] = PLEXVM_BUILD_DATE;
