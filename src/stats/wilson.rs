//! The Wilson score interval for a proportion of successes.
//!
//! For `x` successes in `n` trials, `p = x / n` and a normal quantile `z`:
//!
//! ```text
//! centre = (p + z² / 2n) / (1 + z² / n)
//! half   = z / (1 + z² / n) · √( p(1 − p) / n + z² / 4n² )
//! interval = [centre − half, centre + half]
//! ```
//!
//! Unlike the textbook `p ± z·√(p(1−p)/n)`, it stays inside [0, 1] and is
//! honest at 0 and n successes and for small groups, which is what the
//! committee's groups are. **Chosen:** `z = 1.96`, the usual two-sided 95 %
//! value ([`Z95`]).

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::money::Share;

/// The normal quantile for a two-sided 95 % interval, as commonly rounded.
pub const Z95: Decimal = dec!(1.96);

/// A two-sided interval for a share, `low <= high`, both within [0, 1].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    pub low: Share,
    pub high: Share,
}

impl Interval {
    /// Whether the two intervals share at least one value: two groups whose
    /// 95 % intervals overlap cannot be told apart on the data so far.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.low <= other.high && other.low <= self.high
    }

    pub fn contains(&self, share: Share) -> bool {
        self.low <= share && share <= self.high
    }
}

/// The 95 % Wilson score interval for `successes` of `trials`; `None` when
/// there are no trials or more successes than trials.
pub fn wilson(successes: u64, trials: u64) -> Option<Interval> {
    wilson_z(successes, trials, Z95)
}

/// The Wilson score interval with the normal quantile `z`.
pub fn wilson_z(successes: u64, trials: u64, z: Decimal) -> Option<Interval> {
    if trials == 0 || successes > trials {
        return None;
    }
    let n = Decimal::from(trials);
    let p = Decimal::from(successes) / n;
    let z2 = z * z;
    let denominator = Decimal::ONE + z2 / n;
    let centre = (p + z2 / (dec!(2) * n)) / denominator;
    let radicand = p * (Decimal::ONE - p) / n + z2 / (dec!(4) * n * n);
    let half = z / denominator * super::sqrt::sqrt(radicand)?;
    // The formula stays within [0, 1]; clamping only removes the last
    // digit's rounding at the ends (0 and n successes).
    let low = (centre - half).max(Decimal::ZERO);
    let high = (centre + half).min(Decimal::ONE);
    Some(Interval { low: Share::from_ratio(low), high: Share::from_ratio(high) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(i: Interval) -> (Decimal, Decimal) {
        (i.low.percent(2), i.high.percent(2))
    }

    #[test]
    fn half_of_two_by_hand() {
        // p = 1/2, z² = 3.8416, 1 + z²/2 = 2.9208, centre = (0.5 + 0.9604)/2.9208 = 0.5;
        // half = 1.96/2.9208 · √(0.25/2 + 3.8416/16) = 0.671049 · √0.3651
        //      = 0.671049 · 0.604235 = 0.405471 → [9.45 %, 90.55 %].
        assert_eq!(pct(wilson(1, 2).unwrap()), (dec!(9.45), dec!(90.55)));
    }

    #[test]
    fn none_and_all_successes_by_hand() {
        // x = 0: centre = half = z²/(2(n + z²)), so low = 0 and
        // high = z²/(n + z²) = 3.8416/13.8416 = 0.277540 → 27.75 %.
        assert_eq!(pct(wilson(0, 10).unwrap()), (dec!(0.00), dec!(27.75)));
        // x = n: the mirror image, low = n/(n + z²) = 10/13.8416 = 0.722460.
        assert_eq!(pct(wilson(10, 10).unwrap()), (dec!(72.25), dec!(100.00)));
    }

    #[test]
    fn the_minutes_total_success_rate_by_hand() {
        // 40 ended in job of 75 ended ordinarily (53.3 %): p = 0.533333,
        // z²/n = 0.051221, centre = (0.533333 + 0.025611)/1.051221 = 0.531711,
        // half = 1.96/1.051221 · √(0.533333·0.466667/75 + 3.8416/22500)
        //      = 1.864498 · √(0.003318519 + 0.000170738) = 1.864498 · 0.059070
        //      = 0.110137 → [42.16 %, 64.18 %].
        assert_eq!(pct(wilson(40, 75).unwrap()), (dec!(42.16), dec!(64.18)));
        // Dagpenge, 30 of 56 (53.6 %): [40.70 %, 65.98 %]; the two overlap.
        let dagpenge = wilson(30, 56).unwrap();
        assert_eq!(pct(dagpenge), (dec!(40.70), dec!(65.98)));
        assert!(dagpenge.overlaps(&wilson(40, 75).unwrap()));
        assert!(dagpenge.contains(Share::of(1, 2).unwrap()));
    }

    #[test]
    fn intervals_apart_and_touching() {
        // 0 of 10 reaches 27.75 %; 10 of 10 starts at 72.25 %: apart.
        let none = wilson(0, 10).unwrap();
        let all = wilson(10, 10).unwrap();
        assert!(!none.overlaps(&all) && !all.overlaps(&none));
        let a = Interval { low: Share::from_ratio(dec!(0.1)), high: Share::from_ratio(dec!(0.3)) };
        let b = Interval { low: Share::from_ratio(dec!(0.3)), high: Share::from_ratio(dec!(0.5)) };
        assert!(a.overlaps(&b) && b.overlaps(&a), "a shared end point is an overlap");
        assert!(!a.contains(Share::from_ratio(dec!(0.31))));
    }

    #[test]
    fn no_interval_without_trials_or_with_impossible_counts() {
        assert_eq!(wilson(0, 0), None);
        assert_eq!(wilson(3, 2), None);
    }

    #[test]
    fn a_wider_quantile_gives_a_wider_interval() {
        let (l95, h95) = pct(wilson(8, 15).unwrap());
        let (l99, h99) = pct(wilson_z(8, 15, dec!(2.576)).unwrap());
        assert!(l99 < l95 && h95 < h99);
        // 8 of 15 at z = 1.96: [30.12 %, 75.19 %].
        assert_eq!((l95, h95), (dec!(30.12), dec!(75.19)));
    }
}
