/*
 * color_quantization.c: the tutorial's Project 2 (image colour quantization) in C.
 *
 * Reads a binary PPM (P6, maxval 255) named on the command line, or makes the
 * tutorial's synthetic 300x200 image (four colour regions plus uniform noise in
 * [-30, 30)), writes it to build/synthetic.ppm and reads it back. The colours are
 * clustered as a histogram: the unique colours are the samples and their pixel
 * counts the sample weights, so k-means sees each colour once however large the
 * image. For k = 2, 4, 8, 16 it writes build/quantized_k<k>.ppm and prints the
 * compression ratio (the tutorial's formula), the distortion and the palette.
 *
 *   usage: color_quantization [image.ppm [output-dir]]
 *
 * Checks: the weighted inertia equals the distortion summed over every pixel
 * (the weights stand for repeated pixels), and the distortion decreases with k.
 */
#include <string.h>

#include "common.h"

#define MAX_PIXELS (1u << 20) /* images up to one megapixel */
#define N_K 4

static uint8_t image[MAX_PIXELS * 3], quantized[MAX_PIXELS * 3];
static uint32_t packed[MAX_PIXELS], sorted[MAX_PIXELS], tmp[MAX_PIXELS];
static float colours[MAX_PIXELS * 3], weights[MAX_PIXELS];
static int32_t labels[MAX_PIXELS];
static float palette[16 * 3];

static void die(const char *what, const char *path) {
    fprintf(stderr, "%s: %s\n", path, what);
    exit(1);
}

/* the next header number of a PPM, skipping whitespace and # comments */
static long ppm_number(FILE *f, const char *path) {
    long v = 0;
    int c = fgetc(f), digits = 0;
    while (c == '#' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        if (c == '#')
            while (c != '\n' && c != EOF) c = fgetc(f);
        c = fgetc(f);
    }
    while (c >= '0' && c <= '9' && v < 100000000L) {
        v = v * 10 + (c - '0');
        digits++;
        c = fgetc(f);
    }
    if (!digits) die("malformed PPM header", path);
    return v; /* the single whitespace after the number was consumed */
}

static size_t read_ppm(const char *path, size_t *width, size_t *height) {
    FILE *f = fopen(path, "rb");
    long w, h, maxval;
    if (f == NULL) die("cannot open", path);
    if (fgetc(f) != 'P' || fgetc(f) != '6') die("not a binary PPM (P6)", path);
    w = ppm_number(f, path);
    h = ppm_number(f, path);
    maxval = ppm_number(f, path);
    if (maxval != 255) die("only maxval 255 is supported", path);
    if (w <= 0 || h <= 0 || (unsigned long)w * (unsigned long)h > MAX_PIXELS) die("image too large (max 1 megapixel)", path);
    if (fread(image, 3, (size_t)(w * h), f) != (size_t)(w * h)) die("truncated pixel data", path);
    fclose(f);
    *width = (size_t)w;
    *height = (size_t)h;
    return (size_t)(w * h);
}

static void write_ppm(const char *path, const uint8_t *rgb, size_t width, size_t height) {
    FILE *f = fopen(path, "wb");
    if (f == NULL) die("cannot write", path);
    fprintf(f, "P6\n%lu %lu\n255\n", (unsigned long)width, (unsigned long)height);
    fwrite(rgb, 3, width * height, f);
    fclose(f);
}

