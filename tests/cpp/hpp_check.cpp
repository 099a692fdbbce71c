// Every family of include/nanoclust.hpp against the C API on the same data:
// each C++ call is repeated through nanoclust.h directly and the results must
// be identical (same functions, same inputs: bit-for-bit). Then the error
// paths: exceptions (nanoclust::error) or, compiled with -fno-exceptions,
// status-carrying nanoclust::result values. tests/cpp_header.rs builds it as
// C++17 and C++20, with and without exceptions, and runs it.
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "nanoclust.hpp"

namespace nc = nanoclust;

static int checks = 0;
static int failures = 0;

static void check(bool ok, const char *what) {
    ++checks;
    if (!ok) {
        ++failures;
        std::printf("FAILED: %s\n", what);
    }
}

#ifdef NANOCLUST_NO_EXCEPTIONS
template <class T>
static T take(nc::result<T> r, const char *what) {
    check(r.ok(), what);
    if (!r.ok()) std::printf("  %s\n", r.message());
    return std::move(r).value();
}
static void take_void(nc::result<void> r, const char *what) { check(r.ok(), what); }
#define TAKE(expr) take((expr), #expr)
#define TAKE_VOID(expr) take_void((expr), #expr)
// The status of a call expected to fail.
#define STATUS_OF(expr) ((expr).code())
#else
#define TAKE(expr) (expr)
#define TAKE_VOID(expr) (expr)
template <class F>
static nc::status status_of(F f) {
    try {
        f();
    } catch (const nc::error &e) {
        return e.code();
    }
    return NANOCLUST_OK;
}
#define STATUS_OF(expr) status_of([&] { (void)(expr); })
#endif

// A C workspace of the queried size.
struct cws {
    std::vector<unsigned char> buf;
    explicit cws(std::size_t bytes) : buf(bytes) {}
    void *data() { return buf.empty() ? nullptr : buf.data(); }
};

// A C++ k-means model equals the C function's result on the same input.
template <class T, class Size, class Fit>
static bool same_as_c(const nc::kmeans_model<T> &m, const std::vector<T> &x, const typename std::vector<T>::value_type *w,
                      const nanoclust_kmeans_params &p, std::size_t d, Size size, Fit fit) {
    const std::size_t n = x.size() / d;
    std::vector<T> centers(p.n_clusters * d);
    std::vector<std::int32_t> labels(n);
    nanoclust_kmeans_result res;
    std::size_t bytes = 0;
    size(n, d, &p, &bytes);
    cws ws(bytes);
    return fit(x.data(), n, d, w, &p, ws.data(), bytes, centers.data(), labels.data(), &res) == NANOCLUST_OK &&
           m.centers == centers && m.labels == labels && m.inertia == res.inertia && m.n_iter == res.n_iter &&
           m.converged == (res.converged != 0);
}

static std::uint64_t lcg_state = 42;
static double uniform() {
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(lcg_state >> 11) / 9007199254740992.0;
}

