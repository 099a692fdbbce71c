/* The families whose exports the link check calls: one line each, one file each (<family>.c). */
#ifndef NANOCLUST_LINK_FAMILIES_H
#define NANOCLUST_LINK_FAMILIES_H

int link_core(void);
int link_metrics(void);
int link_kmeans(void);
int link_dbscan(void);
int link_gmm(void);
int link_model_selection(void);
int link_hierarchy(void);
int link_partial(void);

#define NANOCLUST_LINK_FAMILIES \
    NANOCLUST_LINK(core)        \
    NANOCLUST_LINK(metrics)     \
    NANOCLUST_LINK(kmeans)      \
    NANOCLUST_LINK(dbscan)      \
    NANOCLUST_LINK(gmm)         \
    NANOCLUST_LINK(hierarchy)       \
    NANOCLUST_LINK(model_selection) \
    NANOCLUST_LINK(partial)

#endif
