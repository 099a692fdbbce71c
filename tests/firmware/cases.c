/*
 * The firmware's workload, shared by the host generator (host_record.c) and the
 * firmware (fw_record.c): each case calls nanoclust in f32 on fixed data with
 * static buffers and records every result. CALL(name, call) also measures the
 * stack used by that one nanoclust call (on the firmware).
 *
 * The data are exact on both sides: small integers from a fixed LCG scaled by
 * powers of two, so no libm call or rounding mode can make them differ.
 */
#include "cases.h"

#include "nanoclust.h"
#include "record.h"

#define N 60   /* samples: three blobs of 20 */
#define D 2
#define K 3
#define M 6    /* new points for the predict calls */

static float x[N * D];        /* raw data */
static float xs[N * D];       /* standardised data */
static float x_new[M * D];
static float xs_new[M * D];
static float mean[D], scale[D];
static int32_t kmeans_labels[N];

/* One static workspace serves every call (each query is checked against it). */
#define WS_BYTES (48u * 1024u)
static uint8_t workspace[WS_BYTES]; /* any alignment works */
static size_t workspace_high_water;

/* The workspace size to pass: all of it, or 0 (-> WORKSPACE_TOO_SMALL) if the query exceeds it. */
static size_t ws(nanoclust_status query_status, size_t needed) {
    record_status("workspace_query", query_status);
    if (needed > workspace_high_water) workspace_high_water = needed;
    return needed <= WS_BYTES ? WS_BYTES : 0;
}

static uint32_t lcg_state = 12345u;
static int32_t lcg_small(void) { /* an integer in [-512, 511] */
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return (int32_t)((lcg_state >> 16) & 1023u) - 512;
}

static void make_data(void) {
    static const float centers[K][D] = {{0.0f, 0.0f}, {6.0f, 6.0f}, {0.0f, 8.0f}};
    for (int i = 0; i < N; i++)
        for (int j = 0; j < D; j++) x[i * D + j] = centers[i % K][j] + (float)lcg_small() / 256.0f;
    for (int i = 0; i < M; i++)
        for (int j = 0; j < D; j++) x_new[i * D + j] = centers[i % K][j] + (float)lcg_small() / 128.0f;
}

void case_core(void) {
    uint32_t v = nanoclust_version();
    const char *msg = nanoclust_status_message(NANOCLUST_ERR_NUMERICAL);
    int32_t len = 0;
    while (msg[len] != '\0') len++;
    record_u32("version", &v, 1);
    record_i32("numerical_message_length", &len, 1);
    make_data();
}

void case_scaler(void) {
    CALL("scaler_fit", nanoclust_standard_scaler_fit_f32(x, N, D, mean, scale));
    CALL("scaler_transform", nanoclust_standard_scaler_transform_f32(x, N, D, mean, scale, xs));
    CALL("scaler_transform_new", nanoclust_standard_scaler_transform_f32(x_new, M, D, mean, scale, xs_new));
    record_f32("scaler_mean", mean, D);
    record_f32("scaler_scale", scale, D);
    record_f32("scaled_x", xs, N * D);
}

void case_kmeans(void) {
    static float centers[K * D];
    static int32_t labels_new[M];
    static float sq_new[M];
    static float mb_centers[K * D];
    static double mb_counts[K];
    nanoclust_kmeans_params p = nanoclust_kmeans_params_default(K);
    nanoclust_kmeans_result r;
    size_t bytes = 0;
    p.n_init = 3;
    p.seed = 7;
    size_t w = ws(nanoclust_kmeans_workspace_size_f32(N, D, &p, &bytes), bytes);
    CALL("kmeans_fit", nanoclust_kmeans_fit_f32(xs, N, D, NULL, &p, workspace, w, centers, kmeans_labels, &r));
    record_f32("kmeans_centers", centers, K * D);
    record_i32("kmeans_labels", kmeans_labels, N);
    record_f64("kmeans_inertia", &r.inertia, 1);
    record_u32("kmeans_n_iter", &r.n_iter, 1);
    CALL("kmeans_predict", nanoclust_kmeans_predict_f32(centers, K, D, xs_new, M, labels_new, sq_new));
    record_i32("kmeans_predict_labels", labels_new, M);
    record_f32("kmeans_predict_sq_distances", sq_new, M);
    /* Mini-batch: start from the first K samples, stream the data in batches of 10. */
    for (int i = 0; i < K * D; i++) mb_centers[i] = xs[i];
    for (int i = 0; i < K; i++) mb_counts[i] = 0.0;
    for (int b = 0; b < N; b += 10) {
        CALL("kmeans_partial_fit",
                      nanoclust_kmeans_partial_fit_f32(xs + b * D, 10, D, NULL, mb_centers, mb_counts, K));
    }
    record_f32("minibatch_centers", mb_centers, K * D);
    record_f64("minibatch_counts", mb_counts, K);
}

