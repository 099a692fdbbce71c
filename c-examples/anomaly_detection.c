/*
 * anomaly_detection.c: the tutorial's Project 3 (anomaly detection with DBSCAN) in C.
 *
 * Generates the tutorial's network-traffic records from a fixed seed (1000 normal
 * connections and 50 anomalies: exfiltration-like bursts with many bytes sent,
 * few received, short durations, many packets and connections), adds the three
 * derived features, standardises the eight features, prints the k-distance curve
 * (nanoclust_core_distances_f32, min_samples = 5) and suggests eps at its knee (the
 * point farthest from the chord between the curve's ends), runs DBSCAN for the
 * tutorial's eps values and the suggested one, and prints the confusion matrix and
 * precision/recall/F1 of "noise = anomaly" against the known anomalies. Then it
 * labels a stream of new records one at a time with nanoclust_dbscan_predict_f32,
 * as firmware would: scale one record, predict one record, decide.
 *
 * Checks (with the suggested eps): recall >= 0.90 and precision >= 0.50 on the
 * 1050 records, and at least 18 of the 20 streamed records labelled correctly.
 * The knee is a cautious choice: it flags every attack (recall 1.00 when this was
 * written) at the price of flagging about 3% of the normal traffic (precision 0.60);
 * the tutorial's larger eps values trade recall for precision (see the table).
 */
#include <string.h>

#include "common.h"

#define N_NORMAL 1000
#define N_ANOMALY 50
#define N (N_NORMAL + N_ANOMALY)
#define D 8
#define MIN_SAMPLES 5
#define N_STREAM 20
#define RECALL_FLOOR 0.90
#define PRECISION_FLOOR 0.50
#define STREAM_FLOOR 18

static const char *const FEATURES[D] = {"bytes_sent", "bytes_received", "duration", "packets", "connections",
                                        "bytes_ratio", "packets_per_second", "bytes_per_connection"};

static float x[N * D], xs[N * D], sorted_kdist[N];
static int is_anomaly[N];
static int32_t labels[N];
static uint8_t is_core[N];

/* one record with the tutorial's distributions; derived features appended */
static void make_record(rng *r, int anomaly, float *row) {
    double sent, received, duration, packets, connections;
    if (!anomaly) {
        sent = rng_lognormal(r, 8.0, 0.5);
        received = rng_lognormal(r, 9.0, 0.5);
        duration = rng_exponential(r, 30.0);
        packets = rng_poisson(r, 100.0);
        connections = rng_poisson(r, 5.0);
    } else {
        sent = rng_lognormal(r, 12.0, 0.5);    /* data exfiltration */
        received = rng_lognormal(r, 6.0, 0.5); /* low receive */
        duration = rng_exponential(r, 5.0);    /* quick bursts */
        packets = rng_poisson(r, 1000.0);      /* high packet count */
        connections = rng_poisson(r, 50.0);    /* many connections */
    }
    row[0] = (float)sent;
    row[1] = (float)received;
    row[2] = (float)duration;
    row[3] = (float)packets;
    row[4] = (float)connections;
    row[5] = (float)(sent / (received + 1.0));
    row[6] = (float)(packets / (duration + 1.0));
    row[7] = (float)((sent + received) / (connections + 1.0));
}

typedef struct scores { size_t tp, fp, fn, tn; double precision, recall, f1; } scores;

static scores score(void) {
    scores s = {0, 0, 0, 0, 0.0, 0.0, 0.0};
    size_t i;
    for (i = 0; i < N; i++) {
        int detected = labels[i] == -1;
        s.tp += detected && is_anomaly[i];
        s.fp += detected && !is_anomaly[i];
        s.fn += !detected && is_anomaly[i];
        s.tn += !detected && !is_anomaly[i];
    }
    s.precision = s.tp + s.fp ? (double)s.tp / (double)(s.tp + s.fp) : 0.0;
    s.recall = s.tp + s.fn ? (double)s.tp / (double)(s.tp + s.fn) : 0.0;
    s.f1 = s.precision + s.recall > 0.0 ? 2.0 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
    return s;
}

