//! In-place heapsort (Williams, 1964): O(n log n), no allocation, no recursion
//! and no panic path (the standard library's sorts may panic on an inconsistent
//! order, which the panic-freedom gate rejects). Not stable.

/// Swaps `s[i]` and `s[j]` if both are in bounds (a no-op otherwise): unlike
/// `slice::swap`, it has no panic path for the optimiser to keep.
#[inline(always)]
pub fn swap_checked<T: Copy>(s: &mut [T], i: usize, j: usize) {
    if let (Some(&a), Some(&b)) = (s.get(i), s.get(j)) {
        if let Some(x) = s.get_mut(i) {
            *x = b;
        }
        if let Some(x) = s.get_mut(j) {
            *x = a;
        }
    }
}

/// Sorts `v` so that no element is `less` than one before it. `less` must be a
/// strict weak order for a sorted result; any other order still terminates.
pub fn heapsort_by<T: Copy>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let len = v.len();
    let mut start = len / 2;
    while start > 0 {
        start -= 1;
        sift_down(v, start, len, &less);
    }
    let mut end = len;
    while end > 1 {
        end -= 1;
        swap_checked(v, 0, end);
        sift_down(v, 0, end, &less);
    }
}

/// Restores the max-heap property of `v[..end]` below `root`.
fn sift_down<T: Copy>(v: &mut [T], mut root: usize, end: usize, less: &impl Fn(&T, &T) -> bool) {
    let end = end.min(v.len());
    loop {
        let left = match root.checked_mul(2).and_then(|r| r.checked_add(1)) {
            Some(c) if c < end => c,
            _ => return,
        };
        let mut child = left;
        if let (Some(l), Some(r)) = (v.get(left), v.get(left.saturating_add(1))) {
            if left + 1 < end && less(l, r) {
                child = left + 1;
            }
        }
        match (v.get(root), v.get(child)) {
            (Some(r), Some(c)) if less(r, c) => {
                swap_checked(v, root, child);
                root = child;
            }
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::vec::Vec;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut rng = crate::rng::Rng::new(9);
        for len in 0..70 {
            let mut v: Vec<u64> = (0..len).map(|_| rng.below(20)).collect();
            let mut want = v.clone();
            want.sort();
            heapsort_by(&mut v, |a, b| a < b);
            assert_eq!(v, want, "len {len}");
        }
        let mut f = [3.5f32, -1.0, 0.0, 2.0, -7.25];
        heapsort_by(&mut f, |a, b| a < b);
        assert_eq!(f, [-7.25, -1.0, 0.0, 2.0, 3.5]);
        let mut desc = [1, 5, 2];
        heapsort_by(&mut desc, |a, b| a > b);
        assert_eq!(desc, [5, 2, 1]);
    }

    #[test]
    fn an_inconsistent_order_terminates() {
        let mut v = [3, 1, 2, 5, 4];
        heapsort_by(&mut v, |_, _| true);
        v.sort();
        assert_eq!(v, [1, 2, 3, 4, 5], "a permutation of the input");
    }
}