int main() {
    // Three blobs of 20 points in 2-D and two far outliers.
    const double blob[3][2] = {{0.0, 0.0}, {5.0, 5.0}, {0.0, 6.0}};
    std::vector<double> x;
    std::vector<std::int32_t> truth;
    for (int c = 0; c < 3; ++c)
        for (int i = 0; i < 20; ++i) {
            x.push_back(blob[c][0] + 2.0 * uniform() - 1.0);
            x.push_back(blob[c][1] + 2.0 * uniform() - 1.0);
            truth.push_back(c);
        }
    x.insert(x.end(), {20.0, 20.0, -10.0, 15.0});
    truth.insert(truth.end(), {3, 4});
    const std::size_t n = truth.size(), d = 2;
    std::vector<float> xf(x.begin(), x.end());
    std::vector<double> w(n);
    for (std::size_t i = 0; i < n; ++i) w[i] = 0.5 + uniform();
    nc::matrix_view<double> X(x, d);
    nc::matrix_view<float> Xf(xf, d);
    check(X.rows() == n && Xf.rows() == n, "matrix_view from a vector");
    std::size_t bytes = 0;

    // k-means: fit (f64, f32, weighted, provided start), predict, partial_fit.
    nc::kmeans_params kp = nc::kmeans_defaults(3);
    kp.n_init = 3;
    kp.seed = 7;
    nc::kmeans_model<double> km = TAKE(nc::kmeans_fit(X, kp));
    check(same_as_c(km, x, nullptr, kp, d, &nanoclust_kmeans_workspace_size_f64, &nanoclust_kmeans_fit_f64) &&
              km.k == 3 && km.d == d,
          "kmeans_fit<double> == nanoclust_kmeans_fit_f64");
    check(same_as_c(TAKE(nc::kmeans_fit(Xf, kp)), xf, nullptr, kp, d, &nanoclust_kmeans_workspace_size_f32,
                    &nanoclust_kmeans_fit_f32),
          "kmeans_fit<float> == nanoclust_kmeans_fit_f32");
    check(same_as_c(TAKE(nc::kmeans_fit(X, kp, w)), x, w.data(), kp, d, &nanoclust_kmeans_workspace_size_f64,
                    &nanoclust_kmeans_fit_f64),
          "weighted kmeans_fit == C");
    {
        nc::kmeans_model<double> blobs = TAKE(nc::kmeans_fit(nc::matrix_view<double>(x.data(), 60, d), kp));
        check(TAKE(nc::adjusted_rand_index(blobs.labels, std::vector<std::int32_t>(truth.begin(), truth.begin() + 60))) ==
                  1.0,
              "k-means finds the three blobs");
    }
    const std::vector<double> start = {0.5, 0.5, 4.0, 4.0, 1.0, 5.0};
    {
        nc::kmeans_params pp = kp;
        pp.init = NANOCLUST_INIT_PROVIDED;
        nc::kmeans_model<double> kpv = TAKE(nc::kmeans_fit(X, pp, {}, start));
        std::vector<double> centers = start;
        std::vector<std::int32_t> labels(n);
        nanoclust_kmeans_result res;
        nanoclust_kmeans_workspace_size_f64(n, d, &pp, &bytes);
        cws ws(bytes);
        nanoclust_kmeans_fit_f64(x.data(), n, d, nullptr, &pp, ws.data(), bytes, centers.data(), labels.data(),
                                 &res);
        check(kpv.centers == centers && kpv.labels == labels, "kmeans_fit with provided centers == C");
    }
    {
        nc::kmeans_prediction<double> pr = TAKE(nc::kmeans_predict(km.centers_view(), X));
        std::vector<std::int32_t> labels(n);
        std::vector<double> sq(n);
        nanoclust_kmeans_predict_f64(km.centers.data(), 3, d, x.data(), n, labels.data(), sq.data());
        check(pr.labels == labels && pr.sq_distances == sq && pr.labels == km.labels, "kmeans_predict == C");
    }
    {
        nc::kmeans_minibatch<double> mb(nc::matrix_view<double>(start.data(), 3, d));
        std::vector<double> centers = start, counts(3, 0.0);
        nanoclust_kmeans_partial_fit_workspace_size_f64(d, 3, &bytes);
        cws ws(bytes);
        nc::workspace reuse;
        for (std::size_t b = 0; b + 10 <= n; b += 10) {
            TAKE_VOID(nc::kmeans_partial_fit(mb, nc::matrix_view<double>(x.data() + b * d, 10, d), {}, reuse));
            nanoclust_kmeans_partial_fit_with_workspace_f64(x.data() + b * d, 10, d, nullptr, centers.data(),
                                                            counts.data(), 3, ws.data(), bytes);
        }
        check(mb.centers == centers && mb.counts == counts && reuse.size() == bytes,
              "kmeans_partial_fit == C, in a reused workspace");
    }

    // DBSCAN: fit, predict, core distances.
    nc::dbscan_params dp = nc::dbscan_defaults();
    dp.eps = 1.0;
    dp.min_samples = 4;
    nc::dbscan_clustering db = TAKE(nc::dbscan_fit(X, dp));
    {
        std::vector<std::int32_t> labels(n);
        std::vector<std::uint8_t> core(n);
        nanoclust_dbscan_result res;
        nanoclust_dbscan_workspace_size_f64(n, d, &dp, &bytes);
        cws ws(bytes);
        nanoclust_dbscan_fit_f64(x.data(), n, d, nullptr, &dp, ws.data(), bytes, labels.data(), core.data(), &res);
        check(db.labels == labels && db.is_core == core && db.n_clusters == res.n_clusters &&
                  db.n_noise == res.n_noise && db.n_core == res.n_core,
              "dbscan_fit == C");
        check(db.labels[n - 1] == -1 && db.labels[n - 2] == -1 && db.n_noise >= 2, "DBSCAN: outliers are noise");
        nc::dbscan_clustering dbf = TAKE(nc::dbscan_fit(Xf, dp, std::vector<float>(n, 1.0f)));
        check(dbf.labels == labels, "dbscan_fit<float> with unit weights == f64 labels");
    }
    {
        const std::vector<double> fresh = {0.1, 0.2, 5.2, 4.9, 30.0, 30.0};
        std::vector<std::int32_t> pr = TAKE(nc::dbscan_predict(X, db.labels, db.is_core, dp, nc::matrix_view<double>(fresh, d)));
        std::vector<std::int32_t> labels(3);
        nanoclust_dbscan_predict_workspace_size_f64(n, d, 3, &dp, &bytes);
        cws ws(bytes);
        nanoclust_dbscan_predict_f64(x.data(), n, d, db.labels.data(), db.is_core.data(), &dp, fresh.data(), 3,
                                     ws.data(), bytes, labels.data());
        check(pr == labels && pr[2] == -1, "dbscan_predict == C");
    }
    {
        std::vector<double> cd = TAKE(nc::core_distances(X, 4));
        std::vector<double> out(n);
        nanoclust_core_distances_workspace_size_f64(n, d, 4, NANOCLUST_METRIC_EUCLIDEAN, &bytes);
        cws ws(bytes);
        nanoclust_core_distances_f64(x.data(), n, d, 4, NANOCLUST_METRIC_EUCLIDEAN, ws.data(), bytes, out.data());
        check(cd == out, "core_distances == C");
    }

    // Agglomerative: linkage, condensed linkage, both cuts, leaves.
    nc::dendrogram tree = TAKE(nc::linkage(X, NANOCLUST_LINKAGE_WARD));
    {
        std::vector<nanoclust_merge> merges(n - 1);
        nanoclust_linkage_workspace_size_f64(n, d, NANOCLUST_LINKAGE_WARD, NANOCLUST_METRIC_EUCLIDEAN, &bytes);
        cws ws(bytes);
        nanoclust_linkage_f64(x.data(), n, d, NANOCLUST_LINKAGE_WARD, NANOCLUST_METRIC_EUCLIDEAN, ws.data(), bytes,
                              merges.data());
        bool same = tree.n == n && tree.merges.size() == n - 1;
        for (std::size_t i = 0; same && i + 1 < n; ++i)
            same = tree.merges[i].left == merges[i].left && tree.merges[i].right == merges[i].right &&
                   tree.merges[i].distance == merges[i].distance && tree.merges[i].size == merges[i].size;
        check(same, "linkage == C");
    }
    {
        std::vector<double> condensed;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < n; ++j) {
                double a = x[i * d] - x[j * d], b = x[i * d + 1] - x[j * d + 1];
                condensed.push_back(a * a + b * b);
            }
        nc::dendrogram avg = TAKE(nc::linkage_condensed(condensed, n, NANOCLUST_LINKAGE_AVERAGE));
        std::vector<nanoclust_merge> merges(n - 1);
        nanoclust_linkage_condensed_workspace_size_f64(n, NANOCLUST_LINKAGE_AVERAGE, &bytes);
        cws ws(bytes);
        nanoclust_linkage_condensed_f64(condensed.data(), n, NANOCLUST_LINKAGE_AVERAGE, ws.data(), bytes,
                                        merges.data());
        bool same = avg.merges.size() == n - 1;
        for (std::size_t i = 0; same && i + 1 < n; ++i)
            same = avg.merges[i].left == merges[i].left && avg.merges[i].distance == merges[i].distance;
        check(same, "linkage_condensed == C");
        std::vector<float> condensed_f(condensed.begin(), condensed.end());
        nc::dendrogram avg_f = TAKE(nc::linkage_condensed(condensed_f, n, NANOCLUST_LINKAGE_AVERAGE));
        check(avg_f.merges.size() == n - 1, "linkage_condensed over floats");
    }
    {
        nanoclust_cut_tree_workspace_size(n, &bytes);
        cws ws(bytes);
        std::vector<std::int32_t> cut = TAKE(nc::cut_tree_n_clusters(tree, 3));
        std::vector<std::int32_t> labels(n);
        nanoclust_cut_tree_n_clusters(tree.merges.data(), n, 3, ws.data(), bytes, labels.data());
        check(cut == labels, "cut_tree_n_clusters == C");
        nc::distance_cut dc = TAKE(nc::cut_tree_distance(tree, 10.0));
        std::size_t k = 0;
        nanoclust_cut_tree_distance(tree.merges.data(), n, 10.0, ws.data(), bytes, labels.data(), &k);
        check(dc.labels == labels && dc.n_clusters == k, "cut_tree_distance == C");
        std::vector<std::uint32_t> leaves = TAKE(nc::dendrogram_leaves(tree));
        std::vector<std::uint32_t> order(n);
        nanoclust_dendrogram_leaves(tree.merges.data(), n, ws.data(), bytes, order.data());
        check(leaves == order, "dendrogram_leaves == C");
    }

    // Gaussian mixtures: fit (plain, weighted, provided start), predict, BIC.
    nc::gmm_params gp = nc::gmm_defaults(3);
    gp.seed = 3;
    nc::gmm_model<double> gm = TAKE(nc::gmm_fit(nc::matrix_view<double>(x.data(), 60, d), gp));
    {
        std::vector<double> weights(3), means(3 * d), covs(3 * d * d);
        nanoclust_gmm_result res;
        nanoclust_gmm_workspace_size_f64(60, d, &gp, &bytes);
        cws ws(bytes);
        nanoclust_gmm_fit_f64(x.data(), 60, d, &gp, ws.data(), bytes, weights.data(), means.data(), covs.data(),
                              &res);
        check(gm.weights == weights && gm.means == means && gm.covariances == covs &&
                  gm.lower_bound == res.lower_bound && gm.n_iter == res.n_iter,
              "gmm_fit == C");
        nc::gmm_model<double> gw = TAKE(nc::gmm_fit(nc::matrix_view<double>(x.data(), 60, d), gp,
                                                    std::vector<double>(w.begin(), w.begin() + 60)));
        nanoclust_gmm_fit_weighted_f64(x.data(), 60, d, w.data(), &gp, ws.data(), bytes, weights.data(),
                                       means.data(), covs.data(), &res);
        check(gw.means == means && gw.covariances == covs && gw.lower_bound == res.lower_bound,
              "weighted gmm_fit == C");
        nc::gmm_params pp = gp;
        pp.init = NANOCLUST_GMM_INIT_PROVIDED;
        nc::gmm_model<double> gs = TAKE(nc::gmm_fit(nc::matrix_view<double>(x.data(), 60, d), pp, {}, &gm));
        weights = gm.weights;
        means = gm.means;
        covs = gm.covariances;
        nanoclust_gmm_fit_f64(x.data(), 60, d, &pp, ws.data(), bytes, weights.data(), means.data(), covs.data(),
                              &res);
        check(gs.means == means && gs.covariances == covs, "gmm_fit from a provided start == C");
    }
    {
        nc::gmm_prediction<double> gpr = TAKE(nc::gmm_predict(gm, X));
        std::vector<std::int32_t> labels(n);
        std::vector<double> proba(n * 3), ll(n);
        nanoclust_gmm_predict_workspace_size_f64(3, d, NANOCLUST_COVARIANCE_FULL, &bytes);
        cws ws(bytes);
        nanoclust_gmm_predict_f64(gm.weights.data(), gm.means.data(), gm.covariances.data(), 3, d,
                                  NANOCLUST_COVARIANCE_FULL, x.data(), n, ws.data(), bytes, labels.data(),
                                  proba.data(), ll.data());
        check(gpr.labels == labels && gpr.proba == proba && gpr.log_likelihood == ll, "gmm_predict == C");
        double bic = TAKE(nc::gmm_bic(gm, X));
        double cbic = 0.0;
        nanoclust_gmm_bic_f64(gm.weights.data(), gm.means.data(), gm.covariances.data(), 3, d,
                              NANOCLUST_COVARIANCE_FULL, x.data(), n, ws.data(), bytes, &cbic);
        check(bic == cbic, "gmm_bic == C");
        nc::gmm_params gpf = gp;
        gpf.covariance_type = NANOCLUST_COVARIANCE_DIAG;
        nc::gmm_model<float> gmf = TAKE(nc::gmm_fit(nc::matrix_view<float>(xf.data(), 60, d), gpf));
        check(gmf.covariances.size() == 3 * d && TAKE(nc::gmm_predict(gmf, Xf)).labels.size() == n,
              "gmm<float>, diagonal covariances");
    }

    // Standard scaler.
    {
        nc::scaler<double> sc = TAKE(nc::standard_scaler_fit(X));
        std::vector<double> mean(d), scale(d);
        nanoclust_standard_scaler_fit_f64(x.data(), n, d, mean.data(), scale.data());
        check(sc.mean == mean && sc.scale == scale, "standard_scaler_fit == C");
        std::vector<double> t = TAKE(nc::standard_scaler_transform(sc, X));
        std::vector<double> ct(n * d);
        nanoclust_standard_scaler_transform_f64(x.data(), n, d, mean.data(), scale.data(), ct.data());
        check(t == ct, "standard_scaler_transform == C");
        std::vector<double> back = TAKE(nc::standard_scaler_inverse_transform(sc, nc::matrix_view<double>(t, d)));
        std::vector<double> cback(n * d);
        nanoclust_standard_scaler_inverse_transform_f64(ct.data(), n, d, mean.data(), scale.data(), cback.data());
        check(back == cback, "standard_scaler_inverse_transform == C");
    }

    // Metrics.
    {
        double in = TAKE(nc::inertia(X, km.centers_view(), km.labels));
        double cin = 0.0;
        nanoclust_inertia_f64(x.data(), n, d, km.centers.data(), 3, km.labels.data(), &cin);
        check(in == cin, "inertia == C");
        nanoclust_silhouette_workspace_size(n, 3, &bytes);
        cws ws(bytes);
        double sil = TAKE(nc::silhouette_score(X, km.labels, 3, NANOCLUST_METRIC_MANHATTAN));
        double csil = 0.0;
        nanoclust_silhouette_score_f64(x.data(), n, d, km.labels.data(), 3, NANOCLUST_METRIC_MANHATTAN, ws.data(),
                                       bytes, &csil);
        check(sil == csil, "silhouette_score == C");
        std::vector<float> ss = TAKE(nc::silhouette_samples(Xf, km.labels, 3));
        std::vector<float> css(n);
        nanoclust_silhouette_samples_f32(xf.data(), n, d, km.labels.data(), 3, NANOCLUST_METRIC_EUCLIDEAN,
                                         ws.data(), bytes, css.data());
        check(ss == css, "silhouette_samples<float> == C");
        nanoclust_cluster_stats_workspace_size(d, 3, &bytes);
        cws ws2(bytes);
        double ch = TAKE(nc::calinski_harabasz(X, km.labels, 3)), cch = 0.0;
        nanoclust_calinski_harabasz_f64(x.data(), n, d, km.labels.data(), 3, ws2.data(), bytes, &cch);
        check(ch == cch, "calinski_harabasz == C");
        double db_ = TAKE(nc::davies_bouldin(X, km.labels, 3)), cdb = 0.0;
        nanoclust_davies_bouldin_f64(x.data(), n, d, km.labels.data(), 3, ws2.data(), bytes, &cdb);
        check(db_ == cdb, "davies_bouldin == C");
        nanoclust_contingency_workspace_size(n, &bytes);
        cws ws3(bytes);
        double ari = TAKE(nc::adjusted_rand_index(km.labels, db.labels)), cari = 0.0;
        nanoclust_adjusted_rand_index(km.labels.data(), db.labels.data(), n, ws3.data(), bytes, &cari);
        check(ari == cari, "adjusted_rand_index == C");
        double nmi = TAKE(nc::normalized_mutual_info(km.labels, truth)), cnmi = 0.0;
        nanoclust_normalized_mutual_info(km.labels.data(), truth.data(), n, ws3.data(), bytes, &cnmi);
        check(nmi == cnmi, "normalized_mutual_info == C");
    }

    // Choosing k and eps.
    {
        nc::sweep_result sw = TAKE(nc::kmeans_sweep(X, 2, 6, kp));
        std::vector<double> inertia(5), sil(5);
        nanoclust_kmeans_sweep_result res;
        nanoclust_kmeans_sweep_workspace_size_f64(n, d, 2, 6, &kp, &bytes);
        cws ws(bytes);
        nanoclust_kmeans_sweep_f64(x.data(), n, d, nullptr, 2, 6, &kp, ws.data(), bytes, inertia.data(), sil.data(),
                                   &res);
        check(sw.inertia == inertia && sw.silhouette == sil && sw.best_silhouette_k == res.best_silhouette_k &&
                  sw.elbow_k == res.elbow_k && sw.k_min == 2,
              "kmeans_sweep == C");
        nc::sweep_result quick = TAKE(nc::kmeans_sweep(X, 2, 6, kp, {}, false));
        check(quick.silhouette.empty() && quick.inertia == inertia, "kmeans_sweep without silhouettes");
        nc::eps_suggestion<double> es = TAKE(nc::suggest_eps(X, 4));
        std::vector<double> curve(n);
        double eps = 0.0;
        std::size_t knee = 0;
        nanoclust_suggest_eps_workspace_size_f64(n, d, 4, NANOCLUST_METRIC_EUCLIDEAN, &bytes);
        cws ws2(bytes);
        nanoclust_suggest_eps_f64(x.data(), n, d, 4, NANOCLUST_METRIC_EUCLIDEAN, ws2.data(), bytes, &eps,
                                  curve.data(), &knee);
        check(es.eps == eps && es.curve == curve && es.knee == knee, "suggest_eps == C");
        std::size_t k = TAKE(nc::knee_index(inertia)), ck = 0;
        nanoclust_knee_index(inertia.data(), inertia.size(), &ck);
        check(k == ck, "knee_index == C");
    }

    // Errors: statuses through exceptions or results.
    check(STATUS_OF(nc::kmeans_fit(X, nc::kmeans_defaults(0))) == NANOCLUST_ERR_INVALID_PARAMETER,
          "k = 0 is INVALID_PARAMETER");
    check(STATUS_OF(nc::kmeans_fit(X, kp, std::vector<double>(3, 1.0))) == NANOCLUST_ERR_INVALID_SHAPE,
          "a weight vector of the wrong length is INVALID_SHAPE");
    check(STATUS_OF(nc::dbscan_fit(nc::matrix_view<double>(x, 5), dp)) == NANOCLUST_ERR_INVALID_SHAPE,
          "a vector that is not whole rows is INVALID_SHAPE");
    {
        nc::gmm_params pp = gp;
        pp.init = NANOCLUST_GMM_INIT_PROVIDED;
        check(STATUS_OF(nc::gmm_fit(X, pp)) == NANOCLUST_ERR_NULL_POINTER, "a provided GMM start is required");
        std::vector<double> bad = x;
        bad[3] = std::numeric_limits<double>::quiet_NaN();
        check(STATUS_OF(nc::standard_scaler_fit(nc::matrix_view<double>(bad, d))) == NANOCLUST_ERR_NON_FINITE,
              "NaN is NON_FINITE");
        nc::dendrogram broken = tree;
        broken.merges.pop_back();
        check(STATUS_OF(nc::dendrogram_leaves(broken)) == NANOCLUST_ERR_INVALID_SHAPE,
              "a dendrogram with a missing merge is INVALID_SHAPE");
    }
