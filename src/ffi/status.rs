//! Status codes, their messages, the library version and the shared metric
//! constants.

use crate::error::status_message;
use core::ffi::c_char;

/// A status returned by every fallible function: `NANOCLUST_OK` (0) or one of
/// the `NANOCLUST_ERR_*` codes. `nanoclust_status_message` describes it.
pub type nanoclust_status = i32;

/// Success.
pub const NANOCLUST_OK: nanoclust_status = 0;
/// A required pointer is NULL (or not aligned for its element type).
pub const NANOCLUST_ERR_NULL_POINTER: nanoclust_status = 1;
/// n or d is 0, too large, or two lengths disagree.
pub const NANOCLUST_ERR_INVALID_SHAPE: nanoclust_status = 2;
/// A parameter is out of range (k = 0, k > n, eps <= 0 or NaN, ...) or an enumerated value is unknown.
pub const NANOCLUST_ERR_INVALID_PARAMETER: nanoclust_status = 3;
/// NaN or +-Inf in data or weights.
pub const NANOCLUST_ERR_NON_FINITE: nanoclust_status = 4;
/// The workspace is smaller than the matching `*_workspace_size` query reported.
pub const NANOCLUST_ERR_WORKSPACE_TOO_SMALL: nanoclust_status = 5;
/// A size computation would overflow size_t.
pub const NANOCLUST_ERR_SIZE_OVERFLOW: nanoclust_status = 6;
/// A numerical failure: finite inputs whose computation would overflow, or a
/// covariance that is not positive definite.
pub const NANOCLUST_ERR_NUMERICAL: nanoclust_status = 7;

/// Euclidean distance.
pub const NANOCLUST_METRIC_EUCLIDEAN: u32 = 0;
/// Manhattan (city block) distance.
pub const NANOCLUST_METRIC_MANHATTAN: u32 = 1;
/// Chebyshev (maximum coordinate difference) distance.
pub const NANOCLUST_METRIC_CHEBYSHEV: u32 = 2;
/// Cosine distance, 1 - cos(angle); a zero vector is an invalid input.
pub const NANOCLUST_METRIC_COSINE: u32 = 3;

/// A static, NUL-terminated English description of a status.
///
/// @param status Any value; unknown codes get a generic text.
/// @return The description: never NULL, static, and the caller must not free it.
/// @par Work
/// O(1).
///
/// # Safety
/// None: any argument value is valid and the result points to static
/// storage. (Every export is `unsafe` so that the Rust surface has one shape.)
#[no_mangle]
pub unsafe extern "C" fn nanoclust_status_message(status: nanoclust_status) -> *const c_char {
    #[cfg(feature = "planted-panic")]
    {
        // Self-test of the panic-freedom gates: a reachable out-of-bounds index.
        let table = [0u8; 4];
        core::hint::black_box(table[status as usize]);
    }
    status_message(status).as_ptr()
}

/// The library version.
///
/// @return `(major << 16) | (minor << 8) | patch`.
/// @par Work
/// O(1).
///
/// # Safety
/// None: no argument. (Every export is `unsafe` so that the Rust surface has
/// one shape.)
#[no_mangle]
pub unsafe extern "C" fn nanoclust_version() -> u32 {
    crate::VERSION
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, STATUS_TABLE, UNKNOWN_STATUS_MESSAGE};
    use crate::Metric;
    use core::ffi::CStr;

    #[test]
    fn c_constants_match_the_status_table() {
        let consts = [
            NANOCLUST_OK,
            NANOCLUST_ERR_NULL_POINTER,
            NANOCLUST_ERR_INVALID_SHAPE,
            NANOCLUST_ERR_INVALID_PARAMETER,
            NANOCLUST_ERR_NON_FINITE,
            NANOCLUST_ERR_WORKSPACE_TOO_SMALL,
            NANOCLUST_ERR_SIZE_OVERFLOW,
            NANOCLUST_ERR_NUMERICAL,
        ];
        assert_eq!(consts.len(), STATUS_TABLE.len());
        for (c, row) in consts.iter().zip(STATUS_TABLE) {
            assert_eq!(*c, row.code, "{}", row.name);
        }
        assert_eq!(Error::NullPointer("x").code(), NANOCLUST_ERR_NULL_POINTER);
        assert_eq!(Error::Numerical("x").code(), NANOCLUST_ERR_NUMERICAL);
    }

    #[test]
    fn metric_constants_match_the_enum() {
        assert_eq!(NANOCLUST_METRIC_EUCLIDEAN, Metric::Euclidean as u32);
        assert_eq!(NANOCLUST_METRIC_MANHATTAN, Metric::Manhattan as u32);
        assert_eq!(NANOCLUST_METRIC_CHEBYSHEV, Metric::Chebyshev as u32);
        assert_eq!(NANOCLUST_METRIC_COSINE, Metric::Cosine as u32);
    }

    #[test]
    fn every_status_has_its_message_and_unknown_codes_the_generic_one() {
        for row in STATUS_TABLE {
            // SAFETY: any code is valid; the result is a static C string.
            let msg = unsafe { CStr::from_ptr(nanoclust_status_message(row.code)) };
            assert_eq!(msg, row.message);
        }
        for code in [-1, 8, 1000, i32::MIN, i32::MAX] {
            // SAFETY: as above.
            let msg = unsafe { CStr::from_ptr(nanoclust_status_message(code)) };
            assert_eq!(msg, UNKNOWN_STATUS_MESSAGE);
        }
    }

    #[test]
    fn version_matches_cargo() {
        // SAFETY: no argument.
        let v = unsafe { nanoclust_version() };
        let s = env!("CARGO_PKG_VERSION");
        let mut parts = s.split('.').map(|p| p.parse::<u32>().unwrap());
        let (ma, mi, pa) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        assert_eq!(v, (ma << 16) | (mi << 8) | pa);
    }
}
