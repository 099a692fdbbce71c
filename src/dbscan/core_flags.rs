//! Step 1 of [`fit`](super::fit()): the core flags, one streamed neighbour
//! count (or weight sum) per stored point, stopping at `min_samples` when
//! weights cannot decrease the sum. A weight sum too close to call in the
//! element type is recomputed exactly ([`ExactSum`]), so the decision never
//! depends on the order in which the index streams neighbours.

use core::cmp::Ordering;
use core::ops::ControlFlow;

use super::weight_sum::{ExactSum, Tally, Verdict};
use crate::neighbors::index::Index;
use crate::scalar::Scalar;

/// Writes `core[p]` (per stored position of `idx`): 1 if the neighbourhood
/// of stored point `p` counts (weighs, with `weights` indexed by sample) at
/// least `ms`, else 0.
#[inline(never)]
pub(super) fn core_flags<S: Scalar>(
    idx: &Index<'_, S>,
    weights: Option<&[S]>,
    ms: u32,
    core: &mut [u8],
) {
    let target = S::from_f64(f64::from(ms));
    let nonneg = weights.is_none_or(|w| w.iter().all(|&v| v >= S::ZERO));
    let weight = |w: &[S], p: usize| w.get(idx.original(p) as usize).copied().unwrap_or(S::ZERO);
    for (p, c) in core.iter_mut().enumerate() {
        let (q, _) = idx.point(p);
        let is = match weights {
            None => {
                let mut count = 0u32;
                idx.for_each_within(q, |_, _| {
                    count += 1;
                    if count >= ms {
                        ControlFlow::Break(())
                    } else {
                        ControlFlow::Continue(())
                    }
                });
                count >= ms
            }
            Some(w) => {
                let mut t = Tally::<S>::new();
                let mut verdict = Verdict::Unsure;
                idx.for_each_within(q, |p2, _| {
                    t.add(weight(w, p2));
                    if nonneg && t.verdict(target) == Verdict::Yes {
                        verdict = Verdict::Yes;
                        return ControlFlow::Break(());
                    }
                    ControlFlow::Continue(())
                });
                if verdict != Verdict::Yes {
                    verdict = t.verdict(target);
                }
                match verdict {
                    Verdict::Yes => true,
                    Verdict::No => false,
                    Verdict::Unsure => exact_core(idx, q, w, ms),
                }
            }
        };
        *c = is as u8;
    }
}

/// Whether the neighbourhood of the search-space row `q` weighs at least
/// `ms`, summed exactly. Out of line: the exact accumulator is large and only
/// on the call stack while a tally is too close to call.
#[inline(never)]
fn exact_core<S: Scalar>(idx: &Index<'_, S>, q: &[S], w: &[S], ms: u32) -> bool {
    let mut e = ExactSum::new();
    idx.for_each_within(q, |p2, _| {
        let wp = w.get(idx.original(p2) as usize).copied().unwrap_or(S::ZERO);
        e.add(wp.to_f64());
        ControlFlow::Continue(())
    });
    e.add(-f64::from(ms));
    e.sign() != Ordering::Less
}