#ifndef NANOCLUST_NO_EXCEPTIONS
    try {
        (void)nc::kmeans_fit(X, nc::kmeans_defaults(0));
        check(false, "an exception is thrown");
    } catch (const nc::error &e) {
        check(e.code() == NANOCLUST_ERR_INVALID_PARAMETER && std::string(e.what()).find("nanoclust_kmeans_fit") == 0,
              "nanoclust::error names the function and carries the status");
    }
#else
    {
        nc::result<nc::kmeans_model<double>> r = nc::kmeans_fit(X, nc::kmeans_defaults(0));
        check(!r && r.code() == NANOCLUST_ERR_INVALID_PARAMETER && r.value().centers.empty() &&
                  std::string(r.message()) == nc::status_message(NANOCLUST_ERR_INVALID_PARAMETER),
              "a failed result carries the status and an empty value");
    }
#endif
    check(nc::version() == NANOCLUST_VERSION, "header and library versions agree");

    std::printf("hpp_check (%s, C++%ld): %d checks, %d failures\n",
#ifdef NANOCLUST_NO_EXCEPTIONS
                "no exceptions",
#else
                "exceptions",
#endif
                static_cast<long>(__cplusplus / 100 % 100), checks, failures);
    return failures == 0 ? 0 : 1;
}
