//! Gaussian-mixture parameters: the enums, the defaults (one place, feeding both
//! [`GmmParams::new`] and the C `nanoclust_gmm_params_default`) and validation.

use crate::error::{Error, Result};

/// The shape of each component's covariance. The `u32` values are the C
/// constants `NANOCLUST_COVARIANCE_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CovarianceType {
    /// One full `d x d` matrix per component (`k*d*d` values, row-major).
    #[default]
    Full = 0,
    /// One full `d x d` matrix shared by every component (`d*d` values).
    Tied = 1,
    /// One diagonal per component (`k*d` values: the variances).
    Diag = 2,
    /// One variance per component (`k` values).
    Spherical = 3,
}

impl CovarianceType {
    /// Every covariance type, in constant order.
    pub const ALL: [CovarianceType; 4] = [
        CovarianceType::Full,
        CovarianceType::Tied,
        CovarianceType::Diag,
        CovarianceType::Spherical,
    ];

    /// The covariance type of a C constant; unknown values are
    /// `InvalidParameter("covariance_type")`.
    pub fn from_u32(v: u32) -> Result<Self> {
        match v {
            0 => Ok(CovarianceType::Full),
            1 => Ok(CovarianceType::Tied),
            2 => Ok(CovarianceType::Diag),
            3 => Ok(CovarianceType::Spherical),
            _ => Err(Error::InvalidParameter("covariance_type")),
        }
    }

    /// Number of values of the covariances array for `k` components of `d`
    /// features (full `k*d*d`, tied `d*d`, diag `k*d`, spherical `k`), in
    /// checked arithmetic (`SizeOverflow("covariances")`).
    pub fn len(self, k: usize, d: usize) -> Result<usize> {
        let o = Error::SizeOverflow("covariances");
        match self {
            CovarianceType::Full => k.checked_mul(d).and_then(|kd| kd.checked_mul(d)).ok_or(o),
            CovarianceType::Tied => d.checked_mul(d).ok_or(o),
            CovarianceType::Diag => k.checked_mul(d).ok_or(o),
            CovarianceType::Spherical => Ok(k),
        }
    }

    /// Number of free parameters of a mixture (scikit-learn's `_n_parameters`):
    /// covariance parameters + `k*d` means + `k - 1` weights. In `f64`, so it
    /// cannot overflow.
    pub fn n_parameters(self, k: usize, d: usize) -> f64 {
        let (k, d) = (k as f64, d as f64);
        let cov = match self {
            CovarianceType::Full => k * d * (d + 1.0) / 2.0,
            CovarianceType::Tied => d * (d + 1.0) / 2.0,
            CovarianceType::Diag => k * d,
            CovarianceType::Spherical => k,
        };
        cov + k * d + k - 1.0
    }
}

/// How a fit starts. The `u32` values are the C constants `NANOCLUST_GMM_INIT_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GmmInit {
    /// scikit-learn's default `init_params='kmeans'`: hard responsibilities
    /// from the labels of one k-means run, then one M-step.
    #[default]
    KMeans = 0,
    /// The caller's weights, means and covariances (note: covariances, where
    /// scikit-learn's `precisions_init` takes their inverses). `n_init` is
    /// treated as 1, since every run would be identical.
    Provided = 1,
}

impl GmmInit {
    /// The init method of a C constant; unknown values are `InvalidParameter("init")`.
    pub fn from_u32(v: u32) -> Result<Self> {
        match v {
            0 => Ok(GmmInit::KMeans),
            1 => Ok(GmmInit::Provided),
            _ => Err(Error::InvalidParameter("init")),
        }
    }
}

