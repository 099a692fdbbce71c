/*
 * dendrogram.c: hierarchical clustering of the tutorial's small data set, drawn.
 *
 * The tutorial's 15 points (three groups of five around (0,0), (5,5) and (0,5)),
 * with a noise of 0.8 instead of 2 so the three groups do not overlap and the
 * expected partition is simply the planted groups. Ward linkage
 * (nanoclust_linkage_f64), the merge table, an ASCII dendrogram drawn from the
 * merges and the leaf order (nanoclust_dendrogram_leaves), flat clusters cut by
 * count (nanoclust_cut_tree_n_clusters) and by distance (nanoclust_cut_tree_distance),
 * and the dendrogram as an SVG file (build/dendrogram.svg, or argv[1]).
 *
 * Checks: both cuts equal the planted groups, and the leaf order keeps every group
 * contiguous.
 */
#include <string.h>

#include "common.h"

#define N 15
#define D 2
#define N_GROUPS 3
#define THRESHOLD 5.0 /* between the 3-cluster and the 2-cluster merge heights */
#define WIDTH 56      /* columns of the ASCII drawing */

/* np.random.seed(42); np.random.randn(15, 2) * 0.8 + [[0, 0], [5, 5], [0, 5]].repeat(5, axis=0) */
static const double X[N * D] = {
    0.3974,  -0.1106, 0.5182,  1.2184, -0.1873, -0.1873, 1.2634,  0.6139, -0.3756, 0.4340,
    4.6293,  4.6274,  5.1936,  3.4694, 3.6201,  4.5502,  4.1897,  5.2514, 4.2736,  3.8702,
    1.1725,  4.8194,  0.0540,  3.8602, -0.4355, 5.0887,  -0.9208, 5.3006, -0.4805, 4.7666,
};
static const int32_t PLANTED[N] = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2};

static nanoclust_merge merges[N - 1];
static uint32_t order[N];
static int32_t by_count[N], by_distance[N];
static char grid[2 * N - 1][WIDTH + 1];
static int node_row[2 * N - 1], node_col[2 * N - 1];
static double node_x[2 * N - 1], node_y[2 * N - 1];
static int node_cluster[2 * N - 1];

/* same partition up to renaming the clusters */
static int same_partition(const int32_t *a, const int32_t *b, size_t n) {
    size_t i, j;
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            if ((a[i] == a[j]) != (b[i] == b[j])) return 0;
    return 1;
}

static void hline(int row, int from, int to) {
    int c;
    for (c = from; c <= to; c++)
        if (grid[row][c] == ' ') grid[row][c] = '-';
}

static void write_svg(const char *path, double top) {
    static const char *const colour[N_GROUPS] = {"#d62728", "#1f77b4", "#2ca02c"};
    const double left = 50, bottom = 330, plot_w = 520, plot_h = 290;
    size_t s, p;
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"380\" font-family=\"sans-serif\" "
               "font-size=\"11\">\n<rect width=\"600\" height=\"380\" fill=\"white\"/>\n");
    fprintf(f, "<text x=\"300\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">Ward dendrogram (nanoclust)</text>\n");
    for (p = 0; p < N; p++) { /* leaves */
        node_x[order[p]] = left + (p + 0.5) * plot_w / N;
        node_y[order[p]] = bottom;
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%u</text>\n", node_x[order[p]], bottom + 15,
                (unsigned)order[p]);
    }
    for (s = 0; s < N - 1; s++) {
        const nanoclust_merge *m = &merges[s];
        size_t id = N + s;
        const char *c = node_cluster[id] >= 0 ? colour[node_cluster[id]] : "#555555";
        node_x[id] = 0.5 * (node_x[m->left] + node_x[m->right]);
        node_y[id] = bottom - m->distance / top * plot_h;
        fprintf(f, "<path d=\"M%.1f %.1f V%.1f H%.1f V%.1f\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n",
                node_x[m->left], node_y[m->left], node_y[id], node_x[m->right], node_y[m->right], c);
    }
    fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"black\" stroke-dasharray=\"5,4\"/>\n",
            left, left + plot_w, bottom - THRESHOLD / top * plot_h, bottom - THRESHOLD / top * plot_h);
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">cut at %.1f</text>\n", left + plot_w - 60,
            bottom - THRESHOLD / top * plot_h - 4, THRESHOLD);
    fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n", left - 10, left - 10,
            bottom, bottom - plot_h);
    for (s = 0; s <= 4; s++) {
        double v = top * (double)s / 4.0, y = bottom - v / top * plot_h;
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>\n", left - 14, y + 4, v);
    }
    fprintf(f, "</svg>\n");
    fclose(f);
}