void case_dbscan(void) {
    static int32_t labels[N];
    static uint8_t core[N];
    static int32_t core_i32[N];
    static int32_t labels_new[M];
    static float core_dist[N];
    nanoclust_dbscan_params p = nanoclust_dbscan_params_default();
    nanoclust_dbscan_result r;
    size_t bytes = 0;
    p.eps = 0.35;
    p.min_samples = 4;
    size_t w = ws(nanoclust_dbscan_workspace_size_f32(N, D, &p, &bytes), bytes);
    CALL("dbscan_fit", nanoclust_dbscan_fit_f32(xs, N, D, NULL, &p, workspace, w, labels, core, &r));
    for (int i = 0; i < N; i++) core_i32[i] = core[i];
    record_i32("dbscan_labels", labels, N);
    record_i32("dbscan_is_core", core_i32, N);
    record_u32("dbscan_n_clusters", &r.n_clusters, 1);
    w = ws(nanoclust_dbscan_predict_workspace_size_f32(N, D, M, &p, &bytes), bytes);
    CALL("dbscan_predict", nanoclust_dbscan_predict_f32(xs, N, D, labels, core, &p, xs_new, M, workspace, w,
                                                                 labels_new));
    record_i32("dbscan_predict_labels", labels_new, M);
    w = ws(nanoclust_core_distances_workspace_size_f32(N, D, 4, NANOCLUST_METRIC_EUCLIDEAN, &bytes), bytes);
    CALL("core_distances",
                  nanoclust_core_distances_f32(xs, N, D, 4, NANOCLUST_METRIC_EUCLIDEAN, workspace, w, core_dist));
    record_f32("core_distances", core_dist, N);
}

static void linkage_case(const char *name, uint32_t method) {
    static nanoclust_merge merges[N - 1];
    static uint32_t ids[3 * (N - 1)];
    static double heights[N - 1];
    static int32_t labels[N];
    static uint32_t order[N];
    size_t bytes = 0, n_clusters = 0;
    size_t w = ws(nanoclust_linkage_workspace_size_f32(N, D, method, NANOCLUST_METRIC_EUCLIDEAN, &bytes), bytes);
    CALL(name, nanoclust_linkage_f32(xs, N, D, method, NANOCLUST_METRIC_EUCLIDEAN, workspace, w, merges));
    for (int s = 0; s < N - 1; s++) {
        ids[3 * s] = merges[s].left;
        ids[3 * s + 1] = merges[s].right;
        ids[3 * s + 2] = merges[s].size;
        heights[s] = merges[s].distance;
    }
    record_u32("linkage_ids_sizes", ids, 3 * (N - 1));
    record_f64("linkage_heights", heights, N - 1);
    w = ws(nanoclust_cut_tree_workspace_size(N, &bytes), bytes);
    CALL("cut_n_clusters", nanoclust_cut_tree_n_clusters(merges, N, K, workspace, w, labels));
    record_i32("cut_n_clusters_labels", labels, N);
    CALL("cut_distance", nanoclust_cut_tree_distance(merges, N, 1.0, workspace, w, labels, &n_clusters));
    record_i32("cut_distance_labels", labels, N);
    CALL("dendrogram_leaves", nanoclust_dendrogram_leaves(merges, N, workspace, w, order));
    record_u32("dendrogram_leaves", order, N);
}

void case_ward(void) { linkage_case("linkage_ward", NANOCLUST_LINKAGE_WARD); }
void case_average(void) { linkage_case("linkage_average", NANOCLUST_LINKAGE_AVERAGE); }

void case_metrics(void) {
    static int32_t truth[N];
    double score = 0.0, ari = 0.0;
    size_t bytes = 0;
    for (int i = 0; i < N; i++) truth[i] = i % K;
    size_t w = ws(nanoclust_silhouette_workspace_size(N, K, &bytes), bytes);
    CALL("silhouette", nanoclust_silhouette_score_f32(xs, N, D, kmeans_labels, K, NANOCLUST_METRIC_EUCLIDEAN,
                                                               workspace, w, &score));
    record_f64("silhouette_score", &score, 1);
    w = ws(nanoclust_contingency_workspace_size(N, &bytes), bytes);
    CALL("ari", nanoclust_adjusted_rand_index(truth, kmeans_labels, N, workspace, w, &ari));
    record_f64("ari_kmeans_vs_truth", &ari, 1);
}

void case_gmm(void) {
    static float weights[K], means[K * D], covariances[K * D * D];
    static int32_t labels[M];
    static float proba[M * K], loglik[M];
    nanoclust_gmm_params p = nanoclust_gmm_params_default(K);
    nanoclust_gmm_result r;
    double bic = 0.0;
    size_t bytes = 0;
    p.covariance_type = NANOCLUST_COVARIANCE_FULL;
    p.seed = 3;
    size_t w = ws(nanoclust_gmm_workspace_size_f32(N, D, &p, &bytes), bytes);
    CALL("gmm_fit", nanoclust_gmm_fit_f32(xs, N, D, &p, workspace, w, weights, means, covariances, &r));
    record_f32("gmm_weights", weights, K);
    record_f32("gmm_means", means, K * D);
    record_f32("gmm_covariances", covariances, K * D * D);
    record_f64("gmm_lower_bound", &r.lower_bound, 1);
    record_u32("gmm_n_iter", &r.n_iter, 1);
    w = ws(nanoclust_gmm_predict_workspace_size_f32(K, D, NANOCLUST_COVARIANCE_FULL, &bytes), bytes);
    CALL("gmm_predict", nanoclust_gmm_predict_f32(weights, means, covariances, K, D, NANOCLUST_COVARIANCE_FULL,
                                                           xs_new, M, workspace, w, labels, proba, loglik));
    record_i32("gmm_predict_labels", labels, M);
    record_f32("gmm_predict_proba", proba, M * K);
    record_f32("gmm_score_samples", loglik, M);
    CALL("gmm_bic", nanoclust_gmm_bic_f32(weights, means, covariances, K, D, NANOCLUST_COVARIANCE_FULL, xs, N,
                                                   workspace, w, &bic));
    record_f64("gmm_bic", &bic, 1);
}

size_t cases_workspace_high_water(void) { return workspace_high_water; }

void cases_run_all(void) {
#define FW_CASE(name) case_##name();
    FW_CASES
#undef FW_CASE
}
