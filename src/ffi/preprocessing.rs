//! C ABI of the standard scaler (`nanoclust_standard_scaler_*`).

use crate::error::{Error, Result};
use crate::ffi::raw::{self, InOut};
use crate::ffi::status::nanoclust_status;
use crate::matrix::Matrix;
use crate::preprocessing as pp;
use crate::scalar::Scalar;

/// `n x d` data at `x` as a validated matrix (errors name `"x"`).
fn matrix<'a, S: Scalar>(x: *const S, n: usize, d: usize) -> Result<Matrix<'a, S>> {
    raw::matrix(x, n, d, "x")
}

fn fit<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    mean: *mut S,
    scale: *mut S,
) -> nanoclust_status {
    raw::status(|| {
        let x = matrix(x, n, d)?;
        let mean = raw::slice_mut(mean, d, "mean")?;
        let scale = raw::slice_mut(scale, d, "scale")?;
        pp::standard_scaler_fit(x, mean, scale)
    })
}

fn apply<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    mean: *const S,
    scale: *const S,
    out: *mut S,
    inverse: bool,
) -> nanoclust_status {
    raw::status(|| {
        let nd = n.checked_mul(d).ok_or(Error::InvalidShape("x"))?;
        let mean = raw::slice(mean, d, "mean")?;
        let scale = raw::slice(scale, d, "scale")?;
        match raw::in_out(x, out, nd, "x", "out")? {
            InOut::Distinct(x, out) => {
                let x = Matrix::new(x, n, d)?;
                if inverse {
                    pp::standard_scaler_inverse_transform(x, mean, scale, out)
                } else {
                    pp::standard_scaler_transform(x, mean, scale, out)
                }
            }
            InOut::InPlace(buf) => {
                if inverse {
                    pp::standard_scaler_inverse_transform_in_place(buf, n, d, mean, scale)
                } else {
                    pp::standard_scaler_transform_in_place(buf, n, d, mean, scale)
                }
            }
        }
    })
}

/// Fits a standard scaler (scikit-learn `StandardScaler().fit(x)`): the mean of
/// every feature and its scale, the population standard deviation (ddof 0),
/// computed with f64 accumulators. A near-constant feature (variance within
/// scikit-learn's rounding bound of 0) gets scale 1.
///
/// - `x`: `n * d` floats, row-major; `n >= 1`, `d >= 1`; read only.
/// - `mean`, `scale`: caller-owned outputs of `d` floats each.
///
/// Returns `NANOCLUST_OK`; `NANOCLUST_ERR_NULL_POINTER` (any pointer);
/// `NANOCLUST_ERR_INVALID_SHAPE` (`n` or `d` is 0, `n > INT32_MAX`, `n * d`
/// overflows); `NANOCLUST_ERR_NON_FINITE` (NaN/Inf in `x`);
/// `NANOCLUST_ERR_NUMERICAL` (a mean or scale overflows). On failure `mean` and
/// `scale` are untouched.
#[no_mangle]
pub extern "C" fn nanoclust_standard_scaler_fit_f32(
    x: *const f32,
    n: usize,
    d: usize,
    mean: *mut f32,
    scale: *mut f32,
) -> nanoclust_status {
    fit(x, n, d, mean, scale)
}

/// `nanoclust_standard_scaler_fit_f32` for double data.
#[no_mangle]
pub extern "C" fn nanoclust_standard_scaler_fit_f64(
    x: *const f64,
    n: usize,
    d: usize,
    mean: *mut f64,
    scale: *mut f64,
) -> nanoclust_status {
    fit(x, n, d, mean, scale)
}

/// Standardizes data: `out[i*d + j] = (x[i*d + j] - mean[j]) / scale[j]`
/// (scikit-learn `StandardScaler.transform`).
///
/// - `x`: `n * d` floats, row-major.
/// - `mean`, `scale`: `d` floats each, e.g. from
///   `nanoclust_standard_scaler_fit_f32`; finite, `scale[j] > 0`.
/// - `out`: `n * d` floats, caller-owned. It may equal `x` (in place); any
///   other overlap with `x` is `NANOCLUST_ERR_INVALID_PARAMETER`.
///
/// Returns `NANOCLUST_OK`; `NANOCLUST_ERR_NULL_POINTER`;
/// `NANOCLUST_ERR_INVALID_SHAPE`; `NANOCLUST_ERR_NON_FINITE` (NaN/Inf in `x`,
/// `mean` or `scale`); `NANOCLUST_ERR_INVALID_PARAMETER` (`scale[j] <= 0`, or
/// `out` partly overlaps `x`); `NANOCLUST_ERR_NUMERICAL` (a result overflows).
/// On failure `out` (and so `x` in place) is untouched.
#[no_mangle]
pub extern "C" fn nanoclust_standard_scaler_transform_f32(
    x: *const f32,
    n: usize,
    d: usize,
    mean: *const f32,
    scale: *const f32,
    out: *mut f32,
) -> nanoclust_status {
    apply(x, n, d, mean, scale, out, false)
}

/// `nanoclust_standard_scaler_transform_f32` for double data.
#[no_mangle]
pub extern "C" fn nanoclust_standard_scaler_transform_f64(
    x: *const f64,
    n: usize,
    d: usize,
    mean: *const f64,
    scale: *const f64,
    out: *mut f64,
) -> nanoclust_status {
    apply(x, n, d, mean, scale, out, false)
}

/// Undoes the standardization: `out[i*d + j] = x[i*d + j] * scale[j] + mean[j]`
/// (scikit-learn `StandardScaler.inverse_transform`). Arguments, aliasing
/// (`out` may equal `x`) and statuses as `nanoclust_standard_scaler_transform_f32`.
#[no_mangle]
pub extern "C" fn nanoclust_standard_scaler_inverse_transform_f32(
    x: *const f32,
    n: usize,
    d: usize,
    mean: *const f32,
    scale: *const f32,
    out: *mut f32,
) -> nanoclust_status {
    apply(x, n, d, mean, scale, out, true)
}

/// `nanoclust_standard_scaler_inverse_transform_f32` for double data.
#[no_mangle]
pub extern "C" fn nanoclust_standard_scaler_inverse_transform_f64(
    x: *const f64,
    n: usize,
    d: usize,
    mean: *const f64,
    scale: *const f64,
    out: *mut f64,
) -> nanoclust_status {
    apply(x, n, d, mean, scale, out, true)
}
