/* Link check: every partial-statistics export (k-means, Gaussian mixture, scaler), called once (C99). */
#include "nanoclust.h"

static const float xf[8] = {0.0f, 0.1f, 0.2f, 0.0f, 5.0f, 5.1f, 5.2f, 5.0f};
static const double xd[8] = {0.0, 0.1, 0.2, 0.0, 5.0, 5.1, 5.2, 5.0};
static unsigned char blob[8192], blob2[8192];

int link_partial(void) {
    enum { N = 4, D = 2, K = 2 };
    int sum = 0;
    size_t bytes = 0;
    int32_t labels[N] = {-1, -1, -1, -1};
    float cf[K * D] = {0.0f, 0.0f, 5.0f, 5.0f}, wf[K] = {0.5f, 0.5f}, covf[K * D * D] = {1, 0, 0, 1, 1, 0, 0, 1};
    double cd[K * D] = {0.0, 0.0, 5.0, 5.0}, wd[K] = {0.5, 0.5}, covd[K * D * D] = {1, 0, 0, 1, 1, 0, 0, 1};
    float mf[D], sf[D];
    double md[D], sd[D], lb;
    nanoclust_kmeans_step_result r;

    sum += (int)nanoclust_partial_block_rows() - 64;
    sum += nanoclust_kmeans_stats_size(K, D, &bytes);
    if (bytes > sizeof blob) return 100;
    sum += nanoclust_kmeans_stats_init(blob, bytes, K, D);
    sum += nanoclust_kmeans_stats_init(blob2, bytes, K, D);
    sum += nanoclust_kmeans_accumulate_f32(xf, N, D, 0, 0, cf, K, labels, blob, bytes);
    sum += nanoclust_kmeans_stats_merge(blob2, blob, bytes);
    sum += nanoclust_kmeans_finish_f32(blob2, bytes, cf, K, D, cf, &r);
    sum += nanoclust_kmeans_stats_init(blob, bytes, K, D);
    sum += nanoclust_kmeans_accumulate_f64(xd, N, D, 0, 0, cd, K, labels, blob, bytes);
    sum += nanoclust_kmeans_finish_f64(blob, bytes, cd, K, D, cd, &r);

    sum += nanoclust_gmm_stats_size(K, D, NANOCLUST_COVARIANCE_FULL, &bytes);
    if (bytes > sizeof blob) return 100;
    sum += nanoclust_gmm_stats_init(blob, bytes, K, D, NANOCLUST_COVARIANCE_FULL);
    sum += nanoclust_gmm_stats_init(blob2, bytes, K, D, NANOCLUST_COVARIANCE_FULL);
    sum += nanoclust_gmm_accumulate_f32(xf, N, D, 0, wf, cf, covf, K, NANOCLUST_COVARIANCE_FULL, blob, bytes);
    sum += nanoclust_gmm_stats_merge(blob2, blob, bytes);
    sum += nanoclust_gmm_finish_f32(blob2, bytes, 1e-6, wf, cf, covf, &lb);
    sum += nanoclust_gmm_stats_init(blob, bytes, K, D, NANOCLUST_COVARIANCE_FULL);
    sum += nanoclust_gmm_accumulate_f64(xd, N, D, 0, wd, cd, covd, K, NANOCLUST_COVARIANCE_FULL, blob, bytes);
    sum += nanoclust_gmm_finish_f64(blob, bytes, 1e-6, wd, cd, covd, &lb);

    sum += nanoclust_standard_scaler_stats_size(D, &bytes);
    if (bytes > sizeof blob) return 100;
    sum += nanoclust_standard_scaler_stats_init(blob, bytes, D);
    sum += nanoclust_standard_scaler_stats_init(blob2, bytes, D);
    sum += nanoclust_standard_scaler_accumulate_f32(xf, N, D, 0, blob, bytes);
    sum += nanoclust_standard_scaler_stats_merge(blob2, blob, bytes);
    sum += nanoclust_standard_scaler_finish_f32(blob2, bytes, mf, sf);
    sum += nanoclust_standard_scaler_stats_init(blob, bytes, D);
    sum += nanoclust_standard_scaler_accumulate_f64(xd, N, D, 0, blob, bytes);
    sum += nanoclust_standard_scaler_finish_f64(blob, bytes, md, sd);
    return sum;
}