/// Default covariance type (scikit-learn's).
pub const DEFAULT_COVARIANCE_TYPE: CovarianceType = CovarianceType::Full;
/// Default `max_iter` (scikit-learn's).
pub const DEFAULT_MAX_ITER: u32 = 100;
/// Default `n_init` (scikit-learn's).
pub const DEFAULT_N_INIT: u32 = 1;
/// Default `tol` (scikit-learn's), on the change of the mean log-likelihood.
pub const DEFAULT_TOL: f64 = 1e-3;
/// Default `reg_covar` (scikit-learn's), added to every covariance diagonal.
pub const DEFAULT_REG_COVAR: f64 = 1e-6;
/// Default initialisation (scikit-learn's).
pub const DEFAULT_INIT: GmmInit = GmmInit::KMeans;
/// Default seed.
pub const DEFAULT_SEED: u64 = 0;

/// Parameters of [`crate::gmm::fit`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GmmParams {
    /// Number of components `k`, `1 <= k <= n`.
    pub n_components: usize,
    /// Covariance shape.
    pub covariance_type: CovarianceType,
    /// EM iterations per run, `>= 1` (scikit-learn also allows 0, which
    /// returns the unfitted start with a lower bound of -inf; nanoclust
    /// guarantees finite outputs, so 0 is `InvalidParameter("max_iter")`).
    pub max_iter: u32,
    /// Runs (`>= 1`); the best final lower bound wins. Treated as 1 for `Provided`.
    pub n_init: u32,
    /// `>= 0` and finite; a run stops when the lower bound changes by less.
    pub tol: f64,
    /// `>= 0` and finite; added to the diagonal of every estimated covariance.
    pub reg_covar: f64,
    /// k-means or provided start.
    pub init: GmmInit,
    /// Seed of the k-means initialisation; run `r` uses the stream after run `r - 1`.
    pub seed: u64,
}

impl GmmParams {
    /// The defaults for `n_components` components: full covariances,
    /// `max_iter` 100, `n_init` 1, `tol` 1e-3, `reg_covar` 1e-6, k-means init, seed 0.
    pub const fn new(n_components: usize) -> Self {
        GmmParams {
            n_components,
            covariance_type: DEFAULT_COVARIANCE_TYPE,
            max_iter: DEFAULT_MAX_ITER,
            n_init: DEFAULT_N_INIT,
            tol: DEFAULT_TOL,
            reg_covar: DEFAULT_REG_COVAR,
            init: DEFAULT_INIT,
            seed: DEFAULT_SEED,
        }
    }

    /// Validates the parameters for `n` samples: `1 <= n_components <= n`,
    /// `max_iter >= 1`, `n_init >= 1`, `tol` and `reg_covar` finite and `>= 0`.
    /// Errors name the parameter.
    pub fn check(&self, n: usize) -> Result<()> {
        self.check_sizes()?;
        if self.n_components > n {
            return Err(Error::InvalidParameter("n_components"));
        }
        Ok(())
    }

    /// The checks that do not depend on `n` (used by the size query).
    pub fn check_sizes(&self) -> Result<()> {
        if self.n_components == 0 || self.n_components > i32::MAX as usize {
            return Err(Error::InvalidParameter("n_components"));
        }
        if self.max_iter == 0 {
            return Err(Error::InvalidParameter("max_iter"));
        }
        if self.n_init == 0 {
            return Err(Error::InvalidParameter("n_init"));
        }
        if !(self.tol >= 0.0 && self.tol.is_finite()) {
            return Err(Error::InvalidParameter("tol"));
        }
        if !(self.reg_covar >= 0.0 && self.reg_covar.is_finite()) {
            return Err(Error::InvalidParameter("reg_covar"));
        }
        Ok(())
    }

    /// The number of runs actually made: `n_init`, or 1 for `Provided`.
    pub fn runs(&self) -> u32 {
        if self.init == GmmInit::Provided {
            1
        } else {
            self.n_init.max(1)
        }
    }

