//! A k-means fit with optional weights and initial centers, over the one owned
//! call shape (`fit`, `fit_weighted`, `fit_from`, `fit_from_weighted`).

use nanoclust::owned::kmeans::{KMeans, KMeansFit};

/// Dispatches on which of the weights and initial centers are given.
pub trait FitFull {
    fn fit_full_chain<S: nanoclust::Scalar>(
        &self,
        x: &[S],
        d: usize,
        w: Option<&[S]>,
        init: Option<&[S]>,
    ) -> nanoclust::Result<KMeansFit<S>>;
}

impl FitFull for KMeans {
    fn fit_full_chain<S: nanoclust::Scalar>(
        &self,
        x: &[S],
        d: usize,
        w: Option<&[S]>,
        init: Option<&[S]>,
    ) -> nanoclust::Result<KMeansFit<S>> {
        match (w, init) {
            (None, None) => self.fit(x, d),
            (Some(w), None) => self.fit_weighted(x, d, w),
            (None, Some(c)) => self.fit_from(x, d, c),
            (Some(w), Some(c)) => self.fit_from_weighted(x, d, c, w),
        }
    }
}
