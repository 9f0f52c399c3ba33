/* The channels device drivers offer for links, by device number. */
#include "kernel/link/link.h"
#include "kernel/spinlock.h"

#define MAX_CHANNELS 64

static struct link_channel *channels[MAX_CHANNELS];
static unsigned int nchannels;
static struct spinlock channels_lock = SPINLOCK_INIT;

int link_channel_register(struct link_channel *ch)
{
	int rc = -1;

	spin_lock(&channels_lock);
	if (nchannels < MAX_CHANNELS) {
		channels[nchannels++] = ch;
		rc = 0;
	}
	spin_unlock(&channels_lock);
	return rc;
}

struct link_channel *link_channel_by_devno(uint16_t devno)
{
	struct link_channel *found = NULL;

	spin_lock(&channels_lock);
	for (unsigned int i = 0; i < nchannels; i++)
		if (channels[i]->devno == devno)
			found = channels[i];
	spin_unlock(&channels_lock);
	return found;
}
