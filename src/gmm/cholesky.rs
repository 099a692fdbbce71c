//! Cholesky helpers for symmetric positive definite `d x d` matrices (row-major):
//! the factor, the precision Cholesky factor scikit-learn uses, and log-determinants.
//!
//! A matrix that is not positive definite (a pivot that is not strictly positive,
//! or any non-finite value on the way) is `Error::Numerical(what)`, never a NaN.

use crate::error::{Error, Result};
use crate::scalar::Scalar;

/// Factors `a = L L^T` in place: reads the lower triangle of `a` (`d*d`, row-major),
/// leaves `L` in the lower triangle and zeros above the diagonal.
/// `Err(Numerical(what))` if `a` is not positive definite in this precision.
pub fn factor<S: Scalar>(a: &mut [S], d: usize, what: &'static str) -> Result<()> {
    if d == 0 || a.len() != d.saturating_mul(d) {
        return Err(Error::InvalidShape(what));
    }
    for i in 0..d {
        for j in 0..=i {
            // s = a[i][j] - sum_{k<j} L[i][k] L[j][k]
            let ri = i * d;
            let rj = j * d;
            let mut s = a.get(ri + j).copied().unwrap_or(S::ZERO);
            if let (Some(li), Some(lj)) = (a.get(ri..ri + j), a.get(rj..rj + j)) {
                for (&x, &y) in li.iter().zip(lj) {
                    s -= x * y;
                }
            }
            let v = if i == j {
                if s.partial_cmp(&S::ZERO) != Some(core::cmp::Ordering::Greater) || !s.is_finite() {
                    return Err(Error::Numerical(what));
                }
                s.sqrt()
            } else {
                let ljj = a.get(rj + j).copied().unwrap_or(S::ONE);
                s / ljj
            };
            if !v.is_finite() {
                return Err(Error::Numerical(what));
            }
            if let Some(slot) = a.get_mut(ri + j) {
                *slot = v;
            }
        }
        if let Some(upper) = a.get_mut(i * d + i + 1..(i + 1) * d) {
            upper.fill(S::ZERO);
        }
    }
    Ok(())
}

/// The precision Cholesky factor of scikit-learn: given the lower Cholesky
/// factor `L` of a covariance (`l`, `d*d`), writes `U = L^{-T}` (upper
/// triangular, zeros below the diagonal) to `u`, so that the precision is
/// `U U^T` and `(x - mu)^T P (x - mu) = |(x - mu)^T U|^2`.
/// `Err(Numerical(what))` if a value overflows.
pub fn precision_factor<S: Scalar>(
    l: &[S],
    d: usize,
    u: &mut [S],
    what: &'static str,
) -> Result<()> {
    let dd = d.saturating_mul(d);
    if d == 0 || l.len() != dd || u.len() != dd {
        return Err(Error::InvalidShape(what));
    }
    // Row j of U is column j of L^{-1}: forward substitution on e_j.
    for (j, urow) in u.chunks_exact_mut(d.max(1)).enumerate() {
        for (i, lrow) in l.chunks_exact(d.max(1)).enumerate() {
            let v = if i < j {
                S::ZERO
            } else {
                let mut s = if i == j { S::ONE } else { S::ZERO };
                if let (Some(lr), Some(ur)) = (lrow.get(j..i), urow.get(j..i)) {
                    for (&a, &b) in lr.iter().zip(ur) {
                        s -= a * b;
                    }
                }
                s / lrow.get(i).copied().unwrap_or(S::ONE)
            };
            if !v.is_finite() {
                return Err(Error::Numerical(what));
            }
            if let Some(slot) = urow.get_mut(i) {
                *slot = v;
            }
        }
    }
    Ok(())
}

/// `sum_i ln(m[i][i])` of a triangular factor (`d*d`): half the log-determinant
/// of `M M^T`.
pub fn log_det_diag<S: Scalar>(m: &[S], d: usize) -> S {
    let mut s = S::ZERO;
    for v in m.iter().step_by(d.saturating_add(1).max(1)).take(d) {
        s += v.ln();
    }
    s
}

