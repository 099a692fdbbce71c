/* The cases both sides run; one function per family, listed in FW_CASES (run in order). */
#ifndef NANOCLUST_FW_CASES_H
#define NANOCLUST_FW_CASES_H

void case_core(void);
void case_scaler(void);
void case_kmeans(void);
void case_dbscan(void);
void case_ward(void);
void case_average(void);
void case_metrics(void);
void case_gmm(void);
void case_kmeans_slices(void); /* cases_partial.c */

#define FW_CASES      \
    FW_CASE(core)     \
    FW_CASE(scaler)   \
    FW_CASE(kmeans)   \
    FW_CASE(dbscan)   \
    FW_CASE(ward)     \
    FW_CASE(average)  \
    FW_CASE(metrics)  \
    FW_CASE(gmm)      \
    FW_CASE(kmeans_slices)

/* The largest workspace any call asked for (bytes). */
#include <stddef.h>
size_t cases_workspace_high_water(void);

#endif
