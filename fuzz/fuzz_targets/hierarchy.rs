//! Agglomerative clustering: `nanoclust_linkage(_condensed)`, the cuts and
//! the leaf order, with their workspace queries.
//!
//! Oracles: documented status; canaries on failure; on OK a valid tree (each
//! cluster used once, sizes add up, finite heights >= 0); exact duplicates
//! merge at height exactly 0; heights of the monotone methods match a naive
//! O(n^3) f64 reference on tie-free data, and do not move when a common
//! offset is added; condensed == observation linkage; the cuts and the leaf
//! order accept any order within a row (the same partition, a permutation),
//! and garbage merge arrays get a documented status with untouched outputs.
#![no_main]
#![allow(unused_unsafe)]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use nanoclust::ffi::hierarchy::*;
use nanoclust_fuzz::*;

fn merge_canary(len: usize) -> Vec<nanoclust_merge> {
    canary(len)
}

/// The two element types of `nanoclust_linkage_*`.
trait Lk: Elem {
    unsafe fn ws(n: usize, d: usize, method: u32, metric: u32, out: &mut usize) -> i32;
    #[allow(clippy::too_many_arguments)]
    unsafe fn link(
        x: &[Self],
        n: usize,
        d: usize,
        method: u32,
        metric: u32,
        ws: &mut [u8],
        len: usize,
        m: &mut [nanoclust_merge],
    ) -> i32;
}
macro_rules! lk_impl {
    ($t:ty, $ws:ident, $link:ident) => {
        impl Lk for $t {
            unsafe fn ws(n: usize, d: usize, method: u32, metric: u32, out: &mut usize) -> i32 {
                unsafe { $ws(n, d, method, metric, out) }
            }
            unsafe fn link(
                x: &[Self],
                n: usize,
                d: usize,
                method: u32,
                metric: u32,
                ws: &mut [u8],
                len: usize,
                m: &mut [nanoclust_merge],
            ) -> i32 {
                unsafe {
                    $link(
                        x.as_ptr(),
                        n,
                        d,
                        method,
                        metric,
                        ws.as_mut_ptr().cast(),
                        len,
                        m.as_mut_ptr(),
                    )
                }
            }
        }
    };
}
lk_impl!(
    f32,
    nanoclust_linkage_workspace_size_f32,
    nanoclust_linkage_f32
);
lk_impl!(
    f64,
    nanoclust_linkage_workspace_size_f64,
    nanoclust_linkage_f64
);

/// Linkage of observations; None when the call failed (outputs checked).
fn linkage<S: Lk>(
    u: &mut Unstructured<'_>,
    x: &[S],
    n: usize,
    d: usize,
    method: u32,
    metric: u32,
) -> Option<Vec<nanoclust_merge>> {
    let mut q = 0usize;
    let qs = unsafe { S::ws(n, d, method, metric, &mut q) };
    check_status(qs, "linkage_workspace_size");
    let (mut buf, off, len) = workspace(u, if qs == 0 { q } else { 64 });
    let mut m = merge_canary(n.saturating_sub(1));
    let s = unsafe { S::link(x, n, d, method, metric, &mut buf[off..], len, &mut m) };
    check_status(s, "linkage");
    if s != 0 {
        untouched(&m, "merges");
        return None;
    }
    assert!(len >= q, "linkage OK with a short workspace");
    m.truncate(n - 1);
    check_tree(&m, n);
    Some(m)
}

fn check_tree(m: &[nanoclust_merge], n: usize) {
    let mut size = vec![1u32; n];
    let mut used = vec![false; 2 * n];
    for (s, r) in m.iter().enumerate() {
        let (a, b) = (r.left as usize, r.right as usize);
        assert!(a < n + s && b < n + s && a != b, "row {s}: bad ids");
        assert!(!used[a] && !used[b], "row {s}: cluster used twice");
        used[a] = true;
        used[b] = true;
        assert!(
            r.distance.is_finite() && r.distance >= 0.0,
            "row {s}: height {}",
            r.distance
        );
        assert_eq!(r.size, size[a] + size[b], "row {s}: size");
        size.push(r.size);
    }
}

