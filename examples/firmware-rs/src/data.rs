// The data set of the firmware, shared by the firmware (src/main.rs) and the
// host build that computes the expected results (build.rs): three jittered
// blobs in 2-D plus two outliers, from a fixed integer stream (const fn, no
// float library), and a few query points.

/// Samples.
pub const N: usize = 48;
/// Features.
pub const D: usize = 2;
/// Clusters.
pub const K: usize = 3;
/// Query points for predict (raw units, scaled like the samples).
pub const QUERIES: [[f32; D]; 5] = [
    [0.1, -0.2],
    [3.2, 2.9],
    [6.1, 0.3],
    [1.5, 1.5],
    [12.0, 12.0],
];
/// DBSCAN radius (in scaled units) and minimum neighbourhood.
pub const EPS: f64 = 0.35;
/// DBSCAN `min_samples`.
pub const MIN_SAMPLES: u32 = 4;
/// k-means seed and restarts.
pub const SEED: u64 = 7;
/// k-means restarts.
pub const N_INIT: u32 = 3;
/// Samples of the mini-batch step.
pub const BATCH: usize = 16;

/// The samples.
pub const X: [[f32; D]; N] = make();

const fn make() -> [[f32; D]; N] {
    let centers = [[0.0f32, 0.0], [3.0, 3.0], [6.0, 0.0]];
    let mut x = [[0.0f32; D]; N];
    let mut s: u32 = 12345;
    let mut i = 0;
    while i < N {
        let mut j = 0;
        while j < D {
            s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let u = (s >> 8) as f32 / 16_777_216.0; // [0, 1)
            x[i][j] = centers[i % 3][j] + (u - 0.5) * 1.6;
            j += 1;
        }
        i += 1;
    }
    x[N - 2] = [10.0, 10.0];
    x[N - 1] = [-4.0, 5.0];
    x
}