    /// Sets the covariance type (builder style).
    pub const fn covariance_type(mut self, t: CovarianceType) -> Self {
        self.covariance_type = t;
        self
    }
    /// Sets `max_iter` (builder style).
    pub const fn max_iter(mut self, v: u32) -> Self {
        self.max_iter = v;
        self
    }
    /// Sets `n_init` (builder style).
    pub const fn n_init(mut self, v: u32) -> Self {
        self.n_init = v;
        self
    }
    /// Sets `tol` (builder style).
    pub const fn tol(mut self, v: f64) -> Self {
        self.tol = v;
        self
    }
    /// Sets `reg_covar` (builder style).
    pub const fn reg_covar(mut self, v: f64) -> Self {
        self.reg_covar = v;
        self
    }
    /// Sets the initialisation (builder style).
    pub const fn init(mut self, v: GmmInit) -> Self {
        self.init = v;
        self
    }
    /// Sets the seed (builder style).
    pub const fn seed(mut self, v: u64) -> Self {
        self.seed = v;
        self
    }
}

impl Default for GmmParams {
    /// [`GmmParams::new`] with 1 component (scikit-learn's default).
    fn default() -> Self {
        GmmParams::new(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_scikit_learns() {
        let p = GmmParams::new(3);
        assert_eq!(p.n_components, 3);
        assert_eq!(p.covariance_type, CovarianceType::Full);
        assert_eq!(
            (p.max_iter, p.n_init, p.tol, p.reg_covar),
            (100, 1, 1e-3, 1e-6)
        );
        assert_eq!(p.init, GmmInit::KMeans);
        assert_eq!(GmmParams::default().n_components, 1);
        assert_eq!(p.check(3), Ok(()));
    }

    #[test]
    fn rejects_each_bad_parameter_by_name() {
        let p = GmmParams::new(2);
        let bad = |q: GmmParams, name| assert_eq!(q.check(5), Err(Error::InvalidParameter(name)));
        bad(GmmParams::new(0), "n_components");
        bad(GmmParams::new(6), "n_components");
        bad(p.max_iter(0), "max_iter");
        bad(p.n_init(0), "n_init");
        bad(p.tol(-1.0), "tol");
        bad(p.tol(f64::NAN), "tol");
        bad(p.tol(f64::INFINITY), "tol");
        bad(p.reg_covar(-1e-9), "reg_covar");
        bad(p.reg_covar(f64::NAN), "reg_covar");
        assert_eq!(p.tol(0.0).reg_covar(0.0).check(2), Ok(()));
    }

    #[test]
    fn enums_round_trip_and_reject_unknown_values() {
        for t in CovarianceType::ALL {
            assert_eq!(CovarianceType::from_u32(t as u32), Ok(t));
        }
        assert_eq!(
            CovarianceType::from_u32(4),
            Err(Error::InvalidParameter("covariance_type"))
        );
        assert_eq!(GmmInit::from_u32(1), Ok(GmmInit::Provided));
        assert_eq!(GmmInit::from_u32(2), Err(Error::InvalidParameter("init")));
        assert_eq!(p_runs(GmmInit::Provided), 1);
        assert_eq!(p_runs(GmmInit::KMeans), 5);
    }

    fn p_runs(init: GmmInit) -> u32 {
        GmmParams::new(2).n_init(5).init(init).runs()
    }

    #[test]
    fn sizes_and_parameter_counts() {
        use CovarianceType::*;
        assert_eq!(Full.len(3, 2), Ok(12));
        assert_eq!(Tied.len(3, 2), Ok(4));
        assert_eq!(Diag.len(3, 2), Ok(6));
        assert_eq!(Spherical.len(3, 2), Ok(3));
        assert_eq!(
            Full.len(usize::MAX / 2, 3),
            Err(Error::SizeOverflow("covariances"))
        );
        // k = 3, d = 2: means 6, weights 2.
        assert_eq!(Full.n_parameters(3, 2), 9.0 + 8.0);
        assert_eq!(Tied.n_parameters(3, 2), 3.0 + 8.0);
        assert_eq!(Diag.n_parameters(3, 2), 6.0 + 8.0);
        assert_eq!(Spherical.n_parameters(3, 2), 3.0 + 8.0);
    }
}
