/*
 * hello.c: the smallest nanoclust program. Prints the library version and the
 * message of every status code, then runs a tiny k-means the way firmware would:
 * ask for the workspace size, hand over a static buffer, check every status.
 */
#include <stdio.h>

#include "nanoclust.h"

#define N 8
#define D 2
#define K 2

static const float X[N * D] = {1.0f, 1.0f, 1.2f, 0.8f, 0.9f, 1.1f, 1.1f, 1.0f,
                               8.0f, 8.0f, 8.2f, 7.9f, 7.8f, 8.1f, 8.1f, 8.2f};
static unsigned char workspace[4096]; /* static: no allocation anywhere */

static int report(const char *call, nanoclust_status s) {
    printf("  %-34s -> %d: %s\n", call, (int)s, nanoclust_status_message(s));
    return s != NANOCLUST_OK;
}

int main(void) {
    uint32_t v = nanoclust_version();
    nanoclust_status s;
    nanoclust_kmeans_params params = nanoclust_kmeans_params_default(K);
    nanoclust_kmeans_result result;
    float centers[K * D];
    int32_t labels[N];
    size_t bytes = 0, i;
    int failures = 0;

    printf("nanoclust %u.%u.%u\n", (unsigned)(v >> 16), (unsigned)((v >> 8) & 0xff), (unsigned)(v & 0xff));
    for (s = NANOCLUST_OK; s <= NANOCLUST_ERR_NUMERICAL; s++) {
        printf("  status %d: %s\n", (int)s, nanoclust_status_message(s));
    }
    printf("  status 99: %s\n", nanoclust_status_message(99));

    printf("\nA tiny k-means (n = %d, d = %d, k = %d) in a static workspace:\n", N, D, K);
    failures += report("nanoclust_kmeans_workspace_size_f32", nanoclust_kmeans_workspace_size_f32(N, D, &params, &bytes));
    printf("  workspace needed: %lu bytes, static buffer: %lu bytes\n", (unsigned long)bytes,
           (unsigned long)sizeof workspace);
    if (bytes > sizeof workspace) {
        printf("  the static buffer is too small\n");
        return 1;
    }
    /* a workspace one byte short is refused, and the outputs stay untouched */
    labels[0] = -7;
    s = nanoclust_kmeans_fit_f32(X, N, D, NULL, &params, workspace, bytes - 1, centers, labels, &result);
    report("nanoclust_kmeans_fit_f32 (short ws)", s);
    failures += s != NANOCLUST_ERR_WORKSPACE_TOO_SMALL || labels[0] != -7;
    s = nanoclust_kmeans_fit_f32(X, N, D, NULL, &params, workspace, bytes, centers, labels, &result);
    failures += report("nanoclust_kmeans_fit_f32", s);
    if (s != NANOCLUST_OK) return 1;
    printf("  inertia %.4f after %u iteration(s); labels:", result.inertia, (unsigned)result.n_iter);
    for (i = 0; i < N; i++) printf(" %d", (int)labels[i]);
    printf("\n  centers: (%.3f, %.3f) (%.3f, %.3f)\n", centers[0], centers[1], centers[2], centers[3]);
    /* the first four points and the last four form the two clusters */
    for (i = 1; i < N; i++) failures += (labels[i] == labels[0]) != (i < N / 2);
    printf("%s\n", failures ? "hello: FAILED" : "hello: all checks passed");
    return v == 0 || failures != 0;
}
