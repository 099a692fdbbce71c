//! Semantic ABI assertions of the hierarchy family that the generic harness
//! cannot express: every method, Euclidean-only methods, the memory class of
//! each method's workspace, overflow, n = 1, negative condensed distances,
//! corrupt merge arrays and the exact cuts of a known tree. Every failing
//! call is still checked to leave its outputs untouched (see `Args::run`).

use crate::harness::{both, Args, PARAM};
use nanoclust::ffi::hierarchy::*;
use nanoclust::ffi::*;

const ALL_METHODS: std::ops::RangeInclusive<u32> =
    NANOCLUST_LINKAGE_SINGLE..=NANOCLUST_LINKAGE_MEDIAN;
const EUCLIDEAN_ONLY: [u32; 3] = [
    NANOCLUST_LINKAGE_WARD,
    NANOCLUST_LINKAGE_CENTROID,
    NANOCLUST_LINKAGE_MEDIAN,
];

fn size(f: &str, n: usize, d: usize, method: u32, metric: u32) -> (i32, usize) {
    let mut b = 0usize;
    // SAFETY: `b` is a live size_t.
    let s = unsafe {
        match f {
            "f32" => nanoclust_linkage_workspace_size_f32(n, d, method, metric, &mut b),
            _ => nanoclust_linkage_workspace_size_f64(n, d, method, metric, &mut b),
        }
    };
    (s, b)
}

#[test]
fn ward_centroid_and_median_are_euclidean_only() {
    for s in ["f32", "f64"] {
        for method in EUCLIDEAN_ONLY {
            for metric in [
                NANOCLUST_METRIC_MANHATTAN,
                NANOCLUST_METRIC_CHEBYSHEV,
                NANOCLUST_METRIC_COSINE,
            ] {
                assert_eq!(size(s, 10, 2, method, metric).0, PARAM);
                let a = Args::new(&format!("nanoclust_linkage_{s}"))
                    .u32("method", method)
                    .u32("metric", metric);
                assert_eq!(a.status(), PARAM, "{s} method {method} metric {metric}");
            }
        }
    }
}

#[test]
fn workspace_sizes_show_each_methods_memory_class_and_overflow() {
    let (n, d) = (20_000usize, 8usize);
    for method in ALL_METHODS {
        let (s64, b64) = size("f64", n, d, method, 0);
        let (s32, b32) = size("f32", n, d, method, 0);
        assert_eq!((s64, s32), (NANOCLUST_OK, NANOCLUST_OK));
        if (NANOCLUST_LINKAGE_COMPLETE..=NANOCLUST_LINKAGE_WEIGHTED).contains(&method) {
            assert!(
                b64 >= n * (n - 1) / 2 * 8 && b32 >= n * (n - 1) / 2 * 4,
                "method {method}"
            );
        } else {
            assert!(
                b64 <= n * d * 8 + n * 64 && b32 <= n * d * 8 + n * 64,
                "method {method}: {b64} bytes"
            );
        }
    }
    // The condensed matrix of 2^31 - 1 samples, or n*d, overflows.
    let big = i32::MAX as usize;
    assert_eq!(
        size("f64", big, 2, NANOCLUST_LINKAGE_AVERAGE, 0).0,
        NANOCLUST_ERR_SIZE_OVERFLOW
    );
    assert_eq!(
        size("f64", big, usize::MAX / 4, NANOCLUST_LINKAGE_WARD, 0).0,
        NANOCLUST_ERR_SIZE_OVERFLOW
    );
    let mut b = 0usize;
    // SAFETY: `b` is a live size_t.
    unsafe {
        let s =
            nanoclust_linkage_condensed_workspace_size_f64(big, NANOCLUST_LINKAGE_COMPLETE, &mut b);
        assert_eq!(s, NANOCLUST_ERR_SIZE_OVERFLOW);
        let s = nanoclust_linkage_condensed_workspace_size_f64(n, NANOCLUST_LINKAGE_SINGLE, &mut b);
        assert_eq!(s, NANOCLUST_OK);
        assert!(b <= n * 64);
        assert_eq!(nanoclust_cut_tree_workspace_size(n, &mut b), NANOCLUST_OK);
        assert!(b <= n * 32);
    }
}

