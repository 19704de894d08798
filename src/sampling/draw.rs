//! The draw: reproducible from its seed. Each stratum (a milestone, in the
//! order the milestones are first met in the population sorted by payment
//! id) is shuffled by Fisher–Yates on its payments in id order, and its
//! first `n_h` are taken. The random numbers are SplitMix64's (a published
//! 64-bit generator, written out here so that the same seed gives the same
//! sample on every machine and every version).

use super::Paid;
use super::size::allocate;

struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `bound` (> 0), without modulo bias (rejection).
    fn below(&mut self, bound: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % bound;
        loop {
            let x = self.next();
            if x < zone {
                return x % bound;
            }
        }
    }
}

/// The strata of a population: (milestone, its payments in id order).
pub fn strata(population: &[Paid]) -> Vec<(String, Vec<Paid>)> {
    let mut sorted: Vec<Paid> = population.to_vec();
    sorted.sort_by_key(|p| p.payment_id);
    let mut out: Vec<(String, Vec<Paid>)> = Vec::new();
    for p in sorted {
        match out.iter_mut().find(|(m, _)| *m == p.milestone) {
            Some((_, v)) => v.push(p),
            None => out.push((p.milestone.clone(), vec![p])),
        }
    }
    out
}

/// Draws `n` payments, stratified by milestone; the sample in payment id
/// order, with each stratum's size (N_h) and sample size (n_h).
pub fn draw(population: &[Paid], n: u64, seed: u64) -> (Vec<Paid>, Vec<(String, u64, u64)>) {
    let strata = strata(population);
    let sizes: Vec<u64> = strata.iter().map(|(_, v)| v.len() as u64).collect();
    let shares = allocate(n, &sizes);
    let mut rng = SplitMix64(seed);
    let mut sample = Vec::new();
    let mut plan = Vec::new();
    for ((milestone, mut items), k) in strata.into_iter().zip(shares) {
        let len = items.len();
        let k = usize::try_from(k).unwrap_or(len).min(len);
        for i in 0..k {
            let j = i + rng.below((len - i) as u64) as usize;
            items.swap(i, j);
        }
        plan.push((milestone, len as u64, k as u64));
        sample.extend(items.into_iter().take(k));
    }
    sample.sort_by_key(|p| p.payment_id);
    (sample, plan)
}
