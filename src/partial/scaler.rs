//! Partial statistics of the standard scaler (also scikit-learn's
//! `StandardScaler.partial_fit`): exact weighted moments per feature.
//!
//! Every row adds, exactly, its weight `w` to `N`, and for each feature `w x`
//! to `A` and `w x^2` to `Q` (products split with exact two-products, values
//! widened to f64). So the blob is exact for **any** split (block size 1), and
//! `finish` computes the mean `A / N` and the population variance
//! `(N Q - A^2) / N^2` from exact integers (the numerator is one exact
//! big-integer product difference, rounded once), which is at least as
//! accurate as the one-call fit's corrected two-pass formula; the
//! near-constant rule and the scale follow [`crate::preprocessing`]. The two
//! agree to a few units in the last place of f64 (so almost always exactly in
//! f32), not bit for bit.
//!
//! Payload: `N`, then `A_j, Q_j` for each feature: `(1 + 2 d) * 272` bytes.

use super::exact::{self, F64};
use super::{acc, acc_mut, Kind, Shape, HEADER};
use crate::error::{Error, Result};
use crate::matrix::{check_weights, Matrix};
use crate::scalar::Scalar;

/// The blob shape for `d` features.
pub fn shape(d: usize) -> Result<Shape> {
    if d == 0 {
        return Err(Error::InvalidShape("d"));
    }
    let n_acc = d
        .checked_mul(2)
        .and_then(|v| v.checked_add(1))
        .ok_or(Error::SizeOverflow("stats"))?;
    Ok(Shape {
        kind: Kind::Scaler,
        k: 0,
        d: d as u64,
        cov: u32::MAX,
        bytes: super::size(&[(1, HEADER), (n_acc, exact::BYTES)])?,
    })
}

fn off_n() -> usize {
    HEADER
}

fn off_a(j: usize) -> usize {
    HEADER + (1 + 2 * j) * exact::BYTES
}

fn off_q(j: usize) -> usize {
    off_a(j) + exact::BYTES
}

/// Starts an empty blob for `d` features.
pub fn init(blob: &mut [u8], d: usize) -> Result<()> {
    super::init(blob, shape(d)?)
}

/// Folds the rows of `x` (weights `w`, `None` = ones) into the blob.
pub fn accumulate<S: Scalar>(x: Matrix<'_, S>, w: Option<&[S]>, blob: &mut [u8]) -> Result<()> {
    let shape = shape(x.d())?;
    let elem = super::check(blob, shape)?;
    check_weights(w, x.n())?;
    let rows = super::range_rows(blob, 0, x.n())?;
    super::claim::<S>(blob, elem)?;
    super::set_merged(blob, super::Elem::of::<S>(), rows);
    for (i, row) in x.rows().enumerate() {
        let wi = w.and_then(|w| w.get(i)).map_or(1.0, |v| v.to_f64());
        exact::add(acc_mut(blob, off_n()), wi);
        if wi == 0.0 {
            continue;
        }
        for (j, &v) in row.iter().enumerate() {
            let v = v.to_f64();
            // w v = p + e exactly; w v^2 = p v + e v, each an exact two-product.
            let p = wi * v;
            let e = libm::fma(wi, v, -p);
            let a = acc_mut(blob, off_a(j));
            exact::add(a, p);
            exact::add(a, e);
            let q = acc_mut(blob, off_q(j));
            exact::add_product(q, p, v);
            if e != 0.0 {
                exact::add_product(q, e, v);
            }
        }
    }
    Ok(())
}

/// `into += from` for two scaler blobs of the same shape.
pub fn merge(into: &mut [u8], from: &[u8]) -> Result<()> {
    let (_, d, _) = super::recorded_params(into, Kind::Scaler)?;
    // The recorded d must give the recorded size (else the blob is corrupt).
    let shape = self::shape(d).map_err(|_| Error::InvalidParameter("stats"))?;
    super::check(into, shape)?;
    super::check(from, shape)?;
    super::merge_header(into, from)?;
    super::merge_accs(into, from, HEADER, 1 + 2 * d);
    Ok(())
}

