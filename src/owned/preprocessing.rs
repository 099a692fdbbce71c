//! Owned standard scaler.

use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::owned::n_rows;
use crate::preprocessing as pp;
use crate::scalar::Scalar;
use std::vec;
use std::vec::Vec;

/// The standard-scaler estimator (scikit-learn `StandardScaler`; it has no
/// parameters): `StandardScaler::new().fit(&x, d)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StandardScaler;

impl StandardScaler {
    /// The estimator.
    pub fn new() -> Self {
        StandardScaler
    }

    /// Fits on `x` (`n x d`, row-major, `n = x.len() / d`).
    pub fn fit<S: Scalar>(&self, x: &[S], d: usize) -> Result<StandardScalerFit<S>> {
        let m = Matrix::new(x, n_rows(x, d)?, d)?;
        let (mut mean, mut scale) = (vec![S::ZERO; d], vec![S::ONE; d]);
        pp::standard_scaler_fit(m, &mut mean, &mut scale)?;
        Ok(StandardScalerFit { mean, scale })
    }
}

/// A fitted standard scaler: per-feature mean and scale (population standard
/// deviation; 1 for near-constant features).
#[derive(Debug, Clone, PartialEq)]
pub struct StandardScalerFit<S> {
    /// Per-feature mean (`d` values).
    pub mean: Vec<S>,
    /// Per-feature scale (`d` values, all `> 0`).
    pub scale: Vec<S>,
}

impl<S: Scalar> StandardScalerFit<S> {
    /// Number of features.
    pub fn d(&self) -> usize {
        self.mean.len()
    }

    fn rows(&self, x: &[S]) -> Result<usize> {
        let d = self.d().max(1);
        if x.len() % d != 0 {
            return Err(Error::InvalidShape("x"));
        }
        Ok(x.len() / d)
    }

    /// `(x - mean) / scale` as a new matrix (same shape as `x`).
    pub fn transform(&self, x: &[S]) -> Result<Vec<S>> {
        let m = Matrix::new(x, self.rows(x)?, self.d())?;
        let mut out = vec![S::ZERO; x.len()];
        pp::standard_scaler_transform(m, &self.mean, &self.scale, &mut out)?;
        Ok(out)
    }

    /// [`Self::transform`] in place (`x` untouched on error).
    pub fn transform_in_place(&self, x: &mut [S]) -> Result<()> {
        let n = self.rows(x)?;
        pp::standard_scaler_transform_in_place(x, n, self.d(), &self.mean, &self.scale)
    }

    /// `x * scale + mean` as a new matrix.
    pub fn inverse_transform(&self, x: &[S]) -> Result<Vec<S>> {
        let m = Matrix::new(x, self.rows(x)?, self.d())?;
        let mut out = vec![S::ZERO; x.len()];
        pp::standard_scaler_inverse_transform(m, &self.mean, &self.scale, &mut out)?;
        Ok(out)
    }

    /// [`Self::inverse_transform`] in place (`x` untouched on error).
    pub fn inverse_transform_in_place(&self, x: &mut [S]) -> Result<()> {
        let n = self.rows(x)?;
        pp::standard_scaler_inverse_transform_in_place(x, n, self.d(), &self.mean, &self.scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_transform_round_trip() {
        let x = [1.0f32, 10.0, 2.0, 10.0, 3.0, 10.0];
        let s = StandardScaler::new().fit(&x, 2).unwrap();
        assert_eq!(s.d(), 2);
        assert_eq!(s.scale[1], 1.0);
        let t = s.transform(&x).unwrap();
        assert!((t[0] + 1.2247449).abs() < 1e-6 && t[1] == 0.0);
        let mut y = x;
        s.transform_in_place(&mut y).unwrap();
        assert_eq!(&y[..], &t[..]);
        s.inverse_transform_in_place(&mut y).unwrap();
        let back = s.inverse_transform(&t).unwrap();
        assert_eq!(&y[..], &back[..]);
        assert!(back.iter().zip(&x).all(|(a, b)| (a - b).abs() < 1e-5));
        assert_eq!(s.transform(&x[..5]), Err(Error::InvalidShape("x")));
    }
}
