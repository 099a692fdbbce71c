//! Owned wrappers over [`crate::model_selection`]: the k sweep and the eps suggestion.

use crate::distance::Metric;
use crate::error::Result;
use crate::kmeans::KMeansParams;
use crate::matrix::Matrix;
use crate::model_selection::{self, SweepChoice};
use crate::owned::{n_rows, with_workspace};
use crate::scalar::Scalar;
use std::vec;
use std::vec::Vec;

/// The curves of a k sweep and the ks they suggest.
#[derive(Debug, Clone, PartialEq)]
pub struct KSweep {
    /// The ks, `k_min..=k_max`.
    pub ks: Vec<usize>,
    /// Inertia per k.
    pub inertia: Vec<f64>,
    /// Euclidean silhouette score per k.
    pub silhouette: Vec<f64>,
    /// The suggested ks (best silhouette, elbow).
    pub choice: SweepChoice,
}

/// k-means for every k in `[k_min, k_max]` on the `n x d` data `x` (`n = x.len() / d`),
/// with inertia and silhouette per k ([`model_selection::kmeans_sweep`]).
pub fn kmeans_sweep<S: Scalar>(
    x: &[S],
    d: usize,
    sample_weight: Option<&[S]>,
    k_min: usize,
    k_max: usize,
    params: &KMeansParams,
) -> Result<KSweep> {
    let n = n_rows(x, d)?;
    let m = Matrix::new(x, n, d)?;
    let len = model_selection::sweep_len(n, k_min, k_max)?;
    let (mut inertia, mut silhouette) = (vec![0.0; len], vec![0.0; len]);
    let layout = model_selection::sweep_workspace_size::<S>(n, d, k_min, k_max, params)?;
    let choice = with_workspace(layout, |ws| {
        model_selection::kmeans_sweep(
            m,
            sample_weight,
            k_min,
            k_max,
            params,
            ws,
            &mut inertia,
            Some(&mut silhouette),
        )
    })?;
    Ok(KSweep {
        ks: (k_min..=k_max).collect(),
        inertia,
        silhouette,
        choice,
    })
}

/// The suggested DBSCAN eps and the ascending k-distance curve it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct EpsCurve<S> {
    /// The suggested eps (the curve's value at the knee).
    pub eps: f64,
    /// The knee's index in `curve`.
    pub knee: usize,
    /// The sorted k-distances (each sample's distance to its `min_samples`-th nearest sample).
    pub curve: Vec<S>,
}

/// Suggests eps for DBSCAN on the `n x d` data `x` ([`model_selection::suggest_eps`]).
pub fn suggest_eps<S: Scalar>(
    x: &[S],
    d: usize,
    min_samples: u32,
    metric: Metric,
) -> Result<EpsCurve<S>> {
    let n = n_rows(x, d)?;
    let m = Matrix::new(x, n, d)?;
    let mut curve = vec![S::ZERO; n];
    let layout = model_selection::suggest_eps_workspace_size::<S>(n, d, min_samples, metric)?;
    let s = with_workspace(layout, |ws| {
        model_selection::suggest_eps(m, min_samples, metric, ws, Some(&mut curve))
    })?;
    Ok(EpsCurve {
        eps: s.eps,
        knee: s.knee,
        curve,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kmeans::Init;
    use crate::owned::kmeans::KMeans;
    use crate::rng::Rng;

    /// Three blobs of 30 points in 2-D.
    fn blobs() -> Vec<f64> {
        let mut rng = Rng::new(4);
        let centers = [[0.0, 0.0], [5.0, 5.0], [0.0, 7.0]];
        (0..90)
            .flat_map(|i| centers[i % 3].map(|c| c + rng.next_f64() - 0.5))
            .collect()
    }

    #[test]
    fn the_sweep_reproduces_individual_fits_and_finds_the_blobs() {
        let x = blobs();
        let params = KMeansParams {
            n_init: 3,
            seed: 11,
            ..KMeansParams::new(2)
        };
        let sweep = kmeans_sweep(&x, 2, None, 2, 8, &params).unwrap();
        assert_eq!(sweep.ks, (2..=8).collect::<Vec<_>>());
        for (i, &k) in sweep.ks.iter().enumerate() {
            let single = KMeans::new(k)
                .n_init(3)
                .seed(11)
                .init(Init::KMeansPlusPlus)
                .fit(&x, 2)
                .unwrap();
            let r = single.result.unwrap();
            assert_eq!(sweep.inertia[i].to_bits(), r.inertia.to_bits(), "k = {k}");
            let sil =
                crate::owned::metrics::silhouette_score(&x, 2, &single.labels, Metric::Euclidean)
                    .unwrap();
            assert_eq!(sweep.silhouette[i].to_bits(), sil.to_bits(), "k = {k}");
        }
        assert_eq!(sweep.choice.best_silhouette_k, Some(3));
        assert_eq!(sweep.choice.elbow_k, Some(3));
        assert!(
            sweep.inertia.windows(2).all(|w| w[1] <= w[0] * 1.0001),
            "{:?}",
            sweep.inertia
        );
    }

    #[test]
    fn eps_sits_at_the_knee_of_a_known_curve() {
        // A dense 10 x 10 grid (spacing 0.1) and 8 isolated points far apart: with
        // min_samples 4 every grid point's k-distance is 0.1 or sqrt(0.02), the
        // isolated points' are >= 10, so the knee is the last grid point.
        let mut x: Vec<f32> = (0..100)
            .flat_map(|i| [(i % 10) as f32 * 0.1, (i / 10) as f32 * 0.1])
            .collect();
        for j in 0..8 {
            x.extend([50.0 + 20.0 * j as f32, -40.0 - 10.0 * j as f32]);
        }
        let s = suggest_eps(&x, 2, 4, Metric::Euclidean).unwrap();
        assert_eq!(s.knee, 99);
        let dense_max = s.curve[..100].iter().fold(0.0f32, |m, &v| m.max(v));
        assert_eq!(s.eps, dense_max as f64);
        assert!((s.eps - 0.02f64.sqrt()).abs() < 1e-6, "{}", s.eps);
        assert!(s.curve.windows(2).all(|w| w[0] <= w[1]), "ascending");
        assert!(s.curve[100..].iter().all(|&v| v >= 10.0));
    }

    #[test]
    fn a_straight_curve_has_no_eps() {
        // Evenly spaced points on a line: every k-distance is the same.
        let x: Vec<f64> = (0..20).map(|i| i as f64).collect();
        assert_eq!(
            suggest_eps(&x, 1, 2, Metric::Euclidean).unwrap_err(),
            crate::Error::InvalidParameter("x")
        );
    }
}
