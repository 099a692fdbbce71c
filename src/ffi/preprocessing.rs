//! C ABI of the standard scaler (`nanoclust_standard_scaler_*`).

use crate::error::{Error, Result};
use crate::ffi::raw::{self, InOut};
use crate::ffi::status::nanoclust_status;
use crate::matrix::Matrix;
use crate::preprocessing as pp;
use crate::scalar::Scalar;

// ---- Entry points ----------------------------------------------------------

/// # Safety
/// The contract of `nanoclust_standard_scaler_fit_f32`.
unsafe fn fit<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    mean: *mut S,
    scale: *mut S,
) -> Result<()> {
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here.
    let (x, mean, scale) = unsafe {
        let x = raw::matrix(x, n, d, "x")?;
        let mean = raw::slice_mut(mean, d, "mean")?;
        let scale = raw::slice_mut(scale, d, "scale")?;
        (x, mean, scale)
    };
    pp::standard_scaler_fit(x, mean, scale)
}

/// # Safety
/// The contract of `nanoclust_standard_scaler_transform_f32`.
unsafe fn apply<S: Scalar>(
    x: *const S,
    n: usize,
    d: usize,
    mean: *const S,
    scale: *const S,
    out: *mut S,
    inverse: bool,
) -> Result<()> {
    let nd = n.checked_mul(d).ok_or(Error::InvalidShape("x"))?;
    // SAFETY: every pointer comes unchanged from the export, whose contract
    // makes it valid for the length passed to `raw` here (`out` may equal `x`,
    // which `in_out` allows).
    let (mean, scale, io) = unsafe {
        let mean = raw::slice(mean, d, "mean")?;
        let scale = raw::slice(scale, d, "scale")?;
        (mean, scale, raw::in_out(x, out, nd, "x", "out")?)
    };
    match io {
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
}

// ---- Exports, in header order ---------------------------------------------

/// Fits a standard scaler (scikit-learn `StandardScaler().fit(x)`): the mean
/// of every feature and its scale, the population standard deviation (ddof
/// 0), computed with double accumulators. A near-constant feature (variance
/// within scikit-learn's rounding bound of 0) gets scale 1.
///
/// @param x The samples: `n*d` floats, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param mean `d` float outputs, the feature means.
/// @param scale `d` float outputs, the feature scales (> 0).
/// @return A status; on any status other than NANOCLUST_OK `mean` and `scale` are untouched.
/// @retval NANOCLUST_OK when `mean` and `scale` are written.
/// @retval NANOCLUST_ERR_NULL_POINTER when a pointer is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_NUMERICAL when a mean or scale overflows.
/// @par Work
/// O(n * d).
/// @par Contract
/// A common offset added to the data shifts `mean` by the offset and does not
/// change `scale`, beyond rounding.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for `x`, writes for `mean` and `scale`) during the call;
/// `mean` and `scale` must not overlap each other or `x`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_standard_scaler_fit_f32(
    x: *const f32,
    n: usize,
    d: usize,
    mean: *mut f32,
    scale: *mut f32,
) -> nanoclust_status {
    // SAFETY: this function's contract is `fit`'s.
    raw::status(|| unsafe { fit::<f32>(x, n, d, mean, scale) })
}

