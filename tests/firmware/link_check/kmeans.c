/* Link check: every k-means export, called once on tiny real data (C99). */
#include "nanoclust.h"

static const float xf[16] = {0.0f, 0.1f, 0.2f, 0.0f, 0.1f, 0.2f, 0.0f, 0.0f,
                             5.0f, 5.1f, 5.2f, 5.0f, 5.1f, 5.2f, 5.0f, 5.0f};
static const double xd[16] = {0.0, 0.1, 0.2, 0.0, 0.1, 0.2, 0.0, 0.0,
                              5.0, 5.1, 5.2, 5.0, 5.1, 5.2, 5.0, 5.0};
static unsigned char ws[4096];

int link_kmeans(void) {
    enum { N = 8, D = 2, K = 2 };
    int sum = 0;
    size_t bytes = 0;
    float cf[K * D];
    double cd[K * D];
    double counts[K] = {0.0, 0.0};
    int32_t labels[N];
    float sqf[N];
    double sqd[N];
    nanoclust_kmeans_result result;
    nanoclust_kmeans_params p = nanoclust_kmeans_params_default(K);

    sum += nanoclust_kmeans_workspace_size_f32(N, D, &p, &bytes);
    if (bytes > sizeof ws) return 100;
    sum += nanoclust_kmeans_fit_f32(xf, N, D, 0, &p, ws, sizeof ws, cf, labels, &result);
    sum += nanoclust_kmeans_predict_f32(cf, K, D, xf, N, labels, sqf);
    sum += nanoclust_kmeans_partial_fit_f32(xf, N, D, 0, cf, counts, K);
    sum += nanoclust_kmeans_partial_fit_workspace_size_f32(D, K, &bytes);
    sum += nanoclust_kmeans_partial_fit_with_workspace_f32(xf, N, D, 0, cf, counts, K, ws, sizeof ws);

    counts[0] = counts[1] = 0.0;
    sum += nanoclust_kmeans_workspace_size_f64(N, D, &p, &bytes);
    if (bytes > sizeof ws) return 100;
    sum += nanoclust_kmeans_fit_f64(xd, N, D, 0, &p, ws, sizeof ws, cd, labels, &result);
    sum += nanoclust_kmeans_predict_f64(cd, K, D, xd, N, labels, sqd);
    sum += nanoclust_kmeans_partial_fit_f64(xd, N, D, 0, cd, counts, K);
    sum += nanoclust_kmeans_partial_fit_workspace_size_f64(D, K, &bytes);
    sum += nanoclust_kmeans_partial_fit_with_workspace_f64(xd, N, D, 0, cd, counts, K, ws, sizeof ws);
    return sum;
}
