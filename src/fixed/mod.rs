//! Fixed-capacity, typed models for Rust firmware (embassy, RTIC, bare
//! `cortex-m-rt`): no allocation, no byte counts, available without the `std`
//! feature.
//!
//! Capacities are const generics: a [`KMeans`] holds at most `N` samples of
//! `D` features in `K` clusters, a [`Dbscan`] at most `N` samples of `D`
//! features, a [`Gmm`] `K` Gaussian components over at most `N` samples of `D`
//! features, a [`StandardScaler`] `D` features. Samples are rows `[S; D]`
//! (`S` is `f32` or `f64`). Each model owns its outputs (arrays, and
//! `heapless` vectors for DBSCAN's core samples) and its workspace, a byte
//! array whose length is computed when the program is compiled by the
//! `const fn` mirrors of the size queries ([`kmeans_bytes`],
//! [`dbscan_bytes`], [`gmm_bytes`]); the macros
//! [`fixed_kmeans!`](crate::fixed_kmeans), [`fixed_dbscan!`](crate::fixed_dbscan)
//! and [`fixed_gmm!`](crate::fixed_gmm) spell the type with that length filled
//! in. (Generic code cannot use them on its own parameters, a limit of stable
//! Rust: it takes the length as a parameter `W` and its caller spells it.) A too-small workspace or an impossible capacity (`K > N`) is a
//! compile error when the model is created.
//!
//! Every method calls the allocation-free core ([`crate::kmeans`],
//! [`crate::dbscan`], [`crate::gmm`], [`crate::preprocessing`]), so results are bit for bit
//! those of the C API and the owned wrapper on the same data, and failures
//! are the same [`Error`](crate::Error) values (a fit of more than `N` rows is
//! `InvalidShape("x")`).
//!
//! ```
//! use nanoclust::fixed::{StandardScaler, KMeans};
//! use nanoclust::kmeans::KMeansParams;
//!
//! // At most 16 samples of 2 features, 2 clusters; the workspace length is computed.
//! type Model = nanoclust::fixed_kmeans!(f32, 16, 2, 2);
//! static mut _IN_A_STATIC: Model = Model::new(KMeansParams::new(2)); // `new` is const
//!
//! let x: [[f32; 2]; 6] = [
//!     [0.0, 0.1], [0.2, 0.0], [0.1, 0.2],
//!     [5.0, 5.1], [5.2, 5.0], [5.1, 4.9],
//! ];
//! let mut scaler = StandardScaler::<f32, 2>::new();
//! scaler.fit(&x).unwrap();
//! let mut xs = x;
//! scaler.transform_in_place(&mut xs).unwrap();
//!
//! let mut model = Model::new(KMeansParams::new(2));
//! let fit = model.fit(&xs, None).unwrap();
//! assert!(fit.converged);
//! let l = model.labels();
//! assert!(l[0] == l[1] && l[1] == l[2] && l[3] == l[4] && l[4] == l[5] && l[0] != l[3]);
//!
//! let (label, _sq) = model.predict_one(&xs[4]).unwrap();
//! assert_eq!(label as i32, l[4]);
//! model.partial_fit(&xs[..3], None).unwrap(); // one mini-batch step
//! ```
//!
//! A type spelled with too small a workspace does not compile:
//!
//! ```compile_fail
//! use nanoclust::{fixed::KMeans, kmeans::KMeansParams};
//! let _m = KMeans::<f32, 16, 2, 2, 64>::new(KMeansParams::new(2));
//! ```

mod dbscan;
mod gmm;
mod kmeans;
mod scaler;
mod sizes;

pub use dbscan::Dbscan;
pub use gmm::Gmm;
pub use kmeans::KMeans;
pub use scaler::StandardScaler;
pub use sizes::{
    dbscan_bytes, dbscan_fit_bytes, dbscan_predict_bytes, gmm_bytes, gmm_fit_bytes,
    gmm_predict_bytes, kmeans_bytes, kmeans_fit_bytes, kmeans_partial_fit_bytes,
};

/// The type of a [`fixed::KMeans`](crate::fixed::KMeans) with element type
/// `S`, at most `N` samples, `D` features and `K` clusters, and the workspace
/// length computed at compile time: `fixed_kmeans!(f32, 64, 2, 3)`.
#[macro_export]
macro_rules! fixed_kmeans {
    ($s:ty, $n:expr, $d:expr, $k:expr) => {
        $crate::fixed::KMeans<
            $s,
            { $n },
            { $d },
            { $k },
            { $crate::fixed::kmeans_bytes::<$s>($n, $d, $k) },
        >
    };
}

/// The type of a [`fixed::Dbscan`](crate::fixed::Dbscan) with element type
/// `S`, at most `N` samples of `D` features, and the workspace length
/// computed at compile time: `fixed_dbscan!(f32, 64, 2)`.
#[macro_export]
macro_rules! fixed_dbscan {
    ($s:ty, $n:expr, $d:expr) => {
        $crate::fixed::Dbscan<$s, { $n }, { $d }, { $crate::fixed::dbscan_bytes::<$s>($n, $d) }>
    };
}

/// The type of a [`fixed::Gmm`](crate::fixed::Gmm) with element type `S`, at
/// most `N` samples of `D` features, `K` components, and the workspace length
/// computed at compile time: `fixed_gmm!(f32, 64, 2, 3)`.
#[macro_export]
macro_rules! fixed_gmm {
    ($s:ty, $n:expr, $d:expr, $k:expr) => {
        $crate::fixed::Gmm<
            $s,
            { $n },
            { $d },
            { $k },
            { $crate::fixed::gmm_bytes::<$s>($n, $d, $k) },
        >
    };
}
