// kmeans_raii.cpp: a small RAII wrapper around nanoclust k-means for C++.
//
// KMeans owns its workspace in a std::vector sized by the library's own query,
// turns every status into an exception carrying the status message, and returns
// labels and centers in std::vectors. The workspace is sized once in the
// constructor and reused by every fit of the same shape.
//
// Check: three well separated blobs are recovered (ARI == 1), prediction of new
// points agrees with the fit, and a bad parameter surfaces as an exception.
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "nanoclust.h"

namespace nc {

inline const char *status_name(nanoclust_status s) {
    static const char *const names[] = {"NANOCLUST_OK", "NANOCLUST_ERR_NULL_POINTER", "NANOCLUST_ERR_INVALID_SHAPE",
                                        "NANOCLUST_ERR_INVALID_PARAMETER", "NANOCLUST_ERR_NON_FINITE",
                                        "NANOCLUST_ERR_WORKSPACE_TOO_SMALL", "NANOCLUST_ERR_SIZE_OVERFLOW",
                                        "NANOCLUST_ERR_NUMERICAL"};
    return s >= 0 && s <= NANOCLUST_ERR_NUMERICAL ? names[s] : "unknown status";
}

struct Error : std::runtime_error {
    nanoclust_status status;
    Error(const std::string &what, nanoclust_status s)
        : std::runtime_error(what + ": " + status_name(s) + ": " + nanoclust_status_message(s)), status(s) {}
};

inline void check(nanoclust_status s, const char *what) {
    if (s != NANOCLUST_OK) throw Error(what, s);
}

class KMeans {
  public:
    KMeans(std::size_t n, std::size_t d, std::uint32_t k, std::uint64_t seed = 0, std::uint32_t n_init = 10)
        : n_(n), d_(d), params_(nanoclust_kmeans_params_default(k)) {
        params_.seed = seed;
        params_.n_init = n_init;
        std::size_t bytes = 0;
        check(nanoclust_kmeans_workspace_size_f64(n, d, &params_, &bytes), "nanoclust_kmeans_workspace_size_f64");
        workspace_.resize(bytes);  // the only allocation; freed by the destructor
    }

    struct Fit {
        std::vector<double> centers;  // k*d
        std::vector<std::int32_t> labels;
        nanoclust_kmeans_result result;
    };

    Fit fit(const std::vector<double> &x) const {
        if (x.size() != n_ * d_) throw std::invalid_argument("x must hold n*d values");
        Fit f{std::vector<double>(params_.n_clusters * d_), std::vector<std::int32_t>(n_), {}};
        check(nanoclust_kmeans_fit_f64(x.data(), n_, d_, nullptr, &params_, workspace_.data(), workspace_.size(),
                                       f.centers.data(), f.labels.data(), &f.result),
              "nanoclust_kmeans_fit_f64");
        return f;
    }

    std::vector<std::int32_t> predict(const Fit &f, const std::vector<double> &x) const {
        std::vector<std::int32_t> labels(x.size() / d_);
        check(nanoclust_kmeans_predict_f64(f.centers.data(), params_.n_clusters, d_, x.data(), labels.size(),
                                           labels.data(), nullptr),
              "nanoclust_kmeans_predict_f64");
        return labels;
    }

    std::size_t workspace_bytes() const { return workspace_.size(); }

  private:
    std::size_t n_, d_;
    nanoclust_kmeans_params params_;
    mutable std::vector<unsigned char> workspace_;
};

inline double adjusted_rand_index(const std::vector<std::int32_t> &a, const std::vector<std::int32_t> &b) {
    std::size_t bytes = 0;
    check(nanoclust_contingency_workspace_size(a.size(), &bytes), "nanoclust_contingency_workspace_size");
    std::vector<unsigned char> ws(bytes);
    double ari = 0.0;
    check(nanoclust_adjusted_rand_index(a.data(), b.data(), a.size(), ws.data(), ws.size(), &ari),
          "nanoclust_adjusted_rand_index");
    return ari;
}

}  // namespace nc

int main() {
    // three blobs on a ring of radius 10, 40 points each, deterministic jitter
    const std::size_t per = 40, n = 3 * per, d = 2;
    std::vector<double> x;
    std::vector<std::int32_t> truth;
    for (std::size_t c = 0; c < 3; ++c)
        for (std::size_t i = 0; i < per; ++i) {
            double a = 2.0943951023931953 * static_cast<double>(c), t = 0.7 * static_cast<double>(i);
            x.push_back(10.0 * std::cos(a) + std::sin(t) * std::cos(3.1 * t));
            x.push_back(10.0 * std::sin(a) + std::cos(t) * std::sin(1.7 * t));
            truth.push_back(static_cast<std::int32_t>(c));
        }
    int failures = 0;
    try {
        nc::KMeans km(n, d, 3, /*seed=*/42);
        auto fit = km.fit(x);
        double ari = nc::adjusted_rand_index(truth, fit.labels);
        std::printf("C++ RAII k-means: n=%zu d=%zu k=3, workspace %zu bytes in a std::vector\n", n, d,
                    km.workspace_bytes());
        std::printf("  inertia %.3f, %u iterations, ARI vs truth %.3f\n", fit.result.inertia,
                    static_cast<unsigned>(fit.result.n_iter), ari);
        for (std::size_t c = 0; c < 3; ++c)
            std::printf("  center %zu: (%7.3f, %7.3f)\n", c, fit.centers[c * d], fit.centers[c * d + 1]);
        auto again = km.predict(fit, x);
        bool same = again == fit.labels;
        std::printf("  [%s] three blobs recovered (ARI == 1)\n", ari > 1.0 - 1e-12 ? "PASS" : "FAIL");
        std::printf("  [%s] predict on the training points returns the fitted labels\n", same ? "PASS" : "FAIL");
        failures += !(ari > 1.0 - 1e-12) + !same;
    } catch (const std::exception &e) {
        std::printf("unexpected error: %s\n", e.what());
        return 1;
    }
    try {
        nc::KMeans bad(n, d, 0);  // k = 0 is refused by the size query
        std::printf("  [FAIL] k = 0 was accepted\n");
        ++failures;
    } catch (const nc::Error &e) {
        bool ok = e.status == NANOCLUST_ERR_INVALID_PARAMETER;
        std::printf("  [%s] k = 0 throws: %s\n", ok ? "PASS" : "FAIL", e.what());
        failures += !ok;
    }
    std::printf("kmeans_raii: %s\n", failures ? "checks FAILED" : "all checks passed");
    return failures ? 1 : 0;
}
