/* Size probe: what a typical k-means firmware links (f32 fit and predict only). */
#include "nanoclust.h"

static const float x[8] = {0.0f, 0.0f, 0.1f, 0.1f, 5.0f, 5.0f, 5.1f, 5.1f};
static unsigned char ws[4096];

int link_kmeans_f32(void) {
    nanoclust_kmeans_params p = nanoclust_kmeans_params_default(2);
    float centers[4], sq[4];
    int32_t labels[4];
    size_t bytes = 0;
    int s = nanoclust_kmeans_workspace_size_f32(4, 2, &p, &bytes);
    s += nanoclust_kmeans_fit_f32(x, 4, 2, 0, &p, ws, sizeof ws, centers, labels, 0);
    s += nanoclust_kmeans_predict_f32(centers, 2, 2, x, 4, labels, sq);
    return s;
}
