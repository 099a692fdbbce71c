//! One mini-batch step: scikit-learn's `MiniBatchKMeans.partial_fit` with
//! `reassignment_ratio = 0` (no random reassignment), on caller-held centers and
//! per-center accumulated weights (`counts`).
//!
//! Every sample of the batch is labelled with its nearest *old* center; then
//! each center that received weight `W_j` (sum `S_j` of `w x`) becomes
//! `(c_j * counts_j + S_j) / (counts_j + W_j)` (summed in sample order, divided
//! by multiplying with the reciprocal, as `_minibatch_update_dense` does) and
//! `counts_j += W_j`; the others stay. Like scikit-learn, there is no
//! mean-centring (`MiniBatchKMeans` does not centre).

use super::predict::{check_range, nearest};
use crate::error::{Error, Result};
use crate::matrix::{check_finite, check_weights, Matrix};
use crate::scalar::Scalar;
use crate::workspace::{Carve, Layout, Sizer, Workspace};

/// Workspace of [`partial_fit`]: `k * (d + 1)` values of the element type.
pub fn partial_fit_workspace_size<S: Scalar>(d: usize, k: usize) -> Result<Layout> {
    if d == 0 {
        return Err(Error::InvalidShape("d"));
    }
    if k == 0 {
        return Err(Error::InvalidParameter("k"));
    }
    Sizer::measure(|c| carve::<S>(c, d, k).map(drop))
}

/// The scratch of [`partial_fit`]: the new centers (`k*d`) and the batch's
/// weight per center (`k`), zeroed. The one declaration (see `crate::workspace`).
#[inline(always)]
fn carve<'a, S: Scalar>(
    c: &mut impl Carve<'a>,
    d: usize,
    k: usize,
) -> Result<(&'a mut [S], &'a mut [S])> {
    // Saturating: an overflow makes the array too large (`SizeOverflow`).
    Ok((
        c.take_filled(k.saturating_mul(d), S::ZERO)?,
        c.take_filled(k, S::ZERO)?,
    ))
}

/// One mini-batch update of `centers` (`k * d`, row-major) and `counts` (`k`,
/// finite and `>= 0`) from the batch `x` with optional weights (finite, `>= 0`).
/// Both are updated only on success. `Numerical` when a squared distance or a
/// weighted sum would overflow.
pub fn partial_fit<S: Scalar>(
    x: Matrix<'_, S>,
    sample_weight: Option<&[S]>,
    centers: &mut [S],
    counts: &mut [f64],
    workspace: &mut [u8],
) -> Result<()> {
    let (n, d) = (x.n(), x.d());
    let k = counts.len();
    let layout = partial_fit_workspace_size::<S>(d, k)?;
    if k > i32::MAX as usize {
        return Err(Error::InvalidParameter("k"));
    }
    if centers.len() != k * d {
        return Err(Error::InvalidShape("centers"));
    }
    check_finite(centers, "centers")?;
    check_finite(counts, "counts")?;
    if counts.iter().any(|&c| c < 0.0) {
        return Err(Error::InvalidParameter("counts"));
    }
    check_weights(sample_weight, n)?;
    let mut ws = Workspace::new(workspace);
    ws.require(layout)?;
    check_range(x.as_slice(), centers, d)?;
    let (new, wsum) = carve::<S>(&mut ws, d, k)?;
    let old = Matrix::named(centers, k, d, "centers")?;
    // centers_new = centers_old * counts, then += x * w in sample order.
    for (j, &c) in counts.iter().enumerate() {
        let orow = old.row(j);
        let Some(nrow) = new.get_mut(j * d..j * d + d) else {
            continue;
        };
        let c = S::from_f64(c);
        for (nv, &ov) in nrow.iter_mut().zip(orow) {
            *nv = ov * c;
        }
    }
    crate::simd::with_simd(
        #[inline(always)]
        || {
            for (i, row) in x.rows().enumerate() {
                let (j, _) = nearest(old, row);
                let wi = sample_weight
                    .and_then(|w| w.get(i).copied())
                    .unwrap_or(S::ONE);
                if let Some(nrow) = new.get_mut(j * d..j * d + d) {
                    for (nv, &v) in nrow.iter_mut().zip(row) {
                        *nv += v * wi;
                    }
                }
                if let Some(s) = wsum.get_mut(j) {
                    *s += wi;
                }
            }
        },
    );
    let mut new_counts_ok = true;
    for (j, (&ws_j, &c)) in wsum.iter().zip(counts.iter()).enumerate() {
        let Some(nrow) = new.get_mut(j * d..j * d + d) else {
            continue;
        };
        if ws_j > S::ZERO {
            let total = S::from_f64(c) + ws_j;
            let alpha = S::ONE / total;
            for v in nrow.iter_mut() {
                *v *= alpha;
            }
            new_counts_ok &= (c + ws_j.to_f64()).is_finite() && total.is_finite();
        } else {
            copy(nrow, old.row(j));
        }
    }
    if !new_counts_ok || check_finite(new, "centers").is_err() {
        return Err(Error::Numerical("partial_fit: weighted sums overflow"));
    }
    copy(centers, new);
    for (c, &ws_j) in counts.iter_mut().zip(wsum.iter()) {
        if ws_j > S::ZERO {
            *c += ws_j.to_f64();
        }
    }
    Ok(())
}