/// Mean and scale of feature `j` in f64 (`n` is `(N_s, e_N, N)` from [`total`]).
fn feature(blob: &[u8], j: usize, n: (f64, i64, f64), mag_n: &[u64]) -> Result<(f64, f64)> {
    let (n_s, e_n, n_f) = n;
    let (neg_a, mag_a) = exact::load(acc(blob, off_a(j)));
    let a_s = exact::round(&mag_a, F64_EMIN - e_n, F64).ok_or(Error::Numerical("mean"))?;
    let a_s = f64::from_bits(a_s | (u64::from(neg_a) << 63));
    let mean = a_s / n_s;
    let (neg_q, mag_q) = exact::load(acc(blob, off_q(j)));
    let mut nq = [0u64; exact::WIDE];
    let mut aa = [0u64; exact::WIDE];
    exact::mul(mag_n, &mag_q, &mut nq);
    exact::mul(&mag_a, &mag_a, &mut aa);
    let below = neg_q || exact::sub_in_place(&mut nq, &aa);
    let var = if below {
        0.0
    } else {
        let v = exact::round(&nq, 2 * F64_EMIN - 2 * e_n, F64).ok_or(Error::Numerical("scale"))?;
        f64::from_bits(v) / n_s / n_s
    };
    let eps = f64::EPSILON;
    let bound = n_f * eps * var + (n_f * mean * eps) * (n_f * mean * eps);
    let scale = if var <= bound { 1.0 } else { Scalar::sqrt(var) };
    Ok((mean, scale))
}

const F64_EMIN: i64 = -1074;

/// `(N_s, e_N, N)`: the weight total scaled into `[1, 2]`, its binary exponent
/// and its value; `InvalidParameter("sample_weight")` when it is zero.
fn total(mag_n: &[u64]) -> Result<(f64, i64, f64)> {
    let h = exact::top_bit(mag_n).ok_or(Error::InvalidParameter("sample_weight"))?;
    let e_n = h + F64_EMIN;
    let n_s = exact::round(mag_n, F64_EMIN - e_n, F64).ok_or(Error::Numerical("stats"))?;
    let n_f = exact::round(mag_n, F64_EMIN, F64).ok_or(Error::Numerical("stats"))?;
    Ok((f64::from_bits(n_s), e_n, f64::from_bits(n_f)))
}

