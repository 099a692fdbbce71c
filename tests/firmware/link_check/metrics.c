/*
 * Firmware link check for the metrics family: calls every preprocessing and
 * metrics export once on tiny static data, so that the firmware build links
 * (and the panic-freedom check covers) all of them. Returns the sum of the
 * statuses (0 when every call succeeds).
 */
#include <stddef.h>
#include <stdint.h>

#include "nanoclust.h"

#define LC_N 8
#define LC_D 2
#define LC_K 3

static const float xf[LC_N * LC_D] = {1.0f, 1.0f, 1.5f, 2.0f, 2.0f, 1.0f, 8.0f, 8.0f,
                                      9.0f, 8.5f, 8.5f, 9.5f, 1.0f, 9.0f, 50.0f, 50.0f};
static const double xd[LC_N * LC_D] = {1.0, 1.0, 1.5, 2.0, 2.0, 1.0, 8.0, 8.0,
                                       9.0, 8.5, 8.5, 9.5, 1.0, 9.0, 50.0, 50.0};
static const int32_t labels[LC_N] = {0, 0, 0, 1, 1, 1, 2, -1};
static const int32_t other[LC_N] = {4, 4, 4, 7, 7, -2, -2, -2};
static const float centers_f[LC_K * LC_D] = {1.5f, 1.3f, 8.5f, 8.7f, 1.0f, 9.0f};
static const double centers_d[LC_K * LC_D] = {1.5, 1.3, 8.5, 8.7, 1.0, 9.0};

static uint64_t ws_mem[128]; /* 1 KiB, 8-byte aligned (any alignment works) */
static float mean_f[LC_D], scale_f[LC_D], out_f[LC_N * LC_D], sil_f[LC_N];
static double mean_d[LC_D], scale_d[LC_D], out_d[LC_N * LC_D], sil_d[LC_N];

/* Penalty when a queried workspace size exceeds the static buffer. */
static int fits(size_t bytes) { return bytes <= sizeof ws_mem ? 0 : 100; }

int link_metrics(void) {
    int sum = 0;
    size_t sil_bytes = 0, stats_bytes = 0, cont_bytes = 0;
    double v = 0.0;

    sum += nanoclust_silhouette_workspace_size(LC_N, LC_K, &sil_bytes);
    sum += nanoclust_cluster_stats_workspace_size(LC_D, LC_K, &stats_bytes);
    sum += nanoclust_contingency_workspace_size(LC_N, &cont_bytes);
    sum += fits(sil_bytes) + fits(stats_bytes) + fits(cont_bytes);

    sum += nanoclust_standard_scaler_fit_f32(xf, LC_N, LC_D, mean_f, scale_f);
    sum += nanoclust_standard_scaler_transform_f32(xf, LC_N, LC_D, mean_f, scale_f, out_f);
    sum += nanoclust_standard_scaler_inverse_transform_f32(out_f, LC_N, LC_D, mean_f, scale_f, out_f);
    sum += nanoclust_standard_scaler_fit_f64(xd, LC_N, LC_D, mean_d, scale_d);
    sum += nanoclust_standard_scaler_transform_f64(xd, LC_N, LC_D, mean_d, scale_d, out_d);
    sum += nanoclust_standard_scaler_inverse_transform_f64(out_d, LC_N, LC_D, mean_d, scale_d, out_d);

    sum += nanoclust_inertia_f32(xf, LC_N, LC_D, centers_f, LC_K, labels, &v);
    sum += nanoclust_inertia_f64(xd, LC_N, LC_D, centers_d, LC_K, labels, &v);

    sum += nanoclust_silhouette_score_f32(xf, LC_N, LC_D, labels, LC_K, NANOCLUST_METRIC_EUCLIDEAN,
                                          ws_mem, sil_bytes, &v);
    sum += nanoclust_silhouette_score_f64(xd, LC_N, LC_D, labels, LC_K, NANOCLUST_METRIC_MANHATTAN,
                                          ws_mem, sil_bytes, &v);
    sum += nanoclust_silhouette_samples_f32(xf, LC_N, LC_D, labels, LC_K, NANOCLUST_METRIC_CHEBYSHEV,
                                            ws_mem, sil_bytes, sil_f);
    sum += nanoclust_silhouette_samples_f64(xd, LC_N, LC_D, labels, LC_K, NANOCLUST_METRIC_COSINE,
                                            ws_mem, sil_bytes, sil_d);

    sum += nanoclust_calinski_harabasz_f32(xf, LC_N, LC_D, labels, LC_K, ws_mem, stats_bytes, &v);
    sum += nanoclust_calinski_harabasz_f64(xd, LC_N, LC_D, labels, LC_K, ws_mem, stats_bytes, &v);
    sum += nanoclust_davies_bouldin_f32(xf, LC_N, LC_D, labels, LC_K, ws_mem, stats_bytes, &v);
    sum += nanoclust_davies_bouldin_f64(xd, LC_N, LC_D, labels, LC_K, ws_mem, stats_bytes, &v);

    sum += nanoclust_adjusted_rand_index(labels, other, LC_N, ws_mem, cont_bytes, &v);
    sum += nanoclust_normalized_mutual_info(labels, other, LC_N, ws_mem, cont_bytes, &v);
    return sum;
}
