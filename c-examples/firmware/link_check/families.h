/* The families whose exports the link check calls: one line each, one file each (<family>.c). */
#ifndef NANOCLUST_LINK_FAMILIES_H
#define NANOCLUST_LINK_FAMILIES_H

int link_core(void);

#define NANOCLUST_LINK_FAMILIES \
    NANOCLUST_LINK(core)

#endif
