/* Firmware link check for the DBSCAN family: calls every DBSCAN export once
 * on tiny static data (so that each call succeeds) and returns the sum of the
 * statuses (0 when everything works). C99, no libc. */
#include "nanoclust.h"

#define LC_N 6
#define LC_D 2
#define LC_M 2
#define LC_WS 2048

static unsigned char lc_dbscan_ws[LC_WS];

int link_dbscan(void)
{
    static const float xf[LC_N * LC_D] = {0.0f, 0.0f, 0.1f, 0.0f, 0.0f, 0.1f, 3.0f, 3.0f, 3.1f, 3.0f, 3.0f, 3.1f};
    static const double xd[LC_N * LC_D] = {0.0, 0.0, 0.1, 0.0, 0.0, 0.1, 3.0, 3.0, 3.1, 3.0, 3.0, 3.1};
    static const float newf[LC_M * LC_D] = {0.05f, 0.05f, 9.0f, 9.0f};
    static const double newd[LC_M * LC_D] = {0.05, 0.05, 9.0, 9.0};
    static int32_t labels[LC_N];
    static uint8_t is_core[LC_N];
    static int32_t predicted[LC_M];
    static float cdf[LC_N];
    static double cdd[LC_N];
    nanoclust_dbscan_result result;
    nanoclust_dbscan_params p = nanoclust_dbscan_params_default();
    size_t bytes = 0;
    int sum = 0;

    p.eps = 0.5;
    p.min_samples = 3;

    sum += nanoclust_dbscan_workspace_size_f32(LC_N, LC_D, &p, &bytes);
    sum += bytes > LC_WS;
    sum += nanoclust_dbscan_fit_f32(xf, LC_N, LC_D, 0, &p, lc_dbscan_ws, LC_WS, labels, is_core, &result);
    sum += nanoclust_dbscan_predict_workspace_size_f32(LC_N, LC_D, LC_M, &p, &bytes);
    sum += bytes > LC_WS;
    sum += nanoclust_dbscan_predict_f32(xf, LC_N, LC_D, labels, is_core, &p, newf, LC_M, lc_dbscan_ws, LC_WS, predicted);
    sum += nanoclust_core_distances_workspace_size_f32(LC_N, LC_D, 3, NANOCLUST_METRIC_EUCLIDEAN, &bytes);
    sum += bytes > LC_WS;
    sum += nanoclust_core_distances_f32(xf, LC_N, LC_D, 3, NANOCLUST_METRIC_EUCLIDEAN, lc_dbscan_ws, LC_WS, cdf);

    sum += nanoclust_dbscan_workspace_size_f64(LC_N, LC_D, &p, &bytes);
    sum += bytes > LC_WS;
    sum += nanoclust_dbscan_fit_f64(xd, LC_N, LC_D, 0, &p, lc_dbscan_ws, LC_WS, labels, is_core, &result);
    sum += nanoclust_dbscan_predict_workspace_size_f64(LC_N, LC_D, LC_M, &p, &bytes);
    sum += bytes > LC_WS;
    sum += nanoclust_dbscan_predict_f64(xd, LC_N, LC_D, labels, is_core, &p, newd, LC_M, lc_dbscan_ws, LC_WS, predicted);
    sum += nanoclust_core_distances_workspace_size_f64(LC_N, LC_D, 3, NANOCLUST_METRIC_EUCLIDEAN, &bytes);
    sum += bytes > LC_WS;
    sum += nanoclust_core_distances_f64(xd, LC_N, LC_D, 3, NANOCLUST_METRIC_EUCLIDEAN, lc_dbscan_ws, LC_WS, cdd);

    /* The expected clustering: two clusters, and the far point is noise. */
    sum += result.n_clusters != 2u || predicted[0] != 0 || predicted[1] != -1;
    return sum;
}