/// Fits a standard scaler (scikit-learn `StandardScaler().fit(x)`): the mean
/// of every feature and its scale, the population standard deviation (ddof
/// 0), computed with double accumulators. A near-constant feature (variance
/// within scikit-learn's rounding bound of 0) gets scale 1.
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param mean `d` double outputs, the feature means.
/// @param scale `d` double outputs, the feature scales (> 0).
/// @return A status; on any status other than NANOCLUST_OK `mean` and `scale` are untouched.
/// @retval NANOCLUST_OK when `mean` and `scale` are written.
/// @retval NANOCLUST_ERR_NULL_POINTER when a pointer is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_NON_FINITE when `x` holds NaN or Inf.
/// @retval NANOCLUST_ERR_NUMERICAL when a mean or scale overflows.
/// @par Work
/// O(n * d).
/// @par Contract
/// A common offset added to the data shifts `mean` by the offset and does not
/// change `scale`, beyond rounding.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for `x`, writes for `mean` and `scale`) during the call;
/// `mean` and `scale` must not overlap each other or `x`.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_standard_scaler_fit_f64(
    x: *const f64,
    n: usize,
    d: usize,
    mean: *mut f64,
    scale: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `fit`'s.
    raw::status(|| unsafe { fit::<f64>(x, n, d, mean, scale) })
}

/// Standardizes data: `out[i*d + j] = (x[i*d + j] - mean[j]) / scale[j]`
/// (scikit-learn `StandardScaler.transform`).
///
/// @param x The samples: `n*d` floats, row-major, finite; read only unless `out == x`.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param mean `d` finite floats, e.g. from `nanoclust_standard_scaler_fit_f32`; read only.
/// @param scale `d` finite floats > 0; read only.
/// @param out `n*d` float outputs. It may equal `x` (in place); any other overlap with `x` is NANOCLUST_ERR_INVALID_PARAMETER.
/// @return A status; on any status other than NANOCLUST_OK `out` (and so `x` in place) is untouched.
/// @retval NANOCLUST_OK when `out` is written.
/// @retval NANOCLUST_ERR_NULL_POINTER when a pointer is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a scale is <= 0, or `out` partly overlaps `x`.
/// @retval NANOCLUST_ERR_NON_FINITE when `x`, `mean` or `scale` hold NaN or Inf.
/// @retval NANOCLUST_ERR_NUMERICAL when a result overflows.
/// @par Work
/// O(n * d).
/// @par Contract
/// A common offset added to the data and to `mean` does not change the
/// result beyond rounding.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for `out`) during the call; `out` must
/// not overlap `mean` or `scale`, and either equals `x` or does not overlap it.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_standard_scaler_transform_f32(
    x: *const f32,
    n: usize,
    d: usize,
    mean: *const f32,
    scale: *const f32,
    out: *mut f32,
) -> nanoclust_status {
    // SAFETY: this function's contract is `apply`'s.
    raw::status(|| unsafe { apply::<f32>(x, n, d, mean, scale, out, false) })
}

/// Standardizes data: `out[i*d + j] = (x[i*d + j] - mean[j]) / scale[j]`
/// (scikit-learn `StandardScaler.transform`).
///
/// @param x The samples: `n*d` doubles, row-major, finite; read only unless `out == x`.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param mean `d` finite doubles, e.g. from `nanoclust_standard_scaler_fit_f64`; read only.
/// @param scale `d` finite doubles > 0; read only.
/// @param out `n*d` double outputs. It may equal `x` (in place); any other overlap with `x` is NANOCLUST_ERR_INVALID_PARAMETER.
/// @return A status; on any status other than NANOCLUST_OK `out` (and so `x` in place) is untouched.
/// @retval NANOCLUST_OK when `out` is written.
/// @retval NANOCLUST_ERR_NULL_POINTER when a pointer is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a scale is <= 0, or `out` partly overlaps `x`.
/// @retval NANOCLUST_ERR_NON_FINITE when `x`, `mean` or `scale` hold NaN or Inf.
/// @retval NANOCLUST_ERR_NUMERICAL when a result overflows.
/// @par Work
/// O(n * d).
/// @par Contract
/// A common offset added to the data and to `mean` does not change the
/// result beyond rounding.
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for `out`) during the call; `out` must
/// not overlap `mean` or `scale`, and either equals `x` or does not overlap it.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_standard_scaler_transform_f64(
    x: *const f64,
    n: usize,
    d: usize,
    mean: *const f64,
    scale: *const f64,
    out: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `apply`'s.
    raw::status(|| unsafe { apply::<f64>(x, n, d, mean, scale, out, false) })
}

