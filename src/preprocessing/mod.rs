//! Standard scaler: per-feature mean and scale (population standard deviation).
//!
//! Follows scikit-learn's `StandardScaler` (dense, no sample weights, one
//! `fit`): sums accumulate in f64 whatever the element type (scikit-learn's
//! `_safe_accumulator_op`); the variance is the corrected two-pass estimate of
//! `_incremental_mean_and_var` (`T = sum / n`, `var = (sum (x - T)^2 -
//! (sum (x - T))^2 / n) / n`, ddof 0), and a feature whose variance is within
//! the rounding bound of `_is_constant_feature`
//! (`var <= n eps var + (n |mean| eps)^2`, f64 eps) gets scale 1 (scikit-learn's
//! `_handle_zeros_in_scale` with that mask), so it is centred but not scaled.
//!
//! `transform` computes `(x - mean) / scale` and `inverse_transform`
//! `x * scale + mean` in the element type, as scikit-learn's in-place
//! `X -= mean_; X /= scale_`. Both exist in a copying and an in-place form.
//! Every function validates everything (shape, finiteness, `scale > 0`) and
//! computes all results once to check them finite before it writes any output,
//! so a failure leaves the outputs untouched.
//!
//! Files (the family template, see `docs/architecture.md`): `fit.rs`
//! ([`standard_scaler_fit`]) and `transform.rs` (the transforms and their
//! validation). The scaler has no parameters and no workspace.

mod fit;
mod transform;

pub use fit::standard_scaler_fit;
pub use transform::{
    standard_scaler_inverse_transform, standard_scaler_inverse_transform_in_place,
    standard_scaler_transform, standard_scaler_transform_in_place,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::matrix::Matrix;

    #[test]
    fn fits_population_statistics_and_constant_features() {
        // Column 0: 1..=10 (mean 5.5, population variance 8.25); column 1 constant;
        // columns 2..=9 test the second column block.
        let n = 10;
        let d = 10;
        let mut x = [0.0f64; 100];
        for i in 0..n {
            for j in 0..d {
                x[i * d + j] = match j {
                    0 => (i + 1) as f64,
                    1 => 3.25,
                    _ => (i * j) as f64 * 0.5,
                };
            }
        }
        let m = Matrix::new(&x, n, d).unwrap();
        let (mut mean, mut scale) = ([0.0; 10], [0.0; 10]);
        standard_scaler_fit(m, &mut mean, &mut scale).unwrap();
        assert!((mean[0] - 5.5).abs() < 1e-15);
        assert!((scale[0] - 8.25f64.sqrt()).abs() < 1e-14);
        assert_eq!(
            (mean[1], scale[1]),
            (3.25, 1.0),
            "constant feature gets scale 1"
        );
        for j in 2..d {
            let col: std::vec::Vec<f64> = (0..n).map(|i| x[i * d + j]).collect();
            let mu = col.iter().sum::<f64>() / n as f64;
            let var = col.iter().map(|v| (v - mu) * (v - mu)).sum::<f64>() / n as f64;
            assert!((mean[j] - mu).abs() < 1e-12 && (scale[j] - var.sqrt()).abs() < 1e-12);
        }
        // Round trip, copying and in place.
        let mut t = [0.0; 100];
        standard_scaler_transform(m, &mean, &scale, &mut t).unwrap();
        assert!(t.iter().skip(1).step_by(d).all(|&v| v == 0.0));
        let mut back = [0.0; 100];
        standard_scaler_inverse_transform(Matrix::new(&t, n, d).unwrap(), &mean, &scale, &mut back)
            .unwrap();
        let mut inplace = x;
        standard_scaler_transform_in_place(&mut inplace, n, d, &mean, &scale).unwrap();
        assert_eq!(inplace, t, "in place equals copying");
        standard_scaler_inverse_transform_in_place(&mut inplace, n, d, &mean, &scale).unwrap();
        assert_eq!(inplace, back);
        for (a, b) in back.iter().zip(&x) {
            assert!((a - b).abs() < 1e-12);
        }
    }

    #[test]
    fn rejects_bad_inputs_without_writing() {
        let x = [1.0f32, 2.0, 3.0, 4.0];
        let m = Matrix::new(&x, 2, 2).unwrap();
        let mut out = [7.0f32; 4];
        assert_eq!(
            standard_scaler_transform(m, &[0.0, 0.0], &[1.0, 0.0], &mut out),
            Err(Error::InvalidParameter("scale"))
        );
        assert_eq!(
            standard_scaler_transform(m, &[0.0, f32::NAN], &[1.0, 1.0], &mut out),
            Err(Error::NonFinite("mean"))
        );
        assert_eq!(
            standard_scaler_transform(m, &[0.0], &[1.0, 1.0], &mut out),
            Err(Error::InvalidShape("mean"))
        );
        // Overflow: (x - mean) / tiny scale is infinite.
        assert_eq!(
            standard_scaler_transform(m, &[0.0, 0.0], &[1e-38, 1e-38], &mut out),
            Err(Error::Numerical("standard_scaler"))
        );
        assert_eq!(out, [7.0; 4]);
        let mut y = x;
        assert_eq!(
            standard_scaler_inverse_transform_in_place(&mut y, 2, 2, &[0.0, 0.0], &[f32::MAX, 1.0]),
            Err(Error::Numerical("standard_scaler"))
        );
        assert_eq!(y, x);
        // f32 extremes: the f64 accumulators hold them exactly enough.
        let big = [f32::MAX, -f32::MAX];
        let (mut mean, mut scale) = ([5.0f32], [5.0f32]);
        assert_eq!(
            standard_scaler_fit(Matrix::new(&big, 2, 1).unwrap(), &mut mean, &mut scale),
            Ok(())
        );
        assert_eq!((mean[0], scale[0]), (0.0, f32::MAX));
        let huge = [f64::MAX, f64::MAX];
        let (mut mean, mut scale) = ([5.0f64], [5.0f64]);
        assert_eq!(
            standard_scaler_fit(Matrix::new(&huge, 2, 1).unwrap(), &mut mean, &mut scale),
            Err(Error::Numerical("standard_scaler"))
        );
        assert_eq!((mean, scale), ([5.0], [5.0]));
    }
}
