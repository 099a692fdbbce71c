//! k-means parameters: the enums, the defaults (one place, feeding both
//! [`KMeansParams::new`] and the C `nanoclust_kmeans_params_default`) and
//! validation.

use crate::error::{Error, Result};

/// How the initial centers are chosen. The `u32` values are the C constants
/// `NANOCLUST_INIT_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Init {
    /// Greedy k-means++ (scikit-learn's): the first center is drawn in proportion
    /// to the sample weight, each further one is the best (lowest potential) of
    /// `2 + floor(ln k)` candidates drawn in proportion to `weight * D^2`.
    #[default]
    KMeansPlusPlus = 0,
    /// `k` distinct samples drawn without replacement in proportion to the weight.
    Random = 1,
    /// The caller's centers (`n_init` is forced to 1).
    Provided = 2,
}

impl Init {
    /// The init method of a C constant; unknown values are `InvalidParameter("init")`.
    pub fn from_u32(v: u32) -> Result<Self> {
        match v {
            0 => Ok(Init::KMeansPlusPlus),
            1 => Ok(Init::Random),
            2 => Ok(Init::Provided),
            _ => Err(Error::InvalidParameter("init")),
        }
    }
}

/// The iteration algorithm. Both give the same labels and centers (Hamerly's
/// bounds carry a rounding margin so that it skips a distance only when Lloyd's
/// arithmetic would reach the same label). The `u32` values are the C constants
/// `NANOCLUST_KMEANS_*`; `NANOCLUST_KMEANS_ELKAN` (3) is not built, so it is
/// `InvalidParameter("algorithm")`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Algorithm {
    /// Chosen from measurements: currently always Lloyd. In `benches/README.md` (k-means)
    /// (d = 2, 8, 16, 64; fixed 10 iterations and full fits to `tol`) Hamerly's
    /// per-sample bound bookkeeping cost more than the distances it skipped.
    #[default]
    Auto = 0,
    /// Lloyd with a blocked distance-plus-argmin kernel.
    Lloyd = 1,
    /// Hamerly's bounds (O(n) extra memory).
    Hamerly = 2,
}

impl Algorithm {
    /// The algorithm of a C constant; unknown values (and Elkan, which is not
    /// built) are `InvalidParameter("algorithm")`.
    pub fn from_u32(v: u32) -> Result<Self> {
        match v {
            0 => Ok(Algorithm::Auto),
            1 => Ok(Algorithm::Lloyd),
            2 => Ok(Algorithm::Hamerly),
            _ => Err(Error::InvalidParameter("algorithm")),
        }
    }

    /// `Auto` resolved for `d` features (never returns `Auto`).
    pub fn resolve(self, d: usize) -> Algorithm {
        let _ = d; // the shape rule is "always Lloyd" for now (see `Auto`)
        match self {
            Algorithm::Auto => Algorithm::Lloyd,
            a => a,
        }
    }
}

/// Default `max_iter` (scikit-learn's).
pub const DEFAULT_MAX_ITER: u32 = 300;
/// Default `tol` (scikit-learn's), relative to the mean per-feature variance.
pub const DEFAULT_TOL: f64 = 1e-4;
/// Default `n_init` (scikit-learn's `"auto"` for k-means++).
pub const DEFAULT_N_INIT: u32 = 1;
/// Default seed.
pub const DEFAULT_SEED: u64 = 0;

/// Parameters of [`crate::kmeans::fit()`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KMeansParams {
    /// Number of clusters `k`, `1 <= k <= n`, `k <= fit::MAX_CLUSTERS` (2^24).
    pub n_clusters: usize,
    /// Initialisation.
    pub init: Init,
    /// Restarts (`>= 1`); the lowest inertia wins. Treated as 1 for `Provided`.
    pub n_init: u32,
    /// Iteration limit per run, `>= 1`.
    pub max_iter: u32,
    /// `>= 0` and finite; a run stops when the summed squared center shift is at
    /// most `tol * mean(per-feature variance of x)` (scikit-learn's `_tolerance`).
    pub tol: f64,
    /// Seed of the run's random choices; run `r` of `n_init` uses the stream after run `r - 1`.
    pub seed: u64,
    /// Lloyd, Hamerly or Auto.
    pub algorithm: Algorithm,
}

