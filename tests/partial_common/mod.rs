//! Helpers shared by the partial-statistics tests (`mod partial_common;`).
#![allow(dead_code)]

use nanoclust::rng::Rng;

/// A random index below `n` (0 when `n` is 0).
pub fn below(rng: &mut Rng, n: usize) -> usize {
    ((rng.next_f64() * n as f64) as usize).min(n.saturating_sub(1))
}

/// Random range boundaries of `n` rows on multiples of the block size: 1 to
/// `max_parts` ranges of random sizes (sorted, distinct, inside `1..n`).
pub fn random_cuts(rng: &mut Rng, n: usize, max_parts: usize) -> Vec<usize> {
    let b = nanoclust::partial::BLOCK_ROWS;
    let blocks = n.div_ceil(b);
    let parts = 1 + below(rng, blocks.min(max_parts));
    let mut cuts: Vec<usize> = (0..parts - 1)
        .map(|_| (1 + below(rng, blocks)) * b)
        .collect();
    cuts.retain(|&c| c < n);
    cuts.sort();
    cuts.dedup();
    cuts
}
