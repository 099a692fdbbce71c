//! Edge classes 2 and 5 (issue #13), against scipy 1.17.1 fixtures made by
//! `tools/gen_edges_fixtures.py`:
//! - ward, centroid and median heights do not depend on a common offset
//!   (scipy's Z on `offset + data` for offsets 0, 1e8, -3e7 and 1e6, within
//!   1e-12 relative), and exact duplicates merge at exactly 0;
//! - trees with `left > right` inside a row are valid, as in scipy: leaves,
//!   distance cuts and n-cluster cuts give scipy's answers.
#![cfg(feature = "std")]
#![allow(unused_unsafe)]

mod common;

use common::{f64s, fixture, i64s};
use nanoclust::ffi::hierarchy::*;
use nanoclust::ffi::NANOCLUST_ERR_INVALID_PARAMETER;
use nanoclust::hierarchy::{Merge, Method};
use nanoclust::owned::hierarchy::{Agglomerative, AgglomerativeFit};
use nanoclust::Metric;
use std::ptr::null_mut;

fn method(name: &str) -> Method {
    match name {
        "ward" => Method::Ward,
        "centroid" => Method::Centroid,
        _ => Method::Median,
    }
}

fn merges(z: &serde_json::Value) -> Vec<Merge> {
    z.as_array()
        .unwrap()
        .iter()
        .map(|r| Merge {
            left: r[0].as_u64().unwrap() as u32,
            right: r[1].as_u64().unwrap() as u32,
            distance: r[2].as_f64().unwrap(),
            size: r[3].as_u64().unwrap() as u32,
        })
        .collect()
}

#[test]
fn issue_reproducer_ward_on_a_large_offset() {
    let x = [1e8, 1e8, 1e8 + 0.25, 1e8 + 0.75];
    let z = Agglomerative::new(Method::Ward)
        .metric(Metric::Euclidean)
        .fit(&x, 1)
        .unwrap();
    let h: Vec<f64> = z.merges().iter().map(|m| m.distance).collect();
    assert_eq!(h[0], 0.0, "duplicates merge at exactly 0");
    let want = 0.816496580927726; // scipy 1.17.1 (tests/fixtures/edges/hierarchy.json)
    assert!((h[2] - want).abs() <= 1e-12 * want, "{} vs {want}", h[2]);
}

#[test]
fn vector_methods_match_scipy_whatever_the_offset() {
    let f = fixture("edges/hierarchy.json");
    let cases = f["offsets"].as_array().unwrap();
    assert!(cases.len() >= 24);
    for c in cases {
        let (n, d) = (
            c["n"].as_u64().unwrap() as usize,
            c["d"].as_u64().unwrap() as usize,
        );
        let x = f64s(&c["x"]);
        let m = method(c["method"].as_str().unwrap());
        let what = format!("{} {} offset {}", c["name"], c["method"], c["offset"]);
        let got = Agglomerative::new(m)
            .metric(Metric::Euclidean)
            .fit(&x, d)
            .unwrap();
        let want = merges(&c["z"]);
        for (s, (g, w)) in got.merges().iter().zip(&want).enumerate() {
            assert!(
                (g.distance - w.distance).abs() <= 1e-12 * w.distance.abs().max(1e-300),
                "{what} row {s}: height {} vs scipy {}",
                g.distance,
                w.distance
            );
            assert_eq!(g.size, w.size, "{what} row {s}");
            if w.distance == 0.0 {
                assert_eq!(
                    g.distance, 0.0,
                    "{what} row {s}: duplicates merge at exactly 0"
                );
            }
        }
        // The same partition at every level when no two positive heights tie
        // (the order of equal-height merges is not specified).
        let tied = want
            .windows(2)
            .any(|p| p[0].distance > 0.0 && p[0].distance == p[1].distance);
        for k in 1..=n {
            if tied {
                break;
            }
            let a = got.cut_n_clusters(k).unwrap();
            let b = AgglomerativeFit::from_merges(want.clone(), n)
                .unwrap()
                .cut_n_clusters(k)
                .unwrap();
            assert_eq!(a, b, "{what}: cut at {k}");
        }
        // f32 too, where f32 holds the data exactly.
        let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        if x32.iter().zip(&x).all(|(&a, &b)| a as f64 == b) {
            let g32 = Agglomerative::new(m)
                .metric(Metric::Euclidean)
                .fit(&x32, d)
                .unwrap();
            for (g, w) in g32.merges().iter().zip(&want) {
                assert!(
                    (g.distance - w.distance).abs() <= 1e-5 * w.distance.max(1e-6),
                    "{what} f32"
                );
            }
        }
    }
}

