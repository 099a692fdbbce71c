//! ABI edge cases of the hierarchical entry points, called through the
//! `extern "C"` functions: NULL pointers, zero and overflowing sizes, NaN/inf
//! data and parameters, unknown enums, Euclidean-only methods with other
//! metrics, invalid condensed distances, n = 1, corrupt merge arrays and short
//! workspaces. Every failure must leave every output untouched (outputs are
//! filled with a sentinel first).

use core::ffi::c_void;
use core::ptr::{null, null_mut};
use nanoclust::ffi::hierarchy::*;
use nanoclust::ffi::*;

const SENTINEL: nanoclust_merge = nanoclust_merge {
    left: 77,
    right: 88,
    distance: -5.0,
    size: 99,
};
const ALL_METHODS: [u32; 7] = [
    NANOCLUST_LINKAGE_SINGLE,
    NANOCLUST_LINKAGE_COMPLETE,
    NANOCLUST_LINKAGE_AVERAGE,
    NANOCLUST_LINKAGE_WEIGHTED,
    NANOCLUST_LINKAGE_WARD,
    NANOCLUST_LINKAGE_CENTROID,
    NANOCLUST_LINKAGE_MEDIAN,
];

fn ws_f64(n: usize, d: usize, method: u32, metric: u32) -> Vec<u8> {
    let mut bytes = 0usize;
    assert_eq!(
        nanoclust_linkage_workspace_size_f64(n, d, method, metric, &mut bytes),
        NANOCLUST_OK
    );
    vec![0u8; bytes]
}

fn data(n: usize, d: usize) -> Vec<f64> {
    (0..n * d)
        .map(|i| ((i * 7919) % 101) as f64 * 0.37 + (i as f64).sin())
        .collect()
}

/// Calls `nanoclust_linkage_f64` with a sentinel-filled output; asserts the status
/// and, on failure, that the output is untouched.
fn run_f64(
    x: &[f64],
    n: usize,
    d: usize,
    method: u32,
    metric: u32,
    ws: &mut [u8],
) -> (nanoclust_status, Vec<nanoclust_merge>) {
    let mut out = vec![SENTINEL; n.saturating_sub(1).max(1)];
    let st = nanoclust_linkage_f64(
        x.as_ptr(),
        n,
        d,
        method,
        metric,
        ws.as_mut_ptr().cast(),
        ws.len(),
        out.as_mut_ptr(),
    );
    if st != NANOCLUST_OK {
        assert!(
            out.iter().all(|m| *m == SENTINEL),
            "status {st}: output touched"
        );
    }
    (st, out)
}