/// Solves `L z = b` in place (`L` lower triangular, `d*d`).
#[cfg(test)]
pub fn solve_lower<S: Scalar>(l: &[S], d: usize, b: &mut [S]) {
    for (i, lrow) in l.chunks_exact(d.max(1)).enumerate().take(b.len()) {
        let mut s = b.get(i).copied().unwrap_or(S::ZERO);
        if let (Some(lr), Some(bs)) = (lrow.get(..i), b.get(..i)) {
            for (&a, &z) in lr.iter().zip(bs) {
                s -= a * z;
            }
        }
        if let Some(slot) = b.get_mut(i) {
            *slot = s / lrow.get(i).copied().unwrap_or(S::ONE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::vec;
    use std::vec::Vec;

    fn matmul_t(a: &[f64], b: &[f64], d: usize) -> Vec<f64> {
        // a * b^T
        let mut out = vec![0.0; d * d];
        for i in 0..d {
            for j in 0..d {
                out[i * d + j] = (0..d).map(|k| a[i * d + k] * b[j * d + k]).sum();
            }
        }
        out
    }

    const SPD: [f64; 9] = [4.0, 2.0, 0.6, 2.0, 2.0, 0.5, 0.6, 0.5, 3.0];

    #[test]
    fn factor_reproduces_the_matrix() {
        let mut l = SPD;
        factor(&mut l, 3, "c").unwrap();
        assert_eq!(l[1], 0.0);
        assert_eq!(l[2], 0.0);
        assert_eq!(l[5], 0.0);
        let back = matmul_t(&l, &l, 3);
        for (a, b) in back.iter().zip(SPD) {
            assert!((a - b).abs() < 1e-14);
        }
    }

    #[test]
    fn precision_factor_inverts() {
        let mut l = SPD;
        factor(&mut l, 3, "c").unwrap();
        let mut u = [0.0; 9];
        precision_factor(&l, 3, &mut u, "c").unwrap();
        // U is upper triangular and L^T U = I.
        assert_eq!((u[3], u[6], u[7]), (0.0, 0.0, 0.0));
        for i in 0..3 {
            for j in 0..3 {
                let v: f64 = (0..3).map(|k| l[k * 3 + i] * u[k * 3 + j]).sum();
                assert!((v - if i == j { 1.0 } else { 0.0 }).abs() < 1e-14);
            }
        }
        // log det(P) = 2 sum ln U_ii = -2 sum ln L_ii.
        assert!((log_det_diag(&u, 3) + log_det_diag(&l, 3)).abs() < 1e-14);
        let mut b = [1.0, 2.0, 3.0];
        solve_lower(&l, 3, &mut b);
        let lb: Vec<f64> = (0..3)
            .map(|i| (0..3).map(|k| l[i * 3 + k] * b[k]).sum())
            .collect();
        for (a, w) in lb.iter().zip([1.0, 2.0, 3.0]) {
            assert!((a - w).abs() < 1e-14);
        }
    }

    #[test]
    fn non_positive_definite_is_numerical() {
        let mut a = [1.0, 2.0, 2.0, 1.0];
        assert_eq!(factor(&mut a, 2, "c"), Err(Error::Numerical("c")));
        let mut z = [0.0f32; 4];
        assert_eq!(factor(&mut z, 2, "c"), Err(Error::Numerical("c")));
        // A valid-looking factor whose inverse overflows f32.
        let l = [1e-20f32, 0.0, 1e20, 1e-20];
        let mut u = [0.0f32; 4];
        assert_eq!(
            precision_factor(&l, 2, &mut u, "c"),
            Err(Error::Numerical("c"))
        );
        let mut bad = [0.0f64; 3];
        assert_eq!(factor(&mut bad, 2, "c"), Err(Error::InvalidShape("c")));
    }
}
