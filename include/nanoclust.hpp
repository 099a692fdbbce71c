/*
 * nanoclust.hpp: the header-only C++ API of nanoclust (C++17 or later), over
 * the C API of nanoclust.h. Link the same library (libnanoclust.so or .a).
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

/**
 * @file nanoclust.hpp
 * @brief Header-only C++17 API over nanoclust.h: every family, owned results,
 *        workspaces managed for you, errors as exceptions or status results.
 *
 * - **Inputs** are views: nanoclust::span (pointer, size) and
 *   nanoclust::matrix_view (pointer, rows, columns; row-major). Both convert
 *   from `std::vector`; a view never owns or copies.
 * - **Results** are value types (`std::vector` members and plain numbers):
 *   nanoclust::kmeans_model, nanoclust::dbscan_clustering, nanoclust::gmm_model...
 * - **Workspaces**: every function asks the library for the workspace size and
 *   allocates it. Pass a nanoclust::workspace as the last argument to reuse one
 *   buffer across calls (it grows when needed, frees on destruction).
 * - **Errors**: with exceptions enabled, a failing call throws
 *   nanoclust::error (status and message). Compiled without exceptions
 *   (`-fno-exceptions`, detected through `__cpp_exceptions`, or with
 *   `NANOCLUST_NO_EXCEPTIONS` defined), every function returns a
 *   nanoclust::result carrying the status instead.
 * - Functions are templates over the sample type `T` (`float` or `double`),
 *   which selects the `_f32` or `_f64` C function; it is deduced from the
 *   first view argument.
 * - Lengths are checked before the C call: a view whose size does not match
 *   the others gives `NANOCLUST_ERR_INVALID_SHAPE` and no C call is made.
 *   Allocation failure is `std::bad_alloc` (or terminates without exceptions).
 */

#ifndef NANOCLUST_HPP
#define NANOCLUST_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "nanoclust.h"

#if !defined(NANOCLUST_NO_EXCEPTIONS) && !defined(__cpp_exceptions) && !defined(__EXCEPTIONS) && !defined(_CPPUNWIND)
/** Defined when the C++ API reports errors as nanoclust::result values instead of exceptions. */
#define NANOCLUST_NO_EXCEPTIONS 1
#endif

#ifndef NANOCLUST_NO_EXCEPTIONS
#include <stdexcept>
#endif

/** The nanoclust C++ API. */
namespace nanoclust {

/** @name Types shared with the C API
 * @{ */
using status = nanoclust_status;                 /**< A status code, NANOCLUST_OK (0) on success. */
using kmeans_params = nanoclust_kmeans_params;   /**< k-means parameters (C struct). */
using dbscan_params = nanoclust_dbscan_params;   /**< DBSCAN parameters (C struct). */
using gmm_params = nanoclust_gmm_params;         /**< Gaussian mixture parameters (C struct). */
using merge = nanoclust_merge;                   /**< One row of a dendrogram (C struct). */
/** @} */

/**
 * The library's description of a status code.
 * @param s a status.
 * @return a static string (a generic text for unknown codes).
 */
inline const char *status_message(status s) noexcept { return nanoclust_status_message(s); }

/** @return the library's version, (major << 16) | (minor << 8) | patch; compare with NANOCLUST_VERSION. */
inline std::uint32_t version() noexcept { return nanoclust_version(); }

/**
 * Default k-means parameters (nanoclust_kmeans_params_default()).
 * @param n_clusters k.
 * @return the parameters.
 */
inline kmeans_params kmeans_defaults(std::uint32_t n_clusters) noexcept { return nanoclust_kmeans_params_default(n_clusters); }

/** @return the default DBSCAN parameters: eps 0.5, min_samples 5, Euclidean, automatic index. */
inline dbscan_params dbscan_defaults() noexcept { return nanoclust_dbscan_params_default(); }

/**
 * Default Gaussian mixture parameters (nanoclust_gmm_params_default()).
 * @param n_components k.
 * @return the parameters.
 */
inline gmm_params gmm_defaults(std::uint32_t n_components) noexcept { return nanoclust_gmm_params_default(n_components); }

#ifndef NANOCLUST_NO_EXCEPTIONS
/** The exception thrown by a failing call: the C status and its message. */
class error : public std::runtime_error {
  public:
    /**
     * An error raised by a C function.
     * @param s the status (not NANOCLUST_OK).
     * @param function the C function's name, the start of what().
     */
    error(status s, const char *function)
        : std::runtime_error(std::string(function) + ": " + nanoclust_status_message(s)), status_(s) {}
    /** @return the C status code (never NANOCLUST_OK). */
    status code() const noexcept { return status_; }

  private:
    status status_;
};
#endif

/**
 * A status and, on success, a value: what every function returns when the API
 * is compiled without exceptions.
 *
 * When the status is not NANOCLUST_OK the value is value-initialized.
 */
template <class T>
class result {
  public:
    /**
     * A result.
     * @param s the status.
     * @param v the value.
     */
    result(status s, T v) : status_(s), value_(std::move(v)) {}
    /** @return true iff the status is NANOCLUST_OK. */
    bool ok() const noexcept { return status_ == NANOCLUST_OK; }
    /** Same as ok(). */
    explicit operator bool() const noexcept { return ok(); }
    /** @return the C status code. */
    status code() const noexcept { return status_; }
    /** @return the library's description of the status. */
    const char *message() const noexcept { return nanoclust_status_message(status_); }
    /** @return the value (value-initialized unless ok()). */
    T &value() & noexcept { return value_; }
    /** @return the value (value-initialized unless ok()). */
    const T &value() const & noexcept { return value_; }
    /** @return the value, moved out (value-initialized unless ok()). */
    T &&value() && noexcept { return std::move(value_); }
    /** @return a pointer to the value (member access). */
    T *operator->() noexcept { return &value_; }
    /** @return a pointer to the value (member access). */
    const T *operator->() const noexcept { return &value_; }

  private:
    status status_;
    T value_;
};

/** A status without a value (functions that update their arguments in place). */
template <>
class result<void> {
  public:
    /**
     * A result without a value.
     * @param s the status.
     */
    explicit result(status s) : status_(s) {}
    /** @return true iff the status is NANOCLUST_OK. */
    bool ok() const noexcept { return status_ == NANOCLUST_OK; }
    /** Same as ok(). */
    explicit operator bool() const noexcept { return ok(); }
    /** @return the C status code. */
    status code() const noexcept { return status_; }
    /** @return the library's description of the status. */
    const char *message() const noexcept { return nanoclust_status_message(status_); }

