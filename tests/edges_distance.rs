//! Edge class 3 (issue #13): a sample's distance to itself and to an exact
//! duplicate is exactly 0 in every metric, cosine included, for every caller
//! of the shared distance code (DBSCAN fit, predict and core distances under
//! every index, linkage, silhouette). Expected values are exact by definition
//! (scikit-learn labels `[[1, 1]]` with eps = 1e-17, min_samples = 1 as one
//! core cluster, 0).
#![cfg(feature = "std")]

use nanoclust::dbscan::IndexKind;
use nanoclust::hierarchy::Method;
use nanoclust::owned::dbscan::{core_distances, Dbscan};
use nanoclust::owned::hierarchy::Agglomerative;
use nanoclust::Metric;

const INDEXES: [IndexKind; 4] = [
    IndexKind::Auto,
    IndexKind::Brute,
    IndexKind::Grid,
    IndexKind::KdTree,
];

/// Rows whose `1 - cos(x, x)` is not 0 in floating point (found by search over small values).
fn awkward_rows() -> Vec<Vec<f64>> {
    vec![
        vec![1.0, 1.0],
        vec![0.1, 0.7, 0.3],
        vec![3.0, 1e-3, 7.0, 0.2],
        vec![1e8 + 0.25, 1e8],
        vec![0.3],
    ]
}

#[test]
fn the_kernels_give_exactly_zero_for_identical_vectors() {
    for row in awkward_rows() {
        let dup = row.clone();
        for m in Metric::ALL {
            assert_eq!(m.distance(&row, &row), 0.0, "{m:?} {row:?}");
            assert_eq!(m.distance(&row, &dup), 0.0, "{m:?} duplicate {row:?}");
            let r32: Vec<f32> = row.iter().map(|&v| v as f32).collect();
            assert_eq!(m.distance(&r32, &r32.clone()), 0.0, "{m:?} f32 {row:?}");
        }
    }
}

#[test]
fn issue_reproducer_single_sample_cosine_is_a_core_cluster() {
    for index in INDEXES {
        let fit = Dbscan::new(1e-17, 1)
            .metric(Metric::Cosine)
            .index(index)
            .fit(&[1.0f64, 1.0], 2)
            .unwrap();
        assert_eq!(fit.labels, vec![0], "{index:?}");
        assert_eq!(fit.is_core, vec![true], "{index:?}");
        let fit32 = Dbscan::new(1e-17, 1)
            .metric(Metric::Cosine)
            .index(index)
            .fit(&[1.0f32, 1.0], 2)
            .unwrap();
        assert_eq!(fit32.labels, vec![0], "f32 {index:?}");
    }
}

#[test]
fn exact_duplicates_are_neighbours_at_any_eps_in_every_metric_and_index() {
    for row in awkward_rows() {
        let d = row.len();
        // Three copies of the row and one far sample.
        let mut x: Vec<f64> = row.iter().chain(&row).chain(&row).copied().collect();
        x.extend(row.iter().map(|v| -v - 5.0));
        for metric in Metric::ALL {
            for index in INDEXES {
                let fit = Dbscan::new(1e-300, 3)
                    .metric(metric)
                    .index(index)
                    .fit(&x, d)
                    .unwrap();
                assert_eq!(
                    fit.labels,
                    vec![0, 0, 0, -1],
                    "{metric:?} {index:?} {row:?}"
                );
                assert_eq!(fit.is_core, vec![true, true, true, false]);
                // A duplicate of a core sample is predicted into its cluster.
                assert_eq!(fit.predict(&row).unwrap(), vec![0], "{metric:?} {index:?}");
            }
            let cd = core_distances(&x, d, 3, metric).unwrap();
            assert_eq!(&cd[..3], &[0.0, 0.0, 0.0], "{metric:?} {row:?}");
            let cd1 = core_distances(&x, d, 1, metric).unwrap();
            assert!(
                cd1.iter().all(|&v| v == 0.0),
                "{metric:?}: self distance {cd1:?}"
            );
        }
    }
}

#[test]
fn duplicates_merge_at_exactly_zero_in_cosine_linkage() {
    for row in awkward_rows() {
        if row.len() < 2 {
            continue;
        }
        let d = row.len();
        let mut x: Vec<f64> = row.iter().chain(&row).copied().collect();
        x.extend(row.iter().rev().map(|v| v + 1.0));
        for method in [
            Method::Single,
            Method::Complete,
            Method::Average,
            Method::Weighted,
        ] {
            let z = Agglomerative::new(method)
                .metric(Metric::Cosine)
                .fit(&x, d)
                .unwrap();
            assert_eq!(z.merges()[0].distance, 0.0, "{method:?} {row:?}");
        }
    }
}
