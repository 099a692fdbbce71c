/*
 * parallel_kmeans.c: k-means on POSIX threads with nanoclust's partial statistics,
 * bit-identical for every thread count.
 *
 * Each Lloyd iteration is one pass: the rows are split into T ranges whose boundaries
 * are multiples of nanoclust_partial_block_rows(); each thread folds its range into
 * its own stats blob (nanoclust_kmeans_accumulate_f64), the main thread merges the
 * blobs pairwise (nanoclust_kmeans_stats_merge) and ends the pass
 * (nanoclust_kmeans_finish_f64: new centers, inertia, shift, label changes). The loop
 * stops as the one-call fit does: labels unchanged, or shift <= tol * mean variance
 * (the variance from the scaler's partial statistics). The example runs with 1, 2
 * and 4 threads and checks that the final centers are the same bytes.
 *
 *   ./parallel_kmeans                          the example (checks itself)
 *   ./parallel_kmeans bench N D K ROUNDS       the speed-up of one pass on 2 threads over 1
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "common.h"

typedef struct job {
    const double *x;  /* the whole data set */
    size_t d, k, first, rows;
    const double *centers;
    int32_t *labels;  /* the whole label array */
    void *blob;
    size_t blob_bytes;
    nanoclust_status status;
} job;

static void *fold_range(void *arg) {
    job *j = (job *)arg;
    j->status = nanoclust_kmeans_stats_init(j->blob, j->blob_bytes, j->k, j->d);
    if (j->status == NANOCLUST_OK && j->rows > 0)
        j->status = nanoclust_kmeans_accumulate_f64(j->x + j->first * j->d, j->rows, j->d, NULL,
                                                    (uint64_t)j->first, j->centers, j->k,
                                                    j->labels + j->first, j->blob, j->blob_bytes);
    return NULL;
}

/* Seconds spent in the serial part of the passes (merge and finish), for the bench. */
static double serial_seconds = 0.0;
static double now(void);

