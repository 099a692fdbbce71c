/* An outside project's k-means program: built by tests/install/cmake and
 * tests/install/pkgconfig against an installed nanoclust (never the source
 * tree), once with the shared and once with the static library. It clusters two
 * separated squares of four points and checks the result against the obvious
 * answer computed here: each square is one cluster, each center its square's
 * mean, the inertia the sum of squared distances to those means. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <nanoclust.h>

#define N 8
#define D 2
#define K 2

int main(void) {
    const double x[N * D] = {0, 0, 0, 1, 1, 0, 1, 1, 10, 10, 10, 11, 11, 10, 11, 11};
    double mean[K][D] = {{0, 0}, {0, 0}};
    double expected_inertia = 0.0;
    for (int c = 0; c < K; c++) {
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < D; j++) mean[c][j] += x[(c * 4 + i) * D + j] / 4.0;
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < D; j++) {
                double e = x[(c * 4 + i) * D + j] - mean[c][j];
                expected_inertia += e * e;
            }
    }

    nanoclust_kmeans_params params = nanoclust_kmeans_params_default(K);
    params.n_init = 3;
    size_t bytes = 0;
    nanoclust_status s = nanoclust_kmeans_workspace_size_f64(N, D, &params, &bytes);
    unsigned char workspace[4096];
    if (s != NANOCLUST_OK || bytes > sizeof workspace) {
        printf("kmeans_check: workspace query failed: %s (%zu bytes)\n", nanoclust_status_message(s), bytes);
        return 1;
    }
    double centers[K * D];
    int32_t labels[N];
    nanoclust_kmeans_result result;
    memset(&result, 0, sizeof result);
    s = nanoclust_kmeans_fit_f64(x, N, D, NULL, &params, workspace, bytes, centers, labels, &result);
    if (s != NANOCLUST_OK) {
        printf("kmeans_check: fit failed: %s\n", nanoclust_status_message(s));
        return 1;
    }
    int failures = 0;
    for (int i = 0; i < N; i++) {
        int square = i / 4;
        if (labels[i] != labels[square * 4]) failures++;
    }
    if (labels[0] == labels[4]) failures++;
    for (int c = 0; c < K; c++) {
        int32_t l = labels[c * 4];
        if (l < 0 || l >= K) {
            failures++;
            continue;
        }
        for (int j = 0; j < D; j++)
            if (fabs(centers[l * D + j] - mean[c][j]) > 1e-12) failures++;
    }
    if (fabs(result.inertia - expected_inertia) > 1e-12 || result.converged != 1) failures++;

    const double probe[D] = {9.0, 9.5};
    int32_t probe_label = -1;
    s = nanoclust_kmeans_predict_f64(centers, K, D, probe, 1, &probe_label, NULL);
    if (s != NANOCLUST_OK || probe_label != labels[4]) failures++;

    uint32_t v = nanoclust_version();
    printf("kmeans_check: nanoclust %u.%u.%u, labels", (unsigned)(v >> 16), (unsigned)((v >> 8) & 0xff),
           (unsigned)(v & 0xff));
    for (int i = 0; i < N; i++) printf(" %d", (int)labels[i]);
    printf(", inertia %.6f (expected %.6f), %d failures\n", result.inertia, expected_inertia, failures);
    return failures == 0 ? 0 : 1;
}
