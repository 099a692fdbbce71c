/*
 * customer_segmentation.c: the tutorial's Project 1 (RFM customer segmentation) in C.
 *
 * Reads data/customers.csv (or the CSV given as argv[1]; written once by
 * tools/gen_customers.py with the tutorial's distributions and four planted segments),
 * standardises recency, frequency, monetary and basket size, prints the elbow/silhouette
 * table for k = 2..10, fits k-means with the k of the best silhouette, prints the segment
 * profiles in original units (inverse-transformed centers), names the segments with the
 * tutorial's median rules and prints the marketing recommendations.
 *
 * Checks: silhouette chooses k = 4, so does the elbow of the inertia curve, the clustering recovers the planted segments
 * (ARI >= 0.90), and each planted segment lands in a cluster named after it.
 */
#include <string.h>

#include "common.h"

#define MAX_CUSTOMERS 2000
#define D 4
#define K_MIN 2
#define K_MAX 10
#define ARI_FLOOR 0.90

static const char *const FEATURES[D] = {"recency", "frequency", "monetary", "avg_basket_size"};
static const char *const PLANTED[4] = {"Champions", "At Risk", "New Customers", "Regular"};
static const char *const RECOMMENDATION[4] = {
    "VIP treatment, exclusive offers, loyalty rewards",
    "Win-back campaigns, special discounts, personal outreach",
    "Onboarding emails, first-purchase discounts, welcome series",
    "Cross-sell/up-sell, engagement programs, referral incentives",
};

static double x[MAX_CUSTOMERS * D];        /* original units */
static double xs[MAX_CUSTOMERS * D];       /* standardised */
static int32_t planted[MAX_CUSTOMERS];
static int32_t labels[MAX_CUSTOMERS];
static double centers[K_MAX * D];

static size_t read_customers(const char *path) {
    char line[256];
    size_t n = 0;
    int header_seen = 0;
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s (run from c-examples/ or pass the CSV path)\n", path);
        exit(1);
    }
    while (fgets(line, sizeof line, f) != NULL) {
        int id, seg;
        double r, fr, m, b;
        if (line[0] == '#' || line[0] == '\n') continue;
        if (!header_seen) { /* customer_id,recency,frequency,monetary,avg_basket_size,planted_segment */
            header_seen = 1;
            continue;
        }
        if (n == MAX_CUSTOMERS || sscanf(line, "%d,%lf,%lf,%lf,%lf,%d", &id, &r, &fr, &m, &b, &seg) != 6 ||
            seg < 0 || seg > 3) {
            fprintf(stderr, "%s: bad or too many rows at customer %lu\n", path, (unsigned long)n + 1);
            fclose(f);
            exit(1);
        }
        x[n * D + 0] = r;
        x[n * D + 1] = fr;
        x[n * D + 2] = m;
        x[n * D + 3] = b;
        planted[n] = seg;
        n++;
    }
    fclose(f);
    return n;
}

