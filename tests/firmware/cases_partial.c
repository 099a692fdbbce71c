/*
 * Time slices: k-means fitted on the emulated Cortex-M4F in slices of
 * nanoclust_partial_block_rows() rows (one nanoclust_kmeans_accumulate_f32 call
 * per slice, between which a firmware would do other work), against the same
 * passes made in one call per pass. Every pass's new centers, inertia and label
 * changes must be the same bytes; the stack of each call is measured as the
 * other cases' are. Static buffers only.
 */
#include <string.h>

#include "cases.h"
#include "nanoclust.h"
#include "record.h"

#define PN 200 /* rows: three exact blobs (small integers / 256), not a multiple of 64 */
#define PD 2
#define PK 3
#define PITER 30
#define BLOB_MAX 4096u

static float px[PN * PD];
static int32_t labels_slices[PN], labels_whole[PN];
static uint8_t blob_slices[BLOB_MAX], blob_whole[BLOB_MAX + 1]; /* the +1: an odd address */

void case_kmeans_slices(void) {
    static const float centers0[PK][PD] = {{0.0f, 0.0f}, {6.0f, 6.0f}, {0.0f, 8.0f}};
    uint32_t state = 777u;
    for (int i = 0; i < PN; i++)
        for (int j = 0; j < PD; j++) {
            state = state * 1664525u + 1013904223u;
            px[i * PD + j] = centers0[i % PK][j] + (float)((int32_t)((state >> 16) & 1023u) - 512) / 256.0f;
        }
    size_t bytes = 0, block = nanoclust_partial_block_rows();
    record_status("kmeans_stats_size", nanoclust_kmeans_stats_size(PK, PD, &bytes));
    if (bytes > BLOB_MAX) {
        record_status("kmeans_stats_fit_in_static_blob", NANOCLUST_ERR_WORKSPACE_TOO_SMALL);
        return;
    }
    float c_slices[PK * PD], c_whole[PK * PD], next_slices[PK * PD], next_whole[PK * PD];
    /* Start from rows 0, 3 and 6, all of the first blob: several passes to converge. */
    for (int j = 0; j < PK; j++)
        for (int f = 0; f < PD; f++) c_slices[j * PD + f] = c_whole[j * PD + f] = px[(3 * j) * PD + f];
    for (int i = 0; i < PN; i++) labels_slices[i] = labels_whole[i] = -1;
    uint8_t *bw = blob_whole + 1;
    int32_t same = 1, iters = 0;
    nanoclust_kmeans_step_result rs, rw;
    for (int it = 1; it <= PITER; it++) {
        iters = it;
        /* In slices: one blob, one accumulate per block of rows. */
        CALL("kmeans_stats_init", nanoclust_kmeans_stats_init(blob_slices, bytes, PK, PD));
        for (size_t first = 0; first < PN; first += block) {
            size_t rows = PN - first < block ? PN - first : block;
            CALL("kmeans_accumulate_slice",
                 nanoclust_kmeans_accumulate_f32(px + first * PD, rows, PD, NULL, (uint64_t)first, c_slices, PK,
                                                 labels_slices + first, blob_slices, bytes));
        }
        CALL("kmeans_finish", nanoclust_kmeans_finish_f32(blob_slices, bytes, c_slices, PK, PD, next_slices, &rs));
        /* In one call, in a blob at an odd address, merged into an empty one. */
        record_status("kmeans_stats_init_whole", nanoclust_kmeans_stats_init(bw, bytes, PK, PD));
        record_status("kmeans_accumulate_whole",
                      nanoclust_kmeans_accumulate_f32(px, PN, PD, NULL, 0, c_whole, PK, labels_whole, bw, bytes));
        record_status("kmeans_stats_init_empty", nanoclust_kmeans_stats_init(blob_slices, bytes, PK, PD));
        CALL("kmeans_stats_merge", nanoclust_kmeans_stats_merge(blob_slices, bw, bytes));
        record_status("kmeans_finish_whole",
                      nanoclust_kmeans_finish_f32(blob_slices, bytes, c_whole, PK, PD, next_whole, &rw));
        same &= memcmp(next_slices, next_whole, sizeof next_slices) == 0 &&
                memcmp(&rs, &rw, sizeof rs) == 0 &&
                memcmp(labels_slices, labels_whole, sizeof labels_slices) == 0;
        memcpy(c_slices, next_slices, sizeof c_slices);
        memcpy(c_whole, next_whole, sizeof c_whole);
        if (rs.n_changed == 0) break;
    }
    record_i32("kmeans_slices_bytes_identical_to_one_call", &same, 1);
    /* Must hold on each side by itself, not only agree with the host. */
    record_status("kmeans_slices_identical", same ? NANOCLUST_OK : NANOCLUST_ERR_NUMERICAL);
    record_i32("kmeans_slices_iterations", &iters, 1);
    record_f32("kmeans_slices_centers", c_slices, PK * PD);
    record_f64("kmeans_slices_inertia", &rs.inertia, 1);
}