  private:
    status status_;
};

/** A read-only view of `size()` contiguous values: a pointer and a size. */
template <class T>
class span {
  public:
    /** An empty view. */
    span() noexcept = default;
    /**
     * A view of values in memory.
     * @param data the first value.
     * @param size the number of values.
     */
    span(const T *data, std::size_t size) noexcept : data_(data), size_(size) {}
    /**
     * A view of a vector's values.
     * @param v the vector (must outlive the view).
     */
    span(const std::vector<T> &v) noexcept : data_(v.data()), size_(v.size()) {}  // NOLINT: implicit on purpose
    /**
     * A view of an array.
     * @param a the array (must outlive the view).
     */
    template <std::size_t N>
    span(const T (&a)[N]) noexcept : data_(a), size_(N) {}  // NOLINT: implicit on purpose
    /** @return the first value (may be null when empty). */
    const T *data() const noexcept { return data_; }
    /** @return the number of values. */
    std::size_t size() const noexcept { return size_; }
    /** @return true iff size() == 0. */
    bool empty() const noexcept { return size_ == 0; }
    /**
     * @param i an index below size() (unchecked).
     * @return the i-th value.
     */
    const T &operator[](std::size_t i) const noexcept { return data_[i]; }
    /** @return an iterator to the first value. */
    const T *begin() const noexcept { return data_; }
    /** @return an iterator past the last value. */
    const T *end() const noexcept { return data_ + size_; }

  private:
    const T *data_ = nullptr;
    std::size_t size_ = 0;
};

/**
 * A read-only view of a row-major matrix: `rows()` samples of `cols()`
 * features, element (i, j) at `data()[i * cols() + j]`.
 */
template <class T>
class matrix_view {
  public:
    /** An empty view. */
    matrix_view() noexcept = default;
    /**
     * A view of a matrix in memory.
     * @param data the first value.
     * @param rows rows (samples).
     * @param cols columns (features).
     */
    matrix_view(const T *data, std::size_t rows, std::size_t cols) noexcept : data_(data), rows_(rows), cols_(cols) {}
    /**
     * A view of a vector holding rows of `cols` values. If the vector's size is
     * not a multiple of `cols`, the view has no rows (every call then fails with
     * NANOCLUST_ERR_INVALID_SHAPE).
     * @param v the vector (must outlive the view).
     * @param cols columns (features).
     */
    matrix_view(const std::vector<T> &v, std::size_t cols) noexcept
        : data_(v.data()), rows_(cols != 0 && v.size() % cols == 0 ? v.size() / cols : 0), cols_(cols) {}
    /** @return the first value. */
    const T *data() const noexcept { return data_; }
    /** @return the number of rows (samples). */
    std::size_t rows() const noexcept { return rows_; }
    /** @return the number of columns (features). */
    std::size_t cols() const noexcept { return cols_; }
    /**
     * @param i a row below rows() (unchecked).
     * @return row i as a span.
     */
    span<T> row(std::size_t i) const noexcept { return span<T>(data_ + i * cols_, cols_); }

  private:
    const T *data_ = nullptr;
    std::size_t rows_ = 0;
    std::size_t cols_ = 0;
};

/**
 * An owned, growable scratch buffer for the library's `workspace` arguments.
 * Reuse one across calls to allocate once; the destructor frees it.
 */
class workspace {
  public:
    /** An empty workspace (grows on first use). */
    workspace() = default;
    /**
     * A workspace of a given size.
     * @param bytes its size in bytes.
     */
    explicit workspace(std::size_t bytes) : buffer_(bytes) {}
    /**
     * Grows the workspace if needed.
     * @param bytes the size needed.
     * @return a buffer of at least `bytes` bytes (null when the workspace is empty).
     */
    void *reserve(std::size_t bytes) {
        if (buffer_.size() < bytes) buffer_.resize(bytes);
        return buffer_.empty() ? nullptr : buffer_.data();
    }
    /** @return the current size in bytes. */
    std::size_t size() const noexcept { return buffer_.size(); }

  private:
    std::vector<unsigned char> buffer_;
};

/**
 * The workspace argument of every function: converts from a caller's
 * nanoclust::workspace (borrowed) or, when omitted, owns a fresh one for the
 * duration of the call.
 */
class scratch {
  public:
    /** Owns a fresh workspace. */
    scratch() noexcept : ws_(&own_) {}
    /**
     * Borrows the caller's workspace.
     * @param ws the workspace (grown as needed).
     */
    scratch(workspace &ws) noexcept : ws_(&ws) {}  // NOLINT: implicit on purpose
    scratch(const scratch &) = delete;
    scratch &operator=(const scratch &) = delete;
    /**
     * @param bytes the size needed.
     * @return a buffer of at least `bytes` bytes.
     */
    void *reserve(std::size_t bytes) { return ws_->reserve(bytes); }

