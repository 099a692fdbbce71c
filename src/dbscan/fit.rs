//! [`fit`]: the DBSCAN driver (validation, scratch, the index, then the steps
//! of the module docs: `core_flags.rs`, `components.rs`, `labels.rs`).

use super::components::{join_core_components, CHUNK, UNKNOWN};
use super::core_flags::core_flags;
use super::labels::{label_borders, number_clusters};
use super::params::DbscanParams;
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::neighbors::checks::{check_cosine, check_sizes, overflow_check};
use crate::neighbors::index::{self, Index};
use crate::neighbors::space::Space;
use crate::neighbors::IndexKind;
use crate::scalar::Scalar;
use crate::workspace::{Carve, Layout, Sizer, Workspace};

/// Counts from a fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DbscanSummary {
    /// Number of clusters (labels are `0..n_clusters`).
    pub n_clusters: u32,
    /// Samples labelled -1.
    pub n_noise: u32,
    /// Core samples.
    pub n_core: u32,
}

/// The workspace of [`fit`] for `n` samples of `d` features, in bytes of a
/// [`Layout`]: a pure function of the sizes and the parameters.
pub fn workspace_size<S: Scalar>(n: usize, d: usize, params: &DbscanParams) -> Result<Layout> {
    params.check()?;
    check_sizes(n, d, "x")?;
    let kind = params.index.resolve(n, d);
    Sizer::measure(|c| carve::<S>(c, kind, n, d).map(drop))
}

/// The scratch of [`fit`], declared once (sized by [`workspace_size`],
/// carved by the call). The first three arrays are per stored position (the
/// index's order), not per sample.
struct Scratch<'a, S> {
    /// Core flags (0 or 1).
    core: &'a mut [u8],
    /// Union-find parents.
    parent: &'a mut [u32],
    /// One representative per chunk of `CHUNK` positions (`components.rs`).
    reps: &'a mut [u32],
    /// The neighbour index.
    parts: index::Parts<'a, S>,
}

/// The declaration of [`Scratch`].
#[inline(always)]
fn carve<'a, S: Scalar>(
    c: &mut impl Carve<'a>,
    kind: IndexKind,
    n: usize,
    d: usize,
) -> Result<Scratch<'a, S>> {
    Ok(Scratch {
        core: c.take_filled::<u8>(n, 0)?,
        parent: c.take::<u32>(n)?,
        reps: c.take_filled::<u32>(n.div_ceil(CHUNK), UNKNOWN)?,
        parts: index::Parts::carve(c, kind, n, d)?,
    })
}

/// Validates optional weights: `n` finite values (negative values are allowed,
/// as in scikit-learn, where they can keep a neighbour from being core).
fn check_weights<S: Scalar>(w: Option<&[S]>, n: usize) -> Result<()> {
    let Some(w) = w else { return Ok(()) };
    if w.len() != n {
        return Err(Error::InvalidShape("sample_weight"));
    }
    crate::matrix::check_finite(w, "sample_weight")
}