/// Writes each feature's mean and scale (as
/// [`crate::preprocessing::standard_scaler_fit`]) from a blob of type `S`.
/// Nothing is written on error.
pub fn finish<S: Scalar>(blob: &[u8], mean: &mut [S], scale: &mut [S]) -> Result<()> {
    let d = mean.len();
    if scale.len() != d {
        return Err(Error::InvalidShape("scale"));
    }
    let elem = super::check(blob, shape(d)?)?;
    super::expect::<S>(elem)?;
    let (neg_n, mag_n) = exact::load(acc(blob, off_n()));
    if neg_n {
        return Err(Error::InvalidParameter("stats"));
    }
    let n = total(&mag_n)?;
    let stat = |j: usize| -> Result<(S, S)> {
        let (m, s) = feature(blob, j, n, &mag_n)?;
        let (m, s) = (S::from_f64(m), S::from_f64(s));
        if !(m.is_finite() && s.is_finite()) || s <= S::ZERO {
            return Err(Error::Numerical("standard_scaler"));
        }
        Ok((m, s))
    };
    for j in 0..d {
        stat(j)?;
    }
    for (j, (mo, so)) in mean.iter_mut().zip(scale.iter_mut()).enumerate() {
        let (m, s) = stat(j)?;
        *mo = m;
        *so = s;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;
    use std::vec;
    use std::vec::Vec;

    fn fold<S: Scalar>(x: &[S], n: usize, d: usize, w: Option<&[S]>, cuts: &[usize]) -> Vec<u8> {
        let sh = shape(d).unwrap();
        let mut total = vec![0u8; sh.bytes];
        init(&mut total, d).unwrap();
        let mut start = 0;
        for &end in cuts.iter().chain(core::iter::once(&n)) {
            let mut b = vec![0u8; sh.bytes];
            init(&mut b, d).unwrap();
            let xm = Matrix::new(&x[start * d..end * d], end - start, d).unwrap();
            accumulate(xm, w.map(|w| &w[start..end]), &mut b).unwrap();
            merge(&mut b, &total).unwrap();
            total = b;
            start = end;
        }
        total
    }

    #[test]
    fn any_split_gives_the_same_bytes_and_matches_the_fit() {
        let mut rng = Rng::new(3);
        let (n, d) = (301, 5);
        let x: Vec<f64> = (0..n * d)
            .map(|i| 1000.0 * (i % d) as f64 + rng.next_f64() * 3.0)
            .collect();
        let w: Vec<f64> = (0..n).map(|_| rng.next_f64() * 2.0).collect();
        let one = fold(&x, n, d, None, &[]);
        let many = fold(&x, n, d, None, &[1, 7, 100, 101, 250]);
        assert_eq!(one[HEADER..], many[HEADER..]);
        let (mut m1, mut s1) = (vec![0.0; d], vec![0.0; d]);
        finish(&one, &mut m1, &mut s1).unwrap();
        let (mut m0, mut s0) = (vec![0.0; d], vec![0.0; d]);
        crate::preprocessing::standard_scaler_fit(Matrix::new(&x, n, d).unwrap(), &mut m0, &mut s0)
            .unwrap();
        for j in 0..d {
            assert!((m1[j] - m0[j]).abs() <= 1e-13 * m0[j].abs(), "{j}");
            assert!((s1[j] - s0[j]).abs() <= 1e-12 * s0[j], "{j}");
        }
        // Weights: integer weights are row repetitions.
        let wi: Vec<f64> = w.iter().map(|v| (v * 2.0).floor()).collect();
        let rep: Vec<f64> = (0..n)
            .flat_map(|i| {
                (0..wi[i] as usize)
                    .flat_map(|_| x[i * d..i * d + d].to_vec())
                    .collect::<Vec<_>>()
            })
            .collect();
        let a = fold(&x, n, d, Some(&wi), &[13, 14]);
        let b = fold(&rep, rep.len() / d, d, None, &[3]);
        let (mut ma, mut sa, mut mb, mut sb) =
            (vec![0.0; d], vec![0.0; d], vec![0.0; d], vec![0.0; d]);
        finish(&a, &mut ma, &mut sa).unwrap();
        finish(&b, &mut mb, &mut sb).unwrap();
        assert_eq!((ma, sa), (mb, sb));
        // Fractional weights: split independence.
        assert_eq!(
            fold(&x, n, d, Some(&w), &[])[HEADER..],
            fold(&x, n, d, Some(&w), &[2, 64, 65, 299])[HEADER..]
        );
    }

    #[test]
    fn constant_features_get_scale_one_and_errors_write_nothing() {
        let x = [5.0f32, 1.0, 5.0, 2.0, 5.0, 3.0];
        let blob = fold(&x, 3, 2, None, &[1]);
        let (mut m, mut s) = ([0.0f32; 2], [0.0f32; 2]);
        finish(&blob, &mut m, &mut s).unwrap();
        assert_eq!(m, [5.0, 2.0]);
        assert_eq!(s[0], 1.0);
        assert!((s[1] - (2.0f32 / 3.0).sqrt()).abs() < 1e-7);
        // Finishing as f64 a blob of f32 data, or with zero total weight.
        let (mut m64, mut s64) = ([7.0f64; 2], [7.0f64; 2]);
        assert_eq!(
            finish(&blob, &mut m64, &mut s64),
            Err(Error::InvalidParameter("stats"))
        );
        let zero = fold(&x, 3, 2, Some(&[0.0, 0.0, 0.0]), &[]);
        assert_eq!(
            finish(&zero, &mut m, &mut s),
            Err(Error::InvalidParameter("sample_weight"))
        );
        assert_eq!(m, [5.0, 2.0]);
    }
}