#[test]
fn every_method_rejects_non_finite_data_and_short_workspaces_and_takes_any_alignment() {
    for f in both("nanoclust_linkage") {
        for method in ALL_METHODS {
            let a = || {
                Args::new(&f)
                    .u32("method", method)
                    .u32("metric", 0)
                    .requery()
            };
            let mut ok = a();
            assert_eq!(ok.run(), NANOCLUST_OK, "{f} method {method}");
            let rows = ok.raw("merges");
            for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                assert_eq!(
                    a().set("x", 23, bad).status(),
                    NANOCLUST_ERR_NON_FINITE,
                    "{f} {method}"
                );
            }
            let full = a().ws();
            for short in [0, 1, full / 2, full - 1] {
                let s = a().workspace_bytes(short).status();
                assert_eq!(
                    s, NANOCLUST_ERR_WORKSPACE_TOO_SMALL,
                    "{f} method {method} bytes {short}"
                );
            }
            // The same call on a workspace at an odd address gives the same tree.
            let mut odd = vec![0u8; full + 1];
            let mut out = vec![nanoclust_merge::default(); 11];
            let x: Vec<f64> = (0..24).map(|t| a().get("x", t)).collect();
            let (x32, odd_ws) = (
                x.iter().map(|&v| v as f32).collect::<Vec<_>>(),
                odd[1..].as_mut_ptr().cast(),
            );
            // SAFETY: every pointer refers to a live local buffer of the stated length.
            let s = unsafe {
                if f.ends_with("f32") {
                    nanoclust_linkage_f32(
                        x32.as_ptr(),
                        12,
                        2,
                        method,
                        0,
                        odd_ws,
                        full,
                        out.as_mut_ptr(),
                    )
                } else {
                    nanoclust_linkage_f64(
                        x.as_ptr(),
                        12,
                        2,
                        method,
                        0,
                        odd_ws,
                        full,
                        out.as_mut_ptr(),
                    )
                }
            };
            assert_eq!(s, NANOCLUST_OK);
            // SAFETY: merge rows viewed as bytes.
            let bytes = unsafe { std::slice::from_raw_parts(out.as_ptr().cast::<u8>(), 11 * 24) };
            assert_eq!(bytes, &rows[..11 * 24], "{f} method {method}");
            assert!(out
                .iter()
                .all(|m| m.left < m.right && m.distance.is_finite()));
        }
    }
}

#[test]
fn cosine_zero_rows_and_overflowing_heights_are_rejected() {
    for f in both("nanoclust_linkage") {
        let cosine = Args::new(&f)
            .u32("metric", NANOCLUST_METRIC_COSINE)
            .set("x", 2, 0.0)
            .set("x", 3, 0.0);
        assert_eq!(cosine.status(), PARAM, "{f}");
    }
    // Finite float data whose distances overflow float.
    let x = [3.0e38, -3.0e38, -3.0e38, 3.0e38, 3.0e38, 3.0e38];
    for method in ALL_METHODS {
        for metric in 0..3u32 {
            if size("f32", 3, 2, method, metric).0 != NANOCLUST_OK {
                continue;
            }
            let a = Args::new("nanoclust_linkage_f32")
                .size("n", 3)
                .u32("method", method)
                .u32("metric", metric);
            let a = a.fill("x", |t| x.get(t).copied().unwrap_or(0.0)).requery();
            assert_eq!(
                a.status(),
                NANOCLUST_ERR_NUMERICAL,
                "method {method} metric {metric}"
            );
        }
    }
}

#[test]
fn a_single_sample_is_an_empty_tree() {
    for method in ALL_METHODS {
        for f in both("nanoclust_linkage")
            .into_iter()
            .chain(both("nanoclust_linkage_condensed"))
        {
            let mut a = Args::new(&f).size("n", 1).u32("method", method).requery();
            let before = a.raw("merges");
            assert_eq!(a.run(), NANOCLUST_OK, "{f} method {method}");
            assert_eq!(a.raw("merges"), before, "{f}: no rows are written");
        }
    }
    let one = |f: &str| tree(f).size("n", 1);
    let mut a = one("nanoclust_cut_tree_n_clusters").size("n_clusters", 1);
    assert_eq!(a.run(), NANOCLUST_OK);
    assert_eq!(a.get("labels", 0), 0.0);
    let mut a = one("nanoclust_cut_tree_distance");
    assert_eq!(a.run(), NANOCLUST_OK);
    assert_eq!((a.get("labels", 0), a.get("n_clusters_out", 0)), (0.0, 1.0));
    let mut a = one("nanoclust_dendrogram_leaves");
    assert_eq!(a.run(), NANOCLUST_OK);
    assert_eq!(a.get("order", 0), 0.0);
}

