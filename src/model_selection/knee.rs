//! The knee (elbow) of a curve: the point farthest from the chord.
//!
//! Both axes are scaled to `[0, 1]` (x by index, y by its range), the chord
//! joins the first and the last point, and the knee is the point with the
//! largest perpendicular distance to it (the "maximum distance to the chord"
//! rule, as in the Kneedle method of Satopää et al., 2011, without smoothing).
//! It serves both curves users read: the decreasing k-means inertia over k
//! (the elbow) and the increasing sorted k-distance curve of DBSCAN (the eps).
//! Ties go to the lowest index; a straight or flat curve has no knee.

/// The index of the knee of `y` (values at equally spaced x), or `None` when
/// the curve has fewer than 3 points, is not finite, or is a straight line
/// (every point on the chord).
pub fn knee_index(y: &[f64]) -> Option<usize> {
    let n = y.len();
    let (&first, &last) = (y.first()?, y.last()?);
    if n < 3 || y.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let (lo, hi) = y
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    let range = hi - lo;
    if range <= 0.0 || !range.is_finite() {
        return None;
    }
    let span = (n - 1) as f64;
    // Chord from (0, y0) to (1, y1) in scaled coordinates; the perpendicular
    // distance is |dy * x - y + y0| / sqrt(1 + dy^2), and the denominator is a
    // constant, so it is left out of the comparison.
    let (y0, y1) = ((first - lo) / range, (last - lo) / range);
    let dy = y1 - y0;
    let mut best: Option<(usize, f64)> = None;
    for (i, &v) in y.iter().enumerate() {
        let x = i as f64 / span;
        let dist = (dy * x + y0 - (v - lo) / range).abs();
        if dist > best.map_or(1e-12, |(_, b)| b) {
            best = Some((i, dist));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elbow_of_a_decreasing_inertia_curve() {
        // Inertia of planted 3-cluster data: steep drop until k = 3, then flat.
        let inertia = [1000.0, 420.0, 60.0, 52.0, 46.0, 41.0, 37.0, 34.0, 31.0];
        assert_eq!(knee_index(&inertia), Some(2)); // k = k_min + 2
    }

    #[test]
    fn knee_of_an_increasing_k_distance_curve() {
        // Sorted k-distances: dense points near 0.2, then noise shooting up.
        let mut d = [0.0f64; 100];
        for (i, v) in d.iter_mut().enumerate() {
            *v = if i < 90 {
                0.18 + 0.0005 * i as f64
            } else {
                0.25 + 0.5 * (i - 89) as f64
            };
        }
        assert_eq!(knee_index(&d), Some(89));
    }

    #[test]
    fn a_right_angle_has_its_knee_at_the_corner() {
        assert_eq!(knee_index(&[10.0, 0.0, 0.0, 0.0, 0.0]), Some(1));
        assert_eq!(knee_index(&[0.0, 0.0, 0.0, 0.0, 10.0]), Some(3));
    }

    #[test]
    fn no_knee_on_lines_short_or_invalid_curves() {
        assert_eq!(knee_index(&[1.0, 2.0, 3.0, 4.0]), None);
        assert_eq!(knee_index(&[5.0, 5.0, 5.0]), None);
        assert_eq!(knee_index(&[1.0, 2.0]), None);
        assert_eq!(knee_index(&[]), None);
        assert_eq!(knee_index(&[1.0, f64::NAN, 3.0]), None);
        assert_eq!(
            knee_index(&[1.0, f64::MAX, -f64::MAX]),
            None,
            "infinite range"
        );
    }
}