int main(void) {
    static const double TUTORIAL_EPS[4] = {1.5, 2.0, 2.5, 3.0};
    float mean[D], scale[D], eps;
    double suggested;
    size_t i, j, bytes, ws_bytes = 0, at, stream_correct = 0;
    nanoclust_dbscan_params params = nanoclust_dbscan_params_default();
    nanoclust_dbscan_result res;
    scores s;
    rng r = {42};
    void *ws;
    int q;

    printf("============================================================\n");
    printf("ANOMALY DETECTION SYSTEM (tutorial Project 3)\n");
    printf("============================================================\n");
    for (i = 0; i < N; i++) {
        is_anomaly[i] = i >= N_NORMAL;
        make_record(&r, is_anomaly[i], &x[i * D]);
    }
    for (i = N - 1; i > 0; i--) { /* shuffle (Fisher-Yates) */
        size_t k = (size_t)rng_int(&r, 0, (int)i + 1);
        float t[D];
        int a = is_anomaly[i];
        memcpy(t, &x[i * D], sizeof t);
        memcpy(&x[i * D], &x[k * D], sizeof t);
        memcpy(&x[k * D], t, sizeof t);
        is_anomaly[i] = is_anomaly[k];
        is_anomaly[k] = a;
    }
    printf("Total records: %d\nActual anomalies: %d (%.1f%%)\nFeatures:", N, N_ANOMALY, 100.0 * N_ANOMALY / N);
    for (j = 0; j < D; j++) printf(" %s", FEATURES[j]);
    printf("\n");

    CHECK(nanoclust_standard_scaler_fit_f32(x, N, D, mean, scale));
    CHECK(nanoclust_standard_scaler_transform_f32(x, N, D, mean, scale, xs));

    /* One workspace for every call below. */
    CHECK(nanoclust_suggest_eps_workspace_size_f32(N, D, MIN_SAMPLES, NANOCLUST_METRIC_EUCLIDEAN, &bytes));
    ws_need(&ws_bytes, bytes);
    params.min_samples = MIN_SAMPLES;
    CHECK(nanoclust_dbscan_workspace_size_f32(N, D, &params, &bytes));
    ws_need(&ws_bytes, bytes);
    CHECK(nanoclust_dbscan_predict_workspace_size_f32(N, D, 1, &params, &bytes));
    ws_need(&ws_bytes, bytes);
    ws = ws_alloc(ws_bytes);
    printf("Workspace: %lu bytes, allocated once\n", (unsigned long)ws_bytes);

    printf("\n1. FINDING EPS (k-distance curve, min_samples = %d)\n----------------------------------------\n",
           MIN_SAMPLES);
    /* The sorted k-distance curve and eps at its knee (the point farthest from the chord). */
    CHECK(nanoclust_suggest_eps_f32(xs, N, D, MIN_SAMPLES, NANOCLUST_METRIC_EUCLIDEAN, ws, ws_bytes, &suggested,
                                    sorted_kdist, &at));
    eps = (float)suggested;
    {
        static const double QUANTILES[] = {0.0, 0.25, 0.5, 0.75, 0.9, 0.93, 0.95, 0.96, 0.97, 0.98, 0.99, 1.0};
        double top = sorted_kdist[N - 1];
        for (q = 0; q < (int)(sizeof QUANTILES / sizeof QUANTILES[0]); q++) {
            size_t idx = (size_t)(QUANTILES[q] * (N - 1) + 0.5);
            int bar = (int)(sorted_kdist[idx] / top * 40.0 + 0.5);
            printf("  point %4lu (%5.1f%%)  %7.3f  %.*s%s\n", (unsigned long)idx, 100.0 * QUANTILES[q],
                   sorted_kdist[idx], bar, "****************************************",
                   idx <= at && (q + 1 == (int)(sizeof QUANTILES / sizeof QUANTILES[0]) ||
                                 (size_t)(QUANTILES[q + 1] * (N - 1) + 0.5) > at)
                       ? "   <- the knee lies between this line and the next"
                       : "");
        }
    }
    printf("Knee at point %lu of %d: suggested eps = %.3f\n", (unsigned long)at, N, eps);

    printf("\n2. APPLYING DBSCAN\n----------------------------------------\n");
    for (q = 0; q <= 4; q++) {
        params.eps = q < 4 ? TUTORIAL_EPS[q] : eps;
        CHECK(nanoclust_dbscan_fit_f32(xs, N, D, NULL, &params, ws, ws_bytes, labels, is_core, &res));
        s = score();
        printf("eps=%.3f%s: Clusters=%u, Noise=%u, Precision=%.2f, Recall=%.2f, F1=%.2f\n", params.eps,
               q < 4 ? "" : " (knee)", (unsigned)res.n_clusters, (unsigned)res.n_noise, s.precision, s.recall, s.f1);
    }
    /* the last fit (the knee's eps) is the model */

    printf("\n3. DETECTION RESULTS (eps = %.3f)\n----------------------------------------\n", params.eps);
    printf("Confusion matrix:\n                 detected normal  detected anomaly\n");
    printf("  actual normal  %15lu  %16lu\n", (unsigned long)s.tn, (unsigned long)s.fp);
    printf("  actual anomaly %15lu  %16lu\n", (unsigned long)s.fn, (unsigned long)s.tp);
    printf("Precision %.3f, Recall %.3f, F1 %.3f\n", s.precision, s.recall, s.f1);

    printf("\n4. ANOMALY CHARACTERISTICS (averages in original units)\n----------------------------------------\n");
    printf("  %-22s %14s %14s\n", "feature", "normal", "detected");
    for (j = 0; j < 5; j++) {
        double sum[2] = {0.0, 0.0};
        size_t cnt[2] = {0, 0};
        for (i = 0; i < N; i++) {
            int g = labels[i] == -1;
            sum[g] += x[i * D + j];
            cnt[g]++;
        }
        printf("  %-22s %14.2f %14.2f\n", FEATURES[j], cnt[0] ? sum[0] / (double)cnt[0] : 0.0,
               cnt[1] ? sum[1] / (double)cnt[1] : 0.0);
    }

    printf("\n5. LABELLING A STREAM, ONE RECORD AT A TIME (dbscan_predict)\n----------------------------------------\n");
    {
        rng stream = {2024};
        for (i = 0; i < N_STREAM; i++) {
            float row[D], scaled[D];
            int32_t label;
            int anomaly = i % 4 == 3; /* every fourth record is an attack */
            make_record(&stream, anomaly, row);
            CHECK(nanoclust_standard_scaler_transform_f32(row, 1, D, mean, scale, scaled));
            CHECK(nanoclust_dbscan_predict_f32(xs, N, D, labels, is_core, &params, scaled, 1, ws, ws_bytes, &label));
            stream_correct += (label == -1) == anomaly;
            printf("  record %2lu: sent %9.0f B, recv %7.0f B, %5.1f s, %4.0f pkts, %3.0f conns -> %-8s (%s)\n",
                   (unsigned long)i, row[0], row[1], row[2], row[3], row[4], label == -1 ? "ANOMALY" : "normal",
                   (label == -1) == anomaly ? "correct" : "WRONG");
        }
        printf("Stream: %lu of %d labelled correctly\n", (unsigned long)stream_correct, N_STREAM);
    }

    printf("\nChecks:\n");
    expect(s.recall >= RECALL_FLOOR, "recall >= 0.90 with the knee's eps");
    expect(s.precision >= PRECISION_FLOOR, "precision >= 0.50 with the knee's eps");
    expect(stream_correct >= STREAM_FLOOR, "at least 18 of 20 streamed records labelled correctly");
    free(ws);
    return expect_exit_code("anomaly_detection");
}