/// Undoes the standardization: `out[i*d + j] = x[i*d + j] * scale[j] + mean[j]`
/// (scikit-learn `StandardScaler.inverse_transform`).
///
/// @param x The standardized samples: `n*d` floats, row-major, finite; read only unless `out == x`.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param mean `d` finite floats, e.g. from `nanoclust_standard_scaler_fit_f32`; read only.
/// @param scale `d` finite floats > 0; read only.
/// @param out `n*d` float outputs. It may equal `x` (in place); any other overlap with `x` is NANOCLUST_ERR_INVALID_PARAMETER.
/// @return A status; on any status other than NANOCLUST_OK `out` (and so `x` in place) is untouched.
/// @retval NANOCLUST_OK when `out` is written.
/// @retval NANOCLUST_ERR_NULL_POINTER when a pointer is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a scale is <= 0, or `out` partly overlaps `x`.
/// @retval NANOCLUST_ERR_NON_FINITE when `x`, `mean` or `scale` hold NaN or Inf.
/// @retval NANOCLUST_ERR_NUMERICAL when a result overflows.
/// @par Work
/// O(n * d).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for `out`) during the call; `out` must
/// not overlap `mean` or `scale`, and either equals `x` or does not overlap it.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_standard_scaler_inverse_transform_f32(
    x: *const f32,
    n: usize,
    d: usize,
    mean: *const f32,
    scale: *const f32,
    out: *mut f32,
) -> nanoclust_status {
    // SAFETY: this function's contract is `apply`'s.
    raw::status(|| unsafe { apply::<f32>(x, n, d, mean, scale, out, true) })
}

/// Undoes the standardization: `out[i*d + j] = x[i*d + j] * scale[j] + mean[j]`
/// (scikit-learn `StandardScaler.inverse_transform`).
///
/// @param x The standardized samples: `n*d` doubles, row-major, finite; read only unless `out == x`.
/// @param n Number of samples, 1 <= n <= INT32_MAX.
/// @param d Number of features, >= 1.
/// @param mean `d` finite doubles, e.g. from `nanoclust_standard_scaler_fit_f64`; read only.
/// @param scale `d` finite doubles > 0; read only.
/// @param out `n*d` double outputs. It may equal `x` (in place); any other overlap with `x` is NANOCLUST_ERR_INVALID_PARAMETER.
/// @return A status; on any status other than NANOCLUST_OK `out` (and so `x` in place) is untouched.
/// @retval NANOCLUST_OK when `out` is written.
/// @retval NANOCLUST_ERR_NULL_POINTER when a pointer is NULL or misaligned.
/// @retval NANOCLUST_ERR_INVALID_SHAPE when n or d is 0, n > INT32_MAX or n*d overflows.
/// @retval NANOCLUST_ERR_INVALID_PARAMETER when a scale is <= 0, or `out` partly overlaps `x`.
/// @retval NANOCLUST_ERR_NON_FINITE when `x`, `mean` or `scale` hold NaN or Inf.
/// @retval NANOCLUST_ERR_NUMERICAL when a result overflows.
/// @par Work
/// O(n * d).
///
/// # Safety
/// Every non-NULL pointer must be aligned and valid for the stated number of
/// elements (reads for inputs, writes for `out`) during the call; `out` must
/// not overlap `mean` or `scale`, and either equals `x` or does not overlap it.
#[no_mangle]
pub unsafe extern "C" fn nanoclust_standard_scaler_inverse_transform_f64(
    x: *const f64,
    n: usize,
    d: usize,
    mean: *const f64,
    scale: *const f64,
    out: *mut f64,
) -> nanoclust_status {
    // SAFETY: this function's contract is `apply`'s.
    raw::status(|| unsafe { apply::<f64>(x, n, d, mean, scale, out, true) })
}