/// Naive generic agglomeration (Lance-Williams on a full matrix, f64), for
/// every method (ward, centroid and median on squared distances); returns the
/// heights in merge order, or None when some step had two candidate pairs
/// within rounding of each other (a tie arising while merging: both trees are
/// right).
fn naive_heights(x: &[f64], n: usize, d: usize, method: u32, metric: u32) -> Option<Vec<f64>> {
    let row = |i: usize| &x[i * d..i * d + d];
    let ward = method >= NANOCLUST_LINKAGE_WARD;
    let mut dm = vec![vec![0.0f64; n]; n];
    for i in 0..n {
        for j in 0..n {
            let v = naive_distance(metric, row(i), row(j));
            dm[i][j] = if ward { v * v } else { v };
        }
    }
    let mut alive: Vec<bool> = vec![true; n];
    let mut size = vec![1.0f64; n];
    let mut h = Vec::new();
    for _ in 1..n {
        let (mut bi, mut bj, mut best, mut second) = (0, 0, f64::INFINITY, f64::INFINITY);
        for i in 0..n {
            for j in i + 1..n {
                if alive[i] && alive[j] {
                    if dm[i][j] < best {
                        second = best;
                        (bi, bj, best) = (i, j, dm[i][j]);
                    } else if dm[i][j] < second {
                        second = dm[i][j];
                    }
                }
            }
        }
        if second - best <= 1e-9 * second.abs().max(1e-300) {
            return None;
        }
        h.push(if ward { best.sqrt() } else { best });
        let (ni, nj) = (size[bi], size[bj]);
        for k in 0..n {
            if !alive[k] || k == bi || k == bj {
                continue;
            }
            let (a, b, nk) = (dm[bi][k], dm[bj][k], size[k]);
            let v = match method {
                NANOCLUST_LINKAGE_SINGLE => a.min(b),
                NANOCLUST_LINKAGE_COMPLETE => a.max(b),
                NANOCLUST_LINKAGE_AVERAGE => (ni * a + nj * b) / (ni + nj),
                NANOCLUST_LINKAGE_WEIGHTED => 0.5 * (a + b),
                NANOCLUST_LINKAGE_WARD => {
                    ((ni + nk) * a + (nj + nk) * b - nk * best) / (ni + nj + nk)
                }
                NANOCLUST_LINKAGE_CENTROID => {
                    (ni * a + nj * b) / (ni + nj) - ni * nj * best / ((ni + nj) * (ni + nj))
                }
                _ => 0.5 * a + 0.5 * b - 0.25 * best,
            };
            dm[bi][k] = v;
            dm[k][bi] = v;
        }
        alive[bj] = false;
        size[bi] = ni + nj;
    }
    Some(h)
}

/// Whether every pair of distinct pairwise distances is well separated.
fn tie_free(x: &[f64], n: usize, d: usize, metric: u32) -> bool {
    let mut v: Vec<f64> = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            v.push(naive_distance(
                metric,
                &x[i * d..i * d + d],
                &x[j * d..j * d + d],
            ));
        }
    }
    v.sort_by(f64::total_cmp);
    v.windows(2).all(|w| w[1] - w[0] > 1e-6 * w[1].max(1.0))
}

fn sorted_heights(m: &[nanoclust_merge]) -> Vec<f64> {
    let mut h: Vec<f64> = m.iter().map(|r| r.distance).collect();
    h.sort_by(f64::total_cmp);
    h
}

