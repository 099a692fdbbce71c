/* Link check: the model-selection exports (k sweep, eps suggestion, knee). */
#include "nanoclust.h"

static const float xs[24] = {0.0f, 0.0f, 0.1f, 0.0f, 0.0f, 0.1f, 0.1f, 0.1f, 5.0f, 5.0f, 5.1f, 5.0f,
                             5.0f, 5.1f, 5.1f, 5.1f, 9.0f, 0.0f, 9.1f, 0.0f, 9.0f, 0.1f, 9.1f, 0.1f};
static const double xd[24] = {0.0, 0.0, 0.1, 0.0, 0.0, 0.1, 0.1, 0.1, 5.0, 5.0, 5.1, 5.0,
                              5.0, 5.1, 5.1, 5.1, 9.0, 0.0, 9.1, 0.0, 9.0, 0.1, 9.1, 0.1};
static unsigned char ws[16384];

int link_model_selection(void) {
    nanoclust_kmeans_params p = nanoclust_kmeans_params_default(0);
    nanoclust_kmeans_sweep_result r;
    double inertia[3], sil[3], eps = 0.0;
    float curve_f[12];
    double curve_d[12];
    size_t bytes = 0, knee = 0;
    int s = 0;
    s += nanoclust_kmeans_sweep_workspace_size_f32(12, 2, 2, 4, &p, &bytes);
    s += nanoclust_kmeans_sweep_workspace_size_f64(12, 2, 2, 4, &p, &bytes);
    s += nanoclust_kmeans_sweep_f32(xs, 12, 2, 0, 2, 4, &p, ws, sizeof ws, inertia, sil, &r);
    s += nanoclust_kmeans_sweep_f64(xd, 12, 2, 0, 2, 4, &p, ws, sizeof ws, inertia, sil, &r);
    s += nanoclust_suggest_eps_workspace_size_f32(12, 2, 3, NANOCLUST_METRIC_EUCLIDEAN, &bytes);
    s += nanoclust_suggest_eps_workspace_size_f64(12, 2, 3, NANOCLUST_METRIC_EUCLIDEAN, &bytes);
    s += nanoclust_suggest_eps_f32(xs, 12, 2, 3, NANOCLUST_METRIC_EUCLIDEAN, ws, sizeof ws, &eps, curve_f, &knee);
    s += nanoclust_suggest_eps_f64(xd, 12, 2, 3, NANOCLUST_METRIC_EUCLIDEAN, ws, sizeof ws, &eps, curve_d, &knee);
    s += nanoclust_knee_index(inertia, 3, &knee);
    return s;
}
