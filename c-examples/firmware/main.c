/*
 * nanoclust on a microcontroller: k-means on a few 2-D points with static
 * buffers only (no heap), results printed through semihosting.
 *
 * Copy this file, startup.c and mps2.ld (or your board's own startup and
 * linker script) and build as the top-level README shows:
 *
 *   cargo build --release --target thumbv7em-none-eabihf --no-default-features --features panic-handler
 *   arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -Os \
 *       -ffunction-sections -fdata-sections -Iinclude \
 *       c-examples/firmware/startup.c c-examples/firmware/main.c \
 *       target/thumbv7em-none-eabihf/release/libnanoclust.a \
 *       -T c-examples/firmware/mps2.ld -nostartfiles --specs=nano.specs --specs=rdimon.specs \
 *       -Wl,--gc-sections -o fw.elf
 *
 * `make -C c-examples/firmware run` does the same and runs fw.elf on QEMU
 * (machine mps2-an386, a Cortex-M4F); the exit status is 0 on success.
 */
#include <stdint.h>
#include <stdio.h>

#include "nanoclust.h"

#define N 12 /* samples */
#define D 2  /* features */
#define K 3  /* clusters */

/* Three groups of four readings (say, two sensor channels). */
static const float x[N * D] = {
    0.9f, 1.1f, 1.0f, 0.8f, 1.2f, 1.0f, 0.8f, 0.9f,  /* near (1, 1)  */
    5.1f, 4.9f, 4.8f, 5.2f, 5.0f, 5.1f, 5.2f, 4.8f,  /* near (5, 5)  */
    9.0f, 1.0f, 9.2f, 0.9f, 8.9f, 1.2f, 9.1f, 1.1f,  /* near (9, 1)  */
};

/* All scratch memory the library will ever use: any alignment works. */
static uint8_t workspace[1024];
static float centers[K * D];
static int32_t labels[N];

/* newlib-nano's printf has no %f: print thousandths as integers. */
static long milli(double v) { return (long)(v * 1000.0 + (v < 0 ? -0.5 : 0.5)); }

int main(void) {
    nanoclust_kmeans_params params = nanoclust_kmeans_params_default(K);
    params.seed = 42;
    size_t need = 0;
    nanoclust_status s = nanoclust_kmeans_workspace_size_f32(N, D, &params, &need);
    if (s != NANOCLUST_OK || need > sizeof workspace) {
        printf("workspace query: %s (need %u bytes)\n", nanoclust_status_message(s), (unsigned)need);
        return 1;
    }
    nanoclust_kmeans_result result;
    s = nanoclust_kmeans_fit_f32(x, N, D, NULL, &params, workspace, sizeof workspace, centers,
                                 labels, &result);
    if (s != NANOCLUST_OK) {
        printf("k-means: %s\n", nanoclust_status_message(s));
        return 1;
    }
    printf("k-means on %d points: %u iterations, inertia %ld/1000, workspace %u bytes\n", N,
           (unsigned)result.n_iter, milli(result.inertia), (unsigned)need);
    for (int c = 0; c < K; c++) {
        printf("center %d: (%ld, %ld)/1000\n", c, milli(centers[c * D]), milli(centers[c * D + 1]));
    }
    printf("labels:");
    for (int i = 0; i < N; i++) printf(" %ld", (long)labels[i]);
    printf("\n");
    /* Each group of four must share one label, and the groups must differ. */
    for (int i = 0; i < N; i++) {
        if (labels[i] != labels[i - i % 4]) return 2;
    }
    return labels[0] == labels[4] || labels[4] == labels[8] || labels[0] == labels[8] ? 3 : 0;
}