int main(int argc, char **argv) {
    const char *svg_path = argc > 1 ? argv[1] : "build/dendrogram.svg";
    size_t bytes, ws_bytes = 0, s, p, n_by_distance;
    int r, c;
    double top;
    void *ws;

    printf("============================================================\n");
    printf("HIERARCHICAL CLUSTERING: a dendrogram of %d points\n", N);
    printf("============================================================\n");
    CHECK(nanoclust_linkage_workspace_size_f64(N, D, NANOCLUST_LINKAGE_WARD, NANOCLUST_METRIC_EUCLIDEAN, &bytes));
    ws_need(&ws_bytes, bytes);
    CHECK(nanoclust_cut_tree_workspace_size(N, &bytes));
    ws_need(&ws_bytes, bytes);
    ws = ws_alloc(ws_bytes);

    CHECK(nanoclust_linkage_f64(X, N, D, NANOCLUST_LINKAGE_WARD, NANOCLUST_METRIC_EUCLIDEAN, ws, ws_bytes, merges));
    printf("Merges (ids >= %d are clusters made at step id - %d):\n  step  left  right  distance  size\n", N, N);
    for (s = 0; s < N - 1; s++)
        printf("  %4lu  %4u  %5u  %8.3f  %4u\n", (unsigned long)s, (unsigned)merges[s].left,
               (unsigned)merges[s].right, merges[s].distance, (unsigned)merges[s].size);

    CHECK(nanoclust_dendrogram_leaves(merges, N, ws, ws_bytes, order));
    CHECK(nanoclust_cut_tree_n_clusters(merges, N, N_GROUPS, ws, ws_bytes, by_count));
    CHECK(nanoclust_cut_tree_distance(merges, N, THRESHOLD, ws, ws_bytes, by_distance, &n_by_distance));

    /* ASCII dendrogram: leaves top to bottom in leaf order, height grows to the right. */
    top = merges[N - 2].distance;
    memset(grid, ' ', sizeof grid);
    for (p = 0; p < N; p++) {
        node_row[order[p]] = (int)(2 * p);
        node_col[order[p]] = 0;
    }
    for (s = 0; s < N - 1; s++) {
        const nanoclust_merge *m = &merges[s];
        size_t id = N + s;
        int r0 = node_row[m->left], r1 = node_row[m->right], lo = r0 < r1 ? r0 : r1, hi = r0 < r1 ? r1 : r0;
        node_col[id] = (int)(m->distance / top * (WIDTH - 2) + 0.5) + 1;
        node_row[id] = (lo + hi) / 2;
        hline(r0, node_col[m->left], node_col[id] - 1);
        hline(r1, node_col[m->right], node_col[id] - 1);
        for (r = lo; r <= hi; r++) grid[r][node_col[id]] = (r == lo || r == hi) ? '+' : '|';
    }
    hline(node_row[2 * N - 2], node_col[2 * N - 2] + 1, WIDTH - 1);
    c = (int)(THRESHOLD / top * (WIDTH - 2) + 0.5) + 1; /* the distance cut, as a column of ':' */
    printf("\nDendrogram (Ward; ':' marks the cut at distance %.1f):\n\n", THRESHOLD);
    for (r = 0; r < 2 * N - 1; r++) {
        if (grid[r][c] == ' ') grid[r][c] = ':';
        grid[r][WIDTH] = '\0';
        if (r % 2 == 0)
            printf("  x%-2u (group %d) %s\n", (unsigned)order[r / 2], (int)PLANTED[order[r / 2]], grid[r]);
        else
            printf("                %s\n", grid[r]);
    }
    printf("                0%*s%.2f\n", WIDTH - 5, "", top);

    printf("\nLeaf order:");
    for (p = 0; p < N; p++) printf(" %u", (unsigned)order[p]);
    printf("\nCut into %d clusters:        ", N_GROUPS);
    for (p = 0; p < N; p++) printf(" %d", (int)by_count[p]);
    printf("\nCut at distance %.1f (%lu clusters):", THRESHOLD, (unsigned long)n_by_distance);
    for (p = 0; p < N; p++) printf(" %d", (int)by_distance[p]);
    printf("\nPlanted groups:               ");
    for (p = 0; p < N; p++) printf(" %d", (int)PLANTED[p]);
    printf("\n");

    /* colour of each node in the SVG: its flat cluster if it lies below the cut */
    for (p = 0; p < N; p++) node_cluster[p] = PLANTED[p];
    for (s = 0; s < N - 1; s++) {
        int a = node_cluster[merges[s].left], b = node_cluster[merges[s].right];
        node_cluster[N + s] = (a == b && merges[s].distance <= THRESHOLD) ? a : -1;
    }
    write_svg(svg_path, top);
    printf("SVG written to %s\n\nChecks:\n", svg_path);

    expect(same_partition(by_count, PLANTED, N), "cut into 3 clusters equals the planted groups");
    expect(n_by_distance == N_GROUPS && same_partition(by_distance, PLANTED, N),
           "cut at distance 5.0 gives 3 clusters equal to the planted groups");
    {
        int contiguous = 1;
        for (p = 1; p + 1 < N; p++) /* a group may not reappear after it ended */
            if (PLANTED[order[p - 1]] != PLANTED[order[p]]) {
                size_t q;
                for (q = p + 1; q < N; q++)
                    if (PLANTED[order[q]] == PLANTED[order[p - 1]]) contiguous = 0;
            }
        expect(contiguous, "the leaf order keeps each group contiguous");
    }
    free(ws);
    return expect_exit_code("dendrogram");
}