/// DBSCAN on the rows of `x`, with scikit-learn's labels.
///
/// `weights` (may be `None`: all ones) are per-sample; a sample is core when the
/// total weight of its eps-neighbourhood (itself included) is at least
/// `min_samples`. Writes `labels` (length n: cluster `0..` or -1) and, if given,
/// `is_core` (length n: 0 or 1). Every input, the output lengths and the
/// workspace are validated before any output is written.
pub fn fit<S: Scalar>(
    params: &DbscanParams,
    x: Matrix<'_, S>,
    weights: Option<&[S]>,
    workspace: &mut [u8],
    labels: &mut [i32],
    is_core: Option<&mut [u8]>,
) -> Result<DbscanSummary> {
    let (n, d) = (x.n(), x.d());
    let layout = workspace_size::<S>(n, d, params)?;
    check_weights(weights, n)?;
    if labels.len() != n {
        return Err(Error::InvalidShape("labels"));
    }
    if is_core.as_ref().is_some_and(|c| c.len() != n) {
        return Err(Error::InvalidShape("is_core"));
    }
    check_cosine(params.metric, x, "x")?;
    let space = Space::<S>::new(params.metric, d, params.eps);
    overflow_check(&space, x, None, None)?;
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    let kind = params.index.resolve(n, d);
    let Scratch {
        core,
        parent,
        reps,
        parts,
    } = carve(&mut ws, kind, n, d)?;
    let idx = Index::build(kind, space, x, None, parts);

    core_flags(&idx, weights, params.min_samples, core);
    join_core_components(&idx, core, parent, reps);
    let (n_clusters, n_core) = number_clusters(&idx, core, parent, labels);
    label_borders(&idx, core, labels);

    if let Some(out) = is_core {
        for (p, &c) in core.iter().enumerate() {
            if let Some(o) = out.get_mut(idx.original(p) as usize) {
                *o = c;
            }
        }
    }
    let n_noise = labels.iter().filter(|&&l| l < 0).count() as u32;
    Ok(DbscanSummary {
        n_clusters,
        n_noise,
        n_core,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distance::Metric;
    use crate::neighbors::IndexKind;
    use crate::rng::Rng;
    use std::vec;
    use std::vec::Vec;

    /// scikit-learn's algorithm, transcribed: materialised neighbourhoods in
    /// index order and the depth-first stack of `_dbscan_inner.pyx`.
    fn reference(x: &[f64], d: usize, w: Option<&[f64]>, p: &DbscanParams) -> (Vec<i32>, Vec<u8>) {
        reference_ordered(x, d, w, p, None)
    }

    /// As [`reference`], with each neighbourhood list shuffled by `shuffle`
    /// (scikit-learn's lists come in its index's order).
    fn reference_ordered(
        x: &[f64],
        d: usize,
        w: Option<&[f64]>,
        p: &DbscanParams,
        shuffle: Option<&mut Rng>,
    ) -> (Vec<i32>, Vec<u8>) {
        let n = x.len() / d;
        let space = Space::<f64>::new(p.metric, d, p.eps);
        let emb: Vec<Vec<f64>> = x
            .chunks(d)
            .map(|r| {
                let mut o = vec![0.0; d];
                space.embed(r, &mut o);
                o
            })
            .collect();
        let mut nb: Vec<Vec<usize>> = (0..n)
            .map(|i| (0..n).filter(|&j| space.within(&emb[i], &emb[j])).collect())
            .collect();
        if let Some(rng) = shuffle {
            for list in &mut nb {
                for k in (1..list.len()).rev() {
                    list.swap(k, rng.index(k + 1));
                }
            }
        }
        let core: Vec<u8> = nb
            .iter()
            .map(|v| {
                let s: f64 = v.iter().map(|&j| w.map_or(1.0, |w| w[j])).sum();
                (s >= p.min_samples as f64) as u8
            })
            .collect();
        let mut labels = vec![-1i32; n];
        let mut label = 0;
        let mut stack = Vec::new();
        for i0 in 0..n {
            if labels[i0] != -1 || core[i0] == 0 {
                continue;
            }
            let mut i = i0;
            loop {
                if labels[i] == -1 {
                    labels[i] = label;
                    if core[i] == 1 {
                        for &v in &nb[i] {
                            if labels[v] == -1 {
                                stack.push(v);
                            }
                        }
                    }
                }
                match stack.pop() {
                    Some(v) => i = v,
                    None => break,
                }
            }
            label += 1;
        }
        (labels, core)
    }

    fn run(
        x: &[f64],
        d: usize,
        w: Option<&[f64]>,
        p: &DbscanParams,
    ) -> (Vec<i32>, Vec<u8>, DbscanSummary) {
        let n = x.len() / d;
        let m = Matrix::new(x, n, d).unwrap();
        let mut buf = vec![0u8; workspace_size::<f64>(n, d, p).unwrap().bytes()];
        let mut labels = vec![7; n];
        let mut core = vec![7; n];
        let s = fit(p, m, w, &mut buf, &mut labels, Some(&mut core)).unwrap();
        (labels, core, s)
    }

    #[test]
    fn labels_equal_the_transcribed_scikit_learn_loop_for_every_index() {
        let mut rng = Rng::new(21);
        for trial in 0..60 {
            let d = 1 + trial % 4;
            let n = 40 + rng.below(160) as usize;
            // Clumps with bridges: many border samples reachable from two clusters.
            let x: Vec<f64> = (0..n * d)
                .map(|_| (rng.below(5) as f64) * 0.6 + rng.next_f64() * 0.5)
                .collect();
            let w: Vec<f64> = (0..n).map(|_| (rng.below(9) as f64) * 0.5 - 0.5).collect();
            for metric in Metric::ALL {
                let eps = 0.1 + rng.next_f64() * 0.4;
                let ms = 1 + rng.below(8) as u32;
                for weights in [None, Some(&w[..])] {
                    let mut p = DbscanParams::new(eps, ms);
                    p.metric = metric;
                    let (want, want_core) = reference(&x, d, weights, &p);
                    for index in IndexKind::ALL {
                        p.index = index;
                        let (got, core, s) = run(&x, d, weights, &p);
                        assert_eq!(core, want_core, "core {trial} {metric:?} {index:?}");
                        assert_eq!(
                            got,
                            want,
                            "labels {trial} {metric:?} {index:?} w={}",
                            weights.is_some()
                        );
                        let k = want.iter().copied().max().unwrap_or(-1) + 1;
                        assert_eq!(s.n_clusters as i32, k);
                        assert_eq!(s.n_noise as usize, want.iter().filter(|&&l| l < 0).count());
                        assert_eq!(
                            s.n_core as usize,
                            want_core.iter().filter(|&&c| c == 1).count()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn scikit_learns_labels_do_not_depend_on_the_order_of_neighbourhood_lists() {
        // The claim the union-find formulation rests on: only the order in
        // which clusters are seeded matters, not the order of neighbours.
        let mut rng = Rng::new(5);
        for trial in 0..80 {
            let d = 1 + trial % 3;
            let n = 30 + rng.below(120) as usize;
            let x: Vec<f64> = (0..n * d)
                .map(|_| (rng.below(4) as f64) * 0.5 + rng.next_f64() * 0.45)
                .collect();
            let p = DbscanParams::new(0.15 + rng.next_f64() * 0.3, 2 + rng.below(6) as u32);
            let want = reference(&x, d, None, &p);
            for _ in 0..5 {
                assert_eq!(
                    reference_ordered(&x, d, None, &p, Some(&mut rng)),
                    want,
                    "trial {trial}"
                );
            }
        }
    }

    #[test]
    fn a_border_sample_goes_to_the_cluster_with_the_lowest_seed() {
        // Two clusters of four cores at +-1; sample 2 (at 0) is a border sample
        // of both. The cluster seeded first (lowest index) claims it.
        let p = DbscanParams::new(1.0, 4);
        let pts = [1.0, -1.0, 0.0, 1.05, 1.1, 1.15, -1.05, -1.1, -1.15];
        let (labels, core, _) = run(&pts, 1, None, &p);
        assert_eq!(core, [1, 1, 0, 1, 1, 1, 1, 1, 1]);
        assert_eq!(labels, [0, 1, 0, 0, 0, 0, 1, 1, 1]);
        let pts = [-1.0, 1.0, 0.0, 1.05, 1.1, 1.15, -1.05, -1.1, -1.15];
        let (labels, _, _) = run(&pts, 1, None, &p);
        assert_eq!(labels, [0, 1, 0, 1, 1, 1, 0, 0, 0]);
    }

    #[test]
    fn a_dense_cloud_runs_in_linear_workspace() {
        // 20,000 points that all neighbour each other: sklearn would store 4e8 indices.
        let n = 20_000;
        let mut rng = Rng::new(2);
        let x: Vec<f64> = (0..n * 2).map(|_| rng.next_f64() * 0.01).collect();
        for index in IndexKind::ALL {
            let mut p = DbscanParams::new(1.0, 5);
            p.index = index;
            let bytes = workspace_size::<f64>(n, 2, &p).unwrap().bytes();
            assert!(bytes <= 64 * n, "{index:?}: {bytes} bytes");
            let m = n; // every index, the full cloud
            let (labels, core, s) = run(&x[..2 * m], 2, None, &p);
            assert!(labels.iter().all(|&l| l == 0) && core.iter().all(|&c| c == 1));
            assert_eq!((s.n_clusters, s.n_noise, s.n_core), (1, 0, m as u32));
        }
    }

    #[test]
    fn workspace_is_at_most_64_bytes_per_sample_up_to_three_features() {
        for d in 1..=3 {
            for metric in Metric::ALL {
                for index in IndexKind::ALL {
                    let mut p = DbscanParams::new(0.3, 5);
                    p.metric = metric;
                    p.index = index;
                    for n in [1000usize, 100_000, 1 << 24] {
                        let f64_bytes = workspace_size::<f64>(n, d, &p).unwrap().bytes();
                        let f32_bytes = workspace_size::<f32>(n, d, &p).unwrap().bytes();
                        assert!(
                            f64_bytes <= 64 * n && f32_bytes <= f64_bytes,
                            "{d} {index:?} {n}: {f64_bytes}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn failures_leave_the_outputs_untouched() {
        let x = [0.0f64, 0.0, 1.0, 1.0];
        let m = Matrix::new(&x, 2, 2).unwrap();
        let p = DbscanParams::default();
        let need = workspace_size::<f64>(2, 2, &p).unwrap().bytes();
        let mut buf = vec![0u8; need - 1];
        let mut labels = [9; 2];
        let mut core = [9; 2];
        assert!(matches!(
            fit(&p, m, None, &mut buf, &mut labels, Some(&mut core)),
            Err(Error::WorkspaceTooSmall { .. })
        ));
        let mut buf = vec![0u8; need];
        let bad = DbscanParams::new(-1.0, 5);
        assert!(fit(&bad, m, None, &mut buf, &mut labels, Some(&mut core)).is_err());
        let zero = [0.0f64, 0.0, 1.0, 1.0];
        let mut cp = p;
        cp.metric = Metric::Cosine;
        let need = workspace_size::<f64>(2, 2, &cp).unwrap().bytes();
        let mut buf = vec![0u8; need];
        assert_eq!(
            fit(
                &cp,
                Matrix::new(&zero, 2, 2).unwrap(),
                None,
                &mut buf,
                &mut labels,
                Some(&mut core)
            ),
            Err(Error::InvalidParameter("x"))
        );
        assert_eq!((labels, core), ([9; 2], [9; 2]));
    }

    #[test]
    fn huge_eps_with_overflowing_distances_is_a_numerical_error() {
        let x = [-3e38f32, 0.0, 3e38, 0.0];
        let m = Matrix::new(&x, 2, 2).unwrap();
        let mut p = DbscanParams::new(1e300, 1);
        let mut buf = vec![0u8; workspace_size::<f32>(2, 2, &p).unwrap().bytes()];
        let mut labels = [9; 2];
        assert_eq!(
            fit(&p, m, None, &mut buf, &mut labels, None),
            Err(Error::Numerical("x"))
        );
        p.eps = 1.0; // the overflowing pair is then correctly "farther than eps"
        assert!(fit(&p, m, None, &mut buf, &mut labels, None).is_ok());
        assert_eq!(labels, [0, 1]);
    }
}
