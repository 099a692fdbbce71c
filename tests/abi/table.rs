//! One entry per export of `include/nanoclust.h` (the `_f32`/`_f64` pairs
//! share one line of the `entry!` macro). `tests/abi/main.rs` fails if an
//! export of the header is missing here.

use crate::harness::Elem::{Merge, Usize, F64, I32, S, U32, U8};
use crate::harness::Fill::{
    Centers, Chain, Condensed, Curve, Identity, Labels, LabelsB, Ones, Uniform, Zeros,
};
use crate::harness::Len::{Condensed as Cond, Kdd, NMinus1, Sweep, KD, MD, MK, ND};
use crate::harness::*;
use nanoclust::ffi::gmm::*;
use nanoclust::ffi::hierarchy::*;
use nanoclust::ffi::*;

/// The exports that return something other than a status (checked by
/// `plain_exports_answer` in main.rs).
pub const PLAIN: [&str; 6] = [
    "nanoclust_partial_block_rows",
    "nanoclust_kmeans_params_default",
    "nanoclust_dbscan_params_default",
    "nanoclust_gmm_params_default",
    "nanoclust_status_message",
    "nanoclust_version",
];

/// Every status-returning export.
pub fn table() -> Vec<Entry> {
    let mut t = Vec::new();
    // ---- k-means --------------------------------------------------------
    t.extend(entry!(
        nanoclust_kmeans_workspace_size_f32
            / nanoclust_kmeans_workspace_size_f64 {
                n: n(),
                d: d(),
                params: params(Params::KMeans),
                bytes_out: bytes_out(),
            }
    ));
    t.extend(entry!(nanoclust_kmeans_fit_f32 / nanoclust_kmeans_fit_f64 {
        x: data(ND), n: n(), d: d(), sample_weight: weights(), params: params(Params::KMeans),
        workspace: workspace(), workspace_bytes: workspace_bytes(), centers: out(S, KD),
        labels: out(I32, Len::N).nullable(), result: out_struct::<nanoclust_kmeans_result>().nullable(),
    } ws = nanoclust_kmeans_workspace_size_f32 / nanoclust_kmeans_workspace_size_f64));
    t.extend(entry!(
        nanoclust_kmeans_predict_f32
            / nanoclust_kmeans_predict_f64 {
                centers: input(S, KD, Centers),
                k: k(),
                d: d(),
                x: data(ND),
                n: n(),
                labels: out(I32, Len::N),
                sq_distances: out(S, Len::N).nullable(),
            }
    ));
    t.extend(entry!(
        nanoclust_kmeans_partial_fit_f32
            / nanoclust_kmeans_partial_fit_f64 {
                x: data(ND),
                n: n(),
                d: d(),
                sample_weight: weights(),
                centers: in_out(S, KD, Centers),
                counts: in_out(F64, Len::K, Zeros),
                k: k(),
            }
    ));
    t.extend(entry!(
        nanoclust_kmeans_partial_fit_workspace_size_f32
            / nanoclust_kmeans_partial_fit_workspace_size_f64 {
                d: d().huge(Some(OVERFLOW)),
                k: k().huge(Some(OVERFLOW)),
                bytes_out: bytes_out(),
            }
    ));
    t.extend(entry!(nanoclust_kmeans_partial_fit_with_workspace_f32 / nanoclust_kmeans_partial_fit_with_workspace_f64 {
        x: data(ND), n: n(), d: d(), sample_weight: weights(), centers: in_out(S, KD, Centers),
        counts: in_out(F64, Len::K, Zeros), k: k(), workspace: workspace(), workspace_bytes: workspace_bytes(),
    } ws = nanoclust_kmeans_partial_fit_workspace_size_f32 / nanoclust_kmeans_partial_fit_workspace_size_f64));
    // ---- DBSCAN ---------------------------------------------------------
    t.extend(entry!(
        nanoclust_dbscan_workspace_size_f32
            / nanoclust_dbscan_workspace_size_f64 {
                n: n(),
                d: d(),
                params: params(Params::Dbscan),
                bytes_out: bytes_out(),
            }
    ));
    t.extend(entry!(nanoclust_dbscan_fit_f32 / nanoclust_dbscan_fit_f64 {
        x: data(ND), n: n(), d: d(), sample_weight: weights(), params: params(Params::Dbscan),
        workspace: workspace(), workspace_bytes: workspace_bytes(), labels: out(I32, Len::N),
        is_core: out(U8, Len::N).nullable(), result: out_struct::<nanoclust_dbscan_result>().nullable(),
    } ws = nanoclust_dbscan_workspace_size_f32 / nanoclust_dbscan_workspace_size_f64));
    t.extend(entry!(nanoclust_dbscan_predict_f32 / nanoclust_dbscan_predict_f64 {
        x_train: data(ND), n: n(), d: d(), labels: input(I32, Len::N, Labels), is_core: input(U8, Len::N, Ones),
        params: params(Params::Dbscan), x_new: data(MD), m: m(), workspace: workspace(),
        workspace_bytes: workspace_bytes(), labels_out: out(I32, Len::M),
    } ws = nanoclust_dbscan_predict_workspace_size_f32 / nanoclust_dbscan_predict_workspace_size_f64));
    t.extend(entry!(
        nanoclust_dbscan_predict_workspace_size_f32
            / nanoclust_dbscan_predict_workspace_size_f64 {
                n: n(),
                d: d(),
                m: m(),
                params: params(Params::Dbscan),
                bytes_out: bytes_out(),
            }
    ));
    t.extend(entry!(
        nanoclust_core_distances_workspace_size_f32
            / nanoclust_core_distances_workspace_size_f64 {
                n: n(),
                d: d(),
                min_samples: count(3),
                metric: metric(),
                bytes_out: bytes_out(),
            }
    ));
    t.extend(entry!(nanoclust_core_distances_f32 / nanoclust_core_distances_f64 {
        x: data(ND), n: n(), d: d(), min_samples: count(3), metric: metric(), workspace: workspace(),
        workspace_bytes: workspace_bytes(), out: out(S, Len::N),
    } ws = nanoclust_core_distances_workspace_size_f32 / nanoclust_core_distances_workspace_size_f64));
    // ---- hierarchy ------------------------------------------------------
    let method = || enumerated(NANOCLUST_LINKAGE_AVERAGE, NANOCLUST_LINKAGE_MEDIAN);
    // An n*d that overflows is SIZE_OVERFLOW for every method, including those
    // whose workspace does not hold n*d values (issue #13, class 6).
    t.extend(entry!(
        nanoclust_linkage_workspace_size_f32
            / nanoclust_linkage_workspace_size_f64 {
                n: n(),
                d: d().huge(Some(OVERFLOW)),
                method: method(),
                metric: metric(),
                bytes_out: bytes_out(),
            }
    ));
    t.extend(entry!(nanoclust_linkage_f32 / nanoclust_linkage_f64 {
        x: data(ND), n: n(), d: d(), method: method(), metric: metric(), workspace: workspace(),
        workspace_bytes: workspace_bytes(), merges: out(Merge, NMinus1),
    } ws = nanoclust_linkage_workspace_size_f32 / nanoclust_linkage_workspace_size_f64));
    t.extend(entry!(
        nanoclust_linkage_condensed_workspace_size_f32
            / nanoclust_linkage_condensed_workspace_size_f64 {
                n: n(),
                method: method(),
                bytes_out: bytes_out(),
            }
    ));
    t.extend(entry!(nanoclust_linkage_condensed_f32 / nanoclust_linkage_condensed_f64 {
        condensed: input(S, Cond, Condensed), n: n(), method: method(), workspace: workspace(),
        workspace_bytes: workspace_bytes(), merges: out(Merge, NMinus1),
    } ws = nanoclust_linkage_condensed_workspace_size_f32 / nanoclust_linkage_condensed_workspace_size_f64));
    t.extend(entry!(nanoclust_cut_tree_workspace_size {
        n: n(),
        bytes_out: bytes_out()
    }));
    t.extend(entry!(nanoclust_cut_tree_n_clusters {
        merges: input(Merge, NMinus1, Chain), n: n(), n_clusters: n_clusters(), workspace: workspace(),
        workspace_bytes: workspace_bytes(), labels: out(I32, Len::N),
    } ws = nanoclust_cut_tree_workspace_size));
    t.extend(entry!(nanoclust_cut_tree_distance {
        merges: input(Merge, NMinus1, Chain), n: n(), threshold: Spec::Real(2.5), workspace: workspace(),
        workspace_bytes: workspace_bytes(), labels: out(I32, Len::N), n_clusters_out: out(Usize, Len::One),
    } ws = nanoclust_cut_tree_workspace_size));
    t.extend(entry!(nanoclust_dendrogram_leaves {
        merges: input(Merge, NMinus1, Chain), n: n(), workspace: workspace(),
        workspace_bytes: workspace_bytes(), order: out(U32, Len::N),
    } ws = nanoclust_cut_tree_workspace_size));
    // ---- Gaussian mixtures ----------------------------------------------
    let cov = || enumerated(NANOCLUST_COVARIANCE_FULL, NANOCLUST_COVARIANCE_SPHERICAL);
    t.extend(entry!(
        nanoclust_gmm_workspace_size_f32
            / nanoclust_gmm_workspace_size_f64 {
                n: n(),
                d: d().huge(Some(OVERFLOW)),
                params: params(Params::Gmm),
                bytes_out: bytes_out(),
            }
    ));
    t.extend(entry!(nanoclust_gmm_fit_f32 / nanoclust_gmm_fit_f64 {
        x: data(ND), n: n(), d: d(), params: params(Params::Gmm), workspace: workspace(),
        workspace_bytes: workspace_bytes(), weights: out(S, Len::K), means: out(S, KD), covariances: out(S, Kdd),
        result: out_struct::<nanoclust_gmm_result>().nullable(),
    } ws = nanoclust_gmm_workspace_size_f32 / nanoclust_gmm_workspace_size_f64));
    t.extend(entry!(nanoclust_gmm_fit_weighted_f32 / nanoclust_gmm_fit_weighted_f64 {
        x: data(ND), n: n(), d: d(), sample_weight: weights(), params: params(Params::Gmm), workspace: workspace(),
        workspace_bytes: workspace_bytes(), weights: out(S, Len::K), means: out(S, KD), covariances: out(S, Kdd),
        result: out_struct::<nanoclust_gmm_result>().nullable(),
    } ws = nanoclust_gmm_workspace_size_f32 / nanoclust_gmm_workspace_size_f64));
    t.extend(entry!(
        nanoclust_gmm_predict_workspace_size_f32
            / nanoclust_gmm_predict_workspace_size_f64 {
                k: k().zero(SHAPE),
                d: d().huge(Some(OVERFLOW)),
                covariance_type: cov(),
                bytes_out: bytes_out(),
            }
    ));
    t.extend(entry!(nanoclust_gmm_predict_f32 / nanoclust_gmm_predict_f64 {
        weights: input(S, Len::K, Uniform), means: input(S, KD, Centers), covariances: input(S, Kdd, Identity),
        k: k().zero(SHAPE), d: d(), covariance_type: cov(), x: data(MD), m: m(), workspace: workspace(),
        workspace_bytes: workspace_bytes(), labels: out(I32, Len::M).nullable(), proba: out(S, MK).nullable(),
        log_likelihood: out(S, Len::M).nullable(),
    } ws = nanoclust_gmm_predict_workspace_size_f32 / nanoclust_gmm_predict_workspace_size_f64));
    t.extend(entry!(nanoclust_gmm_bic_f32 / nanoclust_gmm_bic_f64 {
        weights: input(S, Len::K, Uniform), means: input(S, KD, Centers), covariances: input(S, Kdd, Identity),
        k: k().zero(SHAPE), d: d(), covariance_type: cov(), x: data(ND), n: n(), workspace: workspace(),
        workspace_bytes: workspace_bytes(), bic_out: out(F64, Len::One),
    } ws = nanoclust_gmm_predict_workspace_size_f32 / nanoclust_gmm_predict_workspace_size_f64));
    // ---- metrics --------------------------------------------------------
    let labels = || input(I32, Len::N, Labels);
    t.extend(entry!(
        nanoclust_inertia_f32
            / nanoclust_inertia_f64 {
                x: data(ND),
                n: n(),
                d: d(),
                centers: input(S, KD, Centers),
                k: k(),
                labels: labels(),
                out: out(F64, Len::One),
            }
    ));
    t.extend(entry!(nanoclust_silhouette_workspace_size {
        n: n(),
        n_clusters: n_clusters(),
        bytes_out: bytes_out()
    }));
    t.extend(
        entry!(nanoclust_silhouette_score_f32 / nanoclust_silhouette_score_f64 {
        x: data(ND), n: n(), d: d(), labels: labels(), n_clusters: n_clusters(), metric: metric(),
        workspace: workspace(), workspace_bytes: workspace_bytes(), out: out(F64, Len::One),
    } ws = nanoclust_silhouette_workspace_size / nanoclust_silhouette_workspace_size),
    );
    t.extend(
        entry!(nanoclust_silhouette_samples_f32 / nanoclust_silhouette_samples_f64 {
        x: data(ND), n: n(), d: d(), labels: labels(), n_clusters: n_clusters(), metric: metric(),
        workspace: workspace(), workspace_bytes: workspace_bytes(), out: out(S, Len::N),
    } ws = nanoclust_silhouette_workspace_size / nanoclust_silhouette_workspace_size),
    );
    t.extend(entry!(nanoclust_cluster_stats_workspace_size {
        d: d().huge(Some(OVERFLOW)),
        n_clusters: n_clusters(),
        bytes_out: bytes_out()
    }));
    t.extend(entry!(nanoclust_calinski_harabasz_f32 / nanoclust_calinski_harabasz_f64 {
        x: data(ND), n: n(), d: d(), labels: labels(), n_clusters: n_clusters(), workspace: workspace(),
        workspace_bytes: workspace_bytes(), out: out(F64, Len::One),
    } ws = nanoclust_cluster_stats_workspace_size / nanoclust_cluster_stats_workspace_size));
    t.extend(entry!(nanoclust_davies_bouldin_f32 / nanoclust_davies_bouldin_f64 {
        x: data(ND), n: n(), d: d(), labels: labels(), n_clusters: n_clusters(), workspace: workspace(),
        workspace_bytes: workspace_bytes(), out: out(F64, Len::One),
    } ws = nanoclust_cluster_stats_workspace_size / nanoclust_cluster_stats_workspace_size));
    // Two empty labelings are valid (scikit-learn scores them 1.0): n = 0 is OK.
    t.extend(entry!(nanoclust_contingency_workspace_size {
        n: n().zero(NANOCLUST_OK),
        bytes_out: bytes_out()
    }));
    t.extend(entry!(nanoclust_adjusted_rand_index {
        a: labels(), b: input(I32, Len::N, LabelsB), n: n().zero(NANOCLUST_OK), workspace: workspace(),
        workspace_bytes: workspace_bytes(), out: out(F64, Len::One),
    } ws = nanoclust_contingency_workspace_size));
    t.extend(entry!(nanoclust_normalized_mutual_info {
        a: labels(), b: input(I32, Len::N, LabelsB), n: n().zero(NANOCLUST_OK), workspace: workspace(),
        workspace_bytes: workspace_bytes(), out: out(F64, Len::One),
    } ws = nanoclust_contingency_workspace_size));
    // ---- model selection ------------------------------------------------
    let k_min = || size(SIZES.k_min, PARAM).huge(Some(PARAM));
    let k_max = || size(SIZES.k_max, PARAM).huge(Some(PARAM));
    t.extend(entry!(
        nanoclust_kmeans_sweep_workspace_size_f32
            / nanoclust_kmeans_sweep_workspace_size_f64 {
                n: n(),
                d: d(),
                k_min: k_min(),
                k_max: k_max(),
                params: params(Params::KMeans),
                bytes_out: bytes_out(),
            }
    ));
    t.extend(
        entry!(nanoclust_kmeans_sweep_f32 / nanoclust_kmeans_sweep_f64 {
        x: data(ND), n: n(), d: d(), sample_weight: weights(), k_min: k_min(), k_max: k_max(),
        params: params(Params::KMeans), workspace: workspace(), workspace_bytes: workspace_bytes(),
        inertia: out(F64, Sweep), silhouette: out(F64, Sweep).nullable(),
        result: out_struct::<nanoclust_kmeans_sweep_result>().nullable(),
    } ws = nanoclust_kmeans_sweep_workspace_size_f32 / nanoclust_kmeans_sweep_workspace_size_f64),
    );
    t.extend(entry!(
        nanoclust_suggest_eps_workspace_size_f32
            / nanoclust_suggest_eps_workspace_size_f64 {
                n: n().huge(Some(SHAPE)),
                d: d(),
                min_samples: count(3),
                metric: metric(),
                bytes_out: bytes_out(),
            }
    ));
    t.extend(entry!(nanoclust_suggest_eps_f32 / nanoclust_suggest_eps_f64 {
        x: data(ND), n: n(), d: d(), min_samples: count(3), metric: metric(), workspace: workspace(),
        workspace_bytes: workspace_bytes(), eps_out: out(F64, Len::One), curve: out(S, Len::N).nullable(),
        knee_out: out(Usize, Len::One).nullable(),
    } ws = nanoclust_suggest_eps_workspace_size_f32 / nanoclust_suggest_eps_workspace_size_f64));
    t.extend(entry!(nanoclust_knee_index {
        y: input(F64, Len::N, Curve),
        n: n().zero(PARAM),
        index_out: out(Usize, Len::One),
    }));
    // ---- preprocessing --------------------------------------------------
    t.extend(entry!(
        nanoclust_standard_scaler_fit_f32
            / nanoclust_standard_scaler_fit_f64 {
                x: data(ND),
                n: n(),
                d: d(),
                mean: out(S, Len::D),
                scale: out(S, Len::D),
            }
    ));
    t.extend(entry!(
        nanoclust_standard_scaler_transform_f32
            / nanoclust_standard_scaler_transform_f64 {
                x: data(ND),
                n: n(),
                d: d(),
                mean: input(S, Len::D, Zeros),
                scale: input(S, Len::D, Ones),
                out: out(S, ND),
            }
    ));
    t.extend(entry!(
        nanoclust_standard_scaler_inverse_transform_f32
            / nanoclust_standard_scaler_inverse_transform_f64 {
                x: data(ND),
                n: n(),
                d: d(),
                mean: input(S, Len::D, Zeros),
                scale: input(S, Len::D, Ones),
                out: out(S, ND),
            }
    ));
    // ---- partial statistics -------------------------------------------
    let acc_km = "nanoclust_kmeans_accumulate";
    let acc_gmm = "nanoclust_gmm_accumulate";
    let acc_sc = "nanoclust_standard_scaler_accumulate";
    // accumulate and k-means finish answer stats_bytes = 0 (any size below
    // the blob header) INVALID_PARAMETER ("corrupt"), the inits, merges and
    // GMM/scaler finish INVALID_SHAPE: both documented, so `.zero(PARAM)`.
    // A merge's stats_bytes = SIZE_MAX makes the two blobs' ranges overlap,
    // which the merges check first (INVALID_PARAMETER, documented).
    let merged_bytes = |b| stats_bytes(b).huge(Some(PARAM));
    // k is a parameter (0 and above 2^24: INVALID_PARAMETER); the sizes of
    // the blob overflow for d = SIZE_MAX.
    t.extend(entry!(nanoclust_kmeans_stats_size {
        k: n_clusters(),
        d: d().huge(Some(OVERFLOW)),
        bytes_out: bytes_out(),
    }));
    t.extend(entry!(nanoclust_kmeans_stats_init {
        stats: out_stats(Blob::KMeans),
        stats_bytes: stats_bytes(Blob::KMeans),
        k: n_clusters(),
        d: d().huge(Some(OVERFLOW)),
    }));
    t.extend(entry!(
        nanoclust_kmeans_accumulate_f32
            / nanoclust_kmeans_accumulate_f64 {
                x: data(ND),
                rows: n(),
                d: d(),
                sample_weight: weights(),
                first_row: Spec::Row(0),
                centers: input(S, KD, Centers),
                k: k(),
                labels: in_out(I32, Len::N, Labels),
                stats: stats(Blob::KMeans),
                stats_bytes: stats_bytes(Blob::KMeans).zero(PARAM),
            }
    ));
    t.extend(entry!(nanoclust_kmeans_stats_merge {
        into: stats(Blob::KMeans),
        from: accumulated_stats(Blob::KMeans, acc_km),
        stats_bytes: merged_bytes(Blob::KMeans),
    }));
    t.extend(entry!(
        nanoclust_kmeans_finish_f32
            / nanoclust_kmeans_finish_f64 {
                stats: accumulated_stats(Blob::KMeans, acc_km),
                stats_bytes: stats_bytes(Blob::KMeans).zero(PARAM),
                centers: input(S, KD, Centers),
                k: k(),
                d: d(),
                new_centers: out(S, KD),
                result: out_struct::<nanoclust_kmeans_step_result>().nullable(),
            }
    ));
    t.extend(entry!(nanoclust_gmm_stats_size {
        k: k().huge(Some(OVERFLOW)),
        d: d().huge(Some(OVERFLOW)),
        covariance_type: cov(),
        bytes_out: bytes_out(),
    }));
    t.extend(entry!(nanoclust_gmm_stats_init {
        stats: out_stats(Blob::Gmm),
        stats_bytes: stats_bytes(Blob::Gmm),
        k: k().huge(Some(OVERFLOW)),
        d: d().huge(Some(OVERFLOW)),
        covariance_type: cov(),
    }));
    t.extend(entry!(
        nanoclust_gmm_accumulate_f32
            / nanoclust_gmm_accumulate_f64 {
                x: data(ND),
                rows: n(),
                d: d().huge(Some(OVERFLOW)),
                sample_weight: weights(),
                weights: input(S, Len::K, Uniform),
                means: input(S, KD, Centers),
                covariances: input(S, Kdd, Identity),
                k: k().huge(Some(OVERFLOW)),
                covariance_type: cov(),
                stats: stats(Blob::Gmm),
                stats_bytes: stats_bytes(Blob::Gmm).zero(PARAM),
            }
    ));
    t.extend(entry!(nanoclust_gmm_stats_merge {
        into: stats(Blob::Gmm),
        from: accumulated_stats(Blob::Gmm, acc_gmm),
        stats_bytes: merged_bytes(Blob::Gmm),
    }));
    t.extend(entry!(
        nanoclust_gmm_finish_f32
            / nanoclust_gmm_finish_f64 {
                stats: accumulated_stats(Blob::Gmm, acc_gmm),
                stats_bytes: stats_bytes(Blob::Gmm),
                reg_covar: Spec::Real(1e-6),
                weights: out(S, Len::K),
                means: out(S, KD),
                covariances: out(S, Kdd),
                lower_bound: out(F64, Len::One).nullable(),
            }
    ));
    t.extend(entry!(nanoclust_standard_scaler_stats_size {
        d: d().huge(Some(OVERFLOW)),
        bytes_out: bytes_out(),
    }));
    t.extend(entry!(nanoclust_standard_scaler_stats_init {
        stats: out_stats(Blob::Scaler),
        stats_bytes: stats_bytes(Blob::Scaler),
        d: d().huge(Some(OVERFLOW)),
    }));
    t.extend(entry!(
        nanoclust_standard_scaler_accumulate_f32
            / nanoclust_standard_scaler_accumulate_f64 {
                x: data(ND),
                rows: n(),
                d: d(),
                sample_weight: weights(),
                stats: stats(Blob::Scaler),
                stats_bytes: stats_bytes(Blob::Scaler).zero(PARAM),
            }
    ));
    t.extend(entry!(nanoclust_standard_scaler_stats_merge {
        into: stats(Blob::Scaler),
        from: accumulated_stats(Blob::Scaler, acc_sc),
        stats_bytes: merged_bytes(Blob::Scaler),
    }));
    t.extend(entry!(
        nanoclust_standard_scaler_finish_f32
            / nanoclust_standard_scaler_finish_f64 {
                stats: accumulated_stats(Blob::Scaler, acc_sc),
                stats_bytes: stats_bytes(Blob::Scaler),
                mean: out(S, Len::D),
                scale: out(S, Len::D),
            }
    ));
    t
}
