/* Per-processor load sampling for INDICATE LOAD. */
#ifndef PLEXVM_KERNEL_LOAD_H
#define PLEXVM_KERNEL_LOAD_H

/* Start the 1-second periodic load sample on the calling processor. */
void load_sampling_start(void);

#endif