#[test]
fn trees_with_left_above_right_are_valid_as_in_scipy() {
    let f = fixture("edges/hierarchy.json");
    for t in f["trees"].as_array().unwrap() {
        let n = t["n"].as_u64().unwrap() as usize;
        let z = merges(&t["z"]);
        assert!(
            z.iter().any(|m| m.left > m.right),
            "the fixture has a swapped row"
        );
        let name = t["name"].as_str().unwrap();
        let tree = AgglomerativeFit::from_merges(z.clone(), n).unwrap();
        let leaves: Vec<i64> = tree.leaves().unwrap().iter().map(|&v| v as i64).collect();
        assert_eq!(leaves, i64s(&t["leaves"]), "{name}: leaves_list");
        for c in t["fcluster"].as_array().unwrap() {
            let th = c["t"].as_f64().unwrap();
            let (labels, k) = tree.cut_distance(th).unwrap();
            let want: Vec<i32> = i64s(&c["labels"]).iter().map(|&v| v as i32 - 1).collect();
            assert_eq!(labels, want, "{name}: fcluster at {th}");
            assert_eq!(k, *want.iter().max().unwrap() as usize + 1);
        }
        for c in t["maxclust"].as_array().unwrap() {
            let k = c["k"].as_u64().unwrap() as usize;
            let got = tree.cut_n_clusters(k).unwrap();
            let want = i64s(&c["labels"]);
            // Same partition (maxclust numbers clusters its own way).
            for i in 0..n {
                for j in 0..n {
                    assert_eq!(got[i] == got[j], want[i] == want[j], "{name}: cut at {k}");
                }
            }
        }
        // The C exports agree.
        let mut bytes = 0usize;
        assert_eq!(
            unsafe { nanoclust_cut_tree_workspace_size(n, &mut bytes) },
            0
        );
        let mut ws = vec![0u8; bytes];
        let mut order = vec![0u32; n];
        let s = unsafe {
            nanoclust_dendrogram_leaves(
                z.as_ptr(),
                n,
                ws.as_mut_ptr().cast(),
                bytes,
                order.as_mut_ptr(),
            )
        };
        assert_eq!(s, 0);
        let mut labels = vec![0i32; n];
        let s = unsafe {
            nanoclust_cut_tree_n_clusters(
                z.as_ptr(),
                n,
                2.min(n),
                ws.as_mut_ptr().cast(),
                bytes,
                labels.as_mut_ptr(),
            )
        };
        assert_eq!(s, 0);
        let mut k = 0usize;
        let s = unsafe {
            nanoclust_cut_tree_distance(
                z.as_ptr(),
                n,
                0.0,
                ws.as_mut_ptr().cast(),
                bytes,
                labels.as_mut_ptr(),
                &mut k,
            )
        };
        assert_eq!((s, k), (0, n));
    }
}

#[test]
fn still_invalid_trees_are_refused() {
    // left == right, an id from the future, and a cluster used twice stay invalid
    // whatever the order within the row.
    let ok = [
        Merge {
            left: 1,
            right: 0,
            distance: 1.0,
            size: 2,
        },
        Merge {
            left: 2,
            right: 3,
            distance: 2.0,
            size: 3,
        },
    ];
    assert!(AgglomerativeFit::from_merges(ok.to_vec(), 3).is_ok());
    let bad = [
        [
            Merge {
                left: 1,
                right: 1,
                distance: 1.0,
                size: 2,
            },
            ok[1],
        ],
        [
            Merge {
                left: 3,
                right: 0,
                distance: 1.0,
                size: 2,
            },
            ok[1],
        ],
        [
            ok[0],
            Merge {
                left: 3,
                right: 1,
                distance: 2.0,
                size: 3,
            },
        ],
    ];
    for z in bad {
        assert!(
            AgglomerativeFit::from_merges(z.to_vec(), 3).is_err(),
            "{z:?}"
        );
        let mut ws = vec![0u8; 4096];
        let mut order = [77u32; 3];
        let s = unsafe {
            nanoclust_dendrogram_leaves(
                z.as_ptr(),
                3,
                ws.as_mut_ptr().cast(),
                4096,
                order.as_mut_ptr(),
            )
        };
        assert_eq!(s, NANOCLUST_ERR_INVALID_PARAMETER);
        assert_eq!(order, [77; 3]);
    }
    let _ = null_mut::<u8>();
}

#[test]
fn duplicates_of_a_merged_centroid_still_merge_at_zero() {
    // Found by the hierarchy fuzz target: w_a c + w_b c rounded away from c
    // after 1/3 + 2/3 weights, so the fifth duplicate merged at 5.6e-17.
    let x = [
        -30000.005,
        -30000.005,
        -30000.005,
        -29998.088044556345,
        -30000.0,
        -29998.088044556345,
        -30000.005,
        -30000.005,
    ];
    for m in [Method::Ward, Method::Centroid, Method::Median] {
        for off in [0.0, 1e8] {
            let xo: Vec<f64> = x.iter().map(|v| v + off).collect();
            let z = Agglomerative::new(m)
                .metric(Metric::Euclidean)
                .fit(&xo, 1)
                .unwrap();
            let zeros = z.merges().iter().filter(|r| r.distance == 0.0).count();
            assert!(
                zeros >= 5,
                "{m:?} offset {off}: {zeros} zero heights, {:?}",
                z.to_scipy()
            );
        }
    }
}
