//! Which course ids a batch has seen, and which course had each first. For a
//! million courses a map from owned strings held about 100 MB; here the ids
//! are kept one after another in one string and found by a 64-bit hash
//! (ids whose hash an earlier, different id already has are kept by text,
//! so the answer is exact).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

/// The key is already a hash.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

fn fx(id: &str) -> u64 {
    let mut h = FxHasher::default();
    id.hash(&mut h);
    h.finish()
}

pub(super) struct SeenIds {
    hash: fn(&str) -> u64,
    /// The ids seen, one after another.
    text: String,
    /// Per id in `text`: where it ends, and the index of its course.
    seen: Vec<(usize, usize)>,
    /// An id's hash → its place in `seen`.
    by_hash: HashMap<u64, usize, BuildHasherDefault<Identity>>,
    /// Ids whose hash an earlier, different id has.
    others: FxHashMap<String, usize>,
}

impl Default for SeenIds {
    fn default() -> Self {
        SeenIds::with_hash(fx)
    }
}

impl SeenIds {
    fn with_hash(hash: fn(&str) -> u64) -> SeenIds {
        SeenIds {
            hash,
            text: String::new(),
            seen: Vec::new(),
            by_hash: HashMap::default(),
            others: FxHashMap::default(),
        }
    }

    /// The course that had `id` first, or `None` (and `id` is now course `i`'s).
    pub(super) fn first(&mut self, id: &str, i: usize) -> Option<usize> {
        match self.by_hash.entry((self.hash)(id)) {
            Entry::Vacant(v) => {
                v.insert(self.seen.len());
                self.text.push_str(id);
                self.seen.push((self.text.len(), i));
                None
            }
            Entry::Occupied(o) => {
                let k = *o.get();
                let start = if k == 0 { 0 } else { self.seen[k - 1].0 };
                let (end, j) = self.seen[k];
                if &self.text[start..end] == id {
                    return Some(j);
                }
                match self.others.entry(id.to_string()) {
                    Entry::Occupied(o) => Some(*o.get()),
                    Entry::Vacant(v) => {
                        v.insert(i);
                        None
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(mut seen: SeenIds) -> Vec<Option<usize>> {
        ["a", "b", "a", "cc", "b", "", "cc", "", "d"].iter().enumerate().map(|(i, id)| seen.first(id, i)).collect()
    }

    #[test]
    fn a_repeated_id_names_the_course_that_had_it_first() {
        // courses 2 and 4 repeat 0 and 1; 6 repeats 3; 7 repeats 5.
        let want = [None, None, Some(0), None, Some(1), None, Some(3), Some(5), None];
        assert_eq!(run(SeenIds::default()), want);
        // Every id with the same hash: still told apart by their text.
        assert_eq!(run(SeenIds::with_hash(|_| 7)), want);
    }
}