fn cuts_and_leaves(u: &mut Unstructured<'_>, m: &[nanoclust_merge], n: usize, valid: bool) {
    let mut q = 0usize;
    let qs = unsafe { nanoclust_cut_tree_workspace_size(n, &mut q) };
    check_status(qs, "cut_tree_workspace_size");
    let (mut buf, off, len) = workspace(u, if qs == 0 { q } else { 64 });
    let k = u.int_in_range(0usize..=n + 1).unwrap_or(1);
    let mut l = canary::<i32>(n);
    let s = unsafe {
        nanoclust_cut_tree_n_clusters(
            m.as_ptr(),
            n,
            k,
            buf[off..].as_mut_ptr().cast(),
            len,
            l.as_mut_ptr(),
        )
    };
    check_status(s, "cut_tree_n_clusters");
    let lk = if s == 0 {
        assert!(
            l.iter().all(|&v| v >= 0 && (v as usize) < k),
            "cut label out of range"
        );
        let mut seen = vec![false; k];
        l.iter().for_each(|&v| seen[v as usize] = true);
        assert!(
            seen.iter().all(|&b| b),
            "cut_tree_n_clusters: not exactly k clusters"
        );
        Some(l.clone())
    } else {
        untouched(&l, "cut labels");
        assert!(
            !(valid && len >= q && k >= 1 && k <= n),
            "cut_tree_n_clusters refused a valid tree: {s}"
        );
        None
    };
    let t = match u.int_in_range(0u8..=4).unwrap_or(0) {
        0 => 0.0,
        1 => f64::NAN,
        2 => -1.0,
        _ => m
            .get(u.int_in_range(0..=m.len().max(1) - 1).unwrap_or(0))
            .map_or(1.0, |r| r.distance),
    };
    let mut l2 = canary::<i32>(n);
    let mut nc = canary::<usize>(1);
    let s = unsafe {
        nanoclust_cut_tree_distance(
            m.as_ptr(),
            n,
            t,
            buf[off..].as_mut_ptr().cast(),
            len,
            l2.as_mut_ptr(),
            nc.as_mut_ptr(),
        )
    };
    check_status(s, "cut_tree_distance");
    if s == 0 {
        assert!(nc[0] >= 1 && nc[0] <= n);
        assert!(
            l2.iter().all(|&v| v >= 0 && (v as usize) < nc[0]),
            "fcluster labels are 0..k"
        );
    } else {
        untouched(&l2, "fcluster labels");
        untouched(&nc, "n_clusters_out");
    }
    let mut o = canary::<u32>(n);
    let s = unsafe {
        nanoclust_dendrogram_leaves(
            m.as_ptr(),
            n,
            buf[off..].as_mut_ptr().cast(),
            len,
            o.as_mut_ptr(),
        )
    };
    check_status(s, "dendrogram_leaves");
    if s == 0 {
        let mut p = o.clone();
        p.sort();
        assert!(
            p.iter().enumerate().all(|(i, &v)| v as usize == i),
            "leaves not a permutation"
        );
    } else {
        untouched(&o, "leaves");
        assert!(
            !(valid && len >= q),
            "dendrogram_leaves refused a valid tree: {s}"
        );
    }
    // Swapping left and right within rows: the same partition (scipy accepts either order).
    if valid && lk.is_some() {
        let mut sw = m.to_vec();
        for r in sw.iter_mut() {
            if u.ratio(1, 2).unwrap_or(false) {
                core::mem::swap(&mut r.left, &mut r.right);
            }
        }
        let mut l3 = canary::<i32>(n);
        let s = unsafe {
            nanoclust_cut_tree_n_clusters(
                sw.as_ptr(),
                n,
                k,
                buf[off..].as_mut_ptr().cast(),
                len,
                l3.as_mut_ptr(),
            )
        };
        assert_eq!(s, 0, "cut refused a tree with left > right");
        assert!(
            same_partition(&l3, lk.as_deref().unwrap_or(&[])),
            "swapping left/right changed the cut"
        );
        let mut o3 = canary::<u32>(n);
        let s = unsafe {
            nanoclust_dendrogram_leaves(
                sw.as_ptr(),
                n,
                buf[off..].as_mut_ptr().cast(),
                len,
                o3.as_mut_ptr(),
            )
        };
        assert_eq!(s, 0, "leaves refused a tree with left > right");
    }
}

