//! Workspace sizes of DBSCAN, core distances, hierarchy, metrics and model
//! selection, across many shapes and parameters: each size query is exactly
//! what the call needs. With a buffer of exactly the reported size, at every
//! alignment offset 0..8, the call gives the same result (outputs included) as
//! with a generous buffer; one byte less is `WorkspaceTooSmall` (for calls
//! that succeed; a call that fails on another input may report that first).

use nanoclust::dbscan::{self, DbscanParams, IndexKind};
use nanoclust::hierarchy::{self, Merge, Method};
use nanoclust::kmeans::KMeansParams;
use nanoclust::metrics;
use nanoclust::model_selection;
use nanoclust::rng::Rng;
use nanoclust::{Error, Matrix, Metric};

/// Runs `call` with exactly `bytes` of workspace at every offset 0..8 and
/// with `bytes + 64`, compares the results, and checks that `bytes - 1` is
/// too small. `call` returns everything it computed (outputs included).
fn check_exact<T: PartialEq + std::fmt::Debug>(
    what: &str,
    bytes: usize,
    mut call: impl FnMut(&mut [u8]) -> Result<T, Error>,
) {
    let mut backing = vec![0u8; bytes + 80];
    let base = backing.as_ptr().align_offset(8);
    let want = call(&mut backing[base..base + bytes + 64]);
    assert!(
        !matches!(want, Err(Error::WorkspaceTooSmall { .. })),
        "{what}: {want:?} with {} bytes",
        bytes + 64
    );
    for off in 0..8 {
        let buf = &mut backing[base + off..base + off + bytes];
        buf.fill(0xA5);
        assert_eq!(
            call(buf),
            want,
            "{what}: exact size {bytes} at offset {off}"
        );
    }
    // A call that fails on its other inputs may check them first.
    if bytes > 0 && want.is_ok() {
        for off in 0..8 {
            let got = call(&mut backing[base + off..base + off + bytes - 1]);
            assert_eq!(
                got,
                Err(Error::WorkspaceTooSmall {
                    needed: bytes,
                    provided: bytes - 1
                }),
                "{what}: one byte short at offset {off}"
            );
        }
    }
}

/// Clumpy data with duplicates: `n x d` values.
fn data(rng: &mut Rng, n: usize, d: usize) -> Vec<f64> {
    (0..n * d)
        .map(|_| (rng.below(4) as f64) * 0.7 + rng.next_f64() * 0.4 + 0.1)
        .collect()
}

const SHAPES: [(usize, usize); 8] = [
    (1, 1),
    (2, 3),
    (5, 2),
    (31, 2),
    (40, 1),
    (70, 3),
    (90, 5),
    (40, 30),
];

#[test]
fn dbscan_fit_predict_and_core_distances() {
    let mut rng = Rng::new(1);
    for (n, d) in SHAPES {
        let x = data(&mut rng, n, d);
        let m = Matrix::new(&x, n, d).unwrap();
        let w: Vec<f64> = (0..n).map(|_| rng.below(3) as f64 * 0.75).collect();
        for metric in Metric::ALL {
            for index in IndexKind::ALL {
                let p = DbscanParams {
                    index,
                    metric,
                    ..DbscanParams::new(0.3, 3)
                };
                for weights in [None, Some(&w[..])] {
                    let bytes = dbscan::workspace_size::<f64>(n, d, &p).unwrap().bytes();
                    check_exact("dbscan fit", bytes, |ws| {
                        let (mut labels, mut core) = (vec![0; n], vec![0; n]);
                        let s = dbscan::fit(&p, m, weights, ws, &mut labels, Some(&mut core))?;
                        Ok((s, labels, core))
                    });
                }
                let mut labels = vec![0; n];
                let mut core = vec![0; n];
                let fit_bytes = dbscan::workspace_size::<f64>(n, d, &p).unwrap().bytes();
                dbscan::fit(
                    &p,
                    m,
                    None,
                    &mut vec![0; fit_bytes],
                    &mut labels,
                    Some(&mut core),
                )
                .unwrap();
                let q = data(&mut rng, 7, d);
                let qm = Matrix::new(&q, 7, d).unwrap();
                let bytes = dbscan::predict_workspace_size::<f64>(n, d, 7, &p)
                    .unwrap()
                    .bytes();
                check_exact("dbscan predict", bytes, |ws| {
                    let mut out = vec![0; 7];
                    dbscan::predict(&p, m, &labels, &core, qm, ws, &mut out)?;
                    Ok(out)
                });
            }
            for ms in [1u32, 2, 5] {
                if ms as usize > n {
                    continue;
                }
                let bytes = dbscan::core_distances_workspace_size::<f64>(n, d, ms, metric)
                    .unwrap()
                    .bytes();
                check_exact("core distances", bytes, |ws| {
                    let mut out = vec![0.0; n];
                    dbscan::core_distances(m, ms, metric, ws, &mut out)?;
                    Ok(out)
                });
            }
        }
    }
}

#[test]
fn dbscan_f32_sizes_are_exact_too() {
    let mut rng = Rng::new(2);
    for (n, d) in SHAPES {
        let x: Vec<f32> = data(&mut rng, n, d).iter().map(|&v| v as f32).collect();
        let m = Matrix::new(&x, n, d).unwrap();
        for index in IndexKind::ALL {
            let p = DbscanParams {
                index,
                ..DbscanParams::new(0.3, 3)
            };
            let bytes = dbscan::workspace_size::<f32>(n, d, &p).unwrap().bytes();
            check_exact("dbscan fit f32", bytes, |ws| {
                let mut labels = vec![0; n];
                let s = dbscan::fit(&p, m, None, ws, &mut labels, None)?;
                Ok((s, labels))
            });
        }
    }
}

