//! Edge class 4 (issue #13): Davies-Bouldin with centroids that coincide in
//! exact arithmetic (one big cluster plus singletons that duplicate its
//! centroid). Fixtures from `tools/gen_edges_fixtures.py`: the score computed
//! with exact rational centroids (coinciding centroids contribute 0) and
//! scikit-learn 1.7.2's score, which agrees except where its own rounding
//! leaves a tiny non-zero separation.
#![cfg(feature = "std")]

mod common;

use common::{f64s, fixture, i64s};
use nanoclust::owned::metrics::{calinski_harabasz, davies_bouldin};

#[test]
fn coinciding_centroids_have_exactly_zero_separation() {
    let f = fixture("edges/davies_bouldin.json");
    let cases = f["cases"].as_array().unwrap();
    assert!(cases.len() >= 6);
    let mut agree_with_sklearn = 0;
    for (i, c) in cases.iter().enumerate() {
        let x = f64s(&c["x"]);
        let d = c["d"].as_u64().unwrap() as usize;
        let labels: Vec<i32> = i64s(&c["labels"]).iter().map(|&v| v as i32).collect();
        let exact = c["exact"].as_f64().unwrap();
        let got = davies_bouldin(&x, d, &labels).unwrap();
        assert!(
            (got - exact).abs() <= 1e-12 * exact,
            "case {i}: {got} vs exact {exact}"
        );
        let sk = c["sklearn"].as_f64().unwrap();
        if (sk - exact).abs() <= 1e-9 * exact {
            agree_with_sklearn += 1;
            assert!(
                (got - sk).abs() <= 1e-9 * sk,
                "case {i}: {got} vs scikit-learn {sk}"
            );
        }
        assert!(calinski_harabasz(&x, d, &labels).unwrap().is_finite());
    }
    assert!(agree_with_sklearn >= 4);
}

#[test]
fn exact_duplicates_of_a_mean_that_rounds() {
    // 0.1 + 0.2 + 0.3 rounds; the correctly rounded mean of {0.1, 0.2, 0.3}
    // is the double 0.2, so the singleton {0.2} coincides with cluster 0.
    let x = [0.1f64, 0.2, 0.3, 0.2, 5.0, 5.5];
    let labels = [0, 0, 0, 1, 2, 2];
    let db = davies_bouldin(&x, 1, &labels).unwrap();
    // Clusters 0 and 2 only: s0 = (0.1 + 0 + 0.1) / 3, s2 = 0.25, |m0 - m2| = 5.05;
    // cluster 1 (s = 0) against cluster 2: 0.25 / 5.05.
    let s0 = (0.1f64 + 0.1) / 3.0;
    let want = ((s0 + 0.25) / 5.05 + 0.25 / 5.05 + (0.25 + s0) / 5.05) / 3.0;
    assert!((db - want).abs() <= 1e-9 * want, "{db} vs {want}");
}