fn run(u: &mut Unstructured<'_>) {
    let pal = Palette::arbitrary(u);
    let n = u.int_in_range(1usize..=14).unwrap_or(2);
    let d = u.int_in_range(1usize..=4).unwrap_or(1);
    let mut x = pal.matrix(u, n, d);
    let method = u.int_in_range(0u32..=7).unwrap_or(0);
    let metric = u.int_in_range(0u32..=4).unwrap_or(0);
    if u.ratio(1, 2).unwrap_or(false) {
        let x32: Vec<f32> = conv(&x);
        if let Some(m) = linkage(u, &x32, n, d, method, metric) {
            cuts_and_leaves(u, &m, n, true);
        }
        return;
    }
    let Some(m) = linkage(u, &x, n, d, method, metric) else {
        return;
    };
    // Exact duplicates merge at exactly 0.
    let mut distinct: Vec<&[f64]> = x.chunks(d).collect();
    distinct.sort_by(|a, b| {
        a.iter()
            .zip(*b)
            .map(|(p, q)| p.total_cmp(q))
            .find(|o| o.is_ne())
            .unwrap_or(core::cmp::Ordering::Equal)
    });
    distinct.dedup();
    let zeros = m.iter().filter(|r| r.distance == 0.0).count();
    assert!(
        zeros >= n - distinct.len(),
        "{} duplicates but {zeros} zero heights: {:?} (method {method}, metric {metric}, d {d}, x {x:?})",
        n - distinct.len(),
        sorted_heights(&m)
    );
    let scale = x.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    let monotone = method <= NANOCLUST_LINKAGE_WARD;
    let naive = if n >= 2 && tie_free(&x, n, d, metric) {
        naive_heights(&x, n, d, method, metric)
    } else {
        None
    };
    if let Some(mut want) = naive.clone() {
        let got = sorted_heights(&m);
        want.sort_by(f64::total_cmp);
        let tol = if metric == 3 { 1e-7 } else { 1e-9 };
        for (g, w) in got.iter().zip(&want) {
            let sc = if metric == 3 { 1.0 } else { scale };
            assert!(close(*g, *w, tol, sc), "heights {got:?} != naive {want:?} (method {method}, metric {metric}, d {d}, x {x:?})");
        }
    }
    // A common offset changes nothing (exact: small data, power-of-two offset).
    if metric != 3 && scale < 1e3 && x.iter().all(|v| (v * 4.0).fract() == 0.0) && naive.is_some() {
        let xo: Vec<f64> = x.iter().map(|v| v + 1048576.0).collect();
        if let Some(mo) = linkage(u, &xo, n, d, method, metric) {
            let (a, b) = (sorted_heights(&m), sorted_heights(&mo));
            for (p, q) in a.iter().zip(&b) {
                assert!(
                    close(*p, *q, 1e-12, scale),
                    "offset moved the heights: {a:?} vs {b:?} (method {method}, metric {metric}, d {d}, x {x:?})"
                );
            }
        }
    }
    // Condensed input gives the same tree heights.
    if metric == 0 && method <= NANOCLUST_LINKAGE_MEDIAN && tie_free(&x, n, d, 0) {
        let mut c = Vec::new();
        for i in 0..n {
            for j in i + 1..n {
                c.push(naive_distance(
                    0,
                    &x[i * d..i * d + d],
                    &x[j * d..j * d + d],
                ));
            }
        }
        c.push(0.0);
        let mut q = 0usize;
        if unsafe { nanoclust_linkage_condensed_workspace_size_f64(n, method, &mut q) } == 0 {
            let mut buf = vec![0u8; q + 1];
            let mut mc = merge_canary(n.saturating_sub(1));
            let s = unsafe {
                nanoclust_linkage_condensed_f64(
                    c.as_ptr(),
                    n,
                    method,
                    buf.as_mut_ptr().cast(),
                    q,
                    mc.as_mut_ptr(),
                )
            };
            if s == 0 && monotone {
                mc.truncate(n - 1);
                let (a, b) = (sorted_heights(&m), sorted_heights(&mc));
                for (p, q) in a.iter().zip(&b) {
                    assert!(
                        close(*p, *q, 1e-9, scale),
                        "condensed {b:?} != observations {a:?}"
                    );
                }
            }
        }
    }
    cuts_and_leaves(u, &m, n, true);
    // Garbage trees: documented statuses, untouched outputs.
    let mut g = m.clone();
    for r in g.iter_mut() {
        match u.int_in_range(0u8..=9).unwrap_or(0) {
            0 => r.left = u.arbitrary().unwrap_or(0),
            1 => r.size = u.arbitrary().unwrap_or(0),
            2 => r.distance = f64::NAN,
            3 => r.distance = -r.distance - 1.0,
            4 => r.right = r.left,
            _ => {}
        }
    }
    cuts_and_leaves(u, &g, n, false);
    x.clear();
}

fuzz_target!(|data: &[u8]| {
    run(&mut Unstructured::new(data));
});