#[test]
fn hierarchy_linkage_and_tree_functions() {
    let mut rng = Rng::new(3);
    for (n, d) in SHAPES {
        let x = data(&mut rng, n, d);
        let condensed: Vec<f64> = (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .map(|(i, j)| Metric::Euclidean.distance(&x[i * d..i * d + d], &x[j * d..j * d + d]))
            .collect();
        for method in Method::ALL {
            for metric in Metric::ALL {
                if method.check_metric(metric).is_err() {
                    continue;
                }
                let bytes = hierarchy::linkage_workspace_size::<f64>(n, d, method, metric)
                    .unwrap()
                    .bytes();
                check_exact("linkage", bytes, |ws| {
                    let mut z = vec![Merge::default(); n - 1];
                    hierarchy::linkage(&x, n, d, method, metric, ws, &mut z)?;
                    Ok(z)
                });
            }
            let bytes = hierarchy::linkage_condensed_workspace_size::<f64>(n, method)
                .unwrap()
                .bytes();
            check_exact("linkage condensed", bytes, |ws| {
                let mut z = vec![Merge::default(); n - 1];
                hierarchy::linkage_condensed(&condensed, n, method, ws, &mut z)?;
                Ok(z)
            });
        }
        let mut z = vec![Merge::default(); n - 1];
        let bytes = hierarchy::linkage_workspace_size::<f64>(n, d, Method::Ward, Metric::Euclidean)
            .unwrap()
            .bytes();
        hierarchy::linkage(
            &x,
            n,
            d,
            Method::Ward,
            Metric::Euclidean,
            &mut vec![0; bytes],
            &mut z,
        )
        .unwrap();
        let bytes = hierarchy::cut_tree_workspace_size(n).unwrap().bytes();
        for k in [1, 2, n] {
            check_exact("cut_n_clusters", bytes, |ws| {
                let mut labels = vec![0; n];
                hierarchy::cut_n_clusters(&z, n, k, ws, &mut labels)?;
                Ok(labels)
            });
        }
        check_exact("cut_distance", bytes, |ws| {
            let mut labels = vec![0; n];
            let k = hierarchy::cut_distance(&z, n, 0.5, ws, &mut labels)?;
            Ok((k, labels))
        });
        check_exact("dendrogram_leaves", bytes, |ws| {
            let mut order = vec![0; n];
            hierarchy::dendrogram_leaves(&z, n, ws, &mut order)?;
            Ok(order)
        });
    }
}

#[test]
fn metrics() {
    let mut rng = Rng::new(4);
    for (n, d) in SHAPES {
        let x = data(&mut rng, n, d);
        let m = Matrix::new(&x, n, d).unwrap();
        for k in [1usize, 2, 3, 7, n + 2] {
            // Some noise (-1) and some empty ids.
            let labels: Vec<i32> = (0..n).map(|_| rng.below(k as u64 + 1) as i32 - 1).collect();
            let bytes = metrics::silhouette_workspace_size(n, k).unwrap().bytes();
            for metric in Metric::ALL {
                check_exact("silhouette samples", bytes, |ws| {
                    let mut out = vec![0.0; n];
                    metrics::silhouette_samples(m, &labels, k, metric, ws, &mut out)?;
                    Ok(out)
                });
            }
            check_exact("silhouette score", bytes, |ws| {
                metrics::silhouette_score(m, &labels, k, Metric::Euclidean, ws)
            });
            let bytes = metrics::cluster_stats_workspace_size(d, k).unwrap().bytes();
            check_exact("calinski_harabasz", bytes, |ws| {
                metrics::calinski_harabasz(m, &labels, k, ws)
            });
            check_exact("davies_bouldin", bytes, |ws| {
                metrics::davies_bouldin(m, &labels, k, ws)
            });
            let other: Vec<i32> = (0..n).map(|_| rng.next_u64() as i32 % 5).collect();
            let bytes = metrics::contingency_workspace_size(n).unwrap().bytes();
            check_exact("adjusted_rand_index", bytes, |ws| {
                metrics::adjusted_rand_index(&labels, &other, ws)
            });
            check_exact("normalized_mutual_info", bytes, |ws| {
                metrics::normalized_mutual_info(&labels, &other, ws)
            });
        }
    }
}

#[test]
fn model_selection() {
    let mut rng = Rng::new(5);
    for (n, d) in SHAPES {
        let x = data(&mut rng, n, d);
        let m = Matrix::new(&x, n, d).unwrap();
        for (k_min, k_max) in [(2usize, 2usize), (2, 5), (3, 9)] {
            if k_max >= n {
                continue;
            }
            let p = KMeansParams::new(2);
            let bytes = model_selection::sweep_workspace_size::<f64>(n, d, k_min, k_max, &p)
                .unwrap()
                .bytes();
            let len = k_max - k_min + 1;
            check_exact("kmeans sweep", bytes, |ws| {
                let (mut inertia, mut sil) = (vec![0.0; len], vec![0.0; len]);
                let c = model_selection::kmeans_sweep(
                    m,
                    None,
                    k_min,
                    k_max,
                    &p,
                    ws,
                    &mut inertia,
                    Some(&mut sil),
                )?;
                Ok((c, inertia, sil))
            });
        }
        for metric in Metric::ALL {
            for ms in [1u32, 3] {
                if ms as usize > n {
                    continue;
                }
                let bytes = model_selection::suggest_eps_workspace_size::<f64>(n, d, ms, metric)
                    .unwrap()
                    .bytes();
                check_exact("suggest_eps", bytes, |ws| {
                    let mut curve = vec![0.0; n];
                    let s = model_selection::suggest_eps(m, ms, metric, ws, Some(&mut curve))?;
                    Ok((s, curve))
                });
            }
        }
    }
}