/* numpy's median of a few values (mean of the two middle ones for an even count) */
static double median(const double *v, size_t k) {
    double s[K_MAX];
    size_t i, j;
    for (i = 0; i < k; i++) {
        double t = v[i];
        for (j = i; j > 0 && s[j - 1] > t; j--) s[j] = s[j - 1];
        s[j] = t;
    }
    return k % 2 ? s[k / 2] : 0.5 * (s[k / 2 - 1] + s[k / 2]);
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "data/customers.csv";
    size_t n = read_customers(path), bytes, ws_bytes = 0, i, j;
    double mean[D], scale[D], silhouette[K_MAX + 1], inertia[K_MAX + 1], ari, nmi;
    double med_r, med_f, med_m, rec[K_MAX], fre[K_MAX], mon[K_MAX];
    size_t count[K_MAX];
    int name_of[K_MAX]; /* index into PLANTED/RECOMMENDATION */
    nanoclust_kmeans_params params;
    nanoclust_kmeans_result res;
    uint32_t k, best_k = K_MIN;
    nanoclust_kmeans_sweep_result sweep;
    void *ws;

    printf("============================================================\n");
    printf("CUSTOMER SEGMENTATION (tutorial Project 1)\n");
    printf("============================================================\n");
    printf("Total customers: %lu (from %s)\n", (unsigned long)n, path);
    printf("Features used for clustering:");
    for (j = 0; j < D; j++) printf(" %s", FEATURES[j]);
    printf("\n");

    /* Scale: StandardScaler. */
    CHECK(nanoclust_standard_scaler_fit_f64(x, n, D, mean, scale));
    CHECK(nanoclust_standard_scaler_transform_f64(x, n, D, mean, scale, xs));

    /* One workspace, sized by the largest query. */
    params = nanoclust_kmeans_params_default(K_MAX);
    params.n_init = 10;
    params.seed = 42;
    CHECK(nanoclust_kmeans_sweep_workspace_size_f64(n, D, K_MIN, K_MAX, &params, &bytes));
    ws_need(&ws_bytes, bytes);
    CHECK(nanoclust_contingency_workspace_size(n, &bytes));
    ws_need(&ws_bytes, bytes);
    ws = ws_alloc(ws_bytes);
    printf("Workspace: %lu bytes, allocated once\n", (unsigned long)ws_bytes);

    printf("\n1. FINDING THE NUMBER OF SEGMENTS (elbow and silhouette)\n");
    printf("----------------------------------------\n");
    printf("   k   inertia   silhouette\n");
    /* k-means for every k with its inertia and silhouette, in one call (same params and seed as a single fit). */
    CHECK(nanoclust_kmeans_sweep_f64(xs, n, D, NULL, K_MIN, K_MAX, &params, ws, ws_bytes, &inertia[K_MIN],
                                     &silhouette[K_MIN], &sweep));
    best_k = sweep.best_silhouette_k;
    for (k = K_MIN; k <= K_MAX; k++) {
        int bar = (int)(inertia[k] / inertia[K_MIN] * 30.0 + 0.5);
        printf("  %2u  %8.1f   %8.3f   %.*s\n", (unsigned)k, inertia[k], silhouette[k], bar,
               "##############################");
    }
    printf("Elbow of the inertia curve: k = %u\n", (unsigned)sweep.elbow_k);
    printf("Chosen k (best silhouette): %u\n", (unsigned)best_k);

    printf("\n2. CLUSTERING CUSTOMERS\n");
    printf("----------------------------------------\n");
    params = nanoclust_kmeans_params_default(best_k);
    params.n_init = 10;
    params.seed = 42;
    CHECK(nanoclust_kmeans_fit_f64(xs, n, D, NULL, &params, ws, ws_bytes, centers, labels, &res));
    printf("k-means: inertia %.1f after %u iterations (converged: %s)\n", res.inertia, (unsigned)res.n_iter,
           res.converged ? "yes" : "no");

    printf("\n3. SEGMENT PROFILES (cluster centers in original units)\n");
    printf("----------------------------------------\n");
    CHECK(nanoclust_standard_scaler_inverse_transform_f64(centers, best_k, D, mean, scale, centers));
    for (k = 0; k < best_k; k++) count[k] = 0;
    for (i = 0; i < n; i++) count[labels[i]]++;
    printf("  segment  count  recency(d)  frequency  monetary($)  basket\n");
    for (k = 0; k < best_k; k++) {
        const double *c = &centers[k * D];
        rec[k] = c[0];
        fre[k] = c[1];
        mon[k] = c[2];
        printf("  %7u  %5lu  %10.1f  %9.2f  %11.2f  %6.2f\n", (unsigned)k, (unsigned long)count[k], c[0], c[1],
               c[2], c[3]);
    }

    /* The tutorial's naming rules, against the medians over the segments. */
    med_r = median(rec, best_k);
    med_f = median(fre, best_k);
    med_m = median(mon, best_k);
    printf("\n4. SEGMENT NAMES (medians: recency %.1f, frequency %.2f, monetary %.2f)\n", med_r, med_f, med_m);
    printf("----------------------------------------\n");
    for (k = 0; k < best_k; k++) {
        if (mon[k] > med_m && fre[k] > med_f)
            name_of[k] = 0; /* Champions: high monetary, high frequency */
        else if (rec[k] > med_r && mon[k] > med_m)
            name_of[k] = 1; /* At Risk: inactive for long, high monetary */
        else if (fre[k] < med_f && rec[k] < med_r)
            name_of[k] = 2; /* New Customers: low frequency, recent */
        else
            name_of[k] = 3; /* Regular */
        printf("Segment %u: %-14s (%lu customers, %.1f%%)\n", (unsigned)k, PLANTED[name_of[k]],
               (unsigned long)count[k], 100.0 * (double)count[k] / (double)n);
    }

    printf("\n5. MARKETING RECOMMENDATIONS\n");
    printf("----------------------------------------\n");
    for (j = 0; j < 4; j++) {
        for (k = 0; k < best_k && name_of[k] != (int)j; k++) {
        }
        if (k < best_k) printf("%s:\n  -> %s\n", PLANTED[j], RECOMMENDATION[j]);
    }

    printf("\n6. CHECKS against the planted segments\n");
    printf("----------------------------------------\n");
    CHECK(nanoclust_adjusted_rand_index(planted, labels, n, ws, ws_bytes, &ari));
    CHECK(nanoclust_normalized_mutual_info(planted, labels, n, ws, ws_bytes, &nmi));
    printf("ARI %.3f, NMI %.3f\n", ari, nmi);
    expect(best_k == 4, "silhouette chooses the 4 planted segments");
    expect(sweep.elbow_k == 4, "the elbow of the inertia curve agrees (k = 4)");
    expect(ari >= ARI_FLOOR, "ARI vs planted segments >= 0.90");
    {
        /* the cluster holding most of planted segment p carries p's name */
        int all_named = 1;
        size_t p;
        for (p = 0; p < 4; p++) {
            size_t votes[K_MAX] = {0}, top = 0;
            for (i = 0; i < n; i++)
                if ((size_t)planted[i] == p) votes[labels[i]]++;
            for (k = 1; k < best_k; k++)
                if (votes[k] > votes[top]) top = k;
            printf("planted %-14s -> segment %lu named %s\n", PLANTED[p], (unsigned long)top, PLANTED[name_of[top]]);
            if (name_of[top] != (int)p) all_named = 0;
        }
        expect(all_named, "each planted segment is named after itself by the tutorial's rules");
    }
    free(ws);
    return expect_exit_code("customer_segmentation");
}
