/*
 * common.h: the few helpers every example shares (header-only, C99).
 *
 *   CHECK(call)       runs a nanoclust call; on failure prints the status by name and
 *                     message (nanoclust_status_message) with the failing call, and exits 1.
 *   ws_need / ws_alloc   the one workspace: every size query feeds ws_need, which keeps the
 *                     largest; ws_alloc mallocs that once. Nothing else in the examples allocates.
 *   EXPECT(cond, ...) an example's own check: prints PASS/FAIL and counts failures.
 *   rng_*             a small seeded generator (splitmix64) and the samplers the tutorial uses
 *                     (uniform, normal, exponential, lognormal, Poisson), so data made in C is
 *                     reproducible on every platform.
 */
#ifndef NANOCLUST_EXAMPLES_COMMON_H
#define NANOCLUST_EXAMPLES_COMMON_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "nanoclust.h"

static inline const char *status_name(nanoclust_status s) {
    switch (s) {
    case NANOCLUST_OK: return "NANOCLUST_OK";
    case NANOCLUST_ERR_NULL_POINTER: return "NANOCLUST_ERR_NULL_POINTER";
    case NANOCLUST_ERR_INVALID_SHAPE: return "NANOCLUST_ERR_INVALID_SHAPE";
    case NANOCLUST_ERR_INVALID_PARAMETER: return "NANOCLUST_ERR_INVALID_PARAMETER";
    case NANOCLUST_ERR_NON_FINITE: return "NANOCLUST_ERR_NON_FINITE";
    case NANOCLUST_ERR_WORKSPACE_TOO_SMALL: return "NANOCLUST_ERR_WORKSPACE_TOO_SMALL";
    case NANOCLUST_ERR_SIZE_OVERFLOW: return "NANOCLUST_ERR_SIZE_OVERFLOW";
    case NANOCLUST_ERR_NUMERICAL: return "NANOCLUST_ERR_NUMERICAL";
    default: return "unknown status";
    }
}

static inline void check_failed(nanoclust_status s, const char *call, const char *file, int line) {
    fprintf(stderr, "%s:%d: %s\n  -> %s (%d): %s\n", file, line, call, status_name(s), (int)s,
            nanoclust_status_message(s));
    exit(1);
}

/* Every nanoclust call in the examples goes through CHECK. */
#define CHECK(call)                                                                                \
    do {                                                                                           \
        nanoclust_status check_status_ = (call);                                                   \
        if (check_status_ != NANOCLUST_OK) check_failed(check_status_, #call, __FILE__, __LINE__); \
    } while (0)

/* The one workspace. */
static inline void ws_need(size_t *largest, size_t bytes) {
    if (bytes > *largest) *largest = bytes;
}
static inline void *ws_alloc(size_t bytes) {
    void *p = malloc(bytes > 0 ? bytes : 1);
    if (p == NULL) {
        fprintf(stderr, "out of memory: workspace of %lu bytes\n", (unsigned long)bytes);
        exit(1);
    }
    return p;
}

/* Checks of an example's own result. */
static int expect_failures = 0;
static inline void expect(int ok, const char *what) {
    printf("  [%s] %s\n", ok ? "PASS" : "FAIL", what);
    if (!ok) expect_failures++;
}
static inline int expect_exit_code(const char *example) {
    if (expect_failures) {
        printf("%s: %d check(s) FAILED\n", example, expect_failures);
        return 1;
    }
    printf("%s: all checks passed\n", example);
    return 0;
}

/* splitmix64 and the samplers. */
typedef struct rng { uint64_t s; } rng;
static inline uint64_t rng_u64(rng *r) {
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
/* uniform in [0, 1) with 53 random bits */
static inline double rng_uniform(rng *r) { return (double)(rng_u64(r) >> 11) * (1.0 / 9007199254740992.0); }
/* uniform integer in [lo, hi) */
static inline int rng_int(rng *r, int lo, int hi) { return lo + (int)(rng_uniform(r) * (double)(hi - lo)); }
static inline double rng_normal(rng *r) {
    const double two_pi = 6.283185307179586;
    double u1 = 1.0 - rng_uniform(r), u2 = rng_uniform(r); /* u1 in (0, 1] */
    return sqrt(-2.0 * log(u1)) * cos(two_pi * u2);
}
static inline double rng_exponential(rng *r, double scale) { return -scale * log(1.0 - rng_uniform(r)); }
static inline double rng_lognormal(rng *r, double mu, double sigma) { return exp(mu + sigma * rng_normal(r)); }
/* Knuth's method in chunks of lambda <= 30 so exp(-lambda) never underflows. */
static inline int rng_poisson(rng *r, double lambda) {
    int total = 0;
    while (lambda > 0.0) {
        double part = lambda > 30.0 ? 30.0 : lambda, limit = exp(-part), p = 1.0;
        int k = -1;
        do {
            k++;
            p *= rng_uniform(r);
        } while (p > limit);
        total += k;
        lambda -= part;
    }
    return total;
}

#endif
