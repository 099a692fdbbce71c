//! The one error type of the crate and the C status table.
//!
//! Every [`Error`] variant maps 1:1 to a C status code (`NANOCLUST_ERR_*`);
//! [`STATUS_TABLE`] holds the codes, the constant names and the messages that
//! `nanoclust_status_message` returns. The [`core::fmt::Display`] of an error
//! names the offending parameter.

use core::ffi::CStr;
use core::fmt;

/// A C status code (`nanoclust_status`): `0` is success.
pub type StatusCode = i32;

/// One row of the status table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusInfo {
    /// The value of the C constant.
    pub code: StatusCode,
    /// The C constant's name.
    pub name: &'static str,
    /// The static, NUL-terminated message `nanoclust_status_message` returns.
    pub message: &'static CStr,
}

/// Every status of the C contract, in code order (`STATUS_TABLE[c].code == c`).
pub const STATUS_TABLE: [StatusInfo; 8] = [
    StatusInfo { code: 0, name: "NANOCLUST_OK", message: c"success" },
    StatusInfo { code: 1, name: "NANOCLUST_ERR_NULL_POINTER", message: c"a required pointer is NULL (or misaligned for its type)" },
    StatusInfo { code: 2, name: "NANOCLUST_ERR_INVALID_SHAPE", message: c"invalid shape: a size is zero, too large, or lengths disagree" },
    StatusInfo { code: 3, name: "NANOCLUST_ERR_INVALID_PARAMETER", message: c"invalid parameter: out of range, or an unknown enumerated value" },
    StatusInfo { code: 4, name: "NANOCLUST_ERR_NON_FINITE", message: c"the input contains NaN or infinity" },
    StatusInfo { code: 5, name: "NANOCLUST_ERR_WORKSPACE_TOO_SMALL", message: c"the workspace is smaller than the size query reported" },
    StatusInfo { code: 6, name: "NANOCLUST_ERR_SIZE_OVERFLOW", message: c"a size computation would overflow size_t" },
    StatusInfo { code: 7, name: "NANOCLUST_ERR_NUMERICAL", message: c"numerical failure: the computation would overflow or a matrix is not positive definite" },
];

/// The message for codes outside [`STATUS_TABLE`].
pub const UNKNOWN_STATUS_MESSAGE: &CStr = c"unknown nanoclust status code";

/// The static message of a status code; unknown codes get [`UNKNOWN_STATUS_MESSAGE`].
pub fn status_message(code: StatusCode) -> &'static CStr {
    match usize::try_from(code).ok().and_then(|i| STATUS_TABLE.get(i)) {
        Some(info) => info.message,
        None => UNKNOWN_STATUS_MESSAGE,
    }
}

/// Why a call failed. Each variant names the offending parameter (or buffer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// A required pointer was NULL (or misaligned); names the parameter.
    NullPointer(&'static str),
    /// A size was zero, too large, or two lengths disagree; names the parameter.
    InvalidShape(&'static str),
    /// A parameter is out of range or an enumerated value is unknown; names it.
    InvalidParameter(&'static str),
    /// NaN or infinity in the named input.
    NonFinite(&'static str),
    /// The workspace is too small.
    WorkspaceTooSmall {
        /// Bytes the size query asks for.
        needed: usize,
        /// Bytes that were provided.
        provided: usize,
    },
    /// A size computation would overflow `usize`; names what was being sized.
    SizeOverflow(&'static str),
    /// A numerical failure (overflow to infinity, a non positive definite matrix); names where.
    Numerical(&'static str),
}

/// `Result` with the crate's [`Error`].
pub type Result<T> = core::result::Result<T, Error>;

impl Error {
    /// The C status code of this error (never `0`).
    pub const fn code(&self) -> StatusCode {
        match self {
            Error::NullPointer(_) => 1,
            Error::InvalidShape(_) => 2,
            Error::InvalidParameter(_) => 3,
            Error::NonFinite(_) => 4,
            Error::WorkspaceTooSmall { .. } => 5,
            Error::SizeOverflow(_) => 6,
            Error::Numerical(_) => 7,
        }
    }

    /// The status table row of this error.
    pub fn info(&self) -> StatusInfo {
        // `code()` is 1..=7 and the table is indexed by code; the fallback row is unreachable.
        let i = self.code() as usize;
        STATUS_TABLE.get(i).copied().unwrap_or(StatusInfo {
            code: self.code(),
            name: "NANOCLUST_ERR_UNKNOWN",
            message: UNKNOWN_STATUS_MESSAGE,
        })
    }

    /// The static message of this error's status code.
    pub fn message(&self) -> &'static str {
        // Every message is ASCII, so the conversion cannot fail.
        status_message(self.code()).to_str().unwrap_or("")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Error::WorkspaceTooSmall { needed, provided } => write!(
                f,
                "{} (workspace: {provided} bytes provided, {needed} needed)",
                self.message()
            ),
            Error::NullPointer(p)
            | Error::InvalidShape(p)
            | Error::InvalidParameter(p)
            | Error::NonFinite(p)
            | Error::SizeOverflow(p)
            | Error::Numerical(p) => write!(f, "{} (`{p}`)", self.message()),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::string::ToString;

    fn every_error() -> [Error; 7] {
        [
            Error::NullPointer("x"),
            Error::InvalidShape("n"),
            Error::InvalidParameter("k"),
            Error::NonFinite("x"),
            Error::WorkspaceTooSmall {
                needed: 10,
                provided: 3,
            },
            Error::SizeOverflow("workspace"),
            Error::Numerical("covariance"),
        ]
    }

    #[test]
    fn table_is_indexed_by_code_and_messages_are_distinct() {
        for (i, row) in STATUS_TABLE.iter().enumerate() {
            assert_eq!(row.code as usize, i);
            assert!(row.name.starts_with("NANOCLUST_"));
            assert!(!row.message.is_empty());
            assert!(row.message.to_str().unwrap().is_ascii());
            assert_ne!(row.message, UNKNOWN_STATUS_MESSAGE);
            for other in &STATUS_TABLE[i + 1..] {
                assert_ne!(row.message, other.message);
                assert_ne!(row.name, other.name);
            }
        }
    }

    #[test]
    fn every_error_maps_to_its_own_nonzero_code() {
        let errors = every_error();
        let mut seen = [false; STATUS_TABLE.len()];
        for e in errors {
            let c = e.code() as usize;
            assert!(c > 0 && c < STATUS_TABLE.len());
            assert!(!seen[c], "two variants share code {c}");
            seen[c] = true;
            assert_eq!(e.info().code, e.code());
            assert_eq!(e.message(), STATUS_TABLE[c].message.to_str().unwrap());
        }
        assert!(
            seen[1..].iter().all(|&s| s),
            "every error code has a variant"
        );
    }

    #[test]
    fn unknown_codes_get_the_generic_text() {
        for c in [-1, 8, 9, 100, i32::MIN, i32::MAX] {
            assert_eq!(status_message(c), UNKNOWN_STATUS_MESSAGE);
        }
        for row in STATUS_TABLE {
            assert_eq!(status_message(row.code), row.message);
        }
    }

    #[test]
    fn display_names_the_parameter() {
        assert!(Error::InvalidParameter("n_clusters")
            .to_string()
            .contains("`n_clusters`"));
        assert!(Error::NonFinite("sample_weight")
            .to_string()
            .contains("`sample_weight`"));
        let s = Error::WorkspaceTooSmall {
            needed: 64,
            provided: 8,
        }
        .to_string();
        assert!(s.contains("64") && s.contains('8'), "{s}");
    }
}
