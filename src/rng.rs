//! A small seedable PRNG whose output stream never changes between versions or
//! platforms: xoshiro256** (Blackman & Vigna, 2018), seeded by expanding a
//! `u64` with splitmix64, exactly as the authors' reference code recommends.
//! The test vectors below come from their public-domain C code
//! (`tools/rng_reference.c`) and are pinned forever: changing the stream
//! changes every seeded result users have recorded.

use crate::scalar::Scalar;

/// splitmix64 (Steele, Lea & Flood, 2014): used to expand seeds.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// Starts the sequence at `seed`.
    pub const fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64-bit output.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// xoshiro256**: the generator behind every seeded choice in nanoclust.
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// Seeds the state with four splitmix64 outputs of `seed` (never all zero).
    pub fn new(seed: u64) -> Self {
        let mut sm = SplitMix64::new(seed);
        Rng {
            s: [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()],
        }
    }

    /// The next 64-bit output.
    pub fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = self.s;
        let result = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s1 << 17;
        let s2 = s2 ^ s0;
        let s3 = s3 ^ s1;
        let s1 = s1 ^ s2;
        let s0 = s0 ^ s3;
        let s2 = s2 ^ t;
        let s3 = s3.rotate_left(45);
        self.s = [s0, s1, s2, s3];
        result
    }

    /// A uniform `f64` in `[0, 1)` with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform `f32` in `[0, 1)` with 24 random bits.
    pub fn next_f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 * (1.0 / (1u32 << 24) as f32)
    }

    /// A uniform integer in `[0, bound)`, without modulo bias (Lemire's
    /// multiply-and-reject method). `bound == 0` returns 0.
    pub fn below(&mut self, bound: u64) -> u64 {
        if bound == 0 {
            return 0;
        }
        // Reject the low products that would over-represent some values.
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let m = (self.next_u64() as u128) * (bound as u128);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }

    /// A uniform index in `[0, len)`; `len == 0` returns 0.
    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// Draws an index with probability proportional to `weights[i]` (each
    /// `>= 0`, finite). Sums in `f64` in index order; `None` when the total is
    /// not positive and finite. Zero-weight entries are never chosen.
    pub fn weighted_index<S: Scalar>(&mut self, weights: &[S]) -> Option<usize> {
        let total: f64 = weights.iter().map(|w| w.to_f64()).sum();
        if !(total > 0.0 && total.is_finite()) {
            return None;
        }
        let target = self.next_f64() * total;
        let mut cumulative = 0.0;
        let mut last_positive = None;
        for (i, w) in weights.iter().enumerate() {
            let w = w.to_f64();
            if w > 0.0 {
                cumulative += w;
                last_positive = Some(i);
                if cumulative > target {
                    return Some(i);
                }
            }
        }
        // Rounding left the target at the very top: take the last positive weight.
        last_positive
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_reference() {
        let mut sm = SplitMix64::new(1234567);
        let expected = [
            6457827717110365317,
            3203168211198807973,
            9817491932198370423,
            4593380528125082431,
            16408922859458223821,
        ];
        for e in expected {
            assert_eq!(sm.next_u64(), e);
        }
    }

    #[test]
    fn stream_is_pinned() {
        let cases: [(u64, [u64; 5]); 3] = [
            (
                0,
                [
                    11091344671253066420,
                    13793997310169335082,
                    1900383378846508768,
                    7684712102626143532,
                    13521403990117723737,
                ],
            ),
            (
                42,
                [
                    1546998764402558742,
                    6990951692964543102,
                    12544586762248559009,
                    17057574109182124193,
                    18295552978065317476,
                ],
            ),
            (
                u64::MAX,
                [
                    10328197420357168392,
                    14156678507024973869,
                    9357971779955476126,
                    13791585006304312367,
                    10463432026814718762,
                ],
            ),
        ];
        for (seed, expected) in cases {
            let mut rng = Rng::new(seed);
            for e in expected {
                assert_eq!(rng.next_u64(), e, "seed {seed}");
            }
        }
    }

    #[test]
    fn floats_are_in_unit_interval() {
        let mut rng = Rng::new(7);
        let mut sum = 0.0;
        for _ in 0..10_000 {
            let a = rng.next_f64();
            let b = rng.next_f32();
            assert!((0.0..1.0).contains(&a) && (0.0..1.0).contains(&b));
            sum += a;
        }
        let mean = sum / 10_000.0;
        assert!((mean - 0.5).abs() < 0.02, "mean {mean}");
    }

    #[test]
    fn bounded_integers_are_in_range_and_cover_it() {
        let mut rng = Rng::new(3);
        let mut counts = [0u32; 7];
        for _ in 0..7_000 {
            let v = rng.below(7) as usize;
            counts[v] += 1;
        }
        assert!(counts.iter().all(|&c| c > 800 && c < 1200), "{counts:?}");
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.below(1), 0);
        assert_eq!(rng.index(0), 0);
        let big = rng.below(u64::MAX);
        assert!(big < u64::MAX);
    }

    #[test]
    fn weighted_choice_follows_weights() {
        let mut rng = Rng::new(11);
        let w = [0.0f64, 1.0, 0.0, 3.0, 0.0];
        let mut counts = [0u32; 5];
        for _ in 0..8_000 {
            counts[rng.weighted_index(&w).unwrap()] += 1;
        }
        assert_eq!((counts[0], counts[2], counts[4]), (0, 0, 0));
        let ratio = counts[3] as f64 / counts[1] as f64;
        assert!((ratio - 3.0).abs() < 0.3, "ratio {ratio}");
        assert_eq!(rng.weighted_index(&[0.0f32, 0.0]), None);
        assert_eq!(rng.weighted_index::<f32>(&[]), None);
        assert_eq!(
            rng.weighted_index(&[f64::MAX, f64::MAX]),
            None,
            "infinite total"
        );
        assert_eq!(rng.weighted_index(&[0.0f32, 2.0]), Some(1));
    }

    #[test]
    fn same_seed_same_stream() {
        let (mut a, mut b) = (Rng::new(99), Rng::new(99));
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
    }
}
