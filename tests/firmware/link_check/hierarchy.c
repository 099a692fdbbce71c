/* Link check: the hierarchical (agglomerative) clustering exports. Calls each
 * one once on six 2-d samples; returns the sum of the statuses (0 on success). */
#include "nanoclust.h"

#define HN 6
#define HD 2
#define HC (HN * (HN - 1) / 2)

static unsigned char hier_ws[4096];

static int hier_fits(nanoclust_status st, size_t bytes) {
    return st != NANOCLUST_OK ? (int)st : (bytes > sizeof hier_ws ? 100 : 0);
}

int link_hierarchy(void) {
    static const double x64[HN * HD] = {0.0, 0.0, 0.1, 0.2, 4.0, 4.1, 4.3, 3.9, 9.0, 0.5, 8.7, 0.1};
    static const float x32[HN * HD] = {0.0f, 0.0f, 0.1f, 0.2f, 4.0f, 4.1f, 4.3f, 3.9f, 9.0f, 0.5f, 8.7f, 0.1f};
    static double c64[HC];
    static float c32[HC];
    static nanoclust_merge merges[HN - 1];
    static int32_t labels[HN];
    static uint32_t order[HN];
    size_t bytes = 0, k = 0, i, j, p = 0;
    int sum = 0;

    /* Condensed Manhattan distances (pdist order). */
    for (i = 0; i < HN; i++) {
        for (j = i + 1; j < HN; j++) {
            double dx = x64[i * HD] - x64[j * HD], dy = x64[i * HD + 1] - x64[j * HD + 1];
            c64[p] = (dx < 0 ? -dx : dx) + (dy < 0 ? -dy : dy);
            c32[p] = (float)c64[p];
            p++;
        }
    }

    sum += hier_fits(nanoclust_linkage_workspace_size_f32(HN, HD, NANOCLUST_LINKAGE_WARD,
                                                          NANOCLUST_METRIC_EUCLIDEAN, &bytes), bytes);
    sum += nanoclust_linkage_f32(x32, HN, HD, NANOCLUST_LINKAGE_WARD, NANOCLUST_METRIC_EUCLIDEAN,
                                 hier_ws, bytes, merges);
    sum += hier_fits(nanoclust_linkage_workspace_size_f64(HN, HD, NANOCLUST_LINKAGE_AVERAGE,
                                                          NANOCLUST_METRIC_MANHATTAN, &bytes), bytes);
    sum += nanoclust_linkage_f64(x64, HN, HD, NANOCLUST_LINKAGE_AVERAGE, NANOCLUST_METRIC_MANHATTAN,
                                 hier_ws, bytes, merges);
    sum += hier_fits(nanoclust_linkage_condensed_workspace_size_f32(HN, NANOCLUST_LINKAGE_CENTROID, &bytes), bytes);
    sum += nanoclust_linkage_condensed_f32(c32, HN, NANOCLUST_LINKAGE_CENTROID, hier_ws, bytes, merges);
    sum += hier_fits(nanoclust_linkage_condensed_workspace_size_f64(HN, NANOCLUST_LINKAGE_SINGLE, &bytes), bytes);
    sum += nanoclust_linkage_condensed_f64(c64, HN, NANOCLUST_LINKAGE_SINGLE, hier_ws, bytes, merges);

    sum += hier_fits(nanoclust_cut_tree_workspace_size(HN, &bytes), bytes);
    sum += nanoclust_cut_tree_n_clusters(merges, HN, 3, hier_ws, bytes, labels);
    sum += nanoclust_cut_tree_distance(merges, HN, 1.0, hier_ws, bytes, labels, &k);
    sum += nanoclust_dendrogram_leaves(merges, HN, hier_ws, bytes, order);
    /* Three well-separated pairs: a distance cut at 1.0 gives three clusters. */
    return sum + (k == 3 ? 0 : 1000);
}