impl KMeansParams {
    /// The defaults for `n_clusters` clusters: k-means++, `n_init` 1,
    /// `max_iter` 300, `tol` 1e-4, seed 0, Auto.
    pub const fn new(n_clusters: usize) -> Self {
        KMeansParams {
            n_clusters,
            init: Init::KMeansPlusPlus,
            n_init: DEFAULT_N_INIT,
            max_iter: DEFAULT_MAX_ITER,
            tol: DEFAULT_TOL,
            seed: DEFAULT_SEED,
            algorithm: Algorithm::Auto,
        }
    }

    /// Validates the parameters for `n` samples: `1 <= n_clusters <= n`,
    /// `n_init >= 1` (any value for `Provided`, which makes one run),
    /// `max_iter >= 1`, `tol >= 0` and finite. Errors name the parameter.
    pub fn check(&self, n: usize) -> Result<()> {
        if self.n_clusters == 0 || self.n_clusters > n {
            return Err(Error::InvalidParameter("n_clusters"));
        }
        if self.n_init == 0 && self.init != Init::Provided {
            return Err(Error::InvalidParameter("n_init"));
        }
        if self.max_iter == 0 {
            return Err(Error::InvalidParameter("max_iter"));
        }
        // 0 <= tol < inf (-0 included), tested on the bits: no soft-double
        // comparison on single-precision FPUs. NaN bit patterns fail both.
        let b = self.tol.to_bits();
        if !(b < 0x7ff0_0000_0000_0000 || b == 0x8000_0000_0000_0000) {
            return Err(Error::InvalidParameter("tol"));
        }
        Ok(())
    }

    /// The number of runs actually made: `n_init`, or 1 for `Provided`.
    pub fn runs(&self) -> u32 {
        if self.init == Init::Provided {
            1
        } else {
            self.n_init.max(1)
        }
    }
}

impl Default for KMeansParams {
    /// [`KMeansParams::new`] with 8 clusters (scikit-learn's default).
    fn default() -> Self {
        Self::new(8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip_and_reject_unknown_values() {
        for v in 0..3 {
            assert_eq!(Init::from_u32(v).unwrap() as u32, v);
            assert_eq!(Algorithm::from_u32(v).unwrap() as u32, v);
        }
        assert_eq!(Init::from_u32(3), Err(Error::InvalidParameter("init")));
        assert_eq!(
            Algorithm::from_u32(3),
            Err(Error::InvalidParameter("algorithm")),
            "Elkan is not built"
        );
        assert!(Algorithm::from_u32(u32::MAX).is_err());
        for d in [1, 2, 16, 64] {
            assert_eq!(Algorithm::Auto.resolve(d), Algorithm::Lloyd);
        }
        assert_eq!(Algorithm::Hamerly.resolve(64), Algorithm::Hamerly);
        assert_eq!(Algorithm::Lloyd.resolve(2), Algorithm::Lloyd);
    }

    #[test]
    fn check_names_the_bad_parameter() {
        let p = KMeansParams::new(3);
        assert_eq!(p.check(3), Ok(()));
        assert_eq!(p.check(2), Err(Error::InvalidParameter("n_clusters")));
        assert_eq!(
            KMeansParams::new(0).check(5),
            Err(Error::InvalidParameter("n_clusters"))
        );
        let bad = |f: fn(&mut KMeansParams)| {
            let mut q = p;
            f(&mut q);
            q.check(10)
        };
        assert_eq!(
            bad(|q| q.n_init = 0),
            Err(Error::InvalidParameter("n_init"))
        );
        assert_eq!(
            bad(|q| q.max_iter = 0),
            Err(Error::InvalidParameter("max_iter"))
        );
        for t in [-1e-9, f64::NAN, f64::INFINITY] {
            let mut q = p;
            q.tol = t;
            assert_eq!(q.check(10), Err(Error::InvalidParameter("tol")));
        }
        let mut q = p;
        q.init = Init::Provided;
        q.n_init = 10;
        assert_eq!(q.runs(), 1);
        // Any n_init with provided centers, 0 included (the header's promise).
        q.n_init = 0;
        assert_eq!(q.check(10), Ok(()));
        assert_eq!(q.runs(), 1);
        assert_eq!(KMeansParams::default().n_clusters, 8);
    }
}
