//! Inertia: the k-means objective `sum_i |x_i - c_{label_i}|^2`.

use super::labels::{check_labels, cluster_of};
use crate::distance::sq_euclidean;
use crate::error::{Error, Result};
use crate::matrix::{row_iter, Matrix};
use crate::scalar::Scalar;

/// The sum of squared Euclidean distances of the samples of `x` to the center
/// (row of `centers`, `k x d`) their label names, as scikit-learn's
/// `KMeans.inertia_` (unit weights). Samples with a negative label are left
/// out. Each squared distance is computed in the element type and summed in
/// f64 in sample order.
///
/// Errors: `InvalidShape("centers")` if `centers.d() != x.d()`,
/// `InvalidShape("labels")` on a length other than `n`,
/// `InvalidParameter("labels")` for a label `>= k`, `Numerical` if the sum
/// overflows.
pub fn inertia<S: Scalar>(x: Matrix<'_, S>, centers: Matrix<'_, S>, labels: &[i32]) -> Result<f64> {
    if centers.d() != x.d() {
        return Err(Error::InvalidShape("centers"));
    }
    check_labels(labels, x.n(), centers.n())?;
    let mut total = 0.0f64;
    for (row, &l) in row_iter(x.as_slice(), x.d()).zip(labels) {
        if let Some(c) = cluster_of(l) {
            total += sq_euclidean(row, centers.row(c)).to_f64();
        }
    }
    if total.is_finite() {
        Ok(total)
    } else {
        Err(Error::Numerical("inertia"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_squared_distances_and_skips_noise() {
        let x = [0.0f64, 0.0, 1.0, 0.0, 10.0, 10.0, 100.0, 100.0];
        let c = [0.5f64, 0.0, 10.0, 11.0];
        let xm = Matrix::new(&x, 4, 2).unwrap();
        let cm = Matrix::named(&c, 2, 2, "centers").unwrap();
        assert_eq!(inertia(xm, cm, &[0, 0, 1, -1]), Ok(0.25 + 0.25 + 1.0));
        assert_eq!(
            inertia(xm, cm, &[0, 0, 2, -1]),
            Err(Error::InvalidParameter("labels"))
        );
        assert_eq!(
            inertia(xm, cm, &[0, 0, 1]),
            Err(Error::InvalidShape("labels"))
        );
        let c1 = [0.0f64; 3];
        let cm1 = Matrix::named(&c1, 1, 3, "centers").unwrap();
        assert_eq!(
            inertia(xm, cm1, &[0, 0, 0, 0]),
            Err(Error::InvalidShape("centers"))
        );
        let big = [f64::MAX, -f64::MAX];
        let zero = [0.0f64, 0.0];
        assert_eq!(
            inertia(
                Matrix::new(&big, 1, 2).unwrap(),
                Matrix::new(&zero, 1, 2).unwrap(),
                &[0]
            ),
            Err(Error::Numerical("inertia"))
        );
    }
}