/// [`partial_fit`] with scratch on the stack: a [`STACK_SCRATCH`]-byte buffer,
/// enough when [`partial_fit_workspace_size`] is at most that, i.e.
/// `k * (d + 1) <= 382` for f32 and `<= 190` for f64; `WorkspaceTooSmall` beyond
/// (use [`partial_fit`] with a workspace). The buffer is sized so that the
/// whole call stays under 2 KiB of stack on a Cortex-M4F.
pub fn partial_fit_stack<S: Scalar>(
    x: Matrix<'_, S>,
    sample_weight: Option<&[S]>,
    centers: &mut [S],
    counts: &mut [f64],
) -> Result<()> {
    let need = partial_fit_workspace_size::<S>(x.d(), counts.len())?.bytes();
    if need <= STACK_SCRATCH {
        on_stack(x, sample_weight, centers, counts)
    } else {
        Err(Error::WorkspaceTooSmall {
            needed: need,
            provided: STACK_SCRATCH,
        })
    }
}

/// Bytes of stack scratch of [`partial_fit_stack`] (the C
/// `nanoclust_kmeans_partial_fit_*` without a workspace argument).
pub const STACK_SCRATCH: usize = 1536;

#[inline(never)]
fn on_stack<S: Scalar>(
    x: Matrix<'_, S>,
    w: Option<&[S]>,
    c: &mut [S],
    n: &mut [f64],
) -> Result<()> {
    let mut buf = [0u8; STACK_SCRATCH];
    partial_fit(x, w, c, n, &mut buf)
}

/// Element-wise copy of the common prefix (no length-mismatch panic path).
#[inline]
fn copy<S: Copy>(dst: &mut [S], src: &[S]) {
    for (d, &s) in dst.iter_mut().zip(src) {
        *d = s;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_step_from_zero_counts_gives_cluster_means() {
        let x = [0.0f64, 2.0, 10.0, 12.0];
        let mut c = [1.0, 11.0];
        let mut counts = [0.0, 0.0];
        partial_fit_stack(Matrix::new(&x, 4, 1).unwrap(), None, &mut c, &mut counts).unwrap();
        assert_eq!(c, [1.0, 11.0]);
        assert_eq!(counts, [2.0, 2.0]);
        // A second batch moves each center by the running mean.
        let x2 = [4.0f64];
        partial_fit_stack(
            Matrix::new(&x2, 1, 1).unwrap(),
            Some(&[2.0][..]),
            &mut c,
            &mut counts,
        )
        .unwrap();
        assert_eq!(c, [(1.0 * 2.0 + 8.0) * (1.0 / 4.0), 11.0]);
        assert_eq!(counts, [4.0, 2.0]);
    }

    #[test]
    fn stack_scratch_bound_is_k_times_d_plus_one_382_f32_190_f64() {
        fn run<S: Scalar>(d: usize, k: usize) -> Result<()> {
            let x = std::vec![S::ZERO; d];
            let mut c = std::vec![S::ZERO; k * d];
            let mut counts = std::vec![0.0; k];
            partial_fit_stack(Matrix::new(&x, 1, d).unwrap(), None, &mut c, &mut counts)
        }
        // f32: 4 * k * (d + 1) + 6 bytes of layout; f64: 8 * k * (d + 1) + 14.
        for (d, k) in [(381, 1), (190, 2), (1, 191)] {
            assert_eq!(run::<f32>(d, k), Ok(()), "f32 d={d} k={k}");
        }
        for (d, k) in [(382, 1), (1, 192)] {
            assert!(matches!(
                run::<f32>(d, k),
                Err(Error::WorkspaceTooSmall {
                    provided: STACK_SCRATCH,
                    ..
                })
            ));
        }
        for (d, k) in [(189, 1), (1, 95), (9, 19)] {
            assert_eq!(run::<f64>(d, k), Ok(()), "f64 d={d} k={k}");
        }
        for (d, k) in [(190, 1), (2, 64)] {
            assert!(matches!(
                run::<f64>(d, k),
                Err(Error::WorkspaceTooSmall {
                    provided: STACK_SCRATCH,
                    ..
                })
            ));
        }
    }

    #[test]
    fn oversized_models_need_a_workspace() {
        let x = [0.0f64; 600];
        let mut c = [0.0f64; 600 * 4];
        let mut counts = [0.0; 4];
        let e = partial_fit_stack(Matrix::new(&x, 1, 600).unwrap(), None, &mut c, &mut counts);
        assert!(matches!(e, Err(Error::WorkspaceTooSmall { .. })));
        let mut buf = std::vec![0u8; partial_fit_workspace_size::<f64>(600, 4).unwrap().bytes()];
        partial_fit(
            Matrix::new(&x, 1, 600).unwrap(),
            None,
            &mut c,
            &mut counts,
            &mut buf,
        )
        .unwrap();
        assert_eq!(counts, [1.0, 0.0, 0.0, 0.0]);
    }
}