  private:
    workspace own_;
    workspace *ws_;
};

/** @name Result types
 * @{ */

/** A fitted k-means model (nanoclust::kmeans_fit). */
template <class T>
struct kmeans_model {
    std::vector<T> centers;            /**< k*d, row-major. */
    std::vector<std::int32_t> labels;  /**< n: the closest center of each sample. */
    std::size_t k = 0;                 /**< Number of centers. */
    std::size_t d = 0;                 /**< Features. */
    double inertia = 0.0;              /**< Weighted sum of squared distances to the closest center. */
    std::uint32_t n_iter = 0;          /**< Iterations of the winning run. */
    bool converged = false;            /**< Whether the winning run met tol. */
    /** @return the centers as a k x d view. */
    matrix_view<T> centers_view() const noexcept { return matrix_view<T>(centers.data(), k, d); }
};

/** Labels of new points (nanoclust::kmeans_predict). */
template <class T>
struct kmeans_prediction {
    std::vector<std::int32_t> labels;  /**< m: the closest center. */
    std::vector<T> sq_distances;       /**< m: the squared distance to it. */
};

/** The caller-held state of mini-batch k-means (nanoclust::kmeans_partial_fit). */
template <class T>
struct kmeans_minibatch {
    std::vector<T> centers;      /**< k*d, row-major. */
    std::vector<double> counts;  /**< k: accumulated weight per center. */
    std::size_t k = 0;           /**< Number of centers. */
    std::size_t d = 0;           /**< Features. */
    /** Empty state. */
    kmeans_minibatch() = default;
    /**
     * Starts from initial centers with zero counts.
     * @param initial k x d centers (copied).
     */
    explicit kmeans_minibatch(matrix_view<T> initial)
        : centers(initial.data(), initial.data() + initial.rows() * initial.cols()),
          counts(initial.rows(), 0.0),
          k(initial.rows()),
          d(initial.cols()) {}
    /** @return the centers as a k x d view. */
    matrix_view<T> centers_view() const noexcept { return matrix_view<T>(centers.data(), k, d); }
};

/** A DBSCAN clustering (nanoclust::dbscan_fit). */
struct dbscan_clustering {
    std::vector<std::int32_t> labels;  /**< n: cluster 0..n_clusters-1, noise -1 (scikit-learn's labels_). */
    std::vector<std::uint8_t> is_core; /**< n: 1 for core samples. */
    std::uint32_t n_clusters = 0;      /**< Clusters found. */
    std::uint32_t n_noise = 0;         /**< Samples labelled -1. */
    std::uint32_t n_core = 0;          /**< Core samples. */
};

/** A dendrogram: n - 1 merges of n samples, scipy's linkage matrix Z (nanoclust::linkage). */
struct dendrogram {
    std::vector<merge> merges; /**< n - 1 rows. */
    std::size_t n = 0;         /**< Samples. */
};

/** A flat clustering cut from a dendrogram at a distance (nanoclust::cut_tree_distance). */
struct distance_cut {
    std::vector<std::int32_t> labels; /**< n. */
    std::size_t n_clusters = 0;       /**< Clusters. */
};

/** A Gaussian mixture (nanoclust::gmm_fit); also a start for NANOCLUST_GMM_INIT_PROVIDED. */
template <class T>
struct gmm_model {
    std::vector<T> weights;      /**< k mixture weights. */
    std::vector<T> means;        /**< k*d. */
    std::vector<T> covariances;  /**< k*d*d (full), d*d (tied), k*d (diag) or k (spherical). */
    std::size_t k = 0;           /**< Components. */
    std::size_t d = 0;           /**< Features. */
    std::uint32_t covariance_type = NANOCLUST_COVARIANCE_FULL; /**< NANOCLUST_COVARIANCE_*. */
    double lower_bound = 0.0;    /**< Mean log-likelihood per sample of the winning run. */
    std::uint32_t n_iter = 0;    /**< EM iterations of the winning run. */
    bool converged = false;      /**< Whether the winning run met tol. */
};

/** Predictions of a Gaussian mixture (nanoclust::gmm_predict). */
template <class T>
struct gmm_prediction {
    std::vector<std::int32_t> labels; /**< m: the most probable component. */
    std::vector<T> proba;             /**< m*k: component probabilities. */
    std::vector<T> log_likelihood;    /**< m: per-sample log-likelihood (score_samples). */
};

/** A fitted standard scaler (nanoclust::standard_scaler_fit). */
template <class T>
struct scaler {
    std::vector<T> mean;  /**< d. */
    std::vector<T> scale; /**< d; 1 for a zero-variance feature. */
};

/** The k sweep of the elbow and silhouette methods (nanoclust::kmeans_sweep). */
struct sweep_result {
    std::size_t k_min = 0;             /**< The first k. */
    std::vector<double> inertia;       /**< inertia[k - k_min]. */
    std::vector<double> silhouette;    /**< silhouette[k - k_min]; empty if not asked for. */
    std::uint32_t best_silhouette_k = 0; /**< The best-silhouette k (0 without silhouettes). */
    std::uint32_t elbow_k = 0;         /**< The knee of the inertia curve (0 if none). */
};

/** A suggested DBSCAN eps (nanoclust::suggest_eps). */
template <class T>
struct eps_suggestion {
    double eps = 0.0;      /**< The suggested eps. */
    std::vector<T> curve;  /**< n: the ascending k-distance curve. */
    std::size_t knee = 0;  /**< The knee's index in curve. */
};

/** @} */

/** @cond NANOCLUST_INTERNAL */
namespace detail {

template <class T>
struct type_identity {
    using type = T;
};
template <class T>
using nondeduced = typename type_identity<T>::type;

#ifdef NANOCLUST_NO_EXCEPTIONS
template <class T>
using ret = result<T>;
template <class T>
inline result<T> done(status s, const char *, T v) {
    return s == NANOCLUST_OK ? result<T>(s, std::move(v)) : result<T>(s, T());
}
inline result<void> done_void(status s, const char *) { return result<void>(s); }
#else
template <class T>
using ret = T;
template <class T>
inline T done(status s, const char *function, T v) {
    if (s != NANOCLUST_OK) throw error(s, function);
    return v;
}
inline void done_void(status s, const char *function) {
    if (s != NANOCLUST_OK) throw error(s, function);
}
#endif

/** a * b, or NANOCLUST_ERR_SIZE_OVERFLOW in s. */
inline std::size_t mul(std::size_t a, std::size_t b, status &s) {
    if (a != 0 && b > static_cast<std::size_t>(-1) / a) {
        if (s == NANOCLUST_OK) s = NANOCLUST_ERR_SIZE_OVERFLOW;
        return 0;
    }
    return a * b;
}

/** INVALID_SHAPE in s unless `actual == expected`. */
inline void same(std::size_t actual, std::size_t expected, status &s) {
    if (s == NANOCLUST_OK && actual != expected) s = NANOCLUST_ERR_INVALID_SHAPE;
}

/** The optional-array convention: empty means NULL, else exactly `n` values. */
template <class T>
inline const T *optional(span<T> v, std::size_t n, status &s) {
    if (v.empty()) return nullptr;
    same(v.size(), n, s);
    return v.data();
}

/** Resizes `v` to `n` when s is OK. */
template <class V>
inline void make(V &v, std::size_t n, const status &s) {
    if (s == NANOCLUST_OK) v.assign(n, typename V::value_type());
}

inline std::size_t covariance_len(std::uint32_t type, std::size_t k, std::size_t d, status &s) {
    switch (type) {
        case NANOCLUST_COVARIANCE_FULL: return mul(k, mul(d, d, s), s);
        case NANOCLUST_COVARIANCE_TIED: return mul(d, d, s);
        case NANOCLUST_COVARIANCE_DIAG: return mul(k, d, s);
        case NANOCLUST_COVARIANCE_SPHERICAL: return k;
        default:
            if (s == NANOCLUST_OK) s = NANOCLUST_ERR_INVALID_PARAMETER;
            return 0;
    }
}

template <class T>
struct api;

#define NANOCLUST_HPP_FUNCTIONS(X)                                                                               \
    X(kmeans_workspace_size)                                                                                     \
    X(kmeans_fit)                                                                                                \
    X(kmeans_predict)                                                                                            \
    X(kmeans_partial_fit_workspace_size)                                                                         \
    X(kmeans_partial_fit_with_workspace)                                                                         \
    X(dbscan_workspace_size)                                                                                     \
    X(dbscan_fit)                                                                                                \
    X(dbscan_predict_workspace_size)                                                                             \
    X(dbscan_predict)                                                                                            \
    X(core_distances_workspace_size)                                                                             \
    X(core_distances)                                                                                            \
    X(linkage_workspace_size)                                                                                    \
    X(linkage)                                                                                                   \
    X(linkage_condensed_workspace_size)                                                                          \
    X(linkage_condensed)                                                                                         \
    X(gmm_workspace_size)                                                                                        \
    X(gmm_fit)                                                                                                   \
    X(gmm_fit_weighted)                                                                                          \
    X(gmm_predict_workspace_size)                                                                                \
    X(gmm_predict)                                                                                               \
    X(gmm_bic)                                                                                                   \
    X(standard_scaler_fit)                                                                                       \
    X(standard_scaler_transform)                                                                                 \
    X(standard_scaler_inverse_transform)                                                                         \
    X(inertia)                                                                                                   \
    X(silhouette_score)                                                                                          \
    X(silhouette_samples)                                                                                        \
    X(calinski_harabasz)                                                                                         \
    X(davies_bouldin)                                                                                            \
    X(kmeans_sweep_workspace_size)                                                                               \
    X(kmeans_sweep)                                                                                              \
    X(suggest_eps_workspace_size)                                                                                \
    X(suggest_eps)

#define NANOCLUST_HPP_F32(name) static constexpr auto name = &nanoclust_##name##_f32;
#define NANOCLUST_HPP_F64(name) static constexpr auto name = &nanoclust_##name##_f64;
template <>
struct api<float> {
    NANOCLUST_HPP_FUNCTIONS(NANOCLUST_HPP_F32)
};
template <>
struct api<double> {
    NANOCLUST_HPP_FUNCTIONS(NANOCLUST_HPP_F64)
};
#undef NANOCLUST_HPP_F32
#undef NANOCLUST_HPP_F64
#undef NANOCLUST_HPP_FUNCTIONS

template <class T>
inline ret<dendrogram> linkage_condensed(span<T> condensed, std::size_t n, std::uint32_t method, scratch &ws) {
    dendrogram r;
    r.n = n;
    status s = NANOCLUST_OK;
    std::size_t pairs = n < 2 ? 0 : mul(n, n - 1, s) / 2;
    if (n >= 2) same(condensed.size(), pairs, s);
    std::size_t bytes = 0;
    if (s == NANOCLUST_OK) s = api<T>::linkage_condensed_workspace_size(n, method, &bytes);
    make(r.merges, n == 0 ? 0 : n - 1, s);
    if (s == NANOCLUST_OK)
        s = api<T>::linkage_condensed(condensed.data(), n, method, ws.reserve(bytes), bytes, r.merges.data());
    return done(s, "nanoclust_linkage_condensed", std::move(r));
}

/** Checks that the tree has n - 1 merges; returns the cut/leaves workspace size. */
inline std::size_t tree_workspace(const dendrogram &tree, status &s) {
    if (tree.n != 0) same(tree.merges.size(), tree.n - 1, s);
    std::size_t bytes = 0;
    if (s == NANOCLUST_OK) s = nanoclust_cut_tree_workspace_size(tree.n, &bytes);
    return bytes;
}

}  // namespace detail
/** @endcond */

/** @name k-means
 * @{ */

/**
 * Fits k-means (nanoclust_kmeans_fit_f32() / _f64()).
 * @param x n x d samples.
 * @param params parameters; `params.n_clusters` is k.
 * @param sample_weight n weights, or empty for ones.
 * @param initial_centers k x d starting centers, required iff `params.init` is
 *        NANOCLUST_INIT_PROVIDED (else ignored).
 * @param ws workspace to reuse (optional).
 * @return the model: centers, labels, inertia, iterations.
 */
template <class T>
detail::ret<kmeans_model<T>> kmeans_fit(matrix_view<T> x, const kmeans_params &params,
                                        detail::nondeduced<span<T>> sample_weight = {},
                                        detail::nondeduced<span<T>> initial_centers = {}, scratch &&ws = scratch()) {
    kmeans_model<T> r;
    status s = NANOCLUST_OK;
    r.k = params.n_clusters;
    r.d = x.cols();
    const T *w = detail::optional(sample_weight, x.rows(), s);
    std::size_t len = detail::mul(r.k, r.d, s);
    std::size_t bytes = 0;
    if (s == NANOCLUST_OK) s = detail::api<T>::kmeans_workspace_size(x.rows(), x.cols(), &params, &bytes);
    if (params.init == NANOCLUST_INIT_PROVIDED) {
        detail::same(initial_centers.size(), len, s);
        if (s == NANOCLUST_OK) r.centers.assign(initial_centers.begin(), initial_centers.end());
    } else {
        detail::make(r.centers, len, s);
    }
    detail::make(r.labels, x.rows(), s);
    nanoclust_kmeans_result out = {0.0, 0, 0};
    if (s == NANOCLUST_OK)
        s = detail::api<T>::kmeans_fit(x.data(), x.rows(), x.cols(), w, &params, ws.reserve(bytes), bytes,
                                       r.centers.data(), r.labels.data(), &out);
    r.inertia = out.inertia;
    r.n_iter = out.n_iter;
    r.converged = out.converged != 0;
    return detail::done(s, "nanoclust_kmeans_fit", std::move(r));
}

/**
 * Labels new points with the closest center (nanoclust_kmeans_predict_f32() / _f64()).
 * @param centers k x d centers (e.g. kmeans_model::centers_view()).
 * @param x m x d points.
 * @return labels and squared distances.
 */
template <class T>
detail::ret<kmeans_prediction<T>> kmeans_predict(matrix_view<T> centers, detail::nondeduced<matrix_view<T>> x) {
    kmeans_prediction<T> r;
    status s = NANOCLUST_OK;
    detail::same(x.cols(), centers.cols(), s);
    detail::make(r.labels, x.rows(), s);
    detail::make(r.sq_distances, x.rows(), s);
    if (s == NANOCLUST_OK)
        s = detail::api<T>::kmeans_predict(centers.data(), centers.rows(), centers.cols(), x.data(), x.rows(),
                                           r.labels.data(), r.sq_distances.data());
    return detail::done(s, "nanoclust_kmeans_predict", std::move(r));
}

/**
 * One mini-batch step on `state` (nanoclust_kmeans_partial_fit_with_workspace_f32() / _f64(),
 * scikit-learn's MiniBatchKMeans.partial_fit). `state` is unchanged on error.
 * @param state centers and counts, updated in place.
 * @param x the batch, rows of state.d features.
 * @param sample_weight one weight per row, or empty for ones.
 * @param ws workspace to reuse (optional).
 * @return nothing with exceptions; a nanoclust::result<void> without.
 */
template <class T>
detail::ret<void> kmeans_partial_fit(kmeans_minibatch<T> &state, detail::nondeduced<matrix_view<T>> x,
                                     detail::nondeduced<span<T>> sample_weight = {}, scratch &&ws = scratch()) {
    status s = NANOCLUST_OK;
    detail::same(x.cols(), state.d, s);
    detail::same(state.centers.size(), detail::mul(state.k, state.d, s), s);
    detail::same(state.counts.size(), state.k, s);
    const T *w = detail::optional(sample_weight, x.rows(), s);
    std::size_t bytes = 0;
    if (s == NANOCLUST_OK) s = detail::api<T>::kmeans_partial_fit_workspace_size(state.d, state.k, &bytes);
    if (s == NANOCLUST_OK)
        s = detail::api<T>::kmeans_partial_fit_with_workspace(x.data(), x.rows(), x.cols(), w, state.centers.data(),
                                                              state.counts.data(), state.k, ws.reserve(bytes), bytes);
    return detail::done_void(s, "nanoclust_kmeans_partial_fit_with_workspace");
}

/** @} */

/** @name DBSCAN
 * @{ */

/**
 * DBSCAN (nanoclust_dbscan_fit_f32() / _f64()): scikit-learn's labels.
 * @param x n x d samples.
 * @param params eps, min_samples, metric, index.
 * @param sample_weight n weights, or empty.
 * @param ws workspace to reuse (optional).
 * @return labels, core flags and counts.
 */
template <class T>
detail::ret<dbscan_clustering> dbscan_fit(matrix_view<T> x, const dbscan_params &params,
                                          detail::nondeduced<span<T>> sample_weight = {}, scratch &&ws = scratch()) {
    dbscan_clustering r;
    status s = NANOCLUST_OK;
    const T *w = detail::optional(sample_weight, x.rows(), s);
    std::size_t bytes = 0;
    if (s == NANOCLUST_OK) s = detail::api<T>::dbscan_workspace_size(x.rows(), x.cols(), &params, &bytes);
    detail::make(r.labels, x.rows(), s);
    detail::make(r.is_core, x.rows(), s);
    nanoclust_dbscan_result out = {0, 0, 0};
    if (s == NANOCLUST_OK)
        s = detail::api<T>::dbscan_fit(x.data(), x.rows(), x.cols(), w, &params, ws.reserve(bytes), bytes,
                                       r.labels.data(), r.is_core.data(), &out);
    r.n_clusters = out.n_clusters;
    r.n_noise = out.n_noise;
    r.n_core = out.n_core;
    return detail::done(s, "nanoclust_dbscan_fit", std::move(r));
}

/**
 * Labels new points: the label of the nearest core sample within eps, else -1
 * (nanoclust_dbscan_predict_f32() / _f64()).
 * @param x_train the n x d training samples.
 * @param labels their n labels (dbscan_clustering::labels).
 * @param is_core their n core flags (dbscan_clustering::is_core).
 * @param params the parameters of the fit.
 * @param x_new m x d new points.
 * @param ws workspace to reuse (optional).
 * @return m labels.
 */
template <class T>
detail::ret<std::vector<std::int32_t>> dbscan_predict(matrix_view<T> x_train, span<std::int32_t> labels,
                                                      span<std::uint8_t> is_core, const dbscan_params &params,
                                                      detail::nondeduced<matrix_view<T>> x_new,
                                                      scratch &&ws = scratch()) {
    std::vector<std::int32_t> r;
    status s = NANOCLUST_OK;
    detail::same(labels.size(), x_train.rows(), s);
    detail::same(is_core.size(), x_train.rows(), s);
    detail::same(x_new.cols(), x_train.cols(), s);
    std::size_t bytes = 0;
    if (s == NANOCLUST_OK)
        s = detail::api<T>::dbscan_predict_workspace_size(x_train.rows(), x_train.cols(), x_new.rows(), &params,
                                                          &bytes);
    detail::make(r, x_new.rows(), s);
    if (s == NANOCLUST_OK)
        s = detail::api<T>::dbscan_predict(x_train.data(), x_train.rows(), x_train.cols(), labels.data(),
                                           is_core.data(), &params, x_new.data(), x_new.rows(), ws.reserve(bytes),
                                           bytes, r.data());
    return detail::done(s, "nanoclust_dbscan_predict", std::move(r));
}

/**
 * Core distances: each sample's distance to its `min_samples`-th nearest
 * sample, itself included (nanoclust_core_distances_f32() / _f64()).
 * @param x n x d samples.
 * @param min_samples >= 1.
 * @param metric NANOCLUST_METRIC_*.
 * @param ws workspace to reuse (optional).
 * @return n distances.
 */
template <class T>
detail::ret<std::vector<T>> core_distances(matrix_view<T> x, std::uint32_t min_samples,
                                           std::uint32_t metric = NANOCLUST_METRIC_EUCLIDEAN,
                                           scratch &&ws = scratch()) {
    std::vector<T> r;
    std::size_t bytes = 0;
    status s = detail::api<T>::core_distances_workspace_size(x.rows(), x.cols(), min_samples, metric, &bytes);
    detail::make(r, x.rows(), s);
    if (s == NANOCLUST_OK)
        s = detail::api<T>::core_distances(x.data(), x.rows(), x.cols(), min_samples, metric, ws.reserve(bytes),
                                           bytes, r.data());
    return detail::done(s, "nanoclust_core_distances", std::move(r));
}

/** @} */

/** @name Agglomerative clustering
 * @{ */

/**
 * Agglomerative clustering of samples (nanoclust_linkage_f32() / _f64()):
 * scipy's linkage matrix.
 * @param x n x d samples.
 * @param method NANOCLUST_LINKAGE_*.
 * @param metric NANOCLUST_METRIC_* (Euclidean for ward, centroid, median).
 * @param ws workspace to reuse (optional).
 * @return the dendrogram.
 */
template <class T>
detail::ret<dendrogram> linkage(matrix_view<T> x, std::uint32_t method,
                                std::uint32_t metric = NANOCLUST_METRIC_EUCLIDEAN, scratch &&ws = scratch()) {
    dendrogram r;
    r.n = x.rows();
    std::size_t bytes = 0;
    status s = detail::api<T>::linkage_workspace_size(x.rows(), x.cols(), method, metric, &bytes);
    detail::make(r.merges, x.rows() == 0 ? 0 : x.rows() - 1, s);
    if (s == NANOCLUST_OK)
        s = detail::api<T>::linkage(x.data(), x.rows(), x.cols(), method, metric, ws.reserve(bytes), bytes,
                                    r.merges.data());
    return detail::done(s, "nanoclust_linkage", std::move(r));
}

/**
 * Agglomerative clustering from a condensed distance matrix in scipy's pdist
 * order (nanoclust_linkage_condensed_f64()).
 * @param condensed n(n-1)/2 distances.
 * @param n samples.
 * @param method NANOCLUST_LINKAGE_*.
 * @param ws workspace to reuse (optional).
 * @return the dendrogram.
 */
inline detail::ret<dendrogram> linkage_condensed(span<double> condensed, std::size_t n, std::uint32_t method,
                                                 scratch &&ws = scratch()) {
    return detail::linkage_condensed(condensed, n, method, ws);
}

/**
 * linkage_condensed() over float distances (nanoclust_linkage_condensed_f32()).
 * @param condensed n(n-1)/2 distances.
 * @param n samples.
 * @param method NANOCLUST_LINKAGE_*.
 * @param ws workspace to reuse (optional).
 * @return the dendrogram.
 */
inline detail::ret<dendrogram> linkage_condensed(span<float> condensed, std::size_t n, std::uint32_t method,
                                                 scratch &&ws = scratch()) {
    return detail::linkage_condensed(condensed, n, method, ws);
}

/**
 * Cuts a dendrogram into `n_clusters` clusters (nanoclust_cut_tree_n_clusters(),
 * scikit-learn's AgglomerativeClustering labels).
 * @param tree the dendrogram.
 * @param n_clusters 1..n.
 * @param ws workspace to reuse (optional).
 * @return n labels.
 */
inline detail::ret<std::vector<std::int32_t>> cut_tree_n_clusters(const dendrogram &tree, std::size_t n_clusters,
                                                                  scratch &&ws = scratch()) {
    std::vector<std::int32_t> r;
    status s = NANOCLUST_OK;
    std::size_t bytes = detail::tree_workspace(tree, s);
    detail::make(r, tree.n, s);
    if (s == NANOCLUST_OK)
        s = nanoclust_cut_tree_n_clusters(tree.merges.data(), tree.n, n_clusters, ws.reserve(bytes), bytes,
                                          r.data());
    return detail::done(s, "nanoclust_cut_tree_n_clusters", std::move(r));
}

/**
 * Cuts a dendrogram at a distance (nanoclust_cut_tree_distance(), scipy's
 * fcluster(criterion='distance')).
 * @param tree the dendrogram.
 * @param threshold merges higher than this are cut.
 * @param ws workspace to reuse (optional).
 * @return n labels and the number of clusters.
 */
inline detail::ret<distance_cut> cut_tree_distance(const dendrogram &tree, double threshold,
                                                   scratch &&ws = scratch()) {
    distance_cut r;
    status s = NANOCLUST_OK;
    std::size_t bytes = detail::tree_workspace(tree, s);
    detail::make(r.labels, tree.n, s);
    if (s == NANOCLUST_OK)
        s = nanoclust_cut_tree_distance(tree.merges.data(), tree.n, threshold, ws.reserve(bytes), bytes,
                                        r.labels.data(), &r.n_clusters);
    return detail::done(s, "nanoclust_cut_tree_distance", std::move(r));
}

/**
 * The leaf order of a dendrogram (nanoclust_dendrogram_leaves(), scipy's leaves_list).
 * @param tree the dendrogram.
 * @param ws workspace to reuse (optional).
 * @return n sample indices.
 */
inline detail::ret<std::vector<std::uint32_t>> dendrogram_leaves(const dendrogram &tree, scratch &&ws = scratch()) {
    std::vector<std::uint32_t> r;
    status s = NANOCLUST_OK;
    std::size_t bytes = detail::tree_workspace(tree, s);
    detail::make(r, tree.n, s);
    if (s == NANOCLUST_OK)
        s = nanoclust_dendrogram_leaves(tree.merges.data(), tree.n, ws.reserve(bytes), bytes, r.data());
    return detail::done(s, "nanoclust_dendrogram_leaves", std::move(r));
}

/** @} */

/** @name Gaussian mixtures
 * @{ */

/**
 * Fits a Gaussian mixture by EM (nanoclust_gmm_fit_f32() / _f64(), or the
 * _weighted variants when weights are given).
 * @param x n x d samples.
 * @param params parameters; `params.n_components` is k.
 * @param sample_weight n weights, or empty for none.
 * @param start the starting model, required iff `params.init` is
 *        NANOCLUST_GMM_INIT_PROVIDED (its k, d and covariance type must match).
 * @param ws workspace to reuse (optional).
 * @return the model.
 */
template <class T>
detail::ret<gmm_model<T>> gmm_fit(matrix_view<T> x, const gmm_params &params,
                                  detail::nondeduced<span<T>> sample_weight = {},
                                  const gmm_model<T> *start = nullptr, scratch &&ws = scratch()) {
    gmm_model<T> r;
    status s = NANOCLUST_OK;
    r.k = params.n_components;
    r.d = x.cols();
    r.covariance_type = params.covariance_type;
    const T *w = detail::optional(sample_weight, x.rows(), s);
    std::size_t means = detail::mul(r.k, r.d, s);
    std::size_t covs = detail::covariance_len(r.covariance_type, r.k, r.d, s);
    std::size_t bytes = 0;
    if (s == NANOCLUST_OK) s = detail::api<T>::gmm_workspace_size(x.rows(), x.cols(), &params, &bytes);
    if (params.init == NANOCLUST_GMM_INIT_PROVIDED) {
        if (start == nullptr) {
            if (s == NANOCLUST_OK) s = NANOCLUST_ERR_NULL_POINTER;
        } else {
            detail::same(start->weights.size(), r.k, s);
            detail::same(start->means.size(), means, s);
            detail::same(start->covariances.size(), covs, s);
            if (s == NANOCLUST_OK) {
                r.weights = start->weights;
                r.means = start->means;
                r.covariances = start->covariances;
            }
        }
    } else {
        detail::make(r.weights, r.k, s);
        detail::make(r.means, means, s);
        detail::make(r.covariances, covs, s);
    }
    nanoclust_gmm_result out = {0.0, 0, 0};
    if (s == NANOCLUST_OK) {
        void *buf = ws.reserve(bytes);
        s = w != nullptr ? detail::api<T>::gmm_fit_weighted(x.data(), x.rows(), x.cols(), w, &params, buf, bytes,
                                                            r.weights.data(), r.means.data(), r.covariances.data(),
                                                            &out)
                         : detail::api<T>::gmm_fit(x.data(), x.rows(), x.cols(), &params, buf, bytes,
                                                   r.weights.data(), r.means.data(), r.covariances.data(), &out);
    }
    r.lower_bound = out.lower_bound;
    r.n_iter = out.n_iter;
    r.converged = out.converged != 0;
    return detail::done(s, "nanoclust_gmm_fit", std::move(r));
}

/** @cond NANOCLUST_INTERNAL */
namespace detail {
/**
 * Checks that the model's arrays agree with its k, d and covariance type and
 * that x has d columns; returns the predict/BIC workspace size.
 */
template <class T>
inline std::size_t gmm_workspace(const gmm_model<T> &model, std::size_t x_cols, status &s) {
    same(model.weights.size(), model.k, s);
    same(model.means.size(), mul(model.k, model.d, s), s);
    same(model.covariances.size(), covariance_len(model.covariance_type, model.k, model.d, s), s);
    same(x_cols, model.d, s);
    std::size_t bytes = 0;
    if (s == NANOCLUST_OK) s = api<T>::gmm_predict_workspace_size(model.k, model.d, model.covariance_type, &bytes);
    return bytes;
}
}  // namespace detail
/** @endcond */

/**
 * Labels, probabilities and log-likelihoods of points under a mixture
 * (nanoclust_gmm_predict_f32() / _f64()).
 * @param model the mixture (gmm_fit() or caller-made).
 * @param x m x d points.
 * @param ws workspace to reuse (optional).
 * @return the predictions.
 */
template <class T>
detail::ret<gmm_prediction<T>> gmm_predict(const gmm_model<T> &model, detail::nondeduced<matrix_view<T>> x,
                                           scratch &&ws = scratch()) {
    gmm_prediction<T> r;
    status s = NANOCLUST_OK;
    std::size_t bytes = detail::gmm_workspace(model, x.cols(), s);
    detail::make(r.labels, x.rows(), s);
    detail::make(r.proba, detail::mul(x.rows(), model.k, s), s);
    detail::make(r.log_likelihood, x.rows(), s);
    if (s == NANOCLUST_OK)
        s = detail::api<T>::gmm_predict(model.weights.data(), model.means.data(), model.covariances.data(), model.k,
                                        model.d, model.covariance_type, x.data(), x.rows(), ws.reserve(bytes), bytes,
                                        r.labels.data(), r.proba.data(), r.log_likelihood.data());
    return detail::done(s, "nanoclust_gmm_predict", std::move(r));
}

/**
 * Bayesian information criterion of a mixture on `x`, lower is better
 * (nanoclust_gmm_bic_f32() / _f64(), scikit-learn's GaussianMixture.bic).
 * @param model the mixture.
 * @param x n x d samples.
 * @param ws workspace to reuse (optional).
 * @return the BIC.
 */
template <class T>
detail::ret<double> gmm_bic(const gmm_model<T> &model, detail::nondeduced<matrix_view<T>> x,
                            scratch &&ws = scratch()) {
    double r = 0.0;
    status s = NANOCLUST_OK;
    std::size_t bytes = detail::gmm_workspace(model, x.cols(), s);
    if (s == NANOCLUST_OK)
        s = detail::api<T>::gmm_bic(model.weights.data(), model.means.data(), model.covariances.data(), model.k,
                                    model.d, model.covariance_type, x.data(), x.rows(), ws.reserve(bytes), bytes, &r);
    return detail::done(s, "nanoclust_gmm_bic", r);
}

/** @} */

/** @name Standard scaler
 * @{ */

/**
 * Per-feature mean and standard deviation (nanoclust_standard_scaler_fit_f32() / _f64()).
 * @param x n x d samples.
 * @return the scaler.
 */
template <class T>
detail::ret<scaler<T>> standard_scaler_fit(matrix_view<T> x) {
    scaler<T> r;
    status s = NANOCLUST_OK;
    detail::make(r.mean, x.cols(), s);
    detail::make(r.scale, x.cols(), s);
    s = detail::api<T>::standard_scaler_fit(x.data(), x.rows(), x.cols(), r.mean.data(), r.scale.data());
    return detail::done(s, "nanoclust_standard_scaler_fit", std::move(r));
}

/** @cond NANOCLUST_INTERNAL */
namespace detail {
/** A scaler's transform or inverse transform into a new n*d vector. */
template <class T, class F>
inline ret<std::vector<T>> scaler_apply(F f, const char *name, const scaler<T> &sc, matrix_view<T> x) {
    std::vector<T> r;
    status s = NANOCLUST_OK;
    same(sc.mean.size(), x.cols(), s);
    same(sc.scale.size(), x.cols(), s);
    make(r, mul(x.rows(), x.cols(), s), s);
    if (s == NANOCLUST_OK) s = f(x.data(), x.rows(), x.cols(), sc.mean.data(), sc.scale.data(), r.data());
    return done(s, name, std::move(r));
}
}  // namespace detail
/** @endcond */

/**
 * (x - mean) / scale (nanoclust_standard_scaler_transform_f32() / _f64()).
 * @param sc the scaler (d features).
 * @param x n x d samples.
 * @return n*d scaled values.
 */
template <class T>
detail::ret<std::vector<T>> standard_scaler_transform(const scaler<T> &sc, detail::nondeduced<matrix_view<T>> x) {
    return detail::scaler_apply(detail::api<T>::standard_scaler_transform, "nanoclust_standard_scaler_transform", sc,
                                x);
}

/**
 * x * scale + mean (nanoclust_standard_scaler_inverse_transform_f32() / _f64()).
 * @param sc the scaler (d features).
 * @param x n x d scaled samples.
 * @return n*d values in original units.
 */
template <class T>
detail::ret<std::vector<T>> standard_scaler_inverse_transform(const scaler<T> &sc,
                                                              detail::nondeduced<matrix_view<T>> x) {
    return detail::scaler_apply(detail::api<T>::standard_scaler_inverse_transform,
                                "nanoclust_standard_scaler_inverse_transform", sc, x);
}

/** @} */

/** @name Metrics
 * @{ */

/**
 * Sum of squared distances of the samples to their assigned centers
 * (nanoclust_inertia_f32() / _f64()).
 * @param x n x d samples.
 * @param centers k x d centers.
 * @param labels n labels in 0..k-1.
 * @return the inertia.
 */
template <class T>
detail::ret<double> inertia(matrix_view<T> x, detail::nondeduced<matrix_view<T>> centers,
                            span<std::int32_t> labels) {
    double r = 0.0;
    status s = NANOCLUST_OK;
    detail::same(centers.cols(), x.cols(), s);
    detail::same(labels.size(), x.rows(), s);
    if (s == NANOCLUST_OK)
        s = detail::api<T>::inertia(x.data(), x.rows(), x.cols(), centers.data(), centers.rows(), labels.data(), &r);
    return detail::done(s, "nanoclust_inertia", r);
}

/**
 * Mean silhouette coefficient (nanoclust_silhouette_score_f32() / _f64());
 * negative labels (noise) are left out.
 * @param x n x d samples.
 * @param labels n labels below n_clusters.
 * @param n_clusters number of clusters.
 * @param metric NANOCLUST_METRIC_*.
 * @param ws workspace to reuse (optional).
 * @return the score in [-1, 1].
 */
template <class T>
detail::ret<double> silhouette_score(matrix_view<T> x, span<std::int32_t> labels, std::size_t n_clusters,
                                     std::uint32_t metric = NANOCLUST_METRIC_EUCLIDEAN, scratch &&ws = scratch()) {
    double r = 0.0;
    status s = NANOCLUST_OK;
    detail::same(labels.size(), x.rows(), s);
    std::size_t bytes = 0;
    if (s == NANOCLUST_OK) s = nanoclust_silhouette_workspace_size(x.rows(), n_clusters, &bytes);
    if (s == NANOCLUST_OK)
        s = detail::api<T>::silhouette_score(x.data(), x.rows(), x.cols(), labels.data(), n_clusters, metric,
                                             ws.reserve(bytes), bytes, &r);
    return detail::done(s, "nanoclust_silhouette_score", r);
}

/**
 * Per-sample silhouette coefficients (nanoclust_silhouette_samples_f32() / _f64()).
 * @param x n x d samples.
 * @param labels n labels below n_clusters.
 * @param n_clusters number of clusters.
 * @param metric NANOCLUST_METRIC_*.
 * @param ws workspace to reuse (optional).
 * @return n coefficients (0 for left-out samples).
 */
template <class T>
detail::ret<std::vector<T>> silhouette_samples(matrix_view<T> x, span<std::int32_t> labels, std::size_t n_clusters,
                                               std::uint32_t metric = NANOCLUST_METRIC_EUCLIDEAN,
                                               scratch &&ws = scratch()) {
    std::vector<T> r;
    status s = NANOCLUST_OK;
    detail::same(labels.size(), x.rows(), s);
    std::size_t bytes = 0;
    if (s == NANOCLUST_OK) s = nanoclust_silhouette_workspace_size(x.rows(), n_clusters, &bytes);
    detail::make(r, x.rows(), s);
    if (s == NANOCLUST_OK)
        s = detail::api<T>::silhouette_samples(x.data(), x.rows(), x.cols(), labels.data(), n_clusters, metric,
                                               ws.reserve(bytes), bytes, r.data());
    return detail::done(s, "nanoclust_silhouette_samples", std::move(r));
}

/** @cond NANOCLUST_INTERNAL */
namespace detail {
/** Calinski-Harabasz or Davies-Bouldin: the cluster-statistics workspace, one double out. */
template <class T, class F>
inline ret<double> stats_metric(F f, const char *name, matrix_view<T> x, span<std::int32_t> labels,
                                std::size_t n_clusters, scratch &ws) {
    double r = 0.0;
    status s = NANOCLUST_OK;
    same(labels.size(), x.rows(), s);
    std::size_t bytes = 0;
    if (s == NANOCLUST_OK) s = nanoclust_cluster_stats_workspace_size(x.cols(), n_clusters, &bytes);
    if (s == NANOCLUST_OK)
        s = f(x.data(), x.rows(), x.cols(), labels.data(), n_clusters, ws.reserve(bytes), bytes, &r);
    return done(s, name, r);
}
}  // namespace detail
/** @endcond */

/**
 * Calinski-Harabasz score, higher is better (nanoclust_calinski_harabasz_f32() / _f64()).
 * @param x n x d samples.
 * @param labels n labels below n_clusters.
 * @param n_clusters number of clusters.
 * @param ws workspace to reuse (optional).
 * @return the score.
 */
template <class T>
detail::ret<double> calinski_harabasz(matrix_view<T> x, span<std::int32_t> labels, std::size_t n_clusters,
                                      scratch &&ws = scratch()) {
    return detail::stats_metric(detail::api<T>::calinski_harabasz, "nanoclust_calinski_harabasz", x, labels,
                                n_clusters, ws);
}

/**
 * Davies-Bouldin index, lower is better (nanoclust_davies_bouldin_f32() / _f64()).
 * @param x n x d samples.
 * @param labels n labels below n_clusters.
 * @param n_clusters number of clusters.
 * @param ws workspace to reuse (optional).
 * @return the index.
 */
template <class T>
detail::ret<double> davies_bouldin(matrix_view<T> x, span<std::int32_t> labels, std::size_t n_clusters,
                                   scratch &&ws = scratch()) {
    return detail::stats_metric(detail::api<T>::davies_bouldin, "nanoclust_davies_bouldin", x, labels, n_clusters,
                                ws);
}

/** @cond NANOCLUST_INTERNAL */
namespace detail {
using pair_metric = status (*)(const std::int32_t *, const std::int32_t *, std::size_t, void *, std::size_t,
                               double *);
inline ret<double> compare_labelings(pair_metric f, const char *name, span<std::int32_t> a,
                                     span<std::int32_t> b, scratch &ws) {
    double r = 0.0;
    status s = NANOCLUST_OK;
    same(b.size(), a.size(), s);
    std::size_t bytes = 0;
    if (s == NANOCLUST_OK) s = nanoclust_contingency_workspace_size(a.size(), &bytes);
    if (s == NANOCLUST_OK) s = f(a.data(), b.data(), a.size(), ws.reserve(bytes), bytes, &r);
    return done(s, name, r);
}
}  // namespace detail
/** @endcond */

/**
 * Adjusted Rand index of two labelings of the same samples (nanoclust_adjusted_rand_index()).
 * @param a n labels (any int32 values).
 * @param b n labels.
 * @param ws workspace to reuse (optional).
 * @return the index, 1 for identical partitions.
 */
inline detail::ret<double> adjusted_rand_index(span<std::int32_t> a, span<std::int32_t> b,
                                               scratch &&ws = scratch()) {
    return detail::compare_labelings(&nanoclust_adjusted_rand_index, "nanoclust_adjusted_rand_index", a, b, ws);
}

/**
 * Normalized mutual information (arithmetic mean) of two labelings (nanoclust_normalized_mutual_info()).
 * @param a n labels (any int32 values).
 * @param b n labels.
 * @param ws workspace to reuse (optional).
 * @return the score in [0, 1].
 */
inline detail::ret<double> normalized_mutual_info(span<std::int32_t> a, span<std::int32_t> b,
                                                  scratch &&ws = scratch()) {
    return detail::compare_labelings(&nanoclust_normalized_mutual_info, "nanoclust_normalized_mutual_info", a, b,
                                     ws);
}

/** @} */

/** @name Choosing k and eps
 * @{ */

/**
 * Fits k-means for every k in [k_min, k_max] and reports inertia and
 * silhouette per k (nanoclust_kmeans_sweep_f32() / _f64()).
 * @param x n x d samples.
 * @param k_min first k, >= 2.
 * @param k_max last k, <= n - 1.
 * @param params k-means parameters (n_clusters ignored).
 * @param sample_weight n weights, or empty.
 * @param with_silhouette false skips the O(n^2 d) silhouettes.
 * @param ws workspace to reuse (optional).
 * @return the curves and the suggested k.
 */
template <class T>
detail::ret<sweep_result> kmeans_sweep(matrix_view<T> x, std::size_t k_min, std::size_t k_max,
                                       const kmeans_params &params, detail::nondeduced<span<T>> sample_weight = {},
                                       bool with_silhouette = true, scratch &&ws = scratch()) {
    sweep_result r;
    r.k_min = k_min;
    status s = NANOCLUST_OK;
    const T *w = detail::optional(sample_weight, x.rows(), s);
    std::size_t count = k_max >= k_min ? k_max - k_min + 1 : 0;
    std::size_t bytes = 0;
    if (s == NANOCLUST_OK)
        s = detail::api<T>::kmeans_sweep_workspace_size(x.rows(), x.cols(), k_min, k_max, &params, &bytes);
    detail::make(r.inertia, count, s);
    if (with_silhouette) detail::make(r.silhouette, count, s);
    nanoclust_kmeans_sweep_result out = {0, 0};
    if (s == NANOCLUST_OK)
        s = detail::api<T>::kmeans_sweep(x.data(), x.rows(), x.cols(), w, k_min, k_max, &params, ws.reserve(bytes),
                                         bytes, r.inertia.data(), with_silhouette ? r.silhouette.data() : nullptr,
                                         &out);
    r.best_silhouette_k = out.best_silhouette_k;
    r.elbow_k = out.elbow_k;
    return detail::done(s, "nanoclust_kmeans_sweep", std::move(r));
}

/**
 * Suggests DBSCAN's eps at the knee of the sorted k-distance curve
 * (nanoclust_suggest_eps_f32() / _f64()).
 * @param x n x d samples.
 * @param min_samples DBSCAN's min_samples.
 * @param metric NANOCLUST_METRIC_*.
 * @param ws workspace to reuse (optional).
 * @return eps, the curve and the knee's index.
 */
template <class T>
detail::ret<eps_suggestion<T>> suggest_eps(matrix_view<T> x, std::uint32_t min_samples,
                                           std::uint32_t metric = NANOCLUST_METRIC_EUCLIDEAN,
                                           scratch &&ws = scratch()) {
    eps_suggestion<T> r;
    std::size_t bytes = 0;
    status s = detail::api<T>::suggest_eps_workspace_size(x.rows(), x.cols(), min_samples, metric, &bytes);
    detail::make(r.curve, x.rows(), s);
    if (s == NANOCLUST_OK)
        s = detail::api<T>::suggest_eps(x.data(), x.rows(), x.cols(), min_samples, metric, ws.reserve(bytes), bytes,
                                        &r.eps, r.curve.data(), &r.knee);
    return detail::done(s, "nanoclust_suggest_eps", std::move(r));
}

/**
 * The knee of a curve: the point farthest from the chord joining its ends
 * (nanoclust_knee_index()).
 * @param y n values.
 * @return the knee's index.
 */
inline detail::ret<std::size_t> knee_index(span<double> y) {
    std::size_t r = 0;
    status s = nanoclust_knee_index(y.data(), y.size(), &r);
    return detail::done(s, "nanoclust_knee_index", r);
}

/** @} */

}  // namespace nanoclust

#endif /* NANOCLUST_HPP */
