//! [`StandardScaler`]: per-feature mean and scale for `D` features.

use crate::error::Result;
use crate::matrix::Matrix;
use crate::preprocessing as pp;
use crate::scalar::Scalar;

/// A standard scaler for `D` features (scikit-learn's `StandardScaler`); see
/// [`crate::preprocessing`]. Results are the core's bit for bit; on error
/// nothing changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StandardScaler<S: Scalar, const D: usize> {
    mean: [S; D],
    scale: [S; D],
}

impl<S: Scalar, const D: usize> StandardScaler<S, D> {
    /// The identity scaler (mean 0, scale 1). `const`: it can initialise a `static`.
    pub const fn new() -> Self {
        StandardScaler {
            mean: [S::ZERO; D],
            scale: [S::ONE; D],
        }
    }

    /// A scaler from stored statistics; checked on every use (finite, `scale > 0`).
    pub const fn from_parts(mean: [S; D], scale: [S; D]) -> Self {
        StandardScaler { mean, scale }
    }

    /// Fits the mean and scale of the rows of `x` (at least one row).
    pub fn fit(&mut self, x: &[[S; D]]) -> Result<()> {
        let xm = Matrix::new(x.as_flattened(), x.len(), D)?;
        pp::standard_scaler_fit(xm, &mut self.mean, &mut self.scale)
    }

    /// `out = (x - mean) / scale` row by row (`out`: as many rows as `x`).
    pub fn transform(&self, x: &[[S; D]], out: &mut [[S; D]]) -> Result<()> {
        let xm = Matrix::new(x.as_flattened(), x.len(), D)?;
        pp::standard_scaler_transform(xm, &self.mean, &self.scale, out.as_flattened_mut())
    }

    /// [`transform`](StandardScaler::transform) in place.
    pub fn transform_in_place(&self, x: &mut [[S; D]]) -> Result<()> {
        let n = x.len();
        pp::standard_scaler_transform_in_place(x.as_flattened_mut(), n, D, &self.mean, &self.scale)
    }

    /// `out = x * scale + mean`: undoes [`transform`](StandardScaler::transform).
    pub fn inverse_transform(&self, x: &[[S; D]], out: &mut [[S; D]]) -> Result<()> {
        let xm = Matrix::new(x.as_flattened(), x.len(), D)?;
        pp::standard_scaler_inverse_transform(xm, &self.mean, &self.scale, out.as_flattened_mut())
    }

    /// [`inverse_transform`](StandardScaler::inverse_transform) in place.
    pub fn inverse_transform_in_place(&self, x: &mut [[S; D]]) -> Result<()> {
        let n = x.len();
        pp::standard_scaler_inverse_transform_in_place(
            x.as_flattened_mut(),
            n,
            D,
            &self.mean,
            &self.scale,
        )
    }

    /// The per-feature means.
    pub fn mean(&self) -> &[S; D] {
        &self.mean
    }

    /// The per-feature scales (population standard deviations, 1 for constant features).
    pub fn scale(&self) -> &[S; D] {
        &self.scale
    }
}

impl<S: Scalar, const D: usize> Default for StandardScaler<S, D> {
    fn default() -> Self {
        Self::new()
    }
}
