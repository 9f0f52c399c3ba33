/* PlexVM version and build identification. */
#ifndef PLEXVM_KERNEL_VERSION_H
#define PLEXVM_KERNEL_VERSION_H

extern const char plexvm_version[];     /* "0.1.0" */
extern const char plexvm_git_rev[];     /* short commit id */
extern const char plexvm_build_date[];  /* mm/dd/yy hh:mm:ss UTC */

#endif