#[test]
fn size_queries_validate_everything_and_show_the_memory_class() {
    let mut b = 0usize;
    assert_eq!(
        nanoclust_linkage_workspace_size_f64(10, 2, 0, 0, null_mut()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        nanoclust_linkage_workspace_size_f64(0, 2, 0, 0, &mut b),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        nanoclust_linkage_workspace_size_f32(10, 0, 0, 0, &mut b),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        nanoclust_linkage_workspace_size_f64(usize::MAX / 2, 2, 0, 0, &mut b),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        nanoclust_linkage_workspace_size_f64(10, 2, 7, 0, &mut b),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        nanoclust_linkage_workspace_size_f64(10, 2, u32::MAX, 0, &mut b),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        nanoclust_linkage_workspace_size_f64(10, 2, 0, 4, &mut b),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    for method in [
        NANOCLUST_LINKAGE_WARD,
        NANOCLUST_LINKAGE_CENTROID,
        NANOCLUST_LINKAGE_MEDIAN,
    ] {
        for metric in [
            NANOCLUST_METRIC_MANHATTAN,
            NANOCLUST_METRIC_CHEBYSHEV,
            NANOCLUST_METRIC_COSINE,
        ] {
            assert_eq!(
                nanoclust_linkage_workspace_size_f64(10, 2, method, metric, &mut b),
                NANOCLUST_ERR_INVALID_PARAMETER
            );
        }
    }
    // Overflow: the condensed matrix of 2^31 - 1 samples, or n*d.
    let big = i32::MAX as usize;
    assert_eq!(
        nanoclust_linkage_workspace_size_f64(big, 2, NANOCLUST_LINKAGE_AVERAGE, 0, &mut b),
        NANOCLUST_ERR_SIZE_OVERFLOW
    );
    assert_eq!(
        nanoclust_linkage_workspace_size_f64(
            big,
            usize::MAX / 4,
            NANOCLUST_LINKAGE_WARD,
            0,
            &mut b
        ),
        NANOCLUST_ERR_SIZE_OVERFLOW
    );
    assert_eq!(
        nanoclust_linkage_condensed_workspace_size_f64(big, NANOCLUST_LINKAGE_COMPLETE, &mut b),
        NANOCLUST_ERR_SIZE_OVERFLOW
    );
    assert_eq!(
        nanoclust_linkage_condensed_workspace_size_f64(0, 0, &mut b),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        nanoclust_linkage_condensed_workspace_size_f32(5, 9, &mut b),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        nanoclust_linkage_condensed_workspace_size_f64(5, 0, null_mut()),
        NANOCLUST_ERR_NULL_POINTER
    );
    // Memory classes at n = 20000, d = 8: ward/centroid/median/single in O(n*d),
    // the graph methods hold n(n-1)/2 scalars.
    let (n, d) = (20_000usize, 8usize);
    for method in ALL_METHODS {
        let mut f64b = 0usize;
        let mut f32b = 0usize;
        assert_eq!(
            nanoclust_linkage_workspace_size_f64(n, d, method, 0, &mut f64b),
            NANOCLUST_OK
        );
        assert_eq!(
            nanoclust_linkage_workspace_size_f32(n, d, method, 0, &mut f32b),
            NANOCLUST_OK
        );
        let linear = n * d * 8 + n * 64;
        match method {
            NANOCLUST_LINKAGE_COMPLETE | NANOCLUST_LINKAGE_AVERAGE | NANOCLUST_LINKAGE_WEIGHTED => {
                assert!(
                    f64b >= n * (n - 1) / 2 * 8 && f32b >= n * (n - 1) / 2 * 4,
                    "method {method}"
                );
            }
            _ => assert!(
                f64b <= linear && f32b <= linear,
                "method {method}: {f64b} bytes"
            ),
        }
    }
    assert_eq!(
        nanoclust_linkage_condensed_workspace_size_f64(n, NANOCLUST_LINKAGE_SINGLE, &mut b),
        NANOCLUST_OK
    );
    assert!(b <= n * 64);
    assert_eq!(nanoclust_cut_tree_workspace_size(n, &mut b), NANOCLUST_OK);
    assert!(b <= n * 32);
    assert_eq!(
        nanoclust_cut_tree_workspace_size(0, &mut b),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        nanoclust_cut_tree_workspace_size(usize::MAX / 2, &mut b),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        nanoclust_cut_tree_workspace_size(5, null_mut()),
        NANOCLUST_ERR_NULL_POINTER
    );
}

#[test]
fn linkage_rejects_bad_pointers_shapes_and_parameters() {
    let (n, d) = (6, 2);
    let x = data(n, d);
    let mut ws = ws_f64(n, d, NANOCLUST_LINKAGE_AVERAGE, 0);
    let mut out = [SENTINEL; 5];
    let wsp = ws.as_mut_ptr().cast::<c_void>();
    assert_eq!(
        nanoclust_linkage_f64(null(), n, d, 2, 0, wsp, ws.len(), out.as_mut_ptr()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        nanoclust_linkage_f64(x.as_ptr(), n, d, 2, 0, wsp, ws.len(), null_mut()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        nanoclust_linkage_f64(
            x.as_ptr(),
            n,
            d,
            2,
            0,
            null_mut(),
            ws.len(),
            out.as_mut_ptr()
        ),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        nanoclust_linkage_f64(x.as_ptr(), 0, d, 2, 0, wsp, ws.len(), out.as_mut_ptr()),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        nanoclust_linkage_f64(x.as_ptr(), n, 0, 2, 0, wsp, ws.len(), out.as_mut_ptr()),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        nanoclust_linkage_f64(
            x.as_ptr(),
            usize::MAX / 2,
            2,
            2,
            0,
            wsp,
            ws.len(),
            out.as_mut_ptr()
        ),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        nanoclust_linkage_f64(
            x.as_ptr(),
            usize::MAX / 2,
            3,
            2,
            0,
            wsp,
            ws.len(),
            out.as_mut_ptr()
        ),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        nanoclust_linkage_f64(x.as_ptr(), n, d, 7, 0, wsp, ws.len(), out.as_mut_ptr()),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        nanoclust_linkage_f64(x.as_ptr(), n, d, 2, 4, wsp, ws.len(), out.as_mut_ptr()),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    for method in [
        NANOCLUST_LINKAGE_WARD,
        NANOCLUST_LINKAGE_CENTROID,
        NANOCLUST_LINKAGE_MEDIAN,
    ] {
        for metric in 1..4 {
            assert_eq!(
                run_f64(&x, n, d, method, metric, &mut ws).0,
                NANOCLUST_ERR_INVALID_PARAMETER
            );
        }
    }
    assert!(out.iter().all(|m| *m == SENTINEL));
    // Cosine with a zero row.
    let mut z = x.clone();
    z[2] = 0.0;
    z[3] = 0.0;
    assert_eq!(
        run_f64(
            &z,
            n,
            d,
            NANOCLUST_LINKAGE_AVERAGE,
            NANOCLUST_METRIC_COSINE,
            &mut ws
        )
        .0,
        NANOCLUST_ERR_INVALID_PARAMETER
    );
}

#[test]
fn non_finite_data_and_short_workspaces_fail_cleanly() {
    let (n, d) = (7, 3);
    for method in ALL_METHODS {
        let mut ws = ws_f64(n, d, method, 0);
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut x = data(n, d);
            x[n * d - 1] = bad;
            assert_eq!(
                run_f64(&x, n, d, method, 0, &mut ws).0,
                NANOCLUST_ERR_NON_FINITE,
                "method {method}"
            );
        }
        let x = data(n, d);
        let full = ws.len();
        for short in [0, 1, full / 2, full - 1] {
            let mut small = vec![0u8; short];
            assert_eq!(
                run_f64(&x, n, d, method, 0, &mut small).0,
                NANOCLUST_ERR_WORKSPACE_TOO_SMALL,
                "method {method} bytes {short}"
            );
        }
        let (st, out) = run_f64(&x, n, d, method, 0, &mut ws);
        assert_eq!(st, NANOCLUST_OK);
        assert!(out
            .iter()
            .all(|m| m.left < m.right && m.distance.is_finite()));
        // Any alignment: the same call on a misaligned workspace.
        let mut shifted = vec![0u8; full + 1];
        let mut out2 = vec![SENTINEL; n - 1];
        let st = nanoclust_linkage_f64(
            x.as_ptr(),
            n,
            d,
            method,
            0,
            shifted[1..].as_mut_ptr().cast(),
            full,
            out2.as_mut_ptr(),
        );
        assert_eq!((st, out2), (NANOCLUST_OK, out));
    }
}

#[test]
fn overflowing_heights_are_numerical_errors() {
    // Finite f32 data whose distances overflow float.
    let x = [3.0e38f32, -3.0e38, -3.0e38, 3.0e38, 3.0e38, 3.0e38];
    for method in ALL_METHODS {
        for metric in 0..3u32 {
            let mut bytes = 0usize;
            if nanoclust_linkage_workspace_size_f32(3, 2, method, metric, &mut bytes)
                != NANOCLUST_OK
            {
                continue;
            }
            let mut ws = vec![0u8; bytes];
            let mut out = [SENTINEL; 2];
            let st = nanoclust_linkage_f32(
                x.as_ptr(),
                3,
                2,
                method,
                metric,
                ws.as_mut_ptr().cast(),
                bytes,
                out.as_mut_ptr(),
            );
            assert_eq!(
                st, NANOCLUST_ERR_NUMERICAL,
                "method {method} metric {metric}"
            );
            assert_eq!(out, [SENTINEL; 2]);
        }
    }
}

#[test]
fn a_single_sample_is_an_empty_tree() {
    let x = [1.5f64, 2.5];
    for method in ALL_METHODS {
        let mut ws = ws_f64(1, 2, method, 0);
        let mut out = [SENTINEL; 1];
        let st = nanoclust_linkage_f64(
            x.as_ptr(),
            1,
            2,
            method,
            0,
            ws.as_mut_ptr().cast(),
            ws.len(),
            out.as_mut_ptr(),
        );
        assert_eq!(st, NANOCLUST_OK);
        assert_eq!(out, [SENTINEL], "no rows are written");
        let c: [f64; 0] = [];
        let mut b = 0;
        assert_eq!(
            nanoclust_linkage_condensed_workspace_size_f64(1, method, &mut b),
            NANOCLUST_OK
        );
        let mut ws = vec![0u8; b];
        let st = nanoclust_linkage_condensed_f64(
            c.as_ptr(),
            1,
            method,
            ws.as_mut_ptr().cast(),
            b,
            out.as_mut_ptr(),
        );
        assert_eq!(st, NANOCLUST_OK);
        assert_eq!(out, [SENTINEL]);
    }
    let mut ws = vec![0u8; 64];
    let mut labels = [-9i32];
    let mut k = 0usize;
    let merges: [nanoclust_merge; 0] = [];
    assert_eq!(
        nanoclust_cut_tree_n_clusters(
            merges.as_ptr(),
            1,
            1,
            ws.as_mut_ptr().cast(),
            64,
            labels.as_mut_ptr()
        ),
        NANOCLUST_OK
    );
    assert_eq!(labels, [0]);
    labels = [-9];
    assert_eq!(
        nanoclust_cut_tree_distance(
            merges.as_ptr(),
            1,
            1.0,
            ws.as_mut_ptr().cast(),
            64,
            labels.as_mut_ptr(),
            &mut k
        ),
        NANOCLUST_OK
    );
    assert_eq!((labels, k), ([0], 1));
    let mut order = [9u32];
    assert_eq!(
        nanoclust_dendrogram_leaves(
            merges.as_ptr(),
            1,
            ws.as_mut_ptr().cast(),
            64,
            order.as_mut_ptr()
        ),
        NANOCLUST_OK
    );
    assert_eq!(order, [0]);
    assert_eq!(
        nanoclust_cut_tree_n_clusters(
            merges.as_ptr(),
            1,
            2,
            ws.as_mut_ptr().cast(),
            64,
            labels.as_mut_ptr()
        ),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
}

fn condensed_call(c: &[f64], n: usize, method: u32) -> nanoclust_status {
    let mut b = 0usize;
    let st = nanoclust_linkage_condensed_workspace_size_f64(n, method, &mut b);
    if st != NANOCLUST_OK {
        return st;
    }
    let mut ws = vec![0u8; b];
    let mut out = vec![SENTINEL; n - 1];
    let st = nanoclust_linkage_condensed_f64(
        c.as_ptr(),
        n,
        method,
        ws.as_mut_ptr().cast(),
        b,
        out.as_mut_ptr(),
    );
    if st != NANOCLUST_OK {
        assert!(out.iter().all(|m| *m == SENTINEL));
    }
    st
}

#[test]
fn condensed_input_is_validated() {
    let n = 5;
    let good: Vec<f64> = (0..10).map(|i| 1.0 + i as f64 * 0.731 % 3.0).collect();
    for method in ALL_METHODS {
        assert_eq!(condensed_call(&good, n, method), NANOCLUST_OK);
        for (bad, want) in [
            (f64::NAN, NANOCLUST_ERR_NON_FINITE),
            (f64::INFINITY, NANOCLUST_ERR_NON_FINITE),
            (-1.0, NANOCLUST_ERR_INVALID_PARAMETER),
            (-1e-300, NANOCLUST_ERR_INVALID_PARAMETER),
        ] {
            let mut c = good.clone();
            c[4] = bad;
            assert_eq!(
                condensed_call(&c, n, method),
                want,
                "method {method} value {bad}"
            );
        }
        // Short workspace.
        let mut b = 0usize;
        nanoclust_linkage_condensed_workspace_size_f64(n, method, &mut b);
        let mut ws = vec![0u8; b - 1];
        let mut out = [SENTINEL; 4];
        assert_eq!(
            nanoclust_linkage_condensed_f64(
                good.as_ptr(),
                n,
                method,
                ws.as_mut_ptr().cast(),
                b - 1,
                out.as_mut_ptr()
            ),
            NANOCLUST_ERR_WORKSPACE_TOO_SMALL
        );
        assert_eq!(out, [SENTINEL; 4]);
    }
    let mut out = [SENTINEL; 4];
    assert_eq!(
        nanoclust_linkage_condensed_f64(null(), n, 0, null_mut(), 0, out.as_mut_ptr()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        nanoclust_linkage_condensed_f64(good.as_ptr(), n, 0, null_mut(), 0, null_mut()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        nanoclust_linkage_condensed_f64(good.as_ptr(), n, 7, null_mut(), 0, out.as_mut_ptr()),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        nanoclust_linkage_condensed_f64(good.as_ptr(), 0, 0, null_mut(), 0, out.as_mut_ptr()),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        nanoclust_linkage_condensed_f64(
            good.as_ptr(),
            usize::MAX / 2,
            0,
            null_mut(),
            0,
            out.as_mut_ptr()
        ),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    let cf: Vec<f32> = good.iter().map(|&v| v as f32).collect();
    let mut b = 0usize;
    assert_eq!(
        nanoclust_linkage_condensed_workspace_size_f32(n, 2, &mut b),
        NANOCLUST_OK
    );
    let mut ws = vec![0u8; b];
    assert_eq!(
        nanoclust_linkage_condensed_f32(
            cf.as_ptr(),
            n,
            2,
            ws.as_mut_ptr().cast(),
            b,
            out.as_mut_ptr()
        ),
        NANOCLUST_OK
    );
    assert_eq!(out[3].size, 5);
}

/// A valid tree over 5 samples: ((0,1),(2,(3,4))).
fn tree() -> Vec<nanoclust_merge> {
    let m = |left, right, distance, size| nanoclust_merge {
        left,
        right,
        distance,
        size,
    };
    vec![
        m(0, 1, 0.5, 2),
        m(3, 4, 1.0, 2),
        m(2, 6, 1.5, 3),
        m(5, 7, 3.0, 5),
    ]
}

/// Runs the three tree functions on `merges`; returns their statuses and
/// checks that failures leave outputs untouched.
fn tree_calls(merges: &[nanoclust_merge], n: usize, ws: &mut [u8]) -> [nanoclust_status; 3] {
    let mut labels = vec![-7i32; n];
    let mut order = vec![99u32; n];
    let mut k = 12345usize;
    let a = nanoclust_cut_tree_n_clusters(
        merges.as_ptr(),
        n,
        2,
        ws.as_mut_ptr().cast(),
        ws.len(),
        labels.as_mut_ptr(),
    );
    if a != NANOCLUST_OK {
        assert!(labels.iter().all(|&l| l == -7));
    }
    labels.fill(-7);
    let b = nanoclust_cut_tree_distance(
        merges.as_ptr(),
        n,
        1.2,
        ws.as_mut_ptr().cast(),
        ws.len(),
        labels.as_mut_ptr(),
        &mut k,
    );
    if b != NANOCLUST_OK {
        assert!(labels.iter().all(|&l| l == -7) && k == 12345);
    }
    let c = nanoclust_dendrogram_leaves(
        merges.as_ptr(),
        n,
        ws.as_mut_ptr().cast(),
        ws.len(),
        order.as_mut_ptr(),
    );
    if c != NANOCLUST_OK {
        assert!(order.iter().all(|&o| o == 99));
    }
    [a, b, c]
}

#[test]
fn corrupt_merges_are_rejected_never_trusted() {
    let n = 5;
    let mut b = 0usize;
    assert_eq!(nanoclust_cut_tree_workspace_size(n, &mut b), NANOCLUST_OK);
    let mut ws = vec![0u8; b];
    assert_eq!(tree_calls(&tree(), n, &mut ws), [NANOCLUST_OK; 3]);
    let invalid = [NANOCLUST_ERR_INVALID_PARAMETER; 3];
    type Corruption = Box<dyn Fn(&mut Vec<nanoclust_merge>)>;
    let cases: Vec<(&str, Corruption, [nanoclust_status; 3])> = vec![
        ("id out of range", Box::new(|t| t[3].right = 9), invalid),
        (
            "id far out of range",
            Box::new(|t| t[3].right = u32::MAX),
            invalid,
        ),
        (
            "cluster used before it exists",
            Box::new(|t| t[1].right = 6),
            invalid,
        ),
        (
            "cluster used twice",
            Box::new(|t| {
                t[2] = nanoclust_merge {
                    left: 1,
                    right: 2,
                    distance: 1.5,
                    size: 2,
                }
            }),
            invalid,
        ),
        ("wrong size", Box::new(|t| t[2].size = 4), invalid),
        ("size zero", Box::new(|t| t[0].size = 0), invalid),
        // (left > right is valid, as in scipy: tests/edges_hierarchy.rs)
        ("left == right", Box::new(|t| t[0].right = 0), invalid),
        (
            "negative distance",
            Box::new(|t| t[1].distance = -1.0),
            invalid,
        ),
        (
            "NaN distance",
            Box::new(|t| t[1].distance = f64::NAN),
            [NANOCLUST_ERR_NON_FINITE; 3],
        ),
        (
            "inf distance",
            Box::new(|t| t[3].distance = f64::INFINITY),
            [NANOCLUST_ERR_NON_FINITE; 3],
        ),
    ];
    for (what, corrupt, want) in cases {
        let mut t = tree();
        corrupt(&mut t);
        assert_eq!(tree_calls(&t, n, &mut ws), want, "{what}");
    }
}

#[test]
fn tree_functions_reject_bad_pointers_sizes_and_parameters() {
    let n = 5;
    let t = tree();
    let mut b = 0usize;
    nanoclust_cut_tree_workspace_size(n, &mut b);
    let mut ws = vec![0u8; b];
    let wsp = ws.as_mut_ptr().cast::<c_void>();
    let mut labels = [-7i32; 5];
    let mut order = [99u32; 5];
    let mut k = 0usize;
    let lp = labels.as_mut_ptr();
    assert_eq!(
        nanoclust_cut_tree_n_clusters(null(), n, 2, wsp, b, lp),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        nanoclust_cut_tree_n_clusters(t.as_ptr(), n, 2, wsp, b, null_mut()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        nanoclust_cut_tree_n_clusters(t.as_ptr(), n, 2, null_mut(), b, lp),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        nanoclust_cut_tree_n_clusters(t.as_ptr(), 0, 2, wsp, b, lp),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        nanoclust_cut_tree_n_clusters(t.as_ptr(), usize::MAX / 2, 2, wsp, b, lp),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(
        nanoclust_cut_tree_n_clusters(t.as_ptr(), n, 0, wsp, b, lp),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        nanoclust_cut_tree_n_clusters(t.as_ptr(), n, 6, wsp, b, lp),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        nanoclust_cut_tree_n_clusters(t.as_ptr(), n, usize::MAX, wsp, b, lp),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        nanoclust_cut_tree_n_clusters(t.as_ptr(), n, 2, wsp, b - 1, lp),
        NANOCLUST_ERR_WORKSPACE_TOO_SMALL
    );
    assert_eq!(labels, [-7; 5]);
    assert_eq!(
        nanoclust_cut_tree_n_clusters(t.as_ptr(), n, 5, wsp, b, lp),
        NANOCLUST_OK
    );
    assert_eq!(labels, [0, 1, 2, 3, 4]);
    labels = [-7; 5];
    let lp = labels.as_mut_ptr();
    assert_eq!(
        nanoclust_cut_tree_distance(t.as_ptr(), n, f64::NAN, wsp, b, lp, &mut k),
        NANOCLUST_ERR_INVALID_PARAMETER
    );
    assert_eq!(
        nanoclust_cut_tree_distance(t.as_ptr(), n, 1.0, wsp, b, lp, null_mut()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        nanoclust_cut_tree_distance(null(), n, 1.0, wsp, b, lp, &mut k),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        nanoclust_cut_tree_distance(t.as_ptr(), n, 1.0, wsp, 3, lp, &mut k),
        NANOCLUST_ERR_WORKSPACE_TOO_SMALL
    );
    assert_eq!(
        nanoclust_cut_tree_distance(t.as_ptr(), 0, 1.0, wsp, b, lp, &mut k),
        NANOCLUST_ERR_INVALID_SHAPE
    );
    assert_eq!(labels, [-7; 5]);
    assert_eq!(
        nanoclust_cut_tree_distance(t.as_ptr(), n, f64::INFINITY, wsp, b, lp, &mut k),
        NANOCLUST_OK
    );
    assert_eq!((labels, k), ([0; 5], 1));
    let lp = labels.as_mut_ptr();
    assert_eq!(
        nanoclust_cut_tree_distance(t.as_ptr(), n, f64::NEG_INFINITY, wsp, b, lp, &mut k),
        NANOCLUST_OK
    );
    // scipy's numbering: a node's internal child is numbered before its sample
    // child (scipy 1.17.1 fcluster gives these labels plus one).
    assert_eq!((labels, k), ([0, 1, 4, 2, 3], 5));
    let lp = labels.as_mut_ptr();
    assert_eq!(
        nanoclust_cut_tree_distance(t.as_ptr(), n, 1.2, wsp, b, lp, &mut k),
        NANOCLUST_OK
    );
    assert_eq!((labels, k), ([0, 0, 2, 1, 1], 3));
    assert_eq!(
        nanoclust_dendrogram_leaves(null(), n, wsp, b, order.as_mut_ptr()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        nanoclust_dendrogram_leaves(t.as_ptr(), n, wsp, b, null_mut()),
        NANOCLUST_ERR_NULL_POINTER
    );
    assert_eq!(
        nanoclust_dendrogram_leaves(t.as_ptr(), n, wsp, b - 1, order.as_mut_ptr()),
        NANOCLUST_ERR_WORKSPACE_TOO_SMALL
    );
    assert_eq!(order, [99; 5]);
    assert_eq!(
        nanoclust_dendrogram_leaves(t.as_ptr(), n, wsp, b, order.as_mut_ptr()),
        NANOCLUST_OK
    );
    assert_eq!(order, [0, 1, 2, 3, 4]);
}
