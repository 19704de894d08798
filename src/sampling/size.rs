//! The sample size: the least n for which a population with the tolerable
//! error rate would show at least one error with the confidence asked for,
//! i.e. the least n with (1 − tolerable)ⁿ ≤ 1 − confidence (attribute
//! sampling expecting no errors). 95 % and 5 %: 0.95⁵⁸ = 0.0510 > 0.05 and
//! 0.95⁵⁹ = 0.0485, so 59. Never more than the population. Computed by
//! repeated multiplication in decimals: no logarithms, no floating point.

use rust_decimal::Decimal;

use super::Confidence;

/// The largest sample this rule gives (a tolerable rate so small that more
/// would be needed is refused by the caller).
pub const MAX: u64 = 100_000;

/// The sample size for `confidence` and `tolerable` (a ratio, above 0 and
/// below 1), capped at `population`; `None` for a tolerable rate outside
/// (0, 1) or one needing more than [`MAX`].
pub fn sample_size(confidence: Confidence, tolerable: Decimal, population: u64) -> Option<u64> {
    if tolerable <= Decimal::ZERO || tolerable >= Decimal::ONE {
        return None;
    }
    let miss = Decimal::ONE - confidence.level();
    let keep = Decimal::ONE - tolerable;
    let mut p = Decimal::ONE;
    for n in 1..=MAX {
        p *= keep;
        if p <= miss {
            return Some(n.min(population));
        }
    }
    None
}

/// Shares `n` between strata of the given sizes in proportion to their
/// sizes (largest remainder; ties to the earlier stratum), each non-empty
/// stratum getting at least one when `n` allows, none more than its size.
pub fn allocate(n: u64, sizes: &[u64]) -> Vec<u64> {
    let total: u64 = sizes.iter().sum();
    let n = n.min(total);
    if total == 0 {
        return vec![0; sizes.len()];
    }
    let mut out: Vec<u64> = sizes.iter().map(|s| n * s / total).collect();
    let mut rest: Vec<(u64, usize)> = sizes.iter().enumerate().map(|(i, s)| ((n * s) % total, i)).collect();
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut left = n - out.iter().sum::<u64>();
    for (_, i) in rest {
        if left == 0 {
            break;
        }
        out[i] += 1;
        left -= 1;
    }
    // A non-empty stratum with none gets one from the largest allocation.
    let non_empty = sizes.iter().filter(|s| **s > 0).count() as u64;
    if n >= non_empty {
        for i in 0..sizes.len() {
            if sizes[i] > 0 && out[i] == 0 {
                let (j, _) = out.iter().enumerate().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0))).unwrap_or((i, &0));
                if out[j] > 1 {
                    out[j] -= 1;
                    out[i] = 1;
                }
            }
        }
    }
    out
}