#[test]
fn condensed_distances_must_not_be_negative() {
    for f in both("nanoclust_linkage_condensed") {
        for method in ALL_METHODS {
            let a = || Args::new(&f).u32("method", method).requery();
            let mut ok = a();
            assert_eq!(ok.run(), NANOCLUST_OK);
            assert_eq!(
                ok.raw("merges")[10 * 24 + 16..10 * 24 + 20],
                12u32.to_ne_bytes(),
                "the root holds all"
            );
            for bad in [-1.0, -1e-30] {
                assert_eq!(
                    a().set("condensed", 4, bad).status(),
                    PARAM,
                    "{f} method {method} value {bad}"
                );
            }
        }
    }
}

/// A tree function on the valid tree ((0,1),(2,(3,4))) over 5 samples.
fn tree(f: &str) -> Args {
    let rows = [
        (0, 1, 0.5, 2),
        (3, 4, 1.0, 2),
        (2, 6, 1.5, 3),
        (5, 7, 3.0, 5),
    ];
    let mut a = Args::new(f).size("n", 5);
    for (i, (left, right, distance, size)) in rows.into_iter().enumerate() {
        a = a.merge(i, |m| {
            *m = nanoclust_merge {
                left,
                right,
                distance,
                size,
            }
        });
    }
    a
}

const TREE_FUNCTIONS: [&str; 3] = [
    "nanoclust_cut_tree_n_clusters",
    "nanoclust_cut_tree_distance",
    "nanoclust_dendrogram_leaves",
];

#[test]
fn corrupt_merges_are_rejected_never_trusted() {
    type Corruption = (&'static str, fn(&mut nanoclust_merge), usize, i32);
    let cases: [Corruption; 10] = [
        ("id out of range", |m| m.right = 9, 3, PARAM),
        ("id far out of range", |m| m.right = u32::MAX, 3, PARAM),
        ("cluster used before it exists", |m| m.right = 6, 1, PARAM),
        (
            "cluster used twice",
            |m| (m.left, m.right, m.size) = (1, 2, 2),
            2,
            PARAM,
        ),
        ("wrong size", |m| m.size = 4, 2, PARAM),
        ("size zero", |m| m.size = 0, 0, PARAM),
        // (left > right within a row is valid, as in scipy: tests/edges_hierarchy.rs)
        ("left == right", |m| m.right = 0, 0, PARAM),
        ("negative distance", |m| m.distance = -1.0, 1, PARAM),
        (
            "NaN distance",
            |m| m.distance = f64::NAN,
            1,
            NANOCLUST_ERR_NON_FINITE,
        ),
        (
            "inf distance",
            |m| m.distance = f64::INFINITY,
            3,
            NANOCLUST_ERR_NON_FINITE,
        ),
    ];
    for f in TREE_FUNCTIONS {
        assert_eq!(tree(f).status(), NANOCLUST_OK, "{f}");
        for (what, corrupt, row, want) in cases {
            assert_eq!(tree(f).merge(row, corrupt).status(), want, "{f}: {what}");
        }
    }
}

#[test]
fn cuts_and_leaves_of_a_known_tree() {
    let labels = |mut a: Args| {
        assert_eq!(a.run(), NANOCLUST_OK);
        a.all("labels")[..5].to_vec()
    };
    let by_count = |k: usize| labels(tree("nanoclust_cut_tree_n_clusters").size("n_clusters", k));
    assert_eq!(by_count(5), [0.0, 1.0, 2.0, 3.0, 4.0]);
    assert_eq!(
        tree("nanoclust_cut_tree_n_clusters")
            .size("n_clusters", 6)
            .status(),
        PARAM
    );
    let by_height = |h: f64| {
        let mut a = tree("nanoclust_cut_tree_distance").real("threshold", h);
        assert_eq!(a.run(), NANOCLUST_OK);
        (a.all("labels")[..5].to_vec(), a.get("n_clusters_out", 0))
    };
    assert_eq!(by_height(f64::INFINITY), (vec![0.0; 5], 1.0));
    // scipy's numbering: a node's internal child is numbered before its sample
    // child (scipy 1.17.1 fcluster gives these labels plus one).
    assert_eq!(
        by_height(f64::NEG_INFINITY),
        (vec![0.0, 1.0, 4.0, 2.0, 3.0], 5.0)
    );
    assert_eq!(by_height(1.2), (vec![0.0, 0.0, 2.0, 1.0, 1.0], 3.0));
    assert_eq!(
        tree("nanoclust_cut_tree_distance")
            .real("threshold", f64::NAN)
            .status(),
        PARAM
    );
    let mut leaves = tree("nanoclust_dendrogram_leaves");
    assert_eq!(leaves.run(), NANOCLUST_OK);
    assert_eq!(leaves.all("order")[..5], [0.0, 1.0, 2.0, 3.0, 4.0]);
}
