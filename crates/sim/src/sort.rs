//! One stable sort for the whole crate, to keep the wasm small.
//!
//! Each `sort_by_key` call site instantiates the standard library's stable sort anew for its element
//! type and key closure (about 3 KB of wasm each). Here every caller sorts the same thing instead —
//! `(key, key, original index)` triples with `sort_unstable` — and then moves its elements into that
//! order. The index breaks ties, so equal keys keep their order: the result is exactly that of a
//! stable sort.

/// Sorts `v` by `key`, keeping equal keys in their original order (like `sort_by_key`).
pub(crate) fn sort_stable_by_key<T>(v: &mut [T], key: impl Fn(&T) -> (u64, u64)) {
    let mut order: Vec<(u64, u64, usize)> = v
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let (a, b) = key(x);
            (a, b, i)
        })
        .collect();
    order.sort_unstable();
    // Apply the permutation in place (as `slice::sort_by_cached_key` does): position `i` takes the
    // element that was at `order[i].2`; earlier swaps may have moved it, so follow the chain.
    for i in 0..v.len() {
        let mut from = order[i].2;
        while from < i {
            from = order[from].2;
        }
        order[i].2 = from;
        v.swap(i, from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_standard_stable_sort() {
        // Many equal keys, so stability is what decides the order.
        let mut seed = 7u64;
        for len in [0, 1, 2, 3, 10, 100, 1000] {
            let xs: Vec<(u64, u64, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 60) % 5, (seed >> 40) % 3, i)
                })
                .collect();
            let mut ours = xs.clone();
            sort_stable_by_key(&mut ours, |x| (x.0, x.1));
            let mut std = xs.clone();
            std.sort_by_key(|x| (x.0, x.1));
            assert_eq!(ours, std, "len {len}");
            let mut ours = xs.clone();
            sort_stable_by_key(&mut ours, |x| (x.1, 0));
            let mut std = xs;
            std.sort_by_key(|x| x.1);
            assert_eq!(ours, std, "len {len}, one key");
        }
    }
}