/* One pass on `threads` threads: ranges on block boundaries, a pairwise merge tree. */
static void one_pass(const double *x, size_t n, size_t d, size_t k, const double *centers,
                     int32_t *labels, int threads, unsigned char *blobs, size_t blob_bytes,
                     double *new_centers, nanoclust_kmeans_step_result *res) {
    size_t b = nanoclust_partial_block_rows();
    size_t blocks = (n + b - 1) / b;
    job jobs[8];
    pthread_t tid[8];
    for (int t = 0; t < threads; t++) {
        size_t lo = blocks * (size_t)t / (size_t)threads * b;
        size_t hi = blocks * (size_t)(t + 1) / (size_t)threads * b;
        if (hi > n) hi = n;
        if (lo > n) lo = n;
        jobs[t] = (job){x, d, k, lo, hi - lo, centers, labels, blobs + (size_t)t * blob_bytes,
                        blob_bytes, NANOCLUST_OK};
        if (threads == 1) {
            fold_range(&jobs[0]);
        } else if (pthread_create(&tid[t], NULL, fold_range, &jobs[t]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            exit(1);
        }
    }
    for (int t = 0; t < threads; t++) {
        if (threads > 1) pthread_join(tid[t], NULL);
        CHECK(jobs[t].status);
    }
    double s = now();
    for (int step = 1; step < threads; step *= 2)
        for (int t = 0; t + step < threads; t += 2 * step)
            CHECK(nanoclust_kmeans_stats_merge(blobs + (size_t)t * blob_bytes,
                                               blobs + (size_t)(t + step) * blob_bytes, blob_bytes));
    CHECK(nanoclust_kmeans_finish_f64(blobs, blob_bytes, centers, k, d, new_centers, res));
    serial_seconds += now() - s;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Gaussian blobs around k random centers. */
static double *make_data(size_t n, size_t d, size_t k, uint64_t seed) {
    rng r = {seed};
    double *c = ws_alloc(k * d * sizeof *c), *x = ws_alloc(n * d * sizeof *x);
    for (size_t i = 0; i < k * d; i++) c[i] = 10.0 * rng_uniform(&r);
    for (size_t i = 0; i < n; i++) {
        size_t j = (size_t)rng_int(&r, 0, (int)k);
        for (size_t f = 0; f < d; f++) x[i * d + f] = c[j * d + f] + 1.5 * rng_normal(&r);
    }
    free(c);
    return x;
}

static int cmp_double(const void *a, const void *b) {
    double u = *(const double *)a, v = *(const double *)b;
    return (u > v) - (u < v);
}

static int bench(size_t n, size_t d, size_t k, int rounds) {
    double *x = make_data(n, d, k, 7);
    size_t blob_bytes;
    CHECK(nanoclust_kmeans_stats_size(k, d, &blob_bytes));
    unsigned char *blobs = ws_alloc(2 * blob_bytes);
    int32_t *labels = ws_alloc(n * sizeof *labels);
    double *centers = ws_alloc(k * d * sizeof *centers), *out = ws_alloc(k * d * sizeof *out);
    double *ratio = ws_alloc((size_t)rounds * sizeof *ratio), t1sum = 0.0, t2sum = 0.0;
    double serial2 = 0.0;
    memcpy(centers, x, k * d * sizeof *centers);
    nanoclust_kmeans_step_result res;
    const int passes = 5;
    for (int r = 0; r < rounds; r++) {
        double t[3] = {0, 0, 0};
        for (int o = 0; o < 2; o++) {
            int threads = ((r + o) % 2) ? 2 : 1; /* interleaved: 1,2 then 2,1 */
            double s = now(), s0 = serial_seconds;
            for (int p = 0; p < passes; p++) {
                for (size_t i = 0; i < n; i++) labels[i] = -1;
                one_pass(x, n, d, k, centers, labels, threads, blobs, blob_bytes, out, &res);
            }
            t[threads] = (now() - s) / passes;
            if (threads == 2) serial2 += (serial_seconds - s0) / passes;
        }
        ratio[r] = t[1] / t[2];
        t1sum += t[1];
        t2sum += t[2];
    }
    /* The one-call fit per Lloyd iteration on the same data, for the partial path's overhead. */
    nanoclust_kmeans_params p = nanoclust_kmeans_params_default((uint32_t)k);
    p.init = NANOCLUST_INIT_PROVIDED;
    p.max_iter = 5;
    p.tol = 0.0;
    size_t wb;
    CHECK(nanoclust_kmeans_workspace_size_f64(n, d, &p, &wb));
    void *ws = ws_alloc(wb);
    double fit_ms = 1e300;
    for (int r = 0; r < 3; r++) {
        nanoclust_kmeans_result fr;
        memcpy(out, x, k * d * sizeof *out);
        double s = now();
        CHECK(nanoclust_kmeans_fit_f64(x, n, d, NULL, &p, ws, wb, out, NULL, &fr));
        double ms = 1e3 * (now() - s) / fr.n_iter;
        if (ms < fit_ms) fit_ms = ms;
    }
    free(ws);
    printf("  one-call fit: %.2f ms per iteration (best of 3)\n", fit_ms);
    qsort(ratio, (size_t)rounds, sizeof *ratio, cmp_double);
    printf("n=%lu d=%lu k=%lu: one pass %.2f ms on 1 thread, %.2f ms on 2 (means); "
           "speed-up median %.2fx, min %.2fx, max %.2fx over %d rounds; "
           "serial part (merge + finish) %.3f ms per pass on 2 threads\n",
           (unsigned long)n, (unsigned long)d, (unsigned long)k, 1e3 * t1sum / rounds,
           1e3 * t2sum / rounds, ratio[rounds / 2], ratio[0], ratio[rounds - 1], rounds,
           1e3 * serial2 / rounds);
    free(x), free(blobs), free(labels), free(centers), free(out), free(ratio);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 6 && strcmp(argv[1], "bench") == 0)
        return bench((size_t)atol(argv[2]), (size_t)atol(argv[3]), (size_t)atol(argv[4]),
                     atoi(argv[5]));

    const size_t n = 6000 + 37, d = 4, k = 6; /* n is not a multiple of the block size */
    const int max_iter = 100;
    double *x = make_data(n, d, k, 2026);
    printf("parallel_kmeans: %lu rows x %lu features, k = %lu, block size %lu rows\n",
           (unsigned long)n, (unsigned long)d, (unsigned long)k,
           (unsigned long)nanoclust_partial_block_rows());

    /* tol * mean feature variance, from the scaler's partial statistics (one blob). */
    size_t sb;
    CHECK(nanoclust_standard_scaler_stats_size(d, &sb));
    void *sblob = ws_alloc(sb);
    double mean[4], scale[4], mean_var = 0.0;
    CHECK(nanoclust_standard_scaler_stats_init(sblob, sb, d));
    CHECK(nanoclust_standard_scaler_accumulate_f64(x, n, d, NULL, sblob, sb));
    CHECK(nanoclust_standard_scaler_finish_f64(sblob, sb, mean, scale));
    for (size_t f = 0; f < d; f++) mean_var += scale[f] * scale[f] / (double)d;
    const double tol = 1e-4 * mean_var;
    free(sblob);

    size_t blob_bytes;
    CHECK(nanoclust_kmeans_stats_size(k, d, &blob_bytes));
    unsigned char *blobs = ws_alloc(4 * blob_bytes);
    int32_t *labels = ws_alloc(n * sizeof *labels);
    double result[3][6 * 4];
    int iters[3];
    double inertia[3];
    const int thread_counts[3] = {1, 2, 4};
    for (int c = 0; c < 3; c++) {
        double centers[6 * 4], next[6 * 4];
        memcpy(centers, x, sizeof centers); /* the first k rows */
        for (size_t i = 0; i < n; i++) labels[i] = -1;
        nanoclust_kmeans_step_result res;
        int it = 0;
        for (it = 1; it <= max_iter; it++) {
            one_pass(x, n, d, k, centers, labels, thread_counts[c], blobs, blob_bytes, next, &res);
            memcpy(centers, next, sizeof centers);
            if (res.n_changed == 0 || res.center_shift <= tol) break;
        }
        /* The inertia of the final centers: one more pass. */
        one_pass(x, n, d, k, centers, labels, thread_counts[c], blobs, blob_bytes, next, &res);
        memcpy(result[c], centers, sizeof centers);
        iters[c] = it;
        inertia[c] = res.inertia;
        printf("  %d thread(s): %d iterations, inertia %.10g, center[0] = (%.17g, %.17g, ...)\n",
               thread_counts[c], it, inertia[c], centers[0], centers[1]);
    }
    expect(memcmp(result[0], result[1], sizeof result[0]) == 0 &&
               memcmp(result[0], result[2], sizeof result[0]) == 0,
           "centers are byte-identical for 1, 2 and 4 threads");
    expect(iters[0] == iters[1] && iters[0] == iters[2] &&
               memcmp(&inertia[0], &inertia[1], sizeof(double)) == 0 &&
               memcmp(&inertia[0], &inertia[2], sizeof(double)) == 0,
           "iterations and inertia are identical too");

    /* The one-call fit from the same start agrees (another summation order: to rounding). */
    nanoclust_kmeans_params p = nanoclust_kmeans_params_default((uint32_t)k);
    p.init = NANOCLUST_INIT_PROVIDED;
    p.max_iter = max_iter;
    size_t wb;
    CHECK(nanoclust_kmeans_workspace_size_f64(n, d, &p, &wb));
    void *ws = ws_alloc(wb);
    double fit_centers[6 * 4];
    memcpy(fit_centers, x, sizeof fit_centers);
    nanoclust_kmeans_result fr;
    CHECK(nanoclust_kmeans_fit_f64(x, n, d, NULL, &p, ws, wb, fit_centers, NULL, &fr));
    double worst = 0.0;
    for (size_t i = 0; i < k * d; i++) {
        double e = fabs(fit_centers[i] - result[0][i]) / (1.0 + fabs(fit_centers[i]));
        if (e > worst) worst = e;
    }
    printf("  one-call fit: %u iterations, inertia %.10g, largest center difference %.2g\n",
           fr.n_iter, fr.inertia, worst);
    expect(worst < 1e-9 && fabs(fr.inertia - inertia[0]) <= 1e-9 * fr.inertia,
           "the one-call fit finds the same centers (to rounding)");
    free(ws), free(x), free(blobs), free(labels);
    return expect_exit_code("parallel_kmeans");
}