/* the tutorial's synthetic image: four regions plus noise, clipped to 0..255 */
static void make_synthetic(size_t width, size_t height) {
    static const int base[4][3] = {{255, 100, 100}, {100, 255, 100}, {100, 100, 255}, {255, 255, 100}};
    rng r = {42};
    size_t i, j, c;
    for (i = 0; i < height; i++)
        for (j = 0; j < width; j++) {
            int region = (i < height / 2 ? 0 : 2) + (j < width / 2 ? 0 : 1);
            for (c = 0; c < 3; c++) {
                int v = base[region][c] + rng_int(&r, -30, 30);
                image[(i * width + j) * 3 + c] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
}

/* LSD radix sort of 24-bit colours: three passes of 8 bits */
static void radix_sort(uint32_t *a, uint32_t *scratch, size_t n) {
    unsigned shift;
    size_t i;
    for (shift = 0; shift < 24; shift += 8) {
        size_t count[257] = {0};
        for (i = 0; i < n; i++) count[((a[i] >> shift) & 0xff) + 1]++;
        for (i = 1; i < 257; i++) count[i] += count[i - 1];
        for (i = 0; i < n; i++) scratch[count[(a[i] >> shift) & 0xff]++] = a[i];
        memcpy(a, scratch, n * sizeof *a);
    }
}

/* index of colour v among the m sorted unique colours */
static size_t find_colour(const uint32_t *uniq, size_t m, uint32_t v) {
    size_t lo = 0, hi = m;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (uniq[mid] <= v) lo = mid; else hi = mid;
    }
    return lo;
}

int main(int argc, char **argv) {
    static const uint32_t KS[N_K] = {2, 4, 8, 16};
    const char *out_dir = argc > 2 ? argv[2] : "build";
    char path[1024];
    size_t width = 300, height = 200, n, m, i, c, bytes, ws_bytes = 0;
    double distortion[N_K], compression[N_K];
    int decreasing = 1, weights_match = 1;
    nanoclust_kmeans_params params;
    nanoclust_kmeans_result res;
    void *ws;
    int q;

    printf("============================================================\n");
    printf("IMAGE COLOUR QUANTIZATION (tutorial Project 2)\n");
    printf("============================================================\n");
    if (argc > 1) {
        snprintf(path, sizeof path, "%s", argv[1]);
    } else { /* the tutorial's synthetic image, written and read back as a PPM */
        make_synthetic(width, height);
        snprintf(path, sizeof path, "%s/synthetic.ppm", out_dir);
        write_ppm(path, image, width, height);
    }
    n = read_ppm(path, &width, &height);
    printf("Image: %s, %lu x %lu = %lu pixels\n", path, (unsigned long)width, (unsigned long)height, (unsigned long)n);

    /* colour histogram: unique colours (samples) and pixel counts (weights) */
    for (i = 0; i < n; i++)
        packed[i] = (uint32_t)image[3 * i] << 16 | (uint32_t)image[3 * i + 1] << 8 | image[3 * i + 2];
    memcpy(sorted, packed, n * sizeof *packed);
    radix_sort(sorted, tmp, n);
    for (i = 0, m = 0; i < n; i++) {
        if (m == 0 || sorted[i] != sorted[m - 1]) {
            sorted[m] = sorted[i];
            colours[3 * m] = (float)(sorted[i] >> 16);
            colours[3 * m + 1] = (float)((sorted[i] >> 8) & 0xff);
            colours[3 * m + 2] = (float)(sorted[i] & 0xff);
            weights[m] = 0.0f;
            m++;
        }
        weights[m - 1] += 1.0f;
    }
    printf("Unique colours: %lu (k-means runs on these, weighted by pixel count)\n", (unsigned long)m);
    if (m < 16) die("needs at least 16 distinct colours", path);

    for (q = 0; q < N_K; q++) {
        params = nanoclust_kmeans_params_default(KS[q]);
        CHECK(nanoclust_kmeans_workspace_size_f32(m, 3, &params, &bytes));
        ws_need(&ws_bytes, bytes);
    }
    ws = ws_alloc(ws_bytes);

    printf("\nQuantizing colours (k-means++, 3 restarts, seed 42)...\n");
    for (q = 0; q < N_K; q++) {
        uint32_t k = KS[q];
        double sse = 0.0, original_bits, quantized_bits;
        params = nanoclust_kmeans_params_default(k);
        params.n_init = 3;
        params.seed = 42;
        CHECK(nanoclust_kmeans_fit_f32(colours, m, 3, weights, &params, ws, ws_bytes, palette, labels, &res));
        /* every pixel takes its colour's palette entry */
        for (i = 0; i < n; i++) {
            const float *p = &palette[3 * labels[find_colour(sorted, m, packed[i])]];
            for (c = 0; c < 3; c++) {
                double e = (double)image[3 * i + c] - (double)p[c];
                long v = lround((double)p[c]);
                sse += e * e;
                quantized[3 * i + c] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
        original_bits = (double)n * 3.0 * 8.0;
        quantized_bits = (double)n * log2((double)k) + (double)k * 3.0 * 8.0;
        compression[q] = original_bits / quantized_bits;
        distortion[q] = res.inertia;
        if (fabs(sse - res.inertia) > 1e-4 * sse + 1e-2) weights_match = 0; /* float centers */
        if (q > 0 && !(distortion[q] < distortion[q - 1] || distortion[q - 1] == 0.0)) decreasing = 0;
        snprintf(path, sizeof path, "%s/quantized_k%u.ppm", out_dir, (unsigned)k);
        write_ppm(path, quantized, width, height);

        printf("\nK = %u colours -> %s\n", (unsigned)k, path);
        printf("  Compression ratio: %.1fx\n", compression[q]);
        printf("  Distortion (inertia): %.0f (per pixel %.1f; summed over the pixels: %.0f)\n", res.inertia,
               res.inertia / (double)n, sse);
        if (res.inertia > 0.0)
            printf("  PSNR: %.1f dB\n", 10.0 * log10(255.0 * 255.0 * 3.0 * (double)n / res.inertia));
        printf("  Palette:");
        for (c = 0; c < k; c++) {
            long r = lround(palette[3 * c]), g = lround(palette[3 * c + 1]), b = lround(palette[3 * c + 2]);
            printf("%s #%02lx%02lx%02lx", c % 8 == 0 && c ? "\n          " : "", r, g, b);
        }
        printf("\n");
    }

    printf("\nQUALITY VS COMPRESSION TRADEOFF\n----------------------------------------\n");
    for (q = 0; q < N_K; q++)
        printf("K=%2u: Compression=%5.1fx, Distortion=%12.0f\n", (unsigned)KS[q], compression[q], distortion[q]);

    printf("\nChecks:\n");
    expect(weights_match, "weighted inertia over unique colours == distortion summed over all pixels");
    expect(decreasing, "distortion decreases as k grows (2, 4, 8, 16)");
    free(ws);
    return expect_exit_code("color_quantization");
}
